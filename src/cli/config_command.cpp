// `iamlint config show [PATH]`: what applies to one path once defaults, the configuration file, its
// overrides and the command line are layered, and where each value comes from.
#include <fmt/format.h>

#include "cli.hpp"
#include "iamlint/engine.hpp"

namespace iamlint::cli {

namespace {

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
    return out.empty() ? "(none)" : out;
}

std::string source_of(const LintConfig& config, std::string_view key) {
    const auto it = config.sources.find(key);
    return it == config.sources.end() ? "default" : it->second;
}

}  // namespace

int show_config(const LintConfig& config, const std::string& path, std::ostream& out) {
    const ConfigFile* file = config.file ? &*config.file : nullptr;
    const std::string relative = file != nullptr ? path_relative_to(file->folder, path) : path;
    out << "configuration: " << (file != nullptr ? file->path : "none (built-in defaults)") << '\n';
    out << "path: " << path;
    if (file != nullptr) out << " (" << relative << " from the configuration's folder)";
    out << "\n\n";

    const auto line = [&](std::string_view key, const std::string& value) {
        out << fmt::format("{:<14}{:<34} {}\n", std::string(key) + ":", value, source_of(config, key));
    };
    line("preset", config.rules.preset);
    line("fail_on", config.fail_on ? std::string(to_string(*config.fail_on)) : "never");
    line("min_severity", std::string(to_string(config.min_severity)));
    line("account_ids", join(config.settings.trusted_accounts));
    line("include", join(file != nullptr && file->include ? *file->include : config.include));
    line("exclude", join(file != nullptr && file->exclude ? *file->exclude : config.exclude));
    line("baseline", config.baseline.empty() ? "(none)" : config.baseline);

    const RulePlan plan(config.rules.preset, file, config.rule_settings);
    std::string kind = "detected from each policy's text";
    std::string kind_source = "default";
    if (config.policy_kind) {
        kind = std::string(to_string(*config.policy_kind));
        kind_source = "command line";
    } else if (auto from_override = plan.policy_kind(relative)) {
        kind = std::string(to_string(from_override->first));
        kind_source = "override at " + from_override->second;
    }
    out << fmt::format("{:<14}{:<34} {}\n", "policy_kind:", kind, kind_source);
    out << fmt::format("{:<14}{:<34} {}\n", "suppressions:",
                       fmt::format("{} ignore entr{}", file != nullptr ? file->ignore.size() : 0,
                                   file != nullptr && file->ignore.size() == 1 ? "y" : "ies"),
                       config.inline_suppressions ? "and those in Metadata and comments"
                                                  : "only (--no-inline-suppressions)");

    out << "\nrules:\n";
    for (const Rule* rule : builtin_rules()) {
        const RuleMeta& meta = rule->meta();
        const RulePlan::Resolved resolved = plan.resolve(meta, relative);
        const std::string severity = resolved.severity ? std::string(to_string(*resolved.severity))
                                                       : std::string(to_string(meta.default_severity));
        out << fmt::format("  {} {:<42} {:<3} {:<24} {:<8} {}\n", meta.id, meta.name,
                           resolved.enabled ? "on" : "off", resolved.enabled_source, severity,
                           resolved.severity_source);
    }
    return kExitClean;
}

}  // namespace iamlint::cli
