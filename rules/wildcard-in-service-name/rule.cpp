#include <algorithm>
#include <vector>

#include "../action_support.hpp"
#include "../rule_support.hpp"
#include "../rules.hpp"

namespace iamlint::rules {

namespace {

constexpr std::string_view kTags[] = {"security", "least-privilege", "catalog"};

// "s3, ses, sso and 4 more"
std::string describe_services(const std::vector<std::string_view>& prefixes) {
    constexpr std::size_t kShown = 3;
    std::string text;
    const std::size_t listed = std::min(kShown, prefixes.size());
    for (std::size_t i = 0; i < listed; ++i) {
        if (i > 0) text += (i + 1 == listed && listed == prefixes.size()) ? " and " : ", ";
        text += prefixes[i];
    }
    if (prefixes.size() > listed) text += " and " + std::to_string(prefixes.size() - listed) + " more";
    return text;
}

class WildcardInServiceName final : public Rule {
public:
    const RuleMeta& meta() const override {
        static const RuleMeta meta{
            .id = "IAM113",
            .name = "wildcard-in-service-name",
            .default_severity = Severity::Low,
            .summary = "A wildcard in an action's service prefix (\"s*:GetObject\")",
            .description =
                "A `*` or `?` in the service prefix of an Action or NotAction entry matches the actions "
                "of every service whose prefix fits, today's and future ones: rarely what was meant, and "
                "hard to review. Name each service.",
            .tags = kTags,
            .readme = embedded_readme("wildcard-in-service-name"),
        };
        return meta;
    }

    void check(const RuleContext& context, FindingSink& sink) const override {
        for (const auto& statement : context.document.policy.statements) {
            for (const auto& entry : statement.actions.entries) {
                // "*" and "*:*" are every action: wildcard-action's. A pattern that matches nothing is
                // unknown-service's or unknown-action's.
                if (!is_checkable_action(entry) || is_all_actions(entry.text)) continue;
                const ActionCheck check = check_action(context.catalog, entry.text);
                if (!check.service_wildcard || check.validity != ActionValidity::Valid) continue;
                std::vector<std::string_view> services;
                for (const Action* action : *context.catalog.matching_actions(entry.text)) {
                    if (services.empty() || services.back() != action->service->prefix)
                        services.push_back(action->service->prefix);
                }
                std::string example = std::string(services.front()) + ":";
                example += check.name;
                std::string fix = services.size() == 1
                                      ? "name the service: "
                                      : "write one entry per service meant, prefix in full: ";
                fix += in_quotes(example);
                std::string message = "wildcard in the service prefix ";
                message += in_quotes(check.service);
                message += " of ";
                message += in_quotes(entry.text);
                message += ": it matches actions of ";
                message += services.size() == 1 ? "1 service" : std::to_string(services.size()) + " services";
                message +=
                    " (" + describe_services(services) + ") and of any future service whose prefix fits";
                sink.report(part_of(context.document, entry, 0, check.service.size()), std::move(message),
                            std::move(fix));
            }
        }
    }
};

}  // namespace

const Rule& wildcard_in_service_name() {
    static const WildcardInServiceName rule;
    return rule;
}

}  // namespace iamlint::rules
