// .iamlint.yaml: strict reading (every key from one table per mapping, positions in every error) and
// the layering of rule settings per file.
#include "iamlint/config.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

#include "iamlint/ascii.hpp"
#include "iamlint/engine.hpp"
#include "iamlint/json.hpp"
#include "iamlint/loader.hpp"
#include "iamlint/path_glob.hpp"
#include "iamlint/suggest.hpp"
#include "iamlint/yaml.hpp"

namespace iamlint {

namespace fs = std::filesystem;

namespace {

// " (did you mean 'x'?)" for the closest of `names`, or "" when none is close enough to be a typo.
std::string did_you_mean(std::string_view written, const std::vector<std::string_view>& names) {
    std::string_view best;
    std::size_t best_distance = typo_limit(written.size()) + 1;
    for (std::string_view name : names) {
        const std::size_t distance = edit_distance_ci(written, name, best_distance - 1);
        if (distance < best_distance) {
            best = name;
            best_distance = distance;
        }
    }
    return best.empty() ? std::string() : " (did you mean '" + std::string(best) + "'?)";
}

bool is_area_prefix(std::string_view selector) {
    if (selector.size() < 4 || selector.size() > 5 || !iequals(selector.substr(0, 3), "IAM")) return false;
    return std::all_of(selector.begin() + 3, selector.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

bool is_iso_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
        if (text[i] < '0' || text[i] > '9') return false;
    }
    const int month = (text[5] - '0') * 10 + (text[6] - '0');
    const int day = (text[8] - '0') * 10 + (text[9] - '0');
    return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

namespace {

class Reader {
public:
    Reader(const SourceFile& source, fs::path folder) : source_(source), folder_(std::move(folder)) {}

    ConfigPosition at(SourceSpan span) const {
        const SourceRange range = source_.range(span);
        return {source_.path(), range.line, range.column};
    }

    [[noreturn]] void fail(SourceSpan span, const std::string& message) const {
        throw ConfigError(at(span).text() + ": " + message);
    }

    std::string text(const JsonValue& value, std::string_view key) const {
        if (!value.is_string() || value.text.empty())
            fail(value.range, "'" + std::string(key) + "' takes a non-empty string, not " + describe(value));
        return std::string(value.text);
    }

    // A string, or a list of strings.
    std::vector<std::string> texts(const JsonValue& value, std::string_view key) const {
        if (value.is_string()) return {text(value, key)};
        if (!value.is_array())
            fail(value.range, "'" + std::string(key) + "' takes a list of strings, not " + describe(value));
        std::vector<std::string> out;
        for (const JsonValue& item : value.items()) out.push_back(text(item, key));
        return out;
    }

    Severity severity(const JsonValue& value, std::string_view key) const {
        const std::string name = text(value, key);
        if (auto severity = parse_severity(name)) return *severity;
        fail(value.range, "'" + std::string(key) + "' is one of critical, high, medium, low, info, not '" +
                              name + "'" + did_you_mean(name, {"critical", "high", "medium", "low", "info"}));
    }

    std::string rule_selector(const JsonValue& value, std::string_view key) const {
        std::string selector = text(value, key);
        check_selector(selector, value.range);
        return selector;
    }

    void check_selector(std::string_view selector, SourceSpan range) const {
        try {
            check_rule_selector(selector);
        } catch (const ConfigError& error) {
            fail(range, error.what());
        }
    }

    // Calls `read` for each member after checking its key against `keys`.
    template <typename Read>
    void members(const JsonValue& object, std::string_view what, const std::vector<std::string_view>& keys,
                 Read read) const {
        if (!object.is_object())
            fail(object.range, std::string(what) + " is a mapping, not " + describe(object));
        for (const JsonMember& member : object.members()) {
            if (std::find(keys.begin(), keys.end(), member.key) == keys.end()) {
                fail(member.key_range, "unknown key '" + member.key + "' in " + std::string(what) +
                                           did_you_mean(member.key, keys));
            }
            read(member);
        }
    }

    const std::string& path() const { return source_.path(); }
    const fs::path& folder() const { return folder_; }

    static std::string describe(const JsonValue& value) {
        if (value.is_string()) return "the string '" + value.text + "'";
        return "a " + std::string(value.is_object()  ? "mapping"
                                  : value.is_array() ? "list"
                                                     : to_string(value.type));
    }

private:
    const SourceFile& source_;
    fs::path folder_;
};

RuleSetting read_rule_setting(const Reader& reader, const JsonMember& member) {
    RuleSetting setting;
    reader.check_selector(member.key, member.key_range);
    setting.selector = std::string(member.key);
    setting.source = reader.at(member.key_range).text();
    const JsonValue& value = member.value;
    const std::string what = "rule setting '" + member.key + "'";
    if (value.type == JsonType::Boolean) {
        setting.enabled = value.text == "true";
    } else if (value.is_string()) {
        if (iequals(value.text, "on") || iequals(value.text, "off")) {
            setting.enabled = iequals(value.text, "on");
        } else if (auto severity = parse_severity(value.text)) {
            setting.severity = severity;
        } else {
            reader.fail(
                value.range,
                what + " is on, off, a severity or {severity: ..., enabled: ...}, not '" + value.text + "'");
        }
    } else if (value.is_object()) {
        reader.members(value, what, {"severity", "enabled"}, [&](const JsonMember& field) {
            if (field.key == "severity") {
                setting.severity = reader.severity(field.value, "severity");
            } else if (field.value.type == JsonType::Boolean) {
                setting.enabled = field.value.text == "true";
            } else {
                reader.fail(field.value.range,
                            "'enabled' takes true or false, not " + Reader::describe(field.value));
            }
        });
    } else {
        reader.fail(value.range, what + " is on, off, a severity or {severity: ..., enabled: ...}, not " +
                                     Reader::describe(value));
    }
    return setting;
}

std::vector<RuleSetting> read_rules(const Reader& reader, const JsonValue& value) {
    std::vector<RuleSetting> rules;
    if (value.type == JsonType::Null) return rules;
    if (!value.is_object())
        reader.fail(value.range, "'rules' is a mapping of rule to setting, not " + Reader::describe(value));
    for (const JsonMember& member : value.members()) rules.push_back(read_rule_setting(reader, member));
    return rules;
}

PolicyKind read_policy_kind(const Reader& reader, const JsonValue& value) {
    const std::string name = reader.text(value, "policy_kind");
    if (auto kind = parse_policy_kind(name); kind && *kind != PolicyKind::Unknown) return *kind;
    const std::vector<std::string_view> kinds = {"identity", "resource",     "trust",
                                                 "scp",      "rcp",          "permissions-boundary",
                                                 "session",  "vpc-endpoint", "iot"};
    reader.fail(value.range, "unknown policy_kind '" + name + "'" + did_you_mean(name, kinds));
}

PathOverride read_override(const Reader& reader, const JsonValue& value) {
    PathOverride entry;
    entry.position = reader.at(value.range);
    reader.members(value, "an override", {"files", "policy_kind", "rules"}, [&](const JsonMember& member) {
        if (member.key == "files") {
            entry.files = reader.texts(member.value, "files");
        } else if (member.key == "policy_kind") {
            entry.policy_kind = read_policy_kind(reader, member.value);
        } else {
            entry.rules = read_rules(reader, member.value);
        }
    });
    if (entry.files.empty()) reader.fail(value.range, "an override needs 'files': the globs it applies to");
    return entry;
}

IgnoreEntry read_ignore(const Reader& reader, const JsonValue& value) {
    IgnoreEntry entry;
    entry.position = reader.at(value.range);
    const std::vector<std::string_view> keys = {"rule",   "path",     "sid",       "pointer", "origin",
                                                "action", "resource", "principal", "reason",  "expires"};
    reader.members(value, "an ignore entry", keys, [&](const JsonMember& member) {
        const std::string_view key = member.key;
        if (key == "rule") {
            entry.rule = reader.rule_selector(member.value, key);
        } else if (key == "expires") {
            entry.expires = reader.text(member.value, key);
            if (!is_iso_date(entry.expires))
                reader.fail(member.value.range,
                            "'expires' is a date written YYYY-MM-DD, not '" + entry.expires + "'");
        } else {
            std::string IgnoreEntry::*field = key == "path"        ? &IgnoreEntry::path
                                              : key == "sid"       ? &IgnoreEntry::sid
                                              : key == "pointer"   ? &IgnoreEntry::pointer
                                              : key == "origin"    ? &IgnoreEntry::origin
                                              : key == "action"    ? &IgnoreEntry::action
                                              : key == "resource"  ? &IgnoreEntry::resource
                                              : key == "principal" ? &IgnoreEntry::principal
                                                                   : &IgnoreEntry::reason;
            entry.*field = reader.text(member.value, key);
        }
    });
    if (entry.rule.empty()) reader.fail(value.range, "an ignore entry needs 'rule': the rule it accepts");
    if (entry.reason.empty())
        reader.fail(value.range, "an ignore entry needs 'reason': why the finding is accepted");
    return entry;
}

// One entry of `forbid_access:`: the actions (patterns) never granted, on these resources (any without).
ForbiddenAccess read_forbidden_access(const Reader& reader, const JsonValue& value) {
    ForbiddenAccess entry;
    reader.members(
        value, "a forbid_access entry", {"actions", "resources", "reason"}, [&](const JsonMember& member) {
            if (member.key == "actions") {
                entry.actions = reader.texts(member.value, "actions");
                for (const std::string& action : entry.actions) {
                    if (action != "*" && action.find(':') == std::string::npos)
                        reader.fail(
                            member.value.range,
                            "'actions' holds IAM actions such as iam:CreateUser, not '" + action + "'");
                }
            } else if (member.key == "resources") {
                entry.resources = reader.texts(member.value, "resources");
            } else {
                entry.reason = reader.text(member.value, "reason");
            }
        });
    if (entry.actions.empty())
        reader.fail(value.range, "a forbid_access entry needs 'actions': the actions never granted");
    return entry;
}

template <typename Item, typename Read>
std::vector<Item> read_list(const Reader& reader, const JsonValue& value, std::string_view key, Read read) {
    std::vector<Item> items;
    if (value.type == JsonType::Null) return items;
    if (!value.is_array())
        reader.fail(value.range, "'" + std::string(key) + "' is a list, not " + Reader::describe(value));
    for (const JsonValue& item : value.items()) items.push_back(read(reader, item));
    return items;
}

// The top-level keys: one table, so that a new key is one line here and one function.
using TopKeyReader = void (*)(const Reader&, const JsonValue&, ConfigFile&);
struct TopKey {
    std::string_view name;
    TopKeyReader read;
};

const TopKey kTopKeys[] = {
    {"version",
     [](const Reader& reader, const JsonValue& value, ConfigFile&) {
         if (value.type != JsonType::Number || value.text != "1")
             reader.fail(value.range, "'version' is 1 (the only version of this format), not " + value.text);
     }},
    {"preset",
     [](const Reader& reader, const JsonValue& value, ConfigFile& config) {
         const std::string preset = reader.text(value, "preset");
         if (preset != "recommended" && preset != "all")
             reader.fail(value.range, "'preset' is recommended or all, not '" + preset + "'" +
                                          did_you_mean(preset, {"recommended", "all"}));
         config.preset = preset;
     }},
    {"fail_on",
     [](const Reader& reader, const JsonValue& value, ConfigFile& config) {
         const std::string level = reader.text(value, "fail_on");
         if (!iequals(level, "never")) reader.severity(value, "fail_on");
         config.fail_on = to_lower(level);
     }},
    {"min_severity",
     [](const Reader& reader, const JsonValue& value, ConfigFile& config) {
         config.min_severity = reader.severity(value, "min_severity");
     }},
    {"account_ids",
     [](const Reader& reader, const JsonValue& value, ConfigFile& config) {
         // Unquoted, 111122223333 would be a number: accepted as the digits written.
         std::vector<std::string> ids;
         if (!value.is_array())
             reader.fail(value.range, "'account_ids' is a list, not " + Reader::describe(value));
         for (const JsonValue& item : value.items()) {
             const bool digits = (item.is_string() || item.type == JsonType::Number) &&
                                 item.text.size() == 12 &&
                                 item.text.find_first_not_of("0123456789") == std::string::npos;
             if (!digits)
                 reader.fail(item.range, "an AWS account id is 12 digits, not " + Reader::describe(item));
             ids.emplace_back(item.text);
         }
         config.account_ids = std::move(ids);
     }},
    {"include", [](const Reader& reader, const JsonValue& value,
                   ConfigFile& config) { config.include = reader.texts(value, "include"); }},
    {"exclude", [](const Reader& reader, const JsonValue& value,
                   ConfigFile& config) { config.exclude = reader.texts(value, "exclude"); }},
    {"rules", [](const Reader& reader, const JsonValue& value,
                 ConfigFile& config) { config.rules = read_rules(reader, value); }},
    {"overrides",
     [](const Reader& reader, const JsonValue& value, ConfigFile& config) {
         config.overrides = read_list<PathOverride>(reader, value, "overrides", read_override);
     }},
    {"ignore",
     [](const Reader& reader, const JsonValue& value, ConfigFile& config) {
         config.ignore = read_list<IgnoreEntry>(reader, value, "ignore", read_ignore);
     }},
    {"forbid_access",
     [](const Reader& reader, const JsonValue& value, ConfigFile& config) {
         config.forbid_access =
             read_list<ForbiddenAccess>(reader, value, "forbid_access", read_forbidden_access);
     }},
    {"baseline",
     [](const Reader& reader, const JsonValue& value, ConfigFile& config) {
         config.baseline = (reader.folder() / reader.text(value, "baseline")).lexically_normal().string();
     }},
};

}  // namespace

std::string ConfigPosition::text() const {
    return path + ":" + std::to_string(line) + ":" + std::to_string(column);
}

std::optional<fs::path> find_config_file(const fs::path& start) {
    std::error_code ec;
    fs::path folder = fs::absolute(start, ec).lexically_normal();
    if (ec) return std::nullopt;
    while (true) {
        for (std::string_view name : kConfigFileNames) {
            const fs::path candidate = folder / name;
            if (fs::is_regular_file(candidate, ec)) return candidate;
        }
        if (fs::exists(folder / ".git", ec) || !folder.has_relative_path()) return std::nullopt;
        folder = folder.parent_path();
    }
}

ConfigFile load_config_file(const fs::path& path) {
    const std::string shown = path.string();
    ReadResult read = read_file(path);
    if (!read.text) throw ConfigError("cannot read the configuration " + shown + ": " + read.error);
    std::error_code ec;
    const fs::path folder = fs::absolute(path, ec).lexically_normal().parent_path();
    return parse_config(shown, std::move(*read.text), folder);
}

ConfigFile parse_config(const std::string& display_path, std::string text, const fs::path& folder) {
    const SourceFile source(display_path, std::move(text));
    const JsonDocument document = parse_yaml(source);
    const Reader reader(source, folder);
    if (document.error) reader.fail(document.error->range, "not valid YAML: " + document.error->message);
    if (!document.duplicate_keys.empty()) {
        const JsonDuplicateKey& duplicate = document.duplicate_keys.front();
        reader.fail(duplicate.duplicate, "duplicate key '" + duplicate.key + "' (first at line " +
                                             std::to_string(reader.at(duplicate.first).line) + ")");
    }
    ConfigFile config;
    config.path = display_path;
    config.folder = folder;
    if (document.root.type == JsonType::Null) return config;  // an empty file
    std::vector<std::string_view> keys;
    for (const TopKey& key : kTopKeys) keys.push_back(key.name);
    reader.members(document.root, "the configuration", keys, [&](const JsonMember& member) {
        const auto* key = std::find_if(std::begin(kTopKeys), std::end(kTopKeys),
                                       [&](const TopKey& k) { return k.name == member.key; });
        key->read(reader, member.value, config);
        config.positions.emplace(member.key, reader.at(member.key_range));
    });
    return config;
}

std::string path_relative_to(const fs::path& folder, std::string_view display_path) {
    if (display_path == "<stdin>") return std::string(display_path);
    std::error_code ec;
    const fs::path absolute = fs::absolute(fs::path(display_path), ec).lexically_normal();
    if (ec) return std::string(display_path);
    const fs::path relative = absolute.lexically_relative(folder);
    return relative.empty() ? absolute.generic_string() : relative.generic_string();
}

std::size_t selector_specificity(std::string_view selector, const RuleMeta& rule) {
    if (iequals(selector, rule.id) || iequals(selector, rule.name)) return 100;
    if (is_area_prefix(selector) && rule.id.size() > selector.size() &&
        iequals(rule.id.substr(0, selector.size()), selector))
        return selector.size();
    return 0;
}

void check_rule_selector(std::string_view selector) {
    std::vector<std::string_view> names;
    for (const Rule* rule : builtin_rules()) {
        if (selector_specificity(selector, rule->meta()) > 0) return;
        names.push_back(rule->meta().id);
        names.push_back(rule->meta().name);
    }
    if (is_area_prefix(selector))
        throw ConfigError("no rule's id starts with '" + std::string(selector) + "'");
    throw ConfigError("unknown rule '" + std::string(selector) + "'" + did_you_mean(selector, names) +
                      " (see 'iamlint rules')");
}

RulePlan::RulePlan(std::string preset, const ConfigFile* config, std::vector<RuleSetting> command_line)
    : preset_(std::move(preset)), config_(config), command_line_(std::move(command_line)) {}

std::vector<const std::vector<RuleSetting>*> RulePlan::layers(std::string_view relative_path,
                                                              const PathOverride* only_override,
                                                              bool no_overrides) const {
    std::vector<const std::vector<RuleSetting>*> out;
    if (config_ != nullptr) {
        out.push_back(&config_->rules);
        for (const PathOverride& entry : config_->overrides) {
            const bool applies = only_override != nullptr ? &entry == only_override
                                 : no_overrides           ? false
                                                          : path_globs_match(entry.files, relative_path);
            if (applies) out.push_back(&entry.rules);
        }
    }
    out.push_back(&command_line_);
    return out;
}

RulePlan::Resolved RulePlan::resolve_in(const RuleMeta& rule,
                                        const std::vector<const std::vector<RuleSetting>*>& layers) const {
    Resolved resolved;
    resolved.enabled = preset_ == "all" || rule.in_recommended;
    resolved.enabled_source = resolved.enabled ? "preset " + preset_ : "not in preset " + preset_;
    resolved.severity_source = "rule default";
    for (const auto* layer : layers) {
        const RuleSetting* enabled_by = nullptr;
        const RuleSetting* severity_by = nullptr;
        std::size_t enabled_specificity = 0;
        std::size_t severity_specificity = 0;
        for (const RuleSetting& setting : *layer) {
            const std::size_t specificity = selector_specificity(setting.selector, rule);
            if (specificity == 0) continue;
            // Within a layer, the more specific entry wins, and a later one among equals.
            if (setting.enabled && specificity >= enabled_specificity) {
                enabled_by = &setting;
                enabled_specificity = specificity;
            }
            if (setting.severity && specificity >= severity_specificity) {
                severity_by = &setting;
                severity_specificity = specificity;
            }
        }
        if (enabled_by != nullptr) {
            resolved.enabled = *enabled_by->enabled;
            resolved.enabled_source = enabled_by->source;
        }
        if (severity_by != nullptr) {
            resolved.severity = severity_by->severity;
            resolved.severity_source = severity_by->source;
        }
    }
    return resolved;
}

RulePlan::Resolved RulePlan::resolve(const RuleMeta& rule, std::string_view relative_path) const {
    return resolve_in(rule, layers(relative_path));
}

std::vector<const Rule*> RulePlan::rules_to_run(std::span<const Rule* const> rules) const {
    // A rule that some override enables is enabled by that override alone as well: the union over
    // "no override" and each single override is every rule enabled for some file.
    std::vector<std::vector<const std::vector<RuleSetting>*>> variants = {layers({}, nullptr, true)};
    if (config_ != nullptr) {
        for (const PathOverride& entry : config_->overrides) variants.push_back(layers({}, &entry));
    }
    std::vector<const Rule*> selected;
    for (const Rule* rule : rules) {
        const bool anywhere = std::any_of(variants.begin(), variants.end(), [&](const auto& variant) {
            return resolve_in(rule->meta(), variant).enabled;
        });
        if (anywhere) selected.push_back(rule);
    }
    return selected;
}

std::optional<std::pair<PolicyKind, std::string>> RulePlan::policy_kind(
    std::string_view relative_path) const {
    std::optional<std::pair<PolicyKind, std::string>> kind;
    if (config_ == nullptr) return kind;
    for (const PathOverride& entry : config_->overrides) {
        if (entry.policy_kind && path_globs_match(entry.files, relative_path))
            kind = std::make_pair(*entry.policy_kind, entry.position.text());
    }
    return kind;
}

}  // namespace iamlint
