#include "../condition_support.hpp"
#include "../rules.hpp"

namespace iamlint::rules {

namespace {

constexpr std::string_view kTags[] = {"maintenance", "conditions"};

class DeprecatedConditionKey final : public Rule {
public:
    const RuleMeta& meta() const override {
        static const RuleMeta meta{
            .id = "IAM114",
            .name = "deprecated-condition-key",
            .default_severity = Severity::Low,
            .summary = "A deprecated global condition key",
            .description =
                "A key AWS has replaced and no longer documents (aws:SourceOwner, replaced by "
                "aws:SourceAccount). It still works where it did, but new services may not set it.",
            .tags = kTags,
            .readme = embedded_readme("deprecated-condition-key"),
        };
        return meta;
    }

    void check(const RuleContext& context, FindingSink& sink) const override {
        for_each_condition(context, [&](const ConditionView& view) {
            if (!view.key || view.key->status != KeyStatus::Deprecated) return;
            sink.report(view.condition.key_place,
                        view.condition.key + " is deprecated: AWS replaced it with " +
                            alternatives(view.key->replacement),
                        "use " + alternatives(view.key->replacement));
        });
    }
};

}  // namespace

const Rule& deprecated_condition_key() {
    static const DeprecatedConditionKey rule;
    return rule;
}

}  // namespace iamlint::rules
