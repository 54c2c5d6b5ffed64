#include "breadth_support.hpp"

#include <algorithm>
#include <array>

#include "iamlint/arn.hpp"
#include "iamlint/ascii.hpp"
#include "iamlint/wildcards.hpp"
#include "rule_support.hpp"

namespace iamlint::rules {

std::string describe_entries(std::span<const Entry> entries, std::size_t shown) {
    std::string text;
    const std::size_t listed = std::min(shown, entries.size());
    for (std::size_t i = 0; i < listed; ++i) {
        if (i > 0) text += (i + 1 == listed && listed == entries.size()) ? " and " : ", ";
        text += entries[i].text;
    }
    if (entries.size() > listed) text += " and " + std::to_string(entries.size() - listed) + " more";
    return text;
}

bool pattern_covers(std::string_view general, std::string_view specific, bool ignore_case) {
    // IAM's wildcard match of `general` against the text of `specific`, where a character of `specific`
    // is matched by: a '*' of general (any run); a '?' unless it is a '*'; itself unless it is a wildcard.
    // The segments between stars have a fixed length, so the greedy match with one resume point (the
    // last star) is exact for this relation as it is for plain text.
    auto one = [&](char p, char c) {
        if (c == '*') return false;
        if (p == '?') return true;
        if (c == '?') return false;
        return ignore_case ? ascii_lower(p) == ascii_lower(c) : p == c;
    };
    constexpr auto npos = std::string_view::npos;
    std::size_t g = 0, s = 0, star = npos, resume = 0;
    while (s < specific.size()) {
        if (g < general.size() && general[g] == '*') {
            star = g++;
            resume = s;
        } else if (g < general.size() && one(general[g], specific[s])) {
            ++g;
            ++s;
        } else if (star != npos) {
            g = star + 1;
            s = ++resume;
        } else {
            return false;
        }
    }
    while (g < general.size() && general[g] == '*') ++g;
    return g == general.size();
}

namespace {
// Global keys that narrow a request down by the resource it touches, whatever the service.
constexpr std::array<std::string_view, 4> kResourceScopingKeys = {
    "aws:ResourceAccount", "aws:ResourceOrgID", "aws:ResourceOrgPaths", "aws:ResourceTag/${TagKey}"};
}  // namespace

ScopingConditions::ScopingConditions(const Statement& statement, std::span<const std::string_view> ignored) {
    for (const auto& condition : statement.conditions) {
        if (condition.op.if_exists || condition.op.set == SetQualifier::ForAllValues) continue;
        if (std::any_of(ignored.begin(), ignored.end(),
                        [&](std::string_view key) { return iequals(key, condition.key); })) {
            continue;
        }
        keys_.push_back(condition.key);
        for (std::string_view key : kResourceScopingKeys) {
            if (global_.empty() && condition_key_matches(key, condition.key)) global_ = condition.key;
        }
    }
}

namespace {
// Some services' pages name their tag key with a placeholder word rather than a ${TagKey} variable
// (secretsmanager:ResourceTag/tag-key): any tag of that service's ResourceTag family matches it.
bool resource_tag_matches(std::string_view catalog_key, std::string_view policy_key) {
    constexpr std::string_view kTag = ":ResourceTag/";
    // Searched without regard to case in place: lower-cased copies of the catalog key were made for
    // every key of every action a statement grants.
    std::size_t at = 0;
    while (at + kTag.size() <= catalog_key.size() && !iequals(catalog_key.substr(at, kTag.size()), kTag))
        ++at;
    if (at + kTag.size() > catalog_key.size()) return false;
    const std::size_t prefix = at + kTag.size();
    return policy_key.size() > prefix && iequals(policy_key.substr(0, prefix), catalog_key.substr(0, prefix));
}
}  // namespace

std::string_view ScopingConditions::scoping_key(const Action& action) const {
    if (!global_.empty()) return global_;
    auto matches = [](std::span<const std::string_view> catalog_keys, std::string_view key) {
        return std::any_of(catalog_keys.begin(), catalog_keys.end(), [&](std::string_view catalog_key) {
            return condition_key_matches(catalog_key, key) || resource_tag_matches(catalog_key, key);
        });
    };
    for (std::string_view key : keys_) {
        if (matches(action.condition_keys, key)) return key;
        // The keys of the resource types themselves (rds:db-tag/${TagKey} on a DB instance,
        // iam:ResourceTag/${TagKey} on a role) describe the resource the action touches.
        for (const auto& use : action.resource_types) {
            if (matches(use.type->condition_keys, key)) return key;
        }
    }
    return {};
}

namespace {

// A region or account field written for someone to fill in: a CloudFormation placeholder or IAM
// policy variable ("${AWS::AccountId}", "${aws:PrincipalAccount}"), or a word in capitals or brackets
// ("ACCOUNT_ID", "<account-id>", "REGION"). Real regions and accounts are lower case, digits and
// hyphens ("us-east-1", "111122223333", "aws").
bool is_placeholder_field(std::string_view field) {
    if (field.empty() || find_wildcard(field) != std::string_view::npos) return false;
    if (field.find("${") != std::string_view::npos) return true;
    return std::any_of(field.begin(), field.end(),
                       [](char c) { return (c >= 'A' && c <= 'Z') || c == '_' || c == '<' || c == '>'; });
}

// The ARN's last "${...}" variable: the identifier of the resource.
std::string_view last_variable(std::string_view format) {
    const auto open = format.rfind("${");
    if (open == std::string_view::npos) return {};
    const auto close = format.find('}', open);
    return close == std::string_view::npos ? std::string_view{} : format.substr(open + 2, close - open - 2);
}

}  // namespace

ResourceReach::ResourceReach(std::string_view resource) : resource_(resource) {
    if (resource.find('*') == std::string_view::npos) return;
    const auto arn = split_arn(resource);
    if (!arn) return;
    const bool region = is_placeholder_field(arn->region), account = is_placeholder_field(arn->account);
    if (!region && !account) return;
    opened_ = "arn:" + std::string(arn->partition) + ":" + std::string(arn->service) + ":";
    opened_ += region ? "*" : std::string(arn->region);
    opened_ += ":";
    opened_ += account ? "*" : std::string(arn->account);
    opened_ += ":";
    opened_ += arn->resource;
}

bool ResourceReach::every_resource_of(const ResourceType& type) const {
    return covers_every_resource_of(resource_, type) ||
           (!opened_.empty() && covers_every_resource_of(opened_, type));
}

bool nameable_only_by_wildcard(const Action& action, const ResourceTypeUse& use) {
    const auto& formats = use.type->arn_formats;
    if (formats.empty()) return false;
    const bool singleton = std::all_of(formats.begin(), formats.end(), [](std::string_view format) {
        const std::string_view variable = last_variable(format);
        return variable.empty() || variable == "Partition" || variable == "Region" || variable == "Account";
    });
    if (singleton) return true;
    // Tagging actions (ec2:CreateTags) take request tags for resources that exist: they create none.
    const bool created =
        action.access_level == AccessLevel::Write &&
        std::any_of(use.condition_keys.begin(), use.condition_keys.end(),
                    [](std::string_view key) { return istarts_with(key, "aws:RequestTag/"); });
    return created && std::all_of(formats.begin(), formats.end(), [](std::string_view format) {
               const std::string_view variable = last_variable(format);
               return variable.ends_with("Id") || variable.ends_with("ID");
           });
}

std::span<const SecretRead> secret_reads() {
    static constexpr std::array<SecretRead, 6> kSecretReads = {{
        {"secretsmanager:GetSecretValue", "secret", "reads every secret of the account"},
        {"ssm:GetParameter", "SSM parameter", "reads every SSM parameter of the account"},
        {"ssm:GetParameters", "SSM parameter", "reads every SSM parameter of the account"},
        {"ssm:GetParametersByPath", "SSM parameter", "reads every SSM parameter of the account"},
        {"ssm:GetParameterHistory", "SSM parameter", "reads every SSM parameter of the account"},
        {"kms:Decrypt", "KMS key", "decrypts whatever any KMS key of the account encrypted"},
    }};
    return kSecretReads;
}

std::span<const std::string_view> destructive_actions() {
    static constexpr std::array<std::string_view, 20> kDestructiveActions = {
        "backup:DeleteBackupVault",
        "backup:DeleteRecoveryPoint",
        "cloudformation:DeleteStack",
        "dynamodb:DeleteTable",
        "ec2:DeleteSnapshot",
        "ec2:DeleteVolume",
        "elasticfilesystem:DeleteFileSystem",
        "glue:DeleteDatabase",
        "glue:DeleteTable",
        "iam:DeleteGroup",
        "iam:DeletePolicy",
        "iam:DeleteRole",
        "iam:DeleteUser",
        "kms:ScheduleKeyDeletion",
        "rds:DeleteDBCluster",
        "rds:DeleteDBInstance",
        "redshift:DeleteCluster",
        "route53:DeleteHostedZone",
        "s3:DeleteBucket",
        "secretsmanager:DeleteSecret",
    };
    return kDestructiveActions;
}

}  // namespace iamlint::rules
