// The built-in rules on a YAML template: every finding, with its position in the YAML and the policy it
// is in, must match tests/fixtures/cloudformation/snapshot.expected. After a deliberate change, rewrite
// the golden file with IAMLINT_UPDATE_SNAPSHOT=1 build/tests/iamlint_tests "[snapshot]" and review it.
#include <cstdlib>
#include <fstream>

#include <catch2/catch.hpp>

#include "iamlint/engine.hpp"
#include "iamlint/loader.hpp"
#include "test_support.hpp"

using namespace iamlint;

namespace {

struct Located {
    Finding finding;
    std::string origin;
};

std::string describe(const Located& located) {
    const auto& r = located.finding.location.range;
    return std::to_string(r.line) + ":" + std::to_string(r.column) + "-" + std::to_string(r.end_line) + ":" +
           std::to_string(r.end_column) + " " + std::string(to_string(located.finding.severity)) + " " +
           located.finding.rule_id + " " + located.finding.location.json_pointer + " [" + located.origin +
           "] " + located.finding.message + "\n";
}

}  // namespace

TEST_CASE("CloudFormation snapshot: findings with their YAML positions", "[cloudformation][snapshot]") {
    const auto folder = test::source_dir() / "tests" / "fixtures" / "cloudformation";
    auto loaded = load_file("snapshot.yaml", test::read_text(folder / "snapshot.yaml"), {});
    REQUIRE(loaded.format == InputFormat::CloudFormation);

    Engine engine(select_rules({"all", {}, {}}), Catalog::builtin());
    std::vector<Located> all;
    for (const auto& document : loaded.documents) {
        std::vector<Finding> findings;
        engine.analyze(document, findings);
        for (auto& finding : findings) all.push_back({std::move(finding), document.origin});
    }
    std::stable_sort(all.begin(), all.end(), [](const Located& a, const Located& b) {
        if (finding_order(a.finding, b.finding)) return true;
        if (finding_order(b.finding, a.finding)) return false;
        return a.origin < b.origin;
    });
    std::string actual;
    for (const auto& located : all) actual += describe(located);

    const auto golden = folder / "snapshot.expected";
    if (const char* update = std::getenv("IAMLINT_UPDATE_SNAPSHOT"); update != nullptr && *update == '1') {
        std::ofstream(golden, std::ios::binary) << actual;
    }
    CHECK(actual == test::read_text(golden));
}
