#include <algorithm>
#include <string>

#include "../condition_support.hpp"
#include "../rules.hpp"
#include "iamlint/ascii.hpp"

namespace iamlint::rules {

namespace {

constexpr std::string_view kTags[] = {"security", "conditions"};

// A key that names something only within a scope another key fixes, and the keys that fix it.
struct KeyPair {
    std::string_view key;
    std::string_view partners[2];
    std::string_view why;
};

// aws:VpcSourceIp is an address inside some VPC: private ranges are reused by every VPC, of every
// account. IAM Access Analyzer's MISSING_PAIRED_CONDITION_KEYS names this pair (with aws:SourceVpc); the
// endpoint id (aws:SourceVpce) fixes the VPC too, as an endpoint belongs to one VPC.
constexpr KeyPair kPairs[] = {
    {"aws:VpcSourceIp",
     {"aws:SourceVpc", "aws:SourceVpce"},
     "an address inside a VPC, and private ranges are the same in every VPC of every account"},
};

bool names_key(const Statement& statement, std::string_view key) {
    return std::any_of(statement.conditions.begin(), statement.conditions.end(),
                       [&](const Condition& condition) { return iequals(condition.key, key); });
}

class UnpairedConditionKey final : public Rule {
public:
    const RuleMeta& meta() const override {
        static const RuleMeta meta{
            .id = "IAM121",
            .name = "unpaired-condition-key",
            .default_severity = Severity::Low,
            .summary =
                "aws:VpcSourceIp without aws:SourceVpc (or aws:SourceVpce) in the same condition block",
            .description =
                "aws:VpcSourceIp is the caller's address inside a VPC, and private ranges repeat in every "
                "VPC of every account: 10.0.1.5 tells no VPC from another. Without the VPC (aws:SourceVpc) "
                "or "
                "its endpoint (aws:SourceVpce) beside it, any VPC with that range matches.",
            .tags = kTags,
            .readme = embedded_readme("unpaired-condition-key"),
        };
        return meta;
    }

    void check(const RuleContext& context, FindingSink& sink) const override {
        for (const Statement& statement : context.document.policy.statements) {
            for (const KeyPair& pair : kPairs) {
                if (std::any_of(std::begin(pair.partners), std::end(pair.partners),
                                [&](std::string_view partner) { return names_key(statement, partner); }))
                    continue;
                for (const Condition& condition : statement.conditions) {
                    if (!iequals(condition.key, pair.key)) continue;
                    const OperatorCheck op = check_condition_operator(condition.op.raw);
                    if (op.info == nullptr || op.info->is_null) continue;  // presence tests fix no address
                    sink.report(condition.key_place,
                                condition.key + " without " + std::string(pair.partners[0]) + " or " +
                                    std::string(pair.partners[1]) + " in the statement: it is " +
                                    std::string(pair.why) +
                                    ", so a request from any VPC with that range matches",
                                "add \"StringEquals\": {\"" + std::string(pair.partners[0]) +
                                    "\": \"vpc-...\"} to the same Condition block");
                    break;
                }
            }
        }
    }
};

}  // namespace

const Rule& unpaired_condition_key() {
    static const UnpairedConditionKey rule;
    return rule;
}

}  // namespace iamlint::rules
