// The 75 CloudFormation templates of ../shared/corpus/cloudformation: each is read without error, its
// policies are counted, and the counts are checked against what was verified by hand and against the
// per-file column of the corpus's SOURCE.md. The rules run over all of them without an internal error.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>
#include <regex>
#include <set>

#include <catch2/catch.hpp>

#include "iamlint/engine.hpp"
#include "iamlint/loader.hpp"
#include "test_support.hpp"

using namespace iamlint;
namespace fs = std::filesystem;

namespace {

const fs::path& folder() {
    static const fs::path path = test::corpus_dir() / "cloudformation";
    return path;
}

std::vector<std::string> templates() {
    std::vector<std::string> files;
    for (const auto& entry : fs::recursive_directory_iterator(folder())) {
        const auto extension = entry.path().extension();
        if (extension == ".json" || extension == ".yaml" || extension == ".yml")
            files.push_back(entry.path().lexically_relative(folder()).generic_string());
    }
    std::sort(files.begin(), files.end());
    return files;
}

LoadedFile load(const std::string& relative) {
    return load_file(relative, test::read_text(folder() / relative), {});
}

// The origin without its Fn::If reading: one per policy property.
std::string slot_of(const std::string& origin) {
    const auto bracket = origin.find(" [");
    return bracket == std::string::npos ? origin : origin.substr(0, bracket);
}

// SOURCE.md: "| `<path>` | bytes | fmt | IAM::Role x2, KMS::Key x1 | ... |" under "### <folder>/".
std::map<std::string, int> source_md_counts() {
    std::map<std::string, int> counts;
    std::string section;
    std::istringstream lines(test::read_text(folder() / "SOURCE.md"));
    const std::regex heading(R"(^### ([^/ ]+)/)");
    const std::regex row(R"(^\| `([^`]+)` \| \d+ \| \w+ \| ([^|]+) \|)");
    const std::regex count(R"( x(\d+))");
    for (std::string line; std::getline(lines, line);) {
        std::smatch match;
        if (std::regex_search(line, match, heading)) {
            section = match[1];
        } else if (!section.empty() && std::regex_search(line, match, row)) {
            const std::string resources = match[2];
            int total = 0;
            for (auto it = std::sregex_iterator(resources.begin(), resources.end(), count);
                 it != std::sregex_iterator(); ++it) {
                total += std::stoi((*it)[1]);
            }
            counts[section + "/" + std::string(match[1])] = total;
        }
    }
    return counts;
}

}  // namespace

TEST_CASE("CloudFormation corpus: every template is read and its policies counted",
          "[corpus][cloudformation]") {
    IAMLINT_NEEDS_CORPUS("cloudformation");
    REQUIRE(fs::is_directory(folder()));
    const auto files = templates();
    REQUIRE(files.size() == 75);

    std::map<std::string, int> documents, slots, lambda_permissions;
    int total = 0;
    for (const auto& file : files) {
        INFO(file);
        auto loaded = load(file);
        CHECK(loaded.format == InputFormat::CloudFormation);
        std::set<std::string> distinct;
        for (const auto& document : loaded.documents) {
            INFO(document.origin);
            CHECK_FALSE(document.syntax->error);
            CHECK(document.root != nullptr);
            CHECK(!document.origin.empty());
            CHECK(document.kind != PolicyKind::Unknown);
            if (document.origin.find("(AWS::Lambda::Permission)") != std::string::npos) {
                ++lambda_permissions[file];
            } else {
                distinct.insert(slot_of(document.origin));
            }
        }
        documents[file] = static_cast<int>(loaded.documents.size());
        slots[file] = static_cast<int>(distinct.size());
        total += documents[file];
    }
    std::cout << "CloudFormation corpus: " << total << " policy documents in " << files.size()
              << " templates\n";
    CHECK(total == 371);

    SECTION("counts checked by hand") {
        const std::map<std::string, int> by_hand = {
            // KMS key, bucket, table bucket, REST API, CodeArtifact domain, two CloudTrail resource
            // policies, S3 Express access point, one of two backup vaults, a role's trust and inline policy.
            {"aws-cloudformation-iam-policy-validator/test_files/public_access_test.yml", 11},
            // EventBusPolicy's Statement property, the KMS key policy, the Logs policy in an Fn::Sub string.
            {"aws-cloudformation-templates/CloudFormation/StackSets/log-setup-management.yaml", 3},
            {"aws-cloudformation-templates/CloudFormation/StackSets/log-setup-management.json", 3},
            // A role's trust and inline policy, and a Lambda::Permission.
            {"aws-cloudformation-templates/APIGateway/apigateway_lambda_integration.yaml", 3},
            // One managed policy with a statement under Fn::If: read with and without it.
            {"cfn-lint/test/fixtures/templates/good/resources/iam/policy.yaml", 2},
            // Two bucket policies under Fn::If IsGovCloud (two readings each), a role's trust and inline
            // policy.
            {"cfn-lint/test/fixtures/templates/quickstart/nist_application.yaml", 6},
            // Two roles, each with a trust policy and one inline policy.
            {"cfn_nag/spec/test_templates/json/iam_role/iam_role_not_resource.json", 4},
            // The malformed ones: a trust policy with "dAction", a user policy without Statement.
            {"cfn_nag/spec/test_templates/json/iam_role/iam_role_not_principal_on_trust.json", 2},
            {"cfn_nag/spec/test_templates/json/iam_user/iam_user_with_inline_policy.json", 1},
            // 3 roles: 3 trust policies and 10 inline ones, of which 3 exist only when their condition holds.
            {"aws-cloudformation-templates/Solutions/ADConnector/templates/ADCONNECTOR.cfn.yaml", 13},
        };
        for (const auto& [file, expected] : by_hand) {
            INFO(file);
            CHECK(documents.at(file) == expected);
        }
    }

    SECTION("one policy per resource policy property listed in SOURCE.md") {
        // SOURCE.md's helper did not list these types: S3 access points, S3 Tables, API Gateway,
        // CodeArtifact, CloudTrail, Backup.
        const std::map<std::string, int> unlisted = {
            {"aws-cloudformation-iam-policy-validator/test_files/public_access_test.yml", 7},
            {"aws-cloudformation-iam-policy-validator/test_files/test_file_2.json", 2},
            {"aws-cloudformation-iam-policy-validator/test_files/test_file_2.yml", 2},
        };
        const auto listed = source_md_counts();
        CHECK(listed.size() == files.size());
        for (const auto& [file, count] : listed) {
            INFO(file);
            REQUIRE(slots.count(file) == 1);
            const auto extra = unlisted.find(file);
            CHECK(slots.at(file) == count + (extra == unlisted.end() ? 0 : extra->second));
        }
    }

    SECTION("Lambda::Permission resources become resource policies") {
        int permissions = 0;
        for (const auto& [file, n] : lambda_permissions) permissions += n;
        CHECK(lambda_permissions.size() == 11);  // SOURCE.md: 11 templates have them
        CHECK(permissions == 32);
    }
}

// Both templates are in the repository's corpus sample, so this runs in any clone.
TEST_CASE("CloudFormation corpus: the malformed cfn_nag fixtures load as documents with their positions",
          "[corpus][cloudformation]") {
    const auto load_sample = [](const std::string& relative) {
        const fs::path path = test::corpus_sample_dir() / "cloudformation" / relative;
        REQUIRE(fs::is_regular_file(path));
        return load_file(relative, test::read_text(path), {});
    };
    SECTION("a trust statement with dAction and no Action") {
        auto loaded =
            load_sample("cfn_nag/spec/test_templates/json/iam_role/iam_role_not_principal_on_trust.json");
        const auto& trust = loaded.documents.at(0);
        CHECK(trust.origin == "NotPrincipalTrustRole (AWS::IAM::Role) AssumeRolePolicyDocument");
        CHECK(trust.kind == PolicyKind::Trust);
        REQUIRE(trust.policy.statements.size() == 1);
        CHECK_FALSE(trust.policy.statements[0].actions.present);
        REQUIRE(trust.root != nullptr);
        const JsonMember* statements = trust.root->find("Statement");
        REQUIRE(statements != nullptr);
        const JsonValue& statement = statements->value.items()[0];
        const JsonMember* typo = statement.find("dAction");
        REQUIRE(typo);
        const SourceRange typo_range = trust.source->range(typo->key_range);
        CHECK(typo_range.line == 17);
        CHECK(typo_range.column == 15);
    }
    SECTION("a user policy with Effect, Action and Resource at the top") {
        auto loaded =
            load_sample("cfn_nag/spec/test_templates/json/iam_user/iam_user_with_inline_policy.json");
        REQUIRE(loaded.documents.size() == 1);
        const auto& policy = loaded.documents[0];
        CHECK(policy.origin == "userWithInline (AWS::IAM::User) Policies[0] \"somePolicy\"");
        CHECK(policy.attachment == PolicyAttachment::InlineUser);
        CHECK_FALSE(policy.policy.statement_element);
        REQUIRE(policy.root != nullptr);
        const JsonMember* effect = policy.root->find("Effect");
        REQUIRE(effect);
        const SourceRange effect_range = policy.source->range(effect->key_range);
        CHECK(effect_range.line == 10);
        CHECK(effect_range.column == 15);
    }
}

TEST_CASE("CloudFormation corpus: the rules run without internal errors, counts per rule logged",
          "[corpus][cloudformation]") {
    IAMLINT_NEEDS_CORPUS("cloudformation");
    Engine engine(select_rules({"all", {}, {}}), Catalog::builtin());
    std::map<std::string, int> counts;
    for (const auto& file : templates()) {
        auto loaded = load(file);
        std::vector<Finding> findings;
        for (const auto& document : loaded.documents) engine.analyze(document, findings);
        for (const auto& f : findings) {
            INFO(file << ":" << f.location.range.line << " " << f.rule_id << " " << f.message);
            CHECK_FALSE(f.internal_error);
            CHECK(f.rule_id != "IAM001");
            CHECK(f.location.range.line > 0);
            ++counts[f.rule_id + " " + f.rule_name];
        }
    }
    std::cout << "Findings per rule on the CloudFormation corpus:\n";
    for (const auto& [rule, n] : counts) std::cout << "  " << rule << ": " << n << "\n";
}
