// The catalog compiled from data/catalog.tsv: defined in the .cpp that iamlint_catalog_codegen writes
// into the build tree.
#pragma once

#include <span>

#include "iamlint/catalog.hpp"

namespace iamlint::builtin_catalog {

std::span<const Service> services();
CatalogVersion version();

}  // namespace iamlint::builtin_catalog
