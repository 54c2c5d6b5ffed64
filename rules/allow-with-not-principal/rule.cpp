#include "../breadth_support.hpp"
#include "../rule_support.hpp"
#include "../rules.hpp"

namespace iamlint::rules {

namespace {

constexpr std::string_view kTags[] = {"security", "resource-policy"};

class AllowWithNotPrincipal final : public Rule {
public:
    const RuleMeta& meta() const override {
        static const RuleMeta meta{
            .id = "IAM208",
            .name = "allow-with-not-principal",
            .default_severity = Severity::High,
            .summary = "Allow with \"NotPrincipal\": every principal except the listed ones",
            .description =
                "An Allow with NotPrincipal grants its actions to every principal of every account except "
                "the listed ones, anonymous users included. AWS recommends against it.",
            .tags = kTags,
            .readme = embedded_readme("allow-with-not-principal"),
        };
        return meta;
    }

    void check(const RuleContext& context, FindingSink& sink) const override {
        // An identity policy cannot have NotPrincipal at all: invalid-principal-element says so.
        const PolicyKind kind = context.document.kind;
        if (!grants_permissions(kind) || kind == PolicyKind::Identity) return;
        for (const auto& statement : context.document.policy.statements) {
            if (!statement.is_allow() || !statement.principals.present || !statement.principals.negated)
                continue;
            std::string except;
            for (const auto& principal : statement.principals.entries) {
                except += except.empty() ? " except " : ", ";
                except += principal.value.text;
            }
            sink.report(statement.principals.key,
                        "\"NotPrincipal\" with Allow grants access to every principal" + except +
                            ", anonymous users included",
                        "name the principals in \"Principal\", or use \"Principal\": \"*\" with a condition "
                        "such as aws:PrincipalOrgID");
        }
    }
};

}  // namespace

const Rule& allow_with_not_principal() {
    static const AllowWithNotPrincipal rule;
    return rule;
}

}  // namespace iamlint::rules
