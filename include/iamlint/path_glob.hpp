// Globs over '/'-separated paths, as folders are searched and as the configuration names files.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace iamlint {

// '*' and '?' stop at '/', '**' crosses it ("**/" also matches no folder at all).
bool path_glob_match(std::string_view pattern, std::string_view path);

// Whether any glob matches: one without '/' is matched against the last name of the path alone, so
// "*.json" matches at any depth; one with '/' against the whole path.
bool path_globs_match(const std::vector<std::string>& globs, std::string_view relative);

}  // namespace iamlint
