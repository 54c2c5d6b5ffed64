// A rule's README shows an example policy, the lines iamlint prints for it, and the fixed policy.
// They are checked here against the real engine, so that the docs cannot drift from the code. A README
// whose ```sh blocks pass --account-id ID runs its example with those trusted accounts, and one that
// passes --policy-kind KIND with that kind. One that runs `iamlint check-access --action A --resource R`
// forbids that access; one that runs `iamlint diff` compares with its third JSON block, the old version.
#include <algorithm>
#include <memory>
#include <sstream>

#include <catch2/catch.hpp>

#include "iamlint/engine.hpp"
#include "iamlint/loader.hpp"
#include "previous_version.hpp"
#include "test_support.hpp"

using namespace iamlint;

namespace {

// The contents of the fenced blocks of one language, in order.
std::vector<std::string> fenced_blocks(std::string_view markdown, std::string_view language) {
    std::vector<std::string> blocks;
    const std::string open = "```" + std::string(language) + "\n";
    for (std::size_t at = markdown.find(open); at != std::string_view::npos; at = markdown.find(open, at)) {
        const std::size_t begin = at + open.size();
        const std::size_t end = markdown.find("\n```", begin - 1);
        if (end == std::string_view::npos) break;
        blocks.emplace_back(markdown.substr(begin, end + 1 - begin));
        at = end + 4;
    }
    return blocks;
}

// The first line of each finding of the text report: "PATH:LINE:COL: SEVERITY: MESSAGE [ID NAME]".
std::vector<std::string> finding_lines(const std::string& path, const std::string& text,
                                       const Rule* only = nullptr, const RuleSettings& settings = {},
                                       const LoadOptions& options = {}, std::string_view resource_type = {}) {
    std::vector<const Rule*> rules(builtin_rules().begin(), builtin_rules().end());
    if (only != nullptr) rules = {only};
    Engine engine(rules, Catalog::builtin(), settings);
    auto loaded = load_file(path, text, options);
    set_default_resource_type(loaded, resource_type);
    std::vector<Finding> findings;
    for (const auto& document : loaded.documents) engine.analyze(document, findings);
    std::sort(findings.begin(), findings.end(), finding_order);
    std::vector<std::string> lines;
    for (const auto& f : findings) {
        std::ostringstream line;
        line << f.location.path << ":" << f.location.range.line << ":" << f.location.range.column << ": "
             << to_string(f.severity) << ": " << f.message << " [" << f.rule_id << " " << f.rule_name << "]";
        lines.push_back(line.str());
    }
    return lines;
}

// The accounts that the README's shell examples give with --account-id.
RuleSettings settings_of(std::string_view readme) {
    RuleSettings settings;
    constexpr std::string_view kOption = "--account-id ";
    for (const auto& block : fenced_blocks(readme, "sh")) {
        for (auto at = block.find(kOption); at != std::string::npos; at = block.find(kOption, at + 1)) {
            settings.trusted_accounts.push_back(block.substr(at + kOption.size(), 12));
        }
    }
    return settings;
}

// The values of an option in the README's shell examples ("--action iam:CreateUser").
std::vector<std::string> option_values(std::string_view readme, std::string_view option) {
    std::vector<std::string> values;
    const std::string spaced = std::string(option) + " ";
    for (const auto& block : fenced_blocks(readme, "sh")) {
        for (auto at = block.find(spaced); at != std::string::npos; at = block.find(spaced, at + 1)) {
            const auto begin = at + spaced.size();
            values.push_back(block.substr(begin, block.find_first_of(" \n", begin) - begin));
        }
    }
    return values;
}

// check-access's forbidden access, and diff's old version.
void add_command_settings(std::string_view readme, const std::vector<std::string>& policies,
                          RuleSettings& settings, std::unique_ptr<test::PreviousVersion>& previous) {
    if (auto actions = option_values(readme, "--action"); !actions.empty())
        settings.forbidden_access.push_back({actions, option_values(readme, "--resource"), ""});
    const auto shell = fenced_blocks(readme, "sh");
    const bool diff = std::any_of(shell.begin(), shell.end(), [](const std::string& block) {
        return block.find("iamlint diff") != std::string::npos;
    });
    if (diff) {
        REQUIRE(policies.size() >= 3);
        previous = std::make_unique<test::PreviousVersion>(load_file("old.json", policies[2], {}));
        settings.previous = previous.get();
    }
}

// The kind that the README's shell examples force with --policy-kind.
LoadOptions options_of(std::string_view readme) {
    LoadOptions options;
    constexpr std::string_view kOption = "--policy-kind ";
    for (const auto& block : fenced_blocks(readme, "sh")) {
        if (auto at = block.find(kOption); at != std::string::npos) {
            const auto begin = at + kOption.size();
            options.forced_kind = parse_policy_kind(block.substr(begin, block.find(' ', begin) - begin));
        }
    }
    return options;
}

// The resource type that the README's shell examples give with --resource-type.
std::string resource_type_of(std::string_view readme) {
    constexpr std::string_view kOption = "--resource-type ";
    for (const auto& block : fenced_blocks(readme, "sh")) {
        if (auto at = block.find(kOption); at != std::string::npos) {
            const auto begin = at + kOption.size();
            return block.substr(begin, block.find_first_of(" \n", begin) - begin);
        }
    }
    return {};
}

}  // namespace

TEST_CASE("each rule's README example prints what it quotes, and its fix is clean", "[rules][docs]") {
    for (const Rule* rule : builtin_rules()) {
        const std::string_view readme = rule->meta().readme;
        INFO("README of " << rule->meta().name);
        const auto policies = fenced_blocks(readme, "json");
        const auto outputs = fenced_blocks(readme, "text");
        REQUIRE(policies.size() >= 2);
        REQUIRE(outputs.size() >= 1);

        std::istringstream quoted(outputs.front());
        std::vector<std::string> quoted_lines;
        for (std::string line; std::getline(quoted, line);) {
            if (!line.empty()) quoted_lines.push_back(line);
        }
        REQUIRE_FALSE(quoted_lines.empty());
        const std::string path = quoted_lines.front().substr(0, quoted_lines.front().find(':'));
        RuleSettings settings = settings_of(readme);
        std::unique_ptr<test::PreviousVersion> previous;
        add_command_settings(readme, policies, settings, previous);
        const LoadOptions options = options_of(readme);
        const std::string resource_type = resource_type_of(readme);
        const auto printed = finding_lines(path, policies[0], nullptr, settings, options, resource_type);
        for (const auto& line : quoted_lines) {
            INFO("quoted: " << line);
            CHECK(std::find(printed.begin(), printed.end(), line) != printed.end());
        }
        INFO("the fixed policy");
        CHECK(finding_lines(path, policies[1], rule, settings, options, resource_type).empty());
    }
}
