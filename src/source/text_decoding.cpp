#include "iamlint/text_decoding.hpp"

#include <fmt/format.h>
#include "iamlint/utf8_encode.hpp"

namespace iamlint {

namespace {

struct Detected {
    TextEncoding encoding;
    std::size_t bom_size;
};

Detected detect(std::string_view bytes) {
    auto b = [&](std::size_t i) { return i < bytes.size() ? static_cast<unsigned char>(bytes[i]) : -1; };
    // UTF-32LE's mark starts like UTF-16LE's; JSON text cannot start with U+0000, so FF FE 00 00 is UTF-32.
    if (b(0) == 0x00 && b(1) == 0x00 && b(2) == 0xFE && b(3) == 0xFF) return {TextEncoding::Utf32BE, 4};
    if (b(0) == 0xFF && b(1) == 0xFE && b(2) == 0x00 && b(3) == 0x00) return {TextEncoding::Utf32LE, 4};
    if (b(0) == 0xFE && b(1) == 0xFF) return {TextEncoding::Utf16BE, 2};
    if (b(0) == 0xFF && b(1) == 0xFE) return {TextEncoding::Utf16LE, 2};
    // No mark: JSON starts with an ASCII character, so the zero bytes around it tell the encoding.
    if (bytes.size() >= 4) {
        const bool z0 = b(0) == 0, z1 = b(1) == 0, z2 = b(2) == 0, z3 = b(3) == 0;
        if (z0 && z1 && z2 && !z3) return {TextEncoding::Utf32BE, 0};
        if (!z0 && z1 && z2 && z3) return {TextEncoding::Utf32LE, 0};
        if (z0 && !z1 && z2 && !z3) return {TextEncoding::Utf16BE, 0};
        if (!z0 && z1 && !z2 && z3) return {TextEncoding::Utf16LE, 0};
    }
    return {TextEncoding::Utf8, 0};
}

constexpr char32_t kReplacement = 0xFFFD;

class Decoder {
public:
    Decoder(std::string_view bytes, Detected detected) : bytes_(bytes), detected_(detected) {
        out_.reserve(bytes.size());  // ASCII text halves (UTF-16) or quarters (UTF-32)
    }

    DecodedText run() {
        std::size_t i = detected_.bom_size;
        const bool utf16 =
            detected_.encoding == TextEncoding::Utf16LE || detected_.encoding == TextEncoding::Utf16BE;
        const std::size_t unit = utf16 ? 2 : 4;
        while (i + unit <= bytes_.size()) {
            if (utf16) {
                i = decode_utf16(i);
            } else {
                decode_utf32(i);
                i += 4;
            }
        }
        if (i < bytes_.size()) {
            invalid(
                fmt::format("invalid {}: the text ends in the middle of a code unit ({} bytes, not a "
                            "multiple of {})",
                            to_string(detected_.encoding), bytes_.size() - detected_.bom_size, unit));
        }
        return {std::move(out_), detected_.encoding, std::move(error_)};
    }

private:
    std::uint32_t unit16(std::size_t i) const {
        const auto a = static_cast<unsigned char>(bytes_[i]), b = static_cast<unsigned char>(bytes_[i + 1]);
        return detected_.encoding == TextEncoding::Utf16LE ? (b << 8 | a) : (a << 8 | b);
    }

    std::size_t decode_utf16(std::size_t i) {
        const std::uint32_t first = unit16(i);
        if (first < 0xD800 || first > 0xDFFF) {
            append_utf8(out_, first);
            return i + 2;
        }
        if (first <= 0xDBFF && i + 4 <= bytes_.size()) {
            const std::uint32_t second = unit16(i + 2);
            if (second >= 0xDC00 && second <= 0xDFFF) {
                append_utf8(out_, 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00));
                return i + 4;
            }
        }
        invalid(first <= 0xDBFF
                    ? fmt::format("invalid {}: high surrogate {:04X} without a low surrogate after it",
                                  to_string(detected_.encoding), first)
                    : fmt::format("invalid {}: low surrogate {:04X} without a high surrogate before it",
                                  to_string(detected_.encoding), first));
        return i + 2;
    }

    void decode_utf32(std::size_t i) {
        auto byte = [&](std::size_t k) -> std::uint32_t { return static_cast<unsigned char>(bytes_[i + k]); };
        const std::uint32_t c = detected_.encoding == TextEncoding::Utf32LE
                                    ? byte(3) << 24 | byte(2) << 16 | byte(1) << 8 | byte(0)
                                    : byte(0) << 24 | byte(1) << 16 | byte(2) << 8 | byte(3);
        if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
            invalid(fmt::format("invalid {}: {:X} is not a Unicode scalar value",
                                to_string(detected_.encoding), c));
            return;
        }
        append_utf8(out_, c);
    }

    // The bad code units become U+FFFD, so that the line still shows where they were.
    void invalid(std::string message) {
        if (!error_) error_ = DecodingError{static_cast<std::uint32_t>(out_.size()), 3, std::move(message)};
        append_utf8(out_, kReplacement);
    }

    std::string_view bytes_;
    Detected detected_;
    std::string out_;
    std::optional<DecodingError> error_;
};

}  // namespace

std::string_view to_string(TextEncoding encoding) {
    switch (encoding) {
        case TextEncoding::Utf8:
            return "UTF-8";
        case TextEncoding::Utf16LE:
            return "UTF-16LE";
        case TextEncoding::Utf16BE:
            return "UTF-16BE";
        case TextEncoding::Utf32LE:
            return "UTF-32LE";
        case TextEncoding::Utf32BE:
            return "UTF-32BE";
    }
    return "unknown";
}

DecodedText decode_text(std::string bytes) {
    const Detected detected = detect(bytes);
    if (detected.encoding == TextEncoding::Utf8) return {std::move(bytes), TextEncoding::Utf8, std::nullopt};
    return Decoder(bytes, detected).run();
}

}  // namespace iamlint
