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

TEST_CASE("a file reached twice, by other names or through links, is taken once", "[cli][discover]") {
    const fs::path root = iamlint::test::scratch_dir("discover-repeat-test");
    fs::create_directories(root / "a");
    fs::create_directories(root / "b");
    std::ofstream(root / "a" / "x.json") << "{}";
    std::ofstream(root / "a" / "y.json") << "{}";
    std::ofstream(root / "b" / "report.json") << "{}";
    fs::create_symlink(root / "a" / "x.json", root / "b" / "link-to-x.json");  // a link to a file is read
    fs::create_directory_symlink(root / "a", root / "a-link");                 // named: walked

    auto displayed = [](const Discovery& d) {
        std::vector<std::string> out;
        for (const auto& f : d.files) out.push_back(f.display_path);
        return out;
    };
    const std::string a = (root / "a").string(), b = (root / "b").string();
    const std::string x = (root / "a" / "x.json").string();
    const std::string x_again = (root / "b" / ".." / "a" / "x.json").string();
    const std::string x_through_link = (root / "a-link" / "x.json").string();
    auto found =
        discover_inputs({x, a, x_again, x_through_link, b, (root / "a-link").string()}, {"*.json"}, {});
    CHECK(found.errors.empty());
    CHECK(displayed(found) == std::vector<std::string>{x, a + "/y.json", b + "/report.json"});

    // The report written into a walked folder is no input; named, it is.
    const std::string report = (root / "b" / "report.json").string();
    auto walked = discover_inputs({b}, {"*.json"}, {}, report);
    CHECK(displayed(walked) == std::vector<std::string>{b + "/link-to-x.json"});
    auto named = discover_inputs({report}, {"*.json"}, {}, report);
    CHECK(displayed(named) == std::vector<std::string>{report});
    fs::remove_all(root);
}
