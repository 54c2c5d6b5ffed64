#include <algorithm>

#include "../condition_support.hpp"
#include "../rules.hpp"

namespace iamlint::rules {

namespace {

constexpr std::string_view kTags[] = {"validity", "conditions"};

// ARN keys with String operators are IAM117's; String keys that hold ARNs are common enough in the
// catalog that ARN operators on them are not reported. No key is typed Binary: BinaryEquals compares
// the base64 of a String key's value.
bool compatible(ValueType op, KeyTypes key) {
    return key.has(op) || (op == ValueType::String && key.has(ValueType::Arn)) ||
           ((op == ValueType::Arn || op == ValueType::Binary) && key.has(ValueType::String));
}

std::string expected_form(ValueType type) {
    switch (type) {
        case ValueType::Bool:
            return "true or false";
        case ValueType::Numeric:
            return "a number such as 3600 or 2.5";
        case ValueType::Date:
            return "an ISO 8601 date such as 2026-01-31T00:00:00Z, or epoch seconds";
        case ValueType::Binary:
            return "base64";
        case ValueType::IpAddress:
            return "an IPv4 or IPv6 address with an optional /prefix length, such as 203.0.113.0/24";
        case ValueType::Arn:
            return "an ARN, arn:partition:service:region:account:resource";
        case ValueType::String:
            break;
    }
    return "a string";
}

class ConditionTypeMismatch final : public Rule {
public:
    const RuleMeta& meta() const override {
        static const RuleMeta meta{
            .id = "IAM108",
            .name = "condition-type-mismatch",
            .default_severity = Severity::Medium,
            .summary =
                "An operator of the wrong type for its key, or a value that does not parse for the operator",
            .description =
                "A Date operator on an IP address key, a Numeric operator on a String key, Bool \"yes\", "
                "a malformed IP range or date: IAM cannot compare such a condition as meant, and it never "
                "matches (or, negated, always does).",
            .tags = kTags,
            .readme = embedded_readme("condition-type-mismatch"),
        };
        return meta;
    }

    void check(const RuleContext& context, FindingSink& sink) const override {
        for_each_condition(context, [&](const ConditionView& view) {
            const OperatorInfo* op = view.op.info;
            if (op == nullptr || op->is_null) return;  // unknown operators are IAM105's, Null is IAM112's
            if (view.key && !view.key->types.empty() && !compatible(op->type, view.key->types) &&
                !compares_bool_text(*op, view)) {
                const std::string key_type = describe(view.key->types);
                sink.report(view.condition.key_place,
                            std::string(op->name) + " compares " + type_noun(op->type) + ", but " +
                                view.condition.key + " is " + article(key_type) + key_type + " key",
                            "use " + operators_for(view.key->types));
                return;  // its values are likely written for the key, not the operator
            }
            for (const Entry& value : view.condition.values) {
                if (value_fits(op->type, value)) continue;
                sink.report(value.place,
                            "\"" + value.text + "\" is not " + article(to_string(op->type)) +
                                std::string(to_string(op->type)) + " value for " + std::string(op->name),
                            "write " + expected_form(op->type));
            }
        });
    }

private:
    // A Bool key's context value is the text "true" or "false", so StringEquals with exactly those
    // values matches as Bool would (AWS's own policies do this); "True" or "yes" would never match.
    static bool compares_bool_text(const OperatorInfo& op, const ConditionView& view) {
        if (op.type != ValueType::String || op.like || !view.key->types.has(ValueType::Bool)) return false;
        return std::all_of(view.condition.values.begin(), view.condition.values.end(),
                           [](const Entry& value) { return value.text == "true" || value.text == "false"; });
    }

    static std::string type_noun(ValueType type) {
        switch (type) {
            case ValueType::String:
                return "strings";
            case ValueType::Numeric:
                return "numbers";
            case ValueType::Date:
                return "dates";
            case ValueType::Bool:
                return "booleans";
            case ValueType::Binary:
                return "binary values";
            case ValueType::IpAddress:
                return "IP addresses";
            case ValueType::Arn:
                return "ARNs";
        }
        return "values";
    }

    static std::string article(std::string_view word) {
        return !word.empty() && std::string_view("AEIOU").find(word.front()) != std::string_view::npos ? "an "
                                                                                                       : "a ";
    }

    static std::string operators_for(KeyTypes types) {
        std::string text;
        for (ValueType type : {ValueType::String, ValueType::Numeric, ValueType::Date, ValueType::Bool,
                               ValueType::Binary, ValueType::IpAddress, ValueType::Arn}) {
            if (!types.has(type)) continue;
            if (!text.empty()) text += " or ";
            text += article(to_string(type)) + std::string(to_string(type)) + " operator such as " +
                    std::string(example_operator(type));
        }
        return text;
    }
};

}  // namespace

const Rule& condition_type_mismatch() {
    static const ConditionTypeMismatch rule;
    return rule;
}

}  // namespace iamlint::rules
