#include "iamlint/baseline.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include <nlohmann/json.hpp>

#include "iamlint/config.hpp"
#include "iamlint/finding_identity.hpp"
#include "iamlint/loader.hpp"

namespace iamlint {

namespace fs = std::filesystem;

namespace {

constexpr int kFormatVersion = 1;

fs::path absolute_folder_of(const fs::path& file) {
    std::error_code ec;
    return fs::absolute(file, ec).lexically_normal().parent_path();
}

BaselineEntry entry_of(const Finding& finding, const fs::path& folder) {
    BaselineEntry entry;
    entry.rule = finding.rule_id;
    entry.path = path_relative_to(folder, finding.location.path);
    entry.policy = finding.policy_key;
    entry.statement = finding.statement_anchor;
    entry.subject = finding.subject;
    entry.fingerprint = finding_fingerprint(finding, entry.path);
    return entry;
}

auto sort_key(const BaselineEntry& e) {
    return std::tie(e.path, e.rule, e.policy, e.statement, e.subject, e.fingerprint);
}

// The second pass: what still identifies a finding once its statement's Sid has changed.
std::tuple<std::string_view, std::string_view, std::string_view, std::string_view> loose_key(
    const BaselineEntry& e) {
    return {e.rule, e.path, e.policy, e.subject};
}

}  // namespace

Baseline Baseline::load(const fs::path& file) {
    const std::string name = file.string();
    ReadResult read = read_file(file);
    if (!read.text) throw BaselineError("cannot read the baseline " + name + ": " + read.error);
    nlohmann::json document;
    try {
        document = nlohmann::json::parse(*read.text);
    } catch (const nlohmann::json::parse_error& error) {
        throw BaselineError("the baseline " + name + " is not valid JSON: " + error.what());
    }
    const auto bad = [&](const std::string& why) {
        return BaselineError("the baseline " + name + " is not an iamlint baseline: " + why +
                             " (write a new one with --write-baseline)");
    };
    if (!document.is_object() || !document.contains("version") || !document.contains("findings"))
        throw bad("it needs \"version\" and \"findings\"");
    if (document["version"] != kFormatVersion)
        throw bad("version " + document["version"].dump() + " is not " + std::to_string(kFormatVersion));
    if (!document["findings"].is_array()) throw bad("\"findings\" is not a list");
    std::vector<BaselineEntry> entries;
    std::size_t index = 0;
    for (const auto& item : document["findings"]) {
        BaselineEntry entry;
        const auto field = [&](const char* key, std::string& out, bool required) {
            const auto it = item.is_object() ? item.find(key) : item.end();
            if (item.is_object() && it != item.end() && it->is_string()) {
                out = it->get<std::string>();
            } else if (required || (item.is_object() && it != item.end())) {
                throw bad("findings[" + std::to_string(index) + "]." + key + " is missing or not a string");
            }
        };
        field("rule", entry.rule, true);
        field("path", entry.path, true);
        field("policy", entry.policy, false);
        field("statement", entry.statement, false);
        field("subject", entry.subject, false);
        field("fingerprint", entry.fingerprint, true);
        entries.push_back(std::move(entry));
        ++index;
    }
    return Baseline(absolute_folder_of(file), std::move(entries), name);
}

std::string Baseline::serialize(const std::vector<Finding>& findings, const fs::path& file) {
    const fs::path folder = absolute_folder_of(file);
    std::vector<BaselineEntry> entries;
    for (const Finding& finding : findings) {
        if (!finding.suppressed) entries.push_back(entry_of(finding, folder));
    }
    std::sort(entries.begin(), entries.end(),
              [](const auto& a, const auto& b) { return sort_key(a) < sort_key(b); });
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const BaselineEntry& entry : entries) {
        nlohmann::ordered_json item = {{"rule", entry.rule}, {"path", entry.path}};
        if (!entry.policy.empty()) item["policy"] = entry.policy;
        if (!entry.statement.empty()) item["statement"] = entry.statement;
        if (!entry.subject.empty()) item["subject"] = entry.subject;
        item["fingerprint"] = entry.fingerprint;
        list.push_back(std::move(item));
    }
    const nlohmann::ordered_json document = {
        {"version", kFormatVersion},
        {"tool", "iamlint"},
        {"findings", std::move(list)},
    };
    return document.dump(2) + "\n";
}

Baseline::Outcome Baseline::apply(std::vector<Finding>& findings) const {
    std::vector<bool> entry_used(entries_.size(), false);
    std::vector<BaselineEntry> current;
    current.reserve(findings.size());
    for (const Finding& finding : findings) current.push_back(entry_of(finding, folder_));

    const std::string reason = "in the baseline " + name_;
    Outcome outcome;
    const auto accept = [&](std::size_t finding, std::size_t entry) {
        entry_used[entry] = true;
        findings[finding].suppressed = Finding::Suppression{"baseline", reason};
        ++outcome.matched;
    };
    // First pass: the whole fingerprint. Entries of one fingerprint are taken one per finding.
    std::multimap<std::string_view, std::size_t> by_fingerprint;
    for (std::size_t i = 0; i < entries_.size(); ++i) by_fingerprint.emplace(entries_[i].fingerprint, i);
    for (std::size_t i = 0; i < findings.size(); ++i) {
        if (findings[i].suppressed) continue;
        const auto it = by_fingerprint.find(current[i].fingerprint);
        if (it == by_fingerprint.end()) continue;
        accept(i, it->second);
        by_fingerprint.erase(it);
    }
    // Second pass, on what is left: the same rule, file, policy and offending value.
    std::multimap<std::tuple<std::string_view, std::string_view, std::string_view, std::string_view>,
                  std::size_t>
        by_subject;
    for (std::size_t i = 0; i < entries_.size(); ++i) {
        if (!entry_used[i]) by_subject.emplace(loose_key(entries_[i]), i);
    }
    for (std::size_t i = 0; i < findings.size(); ++i) {
        if (findings[i].suppressed) continue;
        const auto it = by_subject.find(loose_key(current[i]));
        if (it == by_subject.end()) continue;
        accept(i, it->second);
        by_subject.erase(it);
    }
    outcome.stale = static_cast<std::size_t>(std::count(entry_used.begin(), entry_used.end(), false));
    return outcome;
}

}  // namespace iamlint
