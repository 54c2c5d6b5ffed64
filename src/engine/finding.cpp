#include "iamlint/finding.hpp"

#include <algorithm>
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

void sort_findings(std::vector<Finding>& findings) {
    // std::sort decides from comparisons alone, so it puts pointers in the order it would put the
    // findings in, ties among them.
    std::vector<std::size_t> order(findings.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return finding_order(findings[a], findings[b]); });
    // Position i takes findings[order[i]]: each cycle of the permutation is walked once, with one
    // finding held aside.
    for (std::size_t start = 0; start < order.size(); ++start) {
        if (order[start] == start) continue;
        Finding held = std::move(findings[start]);
        std::size_t at = start;
        while (order[at] != start) {
            const std::size_t from = order[at];
            findings[at] = std::move(findings[from]);
            order[at] = at;
            at = from;
        }
        findings[at] = std::move(held);
        order[at] = at;
    }
}

std::string help_uri(const RuleMeta& meta) {
    return std::string(kProjectUrl) + "/blob/main/rules/" + std::string(meta.name) + "/README.md";
}

}  // namespace iamlint
