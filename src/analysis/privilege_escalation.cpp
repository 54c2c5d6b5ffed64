#include "iamlint/privilege_escalation.hpp"

#include <algorithm>
#include <array>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>

#include "iamlint/ascii.hpp"
#include "iamlint/split.hpp"
#include "iamlint/wildcards.hpp"

namespace iamlint {

std::string_view privilege_escalation_text();  // generated from data/privilege-escalation.tsv

namespace {

// The catalogs of escalation methods that the table cites ("rhino:iam-createpolicyversion"), and how a
// finding names a method of each: its title and the method's name, then a link when the catalog has one.
struct CitedCatalog {
    std::string_view prefix;
    std::string_view title;
    std::string_view link = {};  // followed by the method's name
};
constexpr CitedCatalog kCitedCatalogs[] = {
    {"pathfinding", "pathfinding.cloud ", "https://pathfinding.cloud/paths/"},
    {"rhino", "Rhino Security Labs method "},
    {"iam-vulnerable", "Bishop Fox iam-vulnerable "},
};

// The catalog that `id` cites, and the method's name in it; nullptr for an id of no known catalog.
const CitedCatalog* cited_catalog(std::string_view id, std::string_view& name) {
    const std::size_t colon = id.find(':');
    if (colon == std::string_view::npos || colon + 1 == id.size()) return nullptr;
    for (const CitedCatalog& catalog : kCitedCatalogs) {
        if (catalog.prefix == id.substr(0, colon)) {
            name = id.substr(colon + 1);
            return &catalog;
        }
    }
    return nullptr;
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\r')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\r')) text.remove_suffix(1);
    return text;
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

// The six fields of an ARN ("arn", partition, service, region, account, resource), splitting at the
// first five colons outside "${...}" (a CloudFormation placeholder such as ${AWS::Partition} holds
// colons of its own); nullopt when the text is not an ARN.
std::optional<std::array<std::string_view, 6>> arn_fields(std::string_view text) {
    if (!istarts_with(text, "arn:")) return std::nullopt;
    std::array<std::string_view, 6> fields;
    std::size_t field = 0, start = 0, depth = 0;
    for (std::size_t i = 0; i < text.size() && field < 5; ++i) {
        if (text.compare(i, 2, "${") == 0) {
            ++depth;
            ++i;
        } else if (text[i] == '}' && depth > 0) {
            --depth;
        } else if (text[i] == ':' && depth == 0) {
            fields[field++] = text.substr(start, i - start);
            start = i + 1;
        }
    }
    if (field < 5) return std::nullopt;
    fields[5] = text.substr(start);
    return fields;
}

// The literal text before the first wildcard or placeholder: all that is known of a pattern.
std::string_view literal_prefix(std::string_view text) {
    return text.substr(0, std::min(find_wildcard(text), text.find("${")));
}

// Resources that IAM refuses to change, so no step can use them: service-linked roles (their path is
// always /aws-service-role/; only the service may edit them, and they trust only that service, so
// passing one runs nothing of the caller's) and AWS managed policies (account "aws": no customer may
// create or select their versions).
bool unchangeable(const std::array<std::string_view, 6>& arn) {
    if (!iequals(arn[2], "iam")) return false;
    return arn[5].starts_with("role/aws-service-role/") || (arn[4] == "aws" && arn[5].starts_with("policy/"));
}

// Whether the ARN may name a resource of one of the action's types. Only what the ARN states for
// certain rules a type out: a literal service ("s3") or literal resource-type prefix ("policy/") that
// differs from every ARN format of the action, which matters for ARNs computed at deployment
// (arn:${AWS::Partition}:s3:::${Bucket}) that the grant model must take as possibly anything.
// Whether the ARN may name a resource of the type: see may_name_type_of.
bool may_name_type(const std::array<std::string_view, 6>& arn, const ResourceType& type) {
    const std::string_view service = arn[2];
    const std::string_view resource = literal_prefix(arn[5]);
    for (std::string_view format : type.arn_formats) {
        const auto format_fields = arn_fields(format);
        if (!format_fields) return true;
        if (literal_prefix(service) == service && !iequals(service, (*format_fields)[2])) continue;
        const std::string_view format_resource = literal_prefix((*format_fields)[5]);
        const std::size_t common = std::min(resource.size(), format_resource.size());
        if (iequals(resource.substr(0, common), format_resource.substr(0, common))) return true;
    }
    return false;
}

bool may_name_type_of(const std::array<std::string_view, 6>& arn, const Action& action) {
    return std::any_of(action.resource_types.begin(), action.resource_types.end(),
                       [&](const ResourceTypeUse& use) { return may_name_type(arn, *use.type); });
}

// Whether a literal entry names every resource of the type: "*", or an ARN of the type that is a
// wildcard from its type's prefix on ("arn:aws:ssm:*:*:document/*", "...:role*").
bool covers_type(const Entry& entry, const ResourceType& type) {
    if (entry.json_type != JsonType::String || entry.computed) return false;
    if (entry.text == "*") return true;
    const auto arn = arn_fields(entry.text);
    if (!arn) return false;
    const std::string_view resource = (*arn)[5];
    const std::string_view prefix = literal_prefix(resource);
    if (resource.substr(prefix.size()) != "*") return false;
    for (std::string_view format : type.arn_formats) {
        const auto format_fields = arn_fields(format);
        if (!format_fields) continue;
        const std::string_view service = (*arn)[2];
        if (service != "*" && !iequals(service, (*format_fields)[2])) continue;
        const std::string_view format_prefix = literal_prefix((*format_fields)[5]);
        if (istarts_with(format_prefix, prefix)) return true;
    }
    return false;
}

// Whether text is whole, or, for a Lambda function, whole with a qualifier (":live", ":*"): one of the
// function's versions or aliases.
bool is_or_qualifies(std::string_view text, std::string_view whole, bool lambda) {
    if (text == whole) return true;
    return lambda && text.size() > whole.size() && text.starts_with(whole) && text[whole.size()] == ':';
}

// Whether a resource entry names exactly this workload and nothing else: ${Worker} or ${Worker.Arn}
// for a template's resource, or an ARN of its service in the stack's own region and account whose
// resource is the workload's name; its planned ARN for a plan's. A pattern ("function:${Worker}*") or
// another region ("*": a function of the same name there may run under another role) does not.
bool names_workload(std::string_view text, const OwnWorkload& workload) {
    const bool lambda = workload.service == "lambda";
    if (!workload.arn.empty()) return is_or_qualifies(text, workload.arn, lambda);
    if (workload.logical_id.empty()) return false;
    const std::string reference = "${" + workload.logical_id;
    if (text == reference + "}" || is_or_qualifies(text, reference + ".Arn}", lambda)) return true;
    const auto arn = arn_fields(text);
    return arn && iequals((*arn)[2], workload.service) && (*arn)[3] == "${AWS::Region}" &&
           (*arn)[4] == "${AWS::AccountId}" &&
           is_or_qualifies((*arn)[5], workload.arn_prefix + reference + "}", lambda);
}

// Whether the grant allows the action on a resource that can serve the step: one its Resource list
// names that is of the action's types, that IAM lets the caller change, and that is not a workload
// running under the caller's own role (changing or running it gives the role nothing new; in a method that
// passes a role it counts, since it may then run as the passed role: StartBuild's serviceRoleOverride).
// NotResource does.
bool reaches_usable_resource(const Grant& grant, const Action& action, const EscalationMethod& method) {
    const EntryList& resources = grant.statement->resources;
    if (resources.negated) return true;
    const auto& workloads = grant.document->own_workloads;
    return std::any_of(resources.entries.begin(), resources.entries.end(), [&](const Entry& entry) {
        if (entry.json_type != JsonType::String) return false;
        if (method.passed_to.empty() &&
            std::any_of(workloads.begin(), workloads.end(), [&](const OwnWorkload& workload) {
                return iequals(action.service->prefix, workload.service) &&
                       names_workload(entry.text, workload);
            }))
            return false;
        const auto arn = arn_fields(entry.text);
        if (!arn) return true;  // "*", or a value computed whole (${Function.Arn}): may be anything
        return !unchangeable(*arn) && may_name_type_of(*arn, action);
    });
}

// An action with several resource types is authorized on each resource the request names: ssm:SendCommand
// needs its document allowed as well as the instance, so a grant on every instance but two named
// documents runs only those documents. The step is on every resource only when each required type is
// covered whole by one of its grants. (A required type named only under a constraining condition, such
// as ec2:RunInstances on images of one owner, still leaves the path: the condition rarely limits what
// the launched code can do.)
void require_every_required_type(StepGrant& step, const Action& action) {
    if (action.resource_types.size() < 2 || !step.every_resource) return;
    for (const ResourceTypeUse& use : action.resource_types) {
        if (!use.required) continue;
        const bool covered = std::any_of(step.grants.begin(), step.grants.end(), [&](const Grant* grant) {
            const EntryList& resources = grant->statement->resources;
            return resources.negated ||
                   std::any_of(resources.entries.begin(), resources.entries.end(),
                               [&](const Entry& entry) { return covers_type(entry, *use.type); });
        });
        if (!covered) step.every_resource = false;
    }
}

}  // namespace

std::string describe_catalog_id(std::string_view id) {
    std::string_view name;
    const CitedCatalog* catalog = cited_catalog(id, name);
    if (catalog == nullptr) return {};
    std::string text = std::string(catalog->title).append(name);
    if (!catalog->link.empty()) text.append(" (").append(catalog->link).append(name).append(")");
    return text;
}

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
        if (fields.size() != 9)
            fail("expected 9 tab-separated fields, found " + std::to_string(fields.size()));
        EscalationMethod method;
        method.id = std::string(fields[0]);
        for_each_part(fields[1], '+', [&](std::string_view step) {
            std::vector<std::string>& alternatives = method.steps.emplace_back();
            for_each_part(step, '|', [&](std::string_view alternative) {
                alternative = trim(alternative);
                if (alternative.find(':') == std::string_view::npos)
                    fail("not an action: '" + std::string(alternative) + "'");
                alternatives.emplace_back(alternative);
            });
        });
        if (fields[2] != "-") {
            for_each_part(fields[2], ',',
                          [&](std::string_view service) { method.passed_to.emplace_back(trim(service)); });
        }
        if (fields[3] != "-" && fields[3] != "other") fail("target is \"other\" or \"-\"");
        method.needs_other = fields[3] == "other";
        method.title = std::string(fields[4]);
        method.why = std::string(fields[5]);
        method.fix = std::string(fields[6]);
        method.reference = std::string(fields[7]);
        if (fields[8] != "-") {
            for_each_part(fields[8], ',', [&](std::string_view id) {
                id = trim(id);
                // Checked without writing the description: the table is parsed on every run.
                std::string_view name;
                if (cited_catalog(id, name) == nullptr) fail("not a catalog id: '" + std::string(id) + "'");
                method.catalogs.emplace_back(id);
            });
        }
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
    // Never destroyed: freeing its hundreds of strings at exit would only cost time.
    static const std::vector<EscalationMethod>& methods =
        *new std::vector<EscalationMethod>(parse_escalation_methods(privilege_escalation_text()));
    return methods;
}

bool EscalationPath::unscoped() const {
    return std::all_of(steps.begin(), steps.end(), [](const StepGrant& step) { return step.every_resource; });
}

namespace {

// The catalog actions of the alternatives of each step of the table's methods (nullptr for a name the
// catalog lacks), in the builtin catalog, which lives as long as the process. Every policy and every
// principal asks for the same names: looking them up by name was 2.4 % of an authorization dump's run,
// so each step is resolved once for all threads. A step is resolved when it is first reached: a small
// policy reaches the first step of most methods only, and resolving every step up front was a tenth
// of its run.
class BuiltinStepActions {
public:
    static const BuiltinStepActions& instance() {
        static const BuiltinStepActions steps(escalation_methods());
        return steps;
    }

    std::span<const Action* const> alternatives(std::size_t method, std::size_t step) const {
        Step& resolved = steps_[first_step_[method] + step];
        std::call_once(resolved.once, [&] {
            for (const std::string& name : methods_[method].steps[step])
                resolved.actions.push_back(Catalog::builtin().find_action(name));
        });
        return resolved.actions;
    }

private:
    struct Step {
        std::once_flag once;
        std::vector<const Action*> actions;  // per alternative
    };

    explicit BuiltinStepActions(std::span<const EscalationMethod> methods) : methods_(methods) {
        std::size_t total = 0;
        for (const EscalationMethod& method : methods) {
            first_step_.push_back(total);
            total += method.steps.size();
        }
        steps_ = std::make_unique<Step[]>(total);
    }

    std::span<const EscalationMethod> methods_;
    std::vector<std::size_t> first_step_;  // per method, its first step's index in steps_
    std::unique_ptr<Step[]> steps_;
};

// The catalog actions of the alternatives of the methods' steps: those of the builtin table over the
// builtin catalog resolved once for all threads, any other looked up by name at each use.
class StepActions {
public:
    StepActions(const Catalog& catalog, std::span<const EscalationMethod> methods)
        : catalog_(catalog),
          methods_(methods),
          builtin_(&catalog == &Catalog::builtin() && methods.data() == escalation_methods().data()
                       ? &BuiltinStepActions::instance()
                       : nullptr) {}

    // nullptr for a name that a loaded catalog lacks.
    const Action* alternative(std::size_t method, std::size_t step, std::size_t a) const {
        return builtin_ != nullptr ? builtin_->alternatives(method, step)[a]
                                   : catalog_.find_action(methods_[method].steps[step][a]);
    }

    // Whether every step of the method has an alternative among `actions`. Steps are tried in order, so
    // a step after one that `actions` lacks is never resolved.
    bool every_step_among(std::size_t method, const ActionSetUnion& actions, const ActionIndex& index) const {
        const auto& steps = methods_[method].steps;
        for (std::size_t s = 0; s < steps.size(); ++s) {
            bool among = false;
            for (std::size_t a = 0; a < steps[s].size() && !among; ++a) {
                const Action* action = alternative(method, s, a);
                among = action != nullptr && actions.test(index.index_of(*action));
            }
            if (!among) return false;
        }
        return true;
    }

private:
    const Catalog& catalog_;
    std::span<const EscalationMethod> methods_;
    const BuiltinStepActions* builtin_;  // nullptr: look up by name
};

}  // namespace

bool may_escalate(const Catalog& catalog, std::span<const PolicyDocument* const> documents,
                  std::span<const EscalationMethod> methods) {
    const std::shared_ptr<const ActionIndex> index = ActionIndex::of(catalog);
    const ActionSetUnion named = named_by_allows(catalog, documents);
    const StepActions step_actions(catalog, methods);
    for (std::size_t m = 0; m < methods.size(); ++m) {
        if (step_actions.every_step_among(m, named, *index)) return true;
    }
    return false;
}

std::vector<EscalationPath> find_escalation_paths(const EffectivePermissions& permissions,
                                                  std::span<const EscalationMethod> methods) {
    const StepActions step_actions(permissions.index().catalog(), methods);
    // A method is looked at grant by grant only when every step has an alternative that some grant
    // names: most policies name no step but the first of many methods (iam:PassRole), and checking that
    // step's resources for each method was most of IAM301's time on an authorization dump.
    std::vector<const ActionSet*> granted;
    granted.reserve(permissions.grants().size());
    for (const Grant& grant : permissions.grants()) granted.push_back(&grant.actions);
    const ActionSetUnion named(std::move(granted));
    std::vector<EscalationPath> paths;
    for (std::size_t m = 0; m < methods.size(); ++m) {
        if (!step_actions.every_step_among(m, named, permissions.index())) continue;
        const EscalationMethod& method = methods[m];
        EscalationPath path;
        path.method = &method;
        for (std::size_t s = 0; s < method.steps.size(); ++s) {
            std::optional<StepGrant> chosen;
            for (std::size_t a = 0; a < method.steps[s].size(); ++a) {
                const Action* action = step_actions.alternative(m, s, a);
                if (action == nullptr) continue;  // a loaded catalog without it
                StepGrant step;
                step.action = action;
                for (const Grant* grant : permissions.grants_for(*action, false)) {
                    if (method.needs_other && only_own_user(*grant)) continue;
                    if (!reaches_usable_resource(*grant, *action, method)) continue;
                    if (grant->unconditional() || passes_to_method_service(*grant, method)) {
                        // The first grant is where a finding points: one on every resource, when there
                        // is one, since it is what makes the step sure.
                        if (permissions.covers_every_resource(*grant, *action) && !step.every_resource) {
                            step.grants.insert(step.grants.begin(), grant);
                            step.every_resource = true;
                        } else {
                            step.grants.push_back(grant);
                        }
                    }
                }
                if (step.grants.empty()) continue;
                require_every_required_type(step, *action);
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
