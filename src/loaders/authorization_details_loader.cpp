// `aws iam get-account-authorization-details` output: users, groups and roles with their inline
// policies, the managed policies with their versions, and the roles' trust policies. Each policy is
// one document (a managed policy once, in its default version, however many principals attach it);
// each principal gets the set of documents that apply to it.
#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "embedded_policy.hpp"
#include "iamlint/arn.hpp"
#include "iamlint/log.hpp"
#include "iamlint/parallel.hpp"

namespace iamlint::loaders {

namespace {

// arn:PARTITION:iam::aws:policy/...: a policy AWS owns and maintains.
bool is_aws_managed_policy_arn(std::string_view arn) {
    const auto parts = split_arn(arn);
    return parts && parts->service == "iam" && parts->account == "aws" &&
           parts->resource.starts_with("policy/");
}

constexpr std::array<std::string_view, 3> kDetailLists = {"UserDetailList", "GroupDetailList",
                                                          "RoleDetailList"};

const JsonValue* array_member(const JsonValue& object, std::string_view key) {
    const JsonValue* value = member(object, key);
    return value && value->is_array() ? value : nullptr;
}

// The version that IsDefaultVersion marks, else the one DefaultVersionId names, else the only one.
const JsonValue* default_version(const JsonValue& policy) {
    const JsonValue* versions = array_member(policy, "PolicyVersionList");
    if (versions == nullptr) return nullptr;
    for (const auto& version : versions->items()) {
        const JsonValue* is_default = member(version, "IsDefaultVersion");
        if (is_default && is_default->type == JsonType::Boolean && is_default->text == "true")
            return &version;
    }
    const std::string_view wanted = string_member(policy, "DefaultVersionId");
    for (const auto& version : versions->items()) {
        if (!wanted.empty() && string_member(version, "VersionId") == wanted) return &version;
    }
    return versions->items().size() == 1 ? &versions->items().front() : nullptr;
}

std::optional<long long> count_member(const JsonValue& object, std::string_view key) {
    const JsonValue* value = member(object, key);
    if (value == nullptr || value->type != JsonType::Number) return std::nullopt;
    try {
        return std::stoll(std::string(value->text));
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

// A managed policy that the account uses as a permissions boundary and attaches to no one: a cap on
// what its principals' other policies grant, which grants nothing itself (AttachmentCount 0,
// PermissionsBoundaryUsageCount > 0, as get-account-authorization-details reports them).
bool used_only_as_boundary(const JsonValue& policy) {
    const auto attached = count_member(policy, "AttachmentCount");
    const auto boundary = count_member(policy, "PermissionsBoundaryUsageCount");
    return attached && boundary && *attached == 0 && *boundary > 0;
}

// Walks the dump in order, deciding which policies it holds, the index of each and every principal's
// set; the documents themselves, the costly part, are made afterwards on the threads the options
// allow (make_documents). The walk never looks into a document it has added.
class DumpReader {
public:
    DumpReader(const LoadInput& input, LoadedFile& out)
        : input_(input), out_(out), first_index_(out.documents.size()) {}

    void read() {
        walk();
        make_documents();
    }

private:
    // A policy the walk found, to be made into out_.documents[first_index_ + its place in pending_].
    struct PendingPolicy {
        const JsonValue* value;
        std::string pointer;
        PolicyInfo info;
    };

    void walk() {
        const JsonValue& root = input_.syntax->root;
        if (const JsonValue* policies = array_member(root, "Policies")) {
            for (std::size_t i = 0; i < policies->items().size(); ++i)
                read_managed_policy(policies->items()[i], json_pointer_append("/Policies", i));
        }
        // Groups first: their users take their policies.
        std::map<std::string, std::size_t, std::less<>> group_sets;
        if (const JsonValue* groups = array_member(root, "GroupDetailList")) {
            for (std::size_t i = 0; i < groups->items().size(); ++i) {
                const JsonValue& group = groups->items()[i];
                auto set = principal(PrincipalType::Group, group, "GroupName");
                const std::string pointer = json_pointer_append("/GroupDetailList", i);
                read_inline(group, "GroupPolicyList", pointer, PolicyAttachment::InlineGroup, set);
                attach_managed(group, set);
                group_sets.emplace(set.name, out_.principal_sets.size());
                finish(std::move(set));
            }
        }
        if (const JsonValue* users = array_member(root, "UserDetailList")) {
            for (std::size_t i = 0; i < users->items().size(); ++i) {
                const JsonValue& user = users->items()[i];
                auto set = principal(PrincipalType::User, user, "UserName");
                const std::string pointer = json_pointer_append("/UserDetailList", i);
                read_inline(user, "UserPolicyList", pointer, PolicyAttachment::InlineUser, set);
                attach_managed(user, set);
                attach_boundary(user, set);
                if (const JsonValue* names = array_member(user, "GroupList")) {
                    for (const auto& name : names->items()) {
                        auto group = group_sets.find(name.text.view());
                        if (!name.is_string() || group == group_sets.end()) {
                            log::warn("{}: user {} is in group {}, which the dump does not hold", path(),
                                      set.name, name.text);
                            continue;
                        }
                        const auto& documents = out_.principal_sets[group->second].documents;
                        set.documents.insert(set.documents.end(), documents.begin(), documents.end());
                    }
                }
                finish(std::move(set));
            }
        }
        if (const JsonValue* roles = array_member(root, "RoleDetailList")) {
            for (std::size_t i = 0; i < roles->items().size(); ++i) {
                const JsonValue& role = roles->items()[i];
                auto set = principal(PrincipalType::Role, role, "RoleName");
                const std::string pointer = json_pointer_append("/RoleDetailList", i);
                if (const JsonValue* trust = member(role, "AssumeRolePolicyDocument")) {
                    set.trust_policy = record_policy(
                        *trust, json_pointer_append(pointer, "AssumeRolePolicyDocument"),
                        {PolicyKind::Trust, PolicyAttachment::Unknown, "role " + set.name + " trust policy"});
                }
                read_inline(role, "RolePolicyList", pointer, PolicyAttachment::InlineRole, set);
                attach_managed(role, set);
                attach_boundary(role, set);
                finish(std::move(set));
            }
        }
    }

    // Each document goes to its own slot, made from the file's tree and its own pending entry only.
    void make_documents() {
        out_.documents.resize(first_index_ + pending_.size());
        parallel_for(pending_.size(), input_.options.threads, [&](std::size_t i) {
            PendingPolicy& policy = pending_[i];
            out_.documents[first_index_ + i] =
                policy_document(input_, *policy.value, policy.pointer, std::move(policy.info));
        });
        pending_.clear();
        pending_.shrink_to_fit();
    }

    // Returns the index the document will have.
    std::size_t record_policy(const JsonValue& value, std::string pointer, PolicyInfo info) {
        pending_.push_back({&value, std::move(pointer), std::move(info)});
        return first_index_ + pending_.size() - 1;
    }

    const std::string& path() const { return input_.source->path(); }

    void read_managed_policy(const JsonValue& policy, const std::string& pointer) {
        const std::string arn(string_member(policy, "Arn"));
        const JsonValue* version = default_version(policy);
        const JsonValue* document = version ? member(*version, "Document") : nullptr;
        if (document == nullptr) {
            log::warn("{}: managed policy {} has no default version document; not analysed", path(), arn);
            return;
        }
        const auto versions = array_member(policy, "PolicyVersionList");
        const std::size_t index =
            static_cast<std::size_t>(version - versions->items().data());  // version is one of its items
        const std::string version_pointer =
            json_pointer_append(json_pointer_append(pointer, "PolicyVersionList"), index);
        std::string origin = "managed policy " + arn;
        if (const std::string_view id = string_member(*version, "VersionId"); !id.empty())
            origin.append(" ").append(id);
        const PolicyAttachment attachment =
            is_aws_managed_policy_arn(arn) ? PolicyAttachment::AwsManaged : PolicyAttachment::Managed;
        const PolicyKind kind =
            used_only_as_boundary(policy) ? PolicyKind::PermissionsBoundary : PolicyKind::Identity;
        managed_[arn] = record_policy(*document, json_pointer_append(version_pointer, "Document"),
                                      {kind, attachment, std::move(origin)});
    }

    static PrincipalPolicySet principal(PrincipalType type, const JsonValue& entry,
                                        std::string_view name_key) {
        PrincipalPolicySet set;
        set.type = type;
        set.name = string_member(entry, name_key);
        set.arn = string_member(entry, "Arn");
        return set;
    }

    void read_inline(const JsonValue& entry, std::string_view list_key, const std::string& pointer,
                     PolicyAttachment attachment, PrincipalPolicySet& set) {
        const JsonValue* list = array_member(entry, list_key);
        if (list == nullptr) return;
        const std::string list_pointer = json_pointer_append(pointer, list_key);
        for (std::size_t i = 0; i < list->items().size(); ++i) {
            const JsonValue* document = member(list->items()[i], "PolicyDocument");
            if (document == nullptr) continue;
            std::string origin = std::string(to_string(set.type)) + " " + set.name + " inline policy " +
                                 std::string(string_member(list->items()[i], "PolicyName"));
            set.documents.push_back(record_policy(
                *document, json_pointer_append(json_pointer_append(list_pointer, i), "PolicyDocument"),
                {PolicyKind::Identity, attachment, std::move(origin)}));
        }
    }

    std::optional<std::size_t> managed(const PrincipalPolicySet& set, std::string_view arn) const {
        auto found = managed_.find(arn);
        if (found != managed_.end()) return found->second;
        // The dump was filtered, or the policy was deleted while it was taken: the principal's other
        // policies are still analysed.
        log::warn("{}: {} {} attaches managed policy {}, which is not in the dump's Policies; not analysed",
                  path(), to_string(set.type), set.name, arn);
        return std::nullopt;
    }

    void attach_managed(const JsonValue& entry, PrincipalPolicySet& set) const {
        const JsonValue* attached = array_member(entry, "AttachedManagedPolicies");
        if (attached == nullptr) return;
        for (const auto& policy : attached->items()) {
            if (auto index = managed(set, string_member(policy, "PolicyArn")))
                set.documents.push_back(*index);
        }
    }

    void attach_boundary(const JsonValue& entry, PrincipalPolicySet& set) const {
        const JsonValue* boundary = member(entry, "PermissionsBoundary");
        if (boundary == nullptr) return;
        const std::string_view arn = string_member(*boundary, "PermissionsBoundaryArn");
        if (!arn.empty()) set.permissions_boundary = managed(set, arn);
    }

    void finish(PrincipalPolicySet set) {
        std::sort(set.documents.begin(), set.documents.end());
        set.documents.erase(std::unique(set.documents.begin(), set.documents.end()), set.documents.end());
        out_.principal_sets.push_back(std::move(set));
    }

    const LoadInput& input_;
    LoadedFile& out_;
    const std::size_t first_index_;  // out_.documents' size before the dump's
    std::vector<PendingPolicy> pending_;
    std::map<std::string, std::size_t, std::less<>> managed_;
};

}  // namespace

bool is_authorization_details(const JsonValue& root) {
    for (std::string_view list : kDetailLists) {
        if (array_member(root, list)) return true;
    }
    // A dump filtered to managed policies only.
    const JsonValue* policies = array_member(root, "Policies");
    return policies && !policies->items().empty() &&
           has_member(policies->items().front(), "PolicyVersionList");
}

void load_authorization_details(const LoadInput& input, LoadedFile& out) {
    DumpReader(input, out).read();
}

}  // namespace iamlint::loaders

namespace iamlint {

std::string_view to_string(PrincipalType type) {
    switch (type) {
        case PrincipalType::User:
            return "user";
        case PrincipalType::Group:
            return "group";
        case PrincipalType::Role:
            return "role";
    }
    return "principal";
}

}  // namespace iamlint
