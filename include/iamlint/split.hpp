// Splitting the lines of the embedded data tables (data/*.tsv) into their fields and lists.
#pragma once

#include <string_view>
#include <vector>

namespace iamlint {

// Calls visit with each part of `text` between separators, empty ones included: "a,,b" -> "a", "", "b";
// "" -> "". For lists read once, without a vector each.
template <typename Visit>
void for_each_part(std::string_view text, char separator, Visit&& visit) {
    for (std::size_t start = 0;;) {
        const std::size_t end = text.find(separator, start);
        visit(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
        if (end == std::string_view::npos) return;
        start = end + 1;
    }
}

// The same parts, listed.
inline std::vector<std::string_view> split(std::string_view text, char separator) {
    std::vector<std::string_view> parts;
    // Room for a table line's fields at once: growing from one element made three allocations of
    // every four-field line. (Counting the separators first costs more than it saves.)
    parts.reserve(10);
    for_each_part(text, separator, [&](std::string_view part) { parts.push_back(part); });
    return parts;
}

}  // namespace iamlint
