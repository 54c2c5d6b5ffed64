// What the condition rules (IAM105-IAM117) share: each condition of a document with its operator and
// key already looked up, so that every rule reads them the same way.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "iamlint/ascii.hpp"
#include "iamlint/conditions.hpp"
#include "iamlint/rule.hpp"

namespace iamlint::rules {

struct ConditionView {
    const Statement& statement;
    const Condition& condition;
    const OperatorCheck& op;            // op.info is nullptr for an invalid operator
    const std::optional<KeyInfo>& key;  // nullopt for a key nobody knows
};

// Calls visit(ConditionView) for every condition of every statement, in source order.
template <typename Visit>
void for_each_condition(const RuleContext& context, Visit visit) {
    for (const auto& statement : context.document.policy.statements) {
        for (const auto& condition : statement.conditions) {
            const OperatorCheck op = check_condition_operator(condition.op.raw);
            const std::optional<KeyInfo> key = find_condition_key(context.catalog, condition.key);
            visit(ConditionView{statement, condition, op, key});
        }
    }
}

// "ForAllValues:" / "ForAnyValue:" / "".
std::string_view qualifier_text(SetQualifier set);

// "aws:PrincipalArn|aws:SourceArn" -> "aws:PrincipalArn or aws:SourceArn".
std::string alternatives(std::string_view replacement);

// An operator of the value type, to name in a fix: "DateGreaterThan", "IpAddress" ...
std::string_view example_operator(ValueType type);

// Whether the Service Authorization Reference lists the key for the action, with the action itself or
// with one of its resource types (ecr:BatchDeleteImage takes aws:ResourceTag/... through "repository").
bool action_lists_key(const Action& action, std::string_view key);

// What a condition evaluates to when its key is not in the request: IAM's rules for a missing key
// (negated operators, ...IfExists and ForAllValues: hold; the others do not; Null holds for "true").
// nullopt when that cannot be told (an invalid operator, a Null with other or several values).
std::optional<bool> holds_without_key(const Condition& condition, const OperatorCheck& op);

}  // namespace iamlint::rules
