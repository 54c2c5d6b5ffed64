#include "iamlint/catalog.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdint>
#include <fstream>
#include <functional>
#include <iterator>
#include <string>
#include <unordered_map>

#include "builtin_catalog.hpp"
#include "case_insensitive.hpp"
#include "catalog_format.hpp"
#include "catalog_layout.hpp"
#include "glob.hpp"
#include "iamlint/catalog_lifetime.hpp"

namespace iamlint {

std::string_view to_string(AccessLevel level) {
    switch (level) {
        case AccessLevel::List:
            return "List";
        case AccessLevel::Read:
            return "Read";
        case AccessLevel::Write:
            return "Write";
        case AccessLevel::PermissionsManagement:
            return "Permissions management";
        case AccessLevel::Tagging:
            return "Tagging";
    }
    return "Unknown";
}

bool wildcard_match_ci(std::string_view pattern, std::string_view text) {
    return glob_match_ci(pattern, text);
}

// A loaded catalog's tables: the structs point into these vectors and the string views into `text`,
// so nothing here may move once Catalog::load has filled it.
struct Catalog::Storage {
    std::string text;
    std::vector<std::string_view> strings;
    std::vector<ConditionKey> condition_keys;
    std::vector<ResourceType> resource_types;
    std::vector<ResourceTypeUse> resource_type_uses;
    std::vector<Action> actions;
    std::vector<Service> services;
};

namespace {

using catalog_layout::FlatCatalog;
using catalog_layout::Range;

template <typename T>
std::span<const T> span_of(const std::vector<T>& items, Range range) {
    if (range.count == 0) return {};
    return {items.data() + range.offset, range.count};
}

// Sized once up front, so that pointers taken while filling stay valid.
void materialize(const FlatCatalog& flat, Catalog::Storage& storage) {
    storage.strings = flat.strings;
    storage.condition_keys = flat.condition_keys;
    storage.resource_types.reserve(flat.resource_types.size());
    for (const auto& type : flat.resource_types) {
        storage.resource_types.push_back({type.name, span_of(storage.strings, type.arn_formats),
                                          span_of(storage.strings, type.condition_keys)});
    }
    storage.resource_type_uses.reserve(flat.resource_type_uses.size());
    for (const auto& use : flat.resource_type_uses) {
        storage.resource_type_uses.push_back({&storage.resource_types[use.resource_type], use.required,
                                              span_of(storage.strings, use.condition_keys)});
    }
    storage.services.resize(flat.services.size());
    storage.actions.reserve(flat.actions.size());
    for (const auto& action : flat.actions) {
        storage.actions.push_back({&storage.services[action.service], action.name, action.access_level,
                                   span_of(storage.resource_type_uses, action.resource_types),
                                   span_of(storage.strings, action.condition_keys)});
    }
    for (std::size_t i = 0; i < flat.services.size(); ++i) {
        const auto& service = flat.services[i];
        storage.services[i] = {service.prefix, service.name, span_of(storage.actions, service.actions),
                               span_of(storage.resource_types, service.resource_types),
                               span_of(storage.condition_keys, service.condition_keys)};
    }
}

std::string read_catalog_file(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw CatalogError(file.string(), 0, "cannot open the catalog file");
    std::string text(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>{});
    if (in.bad()) throw CatalogError(file.string(), 0, "cannot read the catalog file");
    return text;
}

// The first element whose key is not less than `name`, in a span sorted by compare_ci of the key.
template <typename T, typename Key>
const T* lower_bound_ci(std::span<const T> items, std::string_view name, Key key) {
    const auto found = std::partition_point(items.begin(), items.end(),
                                            [&](const T& item) { return compare_ci(key(item), name) < 0; });
    return items.data() + (found - items.begin());
}

template <typename T, typename Key>
const T* find_ci(std::span<const T> items, std::string_view name, Key key) {
    const T* found = lower_bound_ci(items, name, key);
    return found != items.data() + items.size() && iequals(key(*found), name) ? found : nullptr;
}

// Calls `visit` for every element whose key starts with `literal`: one contiguous run, since the span
// is sorted by lower-cased key.
template <typename T, typename Key, typename Visit>
void for_each_with_prefix_ci(std::span<const T> items, std::string_view literal, Key key, Visit visit) {
    const T* const end = items.data() + items.size();
    for (const T* item = lower_bound_ci(items, literal, key);
         item != end && istarts_with(key(*item), literal); ++item) {
        visit(*item);
    }
}

constexpr auto kPrefixOf = [](const Service& service) { return service.prefix; };
constexpr auto kNameOf = [](const Action& action) { return action.name; };

void append_all(const Service& service, std::vector<const Action*>& out) {
    for (const Action& action : service.actions) out.push_back(&action);
}

void append_matching_actions(const Service& service, std::string_view name_pattern,
                             std::vector<const Action*>& out) {
    if (matches_everything(name_pattern)) return append_all(service, out);
    const std::string_view literal = literal_prefix(name_pattern);
    if (literal.size() == name_pattern.size()) {
        if (const Action* action = find_ci(service.actions, name_pattern, kNameOf)) out.push_back(action);
        return;
    }
    const std::string_view wild_part = name_pattern.substr(literal.size());
    for_each_with_prefix_ci(service.actions, literal, kNameOf, [&](const Action& action) {
        if (glob_match_ci(wild_part, action.name.substr(literal.size()))) out.push_back(&action);
    });
}

// Looks a pattern up by its view, without making a string of it first.
struct ViewHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
};

struct ExpandMemo {
    using Results = std::unordered_map<std::string, Catalog::ActionList, ViewHash, std::equal_to<>>;
    std::uint64_t catalog_serial = 0;
    Results results;
    // In front of the map, the answers last found for the text at an address: the rules ask again
    // and again about the same strings of the model, and hashing the text cost as much as the rest of
    // a look-up. The text is compared before an answer is used (another string may have taken the
    // address), and entries point into `results`, whose nodes stay put until it is cleared.
    struct Recent {
        const char* data = nullptr;
        const Results::value_type* entry = nullptr;
    };
    static constexpr int kRecentBits = 12;
    std::array<Recent, std::size_t{1} << kRecentBits> recent{};

    Recent& recent_slot(std::string_view text) {
        const auto address = reinterpret_cast<std::uintptr_t>(text.data());
        return recent[static_cast<std::size_t>((address * 0x9e3779b97f4a7c15ULL) >> (64 - kRecentBits))];
    }
    void clear() {
        results.clear();
        recent.fill({});
    }
};

// Bounds the memory of a long run over many distinct patterns.
constexpr std::size_t kMaxExpandMemo = 1 << 16;

std::atomic<std::uint64_t> next_catalog_serial{1};
std::atomic<std::uint64_t> destroyed_catalogs{0};

}  // namespace

Catalog::Catalog(std::span<const Service> services, CatalogVersion version, std::unique_ptr<Storage> storage)
    : services_(services), version_(version), serial_(next_catalog_serial++), storage_(std::move(storage)) {
    for (const Service& service : services_) action_count_ += service.actions.size();
}

Catalog::~Catalog() {
    destroyed_catalogs.fetch_add(1, std::memory_order_release);
}

std::uint64_t catalogs_destroyed() {
    return destroyed_catalogs.load(std::memory_order_acquire);
}

const Catalog& Catalog::builtin() {
    static const Catalog catalog(builtin_catalog::services(), builtin_catalog::version(), nullptr);
    return catalog;
}

std::unique_ptr<Catalog> Catalog::load(const std::filesystem::path& file) {
    auto storage = std::make_unique<Storage>();
    storage->text = read_catalog_file(file);
    const FlatCatalog flat = catalog_layout::lay_out(catalog_format::parse(storage->text, file.string()));
    materialize(flat, *storage);
    const std::span<const Service> services = storage->services;
    return std::unique_ptr<Catalog>(new Catalog(services, flat.version, std::move(storage)));
}

const void* Catalog::derived(std::type_index type,
                             const std::function<std::shared_ptr<const void>()>& make) const {
    auto find = [&] {
        return std::find_if(derived_.begin(), derived_.end(),
                            [&](const auto& kept) { return kept.first == type; });
    };
    {
        const std::lock_guard lock(derived_mutex_);
        if (auto it = find(); it != derived_.end()) return it->second.get();
    }
    // Made without the lock: making one may ask for another.
    std::shared_ptr<const void> made = make();
    const std::lock_guard lock(derived_mutex_);
    if (auto it = find(); it != derived_.end()) return it->second.get();
    return derived_.emplace_back(type, std::move(made)).second.get();
}

const CatalogVersion& Catalog::version() const {
    return version_;
}

std::span<const Service> Catalog::services() const {
    return services_;
}

std::size_t Catalog::action_count() const {
    return action_count_;
}

const Service* Catalog::find_service(std::string_view prefix) const {
    return find_ci(services_, prefix, kPrefixOf);
}

const Action* Catalog::find_action(std::string_view service_prefix, std::string_view action_name) const {
    const Service* service = find_service(service_prefix);
    return service != nullptr ? find_ci(service->actions, action_name, kNameOf) : nullptr;
}

const Action* Catalog::find_action(std::string_view qualified) const {
    const std::size_t colon = qualified.find(':');
    if (colon == std::string_view::npos) return nullptr;
    return find_action(qualified.substr(0, colon), qualified.substr(colon + 1));
}

// IAM matches a pattern against the whole "prefix:name". Action names have no colon, so a pattern
// with exactly one colon splits into a service part and a name part matched separately (a wildcard
// before the colon cannot swallow it), and one with more colons matches nothing. Only a pattern
// without a colon, "*" above all, has to be matched against the whole text.
Catalog::ActionList Catalog::matching_actions(std::string_view pattern) const {
    // Every rule asks again for the patterns of every statement; each thread keeps what the catalog it
    // last used answered. Catalogs are told apart by serial number, not address: a loaded catalog can
    // be freed and another one allocated at the same place. Clearing the memo frees no list a caller
    // still holds.
    thread_local ExpandMemo memo;
    if (memo.catalog_serial != serial_ || memo.results.size() >= kMaxExpandMemo) {
        memo.clear();
        memo.catalog_serial = serial_;
    }
    ExpandMemo::Recent& recent = memo.recent_slot(pattern);
    if (recent.data == pattern.data() && recent.entry != nullptr && recent.entry->first == pattern)
        return recent.entry->second;
    auto it = memo.results.find(pattern);
    if (it == memo.results.end()) {
        auto actions = std::make_shared<std::vector<const Action*>>();
        expand_uncached(pattern, *actions);
        it = memo.results.try_emplace(std::string(pattern), std::move(actions)).first;
    }
    recent = {pattern.data(), &*it};
    return it->second;
}

void Catalog::expand(std::string_view pattern, std::vector<const Action*>& out) const {
    const ActionList actions = matching_actions(pattern);
    out.insert(out.end(), actions->begin(), actions->end());
}

void Catalog::expand_uncached(std::string_view pattern, std::vector<const Action*>& out) const {
    if (matches_everything(pattern)) {
        out.reserve(out.size() + action_count_);
        for (const Service& service : services_) append_all(service, out);
        return;
    }
    const std::size_t colon = pattern.find(':');
    if (colon == std::string_view::npos) {
        for_each_with_prefix_ci(services_, literal_prefix(pattern), kPrefixOf, [&](const Service& service) {
            for (const Action& action : service.actions) {
                if (glob_match_ci(pattern, QualifiedActionName{service.prefix, action.name}))
                    out.push_back(&action);
            }
        });
        return;
    }
    const std::string_view service_pattern = pattern.substr(0, colon);
    const std::string_view name_pattern = pattern.substr(colon + 1);
    if (name_pattern.find(':') != std::string_view::npos) return;
    const std::string_view service_literal = literal_prefix(service_pattern);
    if (service_literal.size() == service_pattern.size()) {
        if (const Service* service = find_service(service_pattern))
            append_matching_actions(*service, name_pattern, out);
        return;
    }
    for_each_with_prefix_ci(services_, service_literal, kPrefixOf, [&](const Service& service) {
        if (glob_match_ci(service_pattern, service.prefix))
            append_matching_actions(service, name_pattern, out);
    });
}

}  // namespace iamlint
