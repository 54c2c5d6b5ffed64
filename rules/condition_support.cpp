#include "condition_support.hpp"

#include <algorithm>

namespace iamlint::rules {

std::string_view qualifier_text(SetQualifier set) {
    switch (set) {
        case SetQualifier::ForAllValues:
            return "ForAllValues:";
        case SetQualifier::ForAnyValue:
            return "ForAnyValue:";
        case SetQualifier::None:
            break;
    }
    return "";
}

std::string alternatives(std::string_view replacement) {
    std::string text;
    for (std::size_t start = 0;;) {
        const std::size_t bar = replacement.find('|', start);
        if (!text.empty()) text += " or ";
        text +=
            replacement.substr(start, bar == std::string_view::npos ? std::string_view::npos : bar - start);
        if (bar == std::string_view::npos) return text;
        start = bar + 1;
    }
}

std::string_view example_operator(ValueType type) {
    switch (type) {
        case ValueType::String:
            return "StringEquals";
        case ValueType::Numeric:
            return "NumericLessThan";
        case ValueType::Date:
            return "DateGreaterThan";
        case ValueType::Bool:
            return "Bool";
        case ValueType::Binary:
            return "BinaryEquals";
        case ValueType::IpAddress:
            return "IpAddress";
        case ValueType::Arn:
            return "ArnLike";
    }
    return "StringEquals";
}

bool action_lists_key(const Action& action, std::string_view key) {
    const auto matches = [&](std::string_view candidate) {
        return condition_key_name_matches(candidate, key);
    };
    if (std::any_of(action.condition_keys.begin(), action.condition_keys.end(), matches)) return true;
    return std::any_of(
        action.resource_types.begin(), action.resource_types.end(), [&](const ResourceTypeUse& use) {
            return std::any_of(use.type->condition_keys.begin(), use.type->condition_keys.end(), matches);
        });
}

std::optional<bool> holds_without_key(const Condition& condition, const OperatorCheck& op) {
    if (op.info == nullptr) return std::nullopt;
    if (op.info->is_null) {
        if (condition.values.size() != 1) return std::nullopt;
        const std::string& value = condition.values.front().text;
        if (iequals(value, "true")) return true;
        if (iequals(value, "false")) return false;
        return std::nullopt;
    }
    if (op.set == SetQualifier::ForAllValues) return true;
    if (op.set == SetQualifier::ForAnyValue) return false;
    return op.if_exists || op.info->negated;
}

}  // namespace iamlint::rules
