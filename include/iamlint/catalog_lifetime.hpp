// How per-thread caches of catalog-derived answers know that a catalog they hold answers for may be
// gone: a loaded catalog can be freed and another one allocated at the same address, so a cache keyed
// by address is valid only while no catalog has been destroyed since it was filled.
#pragma once

#include <cstdint>

namespace iamlint {

// How many catalogs have been destroyed so far (the builtin one never is).
std::uint64_t catalogs_destroyed();

}  // namespace iamlint
