// Whether one IAM condition implies another: every request that satisfies the first satisfies the
// second. `iamlint diff` asks it to prove that an old grant's conditions still hold under the new
// grant's (docs/diff.md); a false answer means "not proven", never "proven not".
#pragma once

#include <span>
#include <string_view>

#include "iamlint/model.hpp"

namespace iamlint {

// Whether `narrow` implies `broad`: the same key, and an operator and values that admit no request
// `broad` refuses. Fewer values of the same operator, narrower patterns, a CIDR inside a CIDR, a
// tighter numeric or date bound; an operator without IfExists implies its IfExists form; a negated
// operator is implied by the same one with more values, or by a positive one whose values it excludes.
bool condition_implies(const Condition& narrow, const Condition& broad);

// Whether some one of the conditions implies `broad` (a statement's conditions all hold at once).
bool conditions_imply(std::span<const Condition> narrow, const Condition& broad);

// Whether some text matches both glob patterns (`*` any run, `?` one character), compared as written.
bool patterns_may_overlap(std::string_view a, std::string_view b);

}  // namespace iamlint
