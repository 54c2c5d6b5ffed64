#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "../rule_support.hpp"
#include "../rules.hpp"
#include "../trust_support.hpp"
#include "iamlint/ascii.hpp"
#include "iamlint/conditions.hpp"
#include "iamlint/wildcards.hpp"

namespace iamlint::rules {

namespace {

constexpr std::string_view kTags[] = {"trust", "correctness"};

constexpr std::string_view kWithSaml = "sts:AssumeRoleWithSAML";
constexpr std::string_view kWithWebIdentity = "sts:AssumeRoleWithWebIdentity";

// The web identity providers that are named without an ARN.
constexpr std::array<std::string_view, 4> kWebIdentityProviders = {
    "cognito-identity.amazonaws.com", "www.amazon.com", "graph.facebook.com", "accounts.google.com"};

enum class Federation { None, Saml, Oidc };

Federation federation_of(const PrincipalEntry& principal) {
    if (principal.type != "Federated" || principal.value.computed) return Federation::None;
    const std::string& text = principal.value.text;
    if (text.find(":saml-provider/") != std::string::npos) return Federation::Saml;
    if (text.find(":oidc-provider/") != std::string::npos ||
        std::any_of(kWebIdentityProviders.begin(), kWebIdentityProviders.end(),
                    [&](std::string_view host) { return iequals(text, host); }))
        return Federation::Oidc;
    return Federation::None;
}

// The Action entry that names the action without a wildcard ("sts:AssumeRoleWithSAML"); nullptr if none.
const Entry* literal_action(const Statement& statement, std::string_view action) {
    if (statement.actions.negated) return nullptr;
    for (const Entry& entry : statement.actions.entries) {
        if (!entry.computed && iequals(entry.text, action)) return &entry;
    }
    return nullptr;
}

bool is_session_tag_key(std::string_view key) {
    return istarts_with(key, "aws:RequestTag/") || iequals(key, "aws:TagKeys") ||
           iequals(key, "sts:TransitiveTagKeys");
}

// "arn:aws:iam::111122223333:role/path/app" -> "111122223333", "app"
struct RoleName {
    std::string account;
    std::string name;
};

std::optional<RoleName> role_of(std::string_view arn) {
    constexpr std::string_view kIam = ":iam::";
    const std::size_t iam = arn.find(kIam);
    if (!arn.starts_with("arn:") || iam == std::string_view::npos) return std::nullopt;
    const std::string_view rest = arn.substr(iam + kIam.size());  // "111122223333:role/path/app"
    const std::size_t colon = rest.find(':');
    if (colon == std::string_view::npos || !rest.substr(colon + 1).starts_with("role/")) return std::nullopt;
    const std::string_view path = rest.substr(colon + 1 + 5);
    return RoleName{std::string(rest.substr(0, colon)), std::string(path.substr(path.rfind('/') + 1))};
}

// "arn:aws:sts::111122223333:assumed-role/app/session" -> "111122223333", "app"
std::optional<RoleName> assumed_role_of(std::string_view arn) {
    constexpr std::string_view kSts = ":sts::";
    const std::size_t sts = arn.find(kSts);
    if (!arn.starts_with("arn:") || sts == std::string_view::npos) return std::nullopt;
    const std::string_view rest = arn.substr(sts + kSts.size());
    const std::size_t colon = rest.find(':');
    constexpr std::string_view kAssumed = "assumed-role/";
    if (colon == std::string_view::npos || !rest.substr(colon + 1).starts_with(kAssumed)) return std::nullopt;
    const std::string_view tail = rest.substr(colon + 1 + kAssumed.size());
    const std::size_t slash = tail.find('/');
    if (slash == std::string_view::npos) return std::nullopt;
    return RoleName{std::string(rest.substr(0, colon)), std::string(tail.substr(0, slash))};
}

class TrustActionMismatch final : public Rule {
public:
    const RuleMeta& meta() const override {
        static const RuleMeta meta{
            .id = "IAM410",
            .name = "trust-action-mismatch",
            .default_severity = Severity::Medium,
            .summary = "A role trust statement whose actions do not fit its principals or conditions",
            .description =
                "Session tags tested without sts:TagSession, sts:SourceIdentity without "
                "sts:SetSourceIdentity, AssumeRoleWithSAML without a SAML provider or "
                "AssumeRoleWithWebIdentity without an OIDC one, IAM Roles Anywhere without the three "
                "actions it needs: the role cannot be assumed as the statement means. Also a GitHub "
                "subject open to every branch, and an assumed-role principal beside its own role.",
            .tags = kTags,
            .readme = embedded_readme("trust-action-mismatch"),
        };
        return meta;
    }

    void check(const RuleContext& context, FindingSink& sink) const override {
        if (context.document.kind != PolicyKind::Trust) return;
        for (const auto& statement : context.document.policy.statements) {
            if (!statement.is_allow() || !statement.principals.present || statement.principals.negated)
                continue;
            check_condition_actions(statement, sink);
            check_federated_actions(statement, sink);
            check_roles_anywhere(statement, sink);
            check_redundant_session(statement, sink);
            check_github_subject(statement, sink);
        }
    }

private:
    // Access Analyzer's MISSING_ACTION_FOR_CONDITION_KEY: session tags are set by sts:TagSession and a
    // source identity by sts:SetSourceIdentity; a trust that tests them without allowing the action
    // refuses every request that sets them.
    static void check_condition_actions(const Statement& statement, FindingSink& sink) {
        if (!statement.actions.present || statement.actions.negated) return;
        bool tags_reported = false;
        bool identity_reported = false;
        for (const Condition& condition : statement.conditions) {
            std::string_view needed;
            bool* reported = nullptr;
            if (is_session_tag_key(condition.key)) {
                needed = "sts:TagSession";
                reported = &tags_reported;
            } else if (iequals(condition.key, "sts:SourceIdentity")) {
                needed = "sts:SetSourceIdentity";
                reported = &identity_reported;
            } else {
                continue;
            }
            if (*reported || covers_action(statement, needed)) continue;
            *reported = true;
            sink.report(condition.key_place,
                        condition.key + " is set only by a request that " +
                            (needed == "sts:TagSession" ? "passes session tags" : "sets a source identity") +
                            ", which needs " + std::string(needed) +
                            "; the statement does not allow it, so such requests are refused",
                        "add " + std::string(needed) + " to the statement's actions");
        }
    }

    // Access Analyzer's MISMATCHED_ACTION_FOR_PRINCIPAL: only a SAML provider can call
    // AssumeRoleWithSAML, only an OIDC provider AssumeRoleWithWebIdentity.
    static void check_federated_actions(const Statement& statement, FindingSink& sink) {
        const auto& principals = statement.principals.entries;
        if (std::any_of(principals.begin(), principals.end(), [](const PrincipalEntry& p) {
                return p.value.computed || p.type == "*" || p.value.text == "*";
            }))
            return;
        const auto has = [&](Federation kind) {
            return std::any_of(principals.begin(), principals.end(),
                               [&](const PrincipalEntry& p) { return federation_of(p) == kind; });
        };
        const struct {
            std::string_view action;
            Federation needs;
            std::string_view provider;
        } pairs[] = {
            {kWithSaml, Federation::Saml, "a SAML provider (arn:aws:iam::ACCOUNT:saml-provider/NAME)"},
            {kWithWebIdentity, Federation::Oidc,
             "an OIDC provider (arn:aws:iam::ACCOUNT:oidc-provider/HOST) or a web identity provider"}};
        for (const auto& pair : pairs) {
            const Entry* entry = literal_action(statement, pair.action);
            if (entry == nullptr || has(pair.needs)) continue;
            sink.report(entry->place,
                        std::string(pair.action) + " is called only by " + std::string(pair.provider) +
                            ", and none of the statement's principals is one: it never applies",
                        "name the provider under \"Federated\", or remove the action");
        }
    }

    // Access Analyzer's MISSING_ACTION_FOR_ROLES_ANYWHERE_TRUST_POLICY.
    static void check_roles_anywhere(const Statement& statement, FindingSink& sink) {
        const auto& principals = statement.principals.entries;
        const auto principal =
            std::find_if(principals.begin(), principals.end(), [](const PrincipalEntry& p) {
                return p.type == "Service" && iequals(p.value.text, "rolesanywhere.amazonaws.com");
            });
        if (principal == principals.end()) return;
        std::vector<std::string_view> missing;
        for (std::string_view action : {"sts:AssumeRole", "sts:SetSourceIdentity", "sts:TagSession"}) {
            if (!covers_action(statement, action)) missing.push_back(action);
        }
        if (missing.empty()) return;
        std::string list;
        for (std::size_t i = 0; i < missing.size(); ++i) {
            if (i > 0) list += ", ";
            list += missing[i];
        }
        sink.report(principal->value.place,
                    "IAM Roles Anywhere needs sts:AssumeRole, sts:SetSourceIdentity and sts:TagSession to "
                    "deliver credentials; the statement does not allow " +
                        list,
                    "allow all three actions to rolesanywhere.amazonaws.com");
    }

    // Access Analyzer's REDUNDANT_PRINCIPAL_IN_ROLE_TRUST_POLICY.
    static void check_redundant_session(const Statement& statement, FindingSink& sink) {
        const auto& principals = statement.principals.entries;
        for (const PrincipalEntry& session : principals) {
            if (session.type != "AWS" || session.value.computed) continue;
            const auto assumed = assumed_role_of(session.value.text);
            if (!assumed) continue;
            const bool parent_listed =
                std::any_of(principals.begin(), principals.end(), [&](const PrincipalEntry& p) {
                    const auto role =
                        p.type == "AWS" && !p.value.computed ? role_of(p.value.text) : std::nullopt;
                    return role && role->account == assumed->account && role->name == assumed->name;
                });
            if (!parent_listed) continue;
            sink.report(Severity::Info, session.value.place,
                        in_quotes(session.value.text) + " is a session of role " + assumed->name +
                            ", which the statement already trusts",
                        "remove the assumed-role principal");
        }
    }

    // Access Analyzer's SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED: "repo:ORG/REPO:*" lets every
    // branch, tag, pull request and environment of the repository assume the role. A wildcard in the
    // organization or repository is IAM406's.
    static void check_github_subject(const Statement& statement, FindingSink& sink) {
        for (const Condition& condition : statement.conditions) {
            if (!iequals(condition.key, "token.actions.githubusercontent.com:sub")) continue;
            const OperatorInfo* op = check_condition_operator(condition.op.raw).info;
            if (op == nullptr || !op->like || op->negated) continue;
            for (const Entry& value : condition.values) {
                const std::string_view text = value.text;
                if (value.computed || !text.starts_with("repo:")) continue;
                const std::size_t colon = text.find(':', 5);
                if (colon == std::string_view::npos) continue;
                const std::string_view repository = text.substr(5, colon - 5);  // "ORG/REPO"
                const std::string_view context = text.substr(colon + 1);
                if (find_wildcard(repository) != std::string_view::npos || !context.starts_with("*"))
                    continue;
                sink.report(Severity::Low, value.place,
                            in_quotes(text) + ": every branch, tag, pull request and environment of " +
                                std::string(repository) + " can assume the role",
                            "name the branch or environment: repo:" + std::string(repository) +
                                ":ref:refs/heads/main, repo:" + std::string(repository) +
                                ":environment:prod");
            }
        }
    }
};

}  // namespace

const Rule& trust_action_mismatch() {
    static const TrustActionMismatch rule;
    return rule;
}

}  // namespace iamlint::rules
