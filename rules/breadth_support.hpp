// What the breadth rules IAM206-IAM212 share: naming the entries of a list in a message, whether one
// IAM wildcard pattern covers another, and which conditions narrow a grant down.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "iamlint/catalog.hpp"
#include "iamlint/model.hpp"

namespace iamlint::rules {

// "iam:*, organizations:* and account:*", or "a, b, c and 4 more": the texts of a list's entries.
std::string describe_entries(std::span<const Entry> entries, std::size_t shown = 3);

// Whether every string that the IAM pattern `specific` matches is also matched by `general` (`*` any run
// of characters, `?` exactly one). Sufficient, not necessary: a wildcard of `specific` is only taken as
// covered by a `*` of `general` (or a `?` by a `?`), so "s3:Get*" covers "s3:GetObject*" and
// "s3:GetObject", "a?c" does not cover "a*c". A policy variable is compared as the text it is written
// with: in one request it has one value. ASCII case is ignored when `ignore_case` is set (actions), not
// otherwise (resources).
bool pattern_covers(std::string_view general, std::string_view specific, bool ignore_case);

// The conditions of a statement that may narrow its resources down (IAM204's notion): a condition on a
// key the action supports (aws:ResourceTag/team, ec2:CreateAction, aws:RequestTag/team on a create
// action, kms:ViaService ...), or on a global key of the resource (aws:ResourceAccount,
// aws:ResourceOrgID, aws:ResourceOrgPaths, aws:ResourceTag/...). Not when the condition also holds with
// the key absent (...IfExists, ForAllValues:), which leaves every request without the key in reach.
class ScopingConditions {
public:
    // `ignored`: keys of the action that never narrow down its resources (iam:PassedToService says
    // where a role goes, not which role).
    explicit ScopingConditions(const Statement& statement, std::span<const std::string_view> ignored = {});
    // The key of the first condition that scopes this action, as written; empty when none does.
    std::string_view scoping_key(const Action& action) const;
    bool scope(const Action& action) const { return !scoping_key(action).empty(); }

private:
    std::vector<std::string_view> keys_;
    std::string_view global_;  // the first condition on a global resource key
};

// The actions that return a stored secret in clear text (wildcard-secret-access), and what messages call
// their resources ("secret", "SSM parameter", "KMS key"). Source: the Service Authorization Reference
// pages of AWS Secrets Manager, Systems Manager and KMS.
struct SecretRead {
    std::string_view action;
    std::string_view resources;
};
std::span<const SecretRead> secret_reads();

// The actions that destroy a database, table, bucket, file system, backup, stack, DNS zone, KMS key,
// secret or IAM identity or policy, which the caller cannot undo (destructive-action-without-mfa). The
// rule's README documents the list.
std::span<const std::string_view> destructive_actions();

}  // namespace iamlint::rules
