#include "trust_support.hpp"

#include <algorithm>
#include <array>
#include <string>

#include "iamlint/arn.hpp"
#include "iamlint/ascii.hpp"
#include "iamlint/conditions.hpp"
#include "iamlint/wildcards.hpp"
#include "rule_support.hpp"

namespace iamlint::rules {

namespace {

using enum RestrictingValue;

// Sources: the IAM User Guide's global condition context keys (principal, network, resource and
// request-source properties) and the AWS-managed key policies (kms:CallerAccount) and S3 access-point
// delegation (s3:DataAccessPoint*). Keys that any account can satisfy for itself (aws:PrincipalTag,
// aws:PrincipalType, aws:SecureTransport, kms:ViaService) are deliberately not here.
constexpr std::array<RestrictingKey, 24> kRestrictingKeys = {{
    {"aws:PrincipalAccount", Account},
    {"aws:PrincipalOrgID", OrgId},
    {"aws:PrincipalOrgPaths", OrgPath},
    {"aws:PrincipalArn", Arn},
    {"aws:PrincipalServiceName", Identifier},
    {"aws:userid", Identifier},
    {"aws:username", Identifier},
    {"aws:SourceAccount", Account},
    {"aws:SourceOwner", Account},
    {"aws:SourceArn", Arn},
    {"aws:SourceOrgID", OrgId},
    {"aws:SourceOrgPaths", OrgPath},
    {"aws:SourceVpce", Network},
    {"aws:SourceVpc", Network},
    {"aws:SourceVpcArn", Arn},
    {"aws:SourceIp", IpRange},
    {"aws:VpceAccount", Account},
    {"aws:VpceOrgID", OrgId},
    {"aws:VpceOrgPaths", OrgPath},
    {"kms:CallerAccount", Account},
    {"s3:DataAccessPointAccount", Account},
    {"s3:DataAccessPointArn", Arn},
    {"aws:SourceIdentity", Identifier},
    {"ec2:SourceInstanceARN", Arn},
}};

bool has_wildcard(std::string_view text) {
    return find_wildcard(text) != std::string_view::npos;
}

bool only_wildcards(std::string_view text) {
    return !text.empty() && text.find_first_not_of("*?") == std::string_view::npos;
}

// A value that is a policy variable and nothing else ("${aws:PrincipalAccount}") compares the key with
// the caller's own value: it says nothing about who the caller is. IAM's variables name a key, so they
// hold a ':'; "${ORG_ID}" is a template's placeholder, filled in with a real value before IAM sees it.
bool only_variable(std::string_view text) {
    return text.starts_with("${") && text.ends_with("}") && text.find("${", 2) == std::string_view::npos &&
           text.find(':') != std::string_view::npos;
}

}  // namespace

std::span<const RestrictingKey> restricting_keys() {
    return kRestrictingKeys;
}

bool is_positive(const Condition& condition) {
    const OperatorCheck op = check_condition_operator(condition.op.raw);
    return op.info != nullptr && !op.info->negated && !op.info->is_null && !op.if_exists &&
           op.set != SetQualifier::ForAllValues && !condition.values.empty();
}

bool restricts(RestrictingValue kind, const Condition& condition, const Entry& value) {
    if (value.computed) return true;
    if (value.json_type != JsonType::String) return false;
    const std::string_view text = value.text;
    if (text.empty() || only_variable(text)) return false;
    const OperatorCheck op = check_condition_operator(condition.op.raw);
    const bool like = op.info != nullptr && op.info->like;
    if (like && only_wildcards(text)) return false;
    switch (kind) {
        case Account:
        case OrgId:
        case Network:
            return !(like && has_wildcard(text));
        case OrgPath:
            return !(like && has_wildcard(text.substr(0, text.find('/'))));
        case Arn: {
            if (!like) return true;
            auto arn = split_arn(text);
            if (!arn) return false;
            if (has_wildcard(arn->account)) return false;
            // Without an account (S3 buckets), the resource must be named.
            return !arn->account.empty() ||
                   !(arn->resource.empty() || arn->resource.front() == '*' || arn->resource.front() == '?');
        }
        case IpRange: {
            auto range = parse_ip_range(text);
            return range && range->prefix > 0;
        }
        case Identifier:
            return !(like && (text.front() == '*' || text.front() == '?'));
    }
    return false;
}

const Condition* restricting_condition(const Statement& statement) {
    for (const auto& condition : statement.conditions) {
        if (!is_positive(condition)) continue;
        for (const auto& key : kRestrictingKeys) {
            if (!iequals(key.key, condition.key)) continue;
            if (std::all_of(condition.values.begin(), condition.values.end(),
                            [&](const Entry& value) { return restricts(key.value, condition, value); })) {
                return &condition;
            }
        }
    }
    return nullptr;
}

namespace {

// Whether every entry of `inner` is matched by some pattern of `outer` ("s3:*" covers "s3:Get*").
bool entries_covered(const EntryList& outer, const EntryList& inner) {
    if (!outer.present) return false;
    if (!inner.present) return true;  // nothing listed: nothing to cover
    if (outer.negated) return false;
    if (std::any_of(outer.entries.begin(), outer.entries.end(),
                    [](const Entry& pattern) { return !pattern.computed && is_only_stars(pattern.text); }))
        return true;
    if (inner.negated) return false;
    return std::all_of(inner.entries.begin(), inner.entries.end(), [&](const Entry& entry) {
        return std::any_of(outer.entries.begin(), outer.entries.end(), [&](const Entry& pattern) {
            // The same intrinsic ("!Sub arn:...:${AWS::AccountId}:*/*") is the same value once deployed.
            if (pattern.computed) return entry.computed && pattern.text == entry.text;
            return pattern.text == entry.text || wildcard_match(pattern.text, entry.text);
        });
    });
}

bool fences(const Condition& condition) {
    const OperatorCheck op = check_condition_operator(condition.op.raw);
    if (op.info == nullptr || !op.info->negated || condition.values.empty()) return false;
    for (const auto& key : kRestrictingKeys) {
        if (!iequals(key.key, condition.key)) continue;
        return std::all_of(condition.values.begin(), condition.values.end(),
                           [&](const Entry& value) { return restricts(key.value, condition, value); });
    }
    return false;
}

}  // namespace

const Statement* fencing_deny(const Policy& policy, const Statement& allow) {
    for (const auto& deny : policy.statements) {
        if (deny.effect != Effect::Deny || deny.conditions.empty() || deny.principals.negated) continue;
        const auto& principals = deny.principals.entries;
        bool everyone =
            std::any_of(principals.begin(), principals.end(), [](const PrincipalEntry& principal) {
                return !principal.value.computed && principal.value.text == "*" &&
                       (principal.type == "*" || principal.type == "AWS");
            });
        if (!everyone || !std::all_of(deny.conditions.begin(), deny.conditions.end(), fences)) continue;
        if (entries_covered(deny.actions, allow.actions) && entries_covered(deny.resources, allow.resources))
            return &deny;
    }
    return nullptr;
}

const Condition* positive_condition_on(const Statement& statement, std::span<const std::string_view> keys) {
    for (const auto& condition : statement.conditions) {
        if (!is_positive(condition)) continue;
        if (std::none_of(keys.begin(), keys.end(),
                         [&](std::string_view key) { return iequals(key, condition.key); }))
            continue;
        const OperatorCheck op = check_condition_operator(condition.op.raw);
        const bool like = op.info != nullptr && op.info->like;
        bool open = std::any_of(condition.values.begin(), condition.values.end(), [&](const Entry& value) {
            return !value.computed && (value.text.empty() || (like && only_wildcards(value.text)));
        });
        if (!open) return &condition;
    }
    return nullptr;
}

bool wildcard_match(std::string_view pattern, std::string_view text) {
    // Iterative glob: on a mismatch, let the last '*' swallow one more character.
    std::size_t p = 0, t = 0, star = std::string_view::npos, resume = 0;
    while (t < text.size()) {
        if (p < pattern.size() && (pattern[p] == '?' || ascii_lower(pattern[p]) == ascii_lower(text[t]))) {
            ++p;
            ++t;
        } else if (p < pattern.size() && pattern[p] == '*') {
            star = p++;
            resume = t;
        } else if (star != std::string_view::npos) {
            p = star + 1;
            t = ++resume;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*') ++p;
    return p == pattern.size();
}

bool covers_action(const Statement& statement, std::string_view action) {
    if (!statement.actions.present) return false;
    bool listed = std::any_of(statement.actions.entries.begin(), statement.actions.entries.end(),
                              [&](const Entry& entry) {
                                  return !entry.computed && entry.json_type == JsonType::String &&
                                         wildcard_match(entry.text, action);
                              });
    return statement.actions.negated ? !listed : listed;
}

std::string describe_statement_actions(const Statement& statement, std::size_t shown) {
    const auto& entries = statement.actions.entries;
    std::string text;
    const std::size_t count = std::min(shown, entries.size());
    for (std::size_t i = 0; i < count; ++i) {
        if (i > 0) text += i + 1 == entries.size() ? " and " : ", ";
        text += entries[i].text;
    }
    if (entries.size() > count) text += " and " + std::to_string(entries.size() - count) + " more";
    if (statement.actions.negated) return "every action except " + text;
    return text;
}

}  // namespace iamlint::rules
