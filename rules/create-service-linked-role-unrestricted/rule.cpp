#include "../rule_support.hpp"
#include "../rules.hpp"
#include "../sensitive_support.hpp"
#include "iamlint/ascii.hpp"
#include "iamlint/grant_model.hpp"

namespace iamlint::rules {

namespace {

constexpr std::string_view kTags[] = {"security", "least-privilege"};

// Two service-linked roles of unrelated services: a pattern that matches both leaves the service open.
constexpr std::string_view kRoleA = "role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS";
constexpr std::string_view kRoleB =
    "role/aws-service-role/elasticloadbalancing.amazonaws.com/AWSServiceRoleForElasticLoadBalancing";
constexpr std::string_view kServiceA = "ecs.amazonaws.com";
constexpr std::string_view kServiceB = "elasticloadbalancing.amazonaws.com";

bool is_create_service_linked_role(const Action& action) {
    return iequals(action.service->prefix, "iam") && iequals(action.name, "CreateServiceLinkedRole");
}

class CreateServiceLinkedRoleUnrestricted final : public Rule {
public:
    const RuleMeta& meta() const override {
        static const RuleMeta meta{
            .id = "IAM306",
            .name = "create-service-linked-role-unrestricted",
            .default_severity = Severity::Medium,
            .summary = "iam:CreateServiceLinkedRole on every role without iam:AWSServiceName",
            .description =
                "iam:CreateServiceLinkedRole on every service-linked role and without an iam:AWSServiceName "
                "condition lets the principal create the service-linked role of any service, with the "
                "permissions AWS gives that service in the account.",
            .tags = kTags,
            .readme = embedded_readme("create-service-linked-role-unrestricted"),
        };
        return meta;
    }

    void check(const RuleContext& context, FindingSink& sink) const override {
        if (!judges_grants(context.document)) return;
        for (const auto& statement : context.document.policy.statements) {
            const auto grants = granted_actions(context.catalog, statement, [&](const Action& action) {
                return can_allow(context.document.kind, action) && is_create_service_linked_role(action);
            });
            if (grants.empty() || context.grants.denied_everywhere(statement, *grants.front().action))
                continue;
            const Place* roles = every_role_at(statement.resources, kRoleA, kRoleB);
            if (roles == nullptr || limiting_condition(statement, "iam:AWSServiceName", kServiceA, kServiceB))
                continue;
            const Entry& token = *grants.front().token;
            auto& finding = sink.report(
                token.place,
                in_quotes(token.text) +
                    " allows creating the service-linked role of any service, with no "
                    "iam:AWSServiceName condition",
                "add a StringEquals condition on iam:AWSServiceName naming the services (ecs.amazonaws.com), "
                "or name their roles (arn:aws:iam::*:role/aws-service-role/ecs.amazonaws.com/*)");
            sink.add_related(finding, *roles,
                             statement.resources.negated ? "every service-linked role except those listed"
                                                         : "every service-linked role");
        }
    }
};

}  // namespace

const Rule& create_service_linked_role_unrestricted() {
    static const CreateServiceLinkedRoleUnrestricted rule;
    return rule;
}

}  // namespace iamlint::rules
