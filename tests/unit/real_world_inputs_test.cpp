// Inputs as real-world files write them (issue 11): whole-account principals built with intrinsics,
// CloudFormation placeholders in Fn::Sub policies, VPC endpoint policies, YAML the parser must take,
// and what a folder run reads as a policy. Each case has its flagged and its clean side.
#include <algorithm>
#include <deque>
#include <map>
#include <string>

#include <catch2/catch.hpp>

#include "iamlint/engine.hpp"
#include "iamlint/loader.hpp"
#include "iamlint/principals.hpp"
#include "iamlint/source.hpp"
#include "iamlint/yaml.hpp"
#include "test_support.hpp"

using namespace iamlint;

namespace {

// Rule id -> number of findings, with every rule enabled.
std::map<std::string, int> findings_of(const std::string& path, const std::string& text,
                                       const LoadOptions& options = {}) {
    static const Engine engine(select_rules({"all", {}, {}}), Catalog::builtin());
    LoadedFile loaded = load_file(path, text, options);
    std::map<std::string, int> counts;
    for (const auto& document : loaded.documents) {
        std::vector<Finding> findings;
        engine.analyze(document, findings);
        for (const auto& finding : findings) ++counts[finding.rule_id];
    }
    return counts;
}

// A KMS key whose policy gives the key's own account `action` (or NotAction) through `principal`.
std::string key_template(const std::string& principal, const std::string& action_line) {
    return "AWSTemplateFormatVersion: \"2010-09-09\"\n"
           "Resources:\n"
           "  Key:\n"
           "    Type: AWS::KMS::Key\n"
           "    Properties:\n"
           "      KeyPolicy:\n"
           "        Version: \"2012-10-17\"\n"
           "        Statement:\n"
           "          - Effect: Allow\n"
           "            Principal:\n"
           "              AWS: " +
           principal +
           "\n"
           "            " +
           action_line +
           "\n"
           "            Resource: \"*\"\n";
}

}  // namespace

TEST_CASE("own account: intrinsic forms of the account root are classified as the literal is",
          "[principals][inputs]") {
    // PrincipalInfo points into the entry's text: the entries outlive the checks.
    std::deque<PrincipalEntry> entries;
    auto classify = [&](const std::string& text) {
        entries.push_back(PrincipalEntry{"AWS", Entry{text, JsonType::String, {}, true}});
        return classify_principal(entries.back());
    };
    auto root = classify("arn:${AWS::Partition}:iam::${AWS::AccountId}:root");
    CHECK(root.kind == PrincipalClass::AccountRoot);
    CHECK(root.own_account);
    CHECK(root.account.empty());
    CHECK(classify("arn:aws:iam::${AWS::AccountId}:root").kind == PrincipalClass::AccountRoot);
    CHECK(classify("${AWS::AccountId}").kind == PrincipalClass::Account);
    auto role = classify("arn:${AWS::Partition}:iam::${AWS::AccountId}:role/deploy");
    CHECK(role.kind == PrincipalClass::IamRole);
    CHECK(role.name == "deploy");
    // Another account, or a role whose name is a parameter: not known, so not the account itself.
    CHECK(classify("arn:${AWS::Partition}:iam::${TrustedAccount}:root").kind == PrincipalClass::Computed);
    CHECK(classify("${TrustedAccount}").kind == PrincipalClass::Computed);
    CHECK(classify("arn:aws:iam::${AWS::AccountId}:role/${RoleName}").kind == PrincipalClass::Computed);
    CHECK(classify("${Role.Arn}").kind == PrincipalClass::Computed);
    // In a plain policy file "${AWS::AccountId}" is a placeholder some template fills in (Terraform's
    // templatefile, a deployment tool): the root of that account, whose ever it is. IAM013 reports the
    // placeholder itself.
    PrincipalEntry literal{"AWS", Entry{"arn:aws:iam::${AWS::AccountId}:root", JsonType::String, {}, false}};
    CHECK(classify_principal(literal).kind == PrincipalClass::AccountRoot);
    CHECK(names_whole_account(PrincipalEntry{"AWS", Entry{"${AWS::AccountId}", JsonType::String, {}, true}}));
    CHECK_FALSE(names_whole_account(
        PrincipalEntry{"AWS", Entry{"arn:aws:iam::${AWS::AccountId}:role/x", JsonType::String, {}, true}}));
}

TEST_CASE("own account: a key policy for the key's own account is not a broad grant, however written",
          "[inputs]") {
    const std::string forms[] = {
        "\"arn:aws:iam::111122223333:root\"",
        "\"111122223333\"",
        "!Sub \"arn:${AWS::Partition}:iam::${AWS::AccountId}:root\"",
        "!Sub arn:aws:iam::${AWS::AccountId}:root",
        "!Ref AWS::AccountId",
        "!Join [\"\", [\"arn:\", !Ref \"AWS::Partition\", \":iam::\", !Ref \"AWS::AccountId\", \":root\"]]",
        "{\"Fn::Join\": [\"\", [\"arn:\", {\"Ref\": \"AWS::Partition\"}, \":iam::\", {\"Ref\": "
        "\"AWS::AccountId\"}, \":root\"]]}",
        "!Sub [\"arn:${AWS::Partition}:iam::${Account}:root\", {Account: !Ref AWS::AccountId}]",
    };
    for (const auto& form : forms) {
        INFO(form);
        for (const std::string action :
             {"Action: \"kms:*\"", "Action: \"*\"", "NotAction: \"kms:Decrypt\""}) {
            INFO(action);
            auto found = findings_of("key.yaml", key_template(form, action));
            CHECK(found.count("IAM201") == 0);
            CHECK(found.count("IAM202") == 0);
            CHECK(found.count("IAM206") == 0);
            CHECK(found.count("IAM212") == 0);
            CHECK(found.count("IAM402") == 0);
        }
    }
    // Flagged: a principal that is not the whole account, or not known to be this account.
    for (const std::string other : {"!Sub \"arn:${AWS::Partition}:iam::${TrustedAccount}:root\"",
                                    "!GetAtt Role.Arn", "\"arn:aws:iam::111122223333:role/app\""}) {
        INFO(other);
        CHECK(findings_of("key.yaml", key_template(other, "Action: \"kms:*\"")).count("IAM202") == 1);
    }
}

TEST_CASE("Fn::Sub policy strings: placeholders are CloudFormation's, escapes and IAM variables IAM's",
          "[cloudformation][inputs]") {
    const std::string text = R"(AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Policy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument: !Sub |
        {
          "Version": "2012-10-17",
          "Statement": [{
            "Effect": "Allow",
            "Action": "ec2:CreateTags",
            "Resource": "arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:instance/*",
            "Condition": {
              "StringEquals": {"aws:RequestTag/kubernetes.io/cluster/${ClusterName}": "owned",
                               "ec2:ResourceTag/${TagKey}": "${aws:username}"}
            }
          }]
        }
)";
    CHECK(findings_of("sub.yaml", text).count("IAM013") == 0);

    // "${!Name}" is the literal "${Name}" IAM reads: a placeholder IAM does not know.
    std::string escaped = text;
    escaped.replace(escaped.find("${ClusterName}"), 14, "${!ClusterName}");
    CHECK(findings_of("sub.yaml", escaped).count("IAM013") == 1);
    std::string in_resource = text;
    // (A string that also holds a placeholder is computed as a whole: its value is not known.)
    const std::string resource = "arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:instance/*";
    in_resource.replace(in_resource.find(resource), resource.size(),
                        "arn:aws:ec2:us-east-1:111122223333:instance/${!Oops}");
    CHECK(findings_of("sub.yaml", in_resource).count("IAM013") == 1);

    // The map form replaces its variables first; escapes still stay escapes.
    const std::string map_form = R"({"Resources": {"P": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {
      "PolicyDocument": {"Fn::Sub": ["{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::${Bucket}/${!Literal}/*\", \"Condition\": {\"StringEquals\": {\"aws:ResourceTag/${Key}\": \"x\"}}}]}", {"Bucket": "my-bucket"}]}}}}})";
    auto loaded = load_file("map.json", map_form, {});
    REQUIRE(loaded.documents.size() == 1);
    const Statement& statement = loaded.documents[0].policy.statements.at(0);
    CHECK(statement.resources.entries.at(0).text == "arn:aws:s3:::my-bucket/${Literal}/*");
    CHECK_FALSE(statement.resources.entries.at(0).computed);
    CHECK(statement.conditions.at(0).key == "aws:ResourceTag/${Key}");
    CHECK(statement.conditions.at(0).key_computed);
    CHECK(findings_of("map.json", map_form).count("IAM013") == 1);  // ${Literal} in the Resource
}

TEST_CASE("YAML: a tagged or anchored plain scalar continued on the next line of a block sequence",
          "[yaml][inputs]") {
    auto parse = [](const std::string& text) { return parse_yaml(SourceFile("t.yaml", text)); };
    {
        const SourceFile source("t.yaml", "list:\n  - !Sub first line\n    second line\n  - plain\n");
        auto document = parse_yaml(source);
        REQUIRE_FALSE(document.error);
        const JsonValue& list = document.root.members()[0].value;
        REQUIRE(list.items().size() == 2);
        const JsonValue& sub = list.items()[0];
        REQUIRE(sub.is_object());
        CHECK(sub.members()[0].key == "Fn::Sub");
        CHECK(sub.members()[0].value.text == "first line second line");
        CHECK(source.range(sub.members()[0].value.range).line == 2);
        CHECK(source.range(sub.members()[0].value.range).end_line == 3);
        CHECK(list.items()[1].text == "plain");
    }
    {
        // Several continuation lines, CRLF, an anchor and a core tag, a nested sequence.
        auto document = parse(
            "a:\r\n- &x one\r\n  two\r\n  three\r\n- !!str four\r\n   five\r\n- - !Ref six\r\n    seven\r\n");
        REQUIRE_FALSE(document.error);
        const JsonValue& list = document.root.members()[0].value;
        REQUIRE(list.items().size() == 3);
        CHECK(list.items()[0].text == "one two three");
        CHECK(list.items()[1].text == "four five");
        CHECK(list.items()[2].items()[0].members()[0].value.text == "six seven");
    }
    {
        // A block scalar's lines are content, and a broken file keeps its first error.
        auto document = parse("a: |\n  - !Sub x\n    y\nb:\n  - !Sub p\n  q: r\n");
        CHECK(document.error);
    }
    // A template with one is analysed.
    const std::string text = R"(AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: {Service: lambda.amazonaws.com}
            Action: sts:AssumeRole
      Policies:
        - PolicyName: read
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: s3:GetObject
                Resource:
                  - !Sub arn:${AWS::Partition}:s3:::bucket-${AWS::AccountId}/prefix/${!aws:username}/*
                  - !Sub arn:${AWS::Partition}:s3:::bucket-${AWS::AccountId}/other/
                    ${!aws:username}/*
)";
    auto found = findings_of("role.yaml", text);
    CHECK(found.count("IAM001") == 0);
}

TEST_CASE("YAML: a tagged block scalar in a block sequence", "[yaml][inputs]") {
    auto parse = [](const std::string& text) { return parse_yaml(SourceFile("t.yaml", text)); };
    {
        const SourceFile source(
            "t.yaml",
            "args:\n  - !Sub >-\n    echo ${AWS::Region};\n    echo ${!HOME}\n  - !Sub |\n    x\n  - "
            "plain\n");
        auto document = parse_yaml(source);
        REQUIRE_FALSE(document.error);
        const JsonValue& list = document.root.members()[0].value;
        REQUIRE(list.items().size() == 3);
        const JsonValue& folded = list.items()[0];
        REQUIRE(folded.is_object());
        CHECK(folded.members()[0].key == "Fn::Sub");
        const SourceRange tag = source.range(folded.members()[0].key_range);
        CHECK(tag.line == 2);
        CHECK(tag.column == 5);
        CHECK(tag.end_column == 9);
        CHECK(folded.members()[0].value.text == "echo ${AWS::Region}; echo ${!HOME}");
        CHECK(list.items()[1].members()[0].key == "Fn::Sub");
        CHECK(list.items()[1].members()[0].value.text == "x\n");
        CHECK(list.items()[2].text == "plain");
    }
    {
        // Tags that are not CloudFormation's keep yaml-cpp's verdict, and so does an anchor.
        CHECK(parse("a:\n  - !Custom |\n    x\n").error);
        CHECK(parse("a:\n  - &x |\n    x\n").error);
    }
}

TEST_CASE("VPC endpoint policies: their own kind, from the container or --policy-kind", "[inputs][kinds]") {
    CHECK(parse_policy_kind("vpc-endpoint") == PolicyKind::VpcEndpoint);
    CHECK(to_string(PolicyKind::VpcEndpoint) == "vpc-endpoint");
    const std::string text = R"(AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Endpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      ServiceName: !Sub com.amazonaws.${AWS::Region}.s3
      VpcId: vpc-1
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: "*"
            Action: "*"
            Resource: "*"
)";
    auto loaded = load_file("endpoint.yaml", text, {});
    REQUIRE(loaded.documents.size() == 1);
    CHECK(loaded.documents[0].kind == PolicyKind::VpcEndpoint);
    auto found = findings_of("endpoint.yaml", text);
    CHECK(found.count("IAM201") == 0);
    CHECK(found.count("IAM401") == 0);
    // Read as a resource policy it is flagged: the kind is what silences it.
    CHECK(findings_of("endpoint.yaml", text, {PolicyKind::Resource}).count("IAM401") == 1);

    // The grammar still applies: an endpoint policy must name a principal.
    std::string no_principal = text;
    no_principal.erase(no_principal.find("            Principal: \"*\"\n"), 27);
    CHECK(findings_of("endpoint.yaml", no_principal).count("IAM010") == 1);

    const std::string plan =
        R"({"format_version": "1.2", "terraform_version": "1.9.0", "planned_values": {"root_module": {"resources": [
      {"address": "aws_vpc_endpoint.s3", "mode": "managed", "type": "aws_vpc_endpoint", "name": "s3",
       "values": {"policy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\"}]}"}},
      {"address": "aws_vpc_endpoint_policy.p", "mode": "managed", "type": "aws_vpc_endpoint_policy", "name": "p",
       "values": {"policy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":\"s3:*\",\"Resource\":\"*\"}]}"}}
    ]}}})";
    auto plan_loaded = load_file("plan.json", plan, {});
    REQUIRE(plan_loaded.format == InputFormat::TerraformPlan);
    REQUIRE(plan_loaded.documents.size() == 2);
    for (const auto& document : plan_loaded.documents) CHECK(document.kind == PolicyKind::VpcEndpoint);
    auto plan_found = findings_of("plan.json", plan);
    CHECK(plan_found.count("IAM201") == 0);
    CHECK(plan_found.count("IAM202") == 0);
    CHECK(plan_found.count("IAM401") == 0);
}

TEST_CASE("SCP and RCP shapes: never an AWS managed policy; a boundary only when its name says so",
          "[kinds][inputs][corpus]") {
    IAMLINT_NEEDS_CORPUS("aws-managed");
    std::size_t policies = 0;
    std::size_t boundaries = 0;
    for (const auto& file : test::files_in(test::corpus_dir() / "aws-managed")) {
        const std::string name = file.filename().string();
        auto loaded = load_file(name, test::read_text(file), {std::nullopt, InputFormat::Auto, false});
        for (const auto& document : loaded.documents) {
            INFO(name);
            // AWS publishes its boundaries under names that end in "PermissionsBoundary"; names with
            // "EndpointPolicy" or "Vpce" are service-role policies, not endpoint policies.
            const bool named_boundary = name.find("PermissionsBoundary") != std::string::npos;
            CHECK(document.kind_inferred == named_boundary);
            if (document.kind_inferred) {
                CHECK(document.kind == PolicyKind::PermissionsBoundary);
                ++boundaries;
            }
            ++policies;
        }
    }
    CHECK(policies >= 1541);
    CHECK(boundaries >= 10);
}

TEST_CASE("SCP and RCP shapes: inferred from the text of a bare policy only", "[kinds][inputs]") {
    const std::string scp = R"({"Version": "2012-10-17", "Statement": [
      {"Effect": "Allow", "Action": "*", "Resource": "*"},
      {"Effect": "Deny", "Action": "ec2:*", "Resource": "*",
       "Condition": {"StringNotEquals": {"aws:PrincipalOrgID": "o-1"}}}]})";
    auto loaded = load_file("scp.json", scp, {});
    REQUIRE(loaded.documents.size() == 1);
    CHECK(loaded.documents[0].kind == PolicyKind::Scp);
    CHECK(loaded.documents[0].kind_inferred);
    auto found = findings_of("scp.json", scp);
    CHECK(found["IAM016"] == 1);
    CHECK(found.count("IAM201") == 0);
    CHECK(found.count("IAM301") == 0);
    // Forced to identity, it is the administrator policy it then is.
    auto identity = findings_of("scp.json", scp, {PolicyKind::Identity});
    CHECK(identity.count("IAM016") == 0);
    CHECK(identity["IAM201"] == 1);
    // Administrator access with unconditioned Denies is an identity policy.
    const std::string admin = R"({"Version": "2012-10-17", "Statement": [
      {"Effect": "Allow", "Action": "*", "Resource": "*"},
      {"Effect": "Deny", "Action": "iam:*", "Resource": "*"}]})";
    CHECK(findings_of("admin.json", admin)["IAM201"] == 1);
    CHECK(findings_of("admin.json", admin).count("IAM016") == 0);
    // RCP: Deny to "*" on "*".
    const std::string rcp = R"({"Version": "2012-10-17", "Statement": [
      {"Effect": "Deny", "Principal": "*", "Action": ["s3:*", "kms:*"], "Resource": "*",
       "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]})";
    auto rcp_loaded = load_file("rcp.json", rcp, {});
    CHECK(rcp_loaded.documents.at(0).kind == PolicyKind::Rcp);
    // A bucket policy names its bucket: a resource policy.
    std::string bucket = rcp;
    bucket.replace(bucket.find("\"Resource\": \"*\""), 15, "\"Resource\": \"arn:aws:s3:::b/*\"");
    CHECK(load_file("bucket.json", bucket, {}).documents.at(0).kind == PolicyKind::Resource);
}

TEST_CASE("API policies that SAM and OpenAPI definitions hold are read", "[cloudformation][inputs]") {
    const std::string text = R"(AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      Auth:
        ResourcePolicy:
          AwsAccountWhitelist: ["111122223333"]
          CustomStatements:
            - Effect: Allow
              Principal: "*"
              Action: execute-api:Invoke
              Resource: execute-api:/*
      DefinitionBody:
        openapi: "3.0.1"
        x-amazon-apigateway-policy:
          Version: "2012-10-17"
          Statement:
            - Effect: Allow
              Principal: "*"
              Action: execute-api:Invoke
              Resource: "*"
  Rest:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Body:
        x-amazon-apigateway-policy:
          Version: "2012-10-17"
          Statement:
            - Effect: Allow
              Principal: {AWS: "arn:aws:iam::111122223333:root"}
              Action: execute-api:Invoke
              Resource: "*"
  Domain:
    Type: AWS::ApiGateway::DomainNameV2
    Properties:
      DomainName: api.example.com
      Policy:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: "*"
            Action: execute-api:Invoke
            Resource: "*"
)";
    auto loaded = load_file("api.yaml", text, {});
    std::vector<std::string> origins;
    for (const auto& document : loaded.documents) {
        origins.push_back(document.origin);
        CHECK(document.kind == PolicyKind::Resource);
    }
    CHECK(origins == std::vector<std::string>{
                         "Api (AWS::Serverless::Api) DefinitionBody.x-amazon-apigateway-policy",
                         "Api (AWS::Serverless::Api) Auth.ResourcePolicy.CustomStatements",
                         "Rest (AWS::ApiGateway::RestApi) Body.x-amazon-apigateway-policy",
                         "Domain (AWS::ApiGateway::DomainNameV2) Policy",
                     });
    const Statement& custom = loaded.documents.at(1).policy.statements.at(0);
    CHECK(custom.actions.entries.at(0).text == "execute-api:Invoke");
    CHECK(loaded.documents.at(1).location(custom.actions.entries.at(0).place).range.line == 14);
}

TEST_CASE("a JSON object that maps names to policies holds a policy per name", "[inputs]") {
    const std::string text = R"({
  "key-policy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"}]},
  "reader": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]},
  "comment": "not a policy"
})";
    auto loaded = load_file("policies.json", text, {std::nullopt, InputFormat::Auto, false});
    REQUIRE(loaded.recognized);
    REQUIRE(loaded.documents.size() == 2);
    CHECK(loaded.documents[0].origin == "key-policy");
    CHECK(loaded.documents[0].kind == PolicyKind::Resource);
    CHECK(loaded.documents[1].origin == "reader");
    CHECK(loaded.documents[1].kind == PolicyKind::Identity);
    CHECK(loaded.documents[1]
              .location(loaded.documents[1].policy.statements.at(0).actions.entries.at(0).place)
              .range.line == 3);
    // An object none of whose values is a policy is still no policy.
    CHECK_FALSE(load_file("x.json", R"({"a": {"b": 1}})", {}).recognized);
}

TEST_CASE("in a folder, only what looks like a policy is read as one", "[inputs]") {
    const LoadOptions in_folder{std::nullopt, InputFormat::Auto, false};
    for (const std::string text :
         {R"([{"ParameterKey": "Env", "ParameterValue": "prod"}])", R"([{"Records": []}])", R"("text")", "42",
          R"({"Version": "1.0.0", "Id": "app"})", "[]"}) {
        INFO(text);
        CHECK_FALSE(load_file("x.json", text, in_folder).recognized);
        // Named on the command line, it is a malformed policy for the grammar rules.
        CHECK(load_file("x.json", text, {}).recognized);
    }
    CHECK_FALSE(load_file("x.yaml", "- name: a\n  value: 1\n", in_folder).recognized);
    for (const std::string text :
         {R"({"Version": "2012-10-17", "Statement": []})", R"({"statement": []})",
          R"({"Effect": "Allow", "Action": "s3:*", "Resource": "*"})",
          R"([{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}])", R"({"Version": "2012-10-17"})"}) {
        INFO(text);
        CHECK(load_file("x.json", text, in_folder).recognized);
    }
}

TEST_CASE("a bare policy file with CloudFormation intrinsics: granted as resolved, grammar as written",
          "[inputs][cloudformation]") {
    // A key policy kept as a fragment that a template or a deployment tool pastes in: CloudFormation
    // resolves its intrinsics before IAM sees it.
    auto key_policy = [](const std::string& principal, const std::string& caller_account) {
        return R"({"Version": "2012-10-17", "Statement": [
  {"Sid": "ThroughEbs", "Effect": "Allow", "Principal": {"AWS": "*"},
   "Action": ["kms:Encrypt", "kms:Decrypt", "kms:CreateGrant"], "Resource": "*",
   "Condition": {"StringEquals": {"kms:CallerAccount": )" +
               caller_account + R"(, "kms:ViaService": {"Fn::Sub": "ec2.${AWS::Region}.amazonaws.com"}}}},
  {"Sid": "Account", "Effect": "Allow", "Principal": {"AWS": )" +
               principal + R"(}, "Action": "kms:*", "Resource": "*"}]})";
    };
    const std::string own_root = R"({"Fn::Sub": "arn:${AWS::Partition}:iam::${AWS::AccountId}:root"})";
    const std::string own_account = R"({"Ref": "AWS::AccountId"})";
    const std::string joined_root =
        R"({"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":iam::", {"Ref": "AWS::AccountId"}, ":root"]]})";
    for (const auto& principal : {own_root, own_account, joined_root}) {
        INFO(principal);
        auto loaded = load_file("key.json", key_policy(principal, own_account), {});
        REQUIRE(loaded.documents.size() == 1);
        const PolicyDocument& document = loaded.documents[0];
        CHECK(document.kind == PolicyKind::Resource);
        // The model holds the resolved values, at the place of the intrinsic that gives each.
        const auto& statement = document.policy.statements.at(1);
        REQUIRE(statement.principals.entries.size() == 1);
        CHECK(statement.principals.entries[0].value.computed);
        CHECK(document.location(statement.principals.entries[0].value.place).range.line == 5);
        // The document's root is still the file as written, for the grammar rules.
        REQUIRE(document.root != nullptr);
        CHECK(document.root == &document.syntax->root);
        auto found = findings_of("key.json", key_policy(principal, own_account));
        CHECK(found.count("IAM202") == 0);
        CHECK(found.count("IAM401") == 0);
        CHECK(found.count("IAM116") == 0);
        CHECK(found.count("IAM013") == 0);
        // As a policy on its own, IAM rejects objects where it expects strings: still reported.
        CHECK(found["IAM003"] == 3);
    }
    // Flagged: the root of another account.
    auto other = findings_of(
        "key.json",
        key_policy(R"({"Fn::Sub": "arn:${AWS::Partition}:iam::${TrustedAccount}:root"})", own_account));
    CHECK(other.count("IAM202") == 1);
    // The YAML short forms and a name -> policy map are read the same way.
    const std::string yaml = R"(Version: "2012-10-17"
Statement:
  - Effect: Allow
    Principal:
      AWS: !Sub "arn:${AWS::Partition}:iam::${AWS::AccountId}:root"
    Action: "kms:*"
    Resource: "*"
)";
    CHECK(findings_of("key.yaml", yaml).count("IAM202") == 0);
    const std::string map = R"({"key-policy": )" + key_policy(own_root, own_account) + "}";
    auto mapped = findings_of("keys.json", map);
    CHECK(mapped.count("IAM202") == 0);
    CHECK(mapped.count("IAM401") == 0);
    // CloudFormation substitutes only inside Fn::Sub: "${AWS::AccountId}" in a plain string stays a
    // placeholder that IAM013 reports.
    auto plain = findings_of(
        "key.json", key_policy(R"("arn:aws:iam::${AWS::AccountId}:root")", R"("${AWS::AccountId}")"));
    CHECK(plain.count("IAM013") == 1);
}

TEST_CASE("AWS IoT policies: their own kind, judged for what a device can be allowed", "[inputs][kinds]") {
    CHECK(parse_policy_kind("iot") == PolicyKind::Iot);
    CHECK(to_string(PolicyKind::Iot) == "iot");
    auto iot_template = [](const std::string& type, const std::string& actions) {
        return "AWSTemplateFormatVersion: \"2010-09-09\"\n"
               "Resources:\n"
               "  ThingPolicy:\n"
               "    Type: " +
               type +
               "\n"
               "    Properties:\n"
               "      PolicyDocument:\n"
               "        Version: \"2012-10-17\"\n"
               "        Statement:\n"
               "          - Effect: Allow\n"
               "            Action: " +
               actions +
               "\n"
               "            Resource: \"*\"\n";
    };
    auto loaded = load_file("iot.yaml", iot_template("AWS::IoT::Policy", "\"iot:*\""), {});
    REQUIRE(loaded.documents.size() == 1);
    CHECK(loaded.documents[0].kind == PolicyKind::Iot);

    // iot:* lets the device connect, publish and subscribe everywhere: still reported. Its control-plane
    // actions (iot:AttachPolicy, iot:CreateThing ...) are granted to nobody by an IoT policy.
    auto wildcard = findings_of("iot.yaml", iot_template("AWS::IoT::Policy", "\"iot:*\""));
    CHECK(wildcard.count("IAM202") == 1);
    CHECK(wildcard.count("IAM301") == 0);
    CHECK(wildcard.count("IAM302") == 0);
    CHECK(wildcard.count("IAM303") == 0);
    // The same statement in an IAM policy grants the control plane too (IAM302 keeps IAM202 among its
    // related locations).
    CHECK(findings_of("iam.yaml", iot_template("AWS::IAM::ManagedPolicy", "\"iot:*\"")).count("IAM302") == 1);

    // A device action on every topic is breadth; a control-plane action grants nothing.
    CHECK(findings_of("iot.yaml", iot_template("AWS::IoT::Policy", "\"iot:Publish\"")).count("IAM204") == 1);
    auto control =
        findings_of("iot.yaml", iot_template("AWS::IoT::Policy", "[iot:AttachPolicy, iam:PassRole]"));
    CHECK(control.count("IAM204") == 0);
    CHECK(control.count("IAM302") == 0);
    CHECK(control.count("IAM305") == 0);
    CHECK(findings_of("iot.yaml", iot_template("AWS::IoT::Policy", "\"s3:*\"")).count("IAM202") == 0);

    // "*" is every device action, not administrator access.
    static const Engine engine(select_rules({"all", {}, {}}), Catalog::builtin());
    auto star = load_file("iot.yaml", iot_template("AWS::IoT::Policy", "\"*\""), {});
    std::vector<Finding> star_findings;
    engine.analyze(star.documents.at(0), star_findings);
    auto iam201 = std::find_if(star_findings.begin(), star_findings.end(),
                               [](const Finding& f) { return f.rule_id == "IAM201"; });
    REQUIRE(iam201 != star_findings.end());
    CHECK(iam201->severity == Severity::High);

    // The grammar and the catalog still apply: a Principal is not allowed, a misspelt action is reported,
    // and the credentials provider's action, which IAM does not have, is not.
    CHECK(findings_of("iot.yaml", iot_template("AWS::IoT::Policy", "\"iot:Publishh\"")).count("IAM102") == 1);
    CHECK(findings_of("iot.yaml", iot_template("AWS::IoT::Policy", "\"iot:AssumeRoleWithCertificate\""))
              .count("IAM102") == 0);
    CHECK(
        findings_of("iam.yaml", iot_template("AWS::IAM::ManagedPolicy", "\"iot:AssumeRoleWithCertificate\""))
            .count("IAM102") == 1);
    // AWS IoT's own condition keys and policy variables are IoT's, not unknown to it.
    std::string attached = iot_template("AWS::IoT::Policy", "\"iot:Connect\"");
    attached.replace(attached.find("\"*\"\n"), 4,
                     "!Sub \"arn:${AWS::Partition}:iot:${AWS::Region}:${AWS::AccountId}:client/"
                     "${!iot:Connection.Thing.ThingName}\"\n"
                     "            Condition:\n"
                     "              Bool: {\"iot:Connection.Thing.IsAttached\": \"true\"}\n");
    auto attached_found = findings_of("iot.yaml", attached);
    CHECK(attached_found.count("IAM106") == 0);
    CHECK(attached_found.count("IAM013") == 0);
    CHECK(attached_found.count("IAM204") == 0);
    std::string iam_attached = attached;
    iam_attached.replace(iam_attached.find("AWS::IoT::Policy"), 16, "AWS::IAM::ManagedPolicy");
    CHECK(findings_of("iam.yaml", iam_attached).count("IAM106") == 1);
    std::string with_principal = iot_template("AWS::IoT::Policy", "\"iot:Connect\"");
    with_principal.insert(with_principal.find("            Action"), "            Principal: \"*\"\n");
    CHECK(findings_of("iot.yaml", with_principal).count("IAM010") == 1);

    // Terraform's aws_iot_policy is one too; --policy-kind iot says it of a bare file.
    const std::string plan =
        R"({"format_version": "1.2", "terraform_version": "1.9.0", "planned_values": {"root_module": {"resources": [
      {"address": "aws_iot_policy.device", "mode": "managed", "type": "aws_iot_policy", "name": "device",
       "values": {"name": "device", "policy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iot:*\",\"Resource\":\"*\"}]}"}}
    ]}}})";
    auto plan_loaded = load_file("plan.json", plan, {});
    REQUIRE(plan_loaded.documents.size() == 1);
    CHECK(plan_loaded.documents[0].kind == PolicyKind::Iot);
    auto plan_found = findings_of("plan.json", plan);
    CHECK(plan_found.count("IAM202") == 1);
    CHECK(plan_found.count("IAM302") == 0);
    const std::string bare =
        R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iot:*", "Resource": "*"}]})";
    CHECK(findings_of("device.json", bare).count("IAM302") == 1);
    CHECK(findings_of("device.json", bare, {PolicyKind::Iot}).count("IAM302") == 0);
}
