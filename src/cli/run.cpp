// The lint run: read, load, analyse, filter, sort, report, and the exit code.
#include <unistd.h>
#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <iterator>
#include <map>
#include <memory>
#include <new>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "cli.hpp"
#include "iamlint/baseline.hpp"
#include "iamlint/catalog.hpp"
#include "iamlint/loader.hpp"
#include "iamlint/log.hpp"
#include "iamlint/parallel.hpp"
#include "iamlint/path_glob.hpp"
#include "iamlint/same_token.hpp"
#include "iamlint/suppressions.hpp"

namespace iamlint::cli {

namespace {

bool use_color(ColorMode mode, bool to_stdout) {
    if (mode != ColorMode::Auto) return mode == ColorMode::Always;
    const char* no_color = std::getenv("NO_COLOR");
    if (no_color != nullptr && *no_color != '\0') return false;
    const char* term = std::getenv("TERM");
    if (term != nullptr && std::string_view(term) == "dumb") return false;
    return to_stdout && isatty(STDOUT_FILENO) == 1;
}

// "terraform-plan, authorization-details, ...": what automatic detection looked for.
std::string tried_formats() {
    std::string names;
    for (InputFormat format : detected_formats()) {
        if (!names.empty()) names += ", ";
        names += to_string(format);
    }
    return names;
}

// What became of one input file.
struct FileOutcome {
    bool analysed = false;     // read and recognized
    bool input_error = false;  // unreadable, or named but not a format iamlint reads
    std::size_t policies = 0;
    std::size_t unknown_policies = 0;
    std::vector<Finding> findings;
    std::shared_ptr<const SourceFile> source;
    std::vector<std::pair<log::Level, std::string>> messages;  // for stderr, in input order
    InlineSuppressions suppressions;                           // written in the file: Metadata and comments
};

// A finding that several readings of one policy share (a CloudFormation Fn::If analysed branch by
// branch) is reported once: the first reading's.
void drop_repeated_findings(std::vector<Finding>& findings) {
    // Indices sorted by what makes findings repeats, equals kept in index order: the first of each run
    // of equals is the one kept. A set of what was seen held a node per finding (a million findings:
    // about 90 MB at the run's peak) and compared its strings at every step; here the positions decide
    // most comparisons.
    struct Key {
        std::uint32_t line, column, end_line, end_column;
        std::uint32_t index;
    };
    std::vector<Key> keys(findings.size());
    for (std::size_t i = 0; i < findings.size(); ++i) {
        const auto& r = findings[i].location.range;
        keys[i] = {r.line, r.column, r.end_line, r.end_column, static_cast<std::uint32_t>(i)};
    }
    auto repeat_key = [&](const Key& key) {
        const Finding& finding = findings[key.index];
        return std::tie(key.line, key.column, key.end_line, key.end_column, finding.rule_id, finding.message);
    };
    std::stable_sort(keys.begin(), keys.end(),
                     [&](const Key& a, const Key& b) { return repeat_key(a) < repeat_key(b); });
    std::vector<bool> repeated(findings.size(), false);
    for (std::size_t i = 1; i < keys.size(); ++i) {
        if (repeat_key(keys[i - 1]) == repeat_key(keys[i])) repeated[keys[i].index] = true;
    }
    std::size_t kept = 0;
    for (std::size_t i = 0; i < findings.size(); ++i) {
        if (repeated[i]) continue;
        if (kept != i) findings[kept] = std::move(findings[i]);
        ++kept;
    }
    findings.resize(kept);
}

// --policy-kind, else the last of the configuration's overrides that sets one for this file.
std::optional<PolicyKind> policy_kind_for(const std::string& display_path, const LintConfig& config) {
    if (config.policy_kind || !config.file) return config.policy_kind;
    const RulePlan plan(config.rules.preset, &*config.file, {});
    if (auto kind = plan.policy_kind(path_relative_to(config.file->folder, display_path))) return kind->first;
    return std::nullopt;
}

// Per file: drops the findings of rules that are off there and applies the severity set for them.
void apply_rule_plan(const RulePlan& plan, const LintConfig& config, std::vector<Finding>& findings) {
    // Resolved per path and rule id. The findings of a file share its path, and a large policy has a
    // million findings of a few dozen rules: looking the rule up by name and making the relative path
    // for each finding was 2.5 % of the run.
    struct Known {
        const Rule* rule = nullptr;
        RulePlan::Resolved resolved;
    };
    std::string path;
    std::string relative;
    std::map<std::string, Known, std::less<>> by_rule;
    std::erase_if(findings, [&](Finding& finding) {
        if (by_rule.empty() || finding.location.path != path) {
            path = finding.location.path;
            relative = config.file ? path_relative_to(config.file->folder, path) : path;
            by_rule.clear();
        }
        auto it = by_rule.find(std::string_view(finding.rule_id));
        if (it == by_rule.end()) {
            Known known;
            known.rule = find_rule(finding.rule_id);
            if (known.rule != nullptr) known.resolved = plan.resolve(known.rule->meta(), relative);
            it = by_rule.emplace(finding.rule_id, known).first;
        }
        if (it->second.rule == nullptr) return false;
        if (!it->second.resolved.enabled && !finding.internal_error) return true;
        if (it->second.resolved.severity) finding.severity = *it->second.resolved.severity;
        return false;
    });
}

// Below this many policies a file's policies are analysed on the thread that read it: other threads
// are busy with other files, and starting threads would cost more than it saves.
constexpr std::size_t kPoliciesWorthThreads = 256;

// Every policy of the file, then every principal's set of policies. A large file (an authorization
// dump of thousands of roles) spreads them over `threads` threads; each task's findings go to its
// own slot and are joined in order, so the findings are the same, in the same order, for any count.
void analyse_documents(const LoadedFile& loaded, const Engine& engine, unsigned threads,
                       std::vector<Finding>& findings) {
    const std::size_t documents = loaded.documents.size();
    const std::size_t tasks = documents + loaded.principal_sets.size();
    if (threads <= 1 || tasks < kPoliciesWorthThreads) {
        // Few policies, perhaps one huge one: the threads go to the rules of each.
        for (const auto& document : loaded.documents) engine.analyze(document, findings, threads);
        for (const auto& set : loaded.principal_sets)
            engine.analyze_principal(set, loaded.documents, findings);
        return;
    }
    std::vector<std::vector<Finding>> found(tasks);
    parallel_for(tasks, threads, [&](std::size_t i) {
        if (i < documents) {
            engine.analyze(loaded.documents[i], found[i]);
        } else {
            engine.analyze_principal(loaded.principal_sets[i - documents], loaded.documents, found[i]);
        }
    });
    std::size_t total = findings.size();
    for (const auto& some : found) total += some.size();
    findings.reserve(total);
    for (auto& some : found) std::move(some.begin(), some.end(), std::back_inserter(findings));
}

void analyse_text(const InputFile& input, std::string text, const LintConfig& config, const RulePlan& plan,
                  const Engine& engine, unsigned threads, FileOutcome& outcome) {
    auto say = [&](log::Level level, std::string message) {
        outcome.messages.emplace_back(level, std::move(message));
    };
    const InputFormat forced_format = config.input_format;
    LoadedFile loaded =
        load_file(input.display_path, std::move(text),
                  {policy_kind_for(input.display_path, config), forced_format, input.named, threads});
    set_default_resource_type(loaded, config.resource_type);
    if (!loaded.recognized) {
        // A folder holds other JSON and YAML too (package.json); a file named on purpose must be
        // something iamlint reads.
        if (!input.named) {
            say(log::Level::Debug,
                fmt::format("skipped {}: none of {}", input.display_path, tried_formats()));
        } else if (forced_format == InputFormat::Auto) {
            say(log::Level::Error,
                fmt::format("{}: not a format iamlint reads (tried {}); --input-format forces one",
                            input.display_path, tried_formats()));
            outcome.input_error = true;
        } else {
            say(log::Level::Error,
                fmt::format("{}: cannot be read as {}", input.display_path, to_string(forced_format)));
            outcome.input_error = true;
        }
        return;
    }
    outcome.analysed = true;
    outcome.policies = loaded.documents.size();
    outcome.unknown_policies = loaded.unknown_policies;
    analyse_documents(loaded, engine, threads, outcome.findings);
    drop_repeated_findings(outcome.findings);
    // The source is kept for the report when the rules found anything, even what the file's settings
    // then drop: the findings about its suppressions show its lines too.
    const bool rules_found_any = !outcome.findings.empty();
    // The file's own rule settings, then the fold they decide (see run_lint): here, on the file's
    // thread, rather than after all files on one.
    apply_rule_plan(plan, config, outcome.findings);
    fold_same_token_findings(outcome.findings, 0);
    if (config.inline_suppressions) {
        outcome.suppressions =
            collect_inline_suppressions(*loaded.source, loaded.format == InputFormat::CloudFormation);
    }
    if (rules_found_any || !outcome.suppressions.problems.empty()) outcome.source = loaded.source;
}

FileOutcome analyse_file(const InputFile& input, const LintConfig& config, const RulePlan& plan,
                         const Engine& engine, unsigned threads) {
    FileOutcome outcome;
    auto say = [&](log::Level level, std::string message) {
        outcome.messages.emplace_back(level, std::move(message));
    };
    ReadResult read =
        input.from_stdin ? read_stdin(config.max_file_bytes) : read_file(input.path, config.max_file_bytes);
    if (!read.text) {
        say(log::Level::Error, fmt::format("cannot read {}: {}{}", input.display_path, read.error,
                                           read.too_large ? " (--max-file-size raises the limit)" : ""));
        outcome.input_error = true;
        return outcome;
    }
    say(log::Level::Debug, fmt::format("analysing {}", input.display_path));
    try {
        analyse_text(input, std::move(*read.text), config, plan, engine, threads, outcome);
    } catch (const std::bad_alloc&) {
        // A file too large for this machine's memory: the others are still analysed.
        outcome = FileOutcome{};
        say(log::Level::Error, fmt::format("cannot analyse {}: not enough memory (a smaller --max-file-size "
                                           "refuses such files before reading them)",
                                           input.display_path));
        outcome.input_error = true;
    }
    return outcome;
}

// The configuration's include and exclude, relative to its folder, on the files that folders yielded.
void filter_by_configuration(const LintConfig& config, Discovery& discovery) {
    if (!config.file || (!config.file->include && !config.file->exclude)) return;
    const ConfigFile& file = *config.file;
    std::erase_if(discovery.files, [&](const InputFile& input) {
        if (input.named || input.from_stdin) return false;
        const std::string relative = path_relative_to(file.folder, input.display_path);
        bool excluded = file.include && !path_globs_match(*file.include, relative);
        // An excluded folder excludes what it holds.
        for (std::size_t slash = 0; !excluded && file.exclude && slash != std::string::npos;) {
            slash = relative.find('/', slash + 1);
            excluded = path_globs_match(*file.exclude, std::string_view(relative).substr(0, slash));
        }
        if (excluded) discovery.skipped.push_back(input.display_path + " (by " + file.path + ")");
        return excluded;
    });
}

std::string catalog_version_text(const Catalog& catalog) {
    const auto& v = catalog.version();
    return std::string(v.source) + " " + std::string(v.version) + " (" + std::string(v.date) + ")";
}

}  // namespace

const Catalog& choose_catalog(const std::string& file, std::unique_ptr<Catalog>& loaded) {
    if (file.empty()) return Catalog::builtin();
    loaded = Catalog::load(file);
    log::debug("AWS catalog {}", catalog_version_text(*loaded));
    return *loaded;
}

int run_lint(const LintConfig& config, std::ostream& out) {
    std::unique_ptr<Catalog> loaded;
    const Catalog& catalog = choose_catalog(config.catalog_file, loaded);
    const RulePlan plan(config.rules.preset, config.file ? &*config.file : nullptr, config.rule_settings);
    std::vector<const Rule*> rules;
    for (const std::string& id : config.only_rules) rules.push_back(find_rule(id));
    Engine engine(config.only_rules.empty() ? plan.rules_to_run(builtin_rules()) : rules, catalog,
                  config.settings);
    // Rules and severities may differ per file (the configuration's overrides): findings on one token
    // are folded after each file's settings are applied, so the one kept is one that file reports.
    engine.set_fold_same_token(false);
    // Read before anything is analysed: a broken baseline stops the run instead of making all new.
    std::optional<Baseline> baseline;
    if (!config.baseline.empty() && config.write_baseline.empty()) baseline = Baseline::load(config.baseline);

    Discovery discovery = discover_inputs(config.paths, config.include, config.exclude, config.output);
    filter_by_configuration(config, discovery);
    for (const auto& skipped : discovery.skipped) log::debug("skipped {}", skipped);
    bool input_error = !discovery.errors.empty();
    for (const auto& error : discovery.errors) log::error("cannot read {}", error);

    Report report;
    report.tool.version = IAMLINT_VERSION;
    report.tool.catalog_version = catalog_version_text(catalog);
    report.tool.information_uri = kProjectUrl;
    for (const Rule* rule : engine.rules()) report.rules.push_back(&rule->meta());

    // Files are read and analysed in parallel; each one's outcome goes to its own slot and everything
    // is gathered in input order afterwards, so the report and the messages do not depend on -j.
    // With fewer files than threads, the threads left over go to the policies inside each file.
    std::vector<FileOutcome> outcomes(discovery.files.size());
    const std::size_t files = std::max<std::size_t>(1, discovery.files.size());
    const unsigned threads_per_file = static_cast<unsigned>(std::max<std::size_t>(1, config.jobs / files));
    parallel_for(discovery.files.size(), config.jobs, [&](std::size_t i) {
        outcomes[i] = analyse_file(discovery.files[i], config, plan, engine, threads_per_file);
    });

    // Only the files with findings are kept, for the source lines of the text report.
    std::map<std::string, std::shared_ptr<const SourceFile>> sources;
    SuppressionMatcher suppressions(config.file ? &*config.file : nullptr, today_utc(),
                                    config.inline_suppressions);
    std::vector<std::string> analysed_paths;
    for (auto& outcome : outcomes) {
        for (const auto& [level, message] : outcome.messages) log::write(level, message);
        input_error = input_error || outcome.input_error;
        if (!outcome.analysed) continue;
        ++report.files_analyzed;
        report.policies_analyzed += outcome.policies;
        report.policies_unknown += outcome.unknown_policies;
        suppressions.add_inline(std::move(outcome.suppressions.suppressions));
        std::move(outcome.suppressions.problems.begin(), outcome.suppressions.problems.end(),
                  std::back_inserter(report.findings));
        if (!outcome.source) continue;
        sources.emplace(outcome.source->path(), outcome.source);
        // The first file's findings are taken whole: moving a large policy's 447,000 one by one, the
        // vector growing under them, was half a second on one thread.
        if (report.findings.empty()) {
            report.findings = std::move(outcome.findings);
        } else {
            std::move(outcome.findings.begin(), outcome.findings.end(), std::back_inserter(report.findings));
        }
    }
    for (std::size_t i = 0; i < discovery.files.size(); ++i) {
        if (outcomes[i].analysed) analysed_paths.push_back(discovery.files[i].display_path);
    }

    // The filter stage: rule settings per file (applied with each file's analysis, before the fold),
    // suppressions, the baseline, --min-severity.
    suppressions.apply(report.findings);
    std::vector<std::string> rule_ids_run;
    for (const Rule* rule : engine.rules()) rule_ids_run.emplace_back(rule->meta().id);
    suppressions.set_scope(std::move(analysed_paths), std::move(rule_ids_run));
    for (Finding& finding : suppressions.findings_about_suppressions())
        report.findings.push_back(std::move(finding));
    report.suppressed =
        static_cast<std::size_t>(std::count_if(report.findings.begin(), report.findings.end(),
                                               [](const Finding& f) { return f.suppressed.has_value(); }));

    if (!config.write_baseline.empty()) {
        sort_findings(report.findings);
        const std::string text = Baseline::serialize(report.findings, config.write_baseline);
        if (std::string error = replace_file(config.write_baseline, text); !error.empty())
            throw UsageError("cannot write the baseline " + config.write_baseline + ": " + error);
        const std::size_t written = report.findings.size() - report.suppressed;
        log::warn("wrote {} finding{} to the baseline {}", written, written == 1 ? "" : "s",
                  config.write_baseline);
        return input_error ? kExitError : kExitClean;
    }
    if (baseline) {
        const Baseline::Outcome matched = baseline->apply(report.findings);
        report.baseline_used = true;
        report.baseline_matched = matched.matched;
        report.baseline_stale = matched.stale;
        if (matched.stale > 0) {
            log::warn(
                "{} entr{} of the baseline {} match no finding any more (fixed, or moved to another file); "
                "--write-baseline {} drops them",
                matched.stale, matched.stale == 1 ? "y" : "ies", config.baseline, config.baseline);
        }
    }

    // Internal errors decide the exit code whatever --min-severity hides.
    const bool internal_error = std::any_of(report.findings.begin(), report.findings.end(),
                                            [](const Finding& f) { return f.internal_error; });
    std::erase_if(report.findings, [&](const Finding& f) {
        return f.severity < config.min_severity || (f.suppressed && !config.report_suppressed);
    });
    sort_findings(report.findings);
    report.source_line = [&sources](const std::string& path,
                                    std::uint32_t line) -> std::optional<std::string_view> {
        auto it = sources.find(path);
        if (it == sources.end() || line == 0 || line > it->second->line_count()) return std::nullopt;
        return it->second->line_text(line);
    };

    const ReportOptions report_options{.color = use_color(config.color, config.output.empty()),
                                       .threads = config.jobs};
    make_reporter(config.format, report_options)->write(report, out);
    out.flush();

    if (input_error || internal_error) return kExitError;
    if (config.fail_on && std::any_of(report.findings.begin(), report.findings.end(), [&](const Finding& f) {
            return !f.suppressed && f.severity >= *config.fail_on;
        })) {
        return kExitFindings;
    }
    return kExitClean;
}

}  // namespace iamlint::cli
