// Command-line options -> a validated LintConfig, and dispatch to the command.
#include <unistd.h>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>

#include <CLI/CLI.hpp>

#include "cli.hpp"
#include "command_line_docs.hpp"
#include "iamlint/ascii.hpp"
#include "iamlint/baseline.hpp"
#include "iamlint/catalog.hpp"
#include "iamlint/config.hpp"
#include "iamlint/engine.hpp"
#include "iamlint/log.hpp"
#include "iamlint/parallel.hpp"

namespace iamlint::cli {

namespace {

// CLI11 validators that also turn the text into our enums.
std::optional<Severity> parse_fail_on(const std::string& text) {
    if (iequals(text, "never")) return std::nullopt;
    return parse_severity(text);
}

void configure_logging(int verbosity, bool quiet) {
    log::show_from(quiet ? log::Level::Error : verbosity > 0 ? log::Level::Debug : log::Level::Warning);
}

// The options of adopting iamlint in a repository: configuration file, rule severities, suppressions
// and baseline.
struct AdoptionOptions {
    std::string config_path;
    bool no_config = false;
    std::vector<std::string> severities;  // RULE=LEVEL
    bool no_inline_suppressions = false;
    CLI::Option* baseline = nullptr;
};

AdoptionOptions add_adoption_options(CLI::App& app, LintConfig& config) {
    AdoptionOptions options;
    auto* config_option = app.add_option(
        "--config", options.config_path,
        "Read this configuration file instead of the .iamlint.yaml (or .iamlint.yml) found from the current "
        "folder up to the repository's root");
    app.add_flag("--no-config", options.no_config, "Read no configuration file")->excludes(config_option);
    app.add_option("--severity", options.severities,
                   "Report a rule (id, name or area prefix such as IAM2) at this severity: RULE=LEVEL "
                   "(repeatable)")
        ->allow_extra_args(false)  // one value per occurrence: a path after it stays a path
        ->delimiter(',');
    options.baseline =
        app.add_option("--baseline", config.baseline,
                       "Report and fail only on findings that this baseline file does not hold");
    app.add_option("--write-baseline", config.write_baseline,
                   "Write the findings of this run to this baseline file, report nothing and exit 0");
    app.add_flag("--report-suppressed", config.report_suppressed,
                 "Also report the findings that suppressions and the baseline accept, marked as such");
    app.add_flag("--no-inline-suppressions", options.no_inline_suppressions,
                 "Ignore suppressions in CloudFormation Metadata and YAML comments: only the configuration's "
                 "ignore: entries apply");
    return options;
}

RuleSetting severity_setting(const std::string& text) {
    const std::size_t equals = text.find('=');
    const std::string selector = text.substr(0, std::min(equals, text.size()));
    const auto severity =
        equals == std::string::npos ? std::nullopt : parse_severity(text.substr(equals + 1));
    if (!severity)
        throw ConfigError("--severity takes RULE=LEVEL, LEVEL one of critical, high, medium, low, info: '" +
                          text + "'");
    check_rule_selector(selector);
    return {selector, std::nullopt, severity, "command line (--severity " + text + ")"};
}

// Reads the configuration file and layers it under the command line; records where each value came from.
void apply_configuration(const AdoptionOptions& options, LintConfig& config,
                         const std::vector<std::pair<std::string_view, CLI::Option*>>& settings,
                         std::string& fail_on, std::string& min_severity) {
    namespace fs = std::filesystem;
    if (!options.no_config) {
        std::optional<fs::path> found;
        if (!options.config_path.empty()) {
            found = fs::path(options.config_path);
        } else if (auto walked = find_config_file(fs::current_path())) {
            std::error_code ec;
            found = fs::proximate(*walked, ec);
            if (ec) found = *walked;
        }
        if (found) config.file = load_config_file(*found);
    }
    if (config.file) config.settings.forbidden_access = config.file->forbid_access;
    config.inline_suppressions = !options.no_inline_suppressions;
    auto from_file = [&](std::string_view key) {
        return config.file && config.file->positions.contains(key);
    };
    for (const auto& [key, option] : settings) {
        if (option->count() > 0) {
            config.sources[std::string(key)] = "command line";
            continue;
        }
        if (!from_file(key)) {
            config.sources[std::string(key)] = "default";
            continue;
        }
        config.sources[std::string(key)] = config.file->positions.find(key)->second.text();
        const ConfigFile& file = *config.file;
        if (key == "preset") config.rules.preset = *file.preset;
        if (key == "fail_on") fail_on = *file.fail_on;
        if (key == "min_severity") min_severity = std::string(to_string(*file.min_severity));
        if (key == "account_ids") config.settings.trusted_accounts = *file.account_ids;
    }
    // The file's include and exclude filter what folders yield, relative to its folder; a command-line
    // --include or --exclude replaces them.
    if (config.file) {
        if (config.sources["include"] == "command line") config.file->include.reset();
        if (config.sources["exclude"] == "command line") config.file->exclude.reset();
    }
    if (options.baseline->count() > 0) {
        config.sources["baseline"] = "command line";
    } else if (from_file("baseline")) {
        std::error_code ec;
        const fs::path shown = fs::proximate(*config.file->baseline, ec);  // as relative as the user's paths
        config.baseline = ec ? *config.file->baseline : shown.string();
        config.sources["baseline"] = config.file->positions.find("baseline")->second.text();
    } else {
        config.sources["baseline"] = "default";
    }
    // The command line's rule layer: --enable, then --disable (which wins among equals), then --severity.
    for (const auto& name : config.rules.enable) {
        check_rule_selector(name);
        config.rule_settings.push_back({name, true, std::nullopt, "command line (--enable " + name + ")"});
    }
    for (const auto& name : config.rules.disable) {
        check_rule_selector(name);
        config.rule_settings.push_back({name, false, std::nullopt, "command line (--disable " + name + ")"});
    }
    for (const auto& text : options.severities) config.rule_settings.push_back(severity_setting(text));
}

void finish_config(LintConfig& config, const std::string& format, const std::string& fail_on,
                   const std::string& min_severity, const std::string& policy_kind,
                   const std::string& input_format) {
    config.format = *parse_report_format(to_lower(format));
    config.fail_on = parse_fail_on(fail_on);
    config.min_severity = *parse_severity(min_severity);
    if (!policy_kind.empty()) config.policy_kind = parse_policy_kind(policy_kind);
    config.input_format = *parse_input_format(input_format);
    config.rules.preset = to_lower(config.rules.preset);
}

// The completion script for `shell` ("bash", "zsh", "fish"), or the manual page for "man".
void print_command_line_docs(const CLI::App& app, const std::string& shell, std::ostream& out) {
    const CommandDoc root = describe_command_line(app);
    std::vector<std::string> rule_words;
    ManPageInfo man{IAMLINT_VERSION, version_text(), {}};
    for (const Rule* rule : builtin_rules()) {
        const RuleMeta& meta = rule->meta();
        rule_words.emplace_back(meta.id);
        rule_words.emplace_back(meta.name);
        man.rules.push_back({std::string(meta.id), std::string(meta.name),
                             std::string(to_string(meta.default_severity)), std::string(meta.summary)});
    }
    if (shell == "man") return write_man_page(root, man, out);
    write_completion_script(root,
                            shell == "zsh"    ? Shell::Zsh
                            : shell == "fish" ? Shell::Fish
                                              : Shell::Bash,
                            rule_words, out);
}

}  // namespace

// Writes beside the target and renames, so that the target is either the old file or the new one.
std::string replace_file(const std::string& path, const std::string& content) {
    const std::string temporary = path + ".iamlint-" + std::to_string(::getpid()) + ".tmp";
    {
        std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
        if (!file) return std::strerror(errno);
        file << content;
        file.flush();
        if (!file) {
            std::string error = std::strerror(errno);
            std::remove(temporary.c_str());
            return error;
        }
    }
    if (std::rename(temporary.c_str(), path.c_str()) != 0) {
        std::string error = std::strerror(errno);
        std::remove(temporary.c_str());
        return error;
    }
    return {};
}

std::string version_text() {
    const auto& catalog = Catalog::builtin().version();
    return "iamlint " IAMLINT_VERSION " (AWS catalog: " + std::string(catalog.source) + " " +
           std::string(catalog.version) + ", " + std::string(catalog.date) + ")";
}

int main(int argc, char** argv) {
    CLI::App app{
        "iamlint: a fast, offline static analyzer for AWS IAM policies.\n"
        "Lints IAM policies and prints findings with their exact position. Reads policy documents,\n"
        "CloudFormation and SAM templates (JSON or YAML), Terraform plans (terraform show -json),\n"
        "aws iam get-account-authorization-details dumps and AWS CLI output that wraps one policy\n"
        "(get-policy-version, get-role, get-bucket-policy ...); each file's format is detected, or set\n"
        "with --input-format.",
        "iamlint"};
    app.set_version_flag("--version", version_text());
    app.footer(
        "Exit status: 0 no finding at or above --fail-on; 1 findings at or above it;\n"
        "2 usage error, a configuration or baseline that cannot be used, unreadable input\n"
        "(or a named file of no known format) or internal error.\n"
        "Docs: iamlint rules, iamlint explain IAM201, README.md and docs/ in the repository.");

    LintConfig config;
    std::string format = "text";
    std::string fail_on = "high";
    std::string min_severity = "info";
    std::string policy_kind;
    std::string input_format = "auto";
    std::string color = "auto";
    int verbosity = 0;
    bool quiet = false;

    app.add_option("paths", config.paths,
                   "Policy files, folders (searched recursively) or - for standard input");
    app.add_option("-f,--format", format, "Output format: text, json, sarif or github (workflow annotations)")
        ->check(CLI::IsMember({"text", "json", "sarif", "github"}, CLI::ignore_case))
        ->capture_default_str();
    app.add_option("-o,--output", config.output, "Write the report to this file instead of standard output");
    auto* fail_on_option =
        app.add_option("--fail-on", fail_on,
                       "Exit 1 when a finding is at or above: critical, high, medium, low, info, never")
            ->check(CLI::IsMember({"critical", "high", "medium", "low", "info", "never"}, CLI::ignore_case))
            ->capture_default_str();
    auto* min_severity_option =
        app.add_option("--min-severity", min_severity, "Report only findings at or above this severity")
            ->check(CLI::IsMember({"critical", "high", "medium", "low", "info"}, CLI::ignore_case))
            ->capture_default_str();
    app.add_option(
           "--policy-kind", policy_kind,
           "Treat every policy as this kind instead of detecting it: identity, resource, trust, scp, rcp, "
           "permissions-boundary, session, vpc-endpoint, iot")
        ->check(CLI::IsMember({"identity", "resource", "trust", "scp", "rcp", "permissions-boundary",
                               "session", "vpc-endpoint", "iot"},
                              CLI::ignore_case));
    config.jobs = default_thread_count();
    app.add_option("-j,--jobs", config.jobs,
                   "Read and analyse this many files at once (default: one per core); the output is the "
                   "same whatever the number")
        ->check(CLI::Range(1U, 256U));
    std::vector<std::string> resource_types;
    for (std::string_view name : resource_policy_type_names()) resource_types.emplace_back(name);
    app.add_option(
           "--resource-type", config.resource_type,
           "The type of the resource that resource policies are attached to when their container does "
           "not say (a bare bucket policy file), one of those listed; policies of CloudFormation and "
           "Terraform resources keep their own")
        ->check(CLI::IsMember(resource_types, CLI::ignore_case));
    app.add_option("--input-format", input_format,
                   "Read every file as: auto (detect each file's format), policy, cloudformation, "
                   "terraform-plan, authorization-details, cli-output")
        ->check(CLI::IsMember(
            {"auto", "policy", "cloudformation", "terraform-plan", "authorization-details", "cli-output"},
            CLI::ignore_case))
        ->capture_default_str();
    auto* include_option =
        app.add_option("--include", config.include, "Glob of files to take from folders (repeatable)")
            ->capture_default_str()
            ->allow_extra_args(false)  // one value per occurrence: a path after it stays a path
            ->delimiter(',');
    auto* exclude_option =
        app.add_option("--exclude", config.exclude,
                       "Glob of files or folders to leave out of folders (repeatable)")
            ->allow_extra_args(false)  // one value per occurrence: a path after it stays a path
            ->delimiter(',');
    auto* preset_option = app.add_option("--preset", config.rules.preset, "Rule preset: recommended or all")
                              ->check(CLI::IsMember({"recommended", "all"}, CLI::ignore_case))
                              ->capture_default_str();
    app.add_option("--enable", config.rules.enable,
                   "Also run this rule, by id, name or area prefix (repeatable)")
        ->type_name(std::string(kRuleValueName))
        ->allow_extra_args(false)  // one value per occurrence: a path after it stays a path
        ->delimiter(',');
    app.add_option("--disable", config.rules.disable,
                   "Do not run this rule, by id, name or area prefix (repeatable)")
        ->type_name(std::string(kRuleValueName))
        ->allow_extra_args(false)  // one value per occurrence: a path after it stays a path
        ->delimiter(',');
    app.add_option("--color", color,
                   "Colour text output: auto (on a terminal, unless NO_COLOR is set), always, never")
        ->check(CLI::IsMember({"auto", "always", "never"}, CLI::ignore_case))
        ->capture_default_str();
    app.add_option(
        "--catalog", config.catalog_file,
        "Judge by this AWS catalog file (the format of data/catalog.tsv) instead of the builtin one");
    auto* account_option =
        app.add_option("--account-id", config.settings.trusted_accounts,
                       "Your own AWS account (12 digits; repeatable): principals of other accounts are "
                       "cross-account (IAM402, IAM404)")
            ->allow_extra_args(false)  // one value per occurrence: a path after it stays a path
            ->delimiter(',')
            ->check(CLI::Validator(
                [](const std::string& text) {
                    bool digits =
                        text.size() == 12 && text.find_first_not_of("0123456789") == std::string::npos;
                    return digits ? std::string() : "an AWS account id is 12 digits: " + text;
                },
                "ACCOUNT", "12-digit account id"));
    std::uint64_t max_file_mib = kDefaultMaxInputBytes / (1024 * 1024);
    app.add_option("--max-file-size", max_file_mib, "Do not read inputs larger than this many MiB (an error)")
        ->check(CLI::Range(std::uint64_t{1}, kMaxInputBytesLimit / (1024 * 1024)))
        ->capture_default_str();
    AdoptionOptions adoption = add_adoption_options(app, config);
    auto* quiet_flag = app.add_flag("-q,--quiet", quiet, "Print only errors on standard error");
    app.add_flag("-v,--verbose", verbosity, "Print what is read and skipped on standard error")
        ->excludes(quiet_flag);

    auto* rules_command = app.add_subcommand("rules", "List the built-in rules");
    std::string rules_format = "text";
    rules_command->add_option("-f,--format", rules_format, "text or markdown")
        ->check(CLI::IsMember({"text", "markdown"}))
        ->capture_default_str();

    auto* explain_command = app.add_subcommand("explain", "Print a rule's documentation");
    std::string explain_id;
    explain_command->add_option("rule", explain_id, "Rule id or name, e.g. IAM201 or wildcard-action")
        ->type_name(std::string(kRuleValueName))
        ->required();
    auto* expand_command =
        app.add_subcommand("expand", "List the actions that IAM action patterns match (s3:Get*, *:PassRole)");
    ExpandConfig expand;
    std::string expand_format = "text";
    expand_command->add_option("patterns", expand.patterns, "Action patterns, e.g. s3:Get* iam:*Role*")
        ->required();
    expand_command->add_option("-f,--format", expand_format, "text or json")
        ->check(CLI::IsMember({"text", "json"}, CLI::ignore_case))
        ->capture_default_str();
    expand_command->add_option("--catalog", expand.catalog_file,
                               "Judge by this AWS catalog file instead of the builtin one");
    auto* config_command = app.add_subcommand("config", "Inspect the configuration (.iamlint.yaml)");
    auto* show_command = config_command->add_subcommand(
        "show", "Print the settings that apply to a file or folder and where each one comes from");
    std::string show_path = ".";
    show_command->add_option("path", show_path, "A file or folder (default: the current folder)");
    auto* diff_command = app.add_subcommand("diff",
                                            "Report what NEW may allow that OLD did not (IAM501): two files, "
                                            "two folders (paired by relative path), "
                                            "or --base-ref REF and the new paths");
    DiffConfig diff;
    diff_command->add_option("paths", diff.paths,
                             "OLD NEW, or with --base-ref the files and folders to compare");
    diff_command->add_option(
        "--base-ref", diff.base_ref,
        "Take each file's old version from this git commit (git show REF:path); a file not "
        "in it is new");
    diff_command->add_flag("--per-principal", diff.per_principal,
                           "In authorization-details dumps, compare each user's, group's and role's policies "
                           "together instead of policy by policy");
    diff_command->fallthrough();  // iamlint diff a.json b.json --format json
    diff_command->footer(
        "The lint run's options (--format, --output, --fail-on, --min-severity, --config, --include, "
        "--exclude "
        "...) apply, before or after 'diff'. See docs/diff.md.");
    auto* check_access_command = app.add_subcommand(
        "check-access",
        "Report policies that may allow the given actions (IAM502), offline CheckAccessNotGranted");
    ForbiddenAccess forbidden;
    std::vector<std::string> check_paths;
    check_access_command
        ->add_option("--action", forbidden.actions, "An action or action pattern (repeatable)")
        ->required()
        ->allow_extra_args(false)
        ->delimiter(',');
    check_access_command
        ->add_option("--resource", forbidden.resources,
                     "Only on resources this ARN pattern may name (repeatable; default: any resource)")
        ->allow_extra_args(false)
        ->delimiter(',');
    check_access_command->add_option("paths", check_paths, "Policy files and folders")->required();
    check_access_command->fallthrough();
    check_access_command->footer(
        "The lint run's options (--format, --output, --fail-on, --config ...) apply. forbid_access: in "
        ".iamlint.yaml runs the same check in every lint run. See docs/diff.md.");
    config_command->require_subcommand(1, 1);
    config_command->fallthrough();  // iamlint config show --config FILE x.json
    show_command->fallthrough();
    auto* completions_command =
        app.add_subcommand("completions", "Print the shell completion script for bash, zsh or fish");
    std::string completion_shell;
    completions_command->add_option("shell", completion_shell, "The shell: bash, zsh or fish")
        ->check(CLI::IsMember({"bash", "zsh", "fish"}))
        ->required();
    auto* man_command = app.add_subcommand("man", "Print the manual page (roff: iamlint man | man -l -)");
    app.require_subcommand(0, 1);

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        std::cerr << "iamlint: " << e.what() << "\nRun 'iamlint --help' for usage.\n";
        return kExitError;
    }
    configure_logging(verbosity, quiet);

    for (auto* command :
         {rules_command, explain_command, expand_command, config_command, completions_command, man_command}) {
        if (command->parsed() && !config.paths.empty()) {
            std::cerr << "iamlint: '" << command->get_name() << "' is a command and takes no paths; "
                      << "to lint a folder named " << command->get_name() << ", write ./"
                      << command->get_name() << "\n";
            return kExitError;
        }
    }
    if (rules_command->parsed()) {
        print_rules(rules_format == "markdown" ? RulesFormat::Markdown : RulesFormat::Text, std::cout);
        return kExitClean;
    }
    if (explain_command->parsed()) return explain_rule(explain_id, std::cout);
    if (completions_command->parsed() || man_command->parsed()) {
        print_command_line_docs(app, completions_command->parsed() ? completion_shell : "man", std::cout);
        return kExitClean;
    }
    if (expand_command->parsed()) {
        expand.json = to_lower(expand_format) == "json";
        if (expand.catalog_file.empty()) expand.catalog_file = config.catalog_file;  // given before "expand"
        try {
            return expand_patterns(expand, std::cout);
        } catch (const CatalogError& e) {
            std::cerr << "iamlint: " << e.what() << "\n";
            return kExitError;
        }
    }

    // Built-in defaults < configuration file < its overrides (per file, at run time) < command line.
    try {
        apply_configuration(adoption, config,
                            {{"preset", preset_option},
                             {"fail_on", fail_on_option},
                             {"min_severity", min_severity_option},
                             {"account_ids", account_option},
                             {"include", include_option},
                             {"exclude", exclude_option}},
                            fail_on, min_severity);
    } catch (const ConfigError& e) {
        std::cerr << "iamlint: " << e.what() << "\n";
        return kExitError;
    }
    if (show_command->parsed()) {
        finish_config(config, format, fail_on, min_severity, policy_kind, input_format);
        return show_config(config, show_path, std::cout);
    }
    if (diff_command->parsed() || check_access_command->parsed()) {
        if (diff_command->parsed() && diff.base_ref.empty() && diff.paths.size() != 2) {
            std::cerr
                << "iamlint: diff takes OLD and NEW (two files or two folders), or --base-ref REF [PATHS]\n";
            return kExitError;
        }
        config.paths = check_paths;
    }

    if (config.paths.empty() && !diff_command->parsed()) {
        std::cerr << "iamlint: no input paths given (a file, a folder, or - for standard input)\n"
                     "Run 'iamlint --help' for usage.\n";
        return kExitError;
    }
    finish_config(config, format, fail_on, min_severity, policy_kind, input_format);
    config.max_file_bytes = max_file_mib * 1024 * 1024;
    color = to_lower(color);
    config.color = color == "always"  ? ColorMode::Always
                   : color == "never" ? ColorMode::Never
                                      : ColorMode::Auto;

    // The command's run: lint, diff or check-access, each with the lint run's report and exit code.
    auto run = [&](std::ostream& out) {
        if (diff_command->parsed()) return run_diff(config, diff, out);
        if (check_access_command->parsed()) return run_check_access(config, forbidden, out);
        return run_lint(config, out);
    };
    try {
        if (config.output.empty()) {
            int code = run(std::cout);
            std::cout.flush();
            if (!std::cout) {
                std::cerr << "iamlint: error writing the report to standard output\n";
                return kExitError;
            }
            return code;
        }
        // The report replaces --output only once it is complete: an input named as the output, or a
        // run that fails, leaves the old file as it was.
        std::ostringstream report;
        int code = run(report);
        if (std::string error = replace_file(config.output, std::move(report).str()); !error.empty()) {
            std::cerr << "iamlint: cannot write " << config.output << ": " << error << "\n";
            return kExitError;
        }
        return code;
    } catch (const UsageError& e) {
        std::cerr << "iamlint: " << e.what() << "\n";
        return kExitError;
    } catch (const BaselineError& e) {
        std::cerr << "iamlint: " << e.what() << "\n";
        return kExitError;
    } catch (const CatalogError& e) {
        std::cerr << "iamlint: " << e.what() << "\n";
        return kExitError;
    } catch (const std::exception& e) {
        // A bug, but still a message and the documented exit status rather than an abort.
        std::cerr << "iamlint: internal error: " << e.what() << "\n";
        return kExitError;
    }
}

}  // namespace iamlint::cli
