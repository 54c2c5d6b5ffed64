// Where a large JSON text's top-level arrays divide into elements, found by a scan that follows only
// strings and brackets, so that the elements can be parsed on several threads (parse_json).
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace iamlint {

// [begin, end): one element, without the whitespace around it.
struct JsonSpan {
    std::size_t begin = 0;
    std::size_t end = 0;
};

struct JsonArraySplit {
    std::size_t open = 0;   // offset of the '['
    std::size_t close = 0;  // offset of the ']'
    // The arrays and objects open around each element, this array included: 1 for the root array, 2
    // for the array of a root object's member.
    std::size_t depth = 0;
    std::vector<JsonSpan> elements;
};

// The arrays that are the root, or the values of the root object's members, with at least
// `min_elements` elements, in source order. Between two elements there is exactly one ',' and JSON
// whitespace, and between the brackets nothing but the elements, ',' and whitespace. That each element
// is one JSON value is for its parser to confirm, and the rest of the text too: the scan only follows strings
// and bracket depth. An array it cannot follow (an empty element, a bracket that does not close) is left out,
// and after a root object it cannot follow nothing more is found.
std::vector<JsonArraySplit> split_top_level_arrays(std::string_view text, std::size_t min_elements);

}  // namespace iamlint
