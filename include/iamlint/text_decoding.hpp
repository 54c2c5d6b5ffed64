// Input bytes -> UTF-8 text. JSON may come as UTF-16 or UTF-32 (RFC 8259 requires UTF-8 only between
// systems; Windows PowerShell still writes `terraform show -json > plan.json` as UTF-16LE with a byte
// order mark). Everything after this step works on UTF-8, so that positions are counted in one way.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace iamlint {

enum class TextEncoding : std::uint8_t { Utf8, Utf16LE, Utf16BE, Utf32LE, Utf32BE };
std::string_view to_string(TextEncoding encoding);  // "UTF-8", "UTF-16LE", ...

// The first place where the input was not valid in its encoding.
struct DecodingError {
    std::uint32_t offset = 0;  // in the decoded text, where U+FFFD stands for the bad code units
    std::uint32_t length = 0;
    std::string message;
};

struct DecodedText {
    std::string text;  // UTF-8; a UTF-8 input is passed through unchanged (its BOM included)
    TextEncoding encoding = TextEncoding::Utf8;
    std::optional<DecodingError> error;
};

// Detects the encoding from a byte order mark, or without one from the pattern of zero bytes that
// ASCII JSON text leaves in its first four bytes (RFC 4627, section 3), and decodes to UTF-8. A UTF-16
// or UTF-32 byte order mark is dropped: editors do not show it, so it takes no column. Invalid code
// units (a lone surrogate, a code point beyond U+10FFFF, bytes left over at the end) become U+FFFD and
// the first of them is reported. UTF-8 is not validated here: the JSON parser points at bad UTF-8.
DecodedText decode_text(std::string bytes);

}  // namespace iamlint
