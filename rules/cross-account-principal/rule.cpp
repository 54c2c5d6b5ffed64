#include <string>

#include "../arn_support.hpp"
#include "../rule_support.hpp"
#include "../rules.hpp"
#include "iamlint/principals.hpp"

namespace iamlint::rules {

namespace {

constexpr std::string_view kTags[] = {"security", "principal", "cross-account"};

std::string trusted_list(const RuleSettings& settings) {
    std::string text;
    for (const auto& account : settings.trusted_accounts) {
        if (!text.empty()) text += ", ";
        text += account;
    }
    return text;
}

class CrossAccountPrincipal final : public Rule {
public:
    const RuleMeta& meta() const override {
        static const RuleMeta meta{
            .id = "IAM402",
            .name = "cross-account-principal",
            .default_severity = Severity::Medium,
            .summary = "A principal in an account that is not one of the trusted accounts (--account-id)",
            .description =
                "An Allow in a resource or trust policy to an account, its root, or a user, role or session "
                "of an account that is not one of yours: that account's administrators decide who in it "
                "gets the access. Silent unless the trusted accounts are given (--account-id), since "
                "whose account is foreign depends on whose the policy is.",
            .tags = kTags,
            .readme = embedded_readme("cross-account-principal"),
        };
        return meta;
    }

    void check(const RuleContext& context, FindingSink& sink) const override {
        const RuleSettings& settings = context.settings;
        if (settings.trusted_accounts.empty()) return;
        for (const auto& statement : context.document.policy.statements) {
            if (!statement.is_allow() || !statement.principals.present || statement.principals.negated)
                continue;
            for (const auto& principal : statement.principals.entries) {
                if (principal.type != "AWS") continue;
                const PrincipalInfo info = classify_principal(principal);
                // An account a template fills in ("${ACCOUNT_ID}") is unknown here: whose it is, is not said.
                if (!info.in_account() || settings.is_trusted_account(info.account) ||
                    info.account.starts_with("${"))
                    continue;
                const Entry& value = principal.value;
                const auto offset = static_cast<std::size_t>(info.account.data() - value.text.data());
                sink.report(narrow_place(context.document, value, offset, info.account.size()),
                            in_quotes(value.text) + " (" + std::string(to_string(info.kind)) +
                                ") is in account " + std::string(info.account) +
                                ", not one of the trusted accounts (" + trusted_list(settings) + ")",
                            "make sure that account is meant to have this access; add it with --account-id "
                            "if it is yours");
            }
        }
    }
};

}  // namespace

const Rule& cross_account_principal() {
    static const CrossAccountPrincipal rule;
    return rule;
}

}  // namespace iamlint::rules
