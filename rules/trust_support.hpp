// What the principal and trust rules (IAM401-IAM409) share: which conditions really restrict who can
// make a request, conditions on given keys that hold only when the key has one of the listed values,
// and whether a statement allows an action.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "iamlint/model.hpp"

namespace iamlint::rules {

// How a condition key's values name who or where the caller is; decides which values still leave
// everyone in (a wildcard account id, "arn:aws:iam::*:role/admin", "0.0.0.0/0").
enum class RestrictingValue : std::uint8_t {
    Account,     // a 12-digit id: no wildcard at all
    OrgId,       // o-xxxxxxxxxx: no wildcard at all
    OrgPath,     // o-xxxxxxxxxx/r-xxxx/ou-...: the organization id written out
    Arn,         // an ARN whose account is written out (or, without an account, a named resource)
    Network,     // vpce-..., vpc-...: no wildcard at all
    IpRange,     // a CIDR range narrower than the whole address space
    Identifier,  // aws:userid, aws:username ...: not starting with a wildcard
};

struct RestrictingKey {
    std::string_view key;
    RestrictingValue value;
};

// The keys whose positive conditions limit who can make a request, with how their values are judged:
// the global keys of the caller's account, organization, identity and network, and service keys that
// AWS's own policies use for the same (kms:CallerAccount, s3:DataAccessPointAccount ...).
std::span<const RestrictingKey> restricting_keys();

// Whether the condition holds only for requests whose key is present and equal to (or like) one of its
// values: a valid operator that is not negated and not Null, no IfExists, no ForAllValues: (which holds
// when the key is absent). Values are not judged.
bool is_positive(const Condition& condition);

// Whether one value of a positive condition on a key of this kind leaves only some callers in. Computed
// values (known at deployment) count as restricting; "*" under a like operator does not.
bool restricts(RestrictingValue kind, const Condition& condition, const Entry& value);

// The first condition of the statement on a restricting key whose every value restricts; nullptr if
// none: then anyone the principal names can make the request.
const Condition* restricting_condition(const Statement& statement);

// A Deny statement of the policy that takes back from everyone outside some account, organization or
// network what `allow` grants: its principal is everyone, it covers the allow's actions and resources,
// and each of its conditions is a negated one on a restricting key ("StringNotEquals":
// {"aws:PrincipalOrgID": "o-..."}), the usual way to fence in a public grant. nullptr if none.
const Statement* fencing_deny(const Policy& policy, const Statement& allow);

// The first positive condition on one of `keys` (case ignored) with at least one value, none of which is
// only wildcards under a like operator; nullptr if none.
const Condition* positive_condition_on(const Statement& statement, std::span<const std::string_view> keys);

// Case-insensitive IAM wildcard match of a pattern ('*', '?') against a text.
bool wildcard_match(std::string_view pattern, std::string_view text);

// Whether the statement's Action (or NotAction) covers the action ("sts:AssumeRole").
bool covers_action(const Statement& statement, std::string_view action);

// The Action texts of a statement for a message: "s3:GetObject, s3:PutObject and 3 more"; "every
// action except ..." for NotAction.
std::string describe_statement_actions(const Statement& statement, std::size_t shown = 3);

}  // namespace iamlint::rules
