// The machine-readable format of iamlint's own: one JSON document per run, shape documented in
// docs/output-formats.md.
#include "json_output.hpp"
#include "ordered_chunks.hpp"
#include "reporters.hpp"
#include "severity_counts.hpp"

namespace iamlint::reporting {

namespace {

using nlohmann::ordered_json;

// Empty text means "not there" for these fields; null says so without a magic value.
ordered_json string_or_null(const std::string& text) {
    return text.empty() ? ordered_json() : ordered_json(text);
}

ordered_json location_json(const Location& location) {
    const SourceRange& range = location.range;
    const auto position = [&range](std::uint32_t value) {
        return range.empty() ? ordered_json() : ordered_json(value);
    };
    return {
        {"path", location.path},
        {"line", position(range.line)},
        {"column", position(range.column)},
        {"end_line", position(range.end_line)},
        {"end_column", position(range.end_column)},
        {"json_pointer", location.json_pointer},
    };
}

ordered_json finding_json(const Finding& finding) {
    ordered_json related = ordered_json::array();
    for (const RelatedLocation& note : finding.related) {
        related.push_back({{"message", note.message}, {"location", location_json(note.location)}});
    }
    ordered_json result = {
        {"rule_id", finding.rule_id},
        {"rule_name", finding.rule_name},
        {"severity", to_string(finding.severity)},
        {"message", finding.message},
        {"policy_kind", string_or_null(finding.policy_kind)},
    };
    // Only for files that hold several policies: a bare policy's output stays as it was.
    if (!finding.origin.empty()) result["origin"] = finding.origin;
    // Only for IAM501 (iamlint diff): why it may be new access.
    if (!finding.access_change.empty()) result["access_change"] = finding.access_change;
    result["location"] = location_json(finding.location);
    result["fix"] = string_or_null(finding.fix);
    result["related"] = std::move(related);
    if (finding.suppressed)
        result["suppressed"] = {{"kind", finding.suppressed->kind}, {"reason", finding.suppressed->reason}};
    return result;
}

ordered_json summary_json(const Report& report) {
    const SeverityCounts counts(report.findings);
    ordered_json by_severity = ordered_json::object();
    for (Severity severity : kSeveritiesMostSevereFirst)
        by_severity[std::string(to_string(severity))] = counts[severity];
    ordered_json summary = {
        {"files", report.files_analyzed},
        {"policies", report.policies_analyzed},
    };
    if (report.policies_unknown > 0) summary["policies_unknown"] = report.policies_unknown;
    summary["findings"] = counts.total();
    summary["by_severity"] = std::move(by_severity);
    summary["suppressed"] = report.suppressed;
    if (report.baseline_used)
        summary["baseline"] = {{"matched", report.baseline_matched}, {"stale", report.baseline_stale}};
    return summary;
}

// Written piece by piece with the bytes write_json would give the whole document: a document of a
// million findings in memory was several times the size of its text, and its findings are made on
// several threads.
class JsonReporter final : public Reporter {
public:
    explicit JsonReporter(unsigned threads) : threads_(threads) {}

    void write(const Report& report, std::ostream& out) const override {
        const ordered_json tool = {
            {"name", report.tool.name},
            {"version", report.tool.version},
            {"catalog_version", report.tool.catalog_version},
        };
        std::string text = "{\n  \"tool\": ";
        append_json_at_depth(text, tool, 1);
        text += ",\n  \"findings\": ";
        text += report.findings.empty() ? "[]" : "[\n";
        out << text;
        write_chunks_in_order(report.findings.size(), threads_, out,
                              [&](std::size_t first, std::size_t last, std::string& chunk) {
                                  for (std::size_t i = first; i < last; ++i) {
                                      if (i > 0) chunk += ",\n";
                                      chunk += "    ";
                                      append_json_at_depth(chunk, finding_json(report.findings[i]), 2);
                                  }
                              });
        text = report.findings.empty() ? "" : "\n  ]";
        text += ",\n  \"summary\": ";
        append_json_at_depth(text, summary_json(report), 1);
        text += "\n}\n";
        out << text;
    }

private:
    unsigned threads_;
};

}  // namespace

std::unique_ptr<Reporter> make_json_reporter(const ReportOptions& options) {
    return std::make_unique<JsonReporter>(options.threads);
}

}  // namespace iamlint::reporting
