// A baseline: the findings a team has accepted, written once (--write-baseline) and committed, so
// that a run reports and fails only on new ones. Findings are matched by what identifies them across
// edits (finding_identity.hpp), never by line numbers or message wording.
#pragma once

#include <cstddef>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "iamlint/finding.hpp"

namespace iamlint {

// A baseline file that cannot be read or is not a baseline; the message names the file.
class BaselineError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct BaselineEntry {
    std::string rule;
    std::string path;  // relative to the baseline file's folder
    std::string policy;
    std::string statement;
    std::string subject;
    std::string fingerprint;
};

class Baseline {
public:
    // Throws BaselineError for a missing, unreadable or malformed file.
    static Baseline load(const std::filesystem::path& file);

    // The text of a baseline file at `file` holding `findings` (those not suppressed): sorted, without
    // timestamps, so that it changes only when the findings do.
    static std::string serialize(const std::vector<Finding>& findings, const std::filesystem::path& file);

    struct Outcome {
        std::size_t matched = 0;  // findings the baseline accepts
        std::size_t stale = 0;    // entries that match no finding any more
    };
    // Marks the findings it holds as suppressed (kind "baseline"). An entry accepts one finding: a
    // second identical problem is new. First by fingerprint, then by rule, path, policy and subject (a
    // renamed Sid).
    Outcome apply(std::vector<Finding>& findings) const;

    const std::vector<BaselineEntry>& entries() const { return entries_; }
    Baseline(std::filesystem::path folder, std::vector<BaselineEntry> entries, std::string name)
        : folder_(std::move(folder)), entries_(std::move(entries)), name_(std::move(name)) {}

private:
    std::filesystem::path folder_;  // absolute
    std::vector<BaselineEntry> entries_;
    std::string name_;  // the file as shown to the user
};

}  // namespace iamlint
