#include "breadth_support.hpp"

#include <algorithm>
#include <array>

#include "iamlint/ascii.hpp"
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
    const auto at = to_lower(catalog_key).find(to_lower(kTag));
    if (at == std::string::npos) return false;
    const std::size_t prefix = at + kTag.size();
    return policy_key.size() > prefix && iequals(policy_key.substr(0, prefix), catalog_key.substr(0, prefix));
}
}  // namespace

std::string_view ScopingConditions::scoping_key(const Action& action) const {
    if (!global_.empty()) return global_;
    for (std::string_view key : keys_) {
        for (std::string_view catalog_key : action.condition_keys) {
            if (condition_key_matches(catalog_key, key) || resource_tag_matches(catalog_key, key)) return key;
        }
    }
    return {};
}

std::span<const SecretRead> secret_reads() {
    static constexpr std::array<SecretRead, 6> kSecretReads = {{
        {"secretsmanager:GetSecretValue", "secret"},
        {"ssm:GetParameter", "SSM parameter"},
        {"ssm:GetParameters", "SSM parameter"},
        {"ssm:GetParametersByPath", "SSM parameter"},
        {"ssm:GetParameterHistory", "SSM parameter"},
        {"kms:Decrypt", "KMS key"},
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
