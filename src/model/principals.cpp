#include "iamlint/principals.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <string>

#include "iamlint/arn.hpp"
#include "iamlint/ascii.hpp"
#include "iamlint/wildcards.hpp"

namespace iamlint {

namespace {

// The providers IAM federates by name rather than by a provider ARN. Cognito is an OIDC provider with
// its own condition keys (cognito-identity.amazonaws.com:aud ...); the others are the legacy web
// identity providers.
constexpr std::array<std::string_view, 2> kCognito = {"cognito-identity.amazonaws.com",
                                                      "cognito-identity.amazonaws.com.cn"};
constexpr std::array<std::string_view, 3> kWebIdentity = {"www.amazon.com", "graph.facebook.com",
                                                          "accounts.google.com"};

bool is_unique_id(std::string_view text) {
    return text.size() >= 16 && text.size() <= 32 && (text.starts_with("AIDA") || text.starts_with("AROA")) &&
           std::all_of(text.begin(), text.end(),
                       [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); });
}

bool is_canonical_user(std::string_view text) {
    return text.size() == 64 && std::all_of(text.begin(), text.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
           });
}

// "role/PATH/NAME" -> "PATH/NAME" when the resource is of that kind and names something.
std::string_view named(std::string_view resource, std::string_view kind) {
    if (resource.size() <= kind.size() + 1 || !resource.starts_with(kind) || resource[kind.size()] != '/')
        return {};
    return resource.substr(kind.size() + 1);
}

// "${ACCOUNT_ID}", "${AWS::AccountId}": a value a template fills in before the policy reaches IAM (IAM's
// own variables name a key, "${aws:username}", and cannot stand for an account).
bool is_template_placeholder(std::string_view text) {
    if (!text.starts_with("${") || !text.ends_with("}") || text.size() < 4) return false;
    const std::string_view name = text.substr(2, text.size() - 3);
    if (name.find_first_of("${} ") != std::string_view::npos) return false;
    return name.find(':') == std::string_view::npos || name.starts_with("AWS::");
}

PrincipalInfo classify_aws(std::string_view value) {
    if (value == "*") return {PrincipalClass::Everyone, {}, {}};
    if (is_account_id(value)) return {PrincipalClass::Account, value, {}};
    if (is_unique_id(value)) return {PrincipalClass::UniqueId, {}, value};
    auto arn = split_arn(value);
    if (!arn) return {};
    if (arn->service == "iam" && arn->account == "cloudfront" && arn->region.empty() &&
        arn->resource.starts_with("user/CloudFront Origin Access Identity ")) {
        return {PrincipalClass::CloudFrontOai, {}, named(arn->resource, "user")};
    }
    // The root of an account a template names by a placeholder is still a whole account.
    if (arn->service == "iam" && arn->region.empty() && arn->resource == "root" &&
        is_template_placeholder(arn->account)) {
        return {PrincipalClass::AccountRoot, arn->account, {}};
    }
    if (!arn->region.empty() || !is_account_id(arn->account)) return {};
    const std::string_view account = arn->account;
    if (arn->service == "sts") {
        if (auto session = named(arn->resource, "assumed-role"); session.find('/') != std::string_view::npos)
            return {PrincipalClass::AssumedRole, account, session};
        if (auto user = named(arn->resource, "federated-user"); !user.empty())
            return {PrincipalClass::FederatedUser, account, user};
        return {};
    }
    if (arn->service != "iam") return {};
    if (arn->resource == "root") return {PrincipalClass::AccountRoot, account, {}};
    if (auto user = named(arn->resource, "user"); !user.empty())
        return {PrincipalClass::IamUser, account, user};
    if (auto role = named(arn->resource, "role"); !role.empty())
        return {PrincipalClass::IamRole, account, role};
    return {};
}

PrincipalInfo classify_federated(std::string_view value) {
    for (std::string_view host : kCognito) {
        if (iequals(value, host)) return {PrincipalClass::OidcProvider, {}, value};
    }
    for (std::string_view host : kWebIdentity) {
        if (iequals(value, host)) return {PrincipalClass::WebIdentity, {}, value};
    }
    if (auto arn = split_arn(value)) {
        if (arn->service != "iam" || !arn->region.empty() || !is_account_id(arn->account)) return {};
        if (auto host = named(arn->resource, "oidc-provider"); !host.empty())
            return {PrincipalClass::OidcProvider, arn->account, host};
        if (auto name = named(arn->resource, "saml-provider"); !name.empty())
            return {PrincipalClass::SamlProvider, arn->account, name};
        return {};
    }
    // A bare OIDC host ("token.actions.githubusercontent.com"): IAM wants the provider's ARN
    // (invalid-principal says so), but what it means is plain, and its conditions are judged as written.
    bool host =
        value.find('.') != std::string_view::npos && std::all_of(value.begin(), value.end(), [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                   c == '.' || c == '/';
        });
    return host ? PrincipalInfo{PrincipalClass::OidcProvider, {}, value} : PrincipalInfo{};
}

// How CloudFormation's readable forms (cloudformation_intrinsics.hpp) write the deploying account and
// partition: `!Ref AWS::AccountId` is "${AWS::AccountId}".
constexpr std::string_view kOwnAccount = "${AWS::AccountId}";
constexpr std::string_view kOwnPartition = "${AWS::Partition}";

// A computed AWS principal whose only unknowns are the deploying account and partition, classified as
// the literal it becomes; nullopt for any other computed value.
std::optional<PrincipalInfo> classify_own_account(std::string_view value) {
    if (value == kOwnAccount) return PrincipalInfo{PrincipalClass::Account, {}, {}, true};
    auto arn = split_arn(value);
    if (!arn || arn->account != kOwnAccount) return std::nullopt;
    if (arn->partition != kOwnPartition && arn->partition.find("${") != std::string_view::npos)
        return std::nullopt;
    // The rest must be literal: "role/${RoleName}" is some role of the account, but which one is not
    // known, and "${Other}" in the service or region is no principal we can name.
    for (std::string_view part : {arn->service, arn->region, arn->resource}) {
        if (part.find("${") != std::string_view::npos) return std::nullopt;
    }
    // Classified with a stand-in account id, then the account is cleared: the views must not point
    // at the stand-in, and the number is not known anyway.
    std::string literal = "arn:aws:" + std::string(arn->service) + ":" + std::string(arn->region) +
                          ":000000000000:" + std::string(arn->resource);
    PrincipalInfo info = classify_aws(literal);
    if (info.kind == PrincipalClass::Unrecognized) return std::nullopt;
    // `name` pointed into the stand-in: point it at the same text of the value.
    if (!info.name.empty()) {
        const auto at = value.rfind(info.name);
        info.name = at == std::string_view::npos ? std::string_view{} : value.substr(at, info.name.size());
    }
    info.account = {};
    info.own_account = true;
    return info;
}

}  // namespace

std::string_view to_string(PrincipalClass kind) {
    switch (kind) {
        case PrincipalClass::Everyone:
            return "everyone";
        case PrincipalClass::Account:
            return "account";
        case PrincipalClass::AccountRoot:
            return "account root";
        case PrincipalClass::IamUser:
            return "IAM user";
        case PrincipalClass::IamRole:
            return "IAM role";
        case PrincipalClass::AssumedRole:
            return "role session";
        case PrincipalClass::FederatedUser:
            return "federated user session";
        case PrincipalClass::UniqueId:
            return "unique id of a deleted user or role";
        case PrincipalClass::CloudFrontOai:
            return "CloudFront origin access identity";
        case PrincipalClass::Service:
            return "service principal";
        case PrincipalClass::OidcProvider:
            return "OIDC provider";
        case PrincipalClass::SamlProvider:
            return "SAML provider";
        case PrincipalClass::WebIdentity:
            return "web identity provider";
        case PrincipalClass::CanonicalUser:
            return "canonical user";
        case PrincipalClass::Computed:
            return "value known at deployment";
        case PrincipalClass::Unrecognized:
            return "unrecognized principal";
    }
    return "unrecognized principal";
}

PrincipalInfo classify_principal(std::string_view type, std::string_view value) {
    // Wildcards other than "*" alone and policy variables are not patterns in principals: IAM116's.
    if (value.empty()) return {};
    if (value.find("${") != std::string_view::npos) {
        // Only the root of an account a template fills in ("arn:aws:iam::${ACCOUNT_ID}:root") is known.
        if (type == "AWS") {
            if (PrincipalInfo info = classify_aws(value); info.kind == PrincipalClass::AccountRoot)
                return info;
        }
        return {};
    }
    if (value != "*" && find_wildcard(value) != std::string_view::npos) return {};
    if (type == "*") return value == "*" ? PrincipalInfo{PrincipalClass::Everyone, {}, {}} : PrincipalInfo{};
    if (type == "AWS") return classify_aws(value);
    if (value == "*") return {};
    if (type == "Service") {
        if (value.starts_with("arn:") || is_account_id(value)) return {};
        return {PrincipalClass::Service, {}, value};
    }
    if (type == "Federated") return classify_federated(value);
    if (type == "CanonicalUser" && is_canonical_user(value)) return {PrincipalClass::CanonicalUser, {}, {}};
    return {};
}

PrincipalInfo classify_principal(const PrincipalEntry& principal) {
    if (principal.value.computed) {
        if (principal.type == "AWS" && principal.value.json_type == JsonType::String) {
            if (auto own = classify_own_account(principal.value.text)) return *own;
        }
        return {PrincipalClass::Computed, {}, {}};
    }
    if (principal.value.json_type != JsonType::String) return {};
    return classify_principal(principal.type, principal.value.text);
}

bool names_whole_account(const PrincipalEntry& principal) {
    if (principal.type != "AWS") return false;
    const PrincipalClass kind = classify_principal(principal).kind;
    return kind == PrincipalClass::Account || kind == PrincipalClass::AccountRoot;
}

bool is_everyone(const PrincipalEntry& principal) {
    return !principal.value.computed && principal.value.json_type == JsonType::String &&
           principal.value.text == "*" && (principal.type == "*" || principal.type == "AWS");
}

}  // namespace iamlint
