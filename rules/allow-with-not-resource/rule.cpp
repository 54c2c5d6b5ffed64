#include <algorithm>

#include "../breadth_support.hpp"
#include "../rule_support.hpp"
#include "../rules.hpp"
#include "iamlint/arn.hpp"

namespace iamlint::rules {

namespace {

constexpr std::string_view kTags[] = {"security", "least-privilege"};

class AllowWithNotResource final : public Rule {
public:
    const RuleMeta& meta() const override {
        static const RuleMeta meta{
            .id = "IAM207",
            .name = "allow-with-not-resource",
            .default_severity = Severity::High,
            .summary = "Allow with \"NotResource\": every resource except the listed ones",
            .description =
                "An Allow with NotResource applies its actions to every resource of every account except "
                "the listed ones, including resources created later and resources of other accounts "
                "that trust this one.",
            .tags = kTags,
            .readme = embedded_readme("allow-with-not-resource"),
        };
        return meta;
    }

    void check(const RuleContext& context, FindingSink& sink) const override {
        if (!grants_permissions(context.document.kind)) return;
        for (const auto& statement : context.document.policy.statements) {
            if (!statement.is_allow() || !statement.resources.present || !statement.resources.negated)
                continue;
            if (delegates_to_accounts(context.document, statement)) continue;
            // "NotResource": "*" leaves no resource to allow anything on.
            const auto& entries = statement.resources.entries;
            if (std::any_of(entries.begin(), entries.end(),
                            [](const Entry& e) { return matches_every_resource(e.text); }))
                continue;
            std::string what = "its actions";
            if (statement.actions.present && !statement.actions.entries.empty()) {
                what = (statement.actions.negated ? "every action except " : "") +
                       describe_entries(statement.actions.entries);
            }
            const auto& excluded = statement.resources.entries;
            sink.report(statement.resources.key,
                        "\"NotResource\" allows " + what + " on every resource" +
                            (excluded.empty() ? std::string() : " except " + describe_entries(excluded, 2)) +
                            ", including resources created later",
                        "list the resources in \"Resource\"; to exclude resources, add a Deny statement");
        }
    }
};

}  // namespace

const Rule& allow_with_not_resource() {
    static const AllowWithNotResource rule;
    return rule;
}

}  // namespace iamlint::rules
