// A policy's size as AWS counts it against its quotas.
#pragma once

#include <cstddef>

#include "iamlint/json.hpp"
#include "iamlint/source.hpp"

namespace iamlint::rules::kinds {

// The characters of the policy's JSON text without the whitespace outside strings, as IAM counts
// them: every character of a string as written (an escape such as \u00e9 is six characters, é is
// one), numbers as written, and the punctuation. Counted from the source text of each value, so the
// file's own spelling is what counts; where a value has no JSON text of its own (YAML, a string
// inside a string) its shortest JSON spelling counts, and a computed value (CloudFormation
// intrinsic, Terraform unknown) counts as an empty string: the result is never more than what AWS
// will count.
std::size_t policy_size(const SourceFile& source, const JsonValue& root);

}  // namespace iamlint::rules::kinds
