// Where something is in a source file.
#pragma once

#include <cstdint>
#include <string>

namespace iamlint {

// A stretch of source text. Lines and columns are 1-based; columns count Unicode code points; the end
// is exclusive (end_column is the column just after the last character), as in SARIF regions.
struct SourceRange {
    std::uint32_t offset = 0;  // byte offset of the first character
    std::uint32_t length = 0;  // in bytes
    std::uint32_t line = 0;
    std::uint32_t column = 0;
    std::uint32_t end_line = 0;
    std::uint32_t end_column = 0;

    bool empty() const { return line == 0; }
};

// Where an element of a policy model is: its bytes in the file's text, and no more. A dump's model holds
// millions of places and reports on few of them, so their lines and columns are worked out from the file
// (SourceFile::range) when a finding is made, not kept in every one.
struct SourceSpan {
    static constexpr std::uint32_t kNowhere = 0xFFFFFFFF;  // no place in the text: a whole-file finding
    std::uint32_t offset = kNowhere;
    std::uint32_t length = 0;

    SourceSpan() = default;
    SourceSpan(std::uint32_t offset, std::uint32_t length) : offset(offset), length(length) {}
    // Implicit: a place is made from the range of a value or key of the syntax tree.
    SourceSpan(const SourceRange& range)
        : offset(range.empty() ? kNowhere : range.offset), length(range.empty() ? 0 : range.length) {}

    bool empty() const { return offset == kNowhere; }
};

// A finding's place: the file, the range, and the JSON pointer of the element inside the document.
struct Location {
    std::string path;
    SourceRange range;
    std::string json_pointer;  // RFC 6901, "/Statement/0/Action/1"; "" is the whole document
};

}  // namespace iamlint
