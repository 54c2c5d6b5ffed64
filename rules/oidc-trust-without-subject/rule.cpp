#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "../rule_support.hpp"
#include "../rules.hpp"
#include "../trust_support.hpp"
#include "iamlint/ascii.hpp"
#include "iamlint/conditions.hpp"
#include "iamlint/principals.hpp"
#include "iamlint/wildcards.hpp"

namespace iamlint::rules {

namespace {

constexpr std::string_view kTags[] = {"security", "trust-policy", "federation"};

bool has_wildcard(std::string_view text) {
    return find_wildcard(text) != std::string_view::npos;
}

// The text of `value` after `prefix` up to the next ':' (the whole rest without one).
std::string_view field_after(std::string_view value, std::string_view prefix) {
    std::string_view rest = value.substr(prefix.size());
    return rest.substr(0, rest.find(':'));
}

// Why a StringLike subject lets in identities of anyone: nullopt when it names its owner. The providers
// whose subjects start with the owner are judged field by field; others only when the value is all
// wildcards.
std::optional<std::string> open_subject(std::string_view provider, std::string_view value) {
    if (value.empty() || value.find_first_not_of("*?") == std::string_view::npos)
        return std::string("matches every subject: any identity of the provider");
    if (istarts_with(provider, "token.actions.githubusercontent.com")) {
        if (value.front() == '*' || value.front() == '?')
            return std::string("starts with a wildcard: any repository of any organization");
        if (!value.starts_with("repo:")) return std::nullopt;
        std::string_view path = field_after(value, "repo:");
        auto slash = path.find('/');
        std::string_view org = path.substr(0, slash);
        if (has_wildcard(org) || slash == std::string_view::npos)
            return "the organization part " + in_quotes(org) +
                   " is a wildcard: any repository of any organization";
        std::string_view repo = path.substr(slash + 1);
        if (has_wildcard(repo)) {
            return "the repository part " + in_quotes(repo) + " is a wildcard: any repository of " +
                   std::string(org) + " it matches, whoever can push a workflow there";
        }
        return std::nullopt;
    }
    if (istarts_with(provider, "gitlab.")) {
        if (value.front() == '*' || value.front() == '?')
            return std::string("starts with a wildcard: any project of any group");
        if (!value.starts_with("project_path:")) return std::nullopt;
        std::string_view path = field_after(value, "project_path:");
        if (has_wildcard(path) || path.find('/') == std::string_view::npos)
            return "the project path " + in_quotes(path) + " has a wildcard: any project it matches";
        return std::nullopt;
    }
    if (istarts_with(provider, "app.terraform.io")) {
        if (value.front() == '*' || value.front() == '?')
            return std::string("starts with a wildcard: any workspace of any organization");
        if (!value.starts_with("organization:")) return std::nullopt;
        std::string_view org = field_after(value, "organization:");
        if (has_wildcard(org))
            return "the organization " + in_quotes(org) + " is a wildcard: any organization";
        auto workspace = value.find(":workspace:");
        if (workspace != std::string_view::npos &&
            has_wildcard(field_after(value.substr(workspace), ":workspace:")))
            return "the workspace is a wildcard: any workspace of " + std::string(org);
        return std::nullopt;
    }
    return std::nullopt;
}

bool is_like(const Condition& condition) {
    const OperatorCheck op = check_condition_operator(condition.op.raw);
    return op.info != nullptr && op.info->like;
}

std::vector<const Condition*> positive_conditions(const Statement& statement, const std::string& key) {
    std::vector<const Condition*> found;
    for (const auto& condition : statement.conditions) {
        if (iequals(condition.key, key) && is_positive(condition)) found.push_back(&condition);
    }
    return found;
}

class OidcTrustWithoutSubject final : public Rule {
public:
    const RuleMeta& meta() const override {
        static const RuleMeta meta{
            .id = "IAM406",
            .name = "oidc-trust-without-subject",
            .default_severity = Severity::Critical,
            .summary = "An OIDC trust without a subject condition, or with one that allows any repository",
            .description =
                "A role federated through an OIDC provider (GitHub Actions, GitLab, Terraform Cloud, EKS, "
                "Cognito) can be assumed with any token the provider issues unless the trust policy "
                "names whose: the :sub condition (for GitHub repo:ORG/REPO:...). A wildcard in the "
                "organization or repository part lets in other repositories. High when the subject is "
                "pinned but the audience (:aud) is not.",
            .tags = kTags,
            .readme = embedded_readme("oidc-trust-without-subject"),
        };
        return meta;
    }

    void check(const RuleContext& context, FindingSink& sink) const override {
        for (const auto& statement : context.document.policy.statements) {
            if (!statement.is_allow() || !statement.principals.present || statement.principals.negated)
                continue;
            for (const auto& principal : statement.principals.entries) {
                if (principal.type != "Federated") continue;
                const PrincipalInfo info = classify_principal(principal);
                if (info.kind != PrincipalClass::OidcProvider) continue;
                check_provider(statement, principal, std::string(info.name), sink);
            }
        }
    }

private:
    static void check_provider(const Statement& statement, const PrincipalEntry& principal,
                               const std::string& provider, FindingSink& sink) {
        const Place& where = principal.value.place;
        const auto audience = positive_conditions(statement, provider + ":aud");
        // Cognito's subject is one identity of a pool; what names the pool, and so its owner, is :aud.
        if (istarts_with(provider, "cognito-identity.amazonaws.com")) {
            if (audience.empty()) {
                sink.report(where,
                            "no condition on " + provider +
                                ":aud: an identity of any Cognito identity pool, of any account, can assume "
                                "this role",
                            "add \"StringEquals\": {\"" + provider + ":aud\": \"REGION:POOL_ID\"}");
            }
            return;
        }
        const std::string subject_key = provider + ":sub";
        const auto subjects = positive_conditions(statement, subject_key);
        if (subjects.empty()) {
            const bool github = istarts_with(provider, "token.actions.githubusercontent.com");
            sink.report(where,
                        "no condition on " + subject_key + ": " +
                            (github ? "any workflow of any repository on GitHub"
                                    : "any identity the provider issues a token for") +
                            " can assume this role",
                        "add \"StringEquals\": {\"" + subject_key +
                            "\": \"repo:ORG/REPO:ref:refs/heads/main\"} " +
                            "or the subject of your workload");
            return;
        }
        // Conditions are ANDed: one that names the owner in every value is enough.
        std::vector<std::pair<const Entry*, std::string>> open;
        bool pinned = false;
        for (const Condition* condition : subjects) {
            std::vector<std::pair<const Entry*, std::string>> open_here;
            if (is_like(*condition)) {
                for (const auto& value : condition->values) {
                    if (value.computed || value.json_type != JsonType::String) continue;
                    if (auto why = open_subject(provider, value.text)) open_here.emplace_back(&value, *why);
                }
            }
            if (open_here.empty()) {
                pinned = true;
                break;
            }
            open.insert(open.end(), open_here.begin(), open_here.end());
        }
        if (!pinned) {
            for (const auto& [value, why] : open) {
                sink.report(value->place, subject_key + " " + in_quotes(value->text) + ": " + why,
                            "name the organization and repository: repo:ORG/REPO:ref:refs/heads/main, "
                            "repo:ORG/REPO:environment:prod (a branch wildcard after ref: is fine)");
            }
            return;
        }
        if (audience.empty()) {
            sink.report(Severity::High, where,
                        "no condition on " + provider +
                            ":aud: tokens the provider issued for another audience " + "are accepted too",
                        "add \"StringEquals\": {\"" + provider +
                            ":aud\": \"sts.amazonaws.com\"} (the audience your workload requests)");
        }
    }
};

}  // namespace

const Rule& oidc_trust_without_subject() {
    static const OidcTrustWithoutSubject rule;
    return rule;
}

}  // namespace iamlint::rules
