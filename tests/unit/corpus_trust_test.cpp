// The principal and trust rules (IAM401-IAM409) over ../shared/corpus: per-rule counts written to the
// test log and held to what was checked by eye. Every critical finding was read in its file; the true
// positives are listed beside the counts.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>
#include <string>

#include <catch2/catch.hpp>

#include "iamlint/engine.hpp"
#include "iamlint/loader.hpp"
#include "test_support.hpp"

using namespace iamlint;
namespace fs = std::filesystem;

namespace {

using Counts = std::map<std::string, std::size_t>;  // "IAM401 critical" -> findings

std::vector<const Rule*> trust_rules() {
    std::vector<const Rule*> rules;
    for (const Rule* rule : builtin_rules()) {
        if (rule->meta().id.starts_with("IAM4")) rules.push_back(rule);
    }
    return rules;
}

Counts count_findings(const std::string& folder, std::vector<Finding>* kept = nullptr) {
    Engine engine(trust_rules(), Catalog::builtin());
    Counts counts;
    const auto files = test::files_in(test::corpus_dir() / folder, {".json", ".yaml", ".yml"});
    for (const auto& file : files) {
        auto loaded =
            load_file(fs::relative(file, test::corpus_dir()).generic_string(), test::read_text(file), {});
        std::vector<Finding> findings;
        for (const auto& document : loaded.documents) engine.analyze(document, findings);
        for (const auto& finding : findings) {
            ++counts[finding.rule_id + " " + std::string(to_string(finding.severity))];
            if (kept != nullptr) kept->push_back(finding);
        }
    }
    std::cout << "corpus " << folder << ":";
    for (const auto& [rule, count] : counts) std::cout << " " << rule << "=" << count;
    std::cout << "\n";
    return counts;
}

}  // namespace

TEST_CASE("trust rules on the AWS managed policies: identity policies, nothing to report",
          "[corpus][trust]") {
    IAMLINT_NEEDS_CORPUS("aws-managed");
    // No managed policy names a principal, and none denies on "Bool" aws:MultiFactorAuthPresent
    // (those that test MFA use BoolIfExists or an Allow); without --policy-kind scp, none is an SCP.
    CHECK(count_findings("aws-managed").empty());
}

TEST_CASE("trust rules on the CloudFormation templates", "[corpus][trust]") {
    IAMLINT_NEEDS_CORPUS("cloudformation");
    std::vector<Finding> findings;
    const Counts counts = count_findings("cloudformation", &findings);
    // IAM401, 21, all read: the public_access_test.yml of Access Analyzer's validator (a KMS key, an S3
    // bucket, an S3 Tables bucket, an API Gateway API, a CodeArtifact domain, two CloudTrail resource
    // policies, an S3 Express access point and a backup vault, all "*" without condition), its
    // bad_template.json SQS queue, and cfn_nag's wildcard-principal fixtures (KMS key, S3 bucket with
    // s3:* to "*", four SNS topic policies, three SQS queue policies, and Allow+NotPrincipal on a bucket
    // and a queue). The other 35 templates with "*" principals are TLS Denies or carry
    // aws:SourceAccount / aws:SourceArn conditions: silent.
    CHECK(counts.at("IAM401 critical") == 21);
    // IAM403, 2: CodePipelineServiceRole of public_access_test.yml trusts {"AWS": "*"}; cfn_nag's
    // iam_role_not_principal_on_trust.json allows with NotPrincipal.
    CHECK(counts.at("IAM403 critical") == 2);
    // IAM405, 35, one per statement, for 37 service principals: AWS Config (19), CloudTrail (4), VPC
    // flow-log delivery (6), EventBridge (4), CloudWatch Logs (2) and SQS (2) on buckets, topics and keys
    // without a source condition; AWS's current templates for these services add aws:SourceAccount.
    // log-setup-management (JSON and YAML) lists delivery.logs and events in one statement.
    CHECK(counts.at("IAM405 medium") == 35);
    // IAM407, 11 bucket policies without a TLS Deny (the compliant-* templates have one).
    CHECK(counts.at("IAM407 low") == 11);
    // No trusted account is given: IAM402 and IAM404 stay silent. No OIDC trust, no Deny on "Bool"
    // MultiFactorAuthPresent false, no SCP in the corpus.
    for (const char* silent : {"IAM402", "IAM404", "IAM406", "IAM408", "IAM409"}) {
        INFO(silent);
        CHECK(std::none_of(findings.begin(), findings.end(),
                           [&](const Finding& f) { return f.rule_id == silent; }));
    }
    CHECK(counts.size() == 4);
}

TEST_CASE("trust rules on the Terraform plans and authorization details", "[corpus][trust]") {
    IAMLINT_NEEDS_CORPUS("");
    const Counts plans = count_findings("terraform-plan");
    // IAM401, 11: ten policies of terraform-iam-policy-validator's public_access plan (backup vault,
    // CodeArtifact domain, DynamoDB, two Kinesis, OpenSearch, S3 bucket, two S3 Tables, SNS topic), all
    // "*" without condition, and checkov's plan whose Elasticsearch domain allows es:* to "*".
    CHECK(plans.at("IAM401 critical") == 11);
    // IAM403, 2: aws_iam_role.default and aws_iam_role.test_role of public_access trust "*".
    CHECK(plans.at("IAM403 critical") == 2);
    CHECK(plans.at("IAM407 low") == 4);
    CHECK(plans.size() == 3);
    // The GitHub OIDC trust policies of checkov's example are data sources unknown at plan time.

    const Counts dumps = count_findings("account-authorization-details");
    // cloudmapper's demo account: the role bad_role trusts {"AWS": "*"}.
    CHECK(dumps.at("IAM403 critical") == 1);
    CHECK(dumps.size() == 1);
}
