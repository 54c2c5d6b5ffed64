#include "../condition_support.hpp"
#include "../rules.hpp"

namespace iamlint::rules {

namespace {

constexpr std::string_view kTags[] = {"validity", "conditions"};

class MissingSetOperator final : public Rule {
public:
    const RuleMeta& meta() const override {
        static const RuleMeta meta{
            .id = "IAM111",
            .name = "missing-set-operator",
            .default_severity = Severity::Medium,
            .summary =
                "A multivalued condition key (aws:TagKeys, ArrayOf* keys) without ForAllValues: or "
                "ForAnyValue:",
            .description =
                "A multivalued key holds a set of values, and AWS requires a set operator to say whether "
                "every value (ForAllValues:) or at least one (ForAnyValue:) must match. Without one, the "
                "condition does not test what it seems to.",
            .tags = kTags,
            .readme = embedded_readme("missing-set-operator"),
        };
        return meta;
    }

    void check(const RuleContext& context, FindingSink& sink) const override {
        for_each_condition(context, [&](const ConditionView& view) {
            const OperatorInfo* op = view.op.info;
            // Null tests whether the key is present at all, which works on any key.
            if (op == nullptr || op->is_null || view.op.set != SetQualifier::None) return;
            if (!view.key || view.key->values != Multiplicity::Multi) return;
            const std::string& key = view.condition.key;
            sink.report(view.condition.key_place,
                        key + " is multivalued, but " + view.condition.op.raw +
                            " has no set operator: AWS does not define how it compares a set of values",
                        "write \"ForAllValues:" + view.condition.op.raw +
                            "\" (every value must match) or \"ForAnyValue:" + view.condition.op.raw +
                            "\" (at least one)");
        });
    }
};

}  // namespace

const Rule& missing_set_operator() {
    static const MissingSetOperator rule;
    return rule;
}

}  // namespace iamlint::rules
