// Finding IAM's wildcards, `*` and `?`, in a pattern: an action, an ARN, a condition value.
#pragma once

#include <string_view>

namespace iamlint {

// The position of the first `*` or `?`, or npos. One pass over the text: find_first_of("*?") calls
// memchr on the two-character set once per character of the text, and the rules ask this of every
// entry of every statement, several times over.
constexpr std::size_t find_wildcard(std::string_view text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '*' || text[i] == '?') return i;
    }
    return std::string_view::npos;
}

}  // namespace iamlint
