#include "rule_support.hpp"

#include <algorithm>
#include <array>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "iamlint/arn.hpp"
#include "iamlint/ascii.hpp"
#include "iamlint/catalog_lifetime.hpp"
#include "iamlint/principals.hpp"
#include "iamlint/wildcards.hpp"

namespace iamlint::rules {

bool grants_permissions(PolicyKind kind) {
    return kind != PolicyKind::Scp && kind != PolicyKind::Rcp && kind != PolicyKind::PermissionsBoundary &&
           kind != PolicyKind::Session && kind != PolicyKind::VpcEndpoint;
}

namespace {

// AWS IoT Core's policy actions that IAM also knows, and Greengrass's device-certificate calls.
constexpr std::array<std::pair<std::string_view, std::string_view>, 16> kIotPolicyActions = {{
    {"iot", "Connect"},
    {"iot", "Publish"},
    {"iot", "Subscribe"},
    {"iot", "Receive"},
    {"iot", "RetainPublish"},
    {"iot", "GetRetainedMessage"},
    {"iot", "ListRetainedMessages"},
    {"iot", "GetThingShadow"},
    {"iot", "UpdateThingShadow"},
    {"iot", "DeleteThingShadow"},
    {"iot", "ListNamedShadowsForThing"},
    {"greengrass", "Discover"},
    {"greengrass", "GetComponentVersionArtifact"},
    {"greengrass", "ResolveComponentCandidates"},
    {"greengrass", "GetConnectivityInfo"},
    {"greengrass", "UpdateConnectivityInfo"},
}};

}  // namespace

bool can_allow(PolicyKind kind, const Action& action) {
    if (kind != PolicyKind::Iot) return true;
    const std::string_view service = action.service->prefix;
    if (iequals(service, "iotjobsdata")) return true;
    return std::any_of(kIotPolicyActions.begin(), kIotPolicyActions.end(), [&](const auto& known) {
        return iequals(known.first, service) && iequals(known.second, action.name);
    });
}

bool is_iot_policy_only_action(std::string_view action) {
    return iequals(action, "iot:AssumeRoleWithCertificate");
}

bool is_iot_policy_condition_key(std::string_view key) {
    constexpr std::array<std::string_view, 2> kPrefixes = {"iot:Connection.", "iot:Certificate."};
    constexpr std::array<std::string_view, 4> kKeys = {"iot:ClientId", "iot:ConnectAttributes",
                                                       "iot:LastWillTopic", "iot:DomainName"};
    return std::any_of(kPrefixes.begin(), kPrefixes.end(),
                       [&](std::string_view prefix) { return istarts_with(key, prefix); }) ||
           std::any_of(kKeys.begin(), kKeys.end(),
                       [&](std::string_view known) { return iequals(key, known); });
}

bool is_only_stars(std::string_view text) {
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c == '*'; });
}

bool is_all_actions(std::string_view action) {
    // Asked of every action entry by many rules; the name, a suffix, is only stars: the last character
    // settles most entries.
    if (action.empty() || action.back() != '*') return false;
    auto [service, name] = split_action(action);
    return is_only_stars(name) &&
           (service.empty() ? action.find(':') == std::string_view::npos : is_only_stars(service));
}

bool delegates_to_accounts(const PolicyDocument& document, const Statement& statement) {
    if (document.kind != PolicyKind::Resource || !statement.principals.present ||
        statement.principals.negated || statement.principals.entries.empty()) {
        return false;
    }
    return std::all_of(statement.principals.entries.begin(), statement.principals.entries.end(),
                       [](const PrincipalEntry& principal) { return names_whole_account(principal); });
}

bool is_allow_with_actions(const Statement& statement) {
    return statement.is_allow() && statement.actions.present && !statement.actions.negated;
}

bool is_service_wildcard(std::string_view action) {
    auto [service, name] = split_action(action);
    return !service.empty() && find_wildcard(service) == std::string_view::npos && is_only_stars(name);
}

bool is_unscoped(const Statement& statement) {
    if (!statement.resources.present) return false;
    const auto& entries = statement.resources.entries;
    return statement.resources.negated ||
           std::any_of(entries.begin(), entries.end(),
                       [](const Entry& resource) { return matches_every_resource(resource.text); });
}

namespace {

// The ARN format with every ${Variable} filled in with `value`, and the partition with `partition`,
// into `arn`: a buffer the caller keeps, as most formats are longer than a string holds without one.
void instantiate(std::string_view format, std::string_view partition, std::string_view value,
                 std::string& arn) {
    arn.clear();
    for (std::size_t at = 0; at < format.size();) {
        const auto open = format.find("${", at);
        const auto close = open == std::string_view::npos ? open : format.find('}', open);
        if (close == std::string_view::npos) {
            arn += format.substr(at);
            return;
        }
        arn += format.substr(at, open - at);
        arn += format.substr(open, close - open + 1) == "${Partition}" ? partition : value;
        at = close + 1;
    }
}

bool covers_every_resource_of_uncached(std::string_view resource, const ResourceType& type) {
    if (matches_every_resource(resource)) return true;
    auto arn = split_arn(resource);
    if (!arn || resource.find('*') == std::string_view::npos) return false;
    // A pattern that matches two unrelated instances of a format, with separators in their variable
    // parts, leaves every variable open.
    thread_local std::string sample;
    for (std::string_view format : type.arn_formats) {
        instantiate(format, arn->partition, "iamlint-sample-1", sample);
        if (!wildcard_match_ci(resource, sample)) continue;
        instantiate(format, arn->partition, "Z/other:2", sample);
        if (wildcard_match_ci(resource, sample)) return true;
    }
    return false;
}

// A resource pattern and a resource type of the catalog, looked up by views.
struct ResourceOfType {
    const ResourceType* type;
    std::string resource;
};
struct ResourceOfTypeHash {
    using is_transparent = void;
    std::size_t operator()(std::pair<const ResourceType*, std::string_view> key) const {
        return std::hash<std::string_view>{}(key.second) ^ (std::hash<const void*>{}(key.first) << 1);
    }
    std::size_t operator()(const ResourceOfType& key) const {
        return (*this)(std::pair<const ResourceType*, std::string_view>(key.type, key.resource));
    }
};
struct ResourceOfTypeEqual {
    using is_transparent = void;
    static std::pair<const ResourceType*, std::string_view> view(const ResourceOfType& key) {
        return {key.type, key.resource};
    }
    static std::pair<const ResourceType*, std::string_view> view(
        std::pair<const ResourceType*, std::string_view> key) {
        return key;
    }
    template <typename A, typename B>
    bool operator()(const A& a, const B& b) const {
        return view(a) == view(b);
    }
};

// What one thread found for the catalog's resource types: IAM204 and IAM302-IAM306 ask it for every
// action of every statement, with the same few resource patterns, and the answer instantiates and
// matches every ARN format of the type. Dropped when a catalog (which owns the types) is destroyed.
struct CoversMemo {
    std::uint64_t catalogs_destroyed = 0;
    std::unordered_map<ResourceOfType, bool, ResourceOfTypeHash, ResourceOfTypeEqual> answers;
};

// Bounds the memory of a long run over many distinct resources.
constexpr std::size_t kMaxCoversMemo = 1 << 16;

}  // namespace

bool covers_every_resource_of(std::string_view resource, const ResourceType& type) {
    thread_local CoversMemo memo;
    const std::uint64_t destroyed = catalogs_destroyed();
    if (memo.catalogs_destroyed != destroyed || memo.answers.size() >= kMaxCoversMemo) {
        memo.answers.clear();
        memo.catalogs_destroyed = destroyed;
    }
    const std::pair<const ResourceType*, std::string_view> key{&type, resource};
    auto it = memo.answers.find(key);
    if (it == memo.answers.end())
        it = memo.answers
                 .emplace(ResourceOfType{&type, std::string(resource)},
                          covers_every_resource_of_uncached(resource, type))
                 .first;
    return it->second;
}

bool condition_key_matches(std::string_view catalog_key, std::string_view policy_key) {
    // Wildcard matching with one backtrack point, where a "${...}" of the catalog key plays '*'.
    constexpr auto npos = std::string_view::npos;
    auto variable_end = [&](std::size_t p) {
        return catalog_key.substr(p, 2) == "${" ? catalog_key.find('}', p) : npos;
    };
    std::size_t p = 0, t = 0, resume_p = npos, resume_t = 0;
    while (t < policy_key.size()) {
        if (auto close = variable_end(p); close != npos) {
            p = resume_p = close + 1;
            resume_t = t;
        } else if (p < catalog_key.size() && ascii_lower(catalog_key[p]) == ascii_lower(policy_key[t])) {
            ++p;
            ++t;
        } else if (resume_p != npos) {
            p = resume_p;
            t = ++resume_t;
        } else {
            return false;
        }
    }
    for (auto close = variable_end(p); close != npos; close = variable_end(p)) p = close + 1;
    return p == catalog_key.size();
}

std::string qualified_name(const Action& action) {
    std::string name(action.service->prefix);
    name += ':';
    name += action.name;
    return name;
}

bool is_named(const Action& action, std::string_view qualified) {
    const std::string_view prefix = action.service->prefix;
    return qualified.size() == prefix.size() + 1 + action.name.size() && qualified.starts_with(prefix) &&
           qualified[prefix.size()] == ':' && qualified.ends_with(action.name);
}

std::string describe_actions(std::span<const Action* const> actions, std::size_t shown) {
    std::string text;
    std::size_t listed = std::min(shown, actions.size());
    for (std::size_t i = 0; i < listed; ++i) {
        if (i > 0) text += (i + 1 == listed && listed == actions.size()) ? " and " : ", ";
        text += qualified_name(*actions[i]);
    }
    if (actions.size() > listed) text += " and " + std::to_string(actions.size() - listed) + " more";
    return text;
}

std::string in_quotes(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 2);
    out += '"';
    out += text;
    out += '"';
    return out;
}

}  // namespace iamlint::rules
