#include "region_support.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include "iamlint/catalog.hpp"

namespace iamlint::rules {

namespace {

std::vector<Region> parse_regions(std::string_view text) {
    std::vector<Region> regions;
    std::size_t line_number = 0;
    while (!text.empty()) {
        ++line_number;
        const std::size_t end = text.find('\n');
        std::string_view line = text.substr(0, end);
        text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
        if (line.empty() || line.front() == '#') continue;
        std::string_view fields[3];
        for (auto& field : fields) {
            const std::size_t tab = line.find('\t');
            field = line.substr(0, tab);
            line = tab == std::string_view::npos ? std::string_view() : line.substr(tab + 1);
        }
        if (fields[0].empty() || fields[1].empty() || fields[2].empty())
            throw std::runtime_error("data/regions.tsv:" + std::to_string(line_number) +
                                     ": expected region, partition and DNS suffix");
        regions.push_back({fields[0], fields[1], fields[2]});
    }
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
