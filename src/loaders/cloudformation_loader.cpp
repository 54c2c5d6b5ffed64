#include "cloudformation_loader.hpp"
#include "cloudformation_principals.hpp"

#include <algorithm>

#include "attached_resource_type.hpp"
#include "cloudformation_intrinsics.hpp"

namespace iamlint::loaders {

namespace {

using cfn::Branches;

// How a resource type holds its policies.
enum class Shape : std::uint8_t {
    Document,             // the property is one policy document (an object or a JSON string)
    PolicyList,           // Policies: [{PolicyName, PolicyDocument}] of IAM roles, users and groups
    IamPolicy,            // AWS::IAM::Policy: its attachment follows its Users, Groups and Roles
    SamPolicies,          // SAM's Policies: inline documents among managed-policy names and templates
    OrganizationsPolicy,  // Content, an SCP or an RCP by the resource's Type property
    OpenApiPolicy,        // an OpenAPI definition whose x-amazon-apigateway-policy is the API's policy
    SamApiAuth            // SAM's Auth: ResourcePolicy.CustomStatements are statements of the API's policy
};

struct PolicyProperty {
    std::string_view type;
    std::string_view property;
    PolicyKind kind;
    PolicyAttachment attachment;
    Shape shape = Shape::Document;
};

// The resource types that carry IAM policy documents. AWS::Lambda::Permission and
// AWS::Events::EventBusPolicy have their own code: their properties are one statement.
constexpr PolicyProperty kPolicyProperties[] = {
    {"AWS::IAM::Role", "AssumeRolePolicyDocument", PolicyKind::Trust, PolicyAttachment::Unknown},
    {"AWS::IAM::Role", "Policies", PolicyKind::Identity, PolicyAttachment::InlineRole, Shape::PolicyList},
    {"AWS::IAM::User", "Policies", PolicyKind::Identity, PolicyAttachment::InlineUser, Shape::PolicyList},
    {"AWS::IAM::Group", "Policies", PolicyKind::Identity, PolicyAttachment::InlineGroup, Shape::PolicyList},
    {"AWS::IAM::Policy", "PolicyDocument", PolicyKind::Identity, PolicyAttachment::Unknown, Shape::IamPolicy},
    {"AWS::IAM::RolePolicy", "PolicyDocument", PolicyKind::Identity, PolicyAttachment::InlineRole},
    {"AWS::IAM::UserPolicy", "PolicyDocument", PolicyKind::Identity, PolicyAttachment::InlineUser},
    {"AWS::IAM::GroupPolicy", "PolicyDocument", PolicyKind::Identity, PolicyAttachment::InlineGroup},
    {"AWS::IAM::ManagedPolicy", "PolicyDocument", PolicyKind::Identity, PolicyAttachment::Managed},
    {"AWS::SSO::PermissionSet", "InlinePolicy", PolicyKind::Identity, PolicyAttachment::Unknown},
    {"AWS::IoT::Policy", "PolicyDocument", PolicyKind::Iot, PolicyAttachment::Unknown},
    {"AWS::Serverless::Function", "Policies", PolicyKind::Identity, PolicyAttachment::InlineRole,
     Shape::SamPolicies},
    {"AWS::Serverless::StateMachine", "Policies", PolicyKind::Identity, PolicyAttachment::InlineRole,
     Shape::SamPolicies},
    {"AWS::Organizations::Policy", "Content", PolicyKind::Scp, PolicyAttachment::Unknown,
     Shape::OrganizationsPolicy},
    {"AWS::Organizations::ResourcePolicy", "Content", PolicyKind::Resource, PolicyAttachment::Unknown},
    {"AWS::S3::BucketPolicy", "PolicyDocument", PolicyKind::Resource, PolicyAttachment::Unknown},
    {"AWS::S3::AccessPoint", "Policy", PolicyKind::Resource, PolicyAttachment::Unknown},
    {"AWS::S3::MultiRegionAccessPointPolicy", "Policy", PolicyKind::Resource, PolicyAttachment::Unknown},
    {"AWS::S3ObjectLambda::AccessPointPolicy", "PolicyDocument", PolicyKind::Resource,
     PolicyAttachment::Unknown},
    {"AWS::S3Express::BucketPolicy", "PolicyDocument", PolicyKind::Resource, PolicyAttachment::Unknown},
    {"AWS::S3Express::AccessPoint", "Policy", PolicyKind::Resource, PolicyAttachment::Unknown},
    {"AWS::S3Outposts::BucketPolicy", "PolicyDocument", PolicyKind::Resource, PolicyAttachment::Unknown},
    {"AWS::S3Outposts::AccessPoint", "Policy", PolicyKind::Resource, PolicyAttachment::Unknown},
    {"AWS::S3Tables::TableBucketPolicy", "ResourcePolicy", PolicyKind::Resource, PolicyAttachment::Unknown},
    {"AWS::SQS::QueuePolicy", "PolicyDocument", PolicyKind::Resource, PolicyAttachment::Unknown},
    {"AWS::SQS::QueueInlinePolicy", "PolicyDocument", PolicyKind::Resource, PolicyAttachment::Unknown},
    {"AWS::SNS::TopicPolicy", "PolicyDocument", PolicyKind::Resource, PolicyAttachment::Unknown},
    {"AWS::SNS::TopicInlinePolicy", "PolicyDocument", PolicyKind::Resource, PolicyAttachment::Unknown},
    {"AWS::KMS::Key", "KeyPolicy", PolicyKind::Resource, PolicyAttachment::Unknown},
    {"AWS::KMS::ReplicaKey", "KeyPolicy", PolicyKind::Resource, PolicyAttachment::Unknown},
    {"AWS::SecretsManager::ResourcePolicy", "ResourcePolicy", PolicyKind::Resource,
     PolicyAttachment::Unknown},
    {"AWS::Logs::ResourcePolicy", "PolicyDocument", PolicyKind::Resource, PolicyAttachment::Unknown},
    {"AWS::Logs::Destination", "DestinationPolicy", PolicyKind::Resource, PolicyAttachment::Unknown},
    {"AWS::Events::EventBus", "Policy", PolicyKind::Resource, PolicyAttachment::Unknown},
    {"AWS::EventSchemas::RegistryPolicy", "Policy", PolicyKind::Resource, PolicyAttachment::Unknown},
    {"AWS::ECR::Repository", "RepositoryPolicyText", PolicyKind::Resource, PolicyAttachment::Unknown},
    {"AWS::ECR::PublicRepository", "RepositoryPolicyText", PolicyKind::Resource, PolicyAttachment::Unknown},
    {"AWS::ECR::RegistryPolicy", "PolicyText", PolicyKind::Resource, PolicyAttachment::Unknown},
    {"AWS::OpenSearchService::Domain", "AccessPolicies", PolicyKind::Resource, PolicyAttachment::Unknown},
    {"AWS::Elasticsearch::Domain", "AccessPolicies", PolicyKind::Resource, PolicyAttachment::Unknown},
    {"AWS::Backup::BackupVault", "AccessPolicy", PolicyKind::Resource, PolicyAttachment::Unknown},
    {"AWS::EFS::FileSystem", "FileSystemPolicy", PolicyKind::Resource, PolicyAttachment::Unknown},
    {"AWS::CodeArtifact::Domain", "PermissionsPolicyDocument", PolicyKind::Resource,
     PolicyAttachment::Unknown},
    {"AWS::CodeArtifact::Repository", "PermissionsPolicyDocument", PolicyKind::Resource,
     PolicyAttachment::Unknown},
    {"AWS::ApiGateway::RestApi", "Policy", PolicyKind::Resource, PolicyAttachment::Unknown},
    {"AWS::ApiGateway::RestApi", "Body", PolicyKind::Resource, PolicyAttachment::Unknown,
     Shape::OpenApiPolicy},
    {"AWS::ApiGateway::DomainNameV2", "Policy", PolicyKind::Resource, PolicyAttachment::Unknown},
    {"AWS::Serverless::Api", "DefinitionBody", PolicyKind::Resource, PolicyAttachment::Unknown,
     Shape::OpenApiPolicy},
    {"AWS::Serverless::Api", "Auth", PolicyKind::Resource, PolicyAttachment::Unknown, Shape::SamApiAuth},
    {"AWS::EC2::VPCEndpoint", "PolicyDocument", PolicyKind::VpcEndpoint, PolicyAttachment::Unknown},
    {"AWS::Kinesis::ResourcePolicy", "ResourcePolicy", PolicyKind::Resource, PolicyAttachment::Unknown},
    {"AWS::DynamoDB::Table", "ResourcePolicy", PolicyKind::Resource, PolicyAttachment::Unknown},
    {"AWS::CloudTrail::ResourcePolicy", "ResourcePolicy", PolicyKind::Resource, PolicyAttachment::Unknown},
    {"AWS::MSK::ClusterPolicy", "Policy", PolicyKind::Resource, PolicyAttachment::Unknown},
    {"AWS::VpcLattice::AuthPolicy", "Policy", PolicyKind::Resource, PolicyAttachment::Unknown},
    {"AWS::VpcLattice::ResourcePolicy", "Policy", PolicyKind::Resource, PolicyAttachment::Unknown},
    {"AWS::MediaStore::Container", "Policy", PolicyKind::Resource, PolicyAttachment::Unknown},
};

constexpr std::string_view kLambdaPermission = "AWS::Lambda::Permission";
constexpr std::string_view kEventBusPolicy = "AWS::Events::EventBusPolicy";

// Beyond this many combinations of one resource's Fn::If conditions, only two readings are analysed:
// every condition true, and every condition false. Each branch of each Fn::If is still read once
// (when a condition is used the same way throughout), and the count of documents stays linear.
constexpr std::size_t kMaxVariants = 16;

constexpr std::string_view kPolicyVersion = "2012-10-17";

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

JsonValue string_value(std::string text, SourceSpan range, bool computed = false) {
    JsonValue value;
    value.type = JsonType::String;
    value.text = std::move(text);
    value.range = range;
    value.computed = computed;
    return value;
}

JsonValue object_value(SourceSpan range) {
    JsonValue value;
    value.type = JsonType::Object;
    value.range = range;
    return value;
}

// The objects built here have a handful of members: rebuilding the list for each one costs nothing.
void add_member(JsonValue& object, CompactString key, SourceSpan key_range, JsonValue value) {
    std::vector<JsonMember> members(std::make_move_iterator(object.members().begin()),
                                    std::make_move_iterator(object.members().end()));
    members.push_back({std::move(key), key_range, std::move(value)});
    object.set_members(std::move(members));
}

bool same_tree(const JsonValue& a, const JsonValue& b) {
    if (a.type != b.type || a.text != b.text || a.computed != b.computed ||
        a.range.offset != b.range.offset || a.range.length != b.range.length ||
        a.items().size() != b.items().size() || a.members().size() != b.members().size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.items().size(); ++i) {
        if (!same_tree(a.items()[i], b.items()[i])) return false;
    }
    for (std::size_t i = 0; i < a.members().size(); ++i) {
        if (a.members()[i].key != b.members()[i].key ||
            !same_tree(a.members()[i].value, b.members()[i].value))
            return false;
    }
    return true;
}

bool same_document(const JsonDocument& a, const JsonDocument& b) {
    if (a.error.has_value() != b.error.has_value()) return false;
    if (a.error)
        return a.error->message == b.error->message && a.error->range.offset == b.error->range.offset;
    return same_tree(a.root, b.root);
}

// Every range in a tree, so that a policy parsed from a string can be moved to where the string is.
template <typename Fn>
void for_each_range(JsonValue& value, const Fn& fn) {
    fn(value.range);
    for (auto& item : value.items()) for_each_range(item, fn);
    for (auto& member : value.members()) {
        fn(member.key_range);
        for_each_range(member.value, fn);
    }
}

bool has_placeholder(std::string_view text) {
    for (auto open = text.find("${"); open != std::string_view::npos; open = text.find("${", open + 2)) {
        const auto close = text.find('}', open + 2);
        if (close == std::string_view::npos) return false;
        if (cfn::is_sub_placeholder(text.substr(open + 2, close - open - 2))) return true;
    }
    return false;
}

// In a policy written as the string of an Fn::Sub (sub: true) or built by an Fn::Join, CloudFormation
// replaces "${Name}" placeholders before IAM reads the policy, wherever they are: in values, in ARNs and
// in condition keys ("aws:RequestTag/kubernetes.io/cluster/${ClusterName}"). Strings and keys holding
// one are computed; Fn::Sub's "${!Name}" escapes become the literal "${Name}" that IAM reads (a policy
// variable, judged as one); IAM's own variables (${aws:username}) stay as they are.
void mark_placeholders(JsonValue& value, bool sub) {
    auto resolve = [sub](CompactString& text, bool& computed) {
        if (sub) {
            auto resolved = cfn::sub_text(text);
            text = std::move(resolved.text);
            computed = resolved.computed;
        } else {
            computed = has_placeholder(text);
        }
    };
    if (value.is_string()) resolve(value.text, value.computed);
    for (auto& item : value.items()) mark_placeholders(item, sub);
    for (auto& member : value.members()) {
        if (member.key.find("${") != std::string::npos) resolve(member.key, member.key_computed);
        mark_placeholders(member.value, sub);
    }
}

// For each byte of a string's decoded text, the file offset it was read from; empty when the text is
// not written as is (escapes), so that its positions cannot be told apart.
std::vector<std::uint32_t> map_to_file(const std::string& file, const JsonValue& node,
                                       std::string_view decoded) {
    std::size_t start = node.range.offset, end = start + node.range.length;
    if (start >= end || end > file.size()) return {};
    if (file[start] == '"' || file[start] == '\'') {
        ++start, --end;
    } else if (file[start] == '|' || file[start] == '>') {
        const auto newline = file.find('\n', start);
        if (newline == std::string::npos) return {};
        start = newline + 1;
    }
    std::vector<std::uint32_t> map(decoded.size() + 1);
    std::size_t j = start;
    for (std::size_t k = 0; k < decoded.size(); ++k) {
        const char c = decoded[k];
        // Indentation and line breaks that the YAML scalar folded away are skipped.
        while (j < end && file[j] != c && is_space(file[j])) ++j;
        if (j < end && file[j] == c) {
            map[k] = static_cast<std::uint32_t>(j++);
        } else if (is_space(c)) {
            map[k] = static_cast<std::uint32_t>(j);
        } else {
            return {};
        }
    }
    map[decoded.size()] = static_cast<std::uint32_t>(j);
    return map;
}

struct Slot {
    std::string origin;   // "MyRole (AWS::IAM::Role) Policies[0] \"root\""
    std::string pointer;  // where the policy is in the file
    PolicyKind kind;
    PolicyAttachment attachment;
};

class TemplateLoader {
public:
    TemplateLoader(const LoadInput& input, std::vector<PolicyDocument>& out) : input_(input), out_(out) {}

    void load() {
        const JsonMember* resources = input_.syntax->root.find("Resources");
        if (resources == nullptr || !resources->value.is_object()) return;
        const JsonValue& entries = resources->value;
        for (std::size_t i = 0; i < entries.members().size(); ++i) {
            if (entries.is_overridden(i)) continue;
            const JsonMember& resource = entries.members()[i];
            const JsonMember* type = resource.value.is_object() ? resource.value.find("Type") : nullptr;
            const JsonMember* properties =
                resource.value.is_object() ? resource.value.find("Properties") : nullptr;
            if (type == nullptr || !type->value.is_string() || properties == nullptr ||
                !properties->value.is_object()) {
                continue;
            }
            resource_ = {
                &resource, type, &properties->value,
                json_pointer_append(json_pointer_append(json_pointer_append("", "Resources"), resource.key),
                                    "Properties")};
            load_resource(type->value.text);
        }
    }

private:
    struct Current {
        const JsonMember* resource = nullptr;
        const JsonMember* type = nullptr;
        const JsonValue* properties = nullptr;
        std::string pointer;  // of Properties
    };

    void load_resource(std::string_view type) {
        std::vector<const PolicyProperty*> rows;
        std::vector<std::string> conditions;
        for (const auto& row : kPolicyProperties) {
            if (row.type != type) continue;
            rows.push_back(&row);
            if (const JsonMember* property = resource_.properties->find(row.property))
                cfn::collect_conditions(property->value, conditions);
        }
        const bool synthesized = type == kLambdaPermission || type == kEventBusPolicy;
        if (rows.empty() && !synthesized) return;
        if (synthesized) cfn::collect_conditions(*resource_.properties, conditions);

        emitted_.clear();
        for (auto& branches : readings(conditions)) {
            for (const PolicyProperty* row : rows) load_property(*row, branches);
            if (type == kLambdaPermission) load_lambda_permission(branches);
            if (type == kEventBusPolicy) load_event_bus_policy(branches);
        }
    }

    // The readings of a resource: every combination of its conditions, or all true and all false.
    static std::vector<Branches> readings(const std::vector<std::string>& conditions) {
        std::vector<Branches> result;
        const bool all = conditions.size() < 63 && (std::size_t{1} << conditions.size()) <= kMaxVariants;
        const std::size_t count = all ? std::size_t{1} << conditions.size() : 2;
        for (std::size_t n = 0; n < count; ++n) {
            Branches branches;
            for (std::size_t c = 0; c < conditions.size(); ++c) {
                const bool taken = all ? ((n >> c) & 1) == 0 : n == 0;
                branches.values.emplace_back(conditions[c], taken);
            }
            result.push_back(std::move(branches));
        }
        return result;
    }

    std::string origin(std::string_view property) const {
        std::string text(resource_.resource->key);
        text.append(" (").append(resource_.type->value.text).append(")");
        if (!property.empty()) text.append(" ").append(property);
        return text;
    }

    void load_property(const PolicyProperty& row, const Branches& reading) {
        Branches branches = reading;
        const JsonMember* property = resource_.properties->find(row.property);
        if (property == nullptr) return;
        std::string pointer = json_pointer_append(resource_.pointer, row.property);
        const JsonValue* value = cfn::select(property->value, branches, pointer);
        if (value == nullptr) return;
        Slot slot{origin(row.property), pointer, row.kind, row.attachment};
        switch (row.shape) {
            case Shape::Document:
                if (row.type == "AWS::DynamoDB::Table") {
                    // ResourcePolicy: {PolicyDocument: ...}
                    const JsonMember* inner = value->is_object() ? value->find("PolicyDocument") : nullptr;
                    if (inner == nullptr) return;
                    slot.pointer = json_pointer_append(slot.pointer, "PolicyDocument");
                    slot.origin += ".PolicyDocument";
                    value = cfn::select(inner->value, branches, slot.pointer);
                    if (value == nullptr) return;
                }
                add_document(*value, slot, branches);
                break;
            case Shape::IamPolicy:
                slot.attachment = iam_policy_attachment(reading);
                add_document(*value, slot, branches);
                break;
            case Shape::OrganizationsPolicy: {
                const JsonMember* kind = resource_.properties->find("Type");
                if (kind == nullptr || !kind->value.is_string()) return;
                if (kind->value.text == "SERVICE_CONTROL_POLICY") {
                    slot.kind = PolicyKind::Scp;
                } else if (kind->value.text == "RESOURCE_CONTROL_POLICY") {
                    slot.kind = PolicyKind::Rcp;
                } else {
                    return;  // tag, backup, AI opt-out policies: not IAM policy language
                }
                add_document(*value, slot, branches);
                break;
            }
            case Shape::PolicyList:
                load_policy_list(*value, slot, branches);
                break;
            case Shape::SamPolicies:
                load_sam_policies(*value, slot, branches);
                break;
            case Shape::OpenApiPolicy:
                load_openapi_policy(*value, slot, branches);
                break;
            case Shape::SamApiAuth:
                load_sam_api_custom_statements(*value, slot, branches);
                break;
        }
    }

    // API Gateway's OpenAPI extension: the definition's "x-amazon-apigateway-policy" is the REST API's
    // resource policy, as the Policy property would be.
    void load_openapi_policy(const JsonValue& definition, Slot slot, Branches& branches) {
        const JsonMember* policy =
            definition.is_object() ? definition.find("x-amazon-apigateway-policy") : nullptr;
        if (policy == nullptr) return;
        slot.origin += ".x-amazon-apigateway-policy";
        slot.pointer = json_pointer_append(slot.pointer, "x-amazon-apigateway-policy");
        const JsonValue* value = cfn::select(policy->value, branches, slot.pointer);
        if (value != nullptr) add_document(*value, slot, branches);
    }

    // SAM's Auth.ResourcePolicy.CustomStatements: IAM statements (one, or a list) that SAM adds to the
    // API's resource policy as written. SAM's other ResourcePolicy keys (AwsAccountWhitelist,
    // IpRangeBlacklist ...) are its own shorthand and are not modelled.
    void load_sam_api_custom_statements(const JsonValue& auth, Slot slot, Branches& branches) {
        const JsonMember* policy = auth.is_object() ? auth.find("ResourcePolicy") : nullptr;
        if (policy == nullptr) return;
        slot.pointer = json_pointer_append(slot.pointer, "ResourcePolicy");
        const JsonValue* resource_policy = cfn::select(policy->value, branches, slot.pointer);
        const JsonMember* custom = resource_policy != nullptr && resource_policy->is_object()
                                       ? resource_policy->find("CustomStatements")
                                       : nullptr;
        if (custom == nullptr) return;
        slot.pointer = json_pointer_append(slot.pointer, "CustomStatements");
        slot.origin += ".ResourcePolicy.CustomStatements";
        auto statements = cfn::evaluate(custom->value, branches);
        if (!statements) return;
        const JsonMember& type = *resource_.type;
        JsonDocument syntax;
        syntax.root = object_value(custom->value.range);
        add_member(syntax.root, "Version", type.key_range,
                   string_value(std::string(kPolicyVersion), type.value.range));
        add_member(syntax.root, "Statement", custom->key_range, std::move(*statements));
        copy_duplicates(custom->value.range, syntax);
        emit(std::move(syntax), slot, branches);
    }

    // An AWS::IAM::Policy's size quota is that of the principals it is inline in; with several kinds,
    // the smallest quota (users', then groups') is the one that can be exceeded.
    PolicyAttachment iam_policy_attachment(const Branches& reading) const {
        for (auto [name, attachment] : {std::pair{"Users", PolicyAttachment::InlineUser},
                                        std::pair{"Groups", PolicyAttachment::InlineGroup},
                                        std::pair{"Roles", PolicyAttachment::InlineRole}}) {
            Branches branches = reading;
            const JsonMember* targets = resource_.properties->find(name);
            if (targets == nullptr) continue;
            auto list = cfn::evaluate(targets->value, branches);
            if (list && (!list->is_array() || !list->items().empty())) return attachment;
        }
        return PolicyAttachment::Unknown;
    }

    void load_policy_list(const JsonValue& list, const Slot& slot, Branches& branches) {
        if (!list.is_array()) return;
        for (std::size_t i = 0; i < list.items().size(); ++i) {
            Branches item_branches = branches;
            std::string pointer = json_pointer_append(slot.pointer, i);
            const JsonValue* item = cfn::select(list.items()[i], item_branches, pointer);
            if (item == nullptr || !item->is_object()) continue;
            const JsonMember* document = item->find("PolicyDocument");
            if (document == nullptr) continue;
            Slot item_slot = slot;
            item_slot.origin.append("[").append(std::to_string(i)).append("]");
            if (const JsonMember* name = item->find("PolicyName")) {
                if (auto text = cfn::text_of(name->value, item_branches))
                    item_slot.origin += " \"" + text->text + "\"";
            }
            item_slot.pointer = json_pointer_append(pointer, "PolicyDocument");
            const JsonValue* value = cfn::select(document->value, item_branches, item_slot.pointer);
            if (value != nullptr) add_document(*value, item_slot, item_branches);
        }
    }

    // SAM's Policies: a managed policy name, a policy template ({"S3ReadPolicy": {...}}) or an inline
    // document (an object with a Statement), alone or in a list. Only inline documents are policies here.
    void load_sam_policies(const JsonValue& value, const Slot& slot, Branches& branches) {
        auto load_one = [&](const JsonValue& item, Slot item_slot, Branches& item_branches) {
            const JsonValue* document = cfn::select(item, item_branches, item_slot.pointer);
            if (document != nullptr && document->is_object() && document->find("Statement") != nullptr)
                add_document(*document, item_slot, item_branches);
        };
        if (!value.is_array()) {
            load_one(value, slot, branches);
            return;
        }
        for (std::size_t i = 0; i < value.items().size(); ++i) {
            Branches item_branches = branches;
            Slot item_slot = slot;
            item_slot.origin.append("[").append(std::to_string(i)).append("]");
            item_slot.pointer = json_pointer_append(slot.pointer, i);
            load_one(value.items()[i], item_slot, item_branches);
        }
    }

    // One policy document: an object, or a string of JSON (plain, an Fn::Sub template or an Fn::Join).
    void add_document(const JsonValue& value, const Slot& slot, Branches& branches) {
        JsonDocument syntax;
        if (parse_policy_string(value, slot.pointer, branches, syntax)) {
            emit(std::move(syntax), slot, branches);
            return;
        }
        // A Ref or Fn::GetAtt stands for a policy written elsewhere (a parameter, another stack):
        // nothing here to judge.
        if (cfn::is_intrinsic(value)) return;
        // An object, or a value of the wrong type that the grammar rules report.
        auto evaluated = cfn::evaluate(value, branches);
        if (!evaluated) return;
        syntax.root = std::move(*evaluated);
        copy_duplicates(value.range, syntax);
        emit(std::move(syntax), slot, branches);
    }

    // Duplicate keys of the template that lie inside the policy.
    void copy_duplicates(SourceSpan range, JsonDocument& syntax) const {
        for (const auto& duplicate : input_.syntax->duplicate_keys) {
            if (duplicate.duplicate.offset >= range.offset &&
                duplicate.duplicate.offset < range.offset + range.length) {
                syntax.duplicate_keys.push_back(duplicate);
            }
        }
    }

    bool parse_policy_string(const JsonValue& value, const std::string& pointer, Branches& branches,
                             JsonDocument& syntax) const {
        enum class Mode { Literal, Sub, Built } mode;
        const JsonValue* literal = nullptr;  // the string node whose text is parsed, when there is one
        std::string text;
        const std::string_view function = cfn::intrinsic_name(value);
        if (value.is_string() && !value.computed) {
            mode = Mode::Literal;
            literal = &value;
        } else if (function == "Fn::Sub") {
            const JsonValue& args = value.members().front().value;
            mode = Mode::Sub;
            literal = args.is_string()                           ? &args
                      : args.is_array() && !args.items().empty() ? &args.items()[0]
                                                                 : nullptr;
            if (literal != nullptr && !literal->is_string()) literal = nullptr;
            // Variables given in the map are replaced before the JSON is read; positions are then lost.
            if (literal != nullptr && args.is_array() && args.items().size() > 1) literal = nullptr;
        } else if (function == "Fn::Join") {
            mode = Mode::Built;
        } else {
            return false;
        }
        if (literal != nullptr) {
            text = literal->text;
        } else if (mode == Mode::Sub) {
            // The map's variables are replaced, the "${!x}" escapes left for each string below: unescaped
            // here, "${!Name}" would become the placeholder "${Name}" there.
            auto raw = cfn::sub_template(value.members().front().value, branches);
            if (!raw) return false;
            text = std::move(raw->text);
        } else {
            auto built = cfn::text_of(value, branches);
            if (!built) return false;
            text = std::move(built->text);
        }

        const SourceFile inner("", text);
        syntax = parse_json(inner);
        const SourceFile& file = *input_.source;
        const auto map =
            literal != nullptr ? map_to_file(file.text(), *literal, text) : std::vector<std::uint32_t>{};
        const SourceSpan whole = literal != nullptr && map.empty() ? literal->range : value.range;
        auto move = [&](SourceSpan& range) {
            if (map.empty()) {
                range = whole;
                return;
            }
            const std::uint32_t start = map[std::min<std::size_t>(range.offset, text.size())];
            const std::uint32_t end =
                range.length == 0
                    ? start
                    : map[std::min<std::size_t>(range.offset + range.length - 1, text.size())] + 1;
            range = {start, std::max(start, end) - start};
        };
        if (syntax.error) {
            SourceSpan error = syntax.error->range;
            move(error);
            syntax.error->range = file.range(error);
            return true;
        }
        for_each_range(syntax.root, move);
        for (auto& duplicate : syntax.duplicate_keys) {
            move(duplicate.first);
            move(duplicate.duplicate);
            duplicate.pointer = pointer + duplicate.pointer;
        }
        mark_placeholders(syntax.root, mode == Mode::Sub);
        return true;
    }

    void emit(JsonDocument&& syntax, const Slot& slot, const Branches& branches) {
        // Readings that give the same document (its conditions not involved) yield it once.
        const std::string key = slot.origin + '\n' + slot.pointer;
        for (const auto& [seen_key, index] : emitted_) {
            if (seen_key == key && same_document(*out_[index].syntax, syntax)) return;
        }
        emitted_.emplace_back(key, out_.size());
        PolicyDocument document;
        document.source = input_.source;
        auto shared = std::make_shared<const JsonDocument>(std::move(syntax));
        document.root = shared->error ? nullptr : &shared->root;
        document.syntax = std::move(shared);
        document.root_pointer = slot.pointer;
        if (document.root != nullptr) document.policy = build_policy(*document.root, slot.pointer);
        document.kind_forced = input_.options.forced_kind.has_value();
        document.kind = input_.options.forced_kind.value_or(slot.kind);
        document.attachment = slot.attachment;
        if (slot.kind == PolicyKind::Resource)
            document.resource_type = cloudformation_attached_type(resource_.type->value.text);
        document.origin = slot.origin + branches.label();
        out_.push_back(std::move(document));
    }

    // The statement AWS writes into the function's resource policy for an AWS::Lambda::Permission.
    void load_lambda_permission(const Branches& reading) {
        Branches branches = reading;
        const JsonValue& properties = *resource_.properties;
        const JsonMember& type = *resource_.type;
        JsonValue statement = object_value(properties.range);
        add_member(statement, "Effect", type.key_range, string_value("Allow", type.value.range));
        if (const JsonMember* principal = properties.find("Principal")) {
            if (auto value = cfn::evaluate(principal->value, branches)) {
                add_member(statement, "Principal", principal->key_range, lambda_principal(std::move(*value)));
            }
        }
        if (const JsonMember* action = properties.find("Action")) {
            if (auto value = cfn::evaluate(action->value, branches))
                add_member(statement, "Action", action->key_range, std::move(*value));
        }
        if (const JsonMember* function = properties.find("FunctionName")) {
            if (auto value = cfn::evaluate(function->value, branches))
                add_member(statement, "Resource", function->key_range, function_arn(std::move(*value)));
        }
        JsonValue conditions = object_value(properties.range);
        auto condition = [&](std::string_view property, std::string op, std::string key) {
            const JsonMember* member = properties.find(property);
            if (member == nullptr) return;
            auto value = cfn::evaluate(member->value, branches);
            if (!value) return;
            auto existing = std::find_if(conditions.members().begin(), conditions.members().end(),
                                         [&](const JsonMember& m) { return m.key == op; });
            if (existing == conditions.members().end()) {
                add_member(conditions, op, member->key_range, object_value(member->value.range));
                existing = conditions.members().end() - 1;
            }
            add_member(existing->value, std::move(key), member->key_range, std::move(*value));
        };
        condition("SourceArn", "ArnLike", "AWS:SourceArn");
        condition("SourceAccount", "StringEquals", "AWS:SourceAccount");
        condition("PrincipalOrgID", "StringEquals", "aws:PrincipalOrgID");
        condition("EventSourceToken", "StringEquals", "lambda:EventSourceToken");
        condition("FunctionUrlAuthType", "StringEquals", "lambda:FunctionUrlAuthType");
        if (!conditions.members().empty())
            add_member(statement, "Condition", type.key_range, std::move(conditions));
        emit_statement(std::move(statement), origin(""), branches);
    }

    // Lambda takes a service ("s3.amazonaws.com"), an account, an ARN or "*".
    static JsonValue lambda_principal(JsonValue value) {
        if (!value.is_string() || (value.text == "*" && !value.computed)) return value;
        const bool service =
            !value.computed && !value.text.starts_with("arn:") && value.text.find('.') != std::string::npos;
        JsonValue principal = object_value(value.range);
        const SourceSpan range = value.range;
        add_member(principal, service ? "Service" : "AWS", range, std::move(value));
        return principal;
    }

    // FunctionName is a name, a partial ARN or an ARN; the statement's resource is the function's ARN.
    static JsonValue function_arn(JsonValue value) {
        if (!value.is_string() || value.text.starts_with("arn:") ||
            (value.computed && value.text.ends_with(".Arn}"))) {
            return value;
        }
        return string_value(
            "arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:" + value.text,
            value.range, true);
    }

    // AWS::Events::EventBusPolicy: a Statement property, or the older Action/Principal/Condition ones.
    void load_event_bus_policy(const Branches& reading) {
        Branches branches = reading;
        const JsonValue& properties = *resource_.properties;
        const JsonMember& type = *resource_.type;
        if (const JsonMember* statement = properties.find("Statement")) {
            std::string pointer = resource_.pointer;
            auto value = cfn::evaluate(statement->value, branches);
            if (!value) return;
            JsonDocument syntax;
            syntax.root = object_value(properties.range);
            add_member(syntax.root, "Version", type.key_range,
                       string_value(std::string(kPolicyVersion), type.value.range));
            add_member(syntax.root, "Statement", statement->key_range, std::move(*value));
            copy_duplicates(statement->value.range, syntax);
            emit(std::move(syntax),
                 {origin("Statement"), pointer, PolicyKind::Resource, PolicyAttachment::Unknown}, branches);
            return;
        }
        JsonValue result = object_value(properties.range);
        if (const JsonMember* sid = properties.find("StatementId")) {
            if (auto value = cfn::evaluate(sid->value, branches))
                add_member(result, "Sid", sid->key_range, std::move(*value));
        }
        add_member(result, "Effect", type.key_range, string_value("Allow", type.value.range));
        if (const JsonMember* principal = properties.find("Principal")) {
            if (auto value = cfn::evaluate(principal->value, branches)) {
                if (!value->is_string() || value->text != "*" || value->computed) {
                    JsonValue typed = object_value(value->range);
                    add_member(typed, "AWS", principal->key_range, std::move(*value));
                    value = std::move(typed);
                }
                add_member(result, "Principal", principal->key_range, std::move(*value));
            }
        }
        if (const JsonMember* action = properties.find("Action")) {
            if (auto value = cfn::evaluate(action->value, branches))
                add_member(result, "Action", action->key_range, std::move(*value));
        }
        std::string bus = "default";
        SourceSpan bus_range = type.value.range;
        if (const JsonMember* name = properties.find("EventBusName")) {
            if (auto text = cfn::text_of(name->value, branches)) bus = text->text;
            bus_range = name->value.range;
        }
        add_member(
            result, "Resource", type.key_range,
            string_value("arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/" + bus,
                         bus_range, true));
        if (const JsonMember* condition = properties.find("Condition")) {
            auto value = cfn::evaluate(condition->value, branches);
            const JsonMember* op = value && value->is_object() ? value->find("Type") : nullptr;
            const JsonMember* key = value && value->is_object() ? value->find("Key") : nullptr;
            const JsonMember* operand = value && value->is_object() ? value->find("Value") : nullptr;
            if (op != nullptr && key != nullptr && operand != nullptr && op->value.is_string() &&
                key->value.is_string()) {
                JsonValue inner = object_value(condition->value.range);
                add_member(inner, key->value.text, key->value.range, operand->value);
                JsonValue block = object_value(condition->value.range);
                add_member(block, op->value.text, op->value.range, std::move(inner));
                add_member(result, "Condition", condition->key_range, std::move(block));
            }
        }
        emit_statement(std::move(result), origin(""), branches);
    }

    // A document made of one statement that AWS builds from a resource's properties.
    void emit_statement(JsonValue statement, std::string slot_origin, const Branches& branches) {
        const JsonMember& type = *resource_.type;
        JsonDocument syntax;
        syntax.root = object_value(resource_.properties->range);
        add_member(syntax.root, "Version", type.key_range,
                   string_value(std::string(kPolicyVersion), type.value.range));
        add_member(syntax.root, "Statement", type.key_range, std::move(statement));
        emit(std::move(syntax),
             {std::move(slot_origin), resource_.pointer, PolicyKind::Resource, PolicyAttachment::Unknown},
             branches);
    }

    const LoadInput& input_;
    std::vector<PolicyDocument>& out_;
    Current resource_;
    std::vector<std::pair<std::string, std::size_t>> emitted_;  // origin and pointer -> index in out_
};

}  // namespace

bool is_cloudformation(const JsonValue& root) {
    if (!root.is_object()) return false;
    if (root.find("AWSTemplateFormatVersion") != nullptr) return true;
    if (const JsonMember* transform = root.find("Transform")) {
        auto is_sam = [](const JsonValue& value) {
            return value.is_string() && value.text.starts_with("AWS::Serverless");
        };
        if (is_sam(transform->value)) return true;
        if (transform->value.is_array() &&
            std::any_of(transform->value.items().begin(), transform->value.items().end(), is_sam))
            return true;
    }
    const JsonMember* resources = root.find("Resources");
    if (resources == nullptr || !resources->value.is_object()) return false;
    return std::any_of(
        resources->value.members().begin(), resources->value.members().end(), [](const JsonMember& entry) {
            const JsonMember* type = entry.value.is_object() ? entry.value.find("Type") : nullptr;
            return type != nullptr && type->value.is_string() &&
                   type->value.text.find("::") != std::string::npos;
        });
}

void load_cloudformation(const LoadInput& input, LoadedFile& out) {
    TemplateLoader(input, out.documents).load();
    group_cloudformation_principals(input.syntax->root, out);
}

}  // namespace iamlint::loaders
