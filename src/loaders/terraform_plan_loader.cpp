// `terraform show -json` output (format_version 0.1 to 1.2): the policies of planned_values (root and
// child modules), the aws_iam_policy_document data sources read at plan time (prior_state), or the
// resources of a state (`values`). Policies are JSON strings, parsed with positions in the plan file.
#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "attached_resource_type.hpp"
#include "embedded_policy.hpp"
#include "iamlint/ascii.hpp"
#include "iamlint/log.hpp"
#include "terraform_principals.hpp"

namespace iamlint::loaders {

namespace {

constexpr std::string_view kPolicyDocumentType = "aws_iam_policy_document";
constexpr std::string_view kDataSourceReference = "data.aws_iam_policy_document.";

// Attributes whose policy is not a resource policy. Every other aws_ resource attribute in
// kResourcePolicyAttributes holding a policy is one (bucket, queue, topic, key, domain ... policies).
struct KnownAttribute {
    std::string_view type;
    std::string_view attribute;
    PolicyKind kind;
    PolicyAttachment attachment;
};
constexpr std::array kKnownAttributes = {
    KnownAttribute{"aws_iam_policy", "policy", PolicyKind::Identity, PolicyAttachment::Managed},
    KnownAttribute{"aws_iam_role", "assume_role_policy", PolicyKind::Trust, PolicyAttachment::Unknown},
    KnownAttribute{"aws_iam_role_policy", "policy", PolicyKind::Identity, PolicyAttachment::InlineRole},
    KnownAttribute{"aws_iam_user_policy", "policy", PolicyKind::Identity, PolicyAttachment::InlineUser},
    KnownAttribute{"aws_iam_group_policy", "policy", PolicyKind::Identity, PolicyAttachment::InlineGroup},
    KnownAttribute{"aws_ssoadmin_permission_set_inline_policy", "inline_policy", PolicyKind::Identity,
                   PolicyAttachment::Unknown},
    KnownAttribute{"aws_transfer_user", "policy", PolicyKind::Session, PolicyAttachment::Unknown},
    KnownAttribute{"aws_transfer_access", "policy", PolicyKind::Session, PolicyAttachment::Unknown},
    KnownAttribute{"aws_vpc_endpoint", "policy", PolicyKind::VpcEndpoint, PolicyAttachment::Unknown},
    KnownAttribute{"aws_vpc_endpoint_policy", "policy", PolicyKind::VpcEndpoint, PolicyAttachment::Unknown},
    KnownAttribute{"aws_iot_policy", "policy", PolicyKind::Iot, PolicyAttachment::Unknown},
};

constexpr std::array<std::string_view, 5> kResourcePolicyAttributes = {
    "policy", "access_policy", "access_policies", "policy_document", "resource_policy"};

// Types whose policy attribute holds no IAM policy: lifecycle rules, OpenSearch Serverless rule lists.
// Those not listed are still checked to look like a policy before they are analysed; listing them keeps
// them out of the unknown count too.
constexpr std::array<std::string_view, 4> kNotIamPolicyTypes = {
    "aws_ecr_lifecycle_policy", "aws_opensearchserverless_access_policy",
    "aws_opensearchserverless_security_policy", "aws_opensearchserverless_lifecycle_policy"};

constexpr std::string_view kOrganizationsPolicy = "aws_organizations_policy";

bool is_excluded(std::string_view type) {
    return std::find(kNotIamPolicyTypes.begin(), kNotIamPolicyTypes.end(), type) != kNotIamPolicyTypes.end();
}

bool has_known_attributes(std::string_view type) {
    return std::any_of(kKnownAttributes.begin(), kKnownAttributes.end(),
                       [&](const KnownAttribute& known) { return known.type == type; });
}

// SCP and RCP are IAM policies; tag, backup and other organization policies are not.
std::optional<PolicyKind> organizations_policy_kind(const JsonValue& values) {
    const std::string_view type = string_member(values, "type");
    if (type.empty() || type == "SERVICE_CONTROL_POLICY") return PolicyKind::Scp;
    if (type == "RESOURCE_CONTROL_POLICY") return PolicyKind::Rcp;
    return std::nullopt;
}

// The policy-holding attributes of a resource type, for the resource's values or after_unknown.
struct AttributeSpec {
    std::string attribute;
    PolicyInfo info;
    // Attributes matched by name only must hold something that looks like a policy: a name such as
    // "policy" also holds lifecycle rules (aws_ecr_lifecycle_policy) or other JSON.
    bool by_name_only = false;
};

std::vector<AttributeSpec> policy_attributes(std::string_view mode, std::string_view type,
                                             const JsonValue* values) {
    std::vector<AttributeSpec> specs;
    if (mode == "data") {
        if (type == kPolicyDocumentType) specs.push_back({"json", {}, false});
        return specs;
    }
    if (!type.starts_with("aws_") || is_excluded(type)) return specs;
    if (type == kOrganizationsPolicy) {
        std::optional<PolicyKind> kind = values ? organizations_policy_kind(*values) : PolicyKind::Scp;
        if (kind) specs.push_back({"content", {kind, PolicyAttachment::Unknown, {}}, false});
        return specs;
    }
    if (has_known_attributes(type)) {
        for (const auto& known : kKnownAttributes) {
            if (known.type == type)
                specs.push_back({std::string(known.attribute), {known.kind, known.attachment, {}}, false});
        }
        return specs;
    }
    const std::string attached(terraform_attached_type(type));
    for (std::string_view attribute : kResourcePolicyAttributes)
        specs.push_back(
            {std::string(attribute), {PolicyKind::Resource, PolicyAttachment::Unknown, {}, attached}, true});
    return specs;
}

// A policy found in the plan, before data sources that repeat a resource's policy are dropped.
struct Candidate {
    const JsonValue* value;
    PolicyInfo info;
    bool by_name_only;
    bool data_source;
};

// The same JSON value gives the same text, whatever the order of keys and the spacing.
std::string canonical_json(std::string_view text) {
    const nlohmann::json value = nlohmann::json::parse(text, nullptr, false);
    return value.is_discarded() ? std::string(text) : value.dump();
}

bool looks_like_policy(const JsonDocument& document) {
    if (document.error || !document.root.is_object()) return false;
    return document.root.find("Statement") != nullptr || document.root.find("Version") != nullptr;
}

class PlanReader {
public:
    explicit PlanReader(const LoadInput& input) : input_(input) {}

    void read_module(const JsonValue& module, bool data_only) {
        if (const JsonValue* resources = member(module, "resources"); resources && resources->is_array()) {
            for (const auto& resource : resources->items()) read_resource(resource, data_only);
        }
        if (const JsonValue* children = member(module, "child_modules"); children && children->is_array()) {
            for (const auto& child : children->items()) read_module(child, data_only);
        }
    }

    void load(LoadedFile& out) {
        // A data source whose policy a resource also holds is analysed once, as the resource's: the
        // resource address says where the policy ends up. The provider rewrites the data source's JSON
        // (key order, spacing) on its way into the resource, so the two compare as JSON values.
        std::set<std::string> resource_policies;
        for (const auto& candidate : candidates_) {
            if (!candidate.data_source) resource_policies.insert(canonical_json(candidate.value->text));
        }
        for (auto& candidate : candidates_) {
            if (candidate.data_source && resource_policies.contains(canonical_json(candidate.value->text))) {
                log::debug("{}: {} repeats a resource's policy; analysed there", input_.source->path(),
                           candidate.info.origin);
                continue;
            }
            auto syntax = parse_policy_string(*input_.source, *candidate.value);
            if (candidate.by_name_only && !looks_like_policy(*syntax)) continue;
            add_document(input_, std::move(syntax), "", std::move(candidate.info), out.documents);
        }
    }

private:
    void read_resource(const JsonValue& resource, bool data_only) {
        const std::string_view mode = string_member(resource, "mode");
        const std::string_view type = string_member(resource, "type");
        if (data_only && mode != "data") return;
        const JsonValue* values = member(resource, "values");
        if (values == nullptr || !values->is_object()) return;
        std::string address(string_member(resource, "address"));
        if (address.empty())
            address = std::string(mode == "data" ? "data." : "") + std::string(type) + "." +
                      std::string(string_member(resource, "name"));
        if (mode == "data" && !data_sources_seen_.insert(address).second) return;

        for (auto& spec : policy_attributes(mode, type, values)) {
            const JsonValue* value = member(*values, spec.attribute);
            if (value == nullptr || !value->is_string() || value->text.empty()) continue;
            spec.info.origin = address + " " + spec.attribute;
            candidates_.push_back({value, std::move(spec.info), spec.by_name_only, mode == "data"});
        }
        if (mode == "managed" && type == "aws_iam_role") read_inline_policies(*values, address);
    }

    // aws_iam_role's inline_policy blocks: [{"name": ..., "policy": "..."}].
    void read_inline_policies(const JsonValue& values, const std::string& address) {
        const JsonValue* blocks = member(values, "inline_policy");
        if (blocks == nullptr || !blocks->is_array()) return;
        for (std::size_t i = 0; i < blocks->items().size(); ++i) {
            const JsonValue* policy = member(blocks->items()[i], "policy");
            if (policy == nullptr || !policy->is_string() || policy->text.empty()) continue;
            const std::string_view name = string_member(blocks->items()[i], "name");
            std::string origin = address + " inline_policy";
            if (name.empty()) {
                origin.append("[").append(std::to_string(i)).append("]");
            } else {
                origin.append(" \"").append(name).append("\"");
            }
            candidates_.push_back({policy,
                                   {PolicyKind::Identity, PolicyAttachment::InlineRole, std::move(origin)},
                                   false,
                                   false});
        }
    }

    const LoadInput& input_;
    std::vector<Candidate> candidates_;
    std::set<std::string> data_sources_seen_;
};

// "module.a[\"x\"].module.b[0]" -> "module.a.module.b": the configuration has one entry per module
// call, whatever its count or for_each.
std::string without_instance_keys(std::string_view address) {
    std::string result;
    bool in_key = false, in_quotes = false;
    for (std::size_t i = 0; i < address.size(); ++i) {
        const char c = address[i];
        if (in_key) {
            if (in_quotes && c == '\\') {
                ++i;
            } else if (c == '"') {
                in_quotes = !in_quotes;
            } else if (c == ']' && !in_quotes) {
                in_key = false;
            }
        } else if (c == '[') {
            in_key = true;
        } else {
            result += c;
        }
    }
    return result;
}

// The configuration's expressions per resource: "module.a|aws_iam_role.r" -> {"assume_role_policy": ...}.
using Expressions = std::map<std::string, const JsonValue*, std::less<>>;

void read_configuration(const JsonValue& module, const std::string& module_path, Expressions& out) {
    if (const JsonValue* resources = member(module, "resources"); resources && resources->is_array()) {
        for (const auto& resource : resources->items()) {
            const JsonValue* expressions = member(resource, "expressions");
            if (expressions != nullptr)
                out.emplace(module_path + "|" + std::string(string_member(resource, "address")), expressions);
        }
    }
    if (const JsonValue* calls = member(module, "module_calls"); calls && calls->is_object()) {
        for (const auto& call : calls->members()) {
            if (const JsonValue* child = member(call.value, "module")) {
                read_configuration(
                    *child, (module_path.empty() ? "" : module_path + ".") + "module." + call.key, out);
            }
        }
    }
}

bool references_policy_document(const JsonValue* expression) {
    const JsonValue* references = expression ? member(*expression, "references") : nullptr;
    if (references == nullptr || !references->is_array()) return false;
    return std::any_of(references->items().begin(), references->items().end(),
                       [](const JsonValue& reference) {
                           return reference.is_string() && reference.text.starts_with(kDataSourceReference);
                       });
}

bool is_true(const JsonValue* value) {
    return value != nullptr && value->type == JsonType::Boolean && value->text == "true";
}

// Policies whose text is known only after apply. Not made up, only counted: what the user wrote there
// cannot be judged yet. An attribute the configuration does not set (a bucket's own `policy`, a KMS
// key's default policy) is the provider's to compute, and no policy of the user's; one that takes an
// aws_iam_policy_document is counted once, at the data source.
std::size_t count_unknown_policies(const LoadInput& input) {
    const JsonValue& root = input.syntax->root;
    const JsonValue* changes = member(root, "resource_changes");
    if (changes == nullptr || !changes->is_array()) return 0;
    Expressions configured;
    const JsonValue* configuration = member(root, "configuration");
    if (const JsonValue* module = configuration ? member(*configuration, "root_module") : nullptr)
        read_configuration(*module, "", configured);

    std::size_t unknown = 0;
    for (const auto& change : changes->items()) {
        const JsonValue* details = member(change, "change");
        const JsonValue* after_unknown = details ? member(*details, "after_unknown") : nullptr;
        if (after_unknown == nullptr || !after_unknown->is_object()) continue;
        const std::string_view mode = string_member(change, "mode");
        const std::string_view type = string_member(change, "type");
        const std::string_view address = string_member(change, "address");
        const std::string key = without_instance_keys(string_member(change, "module_address")) + "|" +
                                (mode == "data" ? "data." : "") + std::string(type) + "." +
                                std::string(string_member(change, "name"));
        const auto found = configured.find(key);
        const JsonValue* expressions = found == configured.end() ? nullptr : found->second;
        // The attribute's expression: nullopt when the configuration does not set it (the provider
        // computes it); nullptr when the plan has no configuration section, and every attribute counts.
        const auto expression = [&](std::string_view attribute) -> std::optional<const JsonValue*> {
            if (configuration == nullptr) return nullptr;
            const JsonValue* set = expressions ? member(*expressions, attribute) : nullptr;
            if (set == nullptr) return std::nullopt;
            return set;
        };
        const auto count = [&](std::string_view attribute, const JsonValue* set) {
            if (mode != "data" && references_policy_document(set)) return;
            log::debug("{}: {} {} is unknown until apply; not analysed", input.source->path(), address,
                       attribute);
            ++unknown;
        };

        const JsonValue* after = member(*details, "after");
        for (const auto& spec :
             policy_attributes(mode, type, after && after->is_object() ? after : nullptr)) {
            if (!is_true(member(*after_unknown, spec.attribute))) continue;
            const auto set =
                mode == "data" ? std::optional<const JsonValue*>(nullptr) : expression(spec.attribute);
            if (!set) continue;  // computed by the provider
            count(spec.attribute, *set);
        }
        if (mode != "managed" || type != "aws_iam_role") continue;
        const JsonValue* blocks = member(*after_unknown, "inline_policy");
        const auto set = expression("inline_policy");
        if (blocks == nullptr || !set) continue;
        // One configured block whose policy references a data source makes them all the data source's.
        const JsonValue* first_block =
            *set && (*set)->is_array() && !(*set)->items().empty() ? &(*set)->items()[0] : nullptr;
        const JsonValue* block_policy = first_block ? member(*first_block, "policy") : nullptr;
        if (is_true(blocks)) {
            count("inline_policy", block_policy);
        } else if (blocks->is_array()) {
            for (const auto& block : blocks->items()) {
                if (is_true(member(block, "policy"))) count("inline_policy", block_policy);
            }
        }
    }
    return unknown;
}

}  // namespace

bool is_terraform_plan(const JsonValue& root) {
    const JsonValue* version = member(root, "format_version");
    if (version == nullptr || !version->is_string()) return false;
    return has_member(root, "planned_values") || has_member(root, "resource_changes") ||
           has_member(root, "prior_state") || has_member(root, "values");
}

void load_terraform_plan(const LoadInput& input, LoadedFile& out) {
    const JsonValue& root = input.syntax->root;
    PlanReader reader(input);
    for (std::string_view section : {"planned_values", "values"}) {
        const JsonValue* values = member(root, section);
        if (const JsonValue* module = values ? member(*values, "root_module") : nullptr)
            reader.read_module(*module, false);
    }
    // Data sources read while planning are in the prior state only.
    const JsonValue* prior = member(root, "prior_state");
    const JsonValue* prior_values = prior ? member(*prior, "values") : nullptr;
    if (const JsonValue* module = prior_values ? member(*prior_values, "root_module") : nullptr)
        reader.read_module(*module, true);
    reader.load(out);
    out.unknown_policies += count_unknown_policies(input);
    group_terraform_principals(root, out);
}

}  // namespace iamlint::loaders
