// The rows of a table the rules embed from data/*.tsv, read the one way they all are.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

namespace iamlint::rules {

// Calls row(line_number, fields) for each row of `text`: empty lines and '#' comments are skipped, and
// each row is cut at tabs into exactly N fields (a missing one is empty; any after the Nth are ignored).
// line_number counts from 1, for the table's own error messages.
template <std::size_t N, typename Row>
void for_each_tsv_row(std::string_view text, Row&& row) {
    std::size_t line_number = 0;
    while (!text.empty()) {
        ++line_number;
        const std::size_t end = text.find('\n');
        std::string_view line = text.substr(0, end);
        text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
        if (line.empty() || line.front() == '#') continue;
        std::array<std::string_view, N> fields;
        for (auto& field : fields) {
            const std::size_t tab = line.find('\t');
            field = line.substr(0, tab);
            line = tab == std::string_view::npos ? std::string_view() : line.substr(tab + 1);
        }
        row(line_number, fields);
    }
}

}  // namespace iamlint::rules
