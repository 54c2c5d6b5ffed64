#include "../kind_support.hpp"
#include "../rules.hpp"

namespace iamlint::rules {

namespace {

constexpr std::string_view kTags[] = {"correctness", "configuration"};

// Where the finding points: the "Statement" key (the shape is the statements' together), else the
// first statement.
Place statements_place(const PolicyDocument& document) {
    if (document.root != nullptr && document.root->is_object()) {
        if (const JsonMember* statements = document.root->find("Statement"))
            return {statements->key_range, json_pointer_append(document.root_pointer, "Statement")};
    }
    if (!document.policy.statements.empty()) return document.policy.statements.front().place;
    return {};
}

class PolicyKindInferred final : public Rule {
public:
    const RuleMeta& meta() const override {
        static const RuleMeta meta{
            .id = "IAM016",
            .name = "policy-kind-inferred",
            .default_severity = Severity::Info,
            .summary =
                "A policy with no container and no --policy-kind that has the shape of an SCP, RCP or VPC "
                "endpoint policy, or whose folder or file name says its kind, judged as one",
            .description =
                "Service and resource control policies and VPC endpoint policies are written in the same "
                "language as identity and resource policies. A policy whose Allow is only FullAWSAccess and "
                "whose Deny statements ask where in the organization the caller is, one that denies to \"*\" "
                "on \"*\" like an RCP, or AWS's default endpoint policy is judged as that kind, so that its "
                "\"*\" is not reported as administrator access or a public grant. So is a policy in a folder "
                "or file whose name says its kind (\"SCPs/\", \"service-control-policies/\", \"rcps/\", "
                "\"vpc-endpoint-policies/\", \"permissions-boundaries/\", \"boundary-policy.json\") when its "
                "principals fit that kind. This says so once, so that the kind can be set explicitly.",
            .tags = kTags,
            .readme = embedded_readme("policy-kind-inferred"),
        };
        return meta;
    }

    void check(const RuleContext& context, FindingSink& sink) const override {
        const PolicyDocument& document = context.document;
        if (!document.kind_inferred || document.kind_forced) return;
        std::string name, why;
        switch (document.kind) {
            case PolicyKind::Scp:
                name = "scp";
                why =
                    "its only Allow is FullAWSAccess (\"*\" on \"*\") or it has none, and its Deny "
                    "statements "
                    "ask where in the organization the caller is";
                break;
            case PolicyKind::Rcp:
                name = "rcp";
                why =
                    "every statement names \"Principal\": \"*\" on \"Resource\": \"*\" and denies with a "
                    "condition";
                break;
            case PolicyKind::VpcEndpoint:
                name = "vpc-endpoint";
                why =
                    "every statement names \"Principal\": \"*\", and one allows \"Action\": \"*\" on "
                    "\"Resource\": \"*\", as AWS's default endpoint policy does";
                break;
            case PolicyKind::PermissionsBoundary:
                name = "permissions-boundary";
                break;
            default:
                return;
        }
        // A name in the path says the kind more plainly than the shape does, and is why it was taken.
        if (!document.kind_named_by.empty()) {
            why = "its path says so: \"" + document.kind_named_by + "\"";
        } else if (why.empty()) {
            return;
        }
        sink.report(
            statements_place(document),
            "looks like " + std::string(kinds::describe(document.kind)) + " (" + why +
                "): judged as one; use --policy-kind " + name,
            "pass --policy-kind " + name + " (or the kind it really is, such as --policy-kind identity)");
    }
};

}  // namespace

const Rule& policy_kind_inferred() {
    static const PolicyKindInferred rule;
    return rule;
}

}  // namespace iamlint::rules
