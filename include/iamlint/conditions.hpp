// Condition semantics: IAM's condition operators and their value types, what the global and service
// condition keys are (type, single- or multivalued), and whether a condition value parses as the
// operator's type. The condition rules are built on it; see docs/conditions.md.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "iamlint/catalog.hpp"
#include "iamlint/model.hpp"

namespace iamlint {

// What an operator compares, and so what its values and its key must be.
enum class ValueType : std::uint8_t { String, Numeric, Date, Bool, Binary, IpAddress, Arn };

// "String", "Numeric", "Date", "Bool", "Binary", "IP address", "ARN".
std::string_view to_string(ValueType type);

// One of IAM's condition operators, without qualifier or IfExists ("StringLike").
struct OperatorInfo {
    std::string_view name;
    ValueType type;        // Null: Bool (its values are "true"/"false"), and no key type applies
    bool is_null = false;  // Null: tests whether the key is present, whatever its type
    bool like = false;     // accepts `*` and `?` in values (StringLike, ArnLike ...)
    bool negated = false;  // StringNotEquals, NotIpAddress, ArnNotLike ...
};

// Every operator, in the order of the IAM User Guide.
std::span<const OperatorInfo> condition_operators();

// The operator whose name is exactly `base` (operators are case-sensitive); nullptr if none.
const OperatorInfo* find_condition_operator(std::string_view base);

// How a condition's operator text reads, e.g. "ForAnyValue:StringLikeIfExists".
struct OperatorCheck {
    const OperatorInfo* info = nullptr;  // nullptr: not a valid operator
    SetQualifier set = SetQualifier::None;
    bool if_exists = false;
    std::string problem;     // why the text is not a valid operator; empty when it is
    std::string suggestion;  // the valid operator it probably means; may be empty
};

// Validates a whole operator text the way IAM does: an exact operator name, optionally preceded by
// "ForAllValues:" or "ForAnyValue:" and followed by "IfExists", never "NullIfExists".
OperatorCheck check_condition_operator(std::string_view raw);

// The value types a key takes (several for aws:EpochTime, Date and Numeric), as a bit set.
struct KeyTypes {
    std::uint8_t bits = 0;
    bool has(ValueType type) const { return (bits & (1u << static_cast<unsigned>(type))) != 0; }
    void add(ValueType type) { bits = static_cast<std::uint8_t>(bits | (1u << static_cast<unsigned>(type))); }
    bool empty() const { return bits == 0; }
};

// "String", "ARN or String"
std::string describe(KeyTypes types);

enum class Multiplicity : std::uint8_t { Single, Multi, Unknown };
enum class KeyStatus : std::uint8_t { Current, Deprecated, Unsupported };

// What is known about a condition key as a policy writes it ("aws:RequestTag/team").
struct KeyInfo {
    std::string_view name;  // the canonical name it matched ("aws:RequestTag/${TagKey}")
    KeyTypes types;         // empty when the catalog's type is one iamlint does not know
    Multiplicity values = Multiplicity::Unknown;  // Unknown also when sources disagree
    KeyStatus status = KeyStatus::Current;
    std::string_view replacement;  // deprecated or unsupported keys: what to use instead
    bool global = false;           // from the global table: applies to every action of every service
};

// One record of data/global-condition-keys.tsv.
struct GlobalConditionKey {
    std::string_view name;
    KeyTypes types;
    Multiplicity values;
    KeyStatus status;
    std::string_view replacement;
    std::string_view source;
};

// The global table, compiled into the binary and parsed once.
std::span<const GlobalConditionKey> global_condition_keys();

// Parses text in the format of data/global-condition-keys.tsv; throws std::runtime_error naming the
// line. Exposed for tests.
std::vector<GlobalConditionKey> parse_global_condition_keys(std::string_view text);

// Whether a policy key matches a canonical key name: ASCII case ignored, and each "${...}" or "<...>"
// part of the canonical name stands for any non-empty text.
bool condition_key_name_matches(std::string_view canonical, std::string_view key);

// "s3" for "s3:prefix"; the whole text when there is no colon.
std::string_view condition_key_prefix(std::string_view key);

// Looks up a key: the global table first, then the condition keys of every catalog service (the key's
// own service first). nullopt when nobody knows it.
std::optional<KeyInfo> find_condition_key(const Catalog& catalog, std::string_view key);

// The closest known key with the same prefix, for "did you mean" (empty if none is close).
std::string suggest_condition_key(const Catalog& catalog, std::string_view key);

// Types of catalog key type names: "String", "ArrayOfARN" ... nullopt for a name iamlint does not know.
struct CatalogKeyType {
    ValueType type;
    bool multi;
};
std::optional<CatalogKeyType> parse_catalog_key_type(std::string_view name);

// Value checks. Each takes the value as written (JSON booleans and numbers as their token).
bool is_bool_value(std::string_view text);     // "true" or "false", any case
bool is_numeric_value(std::string_view text);  // "42", "-1.5", "2.0", "1e3"
bool is_date_value(
    std::string_view text);  // ISO 8601 ("2026-01-31", "2026-01-31T12:00:00Z") or epoch seconds
bool is_binary_value(std::string_view text);  // base64
bool is_arn_value(std::string_view text);     // "arn:" and at least six fields (wildcards allowed)

// An IPv4 or IPv6 address with an optional /prefix length.
struct IpRange {
    bool v6 = false;
    std::uint8_t bytes[16] = {};  // IPv4: the first four
    int prefix = 0;               // 0..32 or 0..128; the full length when absent
};
std::optional<IpRange> parse_ip_range(std::string_view text);

// Whether the whole range lies in private, loopback, link-local or unique-local address space
// (10/8, 172.16/12, 192.168/16, 127/8, 169.254/16, ::1, fe80::/10, fc00::/7); the name of that space.
std::optional<std::string_view> private_address_space(const IpRange& range);

// Whether a value fits the operator's type; values with policy variables ("${aws:username}") or that
// a loader computed are never judged and count as fitting.
bool value_fits(ValueType type, const Entry& value);

}  // namespace iamlint
