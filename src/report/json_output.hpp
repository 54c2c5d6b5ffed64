// The one way the JSON-based formats are serialized, so that their bytes never depend on who wrote them.
#pragma once

#include <ostream>

#include <nlohmann/json.hpp>

namespace iamlint::reporting {

// 2-space indent, non-ASCII kept as UTF-8, invalid UTF-8 replaced by U+FFFD instead of throwing (paths
// and messages may carry bytes straight from a broken file), and a trailing newline.
void write_json(const nlohmann::ordered_json& document, std::ostream& out);

}  // namespace iamlint::reporting
