#include <filesystem>
#include <fstream>

#include <catch2/catch.hpp>

#include "cli.hpp"
#include "test_support.hpp"

using namespace iamlint::cli;
namespace fs = std::filesystem;

TEST_CASE("globs: '*' and '?' stay within a folder, '**' crosses folders", "[cli][glob]") {
    CHECK(glob_match("*.json", "policy.json"));
    CHECK_FALSE(glob_match("*.json", "policy.yaml"));
    CHECK_FALSE(glob_match("*.json", "dir/policy.json"));
    CHECK(glob_match("dir/*.json", "dir/policy.json"));
    CHECK_FALSE(glob_match("dir/*.json", "dir/sub/policy.json"));
    CHECK(glob_match("dir/**/*.json", "dir/policy.json"));
    CHECK(glob_match("dir/**/*.json", "dir/a/b/policy.json"));
    CHECK(glob_match("**", "a/b/c"));
    CHECK(glob_match("**/test*", "a/b/test-policy.json"));
    CHECK(glob_match("p?licy.json", "policy.json"));
    CHECK_FALSE(glob_match("a?b", "a/b"));
    CHECK(glob_match("", ""));
    CHECK_FALSE(glob_match("", "x"));
    CHECK(glob_match("*", ""));
}

TEST_CASE("folders are walked recursively in name order with include and exclude globs", "[cli][discover]") {
    const fs::path root = iamlint::test::scratch_dir("discover-test");
    for (const char* file : {"b.json", "a.json", "notes.txt", "sub/c.json", "sub/deep/d.json", "skip/e.json",
                             ".git/f.json", "node_modules/g.json"}) {
        fs::create_directories((root / file).parent_path());
        std::ofstream(root / file) << "{}";
    }
    fs::create_directory_symlink(root, root / "sub" / "loop");  // not followed

    auto names = [&root](const Discovery& d) {
        std::vector<std::string> out;
        for (const auto& f : d.files)
            out.push_back(fs::path(f.display_path).lexically_relative(root).generic_string());
        return out;
    };
    auto all = discover_inputs({root.string()}, {"*.json"}, {});
    CHECK(all.errors.empty());
    CHECK(names(all) ==
          std::vector<std::string>{"a.json", "b.json", "skip/e.json", "sub/c.json", "sub/deep/d.json"});

    auto excluded = discover_inputs({root.string()}, {"*.json"}, {"skip", "sub/deep/**"});
    CHECK(names(excluded) == std::vector<std::string>{"a.json", "b.json", "sub/c.json"});

    auto explicit_file = discover_inputs({(root / "notes.txt").string(), "-", "-"}, {"*.json"}, {});
    REQUIRE(explicit_file.files.size() == 2);  // named files are always taken; stdin once
    CHECK(explicit_file.files[1].from_stdin);

    auto missing = discover_inputs({(root / "nope.json").string()}, {"*.json"}, {});
    CHECK(missing.files.empty());
    REQUIRE(missing.errors.size() == 1);
    CHECK_THAT(missing.errors[0], Catch::Contains("nope.json"));
    fs::remove_all(root);
}
