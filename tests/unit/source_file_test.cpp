#include <catch2/catch.hpp>

#include <cstdint>
#include <random>
#include <string>

#include "iamlint/source.hpp"

using iamlint::SourceFile;

namespace {
// Line and column of `offset` counted from the start of `text`: '\n' ends a line, and a column
// counts code points (bytes that are not UTF-8 continuation bytes).
std::pair<std::uint32_t, std::uint32_t> counted_position(const std::string& text, std::uint32_t offset) {
    std::uint32_t line = 1;
    std::uint32_t column = 1;
    for (std::uint32_t i = 0; i < offset; ++i) {
        if (text[i] == '\n') {
            line += 1;
            column = 1;
        } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
            column += 1;
        }
    }
    return {line, column};
}
}  // namespace

TEST_CASE("positions are right whatever order they are asked in, with or without a hint", "[source]") {
    // Lines of different lengths, some empty, some with two-byte characters; offsets asked in
    // random order, without a hint (the rules) and with one shared hint (the parsers).
    std::mt19937 random(7);
    std::string text;
    for (int line = 0; line < 300; ++line) {
        // A few lines longer than SourceFile's column checkpoints are apart, as a minified file's are.
        const int length = static_cast<int>(line % 60 == 7 ? 9000 + random() % 4000 : random() % 40);
        for (int i = 0; i < length; ++i) text += random() % 9 == 0 ? "\u00e9" : "a";
        text += '\n';
    }
    const SourceFile source("positions.json", text);
    SourceFile::PositionHint hint;
    for (int question = 0; question < 3000; ++question) {
        auto offset = static_cast<std::uint32_t>(random() % (text.size() + 1));
        // Never in the middle of a two-byte character: the parsers ask only at token boundaries.
        while (offset < text.size() && (static_cast<unsigned char>(text[offset]) & 0xC0) == 0x80) --offset;
        const auto [line, column] = counted_position(text, offset);
        const auto unhinted = source.range(offset, 0);
        const auto hinted = source.range(offset, 0, hint);
        INFO("offset " << offset);
        CHECK(unhinted.line == line);
        CHECK(unhinted.column == column);
        CHECK(hinted.line == line);
        CHECK(hinted.column == column);
    }
}

TEST_CASE("columns after a byte order mark on one long line, asked in any order", "[source]") {
    std::mt19937 random(11);
    std::string text = "\xEF\xBB\xBF";
    for (int i = 0; i < 20000; ++i) text += random() % 5 == 0 ? "\u00e9" : "a";
    const SourceFile source("bom.json", text);
    for (int question = 0; question < 500; ++question) {
        auto offset = static_cast<std::uint32_t>(3 + random() % (text.size() - 2));
        while (offset < text.size() && (static_cast<unsigned char>(text[offset]) & 0xC0) == 0x80) --offset;
        // Editors show no byte order mark: it takes no column, where counted_position counts one.
        const auto [line, column] = counted_position(text, offset);
        INFO("offset " << offset);
        CHECK(source.range(offset, 0).line == 1);
        CHECK(source.range(offset, 0).column == column - 1);
    }
}
