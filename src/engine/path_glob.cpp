#include "iamlint/path_glob.hpp"

#include <algorithm>

namespace iamlint {

bool path_glob_match(std::string_view pattern, std::string_view path) {
    // Iterative matching with one backtrack point per kind of star, as in wildcard matching.
    std::size_t p = 0, t = 0;
    std::size_t star_p = std::string_view::npos, star_t = 0;  // last '*' (stays within a segment)
    std::size_t deep_p = std::string_view::npos, deep_t = 0;  // last '**' (crosses segments)
    while (t < path.size()) {
        if (p + 1 < pattern.size() && pattern[p] == '*' && pattern[p + 1] == '*') {
            p += 2;
            if (p < pattern.size() && pattern[p] == '/') ++p;  // "**/" also matches no folder at all
            deep_p = p;
            deep_t = t;
            star_p = std::string_view::npos;
        } else if (p < pattern.size() && pattern[p] == '*') {
            star_p = ++p;
            star_t = t;
        } else if (p < pattern.size() && (pattern[p] == path[t] || (pattern[p] == '?' && path[t] != '/'))) {
            ++p;
            ++t;
        } else if (star_p != std::string_view::npos && path[star_t] != '/') {
            p = star_p;
            t = ++star_t;
        } else if (deep_p != std::string_view::npos) {
            p = deep_p;
            t = ++deep_t;
            star_p = std::string_view::npos;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*') ++p;
    return p == pattern.size();
}

bool path_globs_match(const std::vector<std::string>& globs, std::string_view relative) {
    const std::size_t slash = relative.rfind('/');
    const std::string_view name = slash == std::string_view::npos ? relative : relative.substr(slash + 1);
    return std::any_of(globs.begin(), globs.end(), [&](const std::string& glob) {
        return glob.find('/') == std::string::npos ? path_glob_match(glob, name)
                                                   : path_glob_match(glob, relative);
    });
}

}  // namespace iamlint
