// The 1,541 AWS managed policies in ../shared/corpus/aws-managed were all accepted by AWS: none may get
// a finding at or above medium from the grammar rules IAM009-IAM013. IAM014 is logged, not held
// against them: AWS's own managed policies are not bound by the customer quota of 6,144 characters.
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

TEST_CASE("the AWS managed policies: no grammar finding from IAM009-IAM013, sizes logged", "[corpus]") {
    IAMLINT_NEEDS_CORPUS("aws-managed");
    const fs::path folder = test::corpus_dir() / "aws-managed";
    REQUIRE(fs::is_directory(folder));
    const std::vector<fs::path> files = test::files_in(folder);
    REQUIRE(files.size() == 1541);

    std::vector<const Rule*> rules;
    for (const char* id : {"IAM009", "IAM010", "IAM011", "IAM012", "IAM013", "IAM014"}) {
        const Rule* rule = find_rule(id);
        REQUIRE(rule != nullptr);
        rules.push_back(rule);
    }
    Engine engine(rules, Catalog::builtin());
    std::map<std::string, std::map<std::string, int>> counts;  // rule -> severity -> findings
    std::vector<std::string> oversized;
    for (const auto& file : files) {
        auto loaded = load_file(file.filename().string(), test::read_text(file), {});
        std::vector<Finding> findings;
        for (const auto& document : loaded.documents) engine.analyze(document, findings);
        for (const auto& f : findings) {
            INFO(f.location.path << ":" << f.location.range.line << ":" << f.location.range.column << " "
                                 << f.rule_id << " " << f.message);
            CHECK_FALSE(f.internal_error);
            ++counts[f.rule_id + " " + f.rule_name][std::string(to_string(f.severity))];
            if (f.rule_id == "IAM014") {
                oversized.push_back(f.location.path);
                CHECK(f.severity == Severity::Medium);
            } else {
                CHECK(f.severity < Severity::Medium);
            }
        }
    }
    std::cout << "Grammar findings (IAM009-IAM014) on " << files.size() << " AWS managed policies:\n";
    if (counts.empty()) std::cout << "  none\n";
    for (const auto& [rule, by_severity] : counts) {
        std::cout << "  " << rule << ":";
        for (const auto& [severity, n] : by_severity) std::cout << " " << severity << " " << n;
        std::cout << "\n";
    }
    std::cout << "  managed policies over 6,144 characters without whitespace: " << oversized.size() << "\n";

    // Checked against an independent count (Python's json.dumps with separators=(",", ":")): 72 of
    // them are over the customer managed policy quota, the largest of all being this one.
    CHECK(oversized.size() == 72);
    CHECK(std::find(oversized.begin(), oversized.end(), "AWSSupportServiceRolePolicy.json") !=
          oversized.end());
    CHECK(std::find(oversized.begin(), oversized.end(), "AdministratorAccess.json") == oversized.end());
}
