#include "iamlint/condition_implication.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "iamlint/ascii.hpp"
#include "iamlint/conditions.hpp"
#include "iamlint/effective_permissions.hpp"
#include "iamlint/wildcards.hpp"

namespace iamlint {

bool patterns_may_overlap(std::string_view a, std::string_view b) {
    // reachable[i][j]: the rests a[i..] and b[j..] can still match one text. Filled from the end.
    const std::size_t n = a.size(), m = b.size();
    std::vector<char> reachable((n + 1) * (m + 1), 0);
    auto at = [&](std::size_t i, std::size_t j) -> char& { return reachable[i * (m + 1) + j]; };
    at(n, m) = 1;
    for (std::size_t i = n + 1; i-- > 0;) {
        for (std::size_t j = m + 1; j-- > 0;) {
            if (i == n && j == m) continue;
            bool ok = false;
            if (i < n && a[i] == '*') ok = at(i + 1, j) || (j < m && at(i, j + 1));
            if (!ok && j < m && b[j] == '*') ok = at(i, j + 1) || (i < n && at(i + 1, j));
            if (!ok && i < n && j < m && a[i] != '*' && b[j] != '*')
                ok = (a[i] == b[j] || a[i] == '?' || b[j] == '?') && at(i + 1, j + 1);
            at(i, j) = ok ? 1 : 0;
        }
    }
    return at(0, 0) != 0;
}

namespace {

// The set of values one value of a condition admits, for the types that have order or structure.
struct Interval {
    double low, high;
    bool low_open, high_open;
};

std::optional<double> parse_number(std::string_view text) {
    double value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return value;
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
long long days_from_civil(long long y, unsigned m, unsigned d) {
    y -= m <= 2;
    const long long era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<long long>(doe) - 719468;
}

// Epoch seconds, or an ISO 8601 date in UTC ("2026-01-31", "2026-01-31T12:00:00Z").
std::optional<double> parse_date(std::string_view text) {
    if (!text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos)
        return parse_number(text);
    auto digits = [&](std::size_t at, std::size_t count) -> std::optional<unsigned> {
        if (at + count > text.size()) return std::nullopt;
        unsigned value = 0;
        for (std::size_t i = at; i < at + count; ++i) {
            if (text[i] < '0' || text[i] > '9') return std::nullopt;
            value = value * 10 + static_cast<unsigned>(text[i] - '0');
        }
        return value;
    };
    const auto year = digits(0, 4), month = digits(5, 2), day = digits(8, 2);
    if (!year || !month || !day || text[4] != '-' || text[7] != '-') return std::nullopt;
    double seconds = static_cast<double>(days_from_civil(*year, *month, *day)) * 86400.0;
    std::string_view rest = text.substr(10);
    if (rest.empty()) return seconds;
    if (rest.size() < 6 || rest[0] != 'T' || rest[3] != ':') return std::nullopt;
    const auto hour = digits(11, 2), minute = digits(14, 2);
    if (!hour || !minute) return std::nullopt;
    seconds += *hour * 3600.0 + *minute * 60.0;
    rest = rest.substr(6);
    if (!rest.empty() && rest[0] == ':') {
        const auto second = digits(17, 2);
        if (!second) return std::nullopt;
        seconds += *second;
        rest = rest.substr(3);
    }
    if (!rest.empty() && rest[0] == '.') {
        const std::size_t end = rest.find_first_not_of("0123456789", 1);
        rest = end == std::string_view::npos ? std::string_view() : rest.substr(end);
    }
    return rest.empty() || rest == "Z" ? std::optional<double>(seconds) : std::nullopt;
}

// The values one operator value admits: Equals v is [v, v], LessThan v is (-inf, v) ...
std::optional<Interval> interval_of(std::string_view base, ValueType type, std::string_view text) {
    const auto value = type == ValueType::Date ? parse_date(text) : parse_number(text);
    if (!value) return std::nullopt;
    constexpr double kInfinity = 1e308;
    const std::string_view comparison = base.substr(type == ValueType::Date ? 4 : 7);  // after Date/Numeric
    if (comparison == "Equals") return Interval{*value, *value, false, false};
    if (comparison == "LessThan") return Interval{-kInfinity, *value, false, true};
    if (comparison == "LessThanEquals") return Interval{-kInfinity, *value, false, false};
    if (comparison == "GreaterThan") return Interval{*value, kInfinity, true, false};
    if (comparison == "GreaterThanEquals") return Interval{*value, kInfinity, false, false};
    return std::nullopt;
}

bool interval_inside(const Interval& inner, const Interval& outer) {
    const bool low_ok =
        inner.low > outer.low || (inner.low == outer.low && (inner.low_open || !outer.low_open));
    const bool high_ok =
        inner.high < outer.high || (inner.high == outer.high && (inner.high_open || !outer.high_open));
    return low_ok && high_ok;
}

struct Cidr {
    std::uint32_t address = 0;
    unsigned bits = 32;
};

std::optional<Cidr> parse_ipv4(std::string_view text) {
    Cidr cidr;
    const std::size_t slash = text.find('/');
    if (slash != std::string_view::npos) {
        unsigned bits = 0;
        const auto suffix = text.substr(slash + 1);
        const auto [end, error] = std::from_chars(suffix.data(), suffix.data() + suffix.size(), bits);
        if (error != std::errc() || end != suffix.data() + suffix.size() || bits > 32) return std::nullopt;
        cidr.bits = bits;
        text = text.substr(0, slash);
    }
    for (int part = 0; part < 4; ++part) {
        unsigned octet = 0;
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), octet);
        if (error != std::errc() || octet > 255) return std::nullopt;
        cidr.address = (cidr.address << 8) | octet;
        text = text.substr(static_cast<std::size_t>(end - text.data()));
        if (part < 3) {
            if (text.empty() || text[0] != '.') return std::nullopt;
            text = text.substr(1);
        }
    }
    if (!text.empty()) return std::nullopt;
    return cidr;
}

std::uint32_t mask_of(unsigned bits) {
    return bits == 0 ? 0 : ~std::uint32_t{0} << (32 - bits);
}

// Every address of inner is in outer.
bool cidr_inside(std::string_view inner, std::string_view outer) {
    const auto a = parse_ipv4(inner), b = parse_ipv4(outer);
    if (!a || !b) return inner == outer;  // IPv6 and anything unparsed: only the same text
    return a->bits >= b->bits && (a->address & mask_of(b->bits)) == (b->address & mask_of(b->bits));
}

bool cidrs_disjoint(std::string_view x, std::string_view y) {
    const auto a = parse_ipv4(x), b = parse_ipv4(y);
    if (!a || !b) return false;
    const unsigned bits = std::min(a->bits, b->bits);
    return (a->address & mask_of(bits)) != (b->address & mask_of(bits));
}

bool ignore_case(std::string_view base) {
    return base.ends_with("IgnoreCase");
}

// Whether every request value that `narrow_value` of a positive operator admits is admitted by
// `broad_value` of a positive operator of the same type.
bool value_within(const OperatorInfo& narrow_op, std::string_view narrow_value, const OperatorInfo& broad_op,
                  std::string_view broad_value) {
    switch (broad_op.type) {
        case ValueType::String:
        case ValueType::Arn: {
            const bool arn = broad_op.type == ValueType::Arn;  // ArnEquals matches wildcards as ArnLike does
            const bool broad_like = broad_op.like || arn;
            const bool narrow_like = narrow_op.like || narrow_op.type == ValueType::Arn;
            if (ignore_case(broad_op.name)) {
                return !narrow_like && find_wildcard(narrow_value) == std::string_view::npos &&
                       iequals(narrow_value, broad_value);
            }
            if (ignore_case(narrow_op.name)) return false;
            if (!broad_like) return !narrow_like && narrow_value == broad_value;
            // Narrow's `*` and `?` are wildcards (a like operator) or characters only a `*` stands for.
            return resource_pattern_covers(broad_value, narrow_value);
        }
        case ValueType::Numeric:
        case ValueType::Date: {
            const auto inner = interval_of(narrow_op.name, narrow_op.type, narrow_value);
            const auto outer = interval_of(broad_op.name, broad_op.type, broad_value);
            return inner && outer && interval_inside(*inner, *outer);
        }
        case ValueType::Bool:
            return iequals(narrow_value, broad_value);
        case ValueType::IpAddress:
            return cidr_inside(narrow_value, broad_value);
        case ValueType::Binary:
            return narrow_value == broad_value;
    }
    return false;
}

// Whether no request value matches both a value of a positive operator and one of a negated operator
// of the same type (so the negated one holds wherever the positive one does).
bool values_disjoint(const OperatorInfo& positive, std::string_view value, const OperatorInfo& negated,
                     std::string_view excluded) {
    switch (negated.type) {
        case ValueType::String:
        case ValueType::Arn: {
            const bool like = positive.like || positive.type == ValueType::Arn;
            const bool negated_like = negated.like || negated.type == ValueType::Arn;
            if (ignore_case(positive.name) || ignore_case(negated.name)) {
                return !like && !negated_like && !iequals(value, excluded);
            }
            if (!like && !negated_like) return value != excluded;
            // A `*` written in an equality value is a character: reading it as a wildcard only errs
            // towards "may overlap".
            return !patterns_may_overlap(value, excluded);
        }
        case ValueType::IpAddress:
            return cidrs_disjoint(value, excluded);
        case ValueType::Bool:
            return !iequals(value, excluded);
        default:
            return false;
    }
}

bool same_values(const Condition& a, const Condition& b) {
    auto texts = [](const Condition& c) {
        std::vector<std::string> out;
        for (const Entry& v : c.values) out.push_back(v.text);
        std::sort(out.begin(), out.end());
        out.erase(std::unique(out.begin(), out.end()), out.end());
        return out;
    };
    return texts(a) == texts(b);
}

bool has_computed_value(const Condition& c) {
    return std::any_of(c.values.begin(), c.values.end(), [](const Entry& v) { return v.computed; });
}

// An operator that holds only when the key is in the request.
bool requires_key(const Condition& c, const OperatorInfo& op) {
    return !op.is_null && !op.negated && !c.op.if_exists && c.op.set != SetQualifier::ForAllValues;
}

}  // namespace

bool condition_implies(const Condition& narrow, const Condition& broad) {
    if (narrow.key_computed || broad.key_computed) {
        return narrow.key_computed && broad.key_computed && narrow.key == broad.key &&
               narrow.op.raw == broad.op.raw && same_values(narrow, broad);
    }
    if (!iequals(narrow.key, broad.key)) return false;
    // The same test: whatever its values mean, they are the same (computed values included).
    if (narrow.op.raw == broad.op.raw && same_values(narrow, broad)) return true;
    if (has_computed_value(narrow) || has_computed_value(broad)) return false;
    const OperatorInfo* n = find_condition_operator(narrow.op.base);
    const OperatorInfo* b = find_condition_operator(broad.op.base);
    if (n == nullptr || b == nullptr) return false;

    if (b->is_null) {
        // Null false: the key is present, which any operator that requires the key also says.
        const bool says_present = std::all_of(broad.values.begin(), broad.values.end(),
                                              [](const Entry& v) { return iequals(v.text, "false"); });
        return says_present && !broad.values.empty() && requires_key(narrow, *n);
    }
    if (n->is_null || narrow.op.set != broad.op.set) return false;
    const bool compatible_types =
        n->type == b->type || ((n->type == ValueType::String || n->type == ValueType::Arn) &&
                               (b->type == ValueType::String || b->type == ValueType::Arn));
    if (!compatible_types || narrow.values.empty() || broad.values.empty()) return false;

    if (!b->negated) {
        if (n->negated) return false;  // holds when the key is absent, or for values broad refuses
        if (narrow.op.if_exists && !broad.op.if_exists) return false;
        return std::all_of(narrow.values.begin(), narrow.values.end(), [&](const Entry& v) {
            return std::any_of(broad.values.begin(), broad.values.end(),
                               [&](const Entry& w) { return value_within(*n, v.text, *b, w.text); });
        });
    }
    // Broad refuses the values it lists and holds without the key (set qualifiers change that: only
    // the plain forms are compared).
    if (broad.op.set != SetQualifier::None) return false;
    if (n->negated) {
        // Narrow refuses at least every value broad refuses.
        const OperatorInfo& n_positive = *n;
        return std::all_of(broad.values.begin(), broad.values.end(), [&](const Entry& w) {
            return std::any_of(narrow.values.begin(), narrow.values.end(), [&](const Entry& v) {
                // Refusing v covers refusing w when w's values are inside v's.
                return value_within(*b, w.text, n_positive, v.text);
            });
        });
    }
    // A positive narrow: every value it admits is outside what broad refuses.
    return std::all_of(narrow.values.begin(), narrow.values.end(), [&](const Entry& v) {
        return std::all_of(broad.values.begin(), broad.values.end(),
                           [&](const Entry& w) { return values_disjoint(*n, v.text, *b, w.text); });
    });
}

bool conditions_imply(std::span<const Condition> narrow, const Condition& broad) {
    return std::any_of(narrow.begin(), narrow.end(),
                       [&](const Condition& n) { return condition_implies(n, broad); });
}

}  // namespace iamlint
