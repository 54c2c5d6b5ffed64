#include "../action_support.hpp"
#include "../rules.hpp"
#include "iamlint/suggest.hpp"

namespace iamlint::rules {

namespace {

constexpr std::string_view kTags[] = {"correctness", "catalog"};

class UnknownService final : public Rule {
public:
    const RuleMeta& meta() const override {
        static const RuleMeta meta{
            .id = "IAM101",
            .name = "unknown-service",
            .default_severity = Severity::High,
            .summary = "An action whose service prefix no AWS service has (\"did you mean ...\")",
            .description =
                "The service prefix of an Action or NotAction entry is not one of AWS's, case aside: "
                "the entry matches nothing, so an Allow grants less than intended and a Deny protects "
                "nothing. Usually a typo (\"s3x:GetObject\") or a service's name written instead of its "
                "prefix; the finding suggests the closest prefixes that have the action.",
            .tags = kTags,
            .readme = embedded_readme("unknown-service"),
        };
        return meta;
    }

    void check(const RuleContext& context, FindingSink& sink) const override {
        for (const auto& statement : context.document.policy.statements) {
            for (const auto& entry : statement.actions.entries) {
                if (!is_checkable_action(entry)) continue;
                const ActionCheck check = check_action(context.catalog, entry.text);
                if (check.validity != ActionValidity::UnknownService) continue;
                const auto suggestions = suggest_actions(context.catalog, entry.text);
                std::string message;
                if (check.service_wildcard) {
                    message += "no AWS service prefix matches ";
                    message += in_quotes(check.service);
                    message += " in ";
                    message += in_quotes(entry.text);
                } else {
                    message += in_quotes(check.service);
                    message += " in ";
                    message += in_quotes(entry.text);
                    message += " is not an AWS service prefix";
                }
                message += " (";
                message += catalog_edition(context.catalog);
                message += ")";
                message += not_action_consequence(statement);
                message += did_you_mean(suggestions);
                sink.report(part_of(context.document, entry, 0, check.service.size()), std::move(message),
                            fix_with(suggestions,
                                     "use the prefix that the Service Authorization Reference gives for the "
                                     "service; for a service newer than the catalog, load a newer one with "
                                     "--catalog"));
            }
        }
    }
};

}  // namespace

const Rule& unknown_service() {
    static const UnknownService rule;
    return rule;
}

}  // namespace iamlint::rules
