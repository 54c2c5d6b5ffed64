// Reader of the catalog text format (data/catalog.tsv, described in docs/catalog.md). Shared by the
// build-time code generator and by Catalog::load, so the two can never disagree about a file.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "iamlint/catalog.hpp"

namespace iamlint::catalog_format {

inline constexpr int kFormatVersion = 1;

// Indices into the enclosing service's condition_keys.
using ConditionKeyRefs = std::vector<std::uint32_t>;

struct ParsedResourceType {
    std::string_view name;
    std::vector<std::string_view> arn_formats;
    ConditionKeyRefs condition_keys;
};

struct ParsedResourceTypeUse {
    std::uint32_t resource_type;  // index into the service's resource_types
    bool required;
    ConditionKeyRefs condition_keys;
};

struct ParsedAction {
    std::string_view name;
    AccessLevel access_level;
    std::vector<ParsedResourceTypeUse> resource_types;
    ConditionKeyRefs condition_keys;
};

// Each list is sorted by lower-cased name, as the format requires.
struct ParsedService {
    std::string_view prefix;
    std::string_view name;
    std::vector<ConditionKey> condition_keys;
    std::vector<ParsedResourceType> resource_types;
    std::vector<ParsedAction> actions;
};

// Views into the text given to parse(), which must outlive it.
struct ParsedCatalog {
    CatalogVersion version;
    std::vector<ParsedService> services;
};

// Throws CatalogError naming `file_name` and the offending line.
ParsedCatalog parse(std::string_view text, std::string_view file_name);

}  // namespace iamlint::catalog_format
