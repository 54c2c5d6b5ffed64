// detect_policy_kind's order of evidence (docs/policy-kinds.md), one case per step and the cases
// that sit between two steps.
#include <catch2/catch.hpp>

#include "iamlint/loader.hpp"

using namespace iamlint;

namespace {
PolicyKind kind_of(const std::string& statements) {
    auto loaded = load_file("policy.json", R"({"Version":"2012-10-17","Statement":)" + statements + "}", {});
    REQUIRE(loaded.documents.size() == 1);
    CHECK_FALSE(loaded.documents.front().kind_forced);
    return loaded.documents.front().kind;
}
}  // namespace

TEST_CASE("kind detection: no principal anywhere is an identity policy", "[model][kinds]") {
    CHECK(kind_of(R"([])") == PolicyKind::Identity);
    CHECK(kind_of(R"({"Effect":"Deny","NotAction":"iam:*","Resource":"*"})") == PolicyKind::Identity);
    // An SCP, a boundary or a session policy reads the same: the text cannot tell them apart.
    CHECK(kind_of(R"([{"Effect":"Deny","Action":"organizations:LeaveOrganization","Resource":"*"}])") ==
          PolicyKind::Identity);
    // A misspelt key is not a principal.
    CHECK(kind_of(R"([{"Effect":"Allow","principal":"*","Action":"sts:AssumeRole"}])") ==
          PolicyKind::Identity);
}

TEST_CASE("kind detection: a principal with a Resource is a resource policy", "[model][kinds]") {
    // An RCP (or resource policy) on role assumption names a Resource; a trust policy never does.
    CHECK(kind_of(R"([{"Effect":"Deny","Principal":"*","Action":"sts:AssumeRole",
                       "Resource":"arn:aws:iam::111122223333:role/x",
                       "Condition":{"StringNotEqualsIfExists":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}}])") ==
          PolicyKind::Resource);
    // On "Resource": "*" it has an RCP's shape (organization_policy_shape), and is judged as one.
    CHECK(kind_of(R"([{"Effect":"Deny","Principal":"*","Action":"sts:AssumeRole","Resource":"*",
                       "Condition":{"StringNotEqualsIfExists":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}}])") ==
          PolicyKind::Rcp);
    CHECK(
        kind_of(R"([{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"},
                      {"Effect":"Deny","NotPrincipal":{"AWS":"111122223333"},"Action":"sts:AssumeRole",
                       "NotResource":"arn:aws:iam::111122223333:role/x"}])") == PolicyKind::Resource);
    // A Resource in a statement without a principal is not evidence.
    CHECK(
        kind_of(R"([{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"},
                      {"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}])") == PolicyKind::Trust);
}

TEST_CASE("kind detection: principals that only assume a role make a trust policy", "[model][kinds]") {
    CHECK(
        kind_of(R"({"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111122223333:saml-provider/corp"},
                      "Action":["sts:AssumeRoleWithSAML","sts:TagSession"],
                      "Condition":{"StringEquals":{"SAML:aud":"https://signin.aws.amazon.com/saml"}}})") ==
        PolicyKind::Trust);
    CHECK(kind_of(R"([{"Effect":"Allow","Principal":{"Federated":"cognito-identity.amazonaws.com"},
                       "Action":"sts:AssumeRoleWithWebIdentity"},
                      {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:root"},
                       "Action":["STS:assumerole*","sts:SetSourceIdentity","sts:SetContext"]}])") ==
          PolicyKind::Trust);
    // NotPrincipal cannot stand in a trust policy, but with only role assumption it still is one
    // (IAM010 then reports the NotPrincipal).
    CHECK(kind_of(R"([{"Effect":"Deny","NotPrincipal":{"AWS":"444455556666"},"Action":"sts:AssumeRole"}])") ==
          PolicyKind::Trust);
}

TEST_CASE("kind detection: any other principal makes a resource policy", "[model][kinds]") {
    // An ECR repository policy: no Resource, not a role assumption.
    CHECK(
        kind_of(R"([{"Effect":"Allow","Principal":{"AWS":"444455556666"},"Action":"ecr:BatchGetImage"}])") ==
        PolicyKind::Resource);
    CHECK(kind_of(R"([{"Effect":"Allow","Principal":"*","Action":"sts:*"}])") == PolicyKind::Resource);
    CHECK(kind_of(R"([{"Effect":"Allow","Principal":"*","NotAction":"sts:AssumeRole"}])") ==
          PolicyKind::Resource);
    CHECK(kind_of(R"([{"Effect":"Allow","Principal":"*"}])") == PolicyKind::Resource);
    CHECK(
        kind_of(R"([{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"},
                      {"Effect":"Allow","Principal":"*","Action":"sts:GetCallerIdentity"}])") ==
        PolicyKind::Resource);
}

TEST_CASE("kind names round-trip, and --policy-kind wins over detection", "[model][kinds]") {
    for (auto kind : {PolicyKind::Identity, PolicyKind::Resource, PolicyKind::Trust, PolicyKind::Scp,
                      PolicyKind::Rcp, PolicyKind::PermissionsBoundary, PolicyKind::Session}) {
        CHECK(parse_policy_kind(to_string(kind)) == kind);
    }
    CHECK(parse_policy_kind("BOUNDARY") == PolicyKind::PermissionsBoundary);
    LoadOptions options;
    options.forced_kind = PolicyKind::Rcp;
    auto loaded = load_file(
        "policy.json",
        R"({"Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]})",
        options);
    CHECK(loaded.documents.front().kind == PolicyKind::Rcp);
    CHECK(loaded.documents.front().kind_forced);
}

TEST_CASE("kind named by the path: the file's name and its two nearest folders", "[model][kinds]") {
    auto named = [](std::string_view path) {
        auto kind = kind_named_by_path(path);
        return kind ? std::pair(kind->kind, kind->name) : std::pair(PolicyKind::Unknown, std::string());
    };
    CHECK(named("reference-artifacts/SCPs/FullAWSAccess.json") ==
          std::pair(PolicyKind::Scp, std::string("SCPs")));
    CHECK(named("configs/service-control-policies/allow-ec2-only.json").first == PolicyKind::Scp);
    CHECK(named("deny-regions-scp.json").first == PolicyKind::Scp);
    CHECK(named("org/denyScp.json").first == PolicyKind::Scp);
    CHECK(named("rcp-examples/Limit-access/Shared-Issuers.json").first == PolicyKind::Rcp);
    CHECK(named("resource-control-policies/x.json").first == PolicyKind::Rcp);
    CHECK(named("vpc-endpoint-policies/ec2.json").first == PolicyKind::VpcEndpoint);
    CHECK(named("vpce/s3.json").first == PolicyKind::VpcEndpoint);
    CHECK(named("permissions-boundaries/dev.json").first == PolicyKind::PermissionsBoundary);
    CHECK(named("iam-policies\\boundary-policy.json") ==
          std::pair(PolicyKind::PermissionsBoundary, std::string("boundary-policy")));
    // The nearest name decides.
    CHECK(named("scps/boundaries/x.json").first == PolicyKind::PermissionsBoundary);
    // A name that says two kinds says none; a kind's letters inside another word are not its name.
    CHECK(named("scp-and-rcp/x.json").first == PolicyKind::Unknown);
    CHECK(named("escape/descriptions/rcpt.json").first == PolicyKind::Unknown);
    // Folders above the two nearest name the project or the checkout, not what the file holds.
    CHECK(named("home/scp-tools/repo/policies/admin.json").first == PolicyKind::Unknown);
    CHECK(named("policies/admin.json").first == PolicyKind::Unknown);
}

TEST_CASE("kind named by the path: believed only when the policy can be of that kind", "[model][kinds]") {
    const std::string allow_all = R"({"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]})";
    auto scp = load_file("org/SCPs/FullAWSAccess.json", allow_all, {});
    REQUIRE(scp.documents.size() == 1);
    CHECK(scp.documents[0].kind == PolicyKind::Scp);
    CHECK(scp.documents[0].kind_inferred);
    CHECK(scp.documents[0].kind_named_by == "SCPs");
    // An SCP never names a principal: this one is a resource policy whatever its folder says.
    auto bucket = load_file(
        "org/SCPs/bucket.json",
        R"({"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]})",
        {});
    CHECK(bucket.documents[0].kind == PolicyKind::Resource);
    CHECK_FALSE(bucket.documents[0].kind_inferred);
    // An endpoint policy names a principal in every statement.
    auto endpoint = load_file("vpc-endpoint-policies/ec2.json", allow_all, {});
    CHECK(endpoint.documents[0].kind == PolicyKind::Identity);
    // --policy-kind wins over the path.
    LoadOptions options;
    options.forced_kind = PolicyKind::Identity;
    auto forced = load_file("org/SCPs/FullAWSAccess.json", allow_all, options);
    CHECK(forced.documents[0].kind == PolicyKind::Identity);
    CHECK_FALSE(forced.documents[0].kind_inferred);
}
