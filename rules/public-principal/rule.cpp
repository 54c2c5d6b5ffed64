#include <algorithm>

#include "../rule_support.hpp"
#include "../rules.hpp"
#include "../trust_support.hpp"
#include "iamlint/ascii.hpp"
#include "iamlint/principals.hpp"

namespace iamlint::rules {

namespace {

constexpr std::string_view kTags[] = {"security", "principal", "resource-policy"};

// "every action", or the statement's actions as written.
std::string granted_actions_text(const Statement& statement) {
    const auto& entries = statement.actions.entries;
    if (!statement.actions.negated &&
        std::any_of(entries.begin(), entries.end(), [](const Entry& e) { return is_all_actions(e.text); }))
        return "every action";
    return describe_statement_actions(statement);
}

// A condition that only AWS services' own requests satisfy (aws:PrincipalIsAWSService true): no
// anonymous caller and no other account's principal gets through, but every AWS service acting for
// any of its customers does (the confused deputy).
const Condition* only_aws_services(const Statement& statement) {
    for (const auto& condition : statement.conditions) {
        if (!iequals(condition.key, "aws:PrincipalIsAWSService") || condition.op.if_exists ||
            !iequals(condition.op.base, "Bool") || condition.values.empty())
            continue;
        if (std::all_of(condition.values.begin(), condition.values.end(),
                        [](const Entry& value) { return !value.computed && iequals(value.text, "true"); }))
            return &condition;
    }
    return nullptr;
}

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
                "such a fence. Medium when aws:PrincipalIsAWSService is true: then only AWS services get "
                "in, but for any of their customers.",
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
            const std::string actions = granted_actions_text(statement);
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
            const Condition* services = only_aws_services(statement);
            for (const auto& principal : statement.principals.entries) {
                if (!is_everyone(principal)) continue;
                if (services != nullptr) {
                    auto& finding = sink.report(
                        Severity::Medium, principal.value.place,
                        "\"*\" allows " + actions +
                            " to every AWS service acting for any of its customers: "
                            "aws:PrincipalIsAWSService "
                            "keeps out anonymous callers and other accounts' principals, not other accounts' "
                            "use of the service",
                        "add a condition on aws:SourceAccount, aws:SourceArn or aws:SourceOrgID");
                    sink.add_related(finding, services->key_place, "only AWS services' requests");
                    break;
                }
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
