// The grammar rules IAM003-IAM008 and IAM015 on the 1,541 AWS managed policies in
// ../shared/corpus/aws-managed: AWS accepted every one, so none may get a finding at or above medium.
// The counts per rule and severity go to the test log.
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

TEST_CASE("the AWS managed policies: no grammar finding at or above medium", "[corpus][grammar]") {
    IAMLINT_NEEDS_CORPUS("aws-managed");
    const fs::path folder = test::corpus_dir() / "aws-managed";
    REQUIRE(fs::is_directory(folder));
    const std::vector<fs::path> files = test::files_in(folder);
    REQUIRE(files.size() == 1541);

    std::vector<const Rule*> rules;
    for (std::string_view id : {"IAM003", "IAM004", "IAM005", "IAM006", "IAM007", "IAM008", "IAM015"}) {
        const Rule* rule = find_rule(id);
        REQUIRE(rule != nullptr);
        rules.push_back(rule);
    }
    Engine engine(rules, Catalog::builtin());
    std::map<std::string, std::map<std::string, int>> counts;  // rule -> severity -> count
    std::size_t statements = 0;
    for (const auto& file : files) {
        auto loaded = load_file(file.filename().string(), test::read_text(file), {});
        std::vector<Finding> findings;
        for (const auto& document : loaded.documents) {
            REQUIRE(document.root != nullptr);
            statements += document.policy.statements.size();
            engine.analyze(document, findings);
        }
        for (const auto& f : findings) {
            INFO(f.location.path << ":" << f.location.range.line << ":" << f.location.range.column << " "
                                 << f.rule_id << " " << f.message);
            CHECK_FALSE(f.internal_error);
            CHECK(f.severity < Severity::Medium);
            ++counts[f.rule_id + " " + f.rule_name][std::string(to_string(f.severity))];
        }
    }
    // Every statement was read: a grammar rule that lost statements would also see nothing to report.
    CHECK(statements == 8278);
    std::cout << "Grammar findings (IAM003-IAM008, IAM015) on " << files.size() << " AWS managed policies, "
              << statements << " statements:";
    if (counts.empty()) std::cout << " none";
    std::cout << "\n";
    for (const auto& [rule, by_severity] : counts) {
        std::cout << "  " << rule << ":";
        for (const auto& [severity, n] : by_severity) std::cout << " " << severity << " " << n;
        std::cout << "\n";
    }
}
