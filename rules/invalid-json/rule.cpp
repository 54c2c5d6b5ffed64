#include "../rules.hpp"

namespace iamlint::rules {

namespace {

constexpr std::string_view kTags[] = {"correctness", "syntax"};

class InvalidJson final : public Rule {
public:
    const RuleMeta& meta() const override {
        static const RuleMeta meta{
            .id = "IAM001",
            .name = "invalid-json",
            .default_severity = Severity::High,
            .summary = "The file is not valid JSON",
            .description =
                "The policy text could not be parsed as JSON. AWS rejects such a policy, and no other "
                "check can judge it; the finding points at the position where parsing stopped.",
            .tags = kTags,
            .readme = embedded_readme("invalid-json"),
        };
        return meta;
    }

    void check(const RuleContext& context, FindingSink& sink) const override {
        const auto& error = context.document.syntax->error;
        if (!error) return;
        sink.report(
            Place{error->range, ""}, "invalid JSON: " + error->message,
            "fix the JSON syntax at this position (a missing comma, quote or bracket is the usual cause)");
    }
};

}  // namespace

const Rule& invalid_json() {
    static const InvalidJson rule;
    return rule;
}

}  // namespace iamlint::rules
