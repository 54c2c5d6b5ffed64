#include "utf8.hpp"
#include "iamlint/utf8_encode.hpp"

namespace iamlint::reporting {

namespace {

constexpr bool is_continuation_byte(unsigned char byte) {
    return (byte & 0xC0) == 0x80;
}

constexpr DecodedCodePoint kInvalidByte{kReplacementCharacter, 1};

bool is_unprintable(char32_t code_point) {
    return (code_point < 0x20 && code_point != U'\t') || (code_point >= 0x7F && code_point < 0xA0);
}

}  // namespace

DecodedCodePoint decode_first_code_point(std::string_view text) {
    const auto lead = static_cast<unsigned char>(text.front());
    if (lead < 0x80) return {lead, 1};

    std::size_t size = 0;
    char32_t value = 0;
    char32_t smallest = 0;  // anything below is an overlong encoding
    if ((lead & 0xE0) == 0xC0) {
        size = 2, value = lead & 0x1F, smallest = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
        size = 3, value = lead & 0x0F, smallest = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
        size = 4, value = lead & 0x07, smallest = 0x10000;
    } else {
        return kInvalidByte;
    }
    if (text.size() < size) return kInvalidByte;
    for (std::size_t i = 1; i < size; ++i) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if (!is_continuation_byte(byte)) return kInvalidByte;
        value = (value << 6) | (byte & 0x3F);
    }
    const bool surrogate = value >= 0xD800 && value <= 0xDFFF;
    if (value < smallest || value > 0x10FFFF || surrogate) return kInvalidByte;
    return {value, size};
}

std::size_t code_point_count(std::string_view text) {
    std::size_t count = 0;
    while (!text.empty()) {
        text.remove_prefix(decode_first_code_point(text).size);
        ++count;
    }
    return count;
}

std::size_t utf16_length(std::string_view text) {
    std::size_t units = 0;
    while (!text.empty()) {
        const DecodedCodePoint decoded = decode_first_code_point(text);
        text.remove_prefix(decoded.size);
        units += decoded.value >= 0x10000 ? 2 : 1;
    }
    return units;
}

std::string truncate_to_utf16_length(std::string_view text, std::size_t max_units) {
    if (utf16_length(text) <= max_units) return std::string(text);
    constexpr std::string_view kEllipsis = "\u2026";  // one UTF-16 unit
    std::string kept;
    std::size_t units = 0;
    while (!text.empty()) {
        const DecodedCodePoint decoded = decode_first_code_point(text);
        const std::size_t width = decoded.value >= 0x10000 ? 2 : 1;
        if (units + width + 1 > max_units) break;
        kept.append(text.substr(0, decoded.size));
        units += width;
        text.remove_prefix(decoded.size);
    }
    return kept + std::string(kEllipsis);
}

std::string terminal_safe(std::string_view text) {
    std::string safe;
    safe.reserve(text.size());
    while (!text.empty()) {
        // Messages, paths and source lines are nearly all printable ASCII: copied a run at a time
        // instead of a code point at a time (a large policy's text report spent 6 % of the run here).
        std::size_t run = 0;
        while (run < text.size() && ((static_cast<unsigned char>(text[run]) >= 0x20 &&
                                      static_cast<unsigned char>(text[run]) < 0x7F) ||
                                     text[run] == '\t')) {
            ++run;
        }
        if (run > 0) {
            safe.append(text.substr(0, run));
            text.remove_prefix(run);
            continue;
        }
        const DecodedCodePoint decoded = decode_first_code_point(text);
        if (decoded.value == kReplacementCharacter || is_unprintable(decoded.value)) {
            append_utf8(safe, kReplacementCharacter);
        } else {
            safe.append(text.substr(0, decoded.size));
        }
        text.remove_prefix(decoded.size);
    }
    return safe;
}

}  // namespace iamlint::reporting
