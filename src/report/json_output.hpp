// The one way the JSON-based formats are serialized, so that their bytes never depend on who wrote them.
#pragma once

#include <ostream>
#include <string>

#include <nlohmann/json.hpp>

namespace iamlint::reporting {

// 2-space indent, non-ASCII kept as UTF-8, invalid UTF-8 replaced by U+FFFD instead of throwing (paths
// and messages may carry bytes straight from a broken file), and a trailing newline.
void write_json(const nlohmann::ordered_json& document, std::ostream& out);

// Appends `value` as write_json writes it where it stands `depth` levels deep in a document (the lines
// after its first indented by `depth` levels more), without a line ending: a document written piece by
// piece this way has the bytes write_json gives the whole.
void append_json_at_depth(std::string& out, const nlohmann::ordered_json& value, int depth);

}  // namespace iamlint::reporting
