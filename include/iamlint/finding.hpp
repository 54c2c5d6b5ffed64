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
};

// Deterministic report order: path, line, column, rule id, message, then origin.
bool finding_order(const Finding& a, const Finding& b);

}  // namespace iamlint
