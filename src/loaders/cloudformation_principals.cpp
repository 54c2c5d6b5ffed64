#include "cloudformation_principals.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace iamlint::loaders {

namespace {

struct PrincipalKind {
    std::string_view resource_type;
    PrincipalType type;
    std::string_view name_property;  // the literal name a policy's Roles/Users/Groups list may use
    std::string_view list_property;  // how AWS::IAM::Policy and ManagedPolicy name it
    std::string_view inline_type;    // AWS::IAM::RolePolicy ... and its property naming the principal
    std::string_view inline_name_property;
};

constexpr PrincipalKind kPrincipalKinds[] = {
    {"AWS::IAM::Role", PrincipalType::Role, "RoleName", "Roles", "AWS::IAM::RolePolicy", "RoleName"},
    {"AWS::IAM::User", PrincipalType::User, "UserName", "Users", "AWS::IAM::UserPolicy", "UserName"},
    {"AWS::IAM::Group", PrincipalType::Group, "GroupName", "Groups", "AWS::IAM::GroupPolicy", "GroupName"},
};

std::string unescape_pointer_token(std::string_view token) {
    std::string out;
    for (std::size_t i = 0; i < token.size(); ++i) {
        if (token[i] == '~' && i + 1 < token.size()) {
            out += token[i + 1] == '1' ? '/' : '~';
            ++i;
        } else {
            out += token[i];
        }
    }
    return out;
}

// "/Resources/AppRole/Properties/Policies/0/PolicyDocument" -> {"AppRole", "Policies"}.
std::optional<std::pair<std::string, std::string>> resource_of(std::string_view pointer) {
    std::vector<std::string_view> tokens;
    for (std::size_t start = 1; start <= pointer.size();) {
        const std::size_t end = std::min(pointer.find('/', start), pointer.size());
        tokens.push_back(pointer.substr(start, end - start));
        start = end + 1;
    }
    if (tokens.size() < 4 || tokens[0] != "Resources" || tokens[2] != "Properties") return std::nullopt;
    return std::pair{unescape_pointer_token(tokens[1]), unescape_pointer_token(tokens[3])};
}

const JsonValue* property(const JsonValue& resource, std::string_view name) {
    const JsonMember* properties = resource.find("Properties");
    if (properties == nullptr || !properties->value.is_object()) return nullptr;
    const JsonMember* found = properties->value.find(name);
    return found ? &found->value : nullptr;
}

std::string_view type_of(const JsonValue& resource) {
    const JsonMember* type = resource.find("Type");
    return type && type->value.is_string() ? std::string_view(type->value.text) : std::string_view();
}

// The template resources indexed by logical id, and the literal names that their Name property gives.
class Template {
public:
    explicit Template(const JsonValue& root) {
        const JsonMember* resources = root.find("Resources");
        if (resources == nullptr || !resources->value.is_object()) return;
        for (const JsonMember& member : resources->value.members()) {
            if (member.value.is_object()) resources_[std::string(member.key)] = &member.value;
        }
    }

    const std::map<std::string, const JsonValue*, std::less<>>& resources() const { return resources_; }

    const JsonValue* find(std::string_view logical) const {
        auto it = resources_.find(logical);
        return it == resources_.end() ? nullptr : it->second;
    }

    // The logical id of the resource of `type` that a value names: {"Ref": id}, {"Fn::GetAtt": [id, ...]}
    // or "id.Attribute", or a literal equal to the resource's `name_property` (RoleName: "app").
    std::optional<std::string> referenced(const JsonValue& value, std::string_view type,
                                          std::string_view name_property) const {
        std::string logical;
        if (value.is_object() && value.members().size() == 1) {
            const JsonMember& function = value.members().front();
            if (function.key == "Ref" && function.value.is_string()) {
                logical = function.value.text;
            } else if (function.key == "Fn::GetAtt") {
                if (function.value.is_array() && !function.value.items().empty() &&
                    function.value.items().front().is_string()) {
                    logical = function.value.items().front().text;
                } else if (function.value.is_string()) {
                    logical = function.value.text.substr(0, function.value.text.find('.'));
                }
            }
        } else if (value.is_string() && !name_property.empty()) {
            for (const auto& [id, resource] : resources_) {
                const JsonValue* name = property(*resource, name_property);
                if (type_of(*resource) == type && name && name->is_string() && name->text == value.text)
                    return id;
            }
        }
        const JsonValue* resource = find(logical);
        if (resource == nullptr || type_of(*resource) != type) return std::nullopt;
        return logical;
    }

private:
    std::map<std::string, const JsonValue*, std::less<>> resources_;
};

// The values of a list property, or the property itself when it is one value.
std::vector<const JsonValue*> values_of(const JsonValue* list) {
    std::vector<const JsonValue*> out;
    if (list == nullptr) return out;
    if (!list->is_array()) {
        out.push_back(list);
        return out;
    }
    for (const JsonValue& item : list->items()) out.push_back(&item);
    return out;
}

// Resources that run code under a role their property names.
struct WorkloadKind {
    std::string_view resource_type;
    std::string_view role_property;
    std::string_view service;     // of its ARN
    std::string_view arn_prefix;  // its ARN's resource before the name
};

constexpr WorkloadKind kWorkloadKinds[] = {
    {"AWS::Lambda::Function", "Role", "lambda", "function:"},
    {"AWS::Serverless::Function", "Role", "lambda", "function:"},
    {"AWS::CodeBuild::Project", "ServiceRole", "codebuild", "project/"},
    {"AWS::Glue::Job", "Role", "glue", "job/"},
};

// The one role that the identity policies a resource holds apply to, when they apply to no other
// principal: a role's own Policies, an AWS::IAM::RolePolicy, an AWS::IAM::Policy whose Roles all name
// that role and that names no user or group. A managed policy may be attached outside the template, and
// a name that is not the template's may be any role: neither has one.
std::optional<std::string> sole_role(const Template& resources, std::string_view logical,
                                     const JsonValue& resource) {
    const std::string_view type = type_of(resource);
    if (type == "AWS::IAM::Role") return std::string(logical);
    std::vector<const JsonValue*> roles;
    if (type == "AWS::IAM::RolePolicy") {
        roles = values_of(property(resource, "RoleName"));
    } else if (type == "AWS::IAM::Policy") {
        if (!values_of(property(resource, "Users")).empty() ||
            !values_of(property(resource, "Groups")).empty())
            return std::nullopt;
        roles = values_of(property(resource, "Roles"));
    }
    std::optional<std::string> role;
    for (const JsonValue* value : roles) {
        const auto named = resources.referenced(*value, "AWS::IAM::Role", "RoleName");
        if (!named || (role && *role != *named)) return std::nullopt;
        role = named;
    }
    return role;
}

// The template's functions, build projects and Glue jobs that run under `role`.
std::vector<OwnWorkload> workloads_of_role(const Template& resources, std::string_view role) {
    std::vector<OwnWorkload> out;
    for (const auto& [logical, resource] : resources.resources()) {
        for (const WorkloadKind& kind : kWorkloadKinds) {
            if (type_of(*resource) != kind.resource_type) continue;
            const JsonValue* value = property(*resource, kind.role_property);
            const auto named = value ? resources.referenced(*value, "AWS::IAM::Role", "") : std::nullopt;
            if (named && *named == role)
                out.push_back({std::string(kind.service), std::string(kind.arn_prefix), logical, {}});
        }
    }
    return out;
}

// The workloads that run under the one role a resource's policies apply to. SAM makes a function
// without a Role property a role of its own, for that function alone, from its Policies.
std::vector<OwnWorkload> own_workloads(const Template& resources, std::string_view logical) {
    const JsonValue* resource = resources.find(logical);
    if (resource == nullptr) return {};
    if (type_of(*resource) == "AWS::Serverless::Function") {
        if (property(*resource, "Role") != nullptr) return {};  // SAM ignores Policies then
        return {{"lambda", "function:", std::string(logical), {}}};
    }
    const auto role = sole_role(resources, logical, *resource);
    return role ? workloads_of_role(resources, *role) : std::vector<OwnWorkload>{};
}

}  // namespace

void group_cloudformation_principals(const JsonValue& root, LoadedFile& out) {
    const Template resources(root);
    std::map<std::string, std::vector<OwnWorkload>, std::less<>> workloads_by_resource;
    for (PolicyDocument& document : out.documents) {
        const auto where = resource_of(document.root_pointer);
        if (!where || where->second == "AssumeRolePolicyDocument" || document.kind != PolicyKind::Identity)
            continue;
        auto found = workloads_by_resource.find(where->first);
        if (found == workloads_by_resource.end())
            found = workloads_by_resource.emplace(where->first, own_workloads(resources, where->first)).first;
        document.own_workloads = found->second;
    }
    // Each template resource's documents: identity policies by resource, in file order. A resource
    // whose conditions give several readings of one property contributes the first reading only, so
    // that a set never mixes two deployments of the template.
    std::map<std::string, std::vector<std::size_t>, std::less<>> identity_by_resource;
    std::map<std::string, std::size_t, std::less<>> trust_by_resource;
    std::map<std::string, bool, std::less<>> seen_pointer;
    for (std::size_t i = 0; i < out.documents.size(); ++i) {
        const PolicyDocument& document = out.documents[i];
        const auto where = resource_of(document.root_pointer);
        if (!where || !seen_pointer.emplace(document.root_pointer, true).second) continue;
        if (where->second == "AssumeRolePolicyDocument") {
            trust_by_resource.emplace(where->first, i);
        } else if (document.kind == PolicyKind::Identity) {
            identity_by_resource[where->first].push_back(i);
        }
    }
    auto documents_of = [&](std::string_view logical) -> const std::vector<std::size_t>* {
        auto it = identity_by_resource.find(logical);
        return it == identity_by_resource.end() ? nullptr : &it->second;
    };

    std::map<std::string, PrincipalPolicySet, std::less<>> sets;
    for (const auto& [logical, resource] : resources.resources()) {
        for (const PrincipalKind& kind : kPrincipalKinds) {
            if (type_of(*resource) != kind.resource_type) continue;
            PrincipalPolicySet set;
            set.type = kind.type;
            set.name = logical;
            if (const auto* own = documents_of(logical)) set.documents = *own;
            if (auto trust = trust_by_resource.find(logical); trust != trust_by_resource.end())
                set.trust_policy = trust->second;
            for (const JsonValue* arn : values_of(property(*resource, "ManagedPolicyArns"))) {
                const auto policy = resources.referenced(*arn, "AWS::IAM::ManagedPolicy", "");
                if (!policy) continue;
                if (const auto* attached = documents_of(*policy))
                    set.documents.insert(set.documents.end(), attached->begin(), attached->end());
            }
            if (const JsonValue* boundary = property(*resource, "PermissionsBoundary")) {
                const auto policy = resources.referenced(*boundary, "AWS::IAM::ManagedPolicy", "");
                const auto* documents = policy ? documents_of(*policy) : nullptr;
                if (documents && !documents->empty()) set.permissions_boundary = documents->front();
            }
            sets.emplace(logical, std::move(set));
        }
    }

    // Policies that name their principals: AWS::IAM::Policy and ManagedPolicy through Roles, Users and
    // Groups lists; RolePolicy, UserPolicy and GroupPolicy through one name.
    for (const auto& [logical, resource] : resources.resources()) {
        const std::string_view type = type_of(*resource);
        const auto* documents = documents_of(logical);
        if (documents == nullptr) continue;
        for (const PrincipalKind& kind : kPrincipalKinds) {
            std::vector<const JsonValue*> targets;
            if (type == "AWS::IAM::Policy" || type == "AWS::IAM::ManagedPolicy") {
                targets = values_of(property(*resource, kind.list_property));
            } else if (type == kind.inline_type) {
                targets = values_of(property(*resource, kind.inline_name_property));
            }
            for (const JsonValue* target : targets) {
                const auto principal = resources.referenced(*target, kind.resource_type, kind.name_property);
                if (!principal) continue;
                auto& set = sets.at(*principal);
                set.documents.insert(set.documents.end(), documents->begin(), documents->end());
            }
        }
    }

    // A managed policy of the template that some principal uses as its permissions boundary and none
    // attaches is a boundary: it grants nothing, it caps.
    std::map<std::size_t, bool> boundary_only;
    for (const auto& [logical, set] : sets) {
        if (set.permissions_boundary) boundary_only.emplace(*set.permissions_boundary, true);
    }
    for (const auto& [logical, set] : sets) {
        for (std::size_t index : set.documents) boundary_only[index] = false;
    }
    for (const auto& [index, only] : boundary_only) {
        PolicyDocument& document = out.documents[index];
        // A Roles/Users/Groups list may name principals outside the template: attached all the same.
        const auto where = resource_of(document.root_pointer);
        const JsonValue* resource = where ? resources.find(where->first) : nullptr;
        const bool attaches =
            resource && std::any_of(std::begin(kPrincipalKinds), std::end(kPrincipalKinds),
                                    [&](const PrincipalKind& kind) {
                                        return !values_of(property(*resource, kind.list_property)).empty();
                                    });
        if (only && !attaches && !document.kind_forced) document.kind = PolicyKind::PermissionsBoundary;
    }

    // A user takes the policies of the template's groups it is in.
    std::vector<std::pair<std::string, std::vector<std::size_t>>> from_groups;
    for (const auto& [logical, set] : sets) {
        if (set.type != PrincipalType::User) continue;
        std::vector<std::size_t> added;
        for (const JsonValue* group : values_of(property(*resources.find(logical), "Groups"))) {
            const auto id = resources.referenced(*group, "AWS::IAM::Group", "GroupName");
            if (id) added.insert(added.end(), sets.at(*id).documents.begin(), sets.at(*id).documents.end());
        }
        if (!added.empty()) from_groups.emplace_back(logical, std::move(added));
    }
    for (auto& [logical, added] : from_groups) {
        auto& documents = sets.at(logical).documents;
        documents.insert(documents.end(), added.begin(), added.end());
    }

    for (auto& [logical, set] : sets) {
        std::sort(set.documents.begin(), set.documents.end());
        set.documents.erase(std::unique(set.documents.begin(), set.documents.end()), set.documents.end());
        if (!set.documents.empty()) out.principal_sets.push_back(std::move(set));
    }
}

}  // namespace iamlint::loaders
