#include "../condition_support.hpp"
#include "../rules.hpp"
#include "iamlint/ascii.hpp"

namespace iamlint::rules {

namespace {

constexpr std::string_view kTags[] = {"security", "conditions"};

// An identity provider's audience claim: "token.actions.githubusercontent.com:aud",
// "accounts.google.com:aud", "oidc.eks.REGION.amazonaws.com/id/ID:aud". The provider is a host name.
bool is_audience_claim(std::string_view key) {
    constexpr std::string_view kSuffix = ":aud";
    if (key.size() <= kSuffix.size() || !iequals(key.substr(key.size() - kSuffix.size()), kSuffix))
        return false;
    const std::string_view provider = key.substr(0, key.size() - kSuffix.size());
    return provider.find('.') != std::string_view::npos && provider.find(':') == std::string_view::npos;
}

class SetOperatorOnSingleValuedKey final : public Rule {
public:
    const RuleMeta& meta() const override {
        static const RuleMeta meta{
            .id = "IAM110",
            .name = "set-operator-on-single-valued-key",
            .default_severity = Severity::High,
            .summary = "ForAllValues: or ForAnyValue: on a single-valued condition key",
            .description =
                "ForAllValues: is true when the key is absent from the request, so on a single-valued key "
                "an Allow grants every request that lacks the key. ForAnyValue: on a single-valued key is "
                "the plain operator in disguise. AWS: do not use set operators with single-valued keys.",
            .tags = kTags,
            .readme = embedded_readme("set-operator-on-single-valued-key"),
        };
        return meta;
    }

    void check(const RuleContext& context, FindingSink& sink) const override {
        for_each_condition(context, [&](const ConditionView& view) {
            const OperatorInfo* op = view.op.info;
            if (op == nullptr || op->is_null || view.op.set == SetQualifier::None) return;
            if (!view.key && is_audience_claim(view.condition.key)) {
                report_audience(view, sink);
                return;
            }
            if (!view.key || view.key->values != Multiplicity::Single) return;
            const std::string& key = view.condition.key;
            const std::string plain = std::string(op->name) + (view.op.if_exists ? "IfExists" : "");
            const std::string fix =
                "write \"" + plain + "\" (a set operator is for multivalued keys such as aws:TagKeys)";
            if (view.op.set == SetQualifier::ForAnyValue) {
                sink.report(Severity::Low, view.condition.op_place,
                            "ForAnyValue: on " + key + ", a single-valued key: it works as " + plain +
                                " does, but reads as if the key had several values",
                            fix);
            } else if (view.statement.is_allow()) {
                sink.report(view.condition.op_place,
                            "ForAllValues: on " + key +
                                ", a single-valued key: the condition is true when the request has no " +
                                key + ", so the Allow applies to every such request",
                            fix);
            } else {
                sink.report(Severity::Medium, view.condition.op_place,
                            "ForAllValues: on " + key +
                                ", a single-valued key: the condition is true when the request has no " +
                                key + ", so the Deny applies to every such request too",
                            fix);
            }
        });
    }

private:
    // Access Analyzer's CONFIRM_AUDIENCE_CLAIM_TYPE: an audience claim is single-valued unless the provider
    // issues tokens for several audiences, which only its configuration says. Every web identity token has
    // an audience, so neither qualifier changes what a single-valued claim matches.
    static void report_audience(const ConditionView& view, FindingSink& sink) {
        const std::string& key = view.condition.key;
        const std::string plain = std::string(view.op.info->name) + (view.op.if_exists ? "IfExists" : "");
        sink.report(Severity::Info, view.condition.op_place,
                    std::string(qualifier_text(view.op.set)) + " on " + key +
                        ", the token's audience claim: it is single-valued unless your identity provider "
                        "issues tokens with several audiences; confirm which",
                    "if the provider issues one audience, write \"" + plain + "\"");
    }
};

}  // namespace

const Rule& set_operator_on_single_valued_key() {
    static const SetOperatorOnSingleValuedKey rule;
    return rule;
}

}  // namespace iamlint::rules
