// Lays a parsed catalog out as the flat arrays that Catalog's structs live in. The code generator
// prints them as constant tables and Catalog::load points spans into them, so the builtin and a
// loaded catalog are the same shape. Identical runs (a list of condition keys, an action's resource
// types) are stored once and shared.
#pragma once

#include <compare>
#include <cstdint>
#include <string_view>
#include <vector>

#include "catalog_format.hpp"
#include "iamlint/catalog.hpp"

namespace iamlint::catalog_layout {

// A run of `count` elements of a sibling array, starting at `offset`.
struct Range {
    std::uint32_t offset = 0;
    std::uint32_t count = 0;

    auto operator<=>(const Range&) const = default;
};

struct FlatResourceType {
    std::string_view name;
    Range arn_formats;     // into strings
    Range condition_keys;  // into strings
};

struct FlatResourceTypeUse {
    std::uint32_t resource_type;  // index into resource_types
    bool required;
    Range condition_keys;  // into strings

    auto operator<=>(const FlatResourceTypeUse&) const = default;
};

struct FlatAction {
    std::uint32_t service;  // index into services
    std::string_view name;
    AccessLevel access_level;
    Range resource_types;  // into resource_type_uses
    Range condition_keys;  // into strings
};

struct FlatService {
    std::string_view prefix;
    std::string_view name;
    Range actions;
    Range resource_types;
    Range condition_keys;
};

struct FlatCatalog {
    CatalogVersion version;
    std::vector<std::string_view> strings;  // ARN formats and condition key names
    std::vector<ConditionKey> condition_keys;
    std::vector<FlatResourceType> resource_types;
    std::vector<FlatResourceTypeUse> resource_type_uses;
    std::vector<FlatAction> actions;
    std::vector<FlatService> services;
};

// An action's condition keys become its own keys merged with those of its resource-type uses.
FlatCatalog lay_out(const catalog_format::ParsedCatalog& catalog);

}  // namespace iamlint::catalog_layout
