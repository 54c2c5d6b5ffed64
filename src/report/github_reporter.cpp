// GitHub Actions workflow commands: one annotation per finding, shown on the pull request's diff.
// Escaped as GitHub's own toolkit (@actions/core) does: '%', CR and LF in the message; also ':' and ','
// in property values.
#include <algorithm>

#include <fmt/format.h>

#include "reporters.hpp"

namespace iamlint::reporting {

namespace {

// GitHub shows at most this many annotations of each level per step; the rest are only in the log.
constexpr std::size_t kShownPerLevel = 10;

std::string escape_data(std::string_view text) {
    std::string out;
    for (char c : text) {
        switch (c) {
            case '%':
                out += "%25";
                break;
            case '\r':
                out += "%0D";
                break;
            case '\n':
                out += "%0A";
                break;
            default:
                out += c;
        }
    }
    return out;
}

std::string escape_property(std::string_view text) {
    std::string out;
    for (char c : escape_data(text)) {
        switch (c) {
            case ':':
                out += "%3A";
                break;
            case ',':
                out += "%2C";
                break;
            default:
                out += c;
        }
    }
    return out;
}

enum Level { kError, kWarning, kNotice };
constexpr std::string_view kLevelNames[] = {"error", "warning", "notice"};

Level level_of(Severity severity) {
    if (severity >= Severity::High) return kError;
    return severity == Severity::Medium ? kWarning : kNotice;
}

class GithubReporter final : public Reporter {
public:
    void write(const Report& report, std::ostream& out) const override {
        std::vector<const Finding*> findings;
        for (const Finding& finding : report.findings) findings.push_back(&finding);
        // Most severe first: GitHub keeps the first ten of each level.
        std::stable_sort(findings.begin(), findings.end(),
                         [](const Finding* a, const Finding* b) { return a->severity > b->severity; });
        std::size_t counts[3] = {0, 0, 0};
        for (const Finding* finding : findings) {
            const Level level = level_of(finding->severity);
            ++counts[level];
            out << "::" << kLevelNames[level] << ' ' << properties(*finding)
                << "::" << escape_data(message(*finding)) << '\n';
        }
        std::size_t hidden = 0;
        for (std::size_t count : counts) hidden += count > kShownPerLevel ? count - kShownPerLevel : 0;
        std::string summary =
            fmt::format("iamlint: {} finding{} ({} error, {} warning, {} notice) in {} file{}",
                        findings.size(), findings.size() == 1 ? "" : "s", counts[kError], counts[kWarning],
                        counts[kNotice], report.files_analyzed, report.files_analyzed == 1 ? "" : "s");
        if (hidden > 0)
            summary += fmt::format(
                "; {} not shown as annotations (GitHub shows {} of each level per step): see the "
                "log or the SARIF report",
                hidden, kShownPerLevel);
        if (report.suppressed > 0) summary += fmt::format("; {} suppressed", report.suppressed);
        if (report.baseline_matched > 0 || report.baseline_stale > 0)
            summary += fmt::format("; {} in the baseline, {} baseline entries no longer found",
                                   report.baseline_matched, report.baseline_stale);
        out << "::notice::" << escape_data(summary) << '\n';
    }

private:
    static std::string properties(const Finding& finding) {
        std::string out = "file=" + escape_property(finding.location.path);
        const SourceRange& range = finding.location.range;
        if (!range.empty()) {
            out += fmt::format(",line={},col={}", range.line, range.column);
            if (range.end_line >= range.line) {
                out += fmt::format(",endLine={}", range.end_line);
                // A column range only means something on one line.
                if (range.end_line == range.line && range.end_column > range.column)
                    out += fmt::format(",endColumn={}", range.end_column);
            }
        }
        out += ",title=" + escape_property(finding.rule_id + " " + finding.rule_name);
        return out;
    }

    static std::string message(const Finding& finding) {
        std::string text = fmt::format("{}: {}", to_string(finding.severity), finding.message);
        if (!finding.origin.empty()) text += "\nin: " + finding.origin;
        if (!finding.fix.empty()) text += "\nfix: " + finding.fix;
        if (finding.suppressed)
            text += "\nsuppressed (" + finding.suppressed->kind + "): " + finding.suppressed->reason;
        return text;
    }
};

}  // namespace

std::unique_ptr<Reporter> make_github_reporter() {
    return std::make_unique<GithubReporter>();
}

}  // namespace iamlint::reporting
