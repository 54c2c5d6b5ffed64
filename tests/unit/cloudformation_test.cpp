// The CloudFormation loader on the templates of tests/fixtures/cloudformation/: which documents, of
// which kind and attachment, with which positions; intrinsic functions; Fn::If readings; errors.
#include <algorithm>

#include <catch2/catch.hpp>

#include "iamlint/loader.hpp"
#include "test_support.hpp"

using namespace iamlint;

namespace {

LoadedFile load_fixture(const std::string& name, const LoadOptions& options = {}) {
    const auto path = test::source_dir() / "tests" / "fixtures" / "cloudformation" / name;
    return load_file(name, test::read_text(path), options);
}

std::string at(const SourceRange& r) {
    return std::to_string(r.line) + ":" + std::to_string(r.column) + "-" + std::to_string(r.end_line) + ":" +
           std::to_string(r.end_column);
}

// Where a place of the model is: the file's documents share its source.
std::string at(const LoadedFile& loaded, const Place& place) {
    return at(loaded.documents.front().source->range(place.range));
}

std::vector<std::string> origins(const LoadedFile& loaded) {
    std::vector<std::string> result;
    for (const auto& document : loaded.documents) result.push_back(document.origin);
    return result;
}

const PolicyDocument& document(const LoadedFile& loaded, std::string_view origin) {
    auto it = std::find_if(loaded.documents.begin(), loaded.documents.end(),
                           [&](const PolicyDocument& d) { return d.origin == origin; });
    INFO(origin);
    REQUIRE(it != loaded.documents.end());
    return *it;
}

const Statement& only_statement(const PolicyDocument& document) {
    REQUIRE(document.policy.statements.size() == 1);
    return document.policy.statements[0];
}

}  // namespace

TEST_CASE("CloudFormation: every resource type that carries a policy, with its kind and attachment",
          "[cloudformation]") {
    auto loaded = load_fixture("every-type.yaml");
    CHECK(loaded.format == InputFormat::CloudFormation);
    CHECK(origins(loaded) == std::vector<std::string>{
                                 "AppRole (AWS::IAM::Role) AssumeRolePolicyDocument",
                                 "AppRole (AWS::IAM::Role) Policies[0] \"read\"",
                                 "AppRole (AWS::IAM::Role) Policies[1] \"${AWS::StackName}-logs\"",
                                 "Deployer (AWS::IAM::User) Policies[0] \"deploy\"",
                                 "Admins (AWS::IAM::Group) Policies[0] \"admin\"",
                                 "SharedPolicy (AWS::IAM::Policy) PolicyDocument",
                                 "RoleOnly (AWS::IAM::RolePolicy) PolicyDocument",
                                 "Managed (AWS::IAM::ManagedPolicy) PolicyDocument",
                                 "BucketPolicy (AWS::S3::BucketPolicy) PolicyDocument",
                                 "QueuePolicy (AWS::SQS::QueuePolicy) PolicyDocument",
                                 "TopicPolicy (AWS::SNS::TopicPolicy) PolicyDocument",
                                 "Key (AWS::KMS::Key) KeyPolicy",
                                 "SecretPolicy (AWS::SecretsManager::ResourcePolicy) ResourcePolicy",
                                 "LogsPolicy (AWS::Logs::ResourcePolicy) PolicyDocument",
                                 "BusPolicy (AWS::Events::EventBusPolicy) Statement",
                                 "LegacyBusPolicy (AWS::Events::EventBusPolicy)",
                                 "Invoke (AWS::Lambda::Permission)",
                                 "Repository (AWS::ECR::Repository) RepositoryPolicyText",
                                 "Search (AWS::OpenSearchService::Domain) AccessPolicies",
                                 "Vault (AWS::Backup::BackupVault) AccessPolicy",
                                 "FileSystem (AWS::EFS::FileSystem) FileSystemPolicy",
                                 "Table (AWS::DynamoDB::Table) ResourcePolicy.PolicyDocument",
                                 "Guardrail (AWS::Organizations::Policy) Content",
                                 "Handler (AWS::Serverless::Function) Policies[2]",
                             });
    for (const auto& d : loaded.documents) {
        INFO(d.origin);
        CHECK_FALSE(d.syntax->error);
        CHECK(d.root != nullptr);
        CHECK_FALSE(d.kind_forced);
        CHECK(d.path() == "every-type.yaml");
    }

    auto check = [&](std::string_view origin, PolicyKind kind, PolicyAttachment attachment) {
        const auto& d = document(loaded, origin);
        INFO(origin);
        CHECK(d.kind == kind);
        CHECK(d.attachment == attachment);
    };
    check("AppRole (AWS::IAM::Role) AssumeRolePolicyDocument", PolicyKind::Trust, PolicyAttachment::Unknown);
    check("AppRole (AWS::IAM::Role) Policies[0] \"read\"", PolicyKind::Identity,
          PolicyAttachment::InlineRole);
    check("Deployer (AWS::IAM::User) Policies[0] \"deploy\"", PolicyKind::Identity,
          PolicyAttachment::InlineUser);
    check("Admins (AWS::IAM::Group) Policies[0] \"admin\"", PolicyKind::Identity,
          PolicyAttachment::InlineGroup);
    // Attached to a user and a role: the user's smaller quota is the one to respect.
    check("SharedPolicy (AWS::IAM::Policy) PolicyDocument", PolicyKind::Identity,
          PolicyAttachment::InlineUser);
    check("RoleOnly (AWS::IAM::RolePolicy) PolicyDocument", PolicyKind::Identity,
          PolicyAttachment::InlineRole);
    check("Managed (AWS::IAM::ManagedPolicy) PolicyDocument", PolicyKind::Identity,
          PolicyAttachment::Managed);
    check("Key (AWS::KMS::Key) KeyPolicy", PolicyKind::Resource, PolicyAttachment::Unknown);
    check("Invoke (AWS::Lambda::Permission)", PolicyKind::Resource, PolicyAttachment::Unknown);
    check("Guardrail (AWS::Organizations::Policy) Content", PolicyKind::Scp, PolicyAttachment::Unknown);
    check("Handler (AWS::Serverless::Function) Policies[2]", PolicyKind::Identity,
          PolicyAttachment::InlineRole);

    SECTION("positions and pointers are the template's") {
        const auto& read = only_statement(document(loaded, "AppRole (AWS::IAM::Role) Policies[0] \"read\""));
        REQUIRE(read.actions.entries.size() == 1);
        CHECK(at(loaded, read.actions.entries[0].place) == "19:25-19:37");
        CHECK(read.actions.entries[0].place.pointer ==
              "/Resources/AppRole/Properties/Policies/0/PolicyDocument/Statement/0/Action");
        REQUIRE(read.resources.entries.size() == 1);
        const Entry& resource = read.resources.entries[0];
        CHECK(resource.computed);
        CHECK(resource.text == "arn:${AWS::Partition}:s3:::${Bucket}/*");
        CHECK(at(loaded, resource.place) == "20:27-20:72");  // the whole !Sub, tag included
    }
    SECTION("a Statement given as one object") {
        const auto& logs =
            document(loaded, "AppRole (AWS::IAM::Role) Policies[1] \"${AWS::StackName}-logs\"");
        CHECK(only_statement(logs).resources.entries.at(0).text == "*");
    }
    SECTION("a policy that is an Fn::Sub block of JSON is read at its place in the file") {
        const auto& statement =
            only_statement(document(loaded, "LogsPolicy (AWS::Logs::ResourcePolicy) PolicyDocument"));
        CHECK(at(loaded, statement.actions.key) == "116:13-116:21");
        CHECK(at(loaded, statement.actions.entries.at(0).place) == "116:23-116:42");
        CHECK(statement.principals.entries.at(0).type == "Service");
        const Entry& resource = statement.resources.entries.at(0);
        CHECK(resource.computed);
        CHECK(resource.text == "arn:${AWS::Partition}:logs:*:${AWS::AccountId}:log-group:/aws/events/*");
    }
    SECTION("EventBusPolicy's Statement property is the one statement of a policy") {
        const auto& statement =
            only_statement(document(loaded, "BusPolicy (AWS::Events::EventBusPolicy) Statement"));
        CHECK(statement.principals.entries.at(0).value.text == "*");
        CHECK(at(loaded, statement.actions.entries.at(0).place) == "127:17-127:33");
        REQUIRE(statement.conditions.size() == 1);
        CHECK(statement.conditions[0].key == "aws:PrincipalOrgID");
    }
    SECTION("EventBusPolicy's older properties make the statement AWS writes") {
        const auto& d = document(loaded, "LegacyBusPolicy (AWS::Events::EventBusPolicy)");
        const auto& statement = only_statement(d);
        CHECK(statement.is_allow());
        CHECK(statement.sid->text == "account");
        REQUIRE(statement.principals.entries.size() == 1);
        CHECK(statement.principals.entries[0].type == "AWS");
        CHECK(statement.principals.entries[0].value.text == "111122223333");
        CHECK(at(loaded, statement.principals.entries[0].value.place) == "135:18-135:32");
        CHECK(statement.resources.entries.at(0).text ==
              "arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/central");
        CHECK(statement.resources.entries.at(0).computed);
        CHECK(d.policy.version->text == "2012-10-17");
    }
    SECTION("Lambda::Permission: principal, function ARN and conditions as in the function's policy") {
        const auto& statement = only_statement(document(loaded, "Invoke (AWS::Lambda::Permission)"));
        CHECK(statement.principals.entries.at(0).type == "Service");
        CHECK(statement.principals.entries.at(0).value.text == "s3.amazonaws.com");
        CHECK(statement.actions.entries.at(0).text == "lambda:InvokeFunction");
        const Entry& function = statement.resources.entries.at(0);
        CHECK(function.computed);
        CHECK(function.text ==
              "arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${Function}");
        CHECK(at(loaded, function.place) == "141:21-141:34");
        REQUIRE(statement.conditions.size() == 2);
        CHECK(statement.conditions[0].op.raw == "ArnLike");
        CHECK(statement.conditions[0].key == "AWS:SourceArn");
        CHECK(statement.conditions[0].values.at(0).text == "${Bucket.Arn}");
        CHECK(statement.conditions[1].op.raw == "StringEquals");
        CHECK(statement.conditions[1].key == "AWS:SourceAccount");
    }
    SECTION("unquoted YAML booleans in conditions stay booleans") {
        const auto& statement =
            only_statement(document(loaded, "BucketPolicy (AWS::S3::BucketPolicy) PolicyDocument"));
        CHECK(statement.conditions.at(0).values.at(0).json_type == JsonType::Boolean);
        CHECK(statement.resources.entries.size() == 2);
    }
}

TEST_CASE("CloudFormation: JSON templates, policies in JSON strings, duplicate keys", "[cloudformation]") {
    auto loaded = load_fixture("template.json");
    CHECK(loaded.format == InputFormat::CloudFormation);
    CHECK(origins(loaded) == std::vector<std::string>{
                                 "BuildRole (AWS::IAM::Role) AssumeRolePolicyDocument",
                                 "BuildRole (AWS::IAM::Role) Policies[0] \"build\"",
                                 "EscapedLogsPolicy (AWS::Logs::ResourcePolicy) PolicyDocument",
                                 "JoinedDestination (AWS::Logs::Destination) DestinationPolicy",
                                 "BrokenStringPolicy (AWS::ECR::Repository) RepositoryPolicyText",
                                 "Permission (AWS::Lambda::Permission)",
                             });

    SECTION("only the duplicate keys inside a policy are in its syntax") {
        CHECK(document(loaded, "BuildRole (AWS::IAM::Role) AssumeRolePolicyDocument")
                  .syntax->duplicate_keys.empty());
        const auto& build = document(loaded, "BuildRole (AWS::IAM::Role) Policies[0] \"build\"");
        REQUIRE(build.syntax->duplicate_keys.size() == 1);
        CHECK(build.syntax->duplicate_keys[0].key == "Action");
        CHECK(at(build.source->range(build.syntax->duplicate_keys[0].duplicate)) == "18:15-18:23");
        CHECK(build.syntax->duplicate_keys[0].pointer ==
              "/Resources/BuildRole/Properties/Policies/0/PolicyDocument/Statement/0/Action");
        const Entry& resource = only_statement(build).resources.entries.at(0);
        CHECK(resource.text == "arn:aws:s3:::${ArtifactBucket}/*");
        CHECK(resource.computed);
        CHECK(at(loaded, resource.place) == "19:27-19:97");
    }
    SECTION("a JSON string with escapes: every element points at the string") {
        const auto& statement =
            only_statement(document(loaded, "EscapedLogsPolicy (AWS::Logs::ResourcePolicy) PolicyDocument"));
        CHECK(at(loaded, statement.actions.entries.at(0).place) == "29:39-29:254");
        CHECK(statement.resources.entries.at(0).computed);
        CHECK_FALSE(statement.actions.entries.at(0).computed);
    }
    SECTION("a JSON string built by Fn::Join: its placeholders are computed values") {
        const auto& statement =
            only_statement(document(loaded, "JoinedDestination (AWS::Logs::Destination) DestinationPolicy"));
        const Entry& principal = statement.principals.entries.at(0).value;
        CHECK(principal.text == "${SourceAccount}");
        CHECK(principal.computed);
        CHECK_FALSE(statement.resources.entries.at(0).computed);
    }
    SECTION("a JSON string that is not JSON is a syntax error at the string") {
        const auto& broken =
            document(loaded, "BrokenStringPolicy (AWS::ECR::Repository) RepositoryPolicyText");
        REQUIRE(broken.syntax->error);
        CHECK(broken.root == nullptr);
        CHECK(at(broken.syntax->error->range) == "42:33-42:78");
    }
    SECTION("Lambda::Permission for everyone: the string principal \"*\"") {
        const auto& statement = only_statement(document(loaded, "Permission (AWS::Lambda::Permission)"));
        CHECK(statement.principals.entries.at(0).type == "*");
        CHECK(statement.conditions.at(0).key == "lambda:FunctionUrlAuthType");
    }
}

TEST_CASE("CloudFormation: Fn::If branches are each read, AWS::NoValue removes", "[cloudformation]") {
    auto loaded = load_fixture("conditions.yaml");
    CHECK(origins(loaded) ==
          std::vector<std::string>{
              "Role (AWS::IAM::Role) AssumeRolePolicyDocument",
              "Role (AWS::IAM::Role) Policies[0] \"base\" [IsProd=true, HasKey=true]",
              "Role (AWS::IAM::Role) Policies[1] \"prod-only\" [IsProd=true]",
              "Role (AWS::IAM::Role) Policies[0] \"base\" [IsProd=false, HasKey=true]",
              "Role (AWS::IAM::Role) Policies[0] \"base\" [IsProd=true, HasKey=false]",
              "Role (AWS::IAM::Role) Policies[0] \"base\" [IsProd=false, HasKey=false]",
              "Bucket (AWS::S3::BucketPolicy) PolicyDocument [IsProd=true, HasKey=true]",
              "Bucket (AWS::S3::BucketPolicy) PolicyDocument [IsProd=true, HasKey=false]",
              "Subbed (AWS::IAM::ManagedPolicy) PolicyDocument",
              "Many (AWS::SQS::QueuePolicy) PolicyDocument [C1=true, C2=true, C3=true, C4=true, C5=true]",
              "Many (AWS::SQS::QueuePolicy) PolicyDocument [C1=false, C2=false, C3=false, C4=false, "
              "C5=false]",
          });
    SECTION("a branch of a value, and a statement that NoValue removes") {
        const auto& prod =
            document(loaded, "Role (AWS::IAM::Role) Policies[0] \"base\" [IsProd=true, HasKey=true]");
        REQUIRE(prod.policy.statements.size() == 2);
        CHECK(prod.policy.statements[0].resources.entries.at(0).computed);
        CHECK(prod.policy.statements[1].actions.entries.at(0).text == "kms:Decrypt");
        const auto& other =
            document(loaded, "Role (AWS::IAM::Role) Policies[0] \"base\" [IsProd=false, HasKey=false]");
        REQUIRE(other.policy.statements.size() == 1);
        const Entry& star = other.policy.statements[0].resources.entries.at(0);
        CHECK(star.text == "*");
        CHECK_FALSE(star.computed);
        CHECK(at(loaded, star.place) == "20:86-20:89");
    }
    SECTION("a condition block that NoValue removes") {
        const auto& with =
            document(loaded, "Bucket (AWS::S3::BucketPolicy) PolicyDocument [IsProd=true, HasKey=true]");
        CHECK(only_statement(with).conditions.size() == 1);
        CHECK(only_statement(with).resources.entries.at(0).text == "arn:aws:s3:::${Name}/*");
        const auto& without =
            document(loaded, "Bucket (AWS::S3::BucketPolicy) PolicyDocument [IsProd=true, HasKey=false]");
        CHECK(only_statement(without).conditions.empty());
        CHECK_FALSE(only_statement(without).condition_block);
    }
    SECTION("Fn::Sub, Fn::Select, Fn::FindInMap, Fn::ImportValue and Fn::Split") {
        const auto& statement =
            only_statement(document(loaded, "Subbed (AWS::IAM::ManagedPolicy) PolicyDocument"));
        const auto& actions = statement.actions.entries;
        REQUIRE(actions.size() == 2);
        CHECK(actions[0].text == "s3:ListBucket");
        CHECK_FALSE(actions[0].computed);
        CHECK(actions[1].text == "${Fn::FindInMap:Actions.${Stage}.Extra}");
        CHECK(actions[1].computed);
        const auto& resources = statement.resources.entries;
        REQUIRE(resources.size() == 4);
        CHECK(resources[0].text == "arn:aws:s3:::literal-bucket");  // a literal variable substituted
        CHECK_FALSE(resources[0].computed);
        // "${!x}" is a literal "${x}": an IAM policy variable, not a placeholder.
        CHECK(resources[1].text == "arn:aws:s3:::${Literal}/home/${aws:username}");
        CHECK_FALSE(resources[1].computed);
        CHECK(resources[2].text == "${Fn::ImportValue:${Network}-BucketArn}");
        CHECK(resources[2].computed);
        CHECK(resources[3].computed);
        // A policy variable in a plain string is no intrinsic.
        CHECK_FALSE(statement.conditions.at(0).values.at(0).computed);
    }
}

TEST_CASE("CloudFormation: what is a template, and what is not", "[cloudformation]") {
    SECTION("a bare policy is not a template") {
        auto loaded = load_file("p.json", R"({"Version":"2012-10-17","Statement":[]})", {});
        CHECK(loaded.format == InputFormat::Policy);
    }
    SECTION("a SAM template without a format version") {
        auto loaded =
            load_file("sam.yaml",
                      "Transform: AWS::Serverless-2016-10-31\nResources:\n  F:\n    Type: "
                      "AWS::Serverless::Function\n    Properties:\n      Policies:\n        Statement:\n"
                      "          - {Effect: Allow, Action: s3:GetObject, Resource: '*'}\n",
                      {});
        CHECK(loaded.format == InputFormat::CloudFormation);
        REQUIRE(loaded.documents.size() == 1);
        CHECK(loaded.documents[0].origin == "F (AWS::Serverless::Function) Policies");
    }
    SECTION("Resources with types, nothing else") {
        auto loaded = load_file("t.json", R"({"Resources":{"Q":{"Type":"AWS::SQS::Queue"}}})", {});
        CHECK(loaded.format == InputFormat::CloudFormation);
        CHECK(loaded.documents.empty());
    }
    SECTION(".template files are YAML or JSON by their first character") {
        auto yaml = load_file("a.template",
                              "Resources:\n  K:\n    Type: AWS::KMS::Key\n    Properties:\n      KeyPolicy:\n"
                              "        Statement: []\n",
                              {});
        CHECK(yaml.format == InputFormat::CloudFormation);
        CHECK(yaml.documents.size() == 1);
        auto json =
            load_file("b.template",
                      R"({"Resources":{"K":{"Type":"AWS::KMS::Key","Properties":{"KeyPolicy":{}}}}})", {});
        CHECK(json.documents.size() == 1);
    }
    SECTION("a YAML policy that is not a template is read as a policy") {
        auto loaded =
            load_file("p.yml", "Statement:\n  - Effect: Allow\n    Action: '*'\n    Resource: '*'\n", {});
        CHECK(loaded.format == InputFormat::Policy);
        REQUIRE(loaded.documents.size() == 1);
        CHECK(loaded.documents[0].policy.statements.size() == 1);
    }
    SECTION("--policy-kind applies to every document, as for a bare policy") {
        LoadOptions options;
        options.forced_kind = PolicyKind::Identity;
        auto loaded = load_fixture("every-type.yaml", options);
        for (const auto& d : loaded.documents) {
            CHECK(d.kind == PolicyKind::Identity);
            CHECK(d.kind_forced);
        }
    }
}

TEST_CASE("CloudFormation: a template that is not valid YAML is one syntax error", "[cloudformation]") {
    auto loaded = load_fixture("malformed.yaml");
    REQUIRE(loaded.documents.size() == 1);
    const auto& d = loaded.documents[0];
    REQUIRE(d.syntax->error);
    CHECK(d.syntax->error->message.find("YAML syntax error") == 0);
    CHECK(at(d.syntax->error->range) == "10:12-10:13");
    CHECK(d.root == nullptr);
}
