#include <algorithm>
#include <array>
#include <unordered_set>

#include "../rule_support.hpp"
#include "../rules.hpp"
#include "iamlint/arn.hpp"
#include "iamlint/ascii.hpp"

namespace iamlint::rules {

namespace {

constexpr std::string_view kTags[] = {"security", "least-privilege"};

// Global keys that narrow a request down by the resource it touches, whatever the service.
constexpr std::array<std::string_view, 4> kResourceScopingKeys = {"aws:ResourceAccount", "aws:ResourceOrgID",
                                                                    "aws:ResourceOrgPaths", "aws:ResourceTag/${TagKey}"};

// A condition on a key of the action's resource types (s3:prefix, aws:ResourceTag/team ...) scopes
// "*" down to some resources: the rule is not sure then, so it stays silent.
bool condition_scopes_resources(const Statement& statement, const Action& action) {
    for (const auto& condition : statement.conditions) {
        for (std::string_view key : kResourceScopingKeys) {
            if (condition_key_matches(key, condition.key)) return true;
        }
        for (const auto& use : action.resource_types) {
            for (std::string_view key : use.type->condition_keys) {
                if (condition_key_matches(key, condition.key)) return true;
            }
        }
    }
    return false;
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
            .description = "These actions can be limited to named resources, but the statement applies them to "
                           "every resource in the account. High when some of them write or manage permissions. "
                           "Actions that accept only \"*\" (ec2:DescribeInstances, ecr:GetAuthorizationToken) are "
                           "not reported.",
            .tags = kTags,
            .readme = embedded_readme("unscoped-resource"),
        };
        return meta;
    }

    void check(const RuleContext& context, FindingSink& sink) const override {
        std::vector<const Action*> expanded;
        for (const auto& statement : context.document.policy.statements) {
            if (!is_allow_with_actions(statement) || !statement.resources.present || statement.resources.negated) {
                continue;
            }
            expanded.clear();
            for (const auto& action : statement.actions.entries) {
                if (action.text != "*") context.catalog.expand(action.text, expanded);  // "*" is wildcard-action's
            }
            std::sort(expanded.begin(), expanded.end());
            expanded.erase(std::unique(expanded.begin(), expanded.end()), expanded.end());
            for (const auto& resource : statement.resources.entries) check_resource(statement, resource, expanded, sink);
        }
    }

private:
    static void check_resource(const Statement& statement, const Entry& resource,
                               const std::vector<const Action*>& actions, FindingSink& sink) {
        std::vector<const Action*> unscoped;
        for (const Action* action : actions) {
            if (action->accepts_only_wildcard_resource()) continue;
            if (!matches_every_resource_of(resource.text, arn_service_of(*action))) continue;
            if (condition_scopes_resources(statement, *action)) continue;
            unscoped.push_back(action);
        }
        if (unscoped.empty()) return;
        // Most sensitive first, so that the message names what matters.
        std::stable_sort(unscoped.begin(), unscoped.end(), [](const Action* a, const Action* b) {
            return is_sensitive(a->access_level) && !is_sensitive(b->access_level);
        });
        const bool sensitive = is_sensitive(unscoped.front()->access_level);
        std::string example;
        for (const auto& use : unscoped.front()->resource_types) {
            if (!use.type->arn_formats.empty()) {
                example = " such as " + std::string(use.type->arn_formats.front());
                break;
            }
        }
        sink.report(sensitive ? Severity::High : Severity::Medium, resource.place,
                    "\"" + resource.text + "\" applies " + describe_actions(unscoped) +
                        " to every resource, though they can be limited to named resources",
                    "name the resources in ARNs" + example);
    }
};

}  // namespace

const Rule& unscoped_resource() {
    static const UnscopedResource rule;
    return rule;
}

}  // namespace iamlint::rules
