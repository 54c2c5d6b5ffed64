// The one order every catalog list is sorted in: bytes compared after ASCII lower-casing. The code
// generator, the format reader and the lookups must all use it, or binary search goes wrong.
#pragma once

#include <string_view>

#include "iamlint/ascii.hpp"

namespace iamlint {

constexpr int compare_ci(std::string_view a, std::string_view b) {
    const std::size_t common = a.size() < b.size() ? a.size() : b.size();
    for (std::size_t i = 0; i < common; ++i) {
        const auto ca = static_cast<unsigned char>(ascii_lower(a[i]));
        const auto cb = static_cast<unsigned char>(ascii_lower(b[i]));
        if (ca != cb) return ca < cb ? -1 : 1;
    }
    if (a.size() == b.size()) return 0;
    return a.size() < b.size() ? -1 : 1;
}

}  // namespace iamlint
