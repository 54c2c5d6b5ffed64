// The human-readable format: compiler-style diagnostics with the source line and a caret underline.
#include <algorithm>
#include <iterator>
#include <limits>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <fmt/format.h>

#include "ordered_chunks.hpp"
#include "reporters.hpp"
#include "severity_counts.hpp"
#include "utf8.hpp"

namespace iamlint::reporting {

namespace {

constexpr std::string_view kReset = "\x1b[0m";
constexpr std::string_view kDim = "\x1b[2m";
constexpr std::string_view kBoldRed = "\x1b[1;31m";
constexpr std::string_view kYellow = "\x1b[33m";
constexpr std::string_view kCyan = "\x1b[36m";
constexpr std::string_view kBlue = "\x1b[34m";

// Room for "    5" and any longer line number plus one space, so gutters line up in small files.
constexpr std::size_t kMinGutterWidth = 5;

std::string_view severity_style(Severity severity) {
    switch (severity) {
        case Severity::Critical:
        case Severity::High:
            return kBoldRed;
        case Severity::Medium:
            return kYellow;
        case Severity::Low:
            return kCyan;
        case Severity::Info:
            return kBlue;
    }
    return kReset;
}

class Painter {
public:
    explicit Painter(bool enabled) : enabled_(enabled) {}

    void paint_to(std::string& out, std::string_view text, std::string_view style) const {
        if (enabled_) out += style;
        out += text;
        if (enabled_) out += kReset;
    }

private:
    bool enabled_;
};

void append_position(std::string& out, const Location& location) {
    out += terminal_safe(location.path);
    const SourceRange& range = location.range;
    if (!range.empty()) fmt::format_to(std::back_inserter(out), ":{}:{}", range.line, range.column);
}

std::string rule_tag(const Finding& finding) {
    if (finding.rule_name.empty()) return fmt::format("[{}]", finding.rule_id);
    return fmt::format("[{} {}]", finding.rule_id, finding.rule_name);
}

// Longer lines are shown as a window around the range: minified JSON (a Terraform plan is a single
// line) would otherwise print megabytes per finding.
constexpr std::size_t kMaxSnippetColumns = 120;
constexpr std::size_t kColumnsBeforeRange = 30;
constexpr std::string_view kCutMark = "\u2026";

// What the snippet shows of a source line.
struct VisibleLine {
    std::string text;             // the line, or a window of it with kCutMark where it was cut
    std::size_t text_column = 1;  // the source column that text's first character stands for
    std::size_t end_column = std::numeric_limits<std::size_t>::max();  // first source column not shown
};

// Where columns are on a source line. Findings come sorted by line and column, so the walk goes on
// from the previous finding's place on the same line: a line is walked once however many findings
// it has (a one-line 1 MB policy with thousands of findings stays linear).
class LineCursor {
public:
    void move_to(std::string_view line) {
        if (line.data() == line_.data() && line.size() == line_.size()) return;
        line_ = line;
        columns_ = code_point_count(line);
        column_ = 1;
        byte_ = 0;
    }

    std::size_t columns() const { return columns_; }

    // The byte where `column` (1-based) starts; the line's size past its end.
    std::size_t byte_of(std::size_t column) {
        if (column < column_) {
            column_ = 1;
            byte_ = 0;
        }
        for (; column_ < column && byte_ < line_.size(); ++column_) {
            byte_ += decode_first_code_point(line_.substr(byte_)).size;
        }
        return byte_;
    }

private:
    std::string_view line_;
    std::size_t columns_ = 0;
    std::size_t column_ = 1;
    std::size_t byte_ = 0;
};

// The part of the line to show, made terminal-safe: all of it, or a window around the range.
VisibleLine visible_line(LineCursor& cursor, std::string_view line, std::size_t range_start) {
    cursor.move_to(line);
    const std::size_t line_columns = cursor.columns();
    if (line_columns <= kMaxSnippetColumns) return {terminal_safe(line)};

    const std::size_t wanted_first =
        range_start > kColumnsBeforeRange ? range_start - kColumnsBeforeRange : 1;
    const std::size_t first = std::min(wanted_first, line_columns + 1 - kMaxSnippetColumns);
    VisibleLine visible{.text = {}, .text_column = first, .end_column = first + kMaxSnippetColumns};
    if (first > 1) {
        visible.text = kCutMark;  // stands for column first - 1, so the carets stay aligned
        --visible.text_column;
    }
    const std::size_t begin = cursor.byte_of(first);
    std::size_t end = begin;
    for (std::size_t column = first; column < visible.end_column && end < line.size(); ++column) {
        end += decode_first_code_point(line.substr(end)).size;
    }
    visible.text += terminal_safe(line.substr(begin, end - begin));
    if (visible.end_column <= line_columns) visible.text += kCutMark;
    return visible;
}

// The line under a source line: `padding` up to the start of the range, `marks` under it. Tabs of the
// source line are repeated as tabs so that the carets land under the same columns whatever the tab width.
struct Underline {
    std::string padding;
    std::string marks;
};

Underline underline(const VisibleLine& visible, std::size_t line_columns, const SourceRange& range) {
    const std::size_t start = std::max<std::size_t>(range.column, 1);
    std::size_t end = start + 1;
    if (range.end_line == range.line && range.end_column > start) {
        end = range.end_column;
    } else if (range.end_line > range.line) {
        end = line_columns + 1;
    }
    end = std::max(std::min(end, visible.end_column), start + 1);

    Underline result;
    std::string_view text = visible.text;
    for (std::size_t column = visible.text_column; column < end; ++column) {
        bool tab = false;
        if (!text.empty()) {
            const DecodedCodePoint decoded = decode_first_code_point(text);
            tab = decoded.value == U'\t';
            text.remove_prefix(decoded.size);
        }
        if (column < start) {
            result.padding += tab ? '\t' : ' ';
        } else {
            result.marks += tab ? '\t' : '^';
        }
    }
    return result;
}

class TextReporter final : public Reporter {
public:
    explicit TextReporter(const ReportOptions& options)
        : painter_(options.color), threads_(options.threads) {}

    void write(const Report& report, std::ostream& out) const override {
        // The "docs:" line of each rule, made once instead of once per finding, and found by the rule's
        // id: a walk through the rules was 0.5 % of a run over AWS's managed policies.
        DocsLines docs_lines;
        docs_lines.reserve(report.rules.size());
        for (const RuleMeta* meta : report.rules) {
            std::string line = "  docs: ";
            painter_.paint_to(line, help_uri(*meta), kDim);
            fmt::format_to(std::back_inserter(line), " (iamlint explain {})\n", meta->id);
            docs_lines.try_emplace(meta->id, std::move(line));
        }
        write_chunks_in_order(report.findings.size(), threads_, out,
                              [&](std::size_t first, std::size_t last, std::string& text) {
                                  LineCursor cursor;
                                  for (std::size_t i = first; i < last; ++i) {
                                      if (i > 0) text += '\n';
                                      append_finding(report, docs_lines, report.findings[i], cursor, text);
                                  }
                              });
        if (!report.findings.empty()) out << '\n';
        out << summary(report) << '\n';
    }

private:
    using DocsLines = std::unordered_map<std::string_view, std::string>;  // by rule id

    void append_finding(const Report& report, const DocsLines& docs_lines, const Finding& finding,
                        LineCursor& cursor, std::string& out) const {
        append_position(out, finding.location);
        out += ": ";
        painter_.paint_to(out, to_string(finding.severity), severity_style(finding.severity));
        out += ": ";
        out += terminal_safe(finding.message);
        out += ' ';
        painter_.paint_to(out, rule_tag(finding), kDim);
        out += '\n';
        // Which of the file's policies, when it holds several (a Terraform plan is often one line).
        if (!finding.origin.empty()) {
            out += "  in: ";
            out += terminal_safe(finding.origin);
            out += '\n';
        }
        append_snippet(report, finding, cursor, out);
        if (!finding.fix.empty()) {
            out += "  fix: ";
            out += terminal_safe(finding.fix);
            out += '\n';
        }
        if (finding.suppressed) {
            out += "  suppressed (";
            out += finding.suppressed->kind;
            out += "): ";
            out += terminal_safe(finding.suppressed->reason);
            out += '\n';
        }
        for (const RelatedLocation& related : finding.related) {
            out += "  note: ";
            append_position(out, related.location);
            if (!related.message.empty()) {
                out += ": ";
                out += terminal_safe(related.message);
            }
            out += '\n';
        }
        if (const auto docs = docs_lines.find(finding.rule_id); docs != docs_lines.end()) out += docs->second;
    }

    void append_snippet(const Report& report, const Finding& finding, LineCursor& cursor,
                        std::string& out) const {
        const SourceRange& range = finding.location.range;
        if (range.empty() || !report.source_line) return;
        const std::optional<std::string_view> source = report.source_line(finding.location.path, range.line);
        if (!source) return;

        const VisibleLine visible = visible_line(cursor, *source, range.column);
        const std::size_t line_columns = cursor.columns();
        const std::string number = std::to_string(range.line);
        const std::size_t gutter_width = std::max(kMinGutterWidth, number.size() + 1);
        fmt::format_to(std::back_inserter(out), "{:>{}} |", number, gutter_width);
        if (!visible.text.empty()) {
            out += ' ';
            out += visible.text;
        }
        out += '\n';

        const Underline marks = underline(visible, line_columns, range);
        out.append(gutter_width, ' ');
        out += " | ";
        out += marks.padding;
        painter_.paint_to(out, marks.marks, severity_style(finding.severity));
        out += '\n';
    }

    static std::string summary(const Report& report) {
        const auto plural = [](std::size_t count, std::string_view one, std::string_view many) {
            return fmt::format("{} {}", count, count == 1 ? one : many);
        };
        std::string scope = fmt::format("in {}, {}", plural(report.files_analyzed, "file", "files"),
                                        plural(report.policies_analyzed, "policy", "policies"));
        if (report.policies_unknown > 0)
            scope += fmt::format(" ({} more unknown until apply)", report.policies_unknown);
        std::string accepted;
        if (report.suppressed > 0) accepted += fmt::format("; {} suppressed", report.suppressed);
        if (report.baseline_used)
            accepted +=
                fmt::format("; {} in the baseline, {} baseline {} no longer found", report.baseline_matched,
                            report.baseline_stale, report.baseline_stale == 1 ? "entry" : "entries");
        const SeverityCounts counts(report.findings);
        if (counts.total() == 0) return "No findings " + scope + accepted;

        std::string breakdown;
        for (Severity severity : kSeveritiesMostSevereFirst) {
            if (counts[severity] == 0) continue;
            if (!breakdown.empty()) breakdown += ", ";
            breakdown += fmt::format("{} {}", counts[severity], to_string(severity));
        }
        return fmt::format("{} ({}) {}{}", plural(counts.total(), "finding", "findings"), breakdown, scope,
                           accepted);
    }

    Painter painter_;
    unsigned threads_;
};

}  // namespace

std::unique_ptr<Reporter> make_text_reporter(const ReportOptions& options) {
    return std::make_unique<TextReporter>(options);
}

}  // namespace iamlint::reporting
