// The AWS regions of data/regions.tsv, for the rules that judge region names in condition values and ARNs.
#pragma once

#include <span>
#include <string_view>

namespace iamlint::rules {

struct Region {
    std::string_view code;       // "eu-west-1"
    std::string_view partition;  // "aws"
    std::string_view dns;        // "amazonaws.com"
};

// Every region, in the order of data/regions.tsv; parsed on first use.
std::span<const Region> aws_regions();

// The region with this code (case-sensitive, as AWS writes them); nullptr if AWS has none.
const Region* find_region(std::string_view code);

// Whether an IAM pattern (`*`, `?`) matches at least one region's code.
bool matches_some_region(std::string_view pattern);

// data/regions.tsv as embedded in the binary.
std::string_view regions_text();

}  // namespace iamlint::rules
