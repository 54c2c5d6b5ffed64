#include "severity_counts.hpp"

namespace iamlint::reporting {

SeverityCounts::SeverityCounts(std::span<const Finding> findings) {
    for (const Finding& finding : findings) ++counts_[static_cast<std::size_t>(finding.severity)];
}

}  // namespace iamlint::reporting
