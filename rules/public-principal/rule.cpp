#include "../rule_support.hpp"
#include "../rules.hpp"
#include "../trust_support.hpp"
#include "iamlint/principals.hpp"

namespace iamlint::rules {

namespace {

constexpr std::string_view kTags[] = {"security", "principal", "resource-policy"};

class PublicPrincipal final : public Rule {
public:
    const RuleMeta& meta() const override {
        static const RuleMeta meta{
            .id = "IAM401",
            .name = "public-principal",
            .default_severity = Severity::Critical,
            .summary = "A resource policy that allows \"*\" without a condition that restricts who",
            .description =
                "An Allow to \"Principal\": \"*\" or {\"AWS\": \"*\"} (or with NotPrincipal) in a resource "
                "policy lets every AWS account, and for many services anonymous callers, use the resource. "
                "Not reported when a condition really restricts the caller (aws:PrincipalOrgID, "
                "aws:SourceAccount, aws:SourceVpce, aws:SourceIp ... with a positive operator and a "
                "concrete value), or when a Deny of the policy takes the grant back from everyone outside "
                "such a fence.",
            .tags = kTags,
            .readme = embedded_readme("public-principal"),
        };
        return meta;
    }

    void check(const RuleContext& context, FindingSink& sink) const override {
        // Trust policies are trust-any-principal's; an RCP's Allow of "*" only sets a ceiling.
        if (context.document.kind != PolicyKind::Resource) return;
        const Policy& policy = context.document.policy;
        for (const auto& statement : policy.statements) {
            if (!statement.is_allow() || !statement.principals.present) continue;
            if (restricting_condition(statement) != nullptr || fencing_deny(policy, statement) != nullptr)
                continue;
            const std::string actions = describe_statement_actions(statement);
            const std::string fix =
                "name the principals, or add a condition that restricts who, such as aws:PrincipalOrgID, "
                "aws:SourceAccount or aws:SourceVpce";
            if (statement.principals.negated) {
                sink.report(statement.principals.key,
                            "Allow with NotPrincipal grants " + actions +
                                " to everyone but the listed principals, anonymous callers included",
                            fix);
                continue;
            }
            for (const auto& principal : statement.principals.entries) {
                if (!is_everyone(principal)) continue;
                sink.report(principal.value.place,
                            "\"*\" allows " + actions +
                                " to anyone, in any AWS account or anonymous, and no condition restricts who",
                            fix);
                break;
            }
        }
    }
};

}  // namespace

const Rule& public_principal() {
    static const PublicPrincipal rule;
    return rule;
}

}  // namespace iamlint::rules
