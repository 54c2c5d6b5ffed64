// Principal sets beyond dumps: the policies of a CloudFormation template that apply to one role, user
// or group, judged together by IAM301; and a dump's managed policy used only as a permissions boundary,
// which grants nothing.
#include <algorithm>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "iamlint/engine.hpp"
#include "iamlint/loader.hpp"
#include "test_support.hpp"

using namespace iamlint;

namespace {

struct Run {
    LoadedFile loaded;
    std::vector<Finding> single;  // per document
    std::vector<Finding> across;  // per principal set
};

Run run(std::string name, std::string text, std::vector<const Rule*> rules) {
    Run result{load_file(std::move(name), std::move(text), {}), {}, {}};
    const Engine engine(std::move(rules), Catalog::builtin());
    for (const auto& document : result.loaded.documents) engine.analyze(document, result.single);
    for (const auto& set : result.loaded.principal_sets)
        engine.analyze_principal(set, result.loaded.documents, result.across);
    return result;
}

const PrincipalPolicySet* set_named(const LoadedFile& loaded, std::string_view name) {
    auto it = std::find_if(loaded.principal_sets.begin(), loaded.principal_sets.end(),
                           [&](const PrincipalPolicySet& set) { return set.name == name; });
    return it == loaded.principal_sets.end() ? nullptr : &*it;
}

bool has_message_starting(const std::vector<Finding>& findings, std::string_view start) {
    return std::any_of(findings.begin(), findings.end(),
                       [&](const Finding& f) { return f.message.starts_with(start); });
}

}  // namespace

TEST_CASE("CloudFormation: a role's inline policies are one principal set", "[principals][cloudformation]") {
    const auto result = run("template.json", R"({
  "Resources": {
    "Deployer": {
      "Type": "AWS::IAM::Role",
      "Properties": {
        "AssumeRolePolicyDocument": {"Statement": [{"Effect": "Allow",
          "Principal": {"Service": "codebuild.amazonaws.com"}, "Action": "sts:AssumeRole"}]},
        "Policies": [
          {"PolicyName": "pass", "PolicyDocument": {"Statement": [
            {"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"}]}},
          {"PolicyName": "lambda", "PolicyDocument": {"Statement": [
            {"Effect": "Allow", "Action": ["lambda:CreateFunction", "lambda:InvokeFunction"], "Resource": "*"}]}}
        ]
      }
    }
  }
})",
                            {find_rule("IAM301")});
    REQUIRE(result.loaded.format == InputFormat::CloudFormation);
    const PrincipalPolicySet* role = set_named(result.loaded, "Deployer");
    REQUIRE(role != nullptr);
    CHECK(role->type == PrincipalType::Role);
    CHECK(role->documents.size() == 2);
    CHECK(role->trust_policy.has_value());
    CHECK(result.single.empty());  // neither policy escalates alone
    CHECK(has_message_starting(result.across,
                               "role Deployer, across 2 policies: iam:PassRole + lambda:CreateFunction"));
}

TEST_CASE("CloudFormation: AWS::IAM::Policy and ManagedPolicy attach through Ref, GetAtt and names",
          "[principals][cloudformation]") {
    const auto result = run("template.yaml", R"(AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Worker:
    Type: AWS::IAM::Role
    Properties:
      RoleName: worker
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: {Service: ec2.amazonaws.com}
            Action: sts:AssumeRole
      ManagedPolicyArns:
        - !Ref RunInstances
        - arn:aws:iam::aws:policy/ReadOnlyAccess
      PermissionsBoundary: !GetAtt Boundary.PolicyArn
  PassAnyRole:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: pass
      Roles: [!Ref Worker]
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action: iam:PassRole
            Resource: "*"
  RunInstances:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action: ec2:RunInstances
            Resource: "*"
  ByName:
    Type: AWS::IAM::RolePolicy
    Properties:
      RoleName: worker
      PolicyName: logs
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action: logs:PutLogEvents
            Resource: "*"
  Boundary:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action: "*"
            Resource: "*"
)",
                            {find_rule("IAM301"), find_rule("IAM201")});
    REQUIRE(result.loaded.format == InputFormat::CloudFormation);
    const PrincipalPolicySet* role = set_named(result.loaded, "Worker");
    REQUIRE(role != nullptr);
    CHECK(role->documents.size() == 3);  // PassAnyRole, RunInstances, ByName
    REQUIRE(role->permissions_boundary.has_value());
    const PolicyDocument& boundary = result.loaded.documents[*role->permissions_boundary];
    CHECK(boundary.origin.starts_with("Boundary "));
    // Used only as a boundary: it caps the role and grants nothing, so "*" there is no finding.
    CHECK(boundary.kind == PolicyKind::PermissionsBoundary);
    CHECK(result.single.empty());
    // The boundary allows everything: the path across PassAnyRole and RunInstances stays.
    CHECK(has_message_starting(result.across,
                               "role Worker, across 3 policies: iam:PassRole + ec2:RunInstances"));
}

TEST_CASE("CloudFormation: a boundary that forbids a step removes the path", "[principals][cloudformation]") {
    const auto result = run("template.json", R"({
  "Resources": {
    "Worker": {"Type": "AWS::IAM::Role", "Properties": {
      "AssumeRolePolicyDocument": {"Statement": [{"Effect": "Allow",
        "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]},
      "PermissionsBoundary": {"Ref": "Boundary"},
      "Policies": [
        {"PolicyName": "a", "PolicyDocument": {"Statement": [{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"}]}},
        {"PolicyName": "b", "PolicyDocument": {"Statement": [{"Effect": "Allow", "Action": "ec2:RunInstances", "Resource": "*"}]}}
      ]}},
    "Boundary": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {"PolicyDocument": {"Statement": [
      {"Effect": "Allow", "Action": ["ec2:*", "s3:*"], "Resource": "*"}]}}}
  }
})",
                            {find_rule("IAM301")});
    const PrincipalPolicySet* role = set_named(result.loaded, "Worker");
    REQUIRE(role != nullptr);
    CHECK(role->permissions_boundary.has_value());
    CHECK(result.across.empty());
}

TEST_CASE("CloudFormation: a boundary policy that also attaches to a role outside the template grants",
          "[principals][cloudformation]") {
    const auto result = run("template.json", R"({
  "Resources": {
    "Worker": {"Type": "AWS::IAM::Role", "Properties": {
      "AssumeRolePolicyDocument": {"Statement": [{"Effect": "Allow",
        "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]},
      "PermissionsBoundary": {"Ref": "Shared"}}},
    "Shared": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {"Roles": ["legacy-admin"],
      "PolicyDocument": {"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}}}
  }
})",
                            {find_rule("IAM201")});
    REQUIRE(result.loaded.documents.size() == 2);
    CHECK(result.loaded.documents[1].kind == PolicyKind::Identity);
    CHECK(result.single.size() == 1);
}

TEST_CASE("CloudFormation: a user takes its groups' policies", "[principals][cloudformation]") {
    const auto result = run("template.json", R"({
  "Resources": {
    "Admins": {"Type": "AWS::IAM::Group", "Properties": {"GroupName": "admins", "Policies": [
      {"PolicyName": "g", "PolicyDocument": {"Statement": [{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"}]}}]}},
    "Alice": {"Type": "AWS::IAM::User", "Properties": {"Groups": ["admins"], "Policies": [
      {"PolicyName": "u", "PolicyDocument": {"Statement": [{"Effect": "Allow", "Action": "ec2:RunInstances", "Resource": "*"}]}}]}}
  }
})",
                            {find_rule("IAM301")});
    const PrincipalPolicySet* user = set_named(result.loaded, "Alice");
    REQUIRE(user != nullptr);
    CHECK(user->documents.size() == 2);
    CHECK(has_message_starting(result.across,
                               "user Alice, across 2 policies: iam:PassRole + ec2:RunInstances"));
}

TEST_CASE("authorization details: a policy used only as a permissions boundary grants nothing",
          "[principals][dump]") {
    const auto result = run("account.json", R"({
  "UserDetailList": [],
  "GroupDetailList": [],
  "RoleDetailList": [{
    "RoleName": "app", "Arn": "arn:aws:iam::111122223333:role/app",
    "AssumeRolePolicyDocument": {"Statement": [{"Effect": "Allow",
      "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]},
    "RolePolicyList": [],
    "AttachedManagedPolicies": [],
    "PermissionsBoundary": {"PermissionsBoundaryType": "Policy",
      "PermissionsBoundaryArn": "arn:aws:iam::111122223333:policy/cap"}
  }],
  "Policies": [
    {"PolicyName": "cap", "Arn": "arn:aws:iam::111122223333:policy/cap", "AttachmentCount": 0,
     "PermissionsBoundaryUsageCount": 1, "DefaultVersionId": "v1",
     "PolicyVersionList": [{"VersionId": "v1", "IsDefaultVersion": true,
       "Document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}}]},
    {"PolicyName": "both", "Arn": "arn:aws:iam::111122223333:policy/both", "AttachmentCount": 1,
     "PermissionsBoundaryUsageCount": 1, "DefaultVersionId": "v1",
     "PolicyVersionList": [{"VersionId": "v1", "IsDefaultVersion": true,
       "Document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}}]}
  ]
})",
                            {find_rule("IAM201"), find_rule("IAM301")});
    REQUIRE(result.loaded.format == InputFormat::AuthorizationDetails);
    for (const auto& document : result.loaded.documents) {
        if (document.origin.find("policy/cap") != std::string::npos)
            CHECK(document.kind == PolicyKind::PermissionsBoundary);
    }
    // "cap" grants nothing; "both" is attached to someone as well, so it is still judged.
    for (const auto& finding : result.single) {
        INFO(finding.message);
        CHECK(finding.origin.find("policy/cap") == std::string::npos);
    }
    CHECK(std::any_of(result.single.begin(), result.single.end(),
                      [](const Finding& f) { return f.origin.find("policy/both") != std::string::npos; }));
}

TEST_CASE("Terraform: inline_policy blocks, aws_iam_role_policy and attached aws_iam_policy of one role",
          "[principals][terraform]") {
    // aws_iam_role_policy names its role only through the configuration (the id is unknown at plan
    // time), and so does the attachment for the policy created in the same plan.
    const auto result =
        run("plan.json",
            test::read_text(test::source_dir() / "tests/fixtures/principals/terraform-role-split.json"),
            {find_rule("IAM301")});
    REQUIRE(result.loaded.format == InputFormat::TerraformPlan);
    const PrincipalPolicySet* role = set_named(result.loaded, "aws_iam_role.app");
    REQUIRE(role != nullptr);
    CHECK(role->documents.size() == 3);
    CHECK(set_named(result.loaded, "aws_iam_role.other") == nullptr);  // no identity policy
    CHECK(result.single.empty());
    CHECK(has_message_starting(result.across,
                               "role aws_iam_role.app, across 3 policies: iam:PassRole + "
                               "lambda:CreateFunction + lambda:InvokeFunction"));
}
