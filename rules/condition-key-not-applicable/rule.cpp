#include <algorithm>

#include "../condition_support.hpp"
#include "../rule_support.hpp"
#include "../rules.hpp"

namespace iamlint::rules {

namespace {

constexpr std::string_view kTags[] = {"validity", "conditions"};

// The statement's actions when the rule can judge them all: an Action list without "*", every
// pattern known to the catalog. Empty otherwise.
std::vector<const Action*> judged_actions(const Statement& statement, const Catalog& catalog) {
    std::vector<const Action*> actions;
    if (!statement.actions.present || statement.actions.negated) return {};
    for (const Entry& entry : statement.actions.entries) {
        if (entry.computed || is_all_actions(entry.text)) return {};
        const std::size_t before = actions.size();
        catalog.expand(entry.text, actions);
        if (actions.size() == before) return {};  // an unknown action: unknown-action's concern
    }
    std::sort(actions.begin(), actions.end());
    actions.erase(std::unique(actions.begin(), actions.end()), actions.end());
    return actions;
}

bool supports(const Action& action, std::string_view key) {
    return std::any_of(
        action.condition_keys.begin(), action.condition_keys.end(),
        [&](std::string_view candidate) { return condition_key_name_matches(candidate, key); });
}

class ConditionKeyNotApplicable final : public Rule {
public:
    const RuleMeta& meta() const override {
        static const RuleMeta meta{
            .id = "IAM107",
            .name = "condition-key-not-applicable",
            .default_severity = Severity::Medium,
            .summary = "A service condition key that none of the statement's actions supports",
            .description =
                "A service key is in the request context only for the actions that list it in the Service "
                "Authorization Reference. When none of the statement's actions does, an Allow conditioned "
                "on it never applies and a Deny never restricts (negated operators and IfExists aside, "
                "which then always hold).",
            .tags = kTags,
            .readme = embedded_readme("condition-key-not-applicable"),
        };
        return meta;
    }

    void check(const RuleContext& context, FindingSink& sink) const override {
        for (const auto& statement : context.document.policy.statements) {
            if (statement.conditions.empty()) continue;
            std::vector<const Action*> actions;
            bool expanded = false;
            for (const auto& condition : statement.conditions) {
                const auto key = find_condition_key(context.catalog, condition.key);
                // Global keys apply to every action; unknown keys are IAM106's.
                if (!key || key->global || key->status != KeyStatus::Current) continue;
                if (!expanded) {
                    actions = judged_actions(statement, context.catalog);
                    expanded = true;
                }
                if (actions.empty()) break;
                // The per-action key lists of the Service Authorization Reference miss keys that work
                // (AWS's own policies use ecr:ResourceTag/... with actions that do not list it), so
                // only a key of another service than all the actions' is judged.
                const std::string_view prefix = condition_key_prefix(condition.key);
                if (std::any_of(actions.begin(), actions.end(), [&](const Action* action) {
                        return iequals(action->service->prefix, prefix) || supports(*action, condition.key);
                    }))
                    continue;
                sink.report(condition.key_place,
                            "none of the statement's actions (" + describe_actions(actions) + ") supports " +
                                condition.key + (statement.is_allow() ? ": the Allow" : ": the Deny") +
                                " tests a key that its requests never have",
                            "condition on a key these actions list, or move the condition to a statement "
                            "with the actions that support " +
                                condition.key);
            }
        }
    }
};

}  // namespace

const Rule& condition_key_not_applicable() {
    static const ConditionKeyNotApplicable rule;
    return rule;
}

}  // namespace iamlint::rules
