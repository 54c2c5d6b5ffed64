// YAML text -> the same JsonDocument tree that parse_json builds, so that everything after the parse step
// (loaders, model, rules, reports) reads YAML and JSON alike.
//
// - Ranges are exact, as for JSON: 1-based lines, code-point columns, end exclusive. A scalar's range
//   covers its quotes or its block-scalar lines; a collection's covers its brackets, or from its first
//   key or "-" to the end of its last value.
// - Plain scalars take the YAML 1.2 core schema: null, true/false, integers and floats become those
//   JSON types (a number keeps its text as written); everything else, and every quoted or block
//   scalar, is a string. Explicit tags !!str, !!int, !!float, !!bool and !!null are honoured.
// - CloudFormation short forms become their long form: `!Sub x` is {"Fn::Sub": x}, `!Ref x` is
//   {"Ref": x}, `!Condition x` is {"Condition": x}, `!GetAtt A.B` is {"Fn::GetAtt": ["A", "B"]}. The
//   object's range runs from the tag to the end of its value, and its key's range is the tag's.
// - An alias is a copy of its anchor's value, positions included: they are where the text is edited.
// - Duplicate keys are kept and reported as parse_json does. Merge keys ("<<") are ordinary keys.
// - A syntax error, more than one document, nesting beyond kMaxJsonDepth or aliases that expand too far
//   set `error` (with a position); nothing is thrown.
#pragma once

#include "iamlint/json.hpp"
#include "iamlint/source.hpp"

namespace iamlint {

JsonDocument parse_yaml(const SourceFile& source);

}  // namespace iamlint
