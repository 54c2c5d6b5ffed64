#include "../condition_support.hpp"
#include "../rules.hpp"

namespace iamlint::rules {

namespace {

constexpr std::string_view kTags[] = {"validity", "conditions"};

class NullOperatorMisuse final : public Rule {
public:
    const RuleMeta& meta() const override {
        static const RuleMeta meta{
            .id = "IAM112",
            .name = "null-operator-misuse",
            .default_severity = Severity::Medium,
            .summary = "Null with a set operator, or a Null value other than true or false",
            .description =
                "Null tests whether a key is absent (true) or present (false). A set operator makes no "
                "sense with it, and any other value never matches.",
            .tags = kTags,
            .readme = embedded_readme("null-operator-misuse"),
        };
        return meta;
    }

    void check(const RuleContext& context, FindingSink& sink) const override {
        for_each_condition(context, [&](const ConditionView& view) {
            if (view.op.info == nullptr || !view.op.info->is_null) return;  // NullIfExists is IAM105's
            if (view.op.set != SetQualifier::None) {
                sink.report(view.condition.op_place,
                            std::string(qualifier_text(view.op.set)) + "Null: Null tests whether " +
                                view.condition.key + " is present, not its values",
                            "write \"Null\"");
            }
            for (const Entry& value : view.condition.values) {
                if (value.computed || value.text.find("${") != std::string::npos || is_bool_value(value.text))
                    continue;
                sink.report(value.place, "Null takes true or false, not \"" + value.text + "\"",
                            "write true (the key is absent) or false (the key is present)");
            }
        });
    }
};

}  // namespace

const Rule& null_operator_misuse() {
    static const NullOperatorMisuse rule;
    return rule;
}

}  // namespace iamlint::rules
