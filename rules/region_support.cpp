#include "region_support.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include "iamlint/catalog.hpp"
#include "tsv_rows.hpp"

namespace iamlint::rules {

namespace {

std::vector<Region> parse_regions(std::string_view text) {
    std::vector<Region> regions;
    for_each_tsv_row<3>(text, [&](std::size_t line_number, const auto& fields) {
        if (fields[0].empty() || fields[1].empty() || fields[2].empty())
            throw std::runtime_error("data/regions.tsv:" + std::to_string(line_number) +
                                     ": expected region, partition and DNS suffix");
        regions.push_back({fields[0], fields[1], fields[2]});
    });
    return regions;
}

}  // namespace

std::span<const Region> aws_regions() {
    static const std::vector<Region> regions = parse_regions(regions_text());
    return regions;
}

const Region* find_region(std::string_view code) {
    const auto regions = aws_regions();
    const auto found = std::find_if(regions.begin(), regions.end(),
                                    [&](const Region& region) { return region.code == code; });
    return found == regions.end() ? nullptr : &*found;
}

bool matches_some_region(std::string_view pattern) {
    const auto regions = aws_regions();
    return std::any_of(regions.begin(), regions.end(),
                       [&](const Region& region) { return wildcard_match_ci(pattern, region.code); });
}

}  // namespace iamlint::rules
