#include "../condition_support.hpp"
#include "../rules.hpp"

namespace iamlint::rules {

namespace {

constexpr std::string_view kTags[] = {"style", "conditions"};

// The ARN operator that does what a String operator was asked to.
std::string_view arn_operator(const OperatorInfo& op) {
    if (op.like) return op.negated ? "ArnNotLike" : "ArnLike";
    return op.negated ? "ArnNotEquals" : "ArnEquals";
}

class StringOperatorOnArnKey final : public Rule {
public:
    const RuleMeta& meta() const override {
        static const RuleMeta meta{
            .id = "IAM117",
            .name = "string-operator-on-arn-key",
            .default_severity = Severity::Low,
            .summary = "A String operator (StringLike, StringEquals) on an ARN-typed condition key",
            .description =
                "AWS recommends ARN operators for ARN keys: ArnLike matches each of the six ARN fields "
                "separately, so a wildcard cannot run from one field into the next as it does in StringLike.",
            .tags = kTags,
            .readme = embedded_readme("string-operator-on-arn-key"),
        };
        return meta;
    }

    void check(const RuleContext& context, FindingSink& sink) const override {
        for_each_condition(context, [&](const ConditionView& view) {
            const OperatorInfo* op = view.op.info;
            if (op == nullptr || op->is_null || op->type != ValueType::String) return;
            // A key that is also a String (aws:FederatedProvider) takes String operators by right.
            if (!view.key || !view.key->types.has(ValueType::Arn) || view.key->types.has(ValueType::String))
                return;
            // StringEqualsIgnoreCase has no ARN counterpart.
            if (op->name.find("IgnoreCase") != std::string_view::npos) return;
            const std::string replacement = std::string(qualifier_text(view.op.set)) +
                                            std::string(arn_operator(*op)) +
                                            (view.op.if_exists ? "IfExists" : "");
            sink.report(view.condition.key_place,
                        view.condition.key + " is an ARN key compared with " + view.condition.op.raw,
                        "use \"" + replacement + "\", which matches each ARN field separately");
        });
    }
};

}  // namespace

const Rule& string_operator_on_arn_key() {
    static const StringOperatorOnArnKey rule;
    return rule;
}

}  // namespace iamlint::rules
