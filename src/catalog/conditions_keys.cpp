// Condition keys: the global table (data/global-condition-keys.tsv) and the service keys of the
// catalog, looked up without regard to case, with variable parts such as aws:RequestTag/${TagKey}.
#include <functional>
#include <stdexcept>
#include <string>
#include <unordered_map>

#include "conditions_data.hpp"
#include "iamlint/ascii.hpp"
#include "iamlint/catalog_lifetime.hpp"
#include "iamlint/conditions.hpp"
#include "iamlint/split.hpp"
#include "iamlint/suggest.hpp"

namespace iamlint {

namespace {

std::optional<ValueType> parse_value_type(std::string_view name) {
    if (name == "String") return ValueType::String;
    if (name == "ARN") return ValueType::Arn;
    if (name == "Bool") return ValueType::Bool;
    if (name == "Date") return ValueType::Date;
    if (name == "Numeric") return ValueType::Numeric;
    if (name == "IPAddress") return ValueType::IpAddress;
    if (name == "Binary") return ValueType::Binary;
    return std::nullopt;
}

[[noreturn]] void fail(std::size_t line, const std::string& message) {
    throw std::runtime_error("global-condition-keys.tsv:" + std::to_string(line) + ": " + message);
}

GlobalConditionKey parse_record(std::string_view line, std::size_t number) {
    const auto fields = split(line, '\t');
    if (fields.size() != 6)
        fail(number, "expected 6 tab-separated fields, found " + std::to_string(fields.size()));
    GlobalConditionKey key;
    key.name = fields[0];
    if (key.name.find(':') == std::string_view::npos) fail(number, "a key is \"prefix:name\"");
    for (std::string_view rest = fields[1];;) {
        const std::size_t bar = rest.find('|');
        const auto type = parse_value_type(rest.substr(0, bar));
        if (!type) fail(number, "unknown type \"" + std::string(rest.substr(0, bar)) + "\"");
        key.types.add(*type);
        if (bar == std::string_view::npos) break;
        rest.remove_prefix(bar + 1);
    }
    if (fields[2] == "single") {
        key.values = Multiplicity::Single;
    } else if (fields[2] == "multi") {
        key.values = Multiplicity::Multi;
    } else {
        fail(number, "values must be single or multi");
    }
    if (fields[3] == "current") {
        key.status = KeyStatus::Current;
    } else if (fields[3] == "deprecated") {
        key.status = KeyStatus::Deprecated;
    } else if (fields[3] == "unsupported") {
        key.status = KeyStatus::Unsupported;
    } else {
        fail(number, "status must be current, deprecated or unsupported");
    }
    key.replacement = fields[4] == "-" ? std::string_view{} : fields[4];
    if ((key.status != KeyStatus::Current) != !key.replacement.empty())
        fail(number, "a deprecated or unsupported key names its replacement, a current one does not");
    key.source = fields[5];
    if (key.source.empty()) fail(number, "every key names its source");
    return key;
}

// Where a "${...}" or "<...>" variable part of a canonical name starting at `at` ends (one past it).
std::size_t variable_end(std::string_view canonical, std::size_t at) {
    if (canonical.substr(at, 2) == "${") {
        const std::size_t close = canonical.find('}', at);
        return close == std::string_view::npos ? std::string_view::npos : close + 1;
    }
    if (canonical[at] == '<') {
        const std::size_t close = canonical.find('>', at);
        return close == std::string_view::npos ? std::string_view::npos : close + 1;
    }
    return std::string_view::npos;
}

bool matches_from(std::string_view canonical, std::size_t c, std::string_view key, std::size_t k) {
    while (c < canonical.size()) {
        if (const std::size_t end = variable_end(canonical, c); end != std::string_view::npos) {
            // A variable takes at least one character; try every length, shortest first.
            for (std::size_t next = k + 1; next <= key.size(); ++next) {
                if (matches_from(canonical, end, key, next)) return true;
            }
            return false;
        }
        if (k >= key.size() || ascii_lower(canonical[c]) != ascii_lower(key[k])) return false;
        ++c;
        ++k;
    }
    return k == key.size();
}

bool has_variable(std::string_view canonical) {
    return canonical.find("${") != std::string_view::npos || canonical.find('<') != std::string_view::npos;
}

// Combines what several sources say about one key.
class KeyFacts {
public:
    void add(std::string_view name, KeyTypes types, Multiplicity values) {
        if (!found_) {
            info_.name = name;
            info_.values = values;
            found_ = true;
        } else if (info_.values != values) {
            info_.values = Multiplicity::Unknown;
        }
        // One source that does not know the type makes the type unknown: no type findings then.
        if (types.empty() || unknown_type_) {
            unknown_type_ = true;
            info_.types = {};
        } else {
            info_.types.bits = static_cast<std::uint8_t>(info_.types.bits | types.bits);
        }
    }
    bool found() const { return found_; }
    KeyInfo& info() { return info_; }

private:
    KeyInfo info_;
    bool found_ = false;
    bool unknown_type_ = false;
};

void add_catalog_matches(const Service& service, std::string_view key, KeyFacts& facts) {
    for (const ConditionKey& candidate : service.condition_keys) {
        if (!condition_key_name_matches(candidate.name, key)) continue;
        KeyTypes types;
        Multiplicity values = Multiplicity::Unknown;
        if (auto parsed = parse_catalog_key_type(candidate.type)) {
            types.add(parsed->type);
            values = parsed->multi ? Multiplicity::Multi : Multiplicity::Single;
        }
        facts.add(candidate.name, types, values);
    }
}

// The literal start of a canonical name, up to its first variable part.
std::string_view literal_head(std::string_view canonical) {
    return canonical.substr(0, std::min(canonical.find("${"), canonical.find('<')));
}

}  // namespace

std::vector<GlobalConditionKey> parse_global_condition_keys(std::string_view text) {
    std::vector<GlobalConditionKey> keys;
    std::size_t number = 0;
    for (std::size_t start = 0; start < text.size();) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(start, end - start);
        start = end + 1;
        ++number;
        if (line.ends_with('\r')) line.remove_suffix(1);
        if (line.empty() || line.front() == '#') continue;
        keys.push_back(parse_record(line, number));
        for (std::size_t i = 0; i + 1 < keys.size(); ++i) {
            if (iequals(keys[i].name, keys.back().name))
                fail(number, "duplicate key " + std::string(keys.back().name));
        }
    }
    return keys;
}

std::span<const GlobalConditionKey> global_condition_keys() {
    static const std::vector<GlobalConditionKey> keys =
        parse_global_condition_keys(global_condition_keys_text());
    return keys;
}

std::optional<CatalogKeyType> parse_catalog_key_type(std::string_view name) {
    constexpr std::string_view kArrayOf = "ArrayOf";
    const bool multi = name.starts_with(kArrayOf);
    if (multi) name.remove_prefix(kArrayOf.size());
    auto type = parse_value_type(name);
    if (!type) return std::nullopt;
    return CatalogKeyType{*type, multi};
}

std::string describe(KeyTypes types) {
    std::string text;
    for (ValueType type : {ValueType::String, ValueType::Numeric, ValueType::Date, ValueType::Bool,
                           ValueType::Binary, ValueType::IpAddress, ValueType::Arn}) {
        if (!types.has(type)) continue;
        if (!text.empty()) text += " or ";
        text += to_string(type);
    }
    return text;
}

bool condition_key_name_matches(std::string_view canonical, std::string_view key) {
    // The catalog spells a few tag keys without a variable: "sagemaker:ResourceTag/" and
    // "secretsmanager:ResourceTag/tag-key" mean "...ResourceTag/${TagKey}".
    constexpr std::string_view kTagKeyPlaceholder = "/tag-key";
    std::string_view head;
    if (canonical.ends_with('/')) {
        head = canonical;
    } else if (canonical.size() > kTagKeyPlaceholder.size() && canonical.ends_with(kTagKeyPlaceholder)) {
        head = canonical.substr(0, canonical.size() - kTagKeyPlaceholder.size() + 1);
    }
    if (!head.empty()) return key.size() > head.size() && istarts_with(key, head);
    return matches_from(canonical, 0, key, 0);
}

std::string_view condition_key_prefix(std::string_view key) {
    return key.substr(0, key.find(':'));
}

namespace {

std::optional<KeyInfo> find_condition_key_uncached(const Catalog& catalog, std::string_view key) {
    KeyFacts facts;
    const GlobalConditionKey* global = nullptr;
    for (const auto& candidate : global_condition_keys()) {
        if (!condition_key_name_matches(candidate.name, key)) continue;
        // A literal name beats a variable one ("aws:RequestTag/x" against a hypothetical literal key).
        if (global == nullptr || has_variable(global->name)) global = &candidate;
    }
    if (global != nullptr) facts.add(global->name, global->types, global->values);

    const std::string_view prefix = condition_key_prefix(key);
    // The catalog's aws: keys (aws:TagKeys, aws:RequestTag/..., aws:ResourceTag/...) repeat the global
    // table; reading them for every aws: key would scan every service each time.
    if (global == nullptr || !iequals(prefix, "aws")) {
        const Service* own = catalog.find_service(prefix);
        if (own != nullptr) add_catalog_matches(*own, key, facts);
        // Keys that live under another service (saml:aud and the OIDC keys under sts) or that several
        // services define with different types (identitystore:UserId).
        if (!facts.found() || global != nullptr) {
            for (const Service& service : catalog.services()) {
                if (&service != own) add_catalog_matches(service, key, facts);
            }
        }
    }
    if (!facts.found()) return std::nullopt;
    KeyInfo info = facts.info();
    if (global != nullptr) {
        info.name = global->name;
        info.status = global->status;
        info.replacement = global->replacement;
        info.global = true;
    }
    return info;
}

// What one thread's rules asked of the catalog it last used: eight rules look up every condition key
// of every statement, and a key its service does not define scans every service. The answers point
// into the catalog and the global table, so they stay valid while the catalog lives.
// Looks a key up by its view, without making a string of it first.
struct ViewHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
};

struct ConditionKeyMemo {
    const Catalog* catalog = nullptr;
    std::uint64_t catalogs_destroyed = 0;
    std::unordered_map<std::string, std::optional<KeyInfo>, ViewHash, std::equal_to<>> answers;
};

// Bounds the memory of a long run over many distinct keys.
constexpr std::size_t kMaxConditionKeyMemo = 1 << 14;

}  // namespace

std::optional<KeyInfo> find_condition_key(const Catalog& catalog, std::string_view key) {
    thread_local ConditionKeyMemo memo;
    const std::uint64_t destroyed = catalogs_destroyed();
    if (memo.catalog != &catalog || memo.catalogs_destroyed != destroyed ||
        memo.answers.size() >= kMaxConditionKeyMemo) {
        memo.answers.clear();
        memo.catalog = &catalog;
        memo.catalogs_destroyed = destroyed;
    }
    auto it = memo.answers.find(key);
    if (it == memo.answers.end())
        it = memo.answers.try_emplace(std::string(key), find_condition_key_uncached(catalog, key)).first;
    return it->second;
}

std::string suggest_condition_key(const Catalog& catalog, std::string_view key) {
    const std::string_view prefix = condition_key_prefix(key);
    const std::size_t slash = key.find('/');
    const std::string_view head = key.substr(0, slash == std::string_view::npos ? key.size() : slash + 1);
    std::string_view best;
    const std::size_t budget = typo_limit(key.size() - prefix.size());
    std::size_t best_distance = budget + 1;
    auto consider = [&](std::string_view canonical) {
        if (!iequals(condition_key_prefix(canonical), prefix)) return;
        const std::string_view literal = literal_head(canonical);
        const std::size_t distance =
            edit_distance_ci(literal.size() < canonical.size() ? head : key, literal, budget);
        if (distance < best_distance) {
            best = canonical;
            best_distance = distance;
        }
    };
    for (const auto& global : global_condition_keys()) {
        if (global.status == KeyStatus::Current) consider(global.name);
    }
    if (const Service* service = catalog.find_service(prefix)) {
        for (const ConditionKey& candidate : service->condition_keys) consider(candidate.name);
    }
    // "aws:RequestTags/team" -> "aws:RequestTag/team", not the canonical "aws:RequestTag/${TagKey}".
    const std::string_view literal = literal_head(best);
    if (literal.size() < best.size() && literal.ends_with('/') && head.ends_with('/') &&
        head.size() < key.size()) {
        return std::string(literal) + std::string(key.substr(head.size()));
    }
    return std::string(best);
}

}  // namespace iamlint
