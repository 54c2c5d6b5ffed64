// The sensitive-action rules (IAM302-IAM306) on the 1,541 AWS managed policies in
// ../shared/corpus/aws-managed: counts per rule and severity in the test log, and facts checked by hand.
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

namespace {

struct Seen {
    std::map<std::string, std::map<std::string, int>> counts;  // rule -> severity -> findings
    std::map<std::string, std::set<std::string>> files;        // rule -> files
    std::map<std::string, std::vector<std::string>> messages;  // "rule file" -> messages
};

Seen analyze_corpus() {
    const fs::path folder = test::corpus_dir() / "aws-managed";
    const std::vector<fs::path> files = test::files_in(folder);
    REQUIRE(files.size() == 1541);

    // One engine per rule: what each rule judges, before the engine keeps one finding per token
    // (docs/rules.md), which the report tests cover.
    std::vector<Engine> engines;
    for (std::string_view id : {"IAM302", "IAM303", "IAM304", "IAM305", "IAM306"}) {
        const Rule* rule = find_rule(id);
        REQUIRE(rule);
        engines.emplace_back(std::vector<const Rule*>{rule}, Catalog::builtin());
    }
    Seen seen;
    for (const auto& file : files) {
        auto loaded = load_file(file.filename().string(), test::read_text(file), {});
        std::vector<Finding> findings;
        for (const auto& engine : engines) {
            for (const auto& document : loaded.documents) engine.analyze(document, findings);
        }
        for (const auto& f : findings) {
            INFO(f.location.path << ":" << f.location.range.line << " " << f.rule_id << " " << f.message);
            CHECK_FALSE(f.internal_error);
            CHECK(f.location.range.line > 0);
            // Every finding points at an Action entry and relates the Resource that leaves it open.
            CHECK(f.location.json_pointer.find("/Action") != std::string::npos);
            CHECK_FALSE(f.related.empty());
            ++seen.counts[f.rule_id + " " + f.rule_name][std::string(to_string(f.severity))];
            seen.files[f.rule_id + " " + std::string(to_string(f.severity))].insert(f.location.path);
            seen.files[f.rule_id].insert(f.location.path);
            seen.messages[f.rule_id + " " + f.location.path].push_back(f.message);
        }
    }
    std::cout << "Sensitive-action findings on " << files.size() << " AWS managed policies:\n";
    for (const auto& [rule, by_severity] : seen.counts) {
        std::cout << "  " << rule << ":";
        for (const auto& [severity, n] : by_severity) std::cout << " " << severity << " " << n;
        std::cout << " (" << seen.files[rule.substr(0, 6)].size() << " policies)\n";
    }
    return seen;
}

bool mentions(const Seen& seen, const std::string& rule, const std::string& file, std::string_view text) {
    auto it = seen.messages.find(rule + " " + file);
    if (it == seen.messages.end()) return false;
    return std::any_of(it->second.begin(), it->second.end(),
                       [&](const std::string& message) { return message.find(text) != std::string::npos; });
}

bool has(const Seen& seen, const std::string& rule, const std::string& file) {
    auto it = seen.files.find(rule);
    return it != seen.files.end() && it->second.count(file) > 0;
}

}  // namespace

TEST_CASE("the AWS managed policies: sensitive-action findings that make sense", "[corpus][sensitive]") {
    IAMLINT_NEEDS_CORPUS("aws-managed");
    const Seen seen = analyze_corpus();
    const std::vector<std::string> rules = {"IAM302", "IAM303", "IAM304", "IAM305", "IAM306"};

    // "Action": "*" is IAM201's critical finding alone: the 3xx rules add nothing to full admin.
    // A Deny-only policy grants nothing.
    for (const auto& rule : rules) {
        INFO(rule);
        CHECK_FALSE(has(seen, rule, "AdministratorAccess.json"));
        CHECK_FALSE(has(seen, rule, "AWSDenyAll.json"));
        // Read-only views of configuration and audit read no data and return no credentials.
        CHECK_FALSE(has(seen, rule, "ViewOnlyAccess.json"));
        CHECK_FALSE(has(seen, rule, "SecurityAudit.json"));
    }

    // ReadOnlyAccess reads every object, item, parameter and message (Get*, Scan, Receive...), and
    // also grants the reads that return credentials, the very ones AWS's own read-only Chatbot
    // policy denies (ec2:GetPasswordData, storagegateway:DescribeChapCredentials). It changes no
    // permission and passes or creates no role.
    CHECK(has(seen, "IAM304", "ReadOnlyAccess.json"));
    CHECK(mentions(seen, "IAM304", "ReadOnlyAccess.json", "athena:GetQueryResults"));
    CHECK(has(seen, "IAM303", "ReadOnlyAccess.json"));
    CHECK(mentions(seen, "IAM303", "ReadOnlyAccess.json", "ec2:GetPasswordData"));
    CHECK(mentions(seen, "IAM303", "ReadOnlyAccess.json", "storagegateway:DescribeChapCredentials"));
    CHECK_FALSE(has(seen, "IAM302", "ReadOnlyAccess.json"));
    CHECK_FALSE(has(seen, "IAM305", "ReadOnlyAccess.json"));
    CHECK_FALSE(has(seen, "IAM306", "ReadOnlyAccess.json"));

    // iam:* on "*": every kind of IAM risk, and no data (IAM holds none).
    for (const auto& rule : {"IAM302", "IAM303", "IAM305", "IAM306"}) {
        INFO(rule);
        CHECK(has(seen, rule, "IAMFullAccess.json"));
    }
    CHECK_FALSE(has(seen, "IAM304", "IAMFullAccess.json"));
    CHECK(mentions(seen, "IAM303", "IAMFullAccess.json", "iam:CreateAccessKey"));
    // s3:* on "*": access grants, bucket policies and ACLs of every bucket, and every object.
    CHECK(has(seen, "IAM302", "AmazonS3FullAccess.json"));
    CHECK(has(seen, "IAM304", "AmazonS3FullAccess.json"));
    CHECK(mentions(seen, "IAM302", "AmazonS3FullAccess.json", "s3:CreateAccessGrant"));
    CHECK(has(seen, "IAM304", "AmazonS3ReadOnlyAccess.json"));
    CHECK_FALSE(has(seen, "IAM302", "AmazonS3ReadOnlyAccess.json"));
    // PowerUserAccess keeps IAM out through NotAction, then allows creating any service-linked role.
    CHECK(seen.files.at("IAM306") == std::set<std::string>{"AWSOrganizationsServiceTrustPolicy.json",
                                                           "AdministratorAccess-Amplify.json",
                                                           "IAMFullAccess.json", "PowerUserAccess.json"});
    // iam:PassRole on "*" with no iam:PassedToService: checked by hand, each a statement that lists
    // iam:PassRole among other actions on "*". Most AWS policies that pass roles on "*" name the
    // service, which is the medium case.
    CHECK(seen.files.at("IAM305 high") ==
          std::set<std::string>{"AWSElasticBeanstalkService.json", "AdministratorAccess-Amplify.json",
                                "AmazonDynamoDBFullAccesswithDataPipeline.json",
                                "AmazonElasticMapReduceFullAccess.json", "AmazonElasticMapReduceRole.json",
                                "IAMFullAccess.json"});
    CHECK(seen.files.at("IAM305 medium").size() > seen.files.at("IAM305 high").size());
}
