// The command line: options, input discovery, the lint run and the rules/explain commands.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "iamlint/catalog.hpp"
#include "iamlint/config.hpp"
#include "iamlint/engine.hpp"
#include "iamlint/finding.hpp"
#include "iamlint/loader.hpp"
#include "iamlint/model.hpp"
#include "iamlint/report.hpp"

namespace iamlint::cli {

enum class ColorMode { Auto, Always, Never };

// What a folder scan reads by default: policies and the files that hold them, JSON or YAML
// (CloudFormation). Files of none of the known formats are then skipped.
inline const std::vector<std::string> kDefaultIncludeGlobs = {"*.json", "*.yaml", "*.yml"};

struct LintConfig {
    std::vector<std::string> paths;
    std::vector<std::string> include = kDefaultIncludeGlobs;
    std::vector<std::string> exclude;
    ReportFormat format = ReportFormat::Text;
    std::string output;                                // "" is stdout
    std::optional<Severity> fail_on = Severity::High;  // nullopt: never fail on findings
    Severity min_severity = Severity::Info;
    std::optional<PolicyKind> policy_kind;
    InputFormat input_format = InputFormat::Auto;
    std::string resource_type;  // --resource-type: of the resource policies whose container does not say
    RuleSelection rules;
    ColorMode color = ColorMode::Auto;
    std::string catalog_file;  // --catalog; "" is the builtin catalog
    RuleSettings settings;     // --account-id
    unsigned jobs = 1;         // files read and analysed at once (-j); main sets one per core
    std::uint64_t max_file_bytes = kDefaultMaxInputBytes;  // larger inputs are not read (an error)

    // Adoption in a repository: the configuration file, rule settings, suppressions and the baseline.
    std::optional<ConfigFile> file;          // .iamlint.yaml, unless --no-config
    std::vector<RuleSetting> rule_settings;  // --enable, --disable, --severity: the command line's layer
    bool report_suppressed = false;          // --report-suppressed
    bool inline_suppressions = true;         // false with --no-inline-suppressions
    std::string baseline;                    // --baseline or the file's baseline:; "" none
    std::string write_baseline;              // --write-baseline FILE
    // Where each setting came from, for `iamlint config show`: "default", "file:line:column", "command line".
    std::map<std::string, std::string, std::less<>> sources;
    // diff and check-access: run only these rules (by id), whatever the preset; the configuration's
    // severities and suppressions still apply.
    std::vector<std::string> only_rules;
};

// `iamlint diff`: OLD and NEW, or --base-ref REF and the new paths.
struct DiffConfig {
    std::vector<std::string> paths;
    std::string base_ref;
    bool per_principal = false;
};

// Compares each new policy with its old version and reports IAM501; exit codes as run_lint's.
int run_diff(LintConfig config, const DiffConfig& diff, std::ostream& out);

// Reports IAM502 where a policy may allow the forbidden access; exit codes as run_lint's.
int run_check_access(LintConfig config, const ForbiddenAccess& forbidden, std::ostream& out);

// Throws UsageError unless git runs here, in a repository that has the commit `ref`.
void check_git_revision(const std::string& ref);
// The file's text at commit `ref` (git cat-file); nullopt when the file is not in that commit.
std::optional<std::string> git_show(const std::string& ref, const std::filesystem::path& path);

// `iamlint config show [PATH]`: the settings that apply to PATH and where each comes from.
int show_config(const LintConfig& config, const std::string& path, std::ostream& out);

struct ExpandConfig {
    std::vector<std::string> patterns;
    bool json = false;
    std::string catalog_file;
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

// Writes `content` beside `path` and renames it over `path`, so that the file is either the old one or
// the new one; returns the error, or "" on success.
std::string replace_file(const std::string& path, const std::string& content);

enum class RulesFormat { Text, Markdown };
void print_rules(RulesFormat format, std::ostream& out);
int explain_rule(const std::string& id_or_name, std::ostream& out);

std::string version_text();

// The catalog a command judges by: the builtin one, or the file given with --catalog, which is loaded
// into `loaded`. Throws CatalogError when the file cannot be read or is not a catalog.
const Catalog& choose_catalog(const std::string& file, std::unique_ptr<Catalog>& loaded);

// Prints the actions the patterns match (union, catalog order); exit 2 when a pattern matches none.
int expand_patterns(const ExpandConfig& config, std::ostream& out);

}  // namespace iamlint::cli
