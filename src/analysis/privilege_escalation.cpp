#include "iamlint/privilege_escalation.hpp"

#include <algorithm>
#include <optional>
#include <stdexcept>

#include "iamlint/ascii.hpp"

namespace iamlint {

std::string_view privilege_escalation_text();  // generated from data/privilege-escalation.tsv

namespace {

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\r')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\r')) text.remove_suffix(1);
    return text;
}

std::vector<std::string_view> split(std::string_view text, char separator) {
    std::vector<std::string_view> parts;
    for (std::size_t start = 0;;) {
        const std::size_t end = text.find(separator, start);
        parts.push_back(
            text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
        if (end == std::string_view::npos) return parts;
        start = end + 1;
    }
}

// A grant of iam:PassRole limited only to the services a method passes the role to still serves it.
bool passes_to_method_service(const Grant& grant, const EscalationMethod& method) {
    if (method.passed_to.empty()) return false;
    return std::all_of(grant.constraints.begin(), grant.constraints.end(), [&](const Condition* condition) {
        if (!iequals(condition->key, "iam:PassedToService") || condition->op.set != SetQualifier::None)
            return false;
        if (condition->op.base != "StringEquals" && condition->op.base != "StringLike") return false;
        return std::any_of(condition->values.begin(), condition->values.end(), [&](const Entry& value) {
            return std::any_of(
                method.passed_to.begin(), method.passed_to.end(), [&](const std::string& service) {
                    return condition->op.base == "StringLike" ? wildcard_match_ci(value.text, service)
                                                              : iequals(value.text, service);
                });
        });
    });
}

// A grant whose resources are all the caller's own user ("user/${aws:username}"): self-service.
bool only_own_user(const Grant& grant) {
    const EntryList& resources = grant.statement->resources;
    return resources.present && !resources.negated && !resources.entries.empty() &&
           std::all_of(resources.entries.begin(), resources.entries.end(), [](const Entry& entry) {
               return entry.text.find("${aws:username}") != std::string::npos;
           });
}

}  // namespace

std::vector<EscalationMethod> parse_escalation_methods(std::string_view text) {
    std::vector<EscalationMethod> methods;
    std::size_t line_number = 0;
    for (std::string_view line : split(text, '\n')) {
        ++line_number;
        line = trim(line);
        if (line.empty() || line.front() == '#') continue;
        auto fail = [&](const std::string& why) {
            throw std::runtime_error("privilege-escalation.tsv:" + std::to_string(line_number) + ": " + why);
        };
        const auto fields = split(line, '\t');
        if (fields.size() != 8)
            fail("expected 8 tab-separated fields, found " + std::to_string(fields.size()));
        EscalationMethod method;
        method.id = std::string(fields[0]);
        for (std::string_view step : split(fields[1], '+')) {
            std::vector<std::string> alternatives;
            for (std::string_view alternative : split(step, '|')) {
                alternative = trim(alternative);
                if (alternative.find(':') == std::string_view::npos)
                    fail("not an action: '" + std::string(alternative) + "'");
                alternatives.emplace_back(alternative);
            }
            method.steps.push_back(std::move(alternatives));
        }
        if (fields[2] != "-") {
            for (std::string_view service : split(fields[2], ','))
                method.passed_to.emplace_back(trim(service));
        }
        if (fields[3] != "-" && fields[3] != "other") fail("target is \"other\" or \"-\"");
        method.needs_other = fields[3] == "other";
        method.title = std::string(fields[4]);
        method.why = std::string(fields[5]);
        method.fix = std::string(fields[6]);
        method.reference = std::string(fields[7]);
        if (method.id.empty() || method.title.empty() || method.why.empty() || method.fix.empty() ||
            method.reference.empty()) {
            fail("empty field");
        }
        if (std::any_of(methods.begin(), methods.end(),
                        [&](const EscalationMethod& m) { return m.id == method.id; }))
            fail("duplicate id '" + method.id + "'");
        methods.push_back(std::move(method));
    }
    return methods;
}

std::span<const EscalationMethod> escalation_methods() {
    static const std::vector<EscalationMethod> methods =
        parse_escalation_methods(privilege_escalation_text());
    return methods;
}

bool EscalationPath::unscoped() const {
    return std::all_of(steps.begin(), steps.end(), [](const StepGrant& step) { return step.every_resource; });
}

std::vector<EscalationPath> find_escalation_paths(const EffectivePermissions& permissions,
                                                  std::span<const EscalationMethod> methods) {
    const Catalog& catalog = permissions.index().catalog();
    std::vector<EscalationPath> paths;
    for (const EscalationMethod& method : methods) {
        EscalationPath path;
        path.method = &method;
        for (const auto& alternatives : method.steps) {
            std::optional<StepGrant> chosen;
            for (const std::string& name : alternatives) {
                const Action* action = catalog.find_action(name);
                if (action == nullptr) continue;  // a loaded catalog without it
                StepGrant step;
                step.action = action;
                for (const Grant* grant : permissions.grants_for(*action, false)) {
                    if (method.needs_other && only_own_user(*grant)) continue;
                    if (grant->unconditional() || passes_to_method_service(*grant, method)) {
                        step.grants.push_back(grant);
                        step.every_resource =
                            step.every_resource || permissions.covers_every_resource(*grant, *action);
                    }
                }
                if (step.grants.empty()) continue;
                // Prefer the alternative allowed on every resource: it is the one that surely works.
                if (!chosen || (step.every_resource && !chosen->every_resource)) chosen = std::move(step);
            }
            if (!chosen) break;
            path.steps.push_back(std::move(*chosen));
        }
        if (path.steps.size() == method.steps.size()) paths.push_back(std::move(path));
    }
    return paths;
}

}  // namespace iamlint
