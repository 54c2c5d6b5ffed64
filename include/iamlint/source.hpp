// A file's text and the index that turns byte offsets into lines and columns.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "iamlint/location.hpp"
#include "iamlint/text_decoding.hpp"

namespace iamlint {

class SourceFile {
public:
    // `bytes` as read: UTF-16 and UTF-32 are decoded to UTF-8 here (see decode_text), so that text(),
    // offsets, lines and columns are those of the decoded text.
    SourceFile(std::string path, std::string bytes);

    const std::string& path() const { return path_; }
    const std::string& text() const { return text_; }
    TextEncoding encoding() const { return encoding_; }
    // Where the bytes were not valid in their encoding (UTF-16 or UTF-32 only), as a position in text().
    const std::optional<DecodingError>& decoding_error() const { return decoding_error_; }

    // The range of bytes [offset, offset + length), with 1-based lines and code-point columns.
    SourceRange range(std::uint32_t offset, std::uint32_t length) const;
    // Where the previous position was: callers that ask in increasing offset order (the parser) pass
    // the same hint each time, and the search walks forward from the previous answer instead of
    // starting over, so that a file is indexed in linear time even when its lines are long.
    struct PositionHint {
        std::uint32_t line_index = 0;  // 0-based
        std::uint32_t offset = 0;      // an offset on that line, and its column
        std::uint32_t column = 1;
    };
    SourceRange range(std::uint32_t offset, std::uint32_t length, PositionHint& hint) const;
    // A place's range; empty for a span that is nowhere.
    SourceRange range(SourceSpan span) const;

    std::uint32_t line_count() const { return static_cast<std::uint32_t>(line_starts_.size()); }
    // Line `line` (1-based) without its line ending; empty past the end.
    std::string_view line_text(std::uint32_t line) const;

private:
    void position_of(std::uint32_t offset, PositionHint& hint, std::uint32_t& line,
                     std::uint32_t& column) const;
    void add_column_checkpoints(std::size_t line_start, std::size_t line_end);

    std::string path_;
    std::string text_;
    TextEncoding encoding_ = TextEncoding::Utf8;
    std::optional<DecodingError> decoding_error_;
    std::vector<std::uint32_t> line_starts_;  // byte offset of each line's first character
    std::vector<bool> ascii_lines_;           // lines where a column is a byte count
    // On the other lines a column counts code points from the line's start. Places are resolved
    // without a hint (SourceSpan), in any order: the column is recorded every so many bytes of those
    // lines, so that no position counts more than that many, even on a minified file of one long line.
    static constexpr std::size_t kColumnCheckpointStride = 4096;
    struct ColumnCheckpoint {
        std::uint32_t offset;
        std::uint32_t column;
    };
    std::vector<ColumnCheckpoint> column_checkpoints_;  // by offset
    bool has_bom_ = false;
};

}  // namespace iamlint
