#include <algorithm>
#include <array>

#include "../rule_support.hpp"
#include "../rules.hpp"
#include "iamlint/ascii.hpp"
#include "iamlint/conditions.hpp"

namespace iamlint::rules {

namespace {

constexpr std::string_view kTags[] = {"operations", "scp", "break-glass"};

// The keys that name the caller, with which an SCP exempts its administrators: usually a negated
// operator ("ArnNotLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/BreakGlass"}).
constexpr std::array<std::string_view, 4> kExemptionKeys = {"aws:PrincipalArn", "aws:PrincipalTag/${TagKey}",
                                                            "aws:userid", "aws:username"};

bool is_exemption(const Condition& condition) {
    return std::any_of(kExemptionKeys.begin(), kExemptionKeys.end(),
                       [&](std::string_view key) { return condition_key_name_matches(key, condition.key); });
}

class ScpDenyWithoutExemption final : public Rule {
public:
    const RuleMeta& meta() const override {
        static const RuleMeta meta{
            .id = "IAM409",
            .name = "scp-deny-without-exemption",
            .default_severity = Severity::Info,
            .summary =
                "An SCP Deny that no role is exempt from (no aws:PrincipalArn or aws:PrincipalTag condition)",
            .description =
                "A Deny of a service control policy binds every principal of the accounts it is attached "
                "to, their administrators included. Without an exemption for a break-glass or automation "
                "role (a condition on aws:PrincipalArn or aws:PrincipalTag), undoing a mistake means "
                "changing the SCP from the management account. In the all preset only: some guardrails "
                "are meant to bind everyone.",
            .tags = kTags,
            .in_recommended = false,
            .readme = embedded_readme("scp-deny-without-exemption"),
        };
        return meta;
    }

    void check(const RuleContext& context, FindingSink& sink) const override {
        if (context.document.kind != PolicyKind::Scp) return;
        for (const auto& statement : context.document.policy.statements) {
            if (statement.effect != Effect::Deny || !statement.effect_entry) continue;
            if (std::any_of(statement.conditions.begin(), statement.conditions.end(), is_exemption)) continue;
            sink.report(statement.effect_entry->place,
                        "this Deny binds every principal of the accounts, administrators and break-glass "
                        "roles included",
                        "exempt a break-glass role: \"ArnNotLike\": {\"aws:PrincipalArn\": "
                        "\"arn:aws:iam::*:role/BreakGlass\"}, or a condition on aws:PrincipalTag");
        }
    }
};

}  // namespace

const Rule& scp_deny_without_exemption() {
    static const ScpDenyWithoutExemption rule;
    return rule;
}

}  // namespace iamlint::rules
