// Shell completions and the manual page, generated from the CLI11 definition of the command line so
// that a new option or subcommand appears in them without being listed twice.
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

// Only this file's implementation and options.cpp include CLI11: its headers define validator objects
// at namespace scope, which every file that includes them constructs and compiles again.
namespace CLI {
class App;
}

namespace iamlint::cli {

// The value name that marks an option or positional whose values are rule ids or names
// (`->type_name(kRuleValueName)`): completions offer the built-in rules for it.
inline constexpr std::string_view kRuleValueName = "RULE";

// One option or positional, as the help shows it.
struct OptionDoc {
    std::vector<std::string> names;    // "-f", "--format"; a positional's one name ("paths")
    std::string value_name;            // "TEXT", "RULE"; "" for a flag
    std::vector<std::string> choices;  // the values an IsMember check accepts
    std::string description;
    std::string default_value;
    bool repeatable = false;
};

struct CommandDoc {
    std::string name;  // "iamlint", "rules", "show"
    std::string path;  // "iamlint config show"
    std::string description;
    std::string footer;
    std::vector<OptionDoc> options;
    std::vector<OptionDoc> positionals;
    std::vector<CommandDoc> subcommands;
    bool takes_parent_options = false;  // CLI11 fallthrough: the parent's options are accepted here too
};

// The visible options, positionals and subcommands of `app`, recursively (hidden ones are left out).
CommandDoc describe_command_line(const CLI::App& app);

enum class Shell { Bash, Zsh, Fish };

// The completion script for `shell`; rule ids and names complete the values marked kRuleValueName.
void write_completion_script(const CommandDoc& root, Shell shell, const std::vector<std::string>& rule_words,
                             std::ostream& out);

struct ManPageInfo {
    std::string version;       // "0.1.0"
    std::string version_text;  // what --version prints
    struct Rule {
        std::string id, name, severity, summary;
    };
    std::vector<Rule> rules;
};

// The manual page, section 1, in roff (man -l).
void write_man_page(const CommandDoc& root, const ManPageInfo& info, std::ostream& out);

}  // namespace iamlint::cli
