#include <array>
#include <string>

#include "../rule_support.hpp"
#include "../rules.hpp"
#include "../trust_support.hpp"
#include "iamlint/principals.hpp"

namespace iamlint::rules {

namespace {

constexpr std::string_view kTags[] = {"security", "trust-policy", "cross-account"};

constexpr std::array<std::string_view, 1> kExternalId = {"sts:ExternalId"};
// A principal inside one of the user's organizations is not a third party.
constexpr std::array<std::string_view, 2> kOrganization = {"aws:PrincipalOrgID", "aws:PrincipalOrgPaths"};

class MissingExternalId final : public Rule {
public:
    const RuleMeta& meta() const override {
        static const RuleMeta meta{
            .id = "IAM404",
            .name = "missing-external-id",
            .default_severity = Severity::Medium,
            .summary = "A role that another account can assume without an sts:ExternalId condition",
            .description =
                "A third party that assumes roles in many customers' accounts can be tricked into acting "
                "on yours (the confused deputy) unless the trust policy requires the external id it gave "
                "you. Reported for principals outside the trusted accounts (--account-id) that may call "
                "sts:AssumeRole; silent when no trusted account is given, or when a condition keeps the "
                "caller inside your organization.",
            .tags = kTags,
            .readme = embedded_readme("missing-external-id"),
        };
        return meta;
    }

    void check(const RuleContext& context, FindingSink& sink) const override {
        const RuleSettings& settings = context.settings;
        if (context.document.kind != PolicyKind::Trust || settings.trusted_accounts.empty()) return;
        for (const auto& statement : context.document.policy.statements) {
            if (!statement.is_allow() || !statement.principals.present || statement.principals.negated)
                continue;
            if (!covers_action(statement, "sts:AssumeRole")) continue;
            if (positive_condition_on(statement, kExternalId) != nullptr ||
                positive_condition_on(statement, kOrganization) != nullptr) {
                continue;
            }
            for (const auto& principal : statement.principals.entries) {
                if (principal.type != "AWS") continue;
                const PrincipalInfo info = classify_principal(principal);
                if (!info.in_account() || settings.is_trusted_account(info.account)) continue;
                sink.report(principal.value.place,
                            "account " + std::string(info.account) +
                                ", not one of the trusted accounts, can assume this role without an "
                                "sts:ExternalId condition",
                            "add \"Condition\": {\"StringEquals\": {\"sts:ExternalId\": \"ID\"}} with the "
                            "external id the third party gave you");
            }
        }
    }
};

}  // namespace

const Rule& missing_external_id() {
    static const MissingExternalId rule;
    return rule;
}

}  // namespace iamlint::rules
