// Runs every rule over its fixtures: rules/<name>/fixtures/flagged/*.json must produce exactly the
// findings listed in the .expected file beside it ("LINE:COL-END_LINE:END_COL severity" per finding,
// in report order); rules/<name>/fixtures/clean/*.json must produce none of that rule's findings.
// A <case>.kind file beside a fixture forces its policy kind, as --policy-kind does ("scp"); a
// <case>.resource-type file gives the type of the resource its policy is attached to, as --resource-type
// does ("AWS::S3::Bucket").
// A <case>.accounts file beside a fixture lists trusted accounts, one per line, as --account-id does.
// A <case>.forbid file lists forbidden access, one entry per line: actions, then optionally " on " and
// resources, comma-separated (as forbid_access: and check-access give them).
// A <case>.old file holds the old version of the fixture, as `iamlint diff` compares them (IAM501).
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>

#include <catch2/catch.hpp>

#include "iamlint/engine.hpp"
#include "iamlint/loader.hpp"
#include "previous_version.hpp"
#include "test_support.hpp"

using namespace iamlint;
namespace fs = std::filesystem;

namespace {

std::vector<fs::path> json_files(const fs::path& folder) {
    std::vector<fs::path> files;
    if (!fs::is_directory(folder)) return files;
    for (const auto& entry : fs::directory_iterator(folder)) {
        if (entry.path().extension() == ".json") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

std::vector<std::string> split_commas(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string item; std::getline(in, item, ',');) {
        item.erase(0, item.find_first_not_of(' '));
        item.erase(item.find_last_not_of(' ') + 1);
        if (!item.empty()) out.push_back(item);
    }
    return out;
}

RuleSettings settings_of(const fs::path& file, std::unique_ptr<test::PreviousVersion>& old_version) {
    RuleSettings settings;
    fs::path forbid_file = file;
    forbid_file.replace_extension(".forbid");
    if (fs::exists(forbid_file)) {
        std::istringstream in(test::read_text(forbid_file));
        for (std::string line; std::getline(in, line);) {
            if (line.empty() || line[0] == '#') continue;
            const std::size_t on = line.find(" on ");
            ForbiddenAccess entry;
            entry.actions = split_commas(line.substr(0, on));
            if (on != std::string::npos) entry.resources = split_commas(line.substr(on + 4));
            settings.forbidden_access.push_back(std::move(entry));
        }
        REQUIRE_FALSE(settings.forbidden_access.empty());
    }
    fs::path old_file = file;
    old_file.replace_extension(".old");
    if (fs::exists(old_file)) {
        old_version = std::make_unique<test::PreviousVersion>(
            load_file(old_file.string(), test::read_text(old_file), {}));
        settings.previous = old_version.get();
    }
    fs::path accounts_file = file;
    accounts_file.replace_extension(".accounts");
    if (!fs::exists(accounts_file)) return settings;
    std::istringstream in(test::read_text(accounts_file));
    for (std::string line; std::getline(in, line);) {
        line.erase(line.find_last_not_of(" \r") + 1);
        if (!line.empty()) settings.trusted_accounts.push_back(line);
    }
    REQUIRE_FALSE(settings.trusted_accounts.empty());
    return settings;
}

std::vector<std::string> findings_of(const Rule& rule, const fs::path& file) {
    std::unique_ptr<test::PreviousVersion> old_version;
    Engine engine({&rule}, Catalog::builtin(), settings_of(file, old_version));
    std::vector<Finding> findings;
    LoadOptions options;
    fs::path kind_file = file;
    kind_file.replace_extension(".kind");
    if (fs::exists(kind_file)) {
        std::string kind = test::read_text(kind_file);
        kind.erase(kind.find_last_not_of(" \r\n") + 1);
        options.forced_kind = parse_policy_kind(kind);
        REQUIRE(options.forced_kind);
    }
    auto loaded = load_file(file.string(), test::read_text(file), options);
    fs::path resource_type_file = file;
    resource_type_file.replace_extension(".resource-type");
    if (fs::exists(resource_type_file)) {
        std::string resource_type = test::read_text(resource_type_file);
        resource_type.erase(resource_type.find_last_not_of(" \r\n") + 1);
        set_default_resource_type(loaded, resource_type);
    }
    // A fixture that no format recognizes would pass as clean without being analysed.
    REQUIRE_FALSE(loaded.documents.empty());
    for (const auto& document : loaded.documents) engine.analyze(document, findings);
    std::sort(findings.begin(), findings.end(), finding_order);
    std::vector<std::string> lines;
    for (const auto& f : findings) {
        const auto& r = f.location.range;
        lines.push_back(std::to_string(r.line) + ":" + std::to_string(r.column) + "-" +
                        std::to_string(r.end_line) + ":" + std::to_string(r.end_column) + " " +
                        std::string(to_string(f.severity)));
    }
    return lines;
}

std::vector<std::string> expected_lines(const fs::path& file) {
    std::istringstream in(test::read_text(file));
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) {
        if (!line.empty() && line[0] != '#') lines.push_back(line);
    }
    return lines;
}

}  // namespace

TEST_CASE("the registry: unique ids and names, sorted, each rule documented", "[rules]") {
    std::set<std::string_view> ids, names;
    std::string_view previous;
    for (const Rule* rule : builtin_rules()) {
        const auto& meta = rule->meta();
        INFO(meta.id << " " << meta.name);
        CHECK(ids.insert(meta.id).second);
        CHECK(names.insert(meta.name).second);
        CHECK(meta.id > previous);
        previous = meta.id;
        CHECK(meta.id.size() == 6);
        CHECK(meta.id.starts_with("IAM"));
        CHECK(meta.name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") == std::string_view::npos);
        CHECK_FALSE(meta.summary.empty());
        CHECK_FALSE(meta.description.empty());
        CHECK_FALSE(meta.tags.empty());
        const fs::path readme = test::source_dir() / "rules" / std::string(meta.name) / "README.md";
        REQUIRE(fs::exists(readme));
        CHECK(meta.readme == test::read_text(readme));
        CHECK(find_rule(meta.id) == rule);
        CHECK(find_rule(meta.name) == rule);
    }
}

TEST_CASE("every rule fires on its flagged fixtures and stays silent on its clean ones",
          "[rules][fixtures]") {
    for (const Rule* rule : builtin_rules()) {
        const std::string name(rule->meta().name);
        const fs::path fixtures = test::source_dir() / "rules" / name / "fixtures";
        auto flagged = json_files(fixtures / "flagged");
        auto clean = json_files(fixtures / "clean");
        INFO("rule " << name);
        CHECK_FALSE(flagged.empty());
        CHECK_FALSE(clean.empty());
        for (const auto& file : flagged) {
            INFO("fixture " << file.string());
            fs::path expected = file;
            expected.replace_extension(".expected");
            REQUIRE(fs::exists(expected));
            auto lines = expected_lines(expected);
            CHECK_FALSE(lines.empty());
            CHECK(findings_of(*rule, file) == lines);
        }
        for (const auto& file : clean) {
            INFO("fixture " << file.string());
            CHECK(findings_of(*rule, file).empty());
        }
    }
}
