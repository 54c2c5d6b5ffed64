// The command line: options, input discovery, the lint run and the rules/explain commands.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "iamlint/engine.hpp"
#include "iamlint/finding.hpp"
#include "iamlint/loader.hpp"
#include "iamlint/model.hpp"
#include "iamlint/report.hpp"

namespace iamlint::cli {

enum class ColorMode { Auto, Always, Never };

struct LintConfig {
    std::vector<std::string> paths;
    std::vector<std::string> include = {"*.json"};
    std::vector<std::string> exclude;
    ReportFormat format = ReportFormat::Text;
    std::string output;                                // "" is stdout
    std::optional<Severity> fail_on = Severity::High;  // nullopt: never fail on findings
    Severity min_severity = Severity::Info;
    std::optional<PolicyKind> policy_kind;
    RuleSelection rules;
    ColorMode color = ColorMode::Auto;
    std::uint64_t max_file_bytes = kDefaultMaxInputBytes;  // larger inputs are not read (an error)
};

// Exit codes, as documented in the README.
inline constexpr int kExitClean = 0;
inline constexpr int kExitFindings = 1;
inline constexpr int kExitError = 2;

// Parses the arguments and runs the command they name; returns the exit code.
int main(int argc, char** argv);

struct InputFile {
    std::string display_path;  // as the user will see it in findings
    std::filesystem::path path;
    bool from_stdin = false;
    bool named = false;  // named on the command line, not found in a folder
};

struct Discovery {
    std::vector<InputFile> files;
    std::vector<std::string> errors;   // paths that could not be read, with the reason
    std::vector<std::string> skipped;  // files and folders left out by the globs (shown with -v)
};

// Files named on the command line are always taken; folders are walked recursively in name order,
// taking files that match an include glob and no exclude glob. A file reached twice is taken once,
// and `report_path` (the --output file, if any) is not taken from a folder.
Discovery discover_inputs(const std::vector<std::string>& paths, const std::vector<std::string>& include,
                          const std::vector<std::string>& exclude, const std::string& report_path = {});

// Glob over '/'-separated paths: '*' and '?' stop at '/', '**' crosses it.
bool glob_match(std::string_view pattern, std::string_view path);

int run_lint(const LintConfig& config, std::ostream& out);

enum class RulesFormat { Text, Markdown };
void print_rules(RulesFormat format, std::ostream& out);
int explain_rule(const std::string& id_or_name, std::ostream& out);

std::string version_text();

}  // namespace iamlint::cli
