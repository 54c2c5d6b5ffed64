#include <algorithm>
#include <array>
#include <stdexcept>
#include <utility>

#include "iamlint/report.hpp"
#include "reporters.hpp"

namespace iamlint {

namespace {

constexpr std::array<std::pair<std::string_view, ReportFormat>, 4> kFormatNames = {{
    {"text", ReportFormat::Text},
    {"json", ReportFormat::Json},
    {"sarif", ReportFormat::Sarif},
    {"github", ReportFormat::Github},
}};

constexpr char ascii_lower(char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

}  // namespace

std::optional<ReportFormat> parse_report_format(std::string_view name) {
    for (const auto& [format_name, format] : kFormatNames) {
        if (std::ranges::equal(name, format_name, {}, ascii_lower)) return format;
    }
    return std::nullopt;
}

std::unique_ptr<Reporter> make_reporter(ReportFormat format, const ReportOptions& options) {
    switch (format) {
        case ReportFormat::Text:
            return reporting::make_text_reporter(options);
        case ReportFormat::Json:
            return reporting::make_json_reporter(options);
        case ReportFormat::Sarif:
            return reporting::make_sarif_reporter();
        case ReportFormat::Github:
            return reporting::make_github_reporter();
    }
    throw std::invalid_argument("make_reporter: unknown report format");
}

}  // namespace iamlint
