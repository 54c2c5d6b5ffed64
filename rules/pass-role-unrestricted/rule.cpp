#include "../rule_support.hpp"
#include "../rules.hpp"
#include "../sensitive_support.hpp"
#include "iamlint/ascii.hpp"
#include "iamlint/grant_model.hpp"

namespace iamlint::rules {

namespace {

constexpr std::string_view kTags[] = {"security", "privilege-escalation"};

// Two unrelated roles: a pattern that matches both leaves the role name open.
constexpr std::string_view kRoleA = "role/iamlint-sample-1";
constexpr std::string_view kRoleB = "role/service-role/Other_2";
// Two unrelated services: a value that matches both leaves the service open.
constexpr std::string_view kServiceA = "ec2.amazonaws.com";
constexpr std::string_view kServiceB = "lambda.amazonaws.com";

// Which condition keys of iam:PassRole say where the role goes rather than which role it is.
constexpr std::string_view kDestinationKeys[] = {"iam:PassedToService", "iam:AssociatedResourceArn"};

bool is_pass_role(const Action& action) {
    return iequals(action.service->prefix, "iam") && iequals(action.name, "PassRole");
}

std::string list_values(const Condition& condition) {
    std::string text;
    for (std::size_t i = 0; i < condition.values.size(); ++i) {
        if (i > 0) text += i + 1 == condition.values.size() ? " and " : ", ";
        text += condition.values[i].text;
    }
    return text;
}

class PassRoleUnrestricted final : public Rule {
public:
    const RuleMeta& meta() const override {
        static const RuleMeta meta{
            .id = "IAM305",
            .name = "pass-role-unrestricted",
            .default_severity = Severity::High,
            .summary = "iam:PassRole on every role, or without iam:PassedToService",
            .description =
                "iam:PassRole on \"*\", on every role of an account or with NotResource lets the principal "
                "hand any role, an administrator's included, to a service that runs code for it: high "
                "without an iam:PassedToService condition, medium when the condition names the services.",
            .tags = kTags,
            .readme = embedded_readme("pass-role-unrestricted"),
        };
        return meta;
    }

    void check(const RuleContext& context, FindingSink& sink) const override {
        if (!judges_grants(context.document)) return;
        for (const auto& statement : context.document.policy.statements) {
            const auto grants = granted_actions(context.catalog, statement, [&](const Action& action) {
                return can_allow(context.document.kind, action) && is_pass_role(action);
            });
            if (grants.empty() || context.grants.denied_everywhere(statement, *grants.front().action))
                continue;
            const Place* roles = every_role_at(statement.resources, kRoleA, kRoleB);
            if (roles == nullptr) continue;
            const ScopingConditions scoping(statement, kDestinationKeys);
            if (scoping.scope(*grants.front().action)) continue;
            const std::string where =
                statement.resources.negated ? "every role except those NotResource lists" : "every role";
            const Entry& token = *grants.front().token;
            const Condition* services =
                limiting_condition(statement, "iam:PassedToService", kServiceA, kServiceB);
            if (services == nullptr) {
                auto& finding =
                    sink.report(Severity::High, token.place,
                                in_quotes(token.text) + " allows passing " + where +
                                    " to any service, with no iam:PassedToService condition: any role, an "
                                    "administrator's "
                                    "included, can be handed to a service that runs code for the principal",
                                "name the roles in ARNs (arn:aws:iam::111122223333:role/app-worker) and add "
                                "a StringEquals "
                                "condition on iam:PassedToService");
                sink.add_related(finding, *roles, "the roles it may pass");
            } else {
                auto& finding = sink.report(
                    Severity::Medium, token.place,
                    in_quotes(token.text) + " allows passing " + where + " to " + list_values(*services) +
                        ": any role, an administrator's included, can be handed to them",
                    "name the roles this principal passes in ARNs");
                sink.add_related(finding, *roles, "the roles it may pass");
                sink.add_related(finding, services->key_place, "the services it may pass them to");
            }
        }
    }
};

}  // namespace

const Rule& pass_role_unrestricted() {
    static const PassRoleUnrestricted rule;
    return rule;
}

}  // namespace iamlint::rules
