#include "iamlint/source.hpp"

#include <algorithm>
#include <cstring>

namespace iamlint {

namespace {
bool is_utf8_continuation(unsigned char c) {
    return (c & 0xC0) == 0x80;
}
}  // namespace

SourceFile::SourceFile(std::string path, std::string bytes) : path_(std::move(path)) {
    DecodedText decoded = decode_text(std::move(bytes));
    text_ = std::move(decoded.text);
    encoding_ = decoded.encoding;
    decoding_error_ = std::move(decoded.error);
    has_bom_ = text_.starts_with("\xEF\xBB\xBF");
    const char* begin = text_.data();
    const char* end = begin + text_.size();
    // A lone '\r' is not a line break for JSON positions; "\r\n" and '\n' are, so searching for '\n'
    // is enough and the '\r' is trimmed from line_text().
    const char* line = begin;
    while (true) {
        const char* newline = static_cast<const char*>(std::memchr(line, '\n', end - line));
        const char* line_end = newline ? newline : end;
        line_starts_.push_back(static_cast<std::uint32_t>(line - begin));
        const bool ascii = std::all_of(line, line_end, [](char c) { return (c & 0x80) == 0; });
        ascii_lines_.push_back(ascii);
        if (!ascii)
            add_column_checkpoints(static_cast<std::size_t>(line - begin),
                                   static_cast<std::size_t>(line_end - begin));
        if (!newline) break;
        line = newline + 1;
    }
}

void SourceFile::position_of(std::uint32_t offset, PositionHint& hint, std::uint32_t& line,
                             std::uint32_t& column) const {
    offset = std::min<std::uint32_t>(offset, static_cast<std::uint32_t>(text_.size()));
    const auto lines = static_cast<std::uint32_t>(line_starts_.size());
    std::uint32_t index = hint.line_index;
    if (index >= lines || line_starts_[index] > offset) index = 0;
    // The parser asks in source order, mostly for the hint's line or the next one; the rules ask
    // without a hint (line 0) for any offset of a file of millions of lines. Beyond the next line,
    // a binary search of the rest.
    if (index + 1 < lines && line_starts_[index + 1] <= offset) {
        if (index + 2 >= lines || line_starts_[index + 2] > offset) {
            ++index;
        } else {
            const auto after = std::upper_bound(line_starts_.begin() + index + 2, line_starts_.end(), offset);
            index = static_cast<std::uint32_t>(after - line_starts_.begin()) - 1;
        }
    }
    line = index + 1;
    if (ascii_lines_[index]) {
        column = offset - line_starts_[index] + 1;
    } else {
        // Count code points from the previous position when it is on this line and not past offset.
        // Editors do not show a UTF-8 byte order mark, so it takes no column.
        std::uint32_t from =
            index == 0 && has_bom_ ? std::min<std::uint32_t>(offset, 3) : line_starts_[index];
        column = 1;
        if (hint.line_index == index && hint.offset >= from && hint.offset <= offset) {
            from = hint.offset;
            column = hint.column;
        }
        // Or from the last checkpoint of this line before offset, when it is nearer.
        const auto after = std::upper_bound(column_checkpoints_.begin(), column_checkpoints_.end(), offset,
                                            [](std::uint32_t value, const ColumnCheckpoint& checkpoint) {
                                                return value < checkpoint.offset;
                                            });
        if (after != column_checkpoints_.begin() && std::prev(after)->offset > from) {
            from = std::prev(after)->offset;
            column = std::prev(after)->column;
        }
        for (std::uint32_t i = from; i < offset; ++i) {
            if (!is_utf8_continuation(static_cast<unsigned char>(text_[i]))) ++column;
        }
    }
    hint = {index, offset, column};
}

void SourceFile::add_column_checkpoints(std::size_t line_start, std::size_t line_end) {
    // Editors do not show a UTF-8 byte order mark, so it takes no column.
    std::size_t from = line_start == 0 && has_bom_ ? std::min<std::size_t>(line_end, 3) : line_start;
    std::uint32_t column = 1;
    for (std::size_t at = line_start + kColumnCheckpointStride; at < line_end;
         at += kColumnCheckpointStride) {
        for (; from < at; ++from) {
            if (!is_utf8_continuation(static_cast<unsigned char>(text_[from]))) ++column;
        }
        column_checkpoints_.push_back({static_cast<std::uint32_t>(at), column});
    }
}

SourceRange SourceFile::range(SourceSpan span) const {
    if (span.empty()) return {};
    return range(span.offset, span.length);
}

SourceRange SourceFile::range(std::uint32_t offset, std::uint32_t length, PositionHint& hint) const {
    SourceRange r;
    r.offset = offset;
    r.length = length;
    position_of(offset, hint, r.line, r.column);
    position_of(offset + length, hint, r.end_line, r.end_column);
    // Bytes that are all UTF-8 continuations (a stray one in invalid text) are no code point of their
    // own; they still get a column to point at.
    if (length > 0 && r.end_line == r.line && r.end_column == r.column) ++r.end_column;
    return r;
}

SourceRange SourceFile::range(std::uint32_t offset, std::uint32_t length) const {
    PositionHint hint;
    return range(offset, length, hint);
}

std::string_view SourceFile::line_text(std::uint32_t line) const {
    if (line == 0 || line > line_starts_.size()) return {};
    std::uint32_t begin = line_starts_[line - 1];
    std::uint32_t end =
        line < line_starts_.size() ? line_starts_[line] : static_cast<std::uint32_t>(text_.size());
    std::string_view text(text_.data() + begin, end - begin);
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.remove_suffix(1);
    return text;
}

}  // namespace iamlint
