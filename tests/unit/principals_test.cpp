// The principal model and the condition questions of the trust rules.
#include <catch2/catch.hpp>

#include "iamlint/loader.hpp"
#include "iamlint/principals.hpp"
#include "trust_support.hpp"

using namespace iamlint;

TEST_CASE("principals are classified with their account", "[principals]") {
    struct Case {
        const char* type;
        const char* value;
        PrincipalClass kind;
        const char* account;
        const char* name;
    };
    const Case cases[] = {
        {"*", "*", PrincipalClass::Everyone, "", ""},
        {"AWS", "*", PrincipalClass::Everyone, "", ""},
        {"AWS", "111122223333", PrincipalClass::Account, "111122223333", ""},
        {"AWS", "arn:aws:iam::111122223333:root", PrincipalClass::AccountRoot, "111122223333", ""},
        {"AWS", "arn:aws-cn:iam::111122223333:user/ops/alice", PrincipalClass::IamUser, "111122223333",
         "ops/alice"},
        {"AWS", "arn:aws:iam::111122223333:role/deploy", PrincipalClass::IamRole, "111122223333", "deploy"},
        {"AWS", "arn:aws:sts::111122223333:assumed-role/deploy/s1", PrincipalClass::AssumedRole,
         "111122223333", "deploy/s1"},
        {"AWS", "arn:aws:sts::111122223333:federated-user/bob", PrincipalClass::FederatedUser, "111122223333",
         "bob"},
        {"AWS", "AROA1234567890EXAMPLE", PrincipalClass::UniqueId, "", "AROA1234567890EXAMPLE"},
        {"AWS", "arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity E2QWRUHAPOMQZL",
         PrincipalClass::CloudFrontOai, "", "CloudFront Origin Access Identity E2QWRUHAPOMQZL"},
        {"Service", "lambda.amazonaws.com", PrincipalClass::Service, "", "lambda.amazonaws.com"},
        {"Federated", "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com",
         PrincipalClass::OidcProvider, "111122223333", "token.actions.githubusercontent.com"},
        {"Federated", "arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC",
         PrincipalClass::OidcProvider, "111122223333", "oidc.eks.us-east-1.amazonaws.com/id/ABC"},
        {"Federated", "token.actions.githubusercontent.com", PrincipalClass::OidcProvider, "",
         "token.actions.githubusercontent.com"},
        {"Federated", "cognito-identity.amazonaws.com", PrincipalClass::OidcProvider, "",
         "cognito-identity.amazonaws.com"},
        {"Federated", "arn:aws:iam::111122223333:saml-provider/Okta", PrincipalClass::SamlProvider,
         "111122223333", "Okta"},
        {"Federated", "accounts.google.com", PrincipalClass::WebIdentity, "", "accounts.google.com"},
        {"CanonicalUser", "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be",
         PrincipalClass::CanonicalUser, "", ""},
        // What invalid-principal rejects is not classified.
        {"AWS", "11112222333", PrincipalClass::Unrecognized, "", ""},
        {"AWS", "arn:aws:iam::111122223333:role/deploy-*", PrincipalClass::Unrecognized, "", ""},
        {"AWS", "arn:aws:iam::111122223333:group/admins", PrincipalClass::Unrecognized, "", ""},
        {"AWS", "arn:aws:iam:us-east-1:111122223333:root", PrincipalClass::Unrecognized, "", ""},
        // The root of an account a template fills in is a whole account; an IAM variable is no account.
        {"AWS", "arn:aws:iam::${AWS::AccountId}:root", PrincipalClass::AccountRoot, "${AWS::AccountId}", ""},
        {"AWS", "arn:aws:iam::${ACCOUNT_ID}:root", PrincipalClass::AccountRoot, "${ACCOUNT_ID}", ""},
        {"AWS", "arn:aws:iam::${aws:PrincipalAccount}:root", PrincipalClass::Unrecognized, "", ""},
        {"AWS", "arn:aws:iam::${ACCOUNT_ID}:role/deploy", PrincipalClass::Unrecognized, "", ""},
        {"Service", "*", PrincipalClass::Unrecognized, "", ""},
        {"Service", "arn:aws:iam::111122223333:root", PrincipalClass::Unrecognized, "", ""},
    };
    for (const auto& c : cases) {
        INFO(c.type << " " << c.value);
        const PrincipalInfo info = classify_principal(c.type, c.value);
        CHECK(info.kind == c.kind);
        CHECK(info.account == c.account);
        CHECK(info.name == c.name);
    }
}

namespace {

Statement first_statement(const std::string& text) {
    auto loaded = load_file("policy.json", text, {});
    REQUIRE(loaded.documents.size() == 1);
    REQUIRE_FALSE(loaded.documents[0].policy.statements.empty());
    return loaded.documents[0].policy.statements[0];
}

std::string with_condition(const std::string& condition) {
    return R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
               "Resource": "arn:aws:s3:::b/*", "Condition": )" +
           condition + "}]}";
}

}  // namespace

TEST_CASE("conditions that restrict a public principal", "[principals][conditions]") {
    const char* restricting[] = {
        R"({"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}})",
        R"({"StringEquals": {"AWS:SourceAccount": ["111122223333", "444455556666"]}})",
        R"({"ArnLike": {"aws:SourceArn": "arn:aws:cloudtrail:*:111122223333:trail/*"}})",
        R"({"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::111122223333:role/*"}})",
        R"({"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}})",
        R"({"ForAnyValue:StringLike": {"aws:PrincipalOrgPaths": "o-a1b2c3d4e5/*"}})",
        R"({"StringLike": {"aws:userid": "AROAEXAMPLEID:*"}})",
        R"({"StringEquals": {"kms:CallerAccount": "111122223333"}})",
    };
    for (const char* condition : restricting) {
        INFO(condition);
        CHECK(rules::restricting_condition(first_statement(with_condition(condition))) != nullptr);
    }
    const char* open[] = {
        R"({"StringLike": {"aws:PrincipalOrgID": "*"}})",
        R"({"StringLike": {"aws:PrincipalOrgID": "o-*"}})",
        R"({"StringNotEquals": {"aws:SourceAccount": "111122223333"}})",
        R"({"StringEqualsIfExists": {"aws:SourceVpce": "vpce-1a2b3c4d"}})",
        R"({"ForAllValues:StringEquals": {"aws:PrincipalOrgPaths": "o-a1b2c3d4e5/r-ab12/"}})",
        R"({"Null": {"aws:PrincipalOrgID": "false"}})",
        R"({"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/admin"}})",
        R"({"IpAddress": {"aws:SourceIp": "0.0.0.0/0"}})",
        R"({"StringEquals": {"aws:SourceAccount": "${aws:PrincipalAccount}"}})",
        R"({"StringEquals": {"aws:PrincipalTag/team": "data"}})",
        R"({"StringLike": {"aws:SourceAccount": ["111122223333", "*"]}})",
    };
    for (const char* condition : open) {
        INFO(condition);
        CHECK(rules::restricting_condition(first_statement(with_condition(condition))) == nullptr);
    }
}

TEST_CASE("IAM wildcard matching of actions", "[principals]") {
    CHECK(rules::wildcard_match("sts:AssumeRole*", "sts:AssumeRoleWithSAML"));
    CHECK(rules::wildcard_match("STS:assume?ole", "sts:AssumeRole"));
    CHECK(rules::wildcard_match("*", "sts:AssumeRole"));
    CHECK(rules::wildcard_match("s3:*", "s3:Get*"));
    CHECK_FALSE(rules::wildcard_match("sts:AssumeRoleWith*", "sts:AssumeRole"));
    CHECK_FALSE(rules::wildcard_match("s3:Get*", "s3:PutObject"));
}
