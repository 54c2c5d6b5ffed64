#include <algorithm>
#include <unordered_map>

#include "../arn_support.hpp"
#include "../rule_support.hpp"
#include "../rules.hpp"
#include "iamlint/arn.hpp"

namespace iamlint::rules {

namespace {

constexpr std::string_view kTags[] = {"correctness", "arn"};

// One Resource entry, ready to be matched against formats.
struct ResourcePattern {
    ArnPattern pattern;
    std::string_view service;  // the literal service field; empty when it is open or absent
};

// The statement's resources, and which resource types they can be, asked once per type.
class Resources {
public:
    Resources(const ArnCatalog& arns, const Statement& statement) : arns_(arns) {
        for (const auto& entry : statement.resources.entries) {
            ResourcePattern resource{ArnPattern(entry.text), {}};
            auto parts = split_arn(entry.text);
            if (parts && !has_wildcard_or_variable(parts->service)) resource.service = parts->service;
            resources_.push_back(std::move(resource));
            open_ = open_ || has_wildcard_or_variable(entry.text);
        }
    }

    // Whether some resource can be an ARN of this type.
    bool can_be(const Service& service, const ResourceType& type) {
        auto [it, inserted] = by_type_.try_emplace(&type, false);
        if (!inserted) return it->second;
        for (const ArnFormat& format : arns_.formats(service, type)) {
            for (const auto& resource : resources_) {
                if (!resource.service.empty() && resource.service != format.service() &&
                    format.service().find("${") == std::string_view::npos) {
                    continue;
                }
                if (can_match(resource.pattern, format)) return it->second = true;
            }
        }
        return false;
    }

    // Whether some resource has a wildcard or a policy variable.
    bool open() const { return open_; }

    // Whether some resource may be of this ARN service: it names it, or leaves its service open.
    bool may_be_of(std::string_view service) const {
        return std::any_of(resources_.begin(), resources_.end(), [&](const ResourcePattern& resource) {
            return resource.service.empty() || resource.service == service;
        });
    }

    // Whether some resource may be of the service of one of the action's resource types (of the action's
    // own service for an action that accepts only "*"). When all are of other services, the statement was
    // written for resources the catalog does not list for the action (AWS's own policies grant
    // ssm:DeregisterManagedInstance on EKS clusters and waf-regional:GetWebACLForResource, which the
    // catalog says acts on load balancers, on web ACLs), and the rule is not sure.
    bool may_be_for(const Action& action) {
        if (action.accepts_only_wildcard_resource()) return may_be_of(action.service->prefix);
        for (const auto& use : action.resource_types) {
            for (const ArnFormat& format : arns_.formats(*action.service, *use.type)) {
                if (format.service().find("${") != std::string_view::npos || may_be_of(format.service()))
                    return true;
            }
        }
        return false;
    }

private:
    const ArnCatalog& arns_;
    std::vector<ResourcePattern> resources_;
    std::unordered_map<const ResourceType*, bool> by_type_;
    bool open_ = false;
};

// Services whose catalog entries the rule does not trust for this question. elasticloadbalancing: AWS
// documents Classic and V2 load balancing under one prefix with actions of the same names (AddTags,
// CreateLoadBalancer ...), and the catalog keeps one of each, so V2's target groups and listeners are
// missing from actions that act on them.
constexpr std::string_view kUntrustedServices[] = {"elasticloadbalancing"};

// The statement's resources grant nothing for this action.
bool mismatched(const Action& action, Resources& resources) {
    if (std::find(std::begin(kUntrustedServices), std::end(kUntrustedServices), action.service->prefix) !=
        std::end(kUntrustedServices)) {
        return false;
    }
    if (!resources.may_be_for(action)) return false;
    if (action.accepts_only_wildcard_resource()) {
        // Such an action is authorized on "*". Whether a wildcard ARN also covers it is not documented
        // (arn:aws:s3:::* has long worked for s3:ListAllMyBuckets), so only ARNs without one count.
        return !resources.open();
    }
    return std::none_of(
        action.resource_types.begin(), action.resource_types.end(),
        [&](const ResourceTypeUse& use) { return resources.can_be(*action.service, *use.type); });
}

// An Action entry whose every action the statement's resources grant nothing for.
struct Mismatch {
    const Entry* entry;
    const Action* first;    // its first action in catalog order
    std::string expansion;  // "s3:GetObject, s3:GetObjectAcl and 9 more" for a wildcard entry
};

// The resource type to show for an action, and its shortest format: a required type first.
std::pair<std::string_view, std::string_view> example_type(const Action& action) {
    std::pair<std::string_view, std::string_view> best;
    bool best_required = false;
    for (const auto& use : action.resource_types) {
        for (std::string_view format : use.type->arn_formats) {
            bool better = best.second.empty() || (use.required && !best_required) ||
                          (use.required == best_required && format.size() < best.second.size());
            if (!better) continue;
            best = {use.type->name, format};
            best_required = use.required;
        }
    }
    return best;
}

class ResourceMismatch final : public Rule {
public:
    const RuleMeta& meta() const override {
        static const RuleMeta meta{
            .id = "IAM104",
            .name = "resource-mismatch",
            .default_severity = Severity::Medium,
            .summary = "Allow of an action on resources that cannot be of any type the action acts on",
            .description =
                "None of the statement's resources can match an ARN of any resource type the action "
                "acts on, so the statement grants nothing for it: a bucket ARN for s3:GetObject (which "
                "acts on objects), an object ARN for s3:ListBucket, an instance ARN for an action that "
                "accepts only \"*\". Matching follows the ARN formats of AWS's Service Authorization "
                "Reference.",
            .tags = kTags,
            .readme = embedded_readme("resource-mismatch"),
        };
        return meta;
    }

    void check(const RuleContext& context, FindingSink& sink) const override {
        std::optional<ArnCatalog> local;
        const ArnCatalog& arns = ArnCatalog::of(context.catalog, local);
        std::vector<Mismatch> mismatches;
        for (const auto& statement : context.document.policy.statements) {
            if (!is_allow_with_actions(statement) || !judgeable(arns, statement.resources)) continue;
            Resources resources(arns, statement);
            mismatches.clear();
            for (const auto& action : statement.actions.entries) {
                if (action.computed || is_all_actions(action.text)) continue;
                const Catalog::ActionList matched = context.catalog.matching_actions(action.text);
                const std::vector<const Action*>& expanded = *matched;
                // An unknown action is unknown-action's; one that matches any resource is fine.
                if (expanded.empty()) continue;
                if (std::all_of(expanded.begin(), expanded.end(),
                                [&](const Action* a) { return mismatched(*a, resources); })) {
                    mismatches.push_back(
                        {&action, expanded.front(),
                         has_wildcard_or_variable(action.text) ? describe_actions(expanded) : std::string()});
                }
            }
            if (!mismatches.empty()) report(statement, mismatches, sink);
        }
    }

private:
    // Resources that are all ARNs known here: no "*", nothing computed, nothing malformed (invalid-arn's).
    static bool judgeable(const ArnCatalog& arns, const EntryList& resources) {
        if (!resources.present || resources.negated || resources.entries.empty()) return false;
        return std::all_of(resources.entries.begin(), resources.entries.end(), [&](const Entry& entry) {
            if (entry.computed || matches_every_resource(entry.text)) return false;
            auto parts = split_arn(entry.text);
            if (!parts) return false;
            std::span<const std::string_view> literal_accounts;
            if (!has_wildcard_or_variable(parts->service)) {
                if (const auto* service = arns.arn_service(parts->service))
                    literal_accounts = service->literal_accounts;
            }
            return !check_arn_syntax(entry.text, literal_accounts);
        });
    }

    // One finding per statement: the first action in full, the others named, each a related location.
    static void report(const Statement& statement, const std::vector<Mismatch>& mismatches,
                       FindingSink& sink) {
        const auto& entries = statement.resources.entries;
        const bool one = entries.size() == 1;
        const Place& where = one ? entries.front().place : statement.resources.key;
        const std::string subject = one ? in_quotes(entries.front().text)
                                        : "none of the " + std::to_string(entries.size()) + " resources";
        const Mismatch& head = mismatches.front();
        std::string name = head.entry->text;
        if (!head.expansion.empty()) name += " (" + head.expansion + ")";
        std::string_view partition = split_arn(entries.front().text)->partition;
        if (partition.empty() || has_wildcard_or_variable(partition)) partition = "aws";

        std::string message, fix;
        if (head.first->accepts_only_wildcard_resource()) {
            message = name + " accepts only \"Resource\": \"*\" (it has no resource-level permissions), so " +
                      (one ? subject + " does" : subject + " do") + " not grant it";
            fix = "grant it in a statement of its own with \"Resource\": \"*\"";
        } else {
            auto [type, format] = example_type(*head.first);
            const std::string example = example_arn(format, partition);
            message = name + " acts on " + std::string(type) + " resources (" + example + "), and " +
                      subject + (one ? " cannot be one" : " can be one") +
                      ", so the statement grants nothing for it";
            fix = "add the ARN of the " + std::string(type) + " it should act on, such as " + example;
        }
        if (mismatches.size() > 1) {
            message += ", nor for ";
            const std::size_t shown = std::min<std::size_t>(mismatches.size() - 1, 3);
            for (std::size_t i = 1; i <= shown; ++i) {
                if (i > 1) message += i == shown && shown + 1 == mismatches.size() ? " and " : ", ";
                message += mismatches[i].entry->text;
            }
            if (mismatches.size() > shown + 1) {
                message += " and " + std::to_string(mismatches.size() - shown - 1) + " more actions";
            }
            fix += "; move actions to statements with resources of their types";
        }
        auto& finding = sink.report(where, std::move(message), std::move(fix));
        for (const auto& mismatch : mismatches) {
            sink.add_related(finding, mismatch.entry->place, "an action it grants nothing for");
        }
    }
};

}  // namespace

const Rule& resource_mismatch() {
    static const ResourceMismatch rule;
    return rule;
}

}  // namespace iamlint::rules
