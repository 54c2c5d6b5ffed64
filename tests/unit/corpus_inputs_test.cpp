// Every Terraform plan and authorization-details dump of ../shared/corpus: read without error, the
// policies found per file as counted by hand (and cross-checked with a throw-away script over the
// same files), positions that land on the token each element was parsed from.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>

#include <catch2/catch.hpp>

#include "../../src/loaders/embedded_policy.hpp"
#include "iamlint/engine.hpp"
#include "iamlint/loader.hpp"
#include "test_support.hpp"

using namespace iamlint;
namespace fs = std::filesystem;

namespace {

struct Expected {
    std::size_t documents;
    std::size_t unknown;  // Terraform: policies unknown until apply; authorization details: principal sets
};

// Per file, relative to the corpus folder. Terraform: data sources that repeat a resource's policy are
// counted once, at the resource; attributes the configuration does not set (a bucket's own policy) are
// not unknown policies. Authorization details: managed policies once, in their default version, plus
// inline and trust policies.
const std::map<std::string, Expected> kTerraform = {
    {"checkov/tests/common/runner_registry/plan_with_hcl_for_enrichment/tfplan.json", {1, 0}},
    // Four inline policies are known; the four data sources behind the trust policies are not.
    {"checkov/tests/terraform/checks/data/aws/example_GithubActionsOIDCTrustPolicy/tfplan.json", {4, 4}},
    {"checkov/tests/terraform/image_referencer/resources/aws/codebuild_tfplan.json", {1, 0}},
    // Six policies of resources; two data sources repeat them; the KMS key and domain policies are
    // the provider's.
    {"checkov/tests/terraform/runner/resources/plan/tfplan.json", {6, 0}},
    // The bucket policy takes a data source unknown at plan time: one unknown policy, nothing to read.
    {"checkov/tests/terraform/runner/resources/plan_with_iam_data_block/tfplan.json", {0, 1}},
    {"checkov/tests/terraform/runner/resources/plan_with_iam_policies/tfplan.json", {5, 0}},
    {"checkov/tests/terraform/runner/resources/plan_with_utf_16_encoding/tfplan.json", {1, 0}},
    {"terraform-iam-policy-validator/iam_check/test/iam_policy/test_plan.json", {1, 0}},
    // Group, managed, two trust, two role inline blocks, role, user policies.
    {"terraform-iam-policy-validator/iam_check/test/identity_policies/test_plan.json", {8, 0}},
    {"terraform-iam-policy-validator/iam_check/test/multiple_policies/test_plan.json", {2, 0}},
    {"terraform-iam-policy-validator/iam_check/test/no_access_granted/test_plan.json", {2, 0}},
    // Fourteen resource and trust policies; the nine data sources repeat them.
    {"terraform-iam-policy-validator/iam_check/test/public_access/test_plan.json", {14, 0}},
    {"terraform-iam-policy-validator/iam_check/test/role_inline_assume_policy/test_plan.json", {2, 0}},
};

const std::map<std::string, Expected> kAuthorizationDetails = {
    // 2 managed, 4 roles with a trust policy and one inline policy each.
    {"cloudmapper/account-data/demo/us-east-1/iam-get-account-authorization-details.json", {10, 7}},
    {"cloudsplaining/examples/files/example.json", {201, 127}},
    {"cloudsplaining/test/files/example-authz-details.json", {41, 8}},
    {"cloudsplaining/test/files/example_authz_details_for_overrides.json", {1, 0}},
    {"cloudsplaining/test/files/example_authz_details_for_overrides_complete.json", {7, 4}},
    // 2 customer managed, 2 roles with trust and inline; the group's AdministratorAccess is missing.
    {"cloudsplaining/test/files/example_authz_v2.json", {6, 4}},
    // The group attaches AWSLambdaReadOnlyAccess, which Policies lacks: a warning, the rest is read.
    {"cloudsplaining/test/files/managed_policy_mismatch.json", {1, 1}},
};

std::vector<std::string> files_below(const fs::path& folder) {
    std::vector<std::string> files;
    for (const auto& entry : fs::recursive_directory_iterator(folder)) {
        if (entry.is_regular_file() && entry.path().extension() == ".json")
            files.push_back(fs::relative(entry.path(), folder).generic_string());
    }
    std::sort(files.begin(), files.end());
    return files;
}

// A string without characters that JSON escapes reads in the file as itself in quotes, or, inside a
// policy string, in escaped quotes.
void check_string_places(const JsonValue& value, const SourceFile& file, bool embedded,
                         std::size_t& checked) {
    if (value.is_string() && !value.computed &&
        std::none_of(value.text.begin(), value.text.end(), [](char c) {
            return c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20 ||
                   static_cast<unsigned char>(c) >= 0x80;
        })) {
        const std::string quote = embedded ? "\\\"" : "\"";
        INFO(file.path() << ":" << file.range(value.range).line << ":" << file.range(value.range).column);
        CHECK(file.text().substr(value.range.offset, value.range.length) == quote + value.text + quote);
        ++checked;
    }
    for (const auto& item : value.items()) check_string_places(item, file, embedded, checked);
    for (const auto& member : value.members()) check_string_places(member.value, file, embedded, checked);
}

struct Totals {
    std::size_t files = 0, documents = 0, unknown = 0, places = 0;
    std::map<std::string, int> findings;
};

void check_folder(const std::string& name, const std::map<std::string, Expected>& expected,
                  InputFormat format, Totals& totals) {
    const fs::path folder = test::corpus_dir() / name;
    REQUIRE(fs::is_directory(folder));
    const auto files = files_below(folder);
    std::vector<std::string> listed;
    for (const auto& [file, counts] : expected) listed.push_back(file);
    CHECK(files == listed);

    Engine engine(select_rules({"all", {}, {}}), Catalog::builtin());
    for (const auto& file : files) {
        INFO(name << "/" << file);
        ReadResult read = read_file(folder / file);
        REQUIRE(read.text);
        if (read.text->starts_with("\xFF\xFE")) {
            WARN(file << " is UTF-16; UTF-16 decoding at read time comes with the merge, skipped here");
            continue;
        }
        const auto loaded = load_file(file, std::move(*read.text), {});
        ++totals.files;
        CHECK(loaded.recognized);
        CHECK(loaded.format == format);
        const Expected& want = expected.at(file);
        CHECK(loaded.documents.size() == want.documents);
        if (format == InputFormat::TerraformPlan) {
            CHECK(loaded.unknown_policies == want.unknown);
        } else {
            CHECK(loaded.principal_sets.size() == want.unknown);
        }
        totals.documents += loaded.documents.size();
        totals.unknown += loaded.unknown_policies;
        std::vector<Finding> findings;
        for (const auto& document : loaded.documents) {
            CHECK_FALSE(document.origin.empty());
            REQUIRE_FALSE(document.syntax->error);
            CHECK(document.kind != PolicyKind::Unknown);
            check_string_places(*document.root, *loaded.source, format == InputFormat::TerraformPlan,
                                totals.places);
            engine.analyze(document, findings);
        }
        for (const auto& finding : findings) {
            INFO(finding.location.range.line << ":" << finding.location.range.column << " " << finding.rule_id
                                             << " " << finding.message);
            CHECK_FALSE(finding.internal_error);
            CHECK(finding.rule_id != "IAM001");
            CHECK(finding.location.range.line > 0);
            CHECK_FALSE(finding.origin.empty());
            ++totals.findings[finding.rule_id];
        }
    }
}

}  // namespace

TEST_CASE("corpus: every Terraform plan and authorization-details dump is read", "[corpus][loaders]") {
    IAMLINT_NEEDS_CORPUS("");
    Totals plans, dumps;
    check_folder("terraform-plan", kTerraform, InputFormat::TerraformPlan, plans);
    check_folder("account-authorization-details", kAuthorizationDetails, InputFormat::AuthorizationDetails,
                 dumps);
    for (const auto& [label, totals] :
         {std::pair{"Terraform plans", &plans}, {"authorization details", &dumps}}) {
        std::cout << label << ": " << totals->files << " files, " << totals->documents << " policies, "
                  << totals->unknown << " unknown until apply, " << totals->places
                  << " string positions checked; findings:";
        for (const auto& [rule, count] : totals->findings) std::cout << " " << rule << " " << count;
        std::cout << "\n";
    }
}
