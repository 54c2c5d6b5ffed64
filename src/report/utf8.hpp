// UTF-8 handling shared by the reporters. Text reaching a reporter (paths, messages, source lines) is
// not guaranteed to be valid UTF-8: a byte that does not start a well-formed sequence decodes to
// U+FFFD and counts as one code point, so such a line still has a column for every byte.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace iamlint::reporting {

inline constexpr char32_t kReplacementCharacter = U'\uFFFD';

struct DecodedCodePoint {
    char32_t value;    // kReplacementCharacter for a byte that is not valid UTF-8
    std::size_t size;  // bytes consumed, at least 1
};

// Decodes the code point at the start of `text`, which must not be empty.
DecodedCodePoint decode_first_code_point(std::string_view text);

std::size_t code_point_count(std::string_view text);

// Length in UTF-16 code units: what GitHub (JavaScript) measures when it applies its length limits.
std::size_t utf16_length(std::string_view text);

// `text` cut to at most `max_units` UTF-16 code units on a code-point boundary, ending in "…" if cut.
std::string truncate_to_utf16_length(std::string_view text, std::size_t max_units);

// `text` made safe to print on a terminal: invalid bytes and control characters (C0 other than tab,
// DEL, C1) become U+FFFD one for one, which keeps every column where it was and lets no escape
// sequence from a policy file reach the terminal.
std::string terminal_safe(std::string_view text);

}  // namespace iamlint::reporting
