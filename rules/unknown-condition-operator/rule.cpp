#include <set>

#include "../condition_support.hpp"
#include "../rules.hpp"

namespace iamlint::rules {

namespace {

constexpr std::string_view kTags[] = {"validity", "conditions"};

class UnknownConditionOperator final : public Rule {
public:
    const RuleMeta& meta() const override {
        static const RuleMeta meta{
            .id = "IAM105",
            .name = "unknown-condition-operator",
            .default_severity = Severity::High,
            .summary =
                "A condition operator that IAM does not have, or a bad qualifier or IfExists combination",
            .description =
                "IAM rejects a policy whose condition operator is not one of its operators, spelled "
                "exactly (operators are case-sensitive), optionally preceded by ForAllValues: or "
                "ForAnyValue: and followed by IfExists. Null has no IfExists form.",
            .tags = kTags,
            .readme = embedded_readme("unknown-condition-operator"),
        };
        return meta;
    }

    void check(const RuleContext& context, FindingSink& sink) const override {
        // The model has one condition per operator and key; the operator is reported once.
        std::set<std::size_t> reported;
        for (const auto& statement : context.document.policy.statements) {
            for (const auto& condition : statement.conditions) {
                if (!reported.insert(condition.op_place.range.offset).second) continue;
                const OperatorCheck op = check_condition_operator(condition.op.raw);
                if (op.problem.empty()) continue;
                sink.report(
                    condition.op_place, op.problem,
                    op.suggestion.empty()
                        ? std::string("use one of IAM's condition operators: String*, Numeric*, "
                                      "Date*, Bool, BinaryEquals, IpAddress, NotIpAddress, Arn*, Null")
                        : "write \"" + op.suggestion + "\"");
            }
        }
    }
};

}  // namespace

const Rule& unknown_condition_operator() {
    static const UnknownConditionOperator rule;
    return rule;
}

}  // namespace iamlint::rules
