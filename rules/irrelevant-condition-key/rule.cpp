#include <string>

#include "../resource_policy_types.hpp"
#include "../rule_support.hpp"
#include "../rules.hpp"
#include "iamlint/ascii.hpp"

namespace iamlint::rules {

namespace {

constexpr std::string_view kTags[] = {"resource-policy", "conditions"};

class IrrelevantResourcePolicyConditionKey final : public Rule {
public:
    const RuleMeta& meta() const override {
        static const RuleMeta meta{
            .id = "IAM413",
            .name = "irrelevant-condition-key",
            .default_severity = Severity::Low,
            .summary =
                "A condition key that has one fixed value in the policy of the resource it is attached "
                "to (s3:ResourceAccount in a bucket policy)",
            .description =
                "Requests that a resource policy governs are all requests to its own resource, so a key that "
                "describes the resource's owner always has the same value there: the condition is always "
                "true "
                "or never true, and restricts nothing the author meant. Such keys belong in identity and VPC "
                "endpoint policies. The resource type comes from the container or --resource-type.",
            .tags = kTags,
            .readme = embedded_readme("irrelevant-condition-key"),
        };
        return meta;
    }

    void check(const RuleContext& context, FindingSink& sink) const override {
        const PolicyDocument& document = context.document;
        if (document.kind != PolicyKind::Resource || document.resource_type.empty()) return;
        const ResourcePolicyType* type = find_resource_policy_type(document.resource_type);
        if (type == nullptr || type->irrelevant_keys.empty()) return;
        for (const Statement& statement : document.policy.statements) {
            for (const Condition& condition : statement.conditions) {
                if (condition.key_computed) continue;
                for (std::string_view key : type->irrelevant_keys) {
                    if (!iequals(condition.key, key)) continue;
                    sink.report(
                        condition.key_place,
                        condition.key + " is the account that owns the resource; in the policy of an " +
                            std::string(type->name) +
                            " every request is to that resource, so the condition is always true or "
                            "never true",
                        "use " + std::string(key) +
                            " in identity or VPC endpoint policies; here, name the principals instead");
                }
            }
        }
    }
};

}  // namespace

const Rule& irrelevant_condition_key() {
    static const IrrelevantResourcePolicyConditionKey rule;
    return rule;
}

}  // namespace iamlint::rules
