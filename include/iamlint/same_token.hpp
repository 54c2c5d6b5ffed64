// One finding per token among the rules that judge how far a grant reaches.
#pragma once

#include <cstddef>
#include <vector>

#include "iamlint/finding.hpp"

namespace iamlint {

// Among findings[first..]: where several of the grant-breadth rules (IAM201-IAM203, IAM211,
// IAM301-IAM306) report the very same element, keeps one, the most severe, and at equal severity the
// most specific (IAM201 every action, IAM301 escalation, IAM203 RDS, IAM303 credentials, IAM302
// permissions management, IAM305 passing roles, IAM211 secrets, IAM304 data reads, IAM306
// service-linked roles, then the shape IAM202 service wildcard). The other rules' findings there become
// related locations of the one kept ("IAM302 permissions-management (high): ..."): what they say stays
// visible, but one token is one thing to fix and counts once against --fail-on. Several findings of one rule
// on one token, and other rules' findings, are left alone.
void fold_same_token_findings(std::vector<Finding>& findings, std::size_t first);

}  // namespace iamlint
