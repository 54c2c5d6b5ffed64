#include <algorithm>
#include <atomic>
#include <mutex>
#include <span>
#include <utility>
#include <vector>

#include "../breadth_support.hpp"
#include "../per_action_table.hpp"
#include "../rule_support.hpp"
#include "../rules.hpp"
#include "../sensitive_support.hpp"
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

// Actions that a rule about a named risk reports when they reach every resource, at its own severity:
// IAM204 leaves them to it rather than saying the same thing twice.
bool singled_out_elsewhere(const Action& action) {
    const SensitiveActions& table = SensitiveActions::builtin();
    for (const auto category : {SensitiveCategory::PermissionsManagement,
                                SensitiveCategory::CredentialsExposure, SensitiveCategory::DataAccess}) {
        if (table.reported(action, category)) return true;  // IAM302, IAM303, IAM304
    }
    if (is_named(action, "iam:PassRole") || is_named(action, "iam:CreateServiceLinkedRole"))
        return true;                    // IAM305, IAM306
    const auto reads = secret_reads();  // IAM211
    return std::any_of(reads.begin(), reads.end(),
                       [&](const SecretRead& read) { return is_named(action, read.action); });
}

// What the rule asks of a catalog action whatever the statement, worked out the first time any thread
// asks and kept as long as the catalog: asked anew for every action of every statement, it was a quarter
// of the rule's cost over AWS's managed policies.
class ActionFacts {
public:
    explicit ActionFacts(const Catalog& catalog) : facts_(catalog) {}

    // Whether the rule may report the action: it accepts resources narrower than "*", and no rule
    // about a named risk reports it.
    bool reportable(const Action& action) const { return of(action).reportable; }

    // The action's resource types that a Resource entry could name better than with a wildcard.
    std::span<const ResourceType* const> nameable_types(const Action& action) const {
        return of(action).nameable_types;
    }

private:
    struct Facts {
        std::atomic<bool> known{false};  // once set, a load rather than call_once's call
        std::once_flag once;
        bool reportable = false;
        std::vector<const ResourceType*> nameable_types;
    };

    const Facts& of(const Action& action) const {
        Facts& facts = facts_[action];
        if (facts.known.load(std::memory_order_acquire)) return facts;
        std::call_once(facts.once, [&] {
            facts.reportable = !action.accepts_only_wildcard_resource() && !singled_out_elsewhere(action);
            for (const auto& use : action.resource_types) {
                if (!nameable_only_by_wildcard(action, use)) facts.nameable_types.push_back(use.type);
            }
            facts.known.store(true, std::memory_order_release);
        });
        return facts;
    }

    PerActionTable<Facts> facts_;
};

bool is_write(AccessLevel level) {
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
                "every resource in the account. Medium: the actions that carry a named risk on every "
                "resource (permissions management, credentials, data reads, secrets, passing roles) are "
                "left to IAM211 and IAM302-IAM306, which report them at their own severity. Not reported: "
                "actions that accept only \"*\" (ec2:DescribeInstances), and the resources an action "
                "creates under an identifier AWS chooses (ec2:RunInstances on instance/*).",
            .tags = kTags,
            .readme = embedded_readme("unscoped-resource"),
        };
        return meta;
    }

    void check(const RuleContext& context, FindingSink& sink) const override {
        if (!judges_grants(context.document)) return;
        const auto& facts = context.catalog.derived<ActionFacts>();
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
            std::erase_if(expanded, [&](const Action* a) {
                return !can_allow(context.document.kind, *a) ||
                       context.grants.denied_everywhere(statement, *a);
            });
            // Which actions the rule may report does not depend on the resource: worked out once per
            // statement, when a resource first has a wildcard.
            bool filtered = false;
            const ScopingConditions conditions(statement);
            for (const auto& resource : statement.resources.entries) {
                if (resource.text.find('*') == std::string::npos) continue;
                if (!filtered) {
                    std::erase_if(expanded, [&](const Action* a) { return !facts.reportable(*a); });
                    filtered = true;
                }
                check_resource(facts, conditions, resource, expanded, sink);
            }
        }
    }

private:
    // `actions`: those the rule may report, each once; `resource` has a wildcard.
    static void check_resource(const ActionFacts& facts, const ScopingConditions& conditions,
                               const Entry& resource, const std::vector<const Action*>& actions,
                               FindingSink& sink) {
        // Actions of one service share resource types: judge each type once. The answers are kept
        // sorted by type in one vector: a node per type of a hash map cost a tenth of this function.
        const ResourceReach reach(resource.text);
        std::vector<std::pair<const ResourceType*, bool>> covered;
        auto covers = [&](const Action& action) {
            for (const ResourceType* type : facts.nameable_types(action)) {
                auto it = std::lower_bound(
                    covered.begin(), covered.end(), type,
                    [](const auto& answer, const ResourceType* t) { return answer.first < t; });
                if (it == covered.end() || it->first != type)
                    it = covered.insert(it, {type, reach.every_resource_of(*type)});
                if (it->second) return true;
            }
            return false;
        };
        std::vector<const Action*> unscoped;
        for (const Action* action : actions) {
            if (!covers(*action) || conditions.scope(*action)) continue;
            unscoped.push_back(action);
        }
        if (unscoped.empty()) return;
        // Writes first, so that the message names what matters.
        std::stable_sort(unscoped.begin(), unscoped.end(), [](const Action* a, const Action* b) {
            return is_write(a->access_level) && !is_write(b->access_level);
        });
        std::string_view example = example_arn(*unscoped.front());
        const bool one = unscoped.size() == 1;
        sink.report(resource.place,
                    "\"" + resource.text + "\" applies " + describe_actions(unscoped) +
                        " to every resource of " +
                        (one ? "its type, though it" : "their types, though they") +
                        " can be limited to named resources",
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
