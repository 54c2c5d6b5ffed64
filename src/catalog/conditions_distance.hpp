// Edit distance for "did you mean" suggestions of condition operators and keys.
#pragma once

#include <algorithm>
#include <string_view>
#include <vector>

#include "iamlint/ascii.hpp"

namespace iamlint {

// Levenshtein distance with adjacent transpositions, ignoring ASCII case.
inline std::size_t edit_distance_ci(std::string_view a, std::string_view b) {
    const std::size_t n = b.size();
    std::vector<std::size_t> before(n + 1), previous(n + 1), current(n + 1);
    for (std::size_t j = 0; j <= n; ++j) previous[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        current[0] = i;
        for (std::size_t j = 1; j <= n; ++j) {
            const bool same = ascii_lower(a[i - 1]) == ascii_lower(b[j - 1]);
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (same ? 0 : 1)});
            if (i > 1 && j > 1 && ascii_lower(a[i - 1]) == ascii_lower(b[j - 2]) &&
                ascii_lower(a[i - 2]) == ascii_lower(b[j - 1])) {
                current[j] = std::min(current[j], before[j - 2] + 1);
            }
        }
        before.swap(previous);
        previous.swap(current);
    }
    return previous[n];
}

// How far a name may be from the text for a suggestion: a few typos, fewer in short names.
inline std::size_t suggestion_budget(std::string_view text) {
    return std::max<std::size_t>(1, std::min<std::size_t>(3, text.size() / 4));
}

}  // namespace iamlint
