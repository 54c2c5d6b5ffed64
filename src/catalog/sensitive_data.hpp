// The text of data/sensitive-actions.tsv and data/sensitive-services.tsv, compiled into the binary by
// CMake (cmake/embed_sensitive_tables.cmake).
#pragma once

#include <string_view>

namespace iamlint {

std::string_view sensitive_actions_text();
std::string_view sensitive_services_text();

}  // namespace iamlint
