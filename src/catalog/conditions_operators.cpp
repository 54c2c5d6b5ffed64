// IAM's condition operators and the rules for qualifiers and IfExists, from the IAM User Guide's
// "IAM JSON policy elements: Condition operators".
#include <array>
#include <string>

#include "iamlint/ascii.hpp"
#include "iamlint/conditions.hpp"
#include "iamlint/suggest.hpp"

namespace iamlint {

namespace {

using enum ValueType;

constexpr std::array kOperators = {
    OperatorInfo{"StringEquals", String},
    OperatorInfo{"StringNotEquals", String, false, false, true},
    OperatorInfo{"StringEqualsIgnoreCase", String},
    OperatorInfo{"StringNotEqualsIgnoreCase", String, false, false, true},
    OperatorInfo{"StringLike", String, false, true},
    OperatorInfo{"StringNotLike", String, false, true, true},
    OperatorInfo{"NumericEquals", Numeric},
    OperatorInfo{"NumericNotEquals", Numeric, false, false, true},
    OperatorInfo{"NumericLessThan", Numeric},
    OperatorInfo{"NumericLessThanEquals", Numeric},
    OperatorInfo{"NumericGreaterThan", Numeric},
    OperatorInfo{"NumericGreaterThanEquals", Numeric},
    OperatorInfo{"DateEquals", Date},
    OperatorInfo{"DateNotEquals", Date, false, false, true},
    OperatorInfo{"DateLessThan", Date},
    OperatorInfo{"DateLessThanEquals", Date},
    OperatorInfo{"DateGreaterThan", Date},
    OperatorInfo{"DateGreaterThanEquals", Date},
    OperatorInfo{"Bool", Bool},
    OperatorInfo{"BinaryEquals", Binary},
    OperatorInfo{"IpAddress", IpAddress},
    OperatorInfo{"NotIpAddress", IpAddress, false, false, true},
    OperatorInfo{"ArnEquals", Arn},
    OperatorInfo{"ArnLike", Arn, false, true},
    OperatorInfo{"ArnNotEquals", Arn, false, false, true},
    OperatorInfo{"ArnNotLike", Arn, false, true, true},
    OperatorInfo{"Null", Bool, true},
};

constexpr std::string_view kForAllValues = "ForAllValues";
constexpr std::string_view kForAnyValue = "ForAnyValue";
constexpr std::string_view kIfExists = "IfExists";

// The operator closest to `base`: one equal but for case first, else the nearest within the budget.
const OperatorInfo* closest_operator(std::string_view base) {
    for (const auto& op : kOperators) {
        if (iequals(op.name, base)) return &op;
    }
    const OperatorInfo* best = nullptr;
    const std::size_t budget = typo_limit(base.size());
    std::size_t best_distance = budget + 1;
    for (const auto& op : kOperators) {
        const std::size_t distance = edit_distance_ci(op.name, base, budget);
        if (distance < best_distance) {
            best = &op;
            best_distance = distance;
        }
    }
    return best;
}

std::string_view closest_qualifier(std::string_view text) {
    if (iequals(text, kForAllValues)) return kForAllValues;
    if (iequals(text, kForAnyValue)) return kForAnyValue;
    const std::size_t budget = typo_limit(text.size());
    const std::size_t all = edit_distance_ci(text, kForAllValues, budget);
    const std::size_t any = edit_distance_ci(text, kForAnyValue, budget);
    if (std::min(all, any) > budget) return {};
    return all <= any ? kForAllValues : kForAnyValue;
}

}  // namespace

std::string_view to_string(ValueType type) {
    switch (type) {
        case String:
            return "String";
        case Numeric:
            return "Numeric";
        case Date:
            return "Date";
        case Bool:
            return "Bool";
        case Binary:
            return "Binary";
        case IpAddress:
            return "IP address";
        case Arn:
            return "ARN";
    }
    return "Unknown";
}

std::span<const OperatorInfo> condition_operators() {
    return kOperators;
}

const OperatorInfo* find_condition_operator(std::string_view base) {
    for (const auto& op : kOperators) {
        if (op.name == base) return &op;
    }
    return nullptr;
}

OperatorCheck check_condition_operator(std::string_view raw) {
    OperatorCheck check;
    std::string_view rest = raw;
    std::string_view qualifier;  // as the suggestion should spell it
    bool qualifier_ok = true;
    if (const std::size_t colon = rest.find(':'); colon != std::string_view::npos) {
        const std::string_view written = rest.substr(0, colon);
        rest.remove_prefix(colon + 1);
        qualifier = closest_qualifier(written);
        if (written == kForAllValues) {
            check.set = SetQualifier::ForAllValues;
        } else if (written == kForAnyValue) {
            check.set = SetQualifier::ForAnyValue;
        } else {
            qualifier_ok = false;
            check.problem = iequals(written, qualifier)
                                ? "set operators are case-sensitive: \"" + std::string(written) +
                                      ":\" is not \"" + std::string(qualifier) + ":\""
                                : "\"" + std::string(written) +
                                      ":\" is not a set operator (IAM has ForAllValues: and ForAnyValue:)";
        }
    }
    // IAM spells the suffix exactly; any other case makes the whole name unknown.
    if (rest.size() > kIfExists.size() && rest.ends_with(kIfExists)) {
        check.if_exists = true;
        rest.remove_suffix(kIfExists.size());
    }
    const OperatorInfo* info = find_condition_operator(rest);
    const OperatorInfo* meant = info;
    bool meant_if_exists = check.if_exists;
    if (info == nullptr) {
        meant = closest_operator(rest);
        // "StringEqualsifexists": a misspelled suffix.
        if (meant == nullptr && rest.size() > kIfExists.size() &&
            iequals(rest.substr(rest.size() - kIfExists.size()), kIfExists)) {
            meant = closest_operator(rest.substr(0, rest.size() - kIfExists.size()));
            meant_if_exists = meant != nullptr;
        }
        if (check.problem.empty()) {
            if (rest.find(':') != std::string_view::npos) {
                check.problem = "\"" + std::string(raw) + "\" has more than one set operator";
            } else if (meant != nullptr && iequals(meant->name, rest)) {
                check.problem = "condition operators are case-sensitive: \"" + std::string(rest) +
                                "\" is not \"" + std::string(meant->name) + "\"";
            } else {
                check.problem = "IAM has no condition operator \"" + std::string(rest) + "\"";
            }
        }
    } else if (info->is_null && check.if_exists) {
        meant_if_exists = false;
        if (check.problem.empty()) {
            check.problem = "Null has no IfExists form: Null itself tests whether the key is present";
        }
    }
    if (check.problem.empty()) {
        check.info = info;
        return check;
    }
    if (meant != nullptr && (qualifier_ok || !qualifier.empty())) {
        if (!qualifier.empty()) check.suggestion = std::string(qualifier) + ":";
        check.suggestion += meant->name;
        if (meant_if_exists && !meant->is_null) check.suggestion += kIfExists;
    }
    return check;
}

}  // namespace iamlint
