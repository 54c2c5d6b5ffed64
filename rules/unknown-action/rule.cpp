#include "../action_support.hpp"
#include "../rule_support.hpp"
#include "../rules.hpp"
#include "iamlint/suggest.hpp"
#include "iamlint/wildcards.hpp"

namespace iamlint::rules {

namespace {

constexpr std::string_view kTags[] = {"correctness", "catalog"};

class UnknownAction final : public Rule {
public:
    const RuleMeta& meta() const override {
        static const RuleMeta meta{
            .id = "IAM102",
            .name = "unknown-action",
            .default_severity = Severity::High,
            .summary =
                "An action, or a wildcard pattern, that matches no action of its service (\"did you "
                "mean ...\")",
            .description =
                "An Action or NotAction entry names no action of its service, case aside, or is a "
                "pattern (\"s3:Get*Objekt\") that matches none, or is not of the form "
                "\"service:ActionName\" at all, which IAM refuses. An unknown action matches nothing: an "
                "Allow grants less than intended, a Deny protects nothing, and in NotAction the action "
                "meant is not left out. The finding suggests the closest actions.",
            .tags = kTags,
            .readme = embedded_readme("unknown-action"),
        };
        return meta;
    }

    void check(const RuleContext& context, FindingSink& sink) const override {
        for (const auto& statement : context.document.policy.statements) {
            for (const auto& entry : statement.actions.entries) {
                if (!is_checkable_action(entry) || entry.text.empty()) continue;  // "": empty-element's
                if (context.document.kind == PolicyKind::Iot && is_iot_policy_only_action(entry.text))
                    continue;
                const ActionCheck check = check_action(context.catalog, entry.text);
                if (check.validity == ActionValidity::NotAnAction) {
                    report_not_an_action(context, statement, entry, sink);
                } else if (check.validity == ActionValidity::NoMatch) {
                    report_no_match(context, statement, entry, check, sink);
                }
            }
        }
    }

private:
    static void report_not_an_action(const RuleContext& context, const Statement& statement,
                                     const Entry& entry, FindingSink& sink) {
        const auto suggestions = suggest_actions(context.catalog, entry.text);
        std::string message = in_quotes(entry.text);
        message += " is not an action: IAM expects \"service:ActionName\" and refuses the policy";
        message += not_action_consequence(statement);
        message += did_you_mean(suggestions);
        sink.report(entry.place, std::move(message),
                    fix_with(suggestions,
                             "write the service prefix, a colon and the action name, e.g. \"s3:GetObject\""));
    }

    static void report_no_match(const RuleContext& context, const Statement& statement, const Entry& entry,
                                const ActionCheck& check, FindingSink& sink) {
        const bool pattern = find_wildcard(check.name) != std::string_view::npos;
        const auto suggestions = suggest_actions(context.catalog, entry.text);
        std::string message = in_quotes(entry.text);
        message += pattern ? " matches no action of " : " is not an action of ";
        if (check.service_wildcard) message += "the services matching ";
        message += in_quotes(check.service);
        message += " in ";
        message += catalog_edition(context.catalog);
        message += not_action_consequence(statement);
        message += did_you_mean(suggestions);
        std::string otherwise = "check the name in the Service Authorization Reference (iamlint expand ";
        otherwise += in_quotes(std::string(check.service) + ":*");
        otherwise +=
            " lists the service's actions); for an action newer than the catalog, load a newer one "
            "with --catalog";
        sink.report(entry.place, std::move(message), fix_with(suggestions, std::move(otherwise)));
    }
};

}  // namespace

const Rule& unknown_action() {
    static const UnknownAction rule;
    return rule;
}

}  // namespace iamlint::rules
