// Splitting the lines of the embedded data tables (data/*.tsv) into their fields and lists.
#pragma once

#include <string_view>
#include <vector>

namespace iamlint {

// The parts of `text` between separators, empty ones included: "a,,b" -> {"a", "", "b"}; "" -> {""}.
inline std::vector<std::string_view> split(std::string_view text, char separator) {
    std::vector<std::string_view> parts;
    // Room for a table line's fields at once: growing from one element made three allocations of
    // every four-field line. (Counting the separators first costs more than it saves.)
    parts.reserve(10);
    for (std::size_t start = 0;;) {
        const std::size_t end = text.find(separator, start);
        parts.push_back(
            text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
        if (end == std::string_view::npos) return parts;
        start = end + 1;
    }
}

}  // namespace iamlint
