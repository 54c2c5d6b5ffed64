#include "iamlint/finding.hpp"

#include <array>
#include <tuple>

#include "iamlint/ascii.hpp"
#include "iamlint/rule_meta.hpp"

namespace iamlint {

namespace {
constexpr std::array<std::string_view, 5> kSeverityNames = {"info", "low", "medium", "high", "critical"};
}  // namespace

std::string_view to_string(Severity severity) {
    return kSeverityNames[static_cast<std::size_t>(severity)];
}

std::optional<Severity> parse_severity(std::string_view text) {
    for (std::size_t i = 0; i < kSeverityNames.size(); ++i) {
        if (iequals(text, kSeverityNames[i])) return static_cast<Severity>(i);
    }
    return std::nullopt;
}

bool finding_order(const Finding& a, const Finding& b) {
    return std::tie(a.location.path, a.location.range.line, a.location.range.column, a.rule_id, a.message,
                    a.origin) < std::tie(b.location.path, b.location.range.line, b.location.range.column,
                                         b.rule_id, b.message, b.origin);
}

std::string help_uri(const RuleMeta& meta) {
    return std::string(kProjectUrl) + "/blob/main/rules/" + std::string(meta.name) + "/README.md";
}

}  // namespace iamlint
