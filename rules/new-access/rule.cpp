#include <algorithm>
#include <set>
#include <string>

#include "../rules.hpp"
#include "iamlint/access_diff.hpp"
#include "iamlint/ascii.hpp"
#include "iamlint/grant_model.hpp"
#include "iamlint/privilege_escalation.hpp"

namespace iamlint::rules {

namespace {

constexpr std::string_view kTags[] = {"security", "change-review"};
constexpr std::size_t kActionsNamed = 6;

// "iam:passrole": every action a published privilege-escalation method takes a step with.
const std::set<std::string>& escalation_actions() {
    static const std::set<std::string> actions = [] {
        std::set<std::string> out;
        for (const EscalationMethod& method : escalation_methods()) {
            for (const auto& step : method.steps) {
                for (const std::string& action : step) out.insert(to_lower(action));
            }
        }
        return out;
    }();
    return actions;
}

std::string qualified(const Action& action) {
    return std::string(action.service->prefix) + ":" + std::string(action.name);
}

// Severity from what is newly granted: the worst of its actions, or a statement newly for everyone.
Severity severity_of(const NewAccess& access) {
    if (access.change == AccessChange::FutureActions) return Severity::Info;
    if (access.public_principal) return Severity::Critical;
    Severity worst = access.actions.empty() ? Severity::Medium : Severity::Low;
    for (const Action* action : access.actions) {
        if (action->access_level == AccessLevel::PermissionsManagement ||
            escalation_actions().contains(to_lower(qualified(*action))))
            return Severity::Critical;
        const Severity level = action->access_level == AccessLevel::Write  ? Severity::High
                               : action->access_level == AccessLevel::List ? Severity::Low
                                                                           : Severity::Medium;
        worst = std::max(worst, level);
    }
    return worst;
}

std::string join(const std::vector<std::string>& items, std::size_t most) {
    std::string text;
    for (std::size_t i = 0; i < items.size() && i < most; ++i) text += (i > 0 ? ", " : "") + items[i];
    if (items.size() > most) text += " and " + std::to_string(items.size() - most) + " more";
    return text;
}

std::string list_actions(const NewAccess& access) {
    std::vector<std::string> names;
    for (const Action* action : access.actions) names.push_back(qualified(*action));
    return join(names, kActionsNamed);
}

std::string old_actions(const Statement& statement) {
    std::vector<std::string> names;
    for (const Entry& e : statement.actions.entries) names.push_back(e.text);
    return (statement.actions.negated ? "NotAction " : "") + join(names, 3);
}

std::string message_of(const NewAccess& access) {
    const std::string what = list_actions(access) + " on " + join(access.resources, 3);
    std::string text;
    switch (access.change) {
        case AccessChange::Actions:
            text = "new access: " + what;
            break;
        case AccessChange::Resources:
            text = "new access: " + what + ", resources the old version did not grant them on";
            break;
        case AccessChange::ConditionDropped:
            text = "new access: " + what + " without the old condition " + access.detail;
            break;
        case AccessChange::DenyRemoved:
            text = "new access: " + what + ", which " +
                   (access.detail.empty() ? "an old Deny removed" : access.detail);
            break;
        case AccessChange::Principal:
            text = "new access: " + what + " for principals the old version did not allow";
            break;
        case AccessChange::FutureActions:
            return "may grant actions AWS adds later: " + join(access.patterns, 3) +
                   " matches more than the old version's patterns (today's catalog actions are covered)";
        case AccessChange::Unknown:
            text = "may grant new access: " + (access.actions.empty() ? join(access.patterns, 3) : what) +
                   " depends on values known only at deployment";
            break;
    }
    if (access.old_statement != nullptr && access.change != AccessChange::DenyRemoved)
        text += " (was: " + old_actions(*access.old_statement) + ")";
    return text;
}

const Place& place_of(const NewAccess& access) {
    const Statement& s = *access.statement;
    if (access.change == AccessChange::Principal && s.principals.present) return s.principals.value;
    if (access.change == AccessChange::Resources && s.resources.present && !s.resources.negated) {
        for (const Entry& e : s.resources.entries) {
            if (!access.resources.empty() && e.text == access.resources.front()) return e.place;
        }
    }
    if (access.change == AccessChange::ConditionDropped && s.condition_block) return *s.condition_block;
    if (!access.actions.empty() && !s.actions.negated) {
        const std::string first = qualified(*access.actions.front());
        for (const Entry& e : s.actions.entries) {
            if (!e.computed && wildcard_match_ci(e.text, first)) return e.place;
        }
    }
    if (!access.patterns.empty() && !s.actions.negated) {
        for (const Entry& e : s.actions.entries) {
            if (e.text == access.patterns.front()) return e.place;
        }
    }
    return s.actions.present ? s.actions.key : s.place;
}

std::string fix_of(AccessChange change) {
    switch (change) {
        case AccessChange::ConditionDropped:
            return "keep the condition, or confirm that the wider access is intended";
        case AccessChange::DenyRemoved:
            return "keep the Deny, or confirm that the access it removed is now intended";
        case AccessChange::FutureActions:
            return "write out the actions meant instead of a wider wildcard";
        default:
            return "confirm that the new access is intended, or narrow the statement";
    }
}

void report(const NewAccess& access, FindingSink& sink) {
    Finding& finding =
        sink.report(severity_of(access), place_of(access), message_of(access), fix_of(access.change));
    finding.access_change = std::string(to_string(access.change));
    if (access.old_statement != nullptr && access.old_document != nullptr) {
        const std::string what =
            access.change == AccessChange::DenyRemoved ? "the old Deny" : "the old statement";
        finding.related.push_back({access.old_document->location(access.old_statement->place), what});
    }
}

class NewAccessRule final : public Rule {
public:
    const RuleMeta& meta() const override {
        static const RuleMeta meta{
            .id = "IAM501",
            .name = "new-access",
            .default_severity = Severity::High,
            .summary = "A changed policy may grant access its old version did not (iamlint diff)",
            .description =
                "Reported by `iamlint diff` only: an Allow statement of the new version that may allow a "
                "request (action, resource, principal, conditions) that the old version is not proven to "
                "allow, with the reason: new actions, new resources, a dropped condition, a removed Deny, "
                "new principals, or wildcards that match actions AWS adds later. Critical for permissions "
                "management, privilege escalation or a new public principal; high for write, medium for "
                "read, low for list, info for future actions only.",
            .tags = kTags,
            .readme = embedded_readme("new-access"),
        };
        return meta;
    }

    void check(const RuleContext& context, FindingSink& sink) const override {
        if (context.settings.previous == nullptr) return;
        const auto before = context.settings.previous->before(context.document);
        if (!before) return;
        const PolicyDocument* after = &context.document;
        for (const NewAccess& access : find_new_access(context.catalog, *before, std::span(&after, 1)))
            report(access, sink);
    }

    bool checks_principals() const override { return true; }

    void check_principal(const PrincipalContext& context, PrincipalFindingSink& sink) const override {
        if (context.settings == nullptr || context.settings->previous == nullptr || context.policies.empty())
            return;
        const auto before = context.settings->previous->before(context);
        if (!before) return;
        for (const NewAccess& access : find_new_access(context.catalog, *before, context.policies)) {
            FindingSink on = sink.on(*access.document);
            report(access, on);
        }
    }
};

}  // namespace

const Rule& new_access() {
    static const NewAccessRule rule;
    return rule;
}

}  // namespace iamlint::rules
