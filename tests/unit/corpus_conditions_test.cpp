// The condition rules on the 1,541 AWS managed policies in ../shared/corpus/aws-managed, all accepted
// by AWS. Counts per rule go to the test log; every finding of IAM105-IAM112 below was checked by hand,
// and the expected lists say why each one stands.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>
#include <set>

#include <catch2/catch.hpp>

#include "iamlint/engine.hpp"
#include "iamlint/loader.hpp"
#include "test_support.hpp"

using namespace iamlint;
namespace fs = std::filesystem;

TEST_CASE("the condition rules on the AWS managed policies", "[corpus][conditions]") {
    IAMLINT_NEEDS_CORPUS("aws-managed");
    const std::set<std::string_view> ids = {"IAM105", "IAM106", "IAM107", "IAM108", "IAM110", "IAM111",
                                            "IAM112", "IAM114", "IAM115", "IAM117", "IAM122"};
    std::vector<const Rule*> rules;
    for (const Rule* rule : builtin_rules()) {
        if (ids.contains(rule->meta().id)) rules.push_back(rule);
    }
    REQUIRE(rules.size() == ids.size());
    Engine engine(rules, Catalog::builtin());

    const fs::path folder = test::corpus_dir() / "aws-managed";
    const std::vector<fs::path> files = test::files_in(folder);
    REQUIRE(files.size() == 1541);

    std::map<std::string, std::vector<std::string>> found;  // rule id -> "file:line key-or-message"
    for (const auto& file : files) {
        auto loaded = load_file(file.filename().string(), test::read_text(file), {});
        std::vector<Finding> findings;
        for (const auto& document : loaded.documents) engine.analyze(document, findings);
        std::sort(findings.begin(), findings.end(), finding_order);
        for (const auto& f : findings) {
            CHECK_FALSE(f.internal_error);
            found[f.rule_id].push_back(f.location.path + ":" + std::to_string(f.location.range.line));
        }
    }
    std::cout << "Condition rules on " << files.size() << " AWS managed policies:\n";
    for (std::string_view id : ids) {
        const auto& list = found[std::string(id)];
        std::cout << "  " << id << ": " << list.size() << "\n";
        if (id != "IAM117" && id != "IAM122") {
            for (const auto& where : list) std::cout << "    " << where << "\n";
        }
    }

    // No unknown operator, no unknown key: the tag-key placeholders of the catalog
    // (secretsmanager:ResourceTag/tag-key) and two undocumented keys AWS's own policies use
    // (aws:PrincipalOrgMasterAccountId, lakeformation:GlueARN) are known.
    CHECK(found["IAM105"].empty());
    CHECK(found["IAM106"].empty());
    // Judged only for keys of another service than the actions concerned: the per-action key lists miss
    // keys that AWS's own policies use with success (70 findings if they were trusted). Two mixed lists
    // of AWS's own: redshift-serverless:GetManagedWorkgroup beside redshift-data actions under a
    // positive redshift-data:glue-catalog-arn condition, which its requests never carry.
    CHECK(found["IAM107"].size() == 2);
    // A true positive: "StringEquals": {"aws:ViaAWSService": ["amplify.amazonaws.com"]} compares a Bool
    // key with a service principal (aws:CalledVia was meant); that statement never applies.
    CHECK(found["IAM108"] == std::vector<std::string>{"AIOpsAssistantPolicy.json:869"});
    // ForAllValues: on codestar-connections:ProviderAction, which the Service Authorization Reference
    // types String (single-valued): true when a request has no provider action. ForAnyValue: on
    // iam:AWSServiceName and ec2:ResourceTag/eks:eni:owner (single-valued; low severity).
    CHECK(found["IAM110"] == std::vector<std::string>{"AmazonCodeGuruReviewerFullAccess.json:80",
                                                      "AmazonCodeGuruReviewerServiceRolePolicy.json:34",
                                                      "AmazonEKSVPCResourceController.json:9",
                                                      "AmazonMacieHandshakeRole.json:9"});
    // StringEquals on events:detail-type, ArrayOfString in the Service Authorization Reference.
    CHECK(found["IAM111"] ==
          std::vector<std::string>{"AWSAuditManagerAdministratorAccess.json:125",
                                   "CloudTrailEventContext.json:26",
                                   "SageMakerStudioProjectProvisioningRolePolicy.json:2841"});
    CHECK(found["IAM112"].empty());
    CHECK(found["IAM114"].empty());
    CHECK(found["IAM115"].empty());
    // String operators on ARN keys (aws:PrincipalArn, iam:PermissionsBoundary, ram:PermissionArn ...):
    // common in AWS's own policies; the count guards against a change in key typing.
    CHECK(found["IAM117"].size() == 41);
    // StringLike "*" on a tag or encryption-context key (ec2:ResourceTag/aws:ec2:fleet-id ...), 59 policies,
    // all read by hand: each only tests that the key is present, as Access Analyzer's
    // EQUIVALENT_TO_NULL_FALSE says of the same keys. None of the other readings (IfExists, ForAllValues:,
    // StringNotLike) occurs; the count guards against a change in how "*" values are read.
    CHECK(found["IAM122"].size() == 114);
}
