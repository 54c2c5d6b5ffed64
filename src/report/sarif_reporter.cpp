// SARIF 2.1.0 for GitHub code scanning and other SARIF viewers: one run, every rule that ran as a
// reportingDescriptor, one result per finding. Mapping documented in docs/output-formats.md.
#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "artifact_uri.hpp"
#include "iamlint/finding_identity.hpp"
#include "json_output.hpp"
#include "reporters.hpp"
#include "utf8.hpp"

namespace iamlint::reporting {

namespace {

using nlohmann::ordered_json;

constexpr std::string_view kSchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";
constexpr std::string_view kSarifVersion = "2.1.0";
constexpr std::string_view kFingerprintName = "iamlintFingerprint/v2";
constexpr std::string_view kSecurityTag = "security";
// GitHub rejects longer rule descriptions and keeps only this many tags per rule.
constexpr std::size_t kMaxDescriptionLength = 1024;
constexpr std::size_t kMaxTags = 10;

std::string_view sarif_level(Severity severity) {
    switch (severity) {
        case Severity::Critical:
        case Severity::High:
            return "error";
        case Severity::Medium:
            return "warning";
        case Severity::Low:
        case Severity::Info:
            return "note";
    }
    return "none";
}

// A number inside GitHub's band for the severity (>= 9 critical, 7-8.9 high, 4-6.9 medium,
// 0.1-3.9 low); GitHub has no "info" band, so info sits at the bottom of "low".
std::string_view security_severity(Severity severity) {
    switch (severity) {
        case Severity::Critical:
            return "9.5";
        case Severity::High:
            return "8.0";
        case Severity::Medium:
            return "5.5";
        case Severity::Low:
            return "3.0";
        case Severity::Info:
            return "1.0";
    }
    return "1.0";
}

// Input/grammar (IAM0xx) and catalog-validity (IAM1xx) rules state facts that AWS itself would
// enforce; the judgement-based areas are only "high".
std::string_view precision(std::string_view rule_id) {
    const bool factual =
        rule_id.size() > 3 && rule_id.starts_with("IAM") && (rule_id[3] == '0' || rule_id[3] == '1');
    return factual ? "very-high" : "high";
}

bool is_blank(std::string_view text) {
    return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

// GitHub requires non-blank descriptions and help, so a rule with a missing field falls back on the next.
std::string first_non_blank(std::initializer_list<std::string_view> candidates) {
    for (std::string_view candidate : candidates) {
        if (!is_blank(candidate)) return std::string(candidate);
    }
    return {};
}

ordered_json description_text(std::string_view text) {
    return {{"text", truncate_to_utf16_length(text, kMaxDescriptionLength)}};
}

// "security" comes first, so that the cut to kMaxTags never drops it: without it GitHub ignores
// security-severity. The rule's own tags follow, once each.
ordered_json rule_tags(std::span<const std::string_view> tags) {
    std::vector<std::string_view> kept = {kSecurityTag};
    for (std::string_view tag : tags) {
        if (kept.size() < kMaxTags && std::ranges::find(kept, tag) == kept.end()) kept.push_back(tag);
    }
    return kept;
}

ordered_json rule_properties(std::string_view rule_id, Severity severity,
                             std::span<const std::string_view> tags) {
    return {
        {"tags", rule_tags(tags)},
        {"precision", precision(rule_id)},
        {"security-severity", security_severity(severity)},
    };
}

ordered_json rule_descriptor(const RuleMeta& rule) {
    const std::string full_description =
        first_non_blank({rule.description, rule.summary, rule.name, rule.id});
    const std::string help = first_non_blank({rule.readme, full_description});
    return {
        {"id", rule.id},
        {"name", rule.name},
        {"shortDescription", description_text(first_non_blank({rule.summary, rule.name, rule.id}))},
        {"fullDescription", description_text(full_description)},
        {"help", {{"text", help}, {"markdown", help}}},
        {"helpUri", help_uri(rule)},
        {"defaultConfiguration", {{"level", sarif_level(rule.default_severity)}}},
        {"properties", rule_properties(rule.id, rule.default_severity, rule.tags)},
    };
}

// For a finding whose rule is not among Report::rules (an internal error, say): every result must
// name a rule of the run, or GitHub rejects the whole upload.
ordered_json rule_descriptor_from_finding(const Finding& finding) {
    const std::string description = first_non_blank({finding.rule_name, finding.rule_id});
    ordered_json descriptor = {{"id", finding.rule_id}};
    if (!finding.rule_name.empty()) descriptor["name"] = finding.rule_name;
    descriptor["shortDescription"] = description_text(description);
    descriptor["fullDescription"] = description_text(description);
    descriptor["help"] = {{"text", description}, {"markdown", description}};
    descriptor["defaultConfiguration"] = {{"level", sarif_level(finding.severity)}};
    descriptor["properties"] = rule_properties(finding.rule_id, finding.severity, {});
    return descriptor;
}

// tool.driver.rules and where each rule id sits in it (results point at their rule by index).
class RuleTable {
public:
    explicit RuleTable(const Report& report) {
        for (const RuleMeta* rule : report.rules) {
            if (rule != nullptr) add(std::string(rule->id), [rule] { return rule_descriptor(*rule); });
        }
        for (const Finding& finding : report.findings) {
            add(finding.rule_id, [&finding] { return rule_descriptor_from_finding(finding); });
        }
    }

    std::size_t index_of(const std::string& rule_id) const { return index_.at(rule_id); }
    ordered_json take_descriptors() { return std::move(descriptors_); }

private:
    template <typename MakeDescriptor>
    void add(const std::string& rule_id, MakeDescriptor make_descriptor) {
        if (index_.contains(rule_id)) return;
        index_.emplace(rule_id, descriptors_.size());
        descriptors_.push_back(make_descriptor());
    }

    ordered_json descriptors_ = ordered_json::array();
    std::map<std::string, std::size_t, std::less<>> index_;
};

// Ties a result to the same alert across commits: the finding's identity (rule, path, policy, statement,
// offending value), as in baselines, never line numbers or the message's wording.
std::string fingerprint(const Finding& finding) {
    return finding_fingerprint(finding, finding.location.path);
}

ordered_json region(const SourceRange& range) {
    ordered_json result = {{"startLine", range.line}};
    if (range.column >= 1) result["startColumn"] = range.column;
    const bool end_after_start =
        range.end_line > range.line || (range.end_line == range.line && range.end_column >= range.column);
    if (range.end_column >= 1 && end_after_start) {
        result["endLine"] = range.end_line;
        result["endColumn"] = range.end_column;
    }
    return result;
}

ordered_json physical_location(const Location& location) {
    ordered_json result = {{"artifactLocation", {{"uri", artifact_uri(location.path)}}}};
    if (!location.range.empty()) result["region"] = region(location.range);
    return result;
}

// The physical location, and the policy's container (a Terraform resource, an IAM role) as a logical
// location: SARIF's place for "where in the program", shown by viewers beside the file.
ordered_json location(const Finding& finding) {
    ordered_json result = {{"physicalLocation", physical_location(finding.location)}};
    if (!finding.origin.empty()) {
        result["logicalLocations"] =
            ordered_json::array({{{"fullyQualifiedName", finding.origin}, {"kind", "resource"}}});
    }
    return result;
}

ordered_json result_properties(const Finding& finding) {
    ordered_json properties = {{"severity", to_string(finding.severity)}};
    if (!finding.policy_kind.empty()) properties["policyKind"] = finding.policy_kind;
    if (!finding.fix.empty()) properties["fix"] = finding.fix;
    return properties;
}

ordered_json result(const Finding& finding, std::size_t rule_index) {
    ordered_json result = {
        {"ruleId", finding.rule_id},
        {"ruleIndex", rule_index},
        {"level", sarif_level(finding.severity)},
        {"message", {{"text", first_non_blank({finding.message, finding.rule_name, finding.rule_id})}}},
        {"locations", ordered_json::array({location(finding)})},
    };
    if (!finding.related.empty()) {
        ordered_json related = ordered_json::array();
        for (const RelatedLocation& note : finding.related) {
            ordered_json location = {{"id", related.size() + 1},
                                     {"physicalLocation", physical_location(note.location)}};
            if (!is_blank(note.message)) location["message"] = {{"text", note.message}};
            related.push_back(std::move(location));
        }
        result["relatedLocations"] = std::move(related);
    }
    result["partialFingerprints"] = {{kFingerprintName, fingerprint(finding)}};
    if (finding.suppressed) {
        // A suppression written in the policy's file is "inSource"; the configuration and the
        // baseline are "external".
        const bool in_source =
            finding.suppressed->kind == "metadata" || finding.suppressed->kind == "comment";
        result["suppressions"] = ordered_json::array({{{"kind", in_source ? "inSource" : "external"},
                                                       {"status", "accepted"},
                                                       {"justification", finding.suppressed->reason}}});
    }
    result["properties"] = result_properties(finding);
    return result;
}

ordered_json tool_driver(const ToolInfo& tool, ordered_json rules) {
    ordered_json driver = {{"name", first_non_blank({tool.name, "iamlint"})}};
    if (!tool.version.empty()) {
        driver["version"] = tool.version;
        driver["semanticVersion"] = tool.version;
    }
    if (!tool.information_uri.empty()) driver["informationUri"] = tool.information_uri;
    if (!tool.catalog_version.empty()) driver["properties"] = {{"catalogVersion", tool.catalog_version}};
    driver["rules"] = std::move(rules);
    return driver;
}

class SarifReporter final : public Reporter {
public:
    void write(const Report& report, std::ostream& out) const override {
        RuleTable rules(report);
        ordered_json results = ordered_json::array();
        for (const Finding& finding : report.findings) {
            results.push_back(result(finding, rules.index_of(finding.rule_id)));
        }
        ordered_json run = {
            {"tool", {{"driver", tool_driver(report.tool, rules.take_descriptors())}}},
            {"columnKind", "unicodeCodePoints"},
            {"results", std::move(results)},
        };
        const ordered_json log = {
            {"$schema", kSchemaUri},
            {"version", kSarifVersion},
            {"runs", ordered_json::array({std::move(run)})},
        };
        write_json(log, out);
    }
};

}  // namespace

std::unique_ptr<Reporter> make_sarif_reporter() {
    return std::make_unique<SarifReporter>();
}

}  // namespace iamlint::reporting
