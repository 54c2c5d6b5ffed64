#include <algorithm>

#include "../rule_support.hpp"
#include "../rules.hpp"
#include "iamlint/ascii.hpp"

namespace iamlint::rules {

namespace {

constexpr std::string_view kTags[] = {"security", "mfa", "condition"};

class MfaConditionBypass final : public Rule {
public:
    const RuleMeta& meta() const override {
        static const RuleMeta meta{
            .id = "IAM408",
            .name = "mfa-condition-bypass",
            .default_severity = Severity::High,
            .summary =
                "A Deny on \"Bool\": {\"aws:MultiFactorAuthPresent\": \"false\"}, which long-term keys "
                "escape",
            .description =
                "Requests signed with a user's long-term access keys carry no aws:MultiFactorAuthPresent "
                "key at all, and a Bool condition on an absent key does not match: the Deny meant to "
                "require MFA does not apply to access keys, the credentials most often leaked. "
                "BoolIfExists matches them too.",
            .tags = kTags,
            .readme = embedded_readme("mfa-condition-bypass"),
        };
        return meta;
    }

    void check(const RuleContext& context, FindingSink& sink) const override {
        for (const auto& statement : context.document.policy.statements) {
            if (statement.effect != Effect::Deny) continue;
            for (const auto& condition : statement.conditions) {
                if (condition.op.set != SetQualifier::None || condition.op.base != "Bool" ||
                    condition.op.if_exists || !iequals(condition.key, "aws:MultiFactorAuthPresent")) {
                    continue;
                }
                if (std::none_of(condition.values.begin(), condition.values.end(),
                                 [](const Entry& value) { return iequals(value.text, "false"); })) {
                    continue;
                }
                sink.report(condition.op_place,
                            "\"Bool\" on aws:MultiFactorAuthPresent does not match requests signed with "
                            "long-term access keys, which lack the key: this Deny does not apply to them",
                            "write \"BoolIfExists\": {\"aws:MultiFactorAuthPresent\": \"false\"}");
            }
        }
    }
};

}  // namespace

const Rule& mfa_condition_bypass() {
    static const MfaConditionBypass rule;
    return rule;
}

}  // namespace iamlint::rules
