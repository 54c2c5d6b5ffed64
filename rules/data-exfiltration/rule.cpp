#include "../rules.hpp"
#include "../sensitive_support.hpp"

namespace iamlint::rules {

namespace {

constexpr std::string_view kTags[] = {"security", "data-exfiltration"};

class DataExfiltration final : public Rule {
public:
    const RuleMeta& meta() const override {
        static const RuleMeta meta{
            .id = "IAM304",
            .name = "data-exfiltration",
            .default_severity = Severity::Medium,
            .summary = "Actions that read data allowed on every resource",
            .description =
                "Read actions that return the data a resource holds (s3:GetObject, dynamodb:Scan, "
                "ssm:GetParameter, secretsmanager:GetSecretValue, sqs:ReceiveMessage ...) on every "
                "resource of their type: whoever holds them can copy any of that data out.",
            .tags = kTags,
            .readme = embedded_readme("data-exfiltration"),
        };
        return meta;
    }

    void check(const RuleContext& context, FindingSink& sink) const override {
        report_unconstrained_category(
            context, sink,
            {.category = SensitiveCategory::DataAccess,
             .what_one =
                 " can read the data of every resource of its type: any object, item, secret or message it "
                 "reaches can be copied out",
             .what_many = " can read the data of every resource of their type: any object, item, secret or "
                          "message they reach can be copied out",
             .fix = "name the buckets, tables, parameters or queues this principal reads in ARNs, or add "
                    "a condition on aws:ResourceTag/... or aws:ResourceAccount"});
    }
};

}  // namespace

const Rule& data_exfiltration() {
    static const DataExfiltration rule;
    return rule;
}

}  // namespace iamlint::rules
