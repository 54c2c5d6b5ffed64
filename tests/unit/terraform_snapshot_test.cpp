// Snapshot of findings in Terraform plans: for each finding, its rule, its position in the plan file,
// the resource it names and the plan's text under it, compared with tests/fixtures/terraform/
// findings.snapshot. Messages are left out: the snapshot is about where findings land, and stays put
// when a rule rewords. After a deliberate change: IAMLINT_UPDATE_SNAPSHOTS=1 build/tests/iamlint_tests
// "[snapshot]", then review the diff.
#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>

#include "iamlint/engine.hpp"
#include "iamlint/loader.hpp"
#include "test_support.hpp"

using namespace iamlint;

namespace {

// Rules whose findings sit on single tokens of several kinds: an action, a resource, a statement.
constexpr const char* kRules[] = {"IAM201", "IAM202", "IAM203", "IAM204"};

std::string snapshot_of(const std::string& label, const std::filesystem::path& path) {
    std::vector<const Rule*> rules;
    for (const char* id : kRules) rules.push_back(find_rule(id));
    Engine engine(rules, Catalog::builtin());
    const auto loaded = load_file(label, test::read_text(path), {});
    std::vector<Finding> findings;
    for (const auto& document : loaded.documents) engine.analyze(document, findings);
    std::sort(findings.begin(), findings.end(), finding_order);

    std::ostringstream out;
    for (const auto& finding : findings) {
        const SourceRange& range = finding.location.range;
        out << finding.location.path << ":" << range.line << ":" << range.column << "-" << range.end_line
            << ":" << range.end_column << " " << finding.rule_id << " in " << finding.origin << " at "
            << finding.location.json_pointer << ": "
            << loaded.source->text().substr(range.offset, range.length) << "\n";
    }
    return out.str();
}

}  // namespace

TEST_CASE("snapshot: findings in Terraform plans, with positions in the plan file", "[snapshot][loaders]") {
    // From the corpus sample in the repository, so the snapshot is checked in any clone.
    const auto corpus = test::corpus_sample_dir() / "terraform-plan";
    std::string actual = snapshot_of("fixtures/terraform/plan.json",
                                     test::source_dir() / "tests/fixtures/terraform/plan.json");
    // Multi-line policy strings (format 0.1) and single-line ones (format 1.2) of the corpus.
    for (const char* file :
         {"checkov/tests/terraform/runner/resources/plan/tfplan.json",
          "terraform-iam-policy-validator/iam_check/test/identity_policies/test_plan.json"}) {
        actual += snapshot_of(std::string("corpus/") + file, corpus / file);
    }

    const auto golden = test::source_dir() / "tests/fixtures/terraform/findings.snapshot";
    const char* update = std::getenv("IAMLINT_UPDATE_SNAPSHOTS");
    if (update != nullptr && std::string(update) == "1") {
        std::ofstream(golden, std::ios::binary) << actual;
        WARN("rewrote " << golden.string());
    }
    CHECK(actual == test::read_text(golden));
}
