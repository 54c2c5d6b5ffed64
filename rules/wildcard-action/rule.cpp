#include "../rule_support.hpp"
#include "../rules.hpp"

namespace iamlint::rules {

namespace {

constexpr std::string_view kTags[] = {"security", "least-privilege"};

class WildcardAction final : public Rule {
public:
    const RuleMeta& meta() const override {
        static const RuleMeta meta{
            .id = "IAM201",
            .name = "wildcard-action",
            .default_severity = Severity::Critical,
            .summary = "Allow of every action (\"Action\": \"*\")",
            .description =
                "\"Action\": \"*\" allows every action of every AWS service, including ones that do not "
                "exist yet. On every resource it is full administrator access; on a scoped resource it "
                "still allows deleting it, changing its policy and reading its data.",
            .tags = kTags,
            .readme = embedded_readme("wildcard-action"),
        };
        return meta;
    }

    void check(const RuleContext& context, FindingSink& sink) const override {
        if (!grants_permissions(context.document.kind)) return;
        for (const auto& statement : context.document.policy.statements) {
            if (!is_allow_with_actions(statement) || delegates_to_accounts(context.document, statement))
                continue;
            const bool everywhere = is_unscoped(statement);
            for (const auto& action : statement.actions.entries) {
                if (!is_all_actions(action.text)) continue;
                if (everywhere) {
                    sink.report(Severity::Critical, action.place,
                                "\"Action\": \"" + action.text +
                                    "\" on every resource grants full administrator access",
                                "list the actions this principal needs instead of \"*\"");
                } else {
                    sink.report(
                        Severity::High, action.place,
                        "\"Action\": \"" + action.text +
                            "\" allows every action, including destructive and policy-changing ones, on the "
                            "listed resources",
                        "list the actions this principal needs instead of \"*\"");
                }
            }
        }
    }
};

}  // namespace

const Rule& wildcard_action() {
    static const WildcardAction rule;
    return rule;
}

}  // namespace iamlint::rules
