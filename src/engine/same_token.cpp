#include "iamlint/same_token.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>

namespace iamlint {

namespace {

// Most specific first: administrator access says all; then escalation, RDS's own rule and the named
// risks; the shape of a service wildcard last.
constexpr std::array<std::string_view, 10> kBreadthRules = {
    "IAM201", "IAM301", "IAM203", "IAM303", "IAM302", "IAM305", "IAM211", "IAM304", "IAM306", "IAM202",
};

// The place of the rule in kBreadthRules; kBreadthRules.size() when it is not one of them.
std::size_t specificity(std::string_view rule_id) {
    return static_cast<std::size_t>(std::find(kBreadthRules.begin(), kBreadthRules.end(), rule_id) -
                                    kBreadthRules.begin());
}

bool same_token(const Finding& a, const Finding& b) {
    const SourceRange& x = a.location.range;
    const SourceRange& y = b.location.range;
    return a.location.path == b.location.path && a.origin == b.origin && x.line == y.line &&
           x.column == y.column && x.end_line == y.end_line && x.end_column == y.end_column;
}

// Whether `a` is the one to keep rather than `b`.
bool outranks(const Finding& a, const Finding& b) {
    if (a.severity != b.severity) return a.severity > b.severity;
    return specificity(a.rule_id) < specificity(b.rule_id);
}

}  // namespace

void fold_same_token_findings(std::vector<Finding>& findings, std::size_t first) {
    std::vector<std::size_t> breadth;
    for (std::size_t i = first; i < findings.size(); ++i) {
        if (specificity(findings[i].rule_id) < kBreadthRules.size() && !findings[i].internal_error)
            breadth.push_back(i);
    }
    if (breadth.size() < 2) return;
    // Sorted by token, the findings on one token are neighbours: a file of many policies (an
    // authorization dump) is folded in n log n, not n squared.
    auto token_less = [&](std::size_t x, std::size_t y) {
        const Finding& a = findings[x];
        const Finding& b = findings[y];
        const SourceRange& r = a.location.range;
        const SourceRange& q = b.location.range;
        return std::tie(a.location.path, a.origin, r.line, r.column, r.end_line, r.end_column, x) <
               std::tie(b.location.path, b.origin, q.line, q.column, q.end_line, q.end_column, y);
    };
    std::sort(breadth.begin(), breadth.end(), token_less);
    std::vector<bool> folded(findings.size(), false);
    for (std::size_t start = 0; start < breadth.size();) {
        std::size_t end = start + 1;
        while (end < breadth.size() && same_token(findings[breadth[start]], findings[breadth[end]])) ++end;
        std::vector<std::size_t> group(breadth.begin() + static_cast<std::ptrdiff_t>(start),
                                       breadth.begin() + static_cast<std::ptrdiff_t>(end));
        start = end;
        if (group.size() < 2) continue;
        // The one kept first, then the others from the most to the least specific.
        std::stable_sort(group.begin(), group.end(),
                         [&](std::size_t x, std::size_t y) { return outranks(findings[x], findings[y]); });
        const std::size_t winner = group.front();
        for (std::size_t index : group) {
            Finding& other = findings[index];
            // Repeats of one rule on one token are that rule's own business.
            if (other.rule_id == findings[winner].rule_id) continue;
            folded[index] = true;
            findings[winner].related.push_back({other.location, other.rule_id + " " + other.rule_name + " (" +
                                                                    std::string(to_string(other.severity)) +
                                                                    "): " + other.message});
        }
    }
    std::size_t kept = first;
    for (std::size_t i = first; i < findings.size(); ++i) {
        if (folded[i]) continue;
        if (kept != i) findings[kept] = std::move(findings[i]);
        ++kept;
    }
    findings.resize(kept);
}

}  // namespace iamlint
