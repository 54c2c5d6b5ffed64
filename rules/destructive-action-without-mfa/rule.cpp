#include <algorithm>

#include "../breadth_support.hpp"
#include "../rule_support.hpp"
#include "../rules.hpp"
#include "iamlint/ascii.hpp"
#include "iamlint/grant_model.hpp"

namespace iamlint::rules {

namespace {

constexpr std::string_view kTags[] = {"security", "mfa", "data-protection"};

bool is_destructive(const Action& action) {
    const std::string name = qualified_name(action);
    const auto actions = destructive_actions();
    return std::any_of(actions.begin(), actions.end(),
                       [&](std::string_view destructive) { return iequals(destructive, name); });
}

bool all_values(const Condition& condition, std::string_view value) {
    return !condition.values.empty() &&
           std::all_of(condition.values.begin(), condition.values.end(),
                       [&](const Entry& entry) { return iequals(entry.text, value); });
}

// A condition that makes the Allow require MFA: Bool aws:MultiFactorAuthPresent true (not ...IfExists,
// which also holds for requests without the key), or a maximum aws:MultiFactorAuthAge, which requests
// without MFA do not have.
bool requires_mfa(const Condition& condition) {
    if (condition.op.if_exists || condition.op.set != SetQualifier::None) return false;
    if (iequals(condition.key, "aws:MultiFactorAuthPresent"))
        return condition.op.base == "Bool" && all_values(condition, "true");
    return iequals(condition.key, "aws:MultiFactorAuthAge") && condition.op.base.starts_with("NumericLess");
}

// A condition on a resource or principal tag (aws:ResourceTag/..., aws:PrincipalTag/..., rds:db-tag/...):
// only tagged resources, or tagged principals, can be deleted. Request tags do not count: a delete
// carries none.
bool is_tag_condition(const Condition& condition) {
    if (condition.op.if_exists || condition.op.set == SetQualifier::ForAllValues) return false;
    const std::string key = to_lower(condition.key);
    return key.find("tag/") != std::string::npos && !key.starts_with("aws:requesttag/");
}

// A Deny that applies to the action whenever MFA is missing: Bool(IfExists) aws:MultiFactorAuthPresent
// false, or Null aws:MultiFactorAuthAge true (the "force MFA" policy of the IAM documentation).
bool denied_without_mfa(const Statement& statement, const Action& action) {
    if (statement.effect != Effect::Deny || !statement.actions.present) return false;
    const std::string name = qualified_name(action);
    const auto& entries = statement.actions.entries;
    const bool listed = std::any_of(entries.begin(), entries.end(),
                                    [&](const Entry& entry) { return wildcard_match_ci(entry.text, name); });
    if (listed == statement.actions.negated) return false;
    return std::any_of(statement.conditions.begin(), statement.conditions.end(),
                       [](const Condition& condition) {
                           if (condition.op.set != SetQualifier::None) return false;
                           if (iequals(condition.key, "aws:MultiFactorAuthPresent"))
                               return condition.op.base == "Bool" && all_values(condition, "false");
                           return iequals(condition.key, "aws:MultiFactorAuthAge") &&
                                  condition.op.base == "Null" && all_values(condition, "true");
                       });
}

class DestructiveActionWithoutMfa final : public Rule {
public:
    const RuleMeta& meta() const override {
        static const RuleMeta meta{
            .id = "IAM212",
            .name = "destructive-action-without-mfa",
            .default_severity = Severity::Low,
            .summary =
                "Deleting databases, tables, buckets, stacks, keys or IAM entities without MFA or a tag "
                "condition",
            .description =
                "An Allow of an action that destroys a database, table, bucket, stack, backup, KMS key or "
                "IAM user, role or policy, with no condition requiring MFA (aws:MultiFactorAuthPresent) "
                "or limiting it to tagged resources, and no Deny of the policy enforcing MFA. A leaked "
                "access key is then enough to destroy them.",
            .tags = kTags,
            .in_recommended = false,
            .readme = embedded_readme("destructive-action-without-mfa"),
        };
        return meta;
    }

    void check(const RuleContext& context, FindingSink& sink) const override {
        if (!grants_permissions(context.document.kind)) return;
        const auto& statements = context.document.policy.statements;
        for (const auto& statement : statements) {
            if (!is_allow_with_actions(statement) || delegates_to_accounts(context.document, statement))
                continue;
            if (std::any_of(statement.conditions.begin(), statement.conditions.end(),
                            [](const Condition& c) { return requires_mfa(c) || is_tag_condition(c); }))
                continue;
            for (const auto& action : statement.actions.entries) {
                // "*" is wildcard-action's.
                if (action.computed || is_all_actions(action.text)) continue;
                std::vector<const Action*> destructive;
                for (const Action* candidate : *context.catalog.matching_actions(action.text)) {
                    if (!is_destructive(*candidate) || !can_allow(context.document.kind, *candidate) ||
                        context.grants.denied_everywhere(statement, *candidate))
                        continue;
                    const bool guarded =
                        std::any_of(statements.begin(), statements.end(),
                                    [&](const Statement& s) { return denied_without_mfa(s, *candidate); });
                    if (!guarded) destructive.push_back(candidate);
                }
                if (destructive.empty()) continue;
                const bool literal =
                    destructive.size() == 1 && qualified_name(*destructive.front()) == action.text;
                sink.report(
                    action.place,
                    in_quotes(action.text) +
                        (literal ? std::string(" is allowed") : " allows " + describe_actions(destructive)) +
                        " without MFA or a tag condition, and the deletion cannot be undone",
                    "add the condition \"Bool\": {\"aws:MultiFactorAuthPresent\": \"true\"}, or limit it "
                    "to tagged resources with aws:ResourceTag/...");
            }
        }
    }
};

}  // namespace

const Rule& destructive_action_without_mfa() {
    static const DestructiveActionWithoutMfa rule;
    return rule;
}

}  // namespace iamlint::rules
