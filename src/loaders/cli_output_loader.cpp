// The output of the AWS CLI commands that print one policy, wrapped in the API's response: the document
// is an object, a JSON string or (raw IAM API output) a URL-encoded string.
//
//   iam get-policy-version                    {"PolicyVersion": {"Document": ..., "VersionId": "v3"}}
//   iam get-role                              {"Role": {"RoleName": ..., "AssumeRolePolicyDocument": ...}}
//   iam get-{role,user,group}-policy          {"RoleName": ..., "PolicyName": ..., "PolicyDocument": ...}
//   s3api get-bucket-policy, kms get-key-policy,
//   lambda get-policy, dynamodb get-resource-policy ...   {"Policy": "<policy JSON>"}
//   sqs get-queue-attributes, sns get-topic-attributes     {"Attributes": {"Policy": "<policy JSON>"}}
//   ecr get-repository-policy                 {"policyText": "<policy JSON>"}
//   secretsmanager get-resource-policy        {"ResourcePolicy": "<policy JSON>"}
//   organizations describe-policy             {"Policy": {"PolicySummary": {"Type": ...}, "Content": "..."}}
//   organizations describe-resource-policy    {"ResourcePolicy": {"Content": "..."}}
//   sso-admin get-inline-policy-for-permission-set   {"InlinePolicy": "<policy JSON>"}
#include <array>
#include <string>

#include "embedded_policy.hpp"
#include "iamlint/log.hpp"

namespace iamlint::loaders {

namespace {

struct Found {
    const JsonValue* value;
    std::string pointer;
    PolicyInfo info;
};

// Whether the wrapper's shape matched, and the policies it holds (none for an organization policy that
// is not an SCP or RCP: a tag or backup policy).
struct Match {
    bool matched = false;
    std::vector<Found> policies;
};

// A string that holds policy text: JSON or URL-encoded JSON. Keeps other JSON with a "Policy" string
// (a name, an ARN) out.
bool holds_policy_text(const JsonValue* value) {
    if (value == nullptr || !value->is_string()) return false;
    const std::size_t first = value->text.find_first_not_of(" \t\r\n");
    return first != std::string::npos && (value->text[first] == '{' || value->text[first] == '%');
}

PolicyInfo resource(std::string origin, std::string_view resource_type = {}) {
    return {PolicyKind::Resource, PolicyAttachment::Unknown, std::move(origin), std::string(resource_type)};
}

// The resource a wrapper's policy belongs to when the wrapper names it: {"Policy": ...} is printed alike
// by S3, KMS, Lambda and DynamoDB, but SQS and SNS attributes carry the queue's or topic's ARN, ECR's
// repository policy its repository's name, and Secrets Manager's its secret's ARN.
std::string_view wrapper_resource_type(const JsonValue& holder) {
    if (has_member(holder, "QueueArn")) return "AWS::SQS::Queue";
    if (has_member(holder, "TopicArn")) return "AWS::SNS::Topic";
    if (has_member(holder, "repositoryName")) return "AWS::ECR::Repository";
    if (string_member(holder, "ARN").find(":secretsmanager:") != std::string_view::npos)
        return "AWS::SecretsManager::Secret";
    return {};
}

// {"Policy": {"PolicySummary": {"Type": "SERVICE_CONTROL_POLICY"}, "Content": "..."}}
Match organizations_policy(const JsonValue& wrapper, std::string_view key) {
    Match match;
    const JsonValue* content = member(wrapper, "Content");
    if (!holds_policy_text(content)) return match;
    match.matched = true;
    const JsonValue* summary = member(wrapper, key == "Policy" ? "PolicySummary" : "ResourcePolicySummary");
    const std::string_view type = summary ? string_member(*summary, "Type") : std::string_view();
    const std::string origin = std::string(key) + ".Content";
    const std::string pointer = json_pointer_append(json_pointer_append("", key), "Content");
    if (key == "ResourcePolicy") {
        match.policies.push_back({content, pointer, resource(origin)});
    } else if (type == "SERVICE_CONTROL_POLICY" || type == "RESOURCE_CONTROL_POLICY") {
        const PolicyKind kind = type == "SERVICE_CONTROL_POLICY" ? PolicyKind::Scp : PolicyKind::Rcp;
        match.policies.push_back({content, pointer, {kind, PolicyAttachment::Unknown, origin}});
    }
    return match;
}

Match match_wrapper(const JsonValue& root) {
    Match match;
    if (!root.is_object()) return match;
    const auto found = [&](const JsonValue* value, std::string pointer, PolicyInfo info) {
        match.matched = true;
        match.policies.push_back({value, std::move(pointer), std::move(info)});
        return match;
    };

    if (const JsonValue* version = member(root, "PolicyVersion")) {
        if (const JsonValue* document = member(*version, "Document")) {
            std::string origin = "policy version";
            if (const std::string_view id = string_member(*version, "VersionId"); !id.empty())
                origin.append(" ").append(id);
            return found(document, "/PolicyVersion/Document",
                         {PolicyKind::Identity, PolicyAttachment::Managed, std::move(origin)});
        }
    }
    if (const JsonValue* role = member(root, "Role")) {
        if (const JsonValue* trust = member(*role, "AssumeRolePolicyDocument")) {
            return found(trust, "/Role/AssumeRolePolicyDocument",
                         {PolicyKind::Trust, PolicyAttachment::Unknown,
                          "role " + std::string(string_member(*role, "RoleName")) + " trust policy"});
        }
    }
    if (const JsonValue* document = member(root, "PolicyDocument");
        document && has_member(root, "PolicyName")) {
        struct Owner {
            std::string_view key, label;
            PolicyAttachment attachment;
        };
        for (const Owner& owner : {Owner{"RoleName", "role", PolicyAttachment::InlineRole},
                                   Owner{"UserName", "user", PolicyAttachment::InlineUser},
                                   Owner{"GroupName", "group", PolicyAttachment::InlineGroup}}) {
            if (!has_member(root, owner.key)) continue;
            return found(document, "/PolicyDocument",
                         {PolicyKind::Identity, owner.attachment,
                          std::string(owner.label) + " " + std::string(string_member(root, owner.key)) +
                              " inline policy " + std::string(string_member(root, "PolicyName"))});
        }
    }
    for (std::string_view key : {"Policy", "ResourcePolicy"}) {
        const JsonValue* value = member(root, key);
        if (value == nullptr) continue;
        if (value->is_object()) {
            if (Match organizations = organizations_policy(*value, key); organizations.matched)
                return organizations;
        } else if (holds_policy_text(value)) {
            return found(value, json_pointer_append("", key),
                         resource(std::string(key), wrapper_resource_type(root)));
        }
    }
    if (const JsonValue* attributes = member(root, "Attributes")) {
        const JsonValue* policy = member(*attributes, "Policy");
        if (holds_policy_text(policy))
            return found(policy, "/Attributes/Policy",
                         resource("Attributes.Policy", wrapper_resource_type(*attributes)));
    }
    if (const JsonValue* text = member(root, "policyText"); holds_policy_text(text))
        return found(text, "/policyText", resource("policyText", wrapper_resource_type(root)));
    if (const JsonValue* inline_policy = member(root, "InlinePolicy"); holds_policy_text(inline_policy)) {
        return found(inline_policy, "/InlinePolicy",
                     {PolicyKind::Identity, PolicyAttachment::Unknown, "permission set inline policy"});
    }
    return match;
}

}  // namespace

bool is_cli_output(const JsonValue& root) {
    return match_wrapper(root).matched;
}

void load_cli_output(const LoadInput& input, LoadedFile& out) {
    Match match = match_wrapper(input.syntax->root);
    if (match.policies.empty())
        log::debug("{}: an organization policy that is no SCP or RCP; not analysed", input.source->path());
    for (auto& policy : match.policies)
        add_policy(input, *policy.value, policy.pointer, std::move(policy.info), out.documents);
}

}  // namespace iamlint::loaders
