// The lint run: read, load, analyse, filter, sort, report, and the exit code.
#include <unistd.h>
#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <map>
#include <memory>
#include <new>

#include <spdlog/spdlog.h>

#include "cli.hpp"
#include "iamlint/catalog.hpp"
#include "iamlint/loader.hpp"

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

std::string catalog_version_text(const Catalog& catalog) {
    const auto& v = catalog.version();
    return std::string(v.source) + " " + std::string(v.version) + " (" + std::string(v.date) + ")";
}

}  // namespace

int run_lint(const LintConfig& config, std::ostream& out) {
    const Catalog& catalog = Catalog::builtin();
    Engine engine(select_rules(config.rules), catalog);

    Discovery discovery = discover_inputs(config.paths, config.include, config.exclude, config.output);
    for (const auto& skipped : discovery.skipped) spdlog::debug("skipped {}", skipped);
    bool input_error = !discovery.errors.empty();
    for (const auto& error : discovery.errors) spdlog::error("cannot read {}", error);

    Report report;
    report.tool.version = IAMLINT_VERSION;
    report.tool.catalog_version = catalog_version_text(catalog);
    report.tool.information_uri = kProjectUrl;
    for (const Rule* rule : engine.rules()) report.rules.push_back(&rule->meta());

    // Only the files with findings are kept, for the source lines of the text report.
    std::map<std::string, std::shared_ptr<const SourceFile>> sources;
    LoadOptions options{config.policy_kind};
    for (const auto& input : discovery.files) {
        ReadResult read = input.from_stdin ? read_stdin(config.max_file_bytes)
                                           : read_file(input.path, config.max_file_bytes);
        if (!read.text) {
            spdlog::error("cannot read {}: {}{}", input.display_path, read.error,
                          read.too_large ? " (--max-file-size raises the limit)" : "");
            input_error = true;
            continue;
        }
        spdlog::debug("analysing {}", input.display_path);
        const std::size_t before = report.findings.size();
        const auto files_before = report.files_analyzed, policies_before = report.policies_analyzed;
        try {
            LoadedFile loaded = load_policy_file(input.display_path, std::move(*read.text), options);
            ++report.files_analyzed;
            for (const auto& document : loaded.documents) {
                ++report.policies_analyzed;
                engine.analyze(document, report.findings);
            }
            if (report.findings.size() > before) sources.emplace(loaded.source->path(), loaded.source);
        } catch (const std::bad_alloc&) {
            // A file too large for this machine's memory: the others are still analysed.
            report.findings.erase(report.findings.begin() + static_cast<std::ptrdiff_t>(before),
                                  report.findings.end());
            report.files_analyzed = files_before;
            report.policies_analyzed = policies_before;
            spdlog::error(
                "cannot analyse {}: not enough memory (a smaller --max-file-size refuses such "
                "files before reading them)",
                input.display_path);
            input_error = true;
        }
    }

    // Internal errors decide the exit code whatever --min-severity hides.
    const bool internal_error = std::any_of(report.findings.begin(), report.findings.end(),
                                            [](const Finding& f) { return f.internal_error; });
    std::erase_if(report.findings, [&](const Finding& f) { return f.severity < config.min_severity; });
    std::sort(report.findings.begin(), report.findings.end(), finding_order);
    report.source_line = [&sources](const std::string& path,
                                    std::uint32_t line) -> std::optional<std::string_view> {
        auto it = sources.find(path);
        if (it == sources.end() || line == 0 || line > it->second->line_count()) return std::nullopt;
        return it->second->line_text(line);
    };

    ReportOptions report_options{use_color(config.color, config.output.empty())};
    make_reporter(config.format, report_options)->write(report, out);
    out.flush();

    if (input_error || internal_error) return kExitError;
    if (config.fail_on && std::any_of(report.findings.begin(), report.findings.end(),
                                      [&](const Finding& f) { return f.severity >= *config.fail_on; })) {
        return kExitFindings;
    }
    return kExitClean;
}

}  // namespace iamlint::cli
