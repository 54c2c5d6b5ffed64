// The text of data/global-condition-keys.tsv, compiled into the binary by CMake
// (cmake/embed_global_condition_keys.cmake).
#pragma once

#include <string_view>

namespace iamlint {

std::string_view global_condition_keys_text();

}  // namespace iamlint
