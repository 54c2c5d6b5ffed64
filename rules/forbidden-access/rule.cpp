#include <algorithm>
#include <string>
#include <vector>

#include "../rules.hpp"
#include "iamlint/arn.hpp"
#include "iamlint/condition_implication.hpp"
#include "iamlint/effective_permissions.hpp"
#include "iamlint/grant_model.hpp"

namespace iamlint::rules {

namespace {

constexpr std::string_view kTags[] = {"security", "organization-policy"};
constexpr std::size_t kActionsNamed = 6;

// Whether the statement's Resource or NotResource may name a resource the forbidden patterns name.
bool may_reach(const EntryList& resources, const std::vector<std::string>& forbidden) {
    if (forbidden.empty() || !resources.present) return true;
    return std::any_of(forbidden.begin(), forbidden.end(), [&](const std::string& target) {
        if (resources.negated) {
            // Everything but X reaches the target unless X holds all of it.
            return std::none_of(resources.entries.begin(), resources.entries.end(), [&](const Entry& x) {
                return x.json_type == JsonType::String && !x.computed &&
                       resource_pattern_covers(x.text, target);
            });
        }
        return std::any_of(resources.entries.begin(), resources.entries.end(), [&](const Entry& e) {
            if (e.computed) return true;
            if (e.json_type != JsonType::String) return false;
            return matches_every_resource(e.text) || patterns_may_overlap(e.text, target);
        });
    });
}

// SCPs, RCPs, permissions boundaries, session and VPC endpoint policies only cap what other policies
// grant: an Allow there grants nothing by itself.
bool grants_access(PolicyKind kind) {
    switch (kind) {
        case PolicyKind::Scp:
        case PolicyKind::Rcp:
        case PolicyKind::PermissionsBoundary:
        case PolicyKind::Session:
        case PolicyKind::VpcEndpoint:
            return false;
        default:
            return true;
    }
}

std::string qualified(const Action& action) {
    return std::string(action.service->prefix) + ":" + std::string(action.name);
}

class ForbiddenAccessRule final : public Rule {
public:
    const RuleMeta& meta() const override {
        static const RuleMeta meta{
            .id = "IAM502",
            .name = "forbidden-access",
            .default_severity = Severity::High,
            .summary = "A policy may allow an action the organisation forbids (forbid_access, check-access)",
            .description =
                "An Allow statement that may allow one of the actions listed under `forbid_access:` in the "
                "configuration, or given to `iamlint check-access --action`, on one of the listed resources "
                "(any resource when none are listed), after the policy's own Denies. Silent when nothing is "
                "forbidden. The offline counterpart of IAM Access Analyzer's CheckAccessNotGranted.",
            .tags = kTags,
            .readme = embedded_readme("forbidden-access"),
        };
        return meta;
    }

    void check(const RuleContext& context, FindingSink& sink) const override {
        if (context.settings.forbidden_access.empty() || !grants_access(context.document.kind)) return;
        const EffectivePermissions& permissions = context.grants.permissions();
        for (const ForbiddenAccess& forbidden : context.settings.forbidden_access) {
            ActionSet actions = permissions.index().none();
            for (const std::string& pattern : forbidden.actions)
                actions |= permissions.index().expand(pattern);
            for (const Grant& grant : permissions.grants()) {
                if (!grant.actions.intersects(actions)) continue;
                if (!may_reach(grant.statement->resources, forbidden.resources)) continue;
                ActionSet hit = grant.actions;
                hit &= actions;
                std::vector<const Action*> allowed;
                hit.for_each([&](std::size_t i) {
                    const Action& action = permissions.index().at(i);
                    if (permissions.applies_to(grant, action)) allowed.push_back(&action);
                });
                if (allowed.empty()) continue;
                std::string names;
                for (std::size_t i = 0; i < allowed.size() && i < kActionsNamed; ++i)
                    names += (i > 0 ? ", " : "") + qualified(*allowed[i]);
                if (allowed.size() > kActionsNamed)
                    names += " and " + std::to_string(allowed.size() - kActionsNamed) + " more";
                std::string message =
                    (grant.unconditional() ? "allows " : "may allow (under conditions) ") + names +
                    (allowed.size() == 1 ? ", which is forbidden" : ", which are forbidden");
                if (!forbidden.resources.empty()) {
                    message += " on ";
                    for (std::size_t i = 0; i < forbidden.resources.size(); ++i)
                        message += (i > 0 ? ", " : "") + forbidden.resources[i];
                }
                if (!forbidden.reason.empty()) message += ": " + forbidden.reason;
                sink.report(EffectivePermissions::action_place(grant, *allowed.front()), std::move(message),
                            "remove the action from the statement, or add a Deny for it");
            }
        }
    }
};

}  // namespace

const Rule& forbidden_access() {
    static const ForbiddenAccessRule rule;
    return rule;
}

}  // namespace iamlint::rules
