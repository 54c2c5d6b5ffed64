// How many findings of each severity a report holds: the summaries of the text and JSON formats.
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

private:
    std::array<std::size_t, kSeveritiesMostSevereFirst.size()> counts_{};
};

}  // namespace iamlint::reporting
