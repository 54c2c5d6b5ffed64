// The lint run: read, load, analyse, filter, sort, report, and the exit code.
#include <unistd.h>
#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <map>
#include <memory>

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

// "terraform-plan, authorization-details, ...": what automatic detection looked for.
std::string tried_formats() {
    std::string names;
    for (InputFormat format : detected_formats()) {
        if (!names.empty()) names += ", ";
        names += to_string(format);
    }
    return names;
}

std::string catalog_version_text(const Catalog& catalog) {
    const auto& v = catalog.version();
    return std::string(v.source) + " " + std::string(v.version) + " (" + std::string(v.date) + ")";
}

}  // namespace

const Catalog& choose_catalog(const std::string& file, std::unique_ptr<Catalog>& loaded) {
    if (file.empty()) return Catalog::builtin();
    loaded = Catalog::load(file);
    spdlog::debug("AWS catalog {}", catalog_version_text(*loaded));
    return *loaded;
}

int run_lint(const LintConfig& config, std::ostream& out) {
    std::unique_ptr<Catalog> loaded;
    const Catalog& catalog = choose_catalog(config.catalog_file, loaded);
    Engine engine(select_rules(config.rules), catalog, config.settings);

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
    LoadOptions options{config.policy_kind, config.input_format};
    for (const auto& input : discovery.files) {
        ReadResult read = input.from_stdin ? read_stream(std::cin) : read_file(input.path);
        if (!read.text) {
            spdlog::error("cannot read {}: {}", input.display_path, read.error);
            input_error = true;
            continue;
        }
        spdlog::debug("analysing {}", input.display_path);
        LoadedFile loaded = load_file(input.display_path, std::move(*read.text), options);
        if (!loaded.recognized) {
            // A folder holds other JSON and YAML too (package.json); a file named on purpose must be
            // something iamlint reads.
            if (input.named) {
                if (config.input_format == InputFormat::Auto) {
                    spdlog::error("{}: not a format iamlint reads (tried {}); --input-format forces one",
                                  input.display_path, tried_formats());
                } else {
                    spdlog::error("{}: cannot be read as {}", input.display_path,
                                  to_string(config.input_format));
                }
                input_error = true;
            } else {
                spdlog::debug("skipped {}: none of {}", input.display_path, tried_formats());
            }
            continue;
        }
        ++report.files_analyzed;
        report.policies_unknown += loaded.unknown_policies;
        const std::size_t before = report.findings.size();
        for (const auto& document : loaded.documents) {
            ++report.policies_analyzed;
            engine.analyze(document, report.findings);
        }
        for (const auto& set : loaded.principal_sets)
            engine.analyze_principal(set, loaded.documents, report.findings);
        if (report.findings.size() > before) sources.emplace(loaded.source->path(), loaded.source);
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
