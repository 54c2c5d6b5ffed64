#include <algorithm>
#include <string>

#include "../rule_support.hpp"
#include "../rules.hpp"
#include "../trust_support.hpp"
#include "iamlint/ascii.hpp"

namespace iamlint::rules {

namespace {

constexpr std::string_view kTags[] = {"resource-policy", "correctness"};

// Keys that describe the caller as a member of an organization or by its IAM tags: a service principal
// belongs to no organization and has no tags, so its requests never carry them.
bool is_member_key(std::string_view key) {
    return iequals(key, "aws:PrincipalOrgID") || iequals(key, "aws:PrincipalOrgPaths") ||
           istarts_with(key, "aws:PrincipalTag/");
}

bool all_services(const Statement& statement) {
    const auto& entries = statement.principals.entries;
    return !entries.empty() && std::all_of(entries.begin(), entries.end(), [](const PrincipalEntry& p) {
        return p.type == "Service" && !p.value.computed;
    });
}

class ResourcePolicyPrincipalMismatch final : public Rule {
public:
    const RuleMeta& meta() const override {
        static const RuleMeta meta{
            .id = "IAM411",
            .name = "resource-policy-principal-mismatch",
            .default_severity = Severity::Medium,
            .summary =
                "A resource policy principal that its requests cannot match: a federated provider, or a "
                "service principal tested on the caller's organization or tags",
            .description =
                "Only role trust policies take Federated principals. A service principal's requests carry "
                "no aws:PrincipalOrgID, aws:PrincipalOrgPaths or aws:PrincipalTag, so an Allow to a "
                "service conditioned on them never applies (a log bucket the service can never write).",
            .tags = kTags,
            .readme = embedded_readme("resource-policy-principal-mismatch"),
        };
        return meta;
    }

    void check(const RuleContext& context, FindingSink& sink) const override {
        if (context.document.kind != PolicyKind::Resource) return;
        for (const auto& statement : context.document.policy.statements) {
            if (!statement.principals.present || statement.principals.negated) continue;
            check_federated(statement, sink);
            if (statement.is_allow() && all_services(statement)) check_member_keys(statement, sink);
        }
    }

private:
    // Access Analyzer's FEDERATED_PRINCIPAL_NOT_SUPPORTED.
    static void check_federated(const Statement& statement, FindingSink& sink) {
        for (const PrincipalEntry& principal : statement.principals.entries) {
            if (principal.type != "Federated") continue;
            sink.report(principal.value.place,
                        in_quotes(principal.value.text) +
                            " (Federated): identity providers are principals of role trust policies only; a "
                            "resource policy does not take them",
                        "grant to the role that the provider's users assume, under \"AWS\"");
        }
    }

    // Access Analyzer's UNSUPPORTED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL.
    static void check_member_keys(const Statement& statement, FindingSink& sink) {
        for (const Condition& condition : statement.conditions) {
            if (!is_member_key(condition.key) || !is_positive(condition)) continue;
            sink.report(condition.key_place,
                        "the statement's principals are all services, whose requests never carry " +
                            condition.key + ": the Allow never applies",
                        "scope a service principal with aws:SourceAccount, aws:SourceArn or aws:SourceOrgID");
        }
    }
};

}  // namespace

const Rule& resource_policy_principal_mismatch() {
    static const ResourcePolicyPrincipalMismatch rule;
    return rule;
}

}  // namespace iamlint::rules
