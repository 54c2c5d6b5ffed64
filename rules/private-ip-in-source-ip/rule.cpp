#include "../condition_support.hpp"
#include "../rules.hpp"

namespace iamlint::rules {

namespace {

constexpr std::string_view kTags[] = {"validity", "conditions", "network"};

class PrivateIpInSourceIp final : public Rule {
public:
    const RuleMeta& meta() const override {
        static const RuleMeta meta{
            .id = "IAM115",
            .name = "private-ip-in-source-ip",
            .default_severity = Severity::Medium,
            .summary = "aws:SourceIp compared with private, loopback or link-local addresses",
            .description =
                "aws:SourceIp holds the public address a request comes from and is absent for requests "
                "through a VPC endpoint, so a private range never matches it. Requests from a VPC are "
                "matched with aws:VpcSourceIp together with aws:SourceVpc or aws:SourceVpce.",
            .tags = kTags,
            .readme = embedded_readme("private-ip-in-source-ip"),
        };
        return meta;
    }

    void check(const RuleContext& context, FindingSink& sink) const override {
        for (const auto& statement : context.document.policy.statements) {
            for (const auto& condition : statement.conditions) {
                if (!iequals(condition.key, "aws:SourceIp")) continue;
                const OperatorInfo* op = find_condition_operator(condition.op.base);
                if (op == nullptr || op->type != ValueType::IpAddress) continue;
                for (const Entry& value : condition.values) {
                    if (value.computed) continue;
                    const auto range = parse_ip_range(value.text);
                    if (!range) continue;  // malformed ranges are IAM108's
                    const auto space = private_address_space(*range);
                    if (!space) continue;
                    sink.report(
                        value.place,
                        value.text + " is " + std::string(*space) +
                            " address space, which aws:SourceIp never holds: requests through a VPC "
                            "endpoint have no aws:SourceIp",
                        "match requests from a VPC with aws:VpcSourceIp together with aws:SourceVpc or "
                        "aws:SourceVpce; keep public ranges in aws:SourceIp");
                }
            }
        }
    }
};

}  // namespace

const Rule& private_ip_in_source_ip() {
    static const PrivateIpInSourceIp rule;
    return rule;
}

}  // namespace iamlint::rules
