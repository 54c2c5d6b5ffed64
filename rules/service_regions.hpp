// In which regions of a partition each ARN service is offered, from data/service-regions.tsv (botocore's
// endpoint data): for invalid-arn's check of an ARN in a region where its service has no endpoint.
#pragma once

#include <span>
#include <string_view>
#include <vector>

namespace iamlint::rules {

// What the data says of one ARN service (the third field of an ARN: "devicefarm") in one partition.
struct ServiceRegions {
    std::string_view service;               // "devicefarm"
    std::string_view partition;             // "aws"
    bool every_region = false;              // offered in every region the data knew in the partition
    std::vector<std::string_view> regions;  // the regions it is offered in, sorted (empty if every_region)
    std::string_view prefixes;  // the endpoint prefixes the regions come from, empty for the service's own
};

// Where the data comes from: botocore's commit and its date ("2026-08-07").
struct ServiceRegionsSource {
    std::string_view commit;
    std::string_view date;
};
const ServiceRegionsSource& service_regions_source();

// The regions of `partition` the data knew; empty for a partition it does not cover.
std::span<const std::string_view> service_regions_partition(std::string_view partition);

// The record of `service` in `partition`; nullptr when the data says nothing about it there (a global
// service, one without endpoint data, or a partition the data does not cover).
const ServiceRegions* find_service_regions(std::string_view service, std::string_view partition);

// The record of `service` in `partition` when the data shows that the service is offered in no region the
// ARN's region field can be: `region` is a region code or an IAM pattern (`*`, `?`), matched against the
// partition's regions as the data knew them. nullptr when that is not shown: the service or partition is
// not covered, the field holds a policy variable, it matches no region the data knew (a newer region, or a
// region of another partition), or it matches one where the service is offered.
const ServiceRegions* service_not_offered(std::string_view service, std::string_view partition,
                                          std::string_view region);

// data/service-regions.tsv as embedded in the binary.
std::string_view service_regions_text();

}  // namespace iamlint::rules
