// The configuration file, .iamlint.yaml: what it says, where each value was written, and the rule
// settings that apply to one file once the built-in defaults, the file, its `overrides` and the command
// line are layered (in that order of precedence, lowest first; see docs/configuration.md).
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "iamlint/finding.hpp"
#include "iamlint/model.hpp"
#include "iamlint/rule.hpp"

namespace iamlint {

// A configuration that cannot be used; the message starts with "file:line:column: ".
class ConfigError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Where a value was written, for messages, findings and `iamlint config show`.
struct ConfigPosition {
    std::string path;  // the configuration file as shown to the user
    std::uint32_t line = 0;
    std::uint32_t column = 0;
    std::string text() const;  // "path:line:column"
};

// One entry of `rules:` (or of an override's `rules:`, or of --enable/--disable/--severity).
struct RuleSetting {
    std::string selector;  // a rule id, a rule name, or an area prefix such as "IAM2"
    std::optional<bool> enabled;
    std::optional<Severity> severity;
    std::string source;  // "path:line:column", or "command line"
};

struct PathOverride {
    std::vector<std::string> files;  // globs over paths relative to the configuration's folder
    std::optional<PolicyKind> policy_kind;
    std::vector<RuleSetting> rules;
    ConfigPosition position;
};

// One entry of `ignore:`; every field but rule and reason narrows what it matches.
struct IgnoreEntry {
    std::string rule;     // id, name or area prefix
    std::string path;     // glob relative to the configuration's folder
    std::string sid;      // the statement's Sid
    std::string pointer;  // JSON pointer inside the policy ("/Statement/2"); matches it and below
    std::string origin;   // glob over the policy's container ("CiRole*", "aws_iam_role.ci*")
    std::string action;   // globs over the offending action, resource or principal
    std::string resource;
    std::string principal;
    std::string reason;
    std::string expires;  // YYYY-MM-DD, the last day it applies; empty: no end
    ConfigPosition position;
};

struct ConfigFile {
    std::string path;              // as shown to the user
    std::filesystem::path folder;  // absolute; the paths in the file are relative to it
    std::optional<std::string> preset;
    std::optional<std::string> fail_on;  // a severity or "never"
    std::optional<Severity> min_severity;
    std::optional<std::vector<std::string>> account_ids;
    std::optional<std::vector<std::string>> include;
    std::optional<std::vector<std::string>> exclude;
    std::vector<RuleSetting> rules;
    std::vector<PathOverride> overrides;
    std::vector<IgnoreEntry> ignore;
    std::vector<ForbiddenAccess> forbid_access;                    // rule IAM502
    std::optional<std::string> baseline;                           // resolved against `folder`
    std::map<std::string, ConfigPosition, std::less<>> positions;  // top-level key -> where it is written
};

inline constexpr std::string_view kConfigFileNames[] = {".iamlint.yaml", ".iamlint.yml"};

// The configuration that applies in `start` (a folder): the first .iamlint.yaml or .iamlint.yml found
// walking up to the repository's root (a folder holding .git) or to the file system's root.
std::optional<std::filesystem::path> find_config_file(const std::filesystem::path& start);

// Reads and checks a configuration file; throws ConfigError naming the place of the first problem.
ConfigFile load_config_file(const std::filesystem::path& path);
// The same from text, for tests; `folder` is what relative paths in it are relative to.
ConfigFile parse_config(const std::string& display_path, std::string text,
                        const std::filesystem::path& folder);

// `display_path` (as findings show it, relative to the current folder or absolute) relative to
// `folder`, '/'-separated: how the configuration and the baseline name files.
std::string path_relative_to(const std::filesystem::path& folder, std::string_view display_path);

// YYYY-MM-DD, as `expires:` takes it.
bool is_iso_date(std::string_view text);

// Whether a rule selector names this rule, and how specifically: 0 not at all, else the more the
// narrower (an id or name beats "IAM20", which beats "IAM2").
std::size_t selector_specificity(std::string_view selector, const RuleMeta& rule);

// Checks a selector against the known rules; throws ConfigError (message without a position) for one
// that names none, with the closest names.
void check_rule_selector(std::string_view selector);

// Which rules run and at what severity, for each file. Layers, lowest precedence first: the preset's
// defaults, the file's `rules:`, the `rules:` of each override whose `files` match (in order), the
// command line. Within one layer the most specific selector wins.
class RulePlan {
public:
    RulePlan(std::string preset, const ConfigFile* config, std::vector<RuleSetting> command_line);

    struct Resolved {
        bool enabled = false;
        std::string enabled_source;        // "preset recommended", or where the deciding entry is
        std::optional<Severity> severity;  // nullopt: as the rule reports it
        std::string severity_source;
    };
    // `relative_path` is relative to the configuration's folder ("" with no configuration).
    Resolved resolve(const RuleMeta& rule, std::string_view relative_path) const;

    // Every rule enabled for some file: what the engine runs; findings are then kept per file.
    std::vector<const Rule*> rules_to_run(std::span<const Rule* const> rules) const;

    // The policy kind that `overrides` set for a file, and where; nullopt when none does.
    std::optional<std::pair<PolicyKind, std::string>> policy_kind(std::string_view relative_path) const;

    const std::string& preset() const { return preset_; }

private:
    std::vector<const std::vector<RuleSetting>*> layers(std::string_view relative_path,
                                                        const PathOverride* only_override = nullptr,
                                                        bool no_overrides = false) const;
    Resolved resolve_in(const RuleMeta& rule,
                        const std::vector<const std::vector<RuleSetting>*>& layers) const;

    std::string preset_;
    const ConfigFile* config_;
    std::vector<RuleSetting> command_line_;
};

}  // namespace iamlint
