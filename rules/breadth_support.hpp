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
// action, kms:ViaService ...), or that the catalog lists for one of its resource types (rds:db-tag/Owner
// for a DB instance, rds:og-tag/... for an option group, iam:ResourceTag/... for a role), or on a
// global key of the resource (aws:ResourceAccount,
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

// Whether a Resource entry reaches every resource of a type in the account whose policy it is:
// covers_every_resource_of, where a region or account written as a placeholder stands for the
// policy's own, whatever it is at deployment ("${AWS::AccountId}", "${AWS::Region}", "ACCOUNT_ID",
// "<region>"). So "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/*" is every role, not named roles.
// A literal account ("111122223333") or region ("us-east-1") still counts as naming something.
// The entry's ARN is read once, for all the types it is asked about.
class ResourceReach {
public:
    explicit ResourceReach(std::string_view resource);
    bool every_resource_of(const ResourceType& type) const;

private:
    std::string_view resource_;
    // The entry with its placeholder region and account opened up to "*"; empty when it has none.
    std::string opened_;
};

// Whether the resources of this use of a type can be named no better than with a wildcard: the
// action creates them and AWS chooses their identifier (ec2:RunInstances' instance, volume and
// network-interface: "instance/${InstanceId}"), which the catalog shows as a Write action with
// aws:RequestTag among the keys of the use and an ARN ending in an "...Id" variable; or the type has
// one resource per account and region, nothing to name beyond them (sts:SetContext's
// "arn:${Partition}:sts::${Account}:self", API Gateway's "/restapis", Glue's "catalog").
bool nameable_only_by_wildcard(const Action& action, const ResourceTypeUse& use);

// The actions that return a stored secret in clear text (wildcard-secret-access), what messages call
// their resources ("secret", "SSM parameter", "KMS key") and what the action does with every one of
// them (kms:Decrypt does not read a key: it decrypts whatever any key encrypted). Source: the Service
// Authorization Reference pages of AWS Secrets Manager, Systems Manager and KMS.
struct SecretRead {
    std::string_view action;
    std::string_view resources;
    std::string_view reach;  // "reads every secret of the account"
};
std::span<const SecretRead> secret_reads();

// The actions that destroy a database, table, bucket, file system, backup, stack, DNS zone, KMS key,
// secret or IAM identity or policy, which the caller cannot undo (destructive-action-without-mfa). The
// rule's README documents the list.
std::span<const std::string_view> destructive_actions();

}  // namespace iamlint::rules
