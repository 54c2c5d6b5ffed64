#include "artifact_uri.hpp"

#include <algorithm>

namespace iamlint::reporting {

namespace {

constexpr bool is_ascii_letter(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}
constexpr bool is_ascii_digit(char c) {
    return c >= '0' && c <= '9';
}

constexpr bool is_unreserved(char c) {
    return is_ascii_letter(c) || is_ascii_digit(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

std::string percent_encode(std::string_view path) {
    constexpr std::string_view kHexDigits = "0123456789ABCDEF";
    std::string encoded;
    encoded.reserve(path.size());
    for (char c : path) {
        if (is_unreserved(c) || c == '/') {
            encoded += c;
        } else {
            const auto byte = static_cast<unsigned char>(c);
            encoded += '%';
            encoded += kHexDigits[byte >> 4];
            encoded += kHexDigits[byte & 0x0F];
        }
    }
    return encoded;
}

// "C:/..." as written on Windows; its colon belongs to the URI as is.
bool starts_with_drive_letter(std::string_view path) {
    return path.size() >= 3 && is_ascii_letter(path[0]) && path[1] == ':' && path[2] == '/';
}

}  // namespace

std::string artifact_uri(std::string_view path) {
    std::string normalized(path);
    std::ranges::replace(normalized, '\\', '/');
    std::string_view rest = normalized;
    while (rest.starts_with("./")) {
        rest.remove_prefix(2);
        while (rest.starts_with('/')) rest.remove_prefix(1);
    }

    if (rest.starts_with('/')) return "file://" + percent_encode(rest);
    if (starts_with_drive_letter(rest))
        return "file:///" + std::string(rest.substr(0, 2)) + percent_encode(rest.substr(2));
    return percent_encode(rest);
}

}  // namespace iamlint::reporting
