// What identifies a finding across edits of its file: the policy, the statement and the offending value,
// never line numbers or the message's wording. Baselines and SARIF fingerprints are made from it.
#pragma once

#include <string>
#include <string_view>

#include "iamlint/finding.hpp"
#include "iamlint/model.hpp"

namespace iamlint {

// Fills finding.policy_key, statement_anchor and subject for a finding at the element of `document`
// whose JSON pointer (spelled out) is `where_pointer` and whose bytes are `range`.
void fill_finding_identity(Finding& finding, const PolicyDocument& document, std::string_view where_pointer,
                           SourceSpan range);

// The fingerprint of a finding as found at `path`: a hash of rule, path, policy key, statement anchor
// and subject, 16 hex digits.
std::string finding_fingerprint(const Finding& finding, std::string_view path);

// Source text with the blanks outside quoted strings removed, so that pretty-printed and minified
// files give the same text.
std::string compact_source_text(std::string_view text);

}  // namespace iamlint
