// `iamlint expand PATTERN...`: the actions that IAM action patterns match, as policy_sentry and
// iam-expand show them, from the builtin catalog or the one of --catalog.
#include <algorithm>
#include <iostream>
#include <unordered_set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "../report/json_output.hpp"
#include "cli.hpp"
#include "iamlint/suggest.hpp"
#include "iamlint/wildcards.hpp"

namespace iamlint::cli {

namespace {

std::string qualified(const Action& action) {
    return std::string(action.service->prefix) + ":" + std::string(action.name);
}

// "object*, accesspoint": AWS's notation, `*` after a type the action requires.
std::string resource_types_text(const Action& action) {
    if (action.accepts_only_wildcard_resource()) return "\"*\" only";
    std::string text;
    for (const auto& use : action.resource_types) {
        if (!text.empty()) text += ", ";
        text += use.type->name;
        if (use.required) text += '*';
    }
    return text;
}

// Why a pattern matched nothing, with the names it may have meant.
std::string no_match_message(const Catalog& catalog, const std::string& pattern) {
    const std::size_t colon = pattern.find(':');
    if (colon == std::string::npos && pattern.find_first_not_of('*') != std::string::npos) {
        std::string message =
            "'" + pattern + "' is not an action pattern: write service:action, e.g. s3:Get*";
        if (auto found = suggest_actions(catalog, pattern); !found.empty())
            message += " (did you mean " + found.front() + "?)";
        return message;
    }
    const std::string_view service = std::string_view(pattern).substr(0, colon);
    const bool service_is_pattern = find_wildcard(service) != std::string_view::npos;
    if (!service_is_pattern && catalog.find_service(service) == nullptr) {
        std::string message = "no service '" + std::string(service) + "' in the AWS catalog of " +
                              std::string(catalog.version().date);
        if (auto found = suggest_actions(catalog, pattern); !found.empty()) {
            message += "; did you mean " + found.front() + "?";
        } else if (auto services = suggest_services(catalog, service); !services.empty()) {
            message += "; did you mean the service " + std::string(services.front()) + "?";
        }
        return message;
    }
    std::string message =
        "'" + pattern + "' matches no action in the AWS catalog of " + std::string(catalog.version().date);
    if (auto found = suggest_actions(catalog, pattern); !found.empty())
        message += "; did you mean " + found.front() + "?";
    return message;
}

void write_text(const std::vector<const Action*>& actions, std::ostream& out) {
    std::size_t name_width = std::string_view("ACTION").size();
    for (const Action* action : actions) name_width = std::max(name_width, qualified(*action).size());
    const std::size_t level_width = std::string_view("Permissions management").size();
    out << fmt::format("{:<{}}  {:<{}}  {}\n", "ACTION", name_width, "ACCESS LEVEL", level_width,
                       "RESOURCE TYPES (* required)");
    for (const Action* action : actions) {
        out << fmt::format("{:<{}}  {:<{}}  {}\n", qualified(*action), name_width,
                           to_string(action->access_level), level_width, resource_types_text(*action));
    }
}

void write_json_report(const Catalog& catalog,
                       const std::vector<std::pair<std::string, std::size_t>>& patterns,
                       const std::vector<const Action*>& actions, std::ostream& out) {
    nlohmann::ordered_json document;
    const auto& version = catalog.version();
    document["catalog"] = {{"source", version.source}, {"version", version.version}, {"date", version.date}};
    document["patterns"] = nlohmann::ordered_json::array();
    for (const auto& [pattern, count] : patterns)
        document["patterns"].push_back({{"pattern", pattern}, {"matches", count}});
    auto& list = document["actions"] = nlohmann::ordered_json::array();
    for (const Action* action : actions) {
        nlohmann::ordered_json types = nlohmann::ordered_json::array();
        for (const auto& use : action->resource_types) {
            nlohmann::ordered_json formats = nlohmann::ordered_json::array();
            for (std::string_view format : use.type->arn_formats) formats.push_back(format);
            types.push_back({{"name", use.type->name}, {"required", use.required}, {"arn_formats", formats}});
        }
        nlohmann::ordered_json keys = nlohmann::ordered_json::array();
        for (std::string_view key : action->condition_keys) keys.push_back(key);
        list.push_back({{"action", qualified(*action)},
                        {"service", action->service->prefix},
                        {"name", action->name},
                        {"access_level", to_string(action->access_level)},
                        {"resource_types", types},
                        {"condition_keys", keys}});
    }
    reporting::write_json(document, out);
}

}  // namespace

int expand_patterns(const ExpandConfig& config, std::ostream& out) {
    std::unique_ptr<Catalog> loaded;
    const Catalog& catalog = choose_catalog(config.catalog_file, loaded);

    bool unmatched = false;
    std::vector<std::pair<std::string, std::size_t>> patterns;
    std::vector<const Action*> actions;
    std::unordered_set<const Action*> seen;
    std::vector<const Action*> matched;
    for (const auto& pattern : config.patterns) {
        matched.clear();
        catalog.expand(pattern, matched);
        patterns.emplace_back(pattern, matched.size());
        if (matched.empty()) {
            std::cerr << "iamlint: " << no_match_message(catalog, pattern) << "\n";
            unmatched = true;
        }
        for (const Action* action : matched) {
            if (seen.insert(action).second) actions.push_back(action);
        }
    }
    // Catalog order (services by prefix, then actions by name) whatever the order of the patterns: the
    // services are one span, and each service's actions another.
    const Service* first_service = catalog.services().data();
    std::sort(actions.begin(), actions.end(), [&](const Action* a, const Action* b) {
        if (a->service != b->service) return a->service - first_service < b->service - first_service;
        return a - a->service->actions.data() < b - b->service->actions.data();
    });
    if (config.json) {
        write_json_report(catalog, patterns, actions, out);
    } else if (!actions.empty()) {
        write_text(actions, out);
    }
    return unmatched ? kExitError : kExitClean;
}

}  // namespace iamlint::cli
