// IAM's wildcard match, over any text that can be indexed, so that an action can be matched as
// "prefix:name" without building that string.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string_view>

#include "iamlint/ascii.hpp"
#include "iamlint/wildcards.hpp"

namespace iamlint {

constexpr bool is_wildcard(char c) {
    return c == '*' || c == '?';
}

// The literal part of a pattern before its first wildcard.
constexpr std::string_view literal_prefix(std::string_view pattern) {
    return pattern.substr(0, std::min(find_wildcard(pattern), pattern.size()));
}

constexpr bool matches_everything(std::string_view pattern) {
    return !pattern.empty() && pattern.find_first_not_of('*') == std::string_view::npos;
}

constexpr bool char_matches_ci(char pattern_char, char text_char) {
    return pattern_char == '?' || ascii_lower(pattern_char) == ascii_lower(text_char);
}

// What follows the last `*` can only match the same number of characters at the end of the text, so
// it is checked first: that rejects most texts in a comparison or two, and a pattern without `*` is
// settled by it alone. What precedes it ends with `*` and is matched greedily, resuming after the
// latest `*` one character further on at a mismatch: linear for the patterns people write,
// O(pattern * text) at worst, never exponential.
template <typename Text>
constexpr bool glob_match_ci(std::string_view pattern, const Text& text) {
    const std::size_t last_star = pattern.rfind('*');
    const std::string_view tail =
        last_star == std::string_view::npos ? pattern : pattern.substr(last_star + 1);
    if (text.size() < tail.size()) return false;
    if (last_star == std::string_view::npos && text.size() != tail.size()) return false;
    const std::size_t head_end = text.size() - tail.size();
    for (std::size_t i = 0; i < tail.size(); ++i) {
        if (!char_matches_ci(tail[i], text[head_end + i])) return false;
    }
    if (last_star == std::string_view::npos) return true;

    const std::string_view head = pattern.substr(0, last_star + 1);
    constexpr std::size_t kNoStar = std::string_view::npos;
    std::size_t p = 0;
    std::size_t t = 0;
    std::size_t star = kNoStar;
    std::size_t text_at_star = 0;
    while (t < head_end) {
        if (p == head.size()) return true;  // past the final `*`, which takes the rest
        if (head[p] == '*') {
            star = p++;
            text_at_star = t;
        } else if (char_matches_ci(head[p], text[t])) {
            ++p;
            ++t;
        } else if (star != kNoStar) {
            p = star + 1;
            t = ++text_at_star;
        } else {
            return false;
        }
    }
    while (p < head.size() && head[p] == '*') ++p;
    return p == head.size();
}

// "prefix:name" as one text.
struct QualifiedActionName {
    std::string_view prefix;
    std::string_view name;

    constexpr std::size_t size() const { return prefix.size() + 1 + name.size(); }
    constexpr char operator[](std::size_t i) const {
        if (i < prefix.size()) return prefix[i];
        return i == prefix.size() ? ':' : name[i - prefix.size() - 1];
    }
};

}  // namespace iamlint
