// The breadth rules IAM206-IAM212 on the 1,541 AWS managed policies of ../shared/corpus/aws-managed: the
// counts per rule go to the test log, and the facts below were checked by hand against the files.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>
#include <set>

#include <catch2/catch.hpp>

#include "iamlint/ascii.hpp"
#include "iamlint/engine.hpp"
#include "iamlint/loader.hpp"
#include "test_support.hpp"

using namespace iamlint;
namespace fs = std::filesystem;

namespace {

using Files = std::set<std::string>;

Files files_of(const std::map<std::string, Files>& by_rule, const std::string& id) {
    auto it = by_rule.find(id);
    return it == by_rule.end() ? Files{} : it->second;
}

}  // namespace

TEST_CASE("the breadth rules on the AWS managed policies", "[corpus][breadth]") {
    IAMLINT_NEEDS_CORPUS("aws-managed");
    const fs::path folder = test::corpus_dir() / "aws-managed";
    REQUIRE(fs::is_directory(folder));
    const std::vector<fs::path> files = test::files_in(folder);
    REQUIRE(files.size() == 1541);

    std::vector<const Rule*> rules;
    for (std::string_view id : {"IAM206", "IAM207", "IAM208", "IAM209", "IAM210", "IAM211", "IAM212"}) {
        const Rule* rule = find_rule(id);
        REQUIRE(rule != nullptr);
        rules.push_back(rule);
    }
    Engine engine(rules, Catalog::builtin());
    std::map<std::string, std::map<std::string, int>> counts;  // "IAM206 name" -> severity -> findings
    std::map<std::string, Files> files_by_rule;
    std::map<std::string, int> findings_by_rule;
    Files repeated_actions;  // a fact of the files, found without the rules: an action twice in one list
    for (const auto& file : files) {
        auto loaded = load_file(file.filename().string(), test::read_text(file), {});
        std::vector<Finding> findings;
        for (const auto& document : loaded.documents) {
            engine.analyze(document, findings);
            for (const auto& statement : document.policy.statements) {
                const auto& entries = statement.actions.entries;
                for (std::size_t i = 0; i < entries.size(); ++i) {
                    for (std::size_t j = i + 1; j < entries.size(); ++j) {
                        if (iequals(entries[i].text, entries[j].text))
                            repeated_actions.insert(document.path());
                    }
                }
            }
        }
        for (const auto& f : findings) {
            INFO(f.location.path << ":" << f.location.range.line << " " << f.rule_id << " " << f.message);
            CHECK_FALSE(f.internal_error);
            CHECK(f.location.range.line > 0);
            if (f.rule_id == "IAM209") {
                // At the "*" of the region or account, or "*:*" for both: the corpus has no escaped ARNs.
                const auto& r = f.location.range;
                CHECK(r.end_line == r.line);
                CHECK((r.end_column - r.column == 1 || r.end_column - r.column == 3));
            }
            ++counts[f.rule_id + " " + f.rule_name][std::string(to_string(f.severity))];
            ++findings_by_rule[f.rule_id];
            files_by_rule[f.rule_id].insert(f.location.path);
        }
    }
    std::cout << "Breadth findings per rule on " << files.size() << " AWS managed policies:\n";
    for (const auto& [rule, by_severity] : counts) {
        std::cout << "  " << rule << ":";
        for (const auto& [severity, n] : by_severity) std::cout << " " << severity << " " << n;
        std::cout << " (" << files_by_rule[rule.substr(0, 6)].size() << " files)\n";
    }

    // Of the 13 documents with NotAction (corpus README), only PowerUserAccess uses it in an Allow; the
    // other 12 deny everything except a list.
    CHECK(files_of(files_by_rule, "IAM206") == Files{"PowerUserAccess.json"});
    // Of the 13 with NotResource, 8 use it in an Allow (an action on everything but one resource type,
    // such as ec2:CreateVpcEndpoint except vpc-endpoint/*); the other 5 only in a Deny. Two of the 8 are
    // AWS's permissions boundaries, read as boundaries from their names: they grant nothing.
    CHECK(files_of(files_by_rule, "IAM207") ==
          Files{"AmazonElastiCacheFullAccess.json", "AmazonSageMakerFullAccess.json",
                "AmazonSageMakerServiceCatalogProductsCloudformationServiceRolePolicy.json",
                "DataScientist.json", "ElastiCacheServiceRolePolicy.json",
                "SageMakerStudioProjectUserRolePolicy.json"});
    CHECK(findings_by_rule["IAM206"] == 1);
    CHECK(findings_by_rule["IAM207"] == 6);
    // Managed policies have no Principal.
    CHECK(files_of(files_by_rule, "IAM208").empty());

    // Every document with a repeated action is reported, among others with covered patterns.
    CHECK(repeated_actions.size() == 7);
    const Files redundant = files_of(files_by_rule, "IAM210");
    CHECK(
        std::includes(redundant.begin(), redundant.end(), repeated_actions.begin(), repeated_actions.end()));

    // Read access to every secret or parameter, checked by hand: SecretsManagerReadWrite and
    // AWSSecretsManagerClientReadOnlyAccess (GetSecretValue on every secret), AmazonSSMReadOnlyAccess and
    // ReadOnlyAccess (ssm:Get* on "*").
    const Files secrets = files_of(files_by_rule, "IAM211");
    for (const char* name : {"SecretsManagerReadWrite.json", "AWSSecretsManagerClientReadOnlyAccess.json",
                             "AmazonSSMReadOnlyAccess.json", "ReadOnlyAccess.json"}) {
        INFO(name);
        CHECK(secrets.count(name) == 1);
    }
    // s3:* and rds:* on "*" include deleting buckets and databases; ReadOnlyAccess deletes nothing.
    const Files destructive = files_of(files_by_rule, "IAM212");
    CHECK(destructive.count("AmazonS3FullAccess.json") == 1);
    CHECK(destructive.count("AmazonRDSFullAccess.json") == 1);
    CHECK(destructive.count("ReadOnlyAccess.json") == 0);

    // A Deny-only policy has none of these findings.
    for (const auto& [rule, names] : files_by_rule) {
        INFO(rule);
        CHECK(names.count("AWSDenyAll.json") == 0);
    }
}
