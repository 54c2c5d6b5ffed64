// The reference/candidate pairs of tests/diff/pairs/ (tests/diff/pairs.tsv says what each is): no
// candidate that grants new access passes, and the candidates that stay inside their reference are
// proven so exactly where the file says.
#include <iostream>
#include <sstream>

#include <catch2/catch.hpp>

#include "iamlint/access_diff.hpp"
#include "iamlint/loader.hpp"
#include "test_support.hpp"

using namespace iamlint;
namespace fs = std::filesystem;

TEST_CASE("diff: reference/candidate pairs", "[diff][pairs]") {
    const fs::path folder = test::source_dir() / "tests/diff";
    std::istringstream table(test::read_text(folder / "pairs.tsv"));
    std::size_t pairs = 0, new_access = 0, proven = 0, unproven = 0;
    for (std::string line; std::getline(table, line);) {
        if (line.empty() || line[0] == '#') continue;
        std::istringstream fields(line);
        std::string name, truth;
        std::getline(fields, name, '\t');
        std::getline(fields, truth, '\t');
        INFO("pair " << name << " (" << truth << ")");
        const fs::path pair = folder / "pairs" / name;
        REQUIRE(fs::exists(pair / "reference.json"));
        const LoadedFile reference =
            load_file("reference.json", test::read_text(pair / "reference.json"), {});
        const LoadedFile candidate =
            load_file("candidate.json", test::read_text(pair / "candidate.json"), {});
        REQUIRE(reference.documents.size() == 1);
        REQUIRE(candidate.documents.size() == 1);
        const PolicyDocument* before = &reference.documents.front();
        const PolicyDocument* after = &candidate.documents.front();
        const bool reported =
            !find_new_access(Catalog::builtin(), std::span(&before, 1), std::span(&after, 1)).empty();
        ++pairs;
        if (truth == "new") {
            ++new_access;
            CHECK(reported);  // never a false pass
        } else if (truth == "contained-proven") {
            ++proven;
            CHECK_FALSE(reported);
        } else {
            REQUIRE(truth == "contained-unproven");
            ++unproven;
            CHECK(reported);  // now proven: move it to contained-proven
        }
    }
    std::cout << "diff pairs: " << pairs << " (" << new_access << " grant new access, all reported; "
              << proven + unproven << " stay inside their reference, " << proven << " proven, " << unproven
              << " not proven)\n";
    CHECK(pairs >= 60);
}
