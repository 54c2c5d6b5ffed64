# Every source file parses the same standard headers before a line of its own: with C++20, <algorithm>,
# <string> and <vector> alone are about 90,000 lines, some three quarters of a rule's compile time at
# -O1. Each target parses them once, into a precompiled header, and its sources start from that: a
# clean build, which CI does twice (g++ and the clang sanitizer build), takes far less CPU
# (docs/robustness.md has the figures).
option(IAMLINT_PCH "Precompile the standard headers that most source files include (faster clean builds)" ON)

set(IAMLINT_PCH_HEADERS
  <algorithm> <array> <cstddef> <cstdint> <map> <memory> <optional> <set> <span> <string>
  <string_view> <unordered_map> <utility> <vector>)

# iamlint_precompile_headers(target [extra headers...]): the common set, and the target's own heavy ones.
function(iamlint_precompile_headers target)
  if(IAMLINT_PCH)
    target_precompile_headers(${target} PRIVATE ${IAMLINT_PCH_HEADERS} ${ARGN})
  endif()
endfunction()
