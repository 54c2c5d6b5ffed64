// What the grammar rules (IAM003-IAM008, IAM015) share: the element names IAM knows, the statements of
// a policy read from the JSON tree itself, and where a finding about a value or a missing element
// points. These rules read the JSON rather than the model because the model leaves out elements of the
// wrong JSON type.
#pragma once

#include <array>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "iamlint/json.hpp"
#include "iamlint/model.hpp"
#include "rule_support.hpp"

namespace iamlint::rules::grammar {

inline constexpr std::array<std::string_view, 3> kPolicyElements = {"Version", "Id", "Statement"};
inline constexpr std::array<std::string_view, 9> kStatementElements = {
    "Sid",       "Effect",   "Principal",   "NotPrincipal", "Action",
    "NotAction", "Resource", "NotResource", "Condition"};
inline constexpr std::array<std::string_view, 4> kPrincipalTypes = {"AWS", "Service", "Federated",
                                                                    "CanonicalUser"};

inline constexpr std::string_view kCurrentVersion = "2012-10-17";
inline constexpr std::string_view kOldVersion = "2008-10-17";

// Where a finding about a value points: the whole token, or, for an array or object written over
// several lines, its opening bracket (underlining a whole block says less than its first character).
Place value_place(const SourceFile& source, const JsonValue& value, std::string pointer);

// The key of a member of the object at `object_pointer`.
Place key_place(const JsonMember& member, std::string_view object_pointer);

// Where a finding about an element missing from an object points: the object's first key, which names
// the statement better than a bare "{" on a line of its own; the object itself when it is empty.
Place missing_element_place(const SourceFile& source, const JsonValue& object, std::string pointer);

// "a number", "an array", "null" ...: the JSON type of a value as a message says it.
std::string_view describe_type(const JsonValue& value);

// The member of `object` named exactly `name`, the one that counts when the key is repeated.
const JsonMember* find_member(const JsonValue& object, std::string_view name);

// A member whose key equals `name` but for ASCII case ("action" for "Action"), or nullptr.
const JsonMember* find_case_variant(const JsonValue& object, std::string_view name);

// A statement of the policy as the JSON has it: an object of the "Statement" array, or the "Statement"
// object itself. Items that are not objects are not statements (IAM003 reports them).
struct JsonStatement {
    const JsonValue& value;
    std::string pointer;
};
std::vector<JsonStatement> statements_of(const JsonValue& root, std::string_view root_pointer);

// Whether a value is a string a loader computed from a deployment-time expression: rules take it as
// some valid value of the right type, never judge its text.
inline bool is_computed(const JsonValue& value) {
    return value.is_string() && value.computed;
}

// The known name `key` is most likely a misspelling of: equal but for case, or at most one edit away
// (two for names of six letters or more), ignoring case. Nothing when no name is that close.
std::optional<std::string_view> closest_name(std::string_view key, std::span<const std::string_view> names);

}  // namespace iamlint::rules::grammar
