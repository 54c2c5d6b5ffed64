#include <algorithm>
#include <unordered_map>

#include "../breadth_support.hpp"
#include "../rule_support.hpp"
#include "../rules.hpp"
#include "iamlint/arn.hpp"
#include "iamlint/ascii.hpp"
#include "iamlint/grant_model.hpp"

namespace iamlint::rules {

namespace {

constexpr std::string_view kTags[] = {"security", "least-privilege"};

// The ARN format to show in the fix: the shortest of a resource type the action requires, else the
// shortest of all ("arn:aws:s3:::BUCKET/OBJECT" rather than an access point's object).
std::string_view example_arn(const Action& action) {
    std::string_view best;
    bool best_required = false;
    for (const auto& use : action.resource_types) {
        for (std::string_view format : use.type->arn_formats) {
            bool better = best.empty() || (use.required && !best_required) ||
                          (use.required == best_required && format.size() < best.size());
            if (!better) continue;
            best = format;
            best_required = use.required;
        }
    }
    return best;
}

bool is_sensitive(AccessLevel level) {
    return level == AccessLevel::Write || level == AccessLevel::PermissionsManagement;
}

class UnscopedResource final : public Rule {
public:
    const RuleMeta& meta() const override {
        static const RuleMeta meta{
            .id = "IAM204",
            .name = "unscoped-resource",
            .default_severity = Severity::Medium,
            .summary = "Allow on \"Resource\": \"*\" of actions that support resource-level permissions",
            .description =
                "These actions can be limited to named resources, but the statement applies them to "
                "every resource in the account. High when some of them write or manage permissions. "
                "Actions that accept only \"*\" (ec2:DescribeInstances, ecr:GetAuthorizationToken) are "
                "not reported.",
            .tags = kTags,
            .readme = embedded_readme("unscoped-resource"),
        };
        return meta;
    }

    void check(const RuleContext& context, FindingSink& sink) const override {
        // In a resource policy "*" is the resource the policy is attached to, not every resource.
        if (!grants_permissions(context.document.kind) || context.document.kind == PolicyKind::Resource)
            return;
        std::vector<const Action*> expanded;
        for (const auto& statement : context.document.policy.statements) {
            if (!is_allow_with_actions(statement) || !statement.resources.present ||
                statement.resources.negated) {
                continue;
            }
            expanded.clear();
            for (const auto& action : statement.actions.entries) {
                // "*" and "*:*" are wildcard-action's.
                if (!is_all_actions(action.text)) context.catalog.expand(action.text, expanded);
            }
            std::sort(expanded.begin(), expanded.end());
            expanded.erase(std::unique(expanded.begin(), expanded.end()), expanded.end());
            std::erase_if(expanded,
                          [&](const Action* a) { return context.grants.denied_everywhere(statement, *a); });
            const ScopingConditions conditions(statement);
            for (const auto& resource : statement.resources.entries) {
                check_resource(conditions, resource, expanded, sink);
            }
        }
    }

private:
    static void check_resource(const ScopingConditions& conditions, const Entry& resource,
                               const std::vector<const Action*>& actions, FindingSink& sink) {
        if (resource.text.find('*') == std::string::npos) return;
        // Actions of one service share resource types: judge each type once.
        std::unordered_map<const ResourceType*, bool> covered;
        auto covers = [&](const Action& action) {
            for (const auto& use : action.resource_types) {
                auto [it, inserted] = covered.try_emplace(use.type, false);
                if (inserted) it->second = covers_every_resource_of(resource.text, *use.type);
                if (it->second) return true;
            }
            return false;
        };
        std::vector<const Action*> unscoped;
        for (const Action* action : actions) {
            if (action->accepts_only_wildcard_resource()) continue;
            if (!covers(*action) || conditions.scope(*action)) continue;
            unscoped.push_back(action);
        }
        if (unscoped.empty()) return;
        // Most sensitive first, so that the message names what matters.
        std::stable_sort(unscoped.begin(), unscoped.end(), [](const Action* a, const Action* b) {
            return is_sensitive(a->access_level) && !is_sensitive(b->access_level);
        });
        const bool sensitive = is_sensitive(unscoped.front()->access_level);
        std::string_view example = example_arn(*unscoped.front());
        sink.report(sensitive ? Severity::High : Severity::Medium, resource.place,
                    "\"" + resource.text + "\" applies " + describe_actions(unscoped) +
                        " to every resource, though they can be limited to named resources",
                    example.empty() ? std::string("name the resources in ARNs")
                                    : "name the resources in ARNs such as " + std::string(example));
    }
};

}  // namespace

const Rule& unscoped_resource() {
    static const UnscopedResource rule;
    return rule;
}

}  // namespace iamlint::rules
