// What a rule says about itself: the facts that docs, `iamlint rules` and SARIF are made from.
#pragma once

#include <span>
#include <string_view>

#include "iamlint/finding.hpp"

namespace iamlint {

struct RuleMeta {
    std::string_view id;    // "IAM201"
    std::string_view name;  // "wildcard-action"
    Severity default_severity;
    std::string_view summary;                // one line, no trailing period
    std::string_view description;            // a paragraph: what it flags and why it matters
    std::span<const std::string_view> tags;  // "security", "least-privilege", ...
    bool in_recommended = true;              // part of the `recommended` preset (every rule is in `all`)
    std::string_view readme;                 // the rule's README.md, Markdown, built into the binary
};

// The project's home; rule docs are its rules/<name>/README.md.
inline constexpr std::string_view kProjectUrl = "https://github.com/iamlint/iamlint";

// Where a rule's docs live on the web: the README in the repository.
std::string help_uri(const RuleMeta& meta);

}  // namespace iamlint
