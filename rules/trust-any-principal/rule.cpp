#include "../rule_support.hpp"
#include "../rules.hpp"
#include "../trust_support.hpp"
#include "iamlint/principals.hpp"

namespace iamlint::rules {

namespace {

constexpr std::string_view kTags[] = {"security", "principal", "trust-policy"};

class TrustAnyPrincipal final : public Rule {
public:
    const RuleMeta& meta() const override {
        static const RuleMeta meta{
            .id = "IAM403",
            .name = "trust-any-principal",
            .default_severity = Severity::Critical,
            .summary = "A role trust policy that anyone can assume",
            .description =
                "A trust policy that allows \"Principal\": \"*\" or {\"AWS\": \"*\"} (or Allow with "
                "NotPrincipal) lets a principal of any AWS account assume the role and act with its "
                "permissions. Not reported when a condition really restricts the caller "
                "(aws:PrincipalOrgID, aws:PrincipalAccount, aws:PrincipalArn ... with a positive operator "
                "and a concrete value); sts:ExternalId alone does not.",
            .tags = kTags,
            .readme = embedded_readme("trust-any-principal"),
        };
        return meta;
    }

    void check(const RuleContext& context, FindingSink& sink) const override {
        if (context.document.kind != PolicyKind::Trust) return;
        const Policy& policy = context.document.policy;
        for (const auto& statement : policy.statements) {
            if (!statement.is_allow() || !statement.principals.present) continue;
            if (restricting_condition(statement) != nullptr || fencing_deny(policy, statement) != nullptr)
                continue;
            const std::string fix =
                "name the accounts or roles that may assume it, or add a condition such as "
                "aws:PrincipalOrgID or aws:PrincipalArn";
            if (statement.principals.negated) {
                sink.report(
                    statement.principals.key,
                    "Allow with NotPrincipal lets everyone but the listed principals assume this role", fix);
                continue;
            }
            for (const auto& principal : statement.principals.entries) {
                if (!is_everyone(principal)) continue;
                sink.report(principal.value.place,
                            "\"*\" lets a principal of any AWS account assume this role (" +
                                describe_statement_actions(statement) + "), and no condition restricts who",
                            fix);
                break;
            }
        }
    }
};

}  // namespace

const Rule& trust_any_principal() {
    static const TrustAnyPrincipal rule;
    return rule;
}

}  // namespace iamlint::rules
