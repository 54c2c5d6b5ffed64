// describe_command_line: what the completions and the man page are written from.
#include <sstream>

#include <CLI/CLI.hpp>
#include <catch2/catch.hpp>

#include "command_line_docs.hpp"

namespace {

using iamlint::cli::CommandDoc;
using iamlint::cli::OptionDoc;

const OptionDoc* find_option(const CommandDoc& command, const std::string& name) {
    for (const auto& option : command.options)
        for (const auto& option_name : option.names)
            if (option_name == name) return &option;
    return nullptr;
}

struct SampleApp {
    CLI::App app{"tool: does things.\nAt length.", "tool"};
    std::string format = "text", rule, hidden, path;
    std::vector<std::string> enable;
    bool quiet = false;
    SampleApp() {
        app.add_option("-f,--format", format, "Output format")
            ->check(CLI::IsMember({"text", "json"}))
            ->capture_default_str();
        app.add_option("--enable", enable, "Rules")->type_name("RULE");
        app.add_option("--secret", hidden, "Not shown")->group("");
        app.add_flag("-q,--quiet", quiet, "Quiet");
        auto* show = app.add_subcommand("show", "Show a thing");
        show->add_option("path", path, "A path");
        show->fallthrough();
        app.add_subcommand("internal", "Not shown")->group("");
    }
};

}  // namespace

TEST_CASE("describe_command_line reads names, values, choices and defaults from CLI11",
          "[cli][completions]") {
    SampleApp sample;
    const CommandDoc root = iamlint::cli::describe_command_line(sample.app);
    CHECK(root.path == "tool");
    const OptionDoc* format = find_option(root, "--format");
    REQUIRE(format != nullptr);
    CHECK(format->names == std::vector<std::string>{"-f", "--format"});
    CHECK(format->choices == std::vector<std::string>{"text", "json"});
    CHECK(format->default_value == "text");
    const OptionDoc* enable = find_option(root, "--enable");
    REQUIRE(enable != nullptr);
    CHECK(enable->value_name == "RULE");
    CHECK(enable->repeatable);
    const OptionDoc* quiet = find_option(root, "--quiet");
    REQUIRE(quiet != nullptr);
    CHECK(quiet->value_name.empty());  // a flag
    CHECK(find_option(root, "--help") != nullptr);
    CHECK(find_option(root, "--secret") == nullptr);  // hidden options are left out
    REQUIRE(root.subcommands.size() == 1);            // and so are hidden subcommands
    const CommandDoc& show = root.subcommands.front();
    CHECK(show.path == "tool show");
    CHECK(show.takes_parent_options);
    REQUIRE(show.positionals.size() == 1);
    CHECK(show.positionals.front().names.front() == "path");
}

TEST_CASE("completion scripts complete a fallthrough subcommand with its parent's options",
          "[cli][completions]") {
    SampleApp sample;
    const CommandDoc root = iamlint::cli::describe_command_line(sample.app);
    std::ostringstream bash;
    iamlint::cli::write_completion_script(root, iamlint::cli::Shell::Bash, {"IAM001", "invalid-json"}, bash);
    // The scope of "tool show" offers --format too, and its values.
    const std::string script = bash.str();
    const std::size_t show_scope = script.find("    \"tool show\")\n        case \"$prev\" in");
    REQUIRE(show_scope != std::string::npos);
    CHECK(script.find("-f|--format)", show_scope) != std::string::npos);
    CHECK(script.find("--enable)\n            COMPREPLY=($(compgen -W \"$rules\"") != std::string::npos);
    CHECK(script.find("IAM001 invalid-json") != std::string::npos);
    CHECK(script.find("secret") == std::string::npos);
    CHECK(script.find("internal") == std::string::npos);
}
