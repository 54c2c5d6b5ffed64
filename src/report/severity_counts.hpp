// How many findings of each severity a report holds (suppressed ones apart): the summaries of the text and
// JSON formats.
#pragma once

#include <array>
#include <cstddef>
#include <span>

#include "iamlint/finding.hpp"

namespace iamlint::reporting {

// Most severe first: the order summaries list severities in.
inline constexpr std::array<Severity, 5> kSeveritiesMostSevereFirst = {
    Severity::Critical, Severity::High, Severity::Medium, Severity::Low, Severity::Info};

class SeverityCounts {
public:
    explicit SeverityCounts(std::span<const Finding> findings);

    std::size_t operator[](Severity severity) const { return counts_[static_cast<std::size_t>(severity)]; }
    std::size_t total() const { return total_; }

private:
    std::array<std::size_t, kSeveritiesMostSevereFirst.size()> counts_{};
    std::size_t total_ = 0;
};

}  // namespace iamlint::reporting
