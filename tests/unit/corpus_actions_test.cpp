// The precision bar of the catalog-validity rules on the 1,541 AWS managed policies, which AWS
// accepted: IAM101 unknown-service and IAM102 unknown-action together find at most 150 entries, and
// each one is listed in the test log. Reviewed by hand (catalog of 2026-09-26): they are retired
// services (deepracer, deeplens, mobilehub, iot1click, deepcomposer, zocalo, iotroborunner,
// elastic-inference, datazonecontrol, sagemaker-groundtruth-synthetic) or actions newer than the data
// (securityagent, qapps, memorydb, route53-recovery-control-config) or retired from a live service
// (cloudhsm v1, cloud9), none a matching error.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <set>

#include <catch2/catch.hpp>

#include "iamlint/engine.hpp"
#include "iamlint/loader.hpp"
#include "test_support.hpp"

using namespace iamlint;
namespace fs = std::filesystem;

TEST_CASE("the AWS managed policies: at most 150 unknown services and actions, all listed", "[corpus]") {
    IAMLINT_NEEDS_CORPUS("aws-managed");
    const fs::path folder = test::corpus_dir() / "aws-managed";
    REQUIRE(fs::is_directory(folder));
    const std::vector<fs::path> files = test::files_in(folder);
    REQUIRE(files.size() == 1541);

    Engine engine(select_rules({"all", {}, {}}), Catalog::builtin());
    std::vector<std::string> listed;
    std::set<std::string> services;
    for (const auto& file : files) {
        auto loaded = load_file(file.filename().string(), test::read_text(file), {});
        std::vector<Finding> findings;
        for (const auto& document : loaded.documents) engine.analyze(document, findings);
        std::sort(findings.begin(), findings.end(), finding_order);
        for (const auto& f : findings) {
            if (f.rule_id != "IAM101" && f.rule_id != "IAM102") continue;
            CHECK(f.severity == Severity::High);
            // The action is the first quoted text of an IAM102 message, the second of an IAM101 one (after
            // the service prefix); its service is what the review groups by.
            std::size_t open = f.message.find('"');
            if (f.rule_id == "IAM101") open = f.message.find('"', f.message.find('"', open + 1) + 1);
            const std::string action = f.message.substr(open + 1, f.message.find('"', open + 1) - open - 1);
            services.insert(action.substr(0, action.find(':')));
            listed.push_back(f.location.path + ":" + std::to_string(f.location.range.line) + " " + f.rule_id +
                             " " + action);
        }
    }
    std::cout << "IAM101 + IAM102 on " << files.size() << " AWS managed policies: " << listed.size()
              << " findings, in " << services.size() << " services\n";
    for (const auto& line : listed) std::cout << "  " << line << "\n";
    CHECK(listed.size() <= 150);
    // Services that AWS still lists must not be reported as unknown: spot checks of the matching.
    for (std::string_view known : {"s3", "ec2", "iam", "sts", "logs", "cloudtrail", "kms", "lambda"})
        CHECK(services.count(std::string(known)) == 0);
}
