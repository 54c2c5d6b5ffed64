// Whether a condition value parses as its operator's type: Bool, Numeric, Date, Binary, ARN and IP
// address, following the formats the IAM User Guide's "Condition operators" page describes.
#include <algorithm>
#include <cstdint>

#include "iamlint/ascii.hpp"
#include "iamlint/conditions.hpp"

namespace iamlint {

namespace {

constexpr bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

// Reads exactly `count` digits at `at` into `value`.
bool read_digits(std::string_view text, std::size_t& at, std::size_t count, int& value) {
    if (at + count > text.size()) return false;
    value = 0;
    for (std::size_t i = 0; i < count; ++i) {
        if (!is_digit(text[at + i])) return false;
        value = value * 10 + (text[at + i] - '0');
    }
    at += count;
    return true;
}

bool consume(std::string_view text, std::size_t& at, char c) {
    if (at < text.size() && text[at] == c) {
        ++at;
        return true;
    }
    return false;
}

int days_in_month(int year, int month) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : kDays[month - 1];
}

// hh:mm[:ss[.fraction]] or hhmm[ss[.fraction]], then an optional zone: Z, +hh:mm, +hhmm, +hh.
bool parse_time(std::string_view text, std::size_t at) {
    int hour = 0, minute = 0, second = 0;
    if (!read_digits(text, at, 2, hour)) return false;
    const bool extended = consume(text, at, ':');
    if (!read_digits(text, at, 2, minute)) return false;
    if (extended ? consume(text, at, ':') : (at < text.size() && is_digit(text[at]))) {
        if (!read_digits(text, at, 2, second)) return false;
        if (consume(text, at, '.') || consume(text, at, ',')) {
            const std::size_t digits = at;
            while (at < text.size() && is_digit(text[at])) ++at;
            if (at == digits) return false;
        }
    }
    if (hour > 24 || minute > 59 || second > 60 || (hour == 24 && (minute != 0 || second != 0))) return false;
    if (at == text.size()) return true;
    if (text[at] == 'Z' || text[at] == 'z') return at + 1 == text.size();
    if (text[at] != '+' && text[at] != '-') return false;
    ++at;
    int zone_hour = 0, zone_minute = 0;
    if (!read_digits(text, at, 2, zone_hour)) return false;
    if (at < text.size()) {
        consume(text, at, ':');
        if (!read_digits(text, at, 2, zone_minute)) return false;
    }
    return at == text.size() && zone_hour <= 14 && zone_minute <= 59;
}

bool parse_iso_date(std::string_view text) {
    std::size_t at = 0;
    int year = 0, month = 1, day = 1;
    if (!read_digits(text, at, 4, year)) return false;
    if (at == text.size()) return true;  // "2026"
    const bool extended = consume(text, at, '-');
    if (!read_digits(text, at, 2, month) || month < 1 || month > 12) return false;
    if (at == text.size()) return extended;  // "2026-01"; "202601" is not a date
    if (extended && !consume(text, at, '-')) return false;
    if (!read_digits(text, at, 2, day) || day < 1 || day > days_in_month(year, month)) return false;
    if (at == text.size()) return true;
    if (text[at] != 'T' && text[at] != 't') return false;
    return parse_time(text, at + 1);
}

int base64_value(char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (is_digit(c)) return c - '0' + 52;
    if (c == '+' || c == '/') return 62;
    return -1;
}

std::optional<int> parse_prefix(std::string_view text, int max) {
    if (text.empty() || text.size() > 3) return std::nullopt;
    int value = 0;
    for (char c : text) {
        if (!is_digit(c)) return std::nullopt;
        value = value * 10 + (c - '0');
    }
    if (text.size() > 1 && text[0] == '0') return std::nullopt;
    if (value > max) return std::nullopt;
    return value;
}

bool parse_ipv4(std::string_view text, std::uint8_t* out) {
    for (int part = 0; part < 4; ++part) {
        const std::size_t dot = text.find('.');
        if ((part < 3) != (dot != std::string_view::npos)) return false;
        const std::string_view field = text.substr(0, dot);
        if (field.empty() || field.size() > 3) return false;
        int value = 0;
        for (char c : field) {
            if (!is_digit(c)) return false;
            value = value * 10 + (c - '0');
        }
        if (value > 255) return false;
        out[part] = static_cast<std::uint8_t>(value);
        if (part < 3) text.remove_prefix(dot + 1);
    }
    return true;
}

int hex_value(char c) {
    if (is_digit(c)) return c - '0';
    const char lower = ascii_lower(c);
    if (lower >= 'a' && lower <= 'f') return lower - 'a' + 10;
    return -1;
}

// RFC 4291 section 2.2: eight groups of up to four hex digits, "::" once for a run of zero groups,
// and an IPv4 address in place of the last two groups.
bool parse_ipv6(std::string_view text, std::uint8_t* out) {
    std::uint16_t groups[8] = {};
    int count = 0;
    int gap = -1;  // index in groups where "::" stands
    if (text.starts_with("::")) {
        gap = 0;
        text.remove_prefix(2);
        if (text.empty()) {
            for (int i = 0; i < 16; ++i) out[i] = 0;
            return true;
        }
    }
    while (true) {
        const std::size_t colon = text.find(':');
        const std::string_view field = text.substr(0, colon);
        if (colon == std::string_view::npos && field.find('.') != std::string_view::npos) {
            std::uint8_t v4[4];
            if (count > 6 || !parse_ipv4(field, v4)) return false;
            groups[count++] = static_cast<std::uint16_t>(v4[0] << 8 | v4[1]);
            groups[count++] = static_cast<std::uint16_t>(v4[2] << 8 | v4[3]);
            break;
        }
        if (field.empty() || field.size() > 4 || count == 8) return false;
        std::uint16_t value = 0;
        for (char c : field) {
            const int digit = hex_value(c);
            if (digit < 0) return false;
            value = static_cast<std::uint16_t>(value << 4 | digit);
        }
        groups[count++] = value;
        if (colon == std::string_view::npos) break;
        text.remove_prefix(colon + 1);
        if (text.starts_with(":")) {
            if (gap >= 0) return false;
            gap = count;
            text.remove_prefix(1);
            if (text.empty()) break;
        } else if (text.empty()) {
            return false;
        }
    }
    if (gap < 0 ? count != 8 : count > 7) return false;
    std::uint16_t full[8] = {};
    const int tail = gap < 0 ? 0 : count - gap;
    const int head = gap < 0 ? count : gap;
    for (int i = 0; i < head; ++i) full[i] = groups[i];
    for (int i = 0; i < tail; ++i) full[8 - tail + i] = groups[gap + i];
    for (int i = 0; i < 8; ++i) {
        out[2 * i] = static_cast<std::uint8_t>(full[i] >> 8);
        out[2 * i + 1] = static_cast<std::uint8_t>(full[i] & 0xff);
    }
    return true;
}

bool has_policy_variable(std::string_view text) {
    return text.find("${") != std::string_view::npos;
}

// Whether the first `bits` bits of the range's address equal those of `network`.
bool in_network(const IpRange& range, const std::uint8_t* network, int bits) {
    if (range.prefix < bits) return false;
    for (int i = 0; i < bits; ++i) {
        const int byte = i / 8, shift = 7 - i % 8;
        if (((range.bytes[byte] >> shift) & 1) != ((network[byte] >> shift) & 1)) return false;
    }
    return true;
}

}  // namespace

bool is_bool_value(std::string_view text) {
    return iequals(text, "true") || iequals(text, "false");
}

bool is_numeric_value(std::string_view text) {
    std::size_t at = 0;
    if (at < text.size() && (text[at] == '-' || text[at] == '+')) ++at;
    const std::size_t integer = at;
    while (at < text.size() && is_digit(text[at])) ++at;
    bool digits = at > integer;
    if (consume(text, at, '.')) {
        const std::size_t fraction = at;
        while (at < text.size() && is_digit(text[at])) ++at;
        digits = digits || at > fraction;
    }
    if (!digits) return false;
    if (at < text.size() && (text[at] == 'e' || text[at] == 'E')) {
        ++at;
        if (at < text.size() && (text[at] == '-' || text[at] == '+')) ++at;
        const std::size_t exponent = at;
        while (at < text.size() && is_digit(text[at])) ++at;
        if (at == exponent) return false;
    }
    return at == text.size();
}

bool is_date_value(std::string_view text) {
    // Epoch seconds; a year ("2026") or a basic-format date ("20260131") is all digits too.
    if (!text.empty() && std::all_of(text.begin(), text.end(), is_digit)) return true;
    return parse_iso_date(text);
}

bool is_binary_value(std::string_view text) {
    if (text.empty() || text.size() % 4 != 0) return false;
    std::size_t padding = 0;
    while (padding < 2 && text[text.size() - 1 - padding] == '=') ++padding;
    for (std::size_t i = 0; i < text.size() - padding; ++i) {
        if (base64_value(text[i]) < 0) return false;
    }
    return true;
}

bool is_arn_value(std::string_view text) {
    if (!istarts_with(text, "arn:")) return false;
    std::size_t colons = 0;
    for (char c : text) colons += c == ':' ? 1 : 0;
    // "arn:aws:s3:::bucket" has five colons; a wildcard may stand for several fields.
    return colons >= 5 || text.find('*') != std::string_view::npos;
}

std::optional<IpRange> parse_ip_range(std::string_view text) {
    IpRange range;
    const std::size_t slash = text.find('/');
    const std::string_view address = text.substr(0, slash);
    range.v6 = address.find(':') != std::string_view::npos;
    if (range.v6 ? !parse_ipv6(address, range.bytes) : !parse_ipv4(address, range.bytes)) return std::nullopt;
    const int max = range.v6 ? 128 : 32;
    range.prefix = max;
    if (slash != std::string_view::npos) {
        auto prefix = parse_prefix(text.substr(slash + 1), max);
        if (!prefix) return std::nullopt;
        range.prefix = *prefix;
    }
    return range;
}

std::optional<std::string_view> private_address_space(const IpRange& range) {
    struct Space {
        bool v6;
        std::uint8_t network[16];
        int bits;
        std::string_view name;
    };
    static constexpr Space kSpaces[] = {
        {false, {10}, 8, "private (RFC 1918)"},
        {false, {172, 16}, 12, "private (RFC 1918)"},
        {false, {192, 168}, 16, "private (RFC 1918)"},
        {false, {127}, 8, "loopback"},
        {false, {169, 254}, 16, "link-local"},
        {true, {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, 128, "loopback"},
        {true, {0xfe, 0x80}, 10, "link-local"},
        {true, {0xfc}, 7, "unique local (RFC 4193)"},
    };
    for (const auto& space : kSpaces) {
        if (space.v6 == range.v6 && in_network(range, space.network, space.bits)) return space.name;
    }
    return std::nullopt;
}

bool value_fits(ValueType type, const Entry& value) {
    if (value.computed || has_policy_variable(value.text)) return true;
    const std::string_view text = value.text;
    switch (type) {
        case ValueType::String:
            return true;
        case ValueType::Numeric:
            return is_numeric_value(text);
        case ValueType::Date:
            return is_date_value(text);
        case ValueType::Bool:
            return is_bool_value(text);
        case ValueType::Binary:
            return is_binary_value(text);
        case ValueType::IpAddress:
            return parse_ip_range(text).has_value();
        case ValueType::Arn:
            // ArnLike also takes "*"; a bare wildcard is not a malformed ARN.
            return is_arn_value(text) || text.find_first_not_of('*') == std::string_view::npos;
    }
    return true;
}

}  // namespace iamlint
