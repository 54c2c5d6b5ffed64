#include <algorithm>
#include <optional>
#include <string>

#include "../arn_support.hpp"
#include "../resource_policy_types.hpp"
#include "../rule_support.hpp"
#include "../rules.hpp"
#include "iamlint/arn.hpp"
#include "iamlint/ascii.hpp"

namespace iamlint::rules {

namespace {

constexpr std::string_view kTags[] = {"resource-policy", "correctness"};

bool contains_ci(std::span<const std::string_view> names, std::string_view name) {
    return std::any_of(names.begin(), names.end(),
                       [&](std::string_view each) { return iequals(each, name); });
}

std::string joined(std::span<const std::string_view> names, std::string_view last_separator) {
    std::string text;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i > 0) text += i + 1 == names.size() ? std::string(last_separator) : ", ";
        text += names[i];
    }
    return text;
}

// The ARN service fields of the type's resource types ("s3" for s3/bucket; "opensearch" never appears
// for es/domain, whose ARNs are "arn:aws:es:..."); the action services when only those are known.
std::vector<std::string_view> arn_services(const Catalog& catalog, const ResourcePolicyType& type) {
    std::vector<std::string_view> services;
    for (const auto& arn : type.resource_arns) {
        const Service* service = catalog.find_service(arn.service);
        if (service == nullptr) continue;
        for (const ResourceType& resource : service->resource_types) {
            if (resource.name != arn.type) continue;
            for (std::string_view format : resource.arn_formats) {
                if (auto parts = split_arn(format); parts && !contains_ci(services, parts->service))
                    services.push_back(parts->service);
            }
        }
    }
    if (services.empty()) services = type.action_services;
    return services;
}

class ResourcePolicyTypeMismatch final : public Rule {
public:
    const RuleMeta& meta() const override {
        static const RuleMeta meta{
            .id = "IAM412",
            .name = "resource-policy-type-mismatch",
            .default_severity = Severity::Medium,
            .summary =
                "A resource policy's action or Resource ARN that cannot apply to the resource it is "
                "attached to (a kms: action in a bucket policy)",
            .description =
                "A resource policy is evaluated only for requests to its own resource: an action of another "
                "service, or an ARN that cannot name that resource or what it holds, never applies. Amazon "
                "S3 "
                "refuses such a bucket policy (high); other services store it, and the element grants or "
                "denies nothing. The resource type comes from the container (AWS::S3::BucketPolicy, "
                "aws_sqs_queue_policy) or --resource-type.",
            .tags = kTags,
            .readme = embedded_readme("resource-policy-type-mismatch"),
        };
        return meta;
    }

    void check(const RuleContext& context, FindingSink& sink) const override {
        const PolicyDocument& document = context.document;
        if (document.kind != PolicyKind::Resource || document.resource_type.empty()) return;
        const ResourcePolicyType* type = find_resource_policy_type(document.resource_type);
        if (type == nullptr) return;
        const Severity severity = type->rejects_foreign ? Severity::High : Severity::Medium;
        const std::vector<std::string_view> services = arn_services(context.catalog, *type);
        std::optional<ArnCatalog> local;
        const ArnCatalog& arns = ArnCatalog::of(context.catalog, local);
        for (const Statement& statement : document.policy.statements) {
            if (statement.actions.present && !statement.actions.negated) {
                for (const Entry& entry : statement.actions.entries)
                    check_action(context.catalog, *type, severity, entry, sink);
            }
            if (statement.resources.present && !statement.resources.negated) {
                for (const Entry& entry : statement.resources.entries)
                    check_resource(context.catalog, arns, *type, services, severity, entry, sink);
            }
        }
    }

private:
    std::string consequence(const ResourcePolicyType& type) const {
        return type.rejects_foreign ? "the service refuses the policy" : "it never applies";
    }

    void check_action(const Catalog& catalog, const ResourcePolicyType& type, Severity severity,
                      const Entry& entry, FindingSink& sink) const {
        if (entry.computed) return;
        const ActionName action = split_action(entry.text);
        // "*", a wildcard in the service, or a service AWS does not have (unknown-service's) say nothing
        // here.
        if (action.service.empty() || has_wildcard_or_variable(action.service)) return;
        if (contains_ci(type.action_services, action.service) ||
            catalog.find_service(action.service) == nullptr)
            return;
        sink.report(severity, entry.place,
                    in_quotes(entry.text) + " is an action of " + std::string(action.service) +
                        ", but this policy is attached to an " + std::string(type.name) +
                        ", whose requests are " + joined(type.action_services, " or ") +
                        " actions: " + consequence(type),
                    "grant it in the policy of the resource it acts on, or in an identity policy");
    }

    void check_resource(const Catalog& catalog, const ArnCatalog& arns, const ResourcePolicyType& type,
                        std::span<const std::string_view> services, Severity severity, const Entry& entry,
                        FindingSink& sink) const {
        if (entry.computed || matches_every_resource(entry.text)) return;
        const auto parts = split_arn(entry.text);
        if (!parts || has_wildcard_or_variable(parts->service)) return;
        if (check_arn_syntax(entry.text)) return;  // invalid-arn's
        const std::string fix = "name the " + std::string(type.name) +
                                " the policy is attached to (or \"*\"), and grant access to other resources "
                                "in their own policies";
        if (!contains_ci(services, parts->service)) {
            sink.report(severity, entry.place,
                        in_quotes(entry.text) + " is an ARN of " + std::string(parts->service) +
                            ", which cannot name the " + std::string(type.name) +
                            " this policy is attached to: " + consequence(type),
                        fix);
            return;
        }
        if (type.resource_arns.empty()) return;
        const ArnPattern pattern(entry.text);
        std::vector<std::string_view> names;
        for (const auto& arn : type.resource_arns) {
            const Service* service = catalog.find_service(arn.service);
            if (service == nullptr) return;  // a catalog without the service: nothing to judge by
            for (const ResourceType& resource : service->resource_types) {
                if (resource.name != arn.type) continue;
                names.push_back(resource.name);
                for (const ArnFormat& format : arns.formats(*service, resource)) {
                    if (can_match(pattern, format)) return;
                }
            }
        }
        if (names.empty()) return;
        sink.report(severity, entry.place,
                    in_quotes(entry.text) + " names no " + joined(names, " or ") + " of " +
                        std::string(type.resource_arns.front().service) + ", so not the " +
                        std::string(type.name) + " this policy is attached to: " + consequence(type),
                    fix);
    }
};

}  // namespace

const Rule& resource_policy_type_mismatch() {
    static const ResourcePolicyTypeMismatch rule;
    return rule;
}

}  // namespace iamlint::rules
