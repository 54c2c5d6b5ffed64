#include <algorithm>
#include <string>

#include "../condition_support.hpp"
#include "../rule_support.hpp"
#include "../rules.hpp"

namespace iamlint::rules {

namespace {

constexpr std::string_view kTags[] = {"conditions", "clarity"};

// "*", "**" ...: a pattern that every string matches, the empty one included.
bool matches_any_string(const Entry& value) {
    return !value.computed && value.json_type == JsonType::String && !value.text.empty() &&
           value.text.find_first_not_of('*') == std::string::npos;
}

// What a StringLike or StringNotLike condition with a value that matches any string reads as, whatever
// its other values: the key's presence, its absence, every request or none.
enum class Reading : std::uint8_t { Present, Absent, Always, Never, Unknown };

Reading read_condition(const OperatorCheck& op) {
    const bool negated = op.info->negated;
    switch (op.set) {
        case SetQualifier::None:
            // StringLike: any value of the key matches. StringNotLike: no value does, so only a request
            // without the key matches (negated operators hold when the key is missing, IfExists or not).
            if (negated) return Reading::Absent;
            return op.if_exists ? Reading::Always : Reading::Present;
        case SetQualifier::ForAllValues:
            // True when the key is missing; with values, all of them match "*" and none is unlike it.
            return negated ? Reading::Absent : Reading::Always;
        case SetQualifier::ForAnyValue:
            // IfExists beside ForAnyValue: how IAM reads a missing key there is not documented.
            if (op.if_exists) return Reading::Unknown;
            // False when the key is missing; with values, one matches "*", and none is unlike it.
            return negated ? Reading::Never : Reading::Present;
    }
    return Reading::Unknown;
}

class WildcardConditionValue final : public Rule {
public:
    const RuleMeta& meta() const override {
        static const RuleMeta meta{
            .id = "IAM122",
            .name = "wildcard-condition-value",
            .default_severity = Severity::Info,
            .summary =
                "StringLike or StringNotLike with the value \"*\": a test of the key's presence (Null), "
                "or a condition that always or never holds",
            .description =
                "\"*\" matches every value, so StringLike {\"k\": \"*\"} only asks whether k is in the "
                "request (it is Null {\"k\": \"false\"}), StringNotLike asks whether it is missing, and "
                "with IfExists or ForAllValues: the condition holds for every request. "
                "ForAnyValue:StringNotLike never holds.",
            .tags = kTags,
            .readme = embedded_readme("wildcard-condition-value"),
        };
        return meta;
    }

    void check(const RuleContext& context, FindingSink& sink) const override {
        for_each_condition(context, [&](const ConditionView& view) {
            const OperatorInfo* op = view.op.info;
            if (op == nullptr || op->name != (op->negated ? "StringNotLike" : "StringLike")) return;
            if (view.condition.key_computed) return;
            const auto& values = view.condition.values;
            const auto any = std::find_if(values.begin(), values.end(), matches_any_string);
            if (any == values.end()) return;
            report(view, *any, read_condition(view.op), sink);
        });
    }

private:
    static void report(const ConditionView& view, const Entry& value, Reading reading, FindingSink& sink) {
        const std::string& key = view.condition.key;
        const std::string written = view.condition.op.raw + " " + in_quotes(value.text) + " on " + key;
        switch (reading) {
            case Reading::Present:
                sink.report(
                    value.place,
                    written +
                        " matches any value: it only tests that the key is in the request, as "
                        "\"Null\": \"false\" does",
                    "write \"Null\": {\"" + key + "\": \"false\"}, or the values " + key + " must have");
                return;
            case Reading::Absent:
                sink.report(
                    value.place,
                    written +
                        " matches no value: it only tests that the key is not in the request, as "
                        "\"Null\": \"true\" does",
                    "write \"Null\": {\"" + key + "\": \"true\"}, or the values " + key + " must not have");
                return;
            case Reading::Always:
                sink.report(value.place,
                            written +
                                " holds for every request, with the key or without it: the condition "
                                "restricts nothing",
                            "remove the condition, or write the values " + key + " must have");
                return;
            case Reading::Never: {
                const bool deny = view.statement.effect == Effect::Deny;
                sink.report(deny ? Severity::Medium : Severity::Low, value.place,
                            written + " never holds: it needs a value unlike \"*\", and there is none, so " +
                                "this statement never " + (deny ? "denies" : "allows") + " anything",
                            "to match requests without " + key + ", write \"Null\": {\"" + key +
                                "\": \"true\"}; else write the values " + key + " must not have");
                return;
            }
            case Reading::Unknown:
                return;
        }
    }
};

}  // namespace

const Rule& wildcard_condition_value() {
    static const WildcardConditionValue rule;
    return rule;
}

}  // namespace iamlint::rules
