// The 1,541 AWS managed policies in ../shared/corpus/aws-managed: every one was accepted by AWS.
// No crash, no invalid-json or duplicate-key finding, and the finding counts per rule in the test log.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>

#include <catch2/catch.hpp>

#include "iamlint/engine.hpp"
#include "iamlint/loader.hpp"
#include "test_support.hpp"

using namespace iamlint;
namespace fs = std::filesystem;

TEST_CASE("the AWS managed policies: no syntax findings, counts per rule logged", "[corpus]") {
    IAMLINT_NEEDS_CORPUS("aws-managed");
    const fs::path folder = test::corpus_dir() / "aws-managed";
    REQUIRE(fs::is_directory(folder));
    const std::vector<fs::path> files = test::files_in(folder);
    REQUIRE(files.size() == 1541);

    Engine engine(select_rules({"all", {}, {}}), Catalog::builtin());
    std::map<std::string, std::map<std::string, int>> counts;  // rule -> severity -> count
    std::map<std::string, std::vector<std::string>> files_by_rule;
    for (const auto& file : files) {
        auto loaded = load_file(file.filename().string(), test::read_text(file), {});
        std::vector<Finding> findings;
        for (const auto& document : loaded.documents) {
            // AWS's own boundaries are read as boundaries from their names (docs/policy-kinds.md).
            const bool named_boundary =
                file.filename().string().find("PermissionsBoundary") != std::string::npos;
            CHECK(document.kind == (named_boundary ? PolicyKind::PermissionsBoundary : PolicyKind::Identity));
            engine.analyze(document, findings);
        }
        for (const auto& f : findings) {
            INFO(f.location.path << ":" << f.location.range.line << " " << f.rule_id << " " << f.message);
            CHECK_FALSE(f.internal_error);
            CHECK(f.rule_id != "IAM001");
            CHECK(f.rule_id != "IAM002");
            CHECK(f.location.range.line > 0);
            ++counts[f.rule_id + " " + f.rule_name][std::string(to_string(f.severity))];
            files_by_rule[f.rule_id].push_back(f.location.path);
        }
    }
    std::cout << "Findings per rule on " << files.size() << " AWS managed policies:\n";
    for (const auto& [rule, by_severity] : counts) {
        std::cout << "  " << rule << ":";
        for (const auto& [severity, n] : by_severity) std::cout << " " << severity << " " << n;
        std::cout << "\n";
    }

    // Facts checked by hand: only AdministratorAccess and AWSMcpServiceActionsFullAccess allow "*" on "*".
    auto& admins = files_by_rule["IAM201"];
    CHECK(admins ==
          std::vector<std::string>{"AWSMcpServiceActionsFullAccess.json", "AdministratorAccess.json"});
    // A Deny-only policy never triggers a breadth finding, "*" or not.
    CHECK(std::none_of(files_by_rule.begin(), files_by_rule.end(), [](const auto& entry) {
        return std::find(entry.second.begin(), entry.second.end(), "AWSDenyAll.json") != entry.second.end();
    }));
}
