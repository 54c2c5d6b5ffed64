#include <algorithm>

#include "../breadth_support.hpp"
#include "../rule_support.hpp"
#include "../rules.hpp"
#include "iamlint/arn.hpp"

namespace iamlint::rules {

namespace {

constexpr std::string_view kTags[] = {"security", "least-privilege"};

// Resource entries that each name resources of one service: every action outside that service then
// applies to none of them, so the grant is "everything on these resources" rather than "everything".
bool names_resources(const Statement& statement) {
    const auto& resources = statement.resources;
    if (!resources.present || resources.negated || resources.entries.empty()) return false;
    return std::all_of(resources.entries.begin(), resources.entries.end(), [](const Entry& resource) {
        if (resource.computed) return true;
        if (matches_every_resource(resource.text)) return false;
        auto arn = split_arn(resource.text);
        return arn && !arn->service.empty() && !has_wildcard_or_variable(arn->service);
    });
}

class AllowWithNotAction final : public Rule {
public:
    const RuleMeta& meta() const override {
        static const RuleMeta meta{
            .id = "IAM206",
            .name = "allow-with-not-action",
            .default_severity = Severity::High,
            .summary = "Allow with \"NotAction\": every action except the listed ones",
            .description =
                "An Allow with NotAction grants every action of every service except the listed ones, "
                "including actions AWS adds later. Medium when every Resource names resources of one "
                "service, which limits the grant to what can be done to them.",
            .tags = kTags,
            .readme = embedded_readme("allow-with-not-action"),
        };
        return meta;
    }

    void check(const RuleContext& context, FindingSink& sink) const override {
        if (!grants_permissions(context.document.kind)) return;
        for (const auto& statement : context.document.policy.statements) {
            if (!statement.is_allow() || !statement.actions.present || !statement.actions.negated) continue;
            // A key policy's grant to its own account hands the decision to that account's IAM policies.
            if (delegates_to_accounts(context.document, statement)) continue;
            const auto& excluded = statement.actions.entries;
            // "NotAction": "*" allows nothing at all.
            if (std::any_of(excluded.begin(), excluded.end(),
                            [](const Entry& e) { return is_all_actions(e.text); }))
                continue;
            const std::string except =
                excluded.empty() ? std::string() : " except " + describe_entries(excluded);
            if (names_resources(statement)) {
                sink.report(Severity::Medium, statement.actions.key,
                            "\"NotAction\" allows every action" + except +
                                " on the listed resources, including actions AWS adds later",
                            "list the actions the principal needs in \"Action\"");
            } else {
                sink.report(Severity::High, statement.actions.key,
                            "\"NotAction\" allows every action of every service" + except +
                                ", including actions AWS adds later",
                            "list the actions the principal needs in \"Action\"; to exclude actions, add a "
                            "Deny statement");
            }
        }
    }
};

}  // namespace

const Rule& allow_with_not_action() {
    static const AllowWithNotAction rule;
    return rule;
}

}  // namespace iamlint::rules
