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
                "exist yet. On every resource of an identity policy it is full administrator access "
                "(critical); on named resources, or in a resource policy (where \"*\" is the resource the "
                "policy is attached to), it still allows deleting them, changing their policies and reading "
                "their data (high). Trust policies are left to the trust rules: their only resource is the "
                "role.",
            .tags = kTags,
            .readme = embedded_readme("wildcard-action"),
        };
        return meta;
    }

    void check(const RuleContext& context, FindingSink& sink) const override {
        const PolicyKind kind = context.document.kind;
        if (!grants_permissions(kind) || kind == PolicyKind::Trust) return;
        for (const auto& statement : context.document.policy.statements) {
            if (!is_allow_with_actions(statement) || delegates_to_accounts(context.document, statement))
                continue;
            // In a resource policy "*" is the resource the policy is attached to, not every resource.
            const bool everywhere = kind != PolicyKind::Resource && is_unscoped(statement);
            const std::string_view where = kind == PolicyKind::Resource && is_unscoped(statement)
                                               ? "this resource"
                                               : "the listed resources";
            for (const auto& action : statement.actions.entries) {
                if (!is_all_actions(action.text)) continue;
                if (kind == PolicyKind::Iot) {
                    // Only AWS IoT's device actions can be allowed by it: no administrator access.
                    sink.report(everywhere ? Severity::High : Severity::Medium, action.place,
                                "\"Action\": \"" + action.text +
                                    "\" allows the devices of this AWS IoT policy every action a device can "
                                    "be allowed (connecting, publishing, subscribing, shadows, jobs) on " +
                                    std::string(everywhere ? "every topic, client id and thing" : where),
                                "list the actions the devices need instead of \"*\"");
                    continue;
                }
                if (everywhere) {
                    sink.report(Severity::Critical, action.place,
                                "\"Action\": \"" + action.text +
                                    "\" on every resource grants full administrator access",
                                "list the actions this principal needs instead of \"*\"");
                } else {
                    sink.report(
                        Severity::High, action.place,
                        "\"Action\": \"" + action.text +
                            "\" allows every action, including destructive and policy-changing ones, on " +
                            std::string(where),
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
