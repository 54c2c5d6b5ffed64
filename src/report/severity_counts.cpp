#include "severity_counts.hpp"

namespace iamlint::reporting {

SeverityCounts::SeverityCounts(std::span<const Finding> findings) {
    for (const Finding& finding : findings) {
        if (finding.suppressed) continue;  // shown with --report-suppressed, counted apart
        ++counts_[static_cast<std::size_t>(finding.severity)];
        ++total_;
    }
}

}  // namespace iamlint::reporting
