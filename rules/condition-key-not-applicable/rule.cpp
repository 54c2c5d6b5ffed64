#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "../condition_support.hpp"
#include "../rule_support.hpp"
#include "../rules.hpp"
#include "iamlint/wildcards.hpp"

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

// Access Analyzer's UNSUPPORTED_ACTION_FOR_CONDITION_KEY for a list that mixes actions of the key's
// service with literal actions of other services that do not list it: the key is never in the latter's
// requests. Wildcard patterns are not judged (which of their actions is meant is not known).
void report_mixed(const Statement& statement, const Condition& condition, std::string_view prefix,
                  const Catalog& catalog, FindingSink& sink) {
    std::vector<std::string> names;
    for (const Entry& entry : statement.actions.entries) {
        if (entry.computed || find_wildcard(entry.text) != std::string::npos) continue;
        const Action* action = catalog.find_action(entry.text);
        // The keys of the action's resource types count too (sts:TagSession takes iam:ResourceTag/...
        // through "role").
        if (action == nullptr || iequals(action->service->prefix, prefix) ||
            action_lists_key(*action, condition.key))
            continue;
        names.push_back(qualified_name(*action));
    }
    if (names.empty()) return;
    std::string list;
    for (std::size_t i = 0; i < names.size() && i < 3; ++i) {
        if (i > 0) list += ", ";
        list += names[i];
    }
    if (names.size() > 3) list += " and " + std::to_string(names.size() - 3) + " more";
    const std::optional<bool> holds =
        holds_without_key(condition, check_condition_operator(condition.op.raw));
    if (!holds) return;
    const std::string them = names.size() == 1 ? "it" : "them";
    const std::string outcome = *holds ? "the condition holds for " + them + " whatever the key's value"
                                : statement.is_allow() ? "the Allow never grants " + them
                                                       : "the Deny never denies " + them;
    sink.report(condition.key_place,
                list + (names.size() == 1 ? " does" : " do") + " not support " + condition.key +
                    ", a key of another service, so the request never carries it: " + outcome,
                "move these actions to a statement without " + condition.key);
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
                    })) {
                    report_mixed(statement, condition, prefix, context.catalog, sink);
                    continue;
                }
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
