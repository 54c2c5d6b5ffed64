// The two steps of can_match (iamlint/arn.hpp) on compiled token sequences, declared for their tests.
#pragma once

#include <span>

#include "iamlint/arn.hpp"

namespace iamlint::arn_matching {

ColonShape colon_shape(std::span<const ArnToken> tokens);
// A cheap proof from the colons that no string matches both token sequences: one that cannot have as
// many colons as the other, or, after a colon both place at the same rank, literal characters that
// differ. False when it proves nothing. The shapes are those of the sequences.
bool colons_rule_out(std::span<const ArnToken> p, const ColonShape& p_shape, std::span<const ArnToken> f,
                     const ColonShape& f_shape);
// The same, the shapes worked out here.
bool colons_rule_out(std::span<const ArnToken> p, std::span<const ArnToken> f);
// Whether some string matches both sequences: the full search.
bool search_common_string(std::span<const ArnToken> p, std::span<const ArnToken> f);

}  // namespace iamlint::arn_matching
