#include <algorithm>
#include <array>

#include "../arn_support.hpp"
#include "../rule_support.hpp"
#include "../rules.hpp"
#include "iamlint/arn.hpp"
#include "iamlint/ascii.hpp"
#include "iamlint/wildcards.hpp"

namespace iamlint::rules {

namespace {

constexpr std::string_view kTags[] = {"correctness", "principal"};

constexpr std::array<std::string_view, 4> kTypes = {"AWS", "CanonicalUser", "Federated", "Service"};

// The DNS suffixes of AWS's partitions (aws, aws-cn, the isolated ones, the European Sovereign Cloud),
// and amazon.com of the Alexa service principals.
constexpr std::array<std::string_view, 8> kServiceSuffixes = {
    ".amazonaws.com",  ".amazonaws.com.cn", ".c2s.ic.gov",   ".sc2s.sgov.gov",
    ".cloud.adc-e.uk", ".csp.hci.ic.gov",   ".amazonaws.eu", ".amazon.com"};

// The web identity providers IAM accepts by name; everything else federates through a provider ARN.
constexpr std::array<std::string_view, 4> kWebIdentityProviders = {
    "cognito-identity.amazonaws.com", "www.amazon.com", "graph.facebook.com", "accounts.google.com"};

bool is_hex(std::string_view text) {
    return std::all_of(text.begin(), text.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    });
}

// IAM's unique ids of users (AIDA...) and roles (AROA...): AWS writes them in place of the ARN of a
// principal that was deleted, so they show up in stored policies.
bool is_unique_id(std::string_view text) {
    if (text.size() < 16 || text.size() > 32) return false;
    if (!text.starts_with("AIDA") && !text.starts_with("AROA")) return false;
    return std::all_of(text.begin(), text.end(),
                       [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); });
}

// A host name made of labels of letters, digits and '-', ending in one of `suffixes`.
template <std::size_t N>
bool is_host_in(std::string_view text, const std::array<std::string_view, N>& suffixes) {
    for (std::string_view suffix : suffixes) {
        if (text.size() <= suffix.size() || !iequals(text.substr(text.size() - suffix.size()), suffix))
            continue;
        std::string_view name = text.substr(0, text.size() - suffix.size());
        bool ok = name.front() != '.' && name.back() != '.' && name.find("..") == std::string_view::npos &&
                  std::all_of(name.begin(), name.end(), [](char c) {
                      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                             c == '-' || c == '.';
                  });
        if (ok) return true;
    }
    return false;
}

// What is wrong with a value, and which characters of it; empty message when nothing is.
struct Verdict {
    std::string message;
    std::string fix;
    std::size_t offset = 0;
    std::size_t length = 0;
};

Verdict at_field(std::string_view text, std::string_view field, std::string message, std::string fix) {
    return {std::move(message), std::move(fix), static_cast<std::size_t>(field.data() - text.data()),
            field.size()};
}

// The header of a principal ARN: a known partition, the service, no region, a 12-digit account.
Verdict check_arn_header(std::string_view text, const ArnParts& arn, std::string_view service) {
    if (auto problem = check_arn_syntax(text)) {
        return {problem->message, "write the ARN as arn:aws:iam::ACCOUNT:role/NAME", problem->offset,
                problem->length};
    }
    if (arn.service != service) {
        return at_field(text, arn.service, "the service of this principal ARN is " + in_quotes(service),
                        "write " + std::string(service));
    }
    if (!arn.region.empty()) {
        return at_field(text, arn.region, "principal ARNs have no region", "leave the region field empty");
    }
    if (!is_account_id(arn.account)) {
        return at_field(text, arn.account, "a principal ARN names a 12-digit account id",
                        "write the account id of the principal");
    }
    return {};
}

Verdict check_aws(std::string_view text) {
    if (is_account_id(text) || is_unique_id(text)) return {};
    auto arn = split_arn(text);
    if (!arn) {
        if (!text.empty() &&
            std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
            return {"an account id has 12 digits, this one " + std::to_string(text.size()),
                    "write the 12-digit account id (with its leading zeros)"};
        }
        if (text.ends_with(".amazonaws.com") || text.ends_with(".amazonaws.com.cn")) {
            return {"a service principal goes under \"Service\", not \"AWS\"",
                    "write {\"Service\": " + in_quotes(text) + "}"};
        }
        return {"not an AWS principal: an account id, the ARN of a user, role or role session, or \"*\"",
                "write a 12-digit account id or an ARN such as arn:aws:iam::111122223333:role/NAME"};
    }
    std::string_view resource = arn->resource;
    // CloudFront origin access identities are users of the pseudo-account "cloudfront".
    if (arn->service == "iam" && arn->account == "cloudfront" &&
        resource.starts_with("user/CloudFront Origin Access Identity ")) {
        if (arn->region.empty()) return {};
        return at_field(text, arn->region, "principal ARNs have no region", "leave the region field empty");
    }
    if (arn->service == "sts") {
        if (auto verdict = check_arn_header(text, *arn, "sts"); !verdict.message.empty()) return verdict;
        auto slash = resource.find('/');
        std::string_view kind = resource.substr(0, slash);
        std::string_view rest =
            slash == std::string_view::npos ? std::string_view{} : resource.substr(slash + 1);
        if (kind == "assumed-role") {
            auto split = rest.find('/');
            if (split != std::string_view::npos && split > 0 && split + 1 < rest.size()) return {};
            return at_field(text, resource, "a role session ARN is assumed-role/ROLE/SESSION",
                            "write arn:aws:sts::ACCOUNT:assumed-role/ROLE_NAME/SESSION_NAME");
        }
        if (kind == "federated-user" && !rest.empty()) return {};
        return at_field(text, resource, "an sts principal is an assumed-role or federated-user session",
                        "write arn:aws:sts::ACCOUNT:assumed-role/ROLE_NAME/SESSION_NAME");
    }
    if (auto verdict = check_arn_header(text, *arn, "iam"); !verdict.message.empty()) return verdict;
    auto slash = resource.find('/');
    std::string_view kind = resource.substr(0, slash);
    bool named = slash != std::string_view::npos && slash + 1 < resource.size() && resource.back() != '/';
    if (resource == "root" || ((kind == "user" || kind == "role") && named)) return {};
    if (kind == "assumed-role" || kind == "federated-user") {
        return at_field(text, arn->service, "role and federated sessions are sts ARNs, not iam",
                        "write arn:aws:sts::ACCOUNT:" + std::string(kind) + "/...");
    }
    if (kind == "group") {
        return at_field(text, resource, "a group cannot be a principal",
                        "name its users, or the account with a condition on aws:PrincipalArn");
    }
    if (kind == "saml-provider" || kind == "oidc-provider") {
        return {"an identity provider goes under \"Federated\", not \"AWS\"",
                "write {\"Federated\": " + in_quotes(text) + "}"};
    }
    return at_field(text, resource, "an iam principal ARN ends in root, user/NAME or role/NAME",
                    "write arn:aws:iam::ACCOUNT:role/NAME");
}

Verdict check_service(std::string_view text) {
    if (is_host_in(text, kServiceSuffixes)) return {};
    if (is_account_id(text) || text.starts_with("arn:")) {
        return {"an account or ARN goes under \"AWS\", not \"Service\"",
                "write {\"AWS\": " + in_quotes(text) + "}"};
    }
    return {"not a service principal: services are named like lambda.amazonaws.com",
            "write the service principal, SERVICE.amazonaws.com"};
}

Verdict check_federated(std::string_view text) {
    if (std::any_of(kWebIdentityProviders.begin(), kWebIdentityProviders.end(),
                    [&](std::string_view provider) { return iequals(text, provider); }) ||
        iequals(text, "cognito-identity.amazonaws.com.cn")) {
        return {};
    }
    auto arn = split_arn(text);
    if (!arn) {
        return {
            "not a federated provider: cognito-identity.amazonaws.com, www.amazon.com, graph.facebook.com, "
            "accounts.google.com, or the ARN of a SAML or OIDC provider",
            "write the provider's ARN, such as arn:aws:iam::111122223333:oidc-provider/" + std::string(text)};
    }
    if (auto verdict = check_arn_header(text, *arn, "iam"); !verdict.message.empty()) return verdict;
    std::string_view resource = arn->resource;
    auto slash = resource.find('/');
    std::string_view kind = resource.substr(0, slash);
    if ((kind == "saml-provider" || kind == "oidc-provider") && slash != std::string_view::npos &&
        slash + 1 < resource.size()) {
        return {};
    }
    return at_field(
        text, resource, "a federated principal ARN is saml-provider/NAME or oidc-provider/HOST",
        "write arn:aws:iam::ACCOUNT:oidc-provider/HOST or arn:aws:iam::ACCOUNT:saml-provider/NAME");
}

Verdict check_canonical_user(std::string_view text) {
    if (text.size() == 64 && is_hex(text)) return {};
    return {"a canonical user id is 64 hexadecimal digits",
            "copy the id from s3:ListBuckets or the S3 console"};
}

class InvalidPrincipal final : public Rule {
public:
    const RuleMeta& meta() const override {
        static const RuleMeta meta{
            .id = "IAM116",
            .name = "invalid-principal",
            .default_severity = Severity::High,
            .summary = "A Principal value that is not a valid principal of its type",
            .description =
                "Each principal type takes its own values: AWS an account id, the ARN of a user, role or "
                "role session, or \"*\"; Service a service principal (lambda.amazonaws.com); Federated a "
                "web identity provider or the ARN of a SAML or OIDC provider; CanonicalUser 64 hexadecimal "
                "digits. Wildcards are not patterns in principals. AWS rejects such a policy, or the "
                "principal matches nobody.",
            .tags = kTags,
            .readme = embedded_readme("invalid-principal"),
        };
        return meta;
    }

    void check(const RuleContext& context, FindingSink& sink) const override {
        for (const auto& statement : context.document.policy.statements) {
            if (!statement.principals.present) continue;
            std::vector<std::string_view> bad_types;  // reported once per statement
            for (const auto& principal : statement.principals.entries) {
                if (principal.type == "*" ||
                    std::find(kTypes.begin(), kTypes.end(), principal.type) != kTypes.end()) {
                    check_value(context.document, principal, sink);
                } else if (std::find(bad_types.begin(), bad_types.end(), principal.type) == bad_types.end()) {
                    bad_types.push_back(principal.type);
                    report_type(principal, sink);
                }
            }
        }
    }

private:
    static void check_value(const PolicyDocument& document, const PrincipalEntry& principal,
                            FindingSink& sink) {
        const Entry& value = principal.value;
        const std::string_view text = value.text;
        // Computed values are known at deployment only; policy variables are invalid-policy-variable's.
        if (value.computed || value.json_type != JsonType::String ||
            text.find("${") != std::string_view::npos) {
            return;
        }
        if (principal.type == "*") {
            if (text != "*") {
                sink.report(value.place, "a Principal given as a string must be \"*\": " + in_quotes(text),
                            "name principals by type: {\"AWS\": " + in_quotes(text) + "}");
            }
            return;
        }
        auto type = std::find(kTypes.begin(), kTypes.end(), principal.type);
        if (text == "*") return;  // everyone: public-principal's business
        if (auto wildcard = find_wildcard(text); wildcard != std::string_view::npos) {
            sink.report(narrow_place(document, value, wildcard, 1),
                        in_quotes(text) + ": a wildcard in a principal is not a pattern, it matches nobody",
                        "name the principal exactly, or use \"*\" with a condition on aws:PrincipalArn");
            return;
        }
        if (*type == "AWS" && is_unique_id(text)) {
            report_unique_id(document, value, sink);
            return;
        }
        Verdict verdict;
        if (*type == "AWS") {
            verdict = check_aws(text);
        } else if (*type == "Service") {
            verdict = check_service(text);
        } else if (*type == "Federated") {
            verdict = check_federated(text);
        } else {
            verdict = check_canonical_user(text);
        }
        if (verdict.message.empty()) return;
        sink.report(narrow_place(document, value, verdict.offset, verdict.length),
                    in_quotes(text) + " (" + std::string(*type) + "): " + verdict.message, verdict.fix);
    }

    // Access Analyzer's INVALID_ROLE_REFERENCE / INVALID_USER_REFERENCE. IAM stores a principal's
    // unique id and shows it in place of the ARN once the user or role is deleted; a new one of the same
    // name gets a new id. So the id is a grant that most likely matches nobody any more, and one that
    // breaks when the principal is recreated if it still exists.
    static void report_unique_id(const PolicyDocument& document, const Entry& value, FindingSink& sink) {
        const bool role = value.text.starts_with("AROA");
        const std::string what = role ? "role" : "user";
        sink.report(Severity::Low, narrow_place(document, value, 0, 0),
                    in_quotes(value.text) + " (AWS) is the unique id of an IAM " + what +
                        ", which IAM writes in " + "place of the ARN when the " + what +
                        " is deleted: the grant most likely matches nobody, " + "and a " + what +
                        " recreated with the same name does not get it",
                    "remove the principal, or name the " + what +
                        " by its ARN (arn:aws:iam::ACCOUNT:" + what + "/NAME)");
    }

    static void report_type(const PrincipalEntry& principal, FindingSink& sink) {
        auto same_but_case = std::find_if(kTypes.begin(), kTypes.end(), [&](std::string_view type) {
            return iequals(type, principal.type);
        });
        std::string_view suggestion =
            same_but_case != kTypes.end() ? *same_but_case : closest_name(principal.type, kTypes);
        sink.report(
            principal.value.place,
            in_quotes(principal.type) + " is not a principal type: AWS, Service, Federated or CanonicalUser",
            suggestion.empty() ? std::string("use one of AWS, Service, Federated, CanonicalUser")
                               : "write " + in_quotes(suggestion));
    }
};

}  // namespace

const Rule& invalid_principal() {
    static const InvalidPrincipal rule;
    return rule;
}

}  // namespace iamlint::rules
