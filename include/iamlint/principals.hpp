// What a principal of a resource or trust policy is: everyone, an account, a user or role, a session,
// a service, an identity provider, and which account it belongs to. The trust rules (IAM401-IAM406)
// judge principals by this; whether a value is well formed is invalid-principal's (IAM116) question,
// and a value it rejects is Unrecognized here.
#pragma once

#include <cstdint>
#include <string_view>

#include "iamlint/model.hpp"

namespace iamlint {

enum class PrincipalClass : std::uint8_t {
    Everyone,       // "*", {"AWS": "*"}
    Account,        // "111122223333"
    AccountRoot,    // arn:aws:iam::111122223333:root
    IamUser,        // arn:aws:iam::111122223333:user/PATH/NAME
    IamRole,        // arn:aws:iam::111122223333:role/PATH/NAME
    AssumedRole,    // arn:aws:sts::111122223333:assumed-role/ROLE/SESSION
    FederatedUser,  // arn:aws:sts::111122223333:federated-user/NAME
    UniqueId,       // AIDA... / AROA...: a user or role that was deleted
    CloudFrontOai,  // arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity ID
    Service,        // {"Service": "lambda.amazonaws.com"}
    OidcProvider,   // arn:aws:iam::111122223333:oidc-provider/HOST, cognito-identity.amazonaws.com
    SamlProvider,   // arn:aws:iam::111122223333:saml-provider/NAME
    WebIdentity,    // www.amazon.com, graph.facebook.com, accounts.google.com
    CanonicalUser,  // 64 hex digits: an S3 canonical user
    Computed,       // known only at deployment (a CloudFormation intrinsic, a Terraform unknown), and
                    // not one of the own-account forms below
    Unrecognized,   // not a valid principal of its type, or with a policy variable
};

std::string_view to_string(PrincipalClass kind);  // "everyone", "account", "account root", ...

struct PrincipalInfo {
    PrincipalClass kind = PrincipalClass::Unrecognized;
    // The 12-digit account the principal belongs to; empty when it has none or it is not written out.
    std::string_view account;
    // OIDC providers: the host and path that prefix the provider's condition keys
    // ("token.actions.githubusercontent.com", "oidc.eks.us-east-1.amazonaws.com/id/ABC"). Services:
    // the service principal. Users and roles: the name with its path. Otherwise empty.
    std::string_view name;
    // The principal belongs to the account the policy is deployed in, written with CloudFormation's
    // pseudo parameter rather than a number: "${AWS::AccountId}" (an Account),
    // "arn:${AWS::Partition}:iam::${AWS::AccountId}:root" (an AccountRoot), or a user or role of it.
    // `account` is empty then: which 12 digits it will be is not known, but it is never another account.
    bool own_account = false;

    // A principal of one AWS account: an account, its root, a user, role or session of it.
    bool in_account() const { return !account.empty(); }
};

// Classifies one value of a principal type ("AWS", "Service", "Federated", "CanonicalUser", or "*" for
// the string form). The views point into `value`.
PrincipalInfo classify_principal(std::string_view type, std::string_view value);

// The same for a policy's entry. A computed value is classified like a literal one when its only unknown
// part is the deploying account (own_account), as the readable forms of `!Ref AWS::AccountId`,
// `!Sub "arn:${AWS::Partition}:iam::${AWS::AccountId}:root"` and CDK's Fn::Join of the same pieces
// read; any other computed value is Computed. Non-strings are Unrecognized.
PrincipalInfo classify_principal(const PrincipalEntry& principal);

// Whether the entry names one whole account (its id or its root), own account included: a resource
// policy statement for it delegates to that account's IAM policies, as the default KMS key policy does.
bool names_whole_account(const PrincipalEntry& principal);

// Whether the entry names everyone: "*" or {"AWS": "*"}.
bool is_everyone(const PrincipalEntry& principal);

}  // namespace iamlint
