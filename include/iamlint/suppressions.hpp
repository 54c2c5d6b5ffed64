// Accepting findings on purpose: the configuration's `ignore:` entries, CloudFormation `Metadata`
// (of a resource or of the template) and YAML comments. One matcher, after the rules and before the
// reporters; rules never see any of it. A suppression that matches nothing, has expired, names no rule
// or gives no reason is itself a finding (IAM090-IAM092, docs/configuration.md).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "iamlint/config.hpp"
#include "iamlint/finding.hpp"
#include "iamlint/source.hpp"

namespace iamlint {

// Findings about suppressions themselves, emitted by the matcher (not rules of the registry: they
// judge the configuration, not a policy).
inline constexpr std::string_view kInvalidSuppressionId = "IAM090";
inline constexpr std::string_view kInvalidSuppressionName = "invalid-suppression";
inline constexpr std::string_view kUnusedSuppressionId = "IAM091";
inline constexpr std::string_view kUnusedSuppressionName = "unused-suppression";
inline constexpr std::string_view kExpiredSuppressionId = "IAM092";
inline constexpr std::string_view kExpiredSuppressionName = "expired-suppression";

struct Suppression {
    std::string kind;                // "config", "metadata" or "comment"
    IgnoreEntry entry;               // rule selector(s) in `rules`, narrowing fields, reason, expiry
    std::vector<std::string> rules;  // selectors: one for config and metadata, a list for comments
    // Where it applies: findings of the file `path` (the finding's path; for config entries, any path
    // that entry.path matches) within [begin, end) bytes, or anywhere in it when whole_file.
    std::string path;
    bool whole_file = true;
    std::uint32_t begin = 0;
    std::uint32_t end = 0;
    Location location;  // where it is written
    std::size_t used = 0;
};

// The suppressions written in one input file, and the findings about malformed ones (IAM090).
struct InlineSuppressions {
    std::vector<Suppression> suppressions;
    std::vector<Finding> problems;
};

// Reads `# iamlint: ignore[...] reason` and `# iamlint: ignore-file[...] reason` comments of a YAML
// file and, for a CloudFormation template, `Metadata: {iamlint: {ignore: [...]}}` of its resources and
// of the template itself.
InlineSuppressions collect_inline_suppressions(const SourceFile& source, bool cloudformation);

class SuppressionMatcher {
public:
    // `today` is YYYY-MM-DD: entries that expire before it no longer apply.
    SuppressionMatcher(const ConfigFile* config, std::string today, bool use_inline);

    void add_inline(std::vector<Suppression> suppressions);

    // Marks the findings that a suppression accepts (Finding::suppressed).
    void apply(std::vector<Finding>& findings);

    // What this run looked at: a configuration entry for files or rules outside it is not "unused".
    void set_scope(std::vector<std::string> analysed_paths, std::vector<std::string> rule_ids_run);

    // After apply(): a finding for each suppression that matched nothing (IAM091, low) or has expired
    // (IAM092, low).
    std::vector<Finding> findings_about_suppressions() const;

private:
    bool matches(const Suppression& suppression, const Finding& finding) const;
    bool in_scope(const Suppression& suppression) const;

    const ConfigFile* config_;
    std::string today_;
    bool use_inline_;
    std::vector<Suppression> suppressions_;
    std::optional<std::vector<std::string>> analysed_paths_;
    std::vector<std::string> rule_ids_run_;
};

// Today's date (UTC), YYYY-MM-DD.
std::string today_utc();

}  // namespace iamlint
