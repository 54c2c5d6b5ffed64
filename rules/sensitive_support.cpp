#include "sensitive_support.hpp"

#include <algorithm>
#include <array>
#include <unordered_set>

#include "iamlint/arn.hpp"
#include "iamlint/ascii.hpp"
#include "iamlint/grant_model.hpp"
#include "rule_support.hpp"

namespace iamlint::rules {

namespace {

// Whether the NotResource entries exclude every resource the action can be applied to.
bool excludes_every_resource_of(const EntryList& not_resources, const Action& action) {
    for (const auto& use : action.resource_types) {
        bool excluded = false;
        for (const auto& entry : not_resources.entries) {
            if (!entry.computed && covers_every_resource_of(entry.text, *use.type)) {
                excluded = true;
                break;
            }
        }
        if (!excluded) return false;
    }
    return true;
}

// Actions that remove a permission, a grant, a policy or a share rather than add one, by the verbs
// AWS names them with: listed last, they are not the examples of what opens access.
bool takes_access_away(const Action& action) {
    constexpr std::array<std::string_view, 6> kVerbs = {"Delete", "Remove", "Revoke",
                                                        "Retire", "Detach", "Disassociate"};
    return std::any_of(kVerbs.begin(), kVerbs.end(),
                       [&](std::string_view verb) { return action.name.starts_with(verb); });
}

}  // namespace

bool judges_grants(const PolicyDocument& document) {
    return grants_permissions(document.kind) && document.kind != PolicyKind::Resource &&
           document.kind != PolicyKind::Trust;
}

std::vector<ActionGrant> granted_actions(const Catalog& catalog, const Statement& statement,
                                         const std::function<bool(const Action&)>& wanted) {
    std::vector<ActionGrant> grants;
    if (!is_allow_with_actions(statement)) return grants;
    // Only a list of several entries can name an action twice; then the first entry that names it is
    // the one reported.
    const bool one_entry = statement.actions.entries.size() == 1;
    std::unordered_set<const Action*> seen;
    for (const auto& entry : statement.actions.entries) {
        if (entry.computed || is_all_actions(entry.text)) continue;
        for (const Action* action : *catalog.matching_actions(entry.text)) {
            if (wanted(*action) && (one_entry || seen.insert(action).second))
                grants.push_back({action, &entry});
        }
    }
    return grants;
}

const Place* unconstrained_at(const Statement& statement, const Action& action,
                              const ScopingConditions& conditions) {
    const EntryList& resources = statement.resources;
    if (!resources.present || action.accepts_only_wildcard_resource()) return nullptr;
    if (!conditions.scoping_key(action).empty()) return nullptr;
    if (resources.negated) return excludes_every_resource_of(resources, action) ? nullptr : &resources.key;
    // A deployment-time entry is judged by its text: placeholders for the account or region
    // ("${AWS::AccountId}") stand for the policy's own, other placeholders for something named.
    for (const auto& entry : resources.entries) {
        if (entry.text.find('*') == std::string::npos) continue;
        const ResourceReach reach(entry.text);
        for (const auto& use : action.resource_types) {
            if (reach.every_resource_of(*use.type)) return &entry.place;
        }
    }
    return nullptr;
}

bool matches_every_role(std::string_view resource, std::string_view sample_a, std::string_view sample_b) {
    if (matches_every_resource(resource)) return true;
    auto arn = split_arn(resource);
    return arn && wildcard_match_ci(arn->service, "iam") && wildcard_match_ci(arn->region, "") &&
           wildcard_match_ci(arn->resource, sample_a) && wildcard_match_ci(arn->resource, sample_b);
}

const Place* every_role_at(const EntryList& resources, std::string_view sample_a, std::string_view sample_b) {
    if (!resources.present) return nullptr;
    for (const auto& entry : resources.entries) {
        // "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/*" is every role of the account too.
        if (!matches_every_role(entry.text, sample_a, sample_b)) continue;
        return resources.negated ? nullptr : &entry.place;
    }
    return resources.negated ? &resources.key : nullptr;
}

const Condition* limiting_condition(const Statement& statement, std::string_view key,
                                    std::string_view sample_a, std::string_view sample_b) {
    for (const auto& condition : statement.conditions) {
        const std::string_view base = condition.op.base;
        const bool positive = (base.starts_with("String") || base.starts_with("Arn")) &&
                              base.find("Not") == std::string_view::npos;
        if (!positive || !iequals(condition.key, key) || condition.values.empty()) continue;
        const bool open =
            std::any_of(condition.values.begin(), condition.values.end(), [&](const Entry& value) {
                return !value.computed && wildcard_match_ci(value.text, sample_a) &&
                       wildcard_match_ci(value.text, sample_b);
            });
        if (!open) return &condition;
    }
    return nullptr;
}

void report_unconstrained_category(const RuleContext& context, FindingSink& sink,
                                   const CategoryFinding& finding) {
    if (!judges_grants(context.document)) return;
    const SensitiveActions& table = SensitiveActions::builtin();
    auto wanted = [&](const Action& action) {
        return can_allow(context.document.kind, action) && table.reported(action, finding.category);
    };
    for (const auto& statement : context.document.policy.statements) {
        const auto grants = granted_actions(context.catalog, statement, wanted);
        if (grants.empty()) continue;
        const ScopingConditions conditions(statement);
        std::vector<const Action*> unconstrained;
        const Entry* token = nullptr;
        const Place* resource = nullptr;
        for (const auto& grant : grants) {
            if (context.grants.denied_everywhere(statement, *grant.action)) continue;
            const Place* at = unconstrained_at(statement, *grant.action, conditions);
            if (at == nullptr) continue;
            if (token == nullptr) {
                token = grant.token;
                resource = at;
            }
            unconstrained.push_back(grant.action);
        }
        if (token == nullptr) continue;
        std::stable_partition(unconstrained.begin(), unconstrained.end(),
                              [](const Action* action) { return !takes_access_away(*action); });
        const bool only_taking_away = takes_access_away(*unconstrained.front());
        const std::string_view what = only_taking_away && !finding.what_taking_away.empty()
                                          ? finding.what_taking_away
                                      : unconstrained.size() == 1 ? finding.what_one
                                                                  : finding.what_many;
        // Taking access away breaks access and may drop a fence, but opens nothing by itself: medium.
        auto& reported =
            only_taking_away && !finding.what_taking_away.empty()
                ? sink.report(Severity::Medium, token->place,
                              describe_actions(unconstrained) + std::string(what), std::string(finding.fix))
                : sink.report(token->place, describe_actions(unconstrained) + std::string(what),
                              std::string(finding.fix));
        sink.add_related(reported, *resource,
                         statement.resources.negated ? "NotResource: every resource except the ones listed"
                                                     : "every resource of these actions");
    }
}

}  // namespace iamlint::rules
