// What a rule reports.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "iamlint/location.hpp"

namespace iamlint {

enum class Severity : std::uint8_t { Info, Low, Medium, High, Critical };

std::string_view to_string(Severity severity);             // "critical", "high", ...
std::optional<Severity> parse_severity(std::string_view);  // case-insensitive

struct RelatedLocation {
    Location location;
    std::string message;
};

struct Finding {
    std::string rule_id;    // "IAM201"
    std::string rule_name;  // "wildcard-action"
    Severity severity = Severity::Medium;
    std::string message;
    Location location;
    std::string fix;  // one line: how to fix it; may be empty
    std::vector<RelatedLocation> related;
    std::string
        policy_kind;  // "identity", "trust", ... of the policy the finding is in; "unknown" if not told
    // What holds the policy inside its file ("aws_iam_role.ci assume_role_policy"); empty for a file that
    // is one policy.
    std::string origin;
    bool internal_error = false;  // the rule failed (threw) instead of judging the policy
    // IAM501 new-access: why the new statement may grant new access ("actions", "condition-dropped" ...,
    // see AccessChange); empty for the other rules.
    std::string access_change;

    // What identifies the finding across edits of its file, for baselines and SARIF fingerprints; filled
    // in by FindingSink, never by a rule (see docs/configuration.md, "Baseline").
    std::string policy_key;        // the policy in its file: its origin, else its JSON pointer
    std::string policy_pointer;    // the policy's JSON pointer in its file ("" for a bare policy)
    std::string statement_anchor;  // "sid:ReadLogs", or "hash:..." of effect, principal and resources
    std::string subject;           // the element and its source text without blanks: Action:"s3:*"

    // Set when a suppression or the baseline accepted the finding: it does not fail the run and is
    // reported only with --report-suppressed.
    struct Suppression {
        std::string kind;    // "config", "metadata", "comment" or "baseline"
        std::string reason;  // the reason its author gave
    };
    std::optional<Suppression> suppressed;
};

// Deterministic report order: path, line, column, rule id, message, then origin.
bool finding_order(const Finding& a, const Finding& b);

// std::sort with finding_order, findings that compare equal included: the same order, but pointers are
// sorted and each finding moved once, where sorting the findings themselves moved each of their dozen
// strings at every swap (a million findings: 10 % of the run).
void sort_findings(std::vector<Finding>& findings);

}  // namespace iamlint
