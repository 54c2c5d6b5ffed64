#include "condition_support.hpp"

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

}  // namespace iamlint::rules
