#include "service_regions.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "iamlint/catalog.hpp"
#include "iamlint/split.hpp"
#include "tsv_rows.hpp"

namespace iamlint::rules {

namespace {

struct PartitionRegions {
    std::string_view partition;
    std::vector<std::string_view> regions;  // sorted
};

struct ServiceRegionsData {
    ServiceRegionsSource source;
    std::vector<PartitionRegions> partitions;
    std::vector<ServiceRegions> services;  // sorted by service, then partition
};

[[noreturn]] void fail(std::size_t line_number, const std::string& what) {
    throw std::runtime_error("data/service-regions.tsv:" + std::to_string(line_number) + ": " + what);
}

ServiceRegionsData parse(std::string_view text) {
    ServiceRegionsData data;
    for_each_tsv_row<5>(text, [&](std::size_t line_number, const auto& fields) {
        if (fields[0] == "C") {
            if (fields[2].empty() || fields[3].empty()) fail(line_number, "expected source, commit and date");
            data.source = {fields[2], fields[3]};
        } else if (fields[0] == "P") {
            if (fields[1].empty() || fields[2].empty()) fail(line_number, "expected partition and regions");
            PartitionRegions partition{fields[1], split(fields[2], ',')};
            std::sort(partition.regions.begin(), partition.regions.end());
            data.partitions.push_back(std::move(partition));
        } else if (fields[0] == "S") {
            if (fields[1].empty() || fields[2].empty() || fields[3].empty())
                fail(line_number, "expected service, partition and regions");
            const auto known = std::find_if(data.partitions.begin(), data.partitions.end(),
                                            [&](const auto& p) { return p.partition == fields[2]; });
            if (known == data.partitions.end()) fail(line_number, "a partition without a P record before it");
            ServiceRegions service{fields[1], fields[2], fields[3] == "*", {}, fields[4]};
            if (!service.every_region) {
                const auto listed = split(fields[3], ',');
                const bool excluded = listed.front().starts_with('-');
                for (std::string_view region : listed) {
                    if (region.starts_with('-') != excluded)
                        fail(line_number, "regions are either all offered or all preceded by '-'");
                    if (excluded) region.remove_prefix(1);
                    if (!std::binary_search(known->regions.begin(), known->regions.end(), region))
                        fail(line_number,
                             "region " + std::string(region) + " is not in its partition's P record");
                }
                if (excluded) {
                    // "-ap-east-2,-mx-central-1": every region of the partition but those.
                    for (std::string_view region : known->regions) {
                        const bool left_out =
                            std::any_of(listed.begin(), listed.end(),
                                        [&](std::string_view item) { return item.substr(1) == region; });
                        if (!left_out) service.regions.push_back(region);
                    }
                } else {
                    service.regions = listed;
                }
                std::sort(service.regions.begin(), service.regions.end());
                if (service.regions.empty()) fail(line_number, "a service offered in no region");
            }
            data.services.push_back(std::move(service));
        } else {
            fail(line_number, "unknown record " + std::string(fields[0]));
        }
    });
    if (data.source.commit.empty()) throw std::runtime_error("data/service-regions.tsv: no C record");
    std::sort(data.services.begin(), data.services.end(), [](const auto& a, const auto& b) {
        return std::pair(a.service, a.partition) < std::pair(b.service, b.partition);
    });
    return data;
}

const ServiceRegionsData& data() {
    static const ServiceRegionsData parsed = parse(service_regions_text());
    return parsed;
}

}  // namespace

const ServiceRegionsSource& service_regions_source() {
    return data().source;
}

std::span<const std::string_view> service_regions_partition(std::string_view partition) {
    for (const auto& known : data().partitions) {
        if (known.partition == partition) return known.regions;
    }
    return {};
}

const ServiceRegions* find_service_regions(std::string_view service, std::string_view partition) {
    const auto& services = data().services;
    const auto found = std::lower_bound(
        services.begin(), services.end(), std::pair(service, partition),
        [](const ServiceRegions& s, const auto& key) { return std::pair(s.service, s.partition) < key; });
    if (found == services.end() || found->service != service || found->partition != partition) return nullptr;
    return &*found;
}

const ServiceRegions* service_not_offered(std::string_view service, std::string_view partition,
                                          std::string_view region) {
    if (region.empty() || region.find("${") != std::string_view::npos) return nullptr;
    const ServiceRegions* record = find_service_regions(service, partition);
    if (record == nullptr || record->every_region) return nullptr;
    bool matches_known = false;
    for (std::string_view known : service_regions_partition(partition)) {
        if (!wildcard_match_ci(region, known)) continue;
        matches_known = true;
        if (std::binary_search(record->regions.begin(), record->regions.end(), known)) return nullptr;
    }
    return matches_known ? record : nullptr;
}

}  // namespace iamlint::rules
