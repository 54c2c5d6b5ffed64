// libFuzzer target: any bytes, loaded as the CLI loads a file, analysed by every rule, written by every
// reporter. Besides the sanitizers' checks it asserts what must hold for any input: no rule fails (an
// internal-error finding), every finding has a position inside the file, and the JSON and SARIF
// reports are valid JSON.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "iamlint/catalog.hpp"
#include "iamlint/engine.hpp"
#include "iamlint/loader.hpp"
#include "iamlint/report.hpp"

namespace {

using namespace iamlint;

[[noreturn]] void fail(const char* what, const std::string& detail) {
    std::fprintf(stderr, "iamlint fuzz: %s: %s\n", what, detail.c_str());
    std::abort();
}

const Engine& engine() {
    static const Engine engine = [] {
        RuleSelection every;
        every.preset = "all";
        return Engine(select_rules(every), Catalog::builtin());
    }();
    return engine;
}

// The kinds the CLI can force, and detection: which one is taken depends on the input, so that a
// crash reproduces from its file alone.
std::optional<PolicyKind> kind_for(std::size_t size) {
    constexpr PolicyKind kKinds[] = {PolicyKind::Identity, PolicyKind::Resource,
                                     PolicyKind::Trust,    PolicyKind::Scp,
                                     PolicyKind::Rcp,      PolicyKind::PermissionsBoundary,
                                     PolicyKind::Session};
    const std::size_t choice = size % (std::size(kKinds) + 1);
    if (choice == std::size(kKinds)) return std::nullopt;
    return kKinds[choice];
}

void check_findings(const Report& report, const SourceFile& source) {
    for (const auto& finding : report.findings) {
        if (finding.internal_error) fail("a rule failed", finding.rule_id + ": " + finding.message);
        const auto& r = finding.location.range;
        if (r.empty()) continue;  // a finding about the whole file
        if (r.offset + r.length > source.text().size() || r.line > source.line_count() ||
            r.end_line > source.line_count() || r.end_line < r.line ||
            (r.end_line == r.line && r.end_column < r.column)) {
            fail("a finding's position is outside the file",
                 finding.rule_id + " at " + std::to_string(r.line) + ":" + std::to_string(r.column));
        }
    }
}

void write_reports(const Report& report) {
    for (ReportFormat format : {ReportFormat::Text, ReportFormat::Json, ReportFormat::Sarif}) {
        for (bool color : {false, true}) {
            if (color && format != ReportFormat::Text) continue;
            std::ostringstream out;
            make_reporter(format, ReportOptions{color})->write(report, out);
            if (format == ReportFormat::Text) continue;
            if (!nlohmann::json::accept(out.str())) fail("a report is not valid JSON", out.str());
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string bytes(reinterpret_cast<const char*>(data), size);
    LoadedFile loaded = load_file("fuzz/input.json", std::move(bytes), LoadOptions{kind_for(size)});

    Report report;
    report.tool.version = "fuzz";
    ++report.files_analyzed;
    for (const auto& document : loaded.documents) {
        ++report.policies_analyzed;
        engine().analyze(document, report.findings);
    }
    // The rules that fired, not all of them: the others' metadata is the same for every input, and
    // writing it each time would take most of each run.
    for (const Rule* rule : engine().rules()) {
        if (std::any_of(report.findings.begin(), report.findings.end(),
                        [rule](const Finding& f) { return f.rule_id == rule->meta().id; }))
            report.rules.push_back(&rule->meta());
    }
    check_findings(report, *loaded.source);
    std::sort(report.findings.begin(), report.findings.end(), finding_order);
    const auto& source = loaded.source;
    report.source_line = [&source](const std::string& path,
                                   std::uint32_t line) -> std::optional<std::string_view> {
        if (path != source->path() || line == 0 || line > source->line_count()) return std::nullopt;
        return source->line_text(line);
    };
    write_reports(report);
    return 0;
}
