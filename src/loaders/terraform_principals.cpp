#include "terraform_principals.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "embedded_policy.hpp"

namespace iamlint::loaders {

namespace {

struct PrincipalResource {
    std::string_view type;  // aws_iam_role
    PrincipalType principal;
    std::string_view attribute;  // how a policy or attachment names it: "role"
};

constexpr PrincipalResource kPrincipals[] = {
    {"aws_iam_role", PrincipalType::Role, "role"},
    {"aws_iam_user", PrincipalType::User, "user"},
    {"aws_iam_group", PrincipalType::Group, "group"},
};

struct Planned {
    std::string address;  // "module.a.aws_iam_role.app"
    std::string_view type;
    const JsonValue* values;
    const JsonValue* expressions = nullptr;  // the configuration's, when the plan has it
};

// "module.a[\"x\"].aws_iam_role.r[0]" -> "module.a.aws_iam_role.r": the configuration's address.
std::string configuration_address(std::string_view address) {
    std::string out;
    int depth = 0;
    for (char c : address) {
        if (c == '[') ++depth;
        if (depth == 0) out += c;
        if (c == ']') --depth;
    }
    return out;
}

void read_planned(const JsonValue& module, std::vector<Planned>& out) {
    if (const JsonValue* resources = member(module, "resources"); resources && resources->is_array()) {
        for (const JsonValue& resource : resources->items()) {
            if (string_member(resource, "mode") != "managed") continue;
            const JsonValue* values = member(resource, "values");
            if (values == nullptr || !values->is_object()) continue;
            out.push_back(
                {std::string(string_member(resource, "address")), string_member(resource, "type"), values});
        }
    }
    if (const JsonValue* children = member(module, "child_modules"); children && children->is_array()) {
        for (const JsonValue& child : children->items()) read_planned(child, out);
    }
}

// The configuration's expressions per resource address ("module.a.aws_iam_role.r").
void read_expressions(const JsonValue& module, const std::string& prefix,
                      std::map<std::string, const JsonValue*, std::less<>>& out) {
    if (const JsonValue* resources = member(module, "resources"); resources && resources->is_array()) {
        for (const JsonValue& resource : resources->items()) {
            const JsonValue* expressions = member(resource, "expressions");
            if (expressions && expressions->is_object())
                out[prefix + std::string(string_member(resource, "address"))] = expressions;
        }
    }
    if (const JsonValue* calls = member(module, "module_calls"); calls && calls->is_object()) {
        for (const JsonMember& call : calls->members()) {
            if (const JsonValue* inner = member(call.value, "module"))
                read_expressions(*inner, prefix + "module." + call.key + ".", out);
        }
    }
}

std::string module_prefix(std::string_view address) {
    const std::string plain = configuration_address(address);
    std::size_t end = 0;
    for (std::size_t at = plain.find("module."); at == end && at != std::string::npos;
         at = plain.find("module.", end)) {
        end = plain.find('.', at + 7) + 1;
    }
    return plain.substr(0, end);
}

class Plan {
public:
    explicit Plan(const JsonValue& root) {
        for (std::string_view section : {"planned_values", "values"}) {
            const JsonValue* values = member(root, section);
            if (const JsonValue* module = values ? member(*values, "root_module") : nullptr)
                read_planned(*module, resources_);
        }
        std::map<std::string, const JsonValue*, std::less<>> expressions;
        const JsonValue* configuration = member(root, "configuration");
        if (const JsonValue* module = configuration ? member(*configuration, "root_module") : nullptr)
            read_expressions(*module, "", expressions);
        for (Planned& resource : resources_) {
            auto it = expressions.find(configuration_address(resource.address));
            if (it != expressions.end()) resource.expressions = it->second;
        }
    }

    const std::vector<Planned>& resources() const { return resources_; }

    // The resources of `type` that `attribute` of `from` names: by the value the plan gives (a name,
    // or an ARN for `by_value` "arn"), else by the configuration's reference to one resource.
    std::vector<const Planned*> targets(const Planned& from, std::string_view attribute,
                                        std::string_view type, std::string_view by_value) const {
        std::vector<const Planned*> out;
        const JsonValue* value = member(*from.values, attribute);
        std::vector<std::string_view> wanted;
        if (value && value->is_string()) wanted.push_back(value->text);
        if (value && value->is_array()) {
            for (const JsonValue& item : value->items()) {
                if (item.is_string()) wanted.push_back(item.text);
            }
        }
        for (const Planned& candidate : resources_) {
            if (candidate.type != type) continue;
            const std::string_view known = string_member(*candidate.values, by_value);
            if (!known.empty() && std::find(wanted.begin(), wanted.end(), known) != wanted.end())
                out.push_back(&candidate);
        }
        if (!out.empty() || from.expressions == nullptr) return out;
        const JsonValue* expression = member(*from.expressions, attribute);
        const JsonValue* references = expression ? member(*expression, "references") : nullptr;
        if (references == nullptr || !references->is_array()) return out;
        const std::string prefix = module_prefix(from.address);
        for (const JsonValue& reference : references->items()) {
            if (!reference.is_string() || !reference.text.starts_with(std::string(type) + ".")) continue;
            // "aws_iam_role.app.name" -> "aws_iam_role.app"
            const std::size_t name_end = reference.text.find('.', type.size() + 1);
            const std::string address = prefix + std::string(reference.text.substr(0, name_end));
            std::vector<const Planned*> instances;
            for (const Planned& candidate : resources_) {
                if (configuration_address(candidate.address) == address) instances.push_back(&candidate);
            }
            // One resource of many instances (count, for_each) names no one instance.
            if (instances.size() == 1) out.push_back(instances.front());
        }
        return out;
    }

private:
    std::vector<Planned> resources_;
};

// Resources that run code under the role an attribute names.
struct WorkloadResource {
    std::string_view type;
    std::string_view role_attribute;
    std::string_view service;     // of its ARN
    std::string_view arn_prefix;  // its ARN's resource before the name
};

constexpr WorkloadResource kWorkloads[] = {
    {"aws_lambda_function", "role", "lambda", "function:"},
    {"aws_codebuild_project", "service_role", "codebuild", "project/"},
    {"aws_glue_job", "role_arn", "glue", "job/"},
};

// The one role an inline policy applies to: the aws_iam_role whose inline_policy holds it, or the one
// an aws_iam_role_policy names. An aws_iam_policy is managed and may be attached anywhere: none.
const Planned* sole_role(const Plan& plan, const PolicyDocument& document) {
    for (const Planned& resource : plan.resources()) {
        if (resource.type == "aws_iam_role" &&
            document.origin.starts_with(resource.address + " inline_policy"))
            return &resource;
        if (resource.type == "aws_iam_role_policy" &&
            document.origin.starts_with(resource.address + " policy")) {
            const auto roles = plan.targets(resource, "role", "aws_iam_role", "name");
            return roles.size() == 1 ? roles.front() : nullptr;
        }
    }
    return nullptr;
}

// The plan's functions, build projects and Glue jobs, with a known ARN, that run under `role`.
std::vector<OwnWorkload> workloads_of_role(const Plan& plan, const Planned& role) {
    std::vector<OwnWorkload> out;
    for (const Planned& resource : plan.resources()) {
        for (const WorkloadResource& kind : kWorkloads) {
            if (resource.type != kind.type) continue;
            const std::string_view arn = string_member(*resource.values, "arn");
            if (arn.empty()) continue;
            const auto roles = plan.targets(resource, kind.role_attribute, "aws_iam_role", "arn");
            if (roles.size() == 1 && roles.front() == &role)
                out.push_back(
                    {std::string(kind.service), std::string(kind.arn_prefix), {}, std::string(arn)});
        }
    }
    return out;
}

}  // namespace

void group_terraform_principals(const JsonValue& root, LoadedFile& out) {
    const Plan plan(root);
    for (PolicyDocument& document : out.documents) {
        if (document.kind != PolicyKind::Identity) continue;
        if (const Planned* role = sole_role(plan, document))
            document.own_workloads = workloads_of_role(plan, *role);
    }
    // Documents by the address of the resource that holds them ("aws_iam_role.app inline_policy ...").
    auto documents_of = [&](const std::string& address, std::string_view attribute) {
        std::vector<std::size_t> found;
        const std::string prefix = address + " " + std::string(attribute);
        for (std::size_t i = 0; i < out.documents.size(); ++i) {
            const PolicyDocument& document = out.documents[i];
            if (document.kind == PolicyKind::Identity && document.origin.starts_with(prefix))
                found.push_back(i);
        }
        return found;
    };
    std::map<const Planned*, PrincipalPolicySet> sets;
    for (const Planned& resource : plan.resources()) {
        for (const PrincipalResource& kind : kPrincipals) {
            if (resource.type != kind.type) continue;
            PrincipalPolicySet set;
            set.type = kind.principal;
            set.name = resource.address;
            set.arn = string_member(*resource.values, "arn");
            set.documents = documents_of(resource.address, "inline_policy");
            for (const Planned* policy :
                 plan.targets(resource, "permissions_boundary", "aws_iam_policy", "arn")) {
                const auto documents = documents_of(policy->address, "policy");
                if (!documents.empty()) set.permissions_boundary = documents.front();
            }
            sets.emplace(&resource, std::move(set));
        }
    }
    auto add = [&](const Planned* principal, const std::vector<std::size_t>& documents) {
        auto it = sets.find(principal);
        if (it == sets.end()) return;
        it->second.documents.insert(it->second.documents.end(), documents.begin(), documents.end());
    };
    for (const Planned& resource : plan.resources()) {
        for (const PrincipalResource& kind : kPrincipals) {
            const std::string type(resource.type);
            if (type == std::string(kind.type) + "_policy") {
                // aws_iam_role_policy: inline in the one principal it names.
                const auto documents = documents_of(resource.address, "policy");
                for (const Planned* principal : plan.targets(resource, kind.attribute, kind.type, "name"))
                    add(principal, documents);
            } else if (type == std::string(kind.type) + "_policy_attachment" ||
                       type == "aws_iam_policy_attachment") {
                // aws_iam_role_policy_attachment names one principal; aws_iam_policy_attachment lists them.
                const std::string attribute = type == "aws_iam_policy_attachment"
                                                  ? std::string(kind.attribute) + "s"
                                                  : std::string(kind.attribute);
                std::vector<std::size_t> documents;
                for (const Planned* policy : plan.targets(resource, "policy_arn", "aws_iam_policy", "arn")) {
                    const auto found = documents_of(policy->address, "policy");
                    documents.insert(documents.end(), found.begin(), found.end());
                }
                if (documents.empty()) continue;
                for (const Planned* principal : plan.targets(resource, attribute, kind.type, "name"))
                    add(principal, documents);
            }
        }
    }
    // A user takes the policies of its groups (aws_iam_user_group_membership, aws_iam_group_membership).
    for (const Planned& resource : plan.resources()) {
        std::vector<const Planned*> users, groups;
        if (resource.type == "aws_iam_user_group_membership") {
            users = plan.targets(resource, "user", "aws_iam_user", "name");
            groups = plan.targets(resource, "groups", "aws_iam_group", "name");
        } else if (resource.type == "aws_iam_group_membership") {
            users = plan.targets(resource, "users", "aws_iam_user", "name");
            groups = plan.targets(resource, "group", "aws_iam_group", "name");
        }
        for (const Planned* group : groups) {
            const std::vector<std::size_t> documents = sets.at(group).documents;
            for (const Planned* user : users) add(user, documents);
        }
    }
    for (auto& [resource, set] : sets) {
        std::sort(set.documents.begin(), set.documents.end());
        set.documents.erase(std::unique(set.documents.begin(), set.documents.end()), set.documents.end());
    }
    // In plan order, so that the report's order does not depend on addresses in memory.
    for (const Planned& resource : plan.resources()) {
        auto it = sets.find(&resource);
        if (it != sets.end() && !it->second.documents.empty())
            out.principal_sets.push_back(std::move(it->second));
    }
}

}  // namespace iamlint::loaders
