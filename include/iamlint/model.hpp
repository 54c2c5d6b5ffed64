// The normalized IAM policy model. Every element keeps its bytes in the source and its JSON pointer, so
// that a finding can point at the exact token.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "iamlint/json.hpp"
#include "iamlint/json_pointer.hpp"
#include "iamlint/location.hpp"
#include "iamlint/source.hpp"

namespace iamlint {

enum class PolicyKind : std::uint8_t {
    Unknown,
    Identity,
    Resource,
    Trust,
    Scp,
    Rcp,
    PermissionsBoundary,
    Session,
    VpcEndpoint,  // a VPC endpoint's policy: the most that may pass through the endpoint
    Iot           // an AWS IoT Core policy: what the devices it is attached to may do in AWS IoT
};

// "identity", "resource", "trust", "scp", "rcp", "permissions-boundary", "session", "vpc-endpoint",
// "iot", "unknown".
std::string_view to_string(PolicyKind kind);
std::optional<PolicyKind> parse_policy_kind(std::string_view text);

// Where an element is: its bytes in the source and its JSON pointer.
struct Place {
    SourceSpan range;
    JsonPointer pointer;
};

// One string of an Action, Resource or Principal list, or one condition value.
struct Entry {
    std::string text;  // decoded string; for a non-string JSON value, the token as written
    JsonType json_type = JsonType::String;
    Place place;
    bool computed = false;  // known only at deployment: see JsonValue::computed
};

// "s3:GetObject" -> service "s3", name "GetObject". "*" has an empty service and the name "*".
struct ActionName {
    std::string_view service;
    std::string_view name;
};
ActionName split_action(std::string_view action);

// An element whose value is a string or an array of strings: Action/NotAction, Resource/NotResource.
struct EntryList {
    bool present = false;
    bool negated = false;  // NotAction / NotResource / NotPrincipal
    Place key;             // the element's key ("Action")
    Place value;           // its whole value
    std::vector<Entry> entries;
};

// Principal or NotPrincipal: "*" or {"AWS": ..., "Service": ..., "Federated": ..., "CanonicalUser": ...}.
struct PrincipalEntry {
    std::string type;  // "AWS", "Service", "Federated", "CanonicalUser"; "*" for the string form
    Entry value;
};

struct PrincipalList {
    bool present = false;
    bool negated = false;
    Place key;
    Place value;
    std::vector<PrincipalEntry> entries;
};

enum class SetQualifier : std::uint8_t { None, ForAllValues, ForAnyValue };

// "ForAnyValue:StringLikeIfExists" -> set ForAnyValue, base "StringLike", if_exists.
struct ConditionOperator {
    std::string raw;
    SetQualifier set = SetQualifier::None;
    std::string base;
    bool if_exists = false;
};
ConditionOperator parse_condition_operator(std::string_view raw);

struct Condition {
    ConditionOperator op;
    Place op_place;   // the operator key
    std::string key;  // "aws:SourceAccount", as written
    Place key_place;
    bool key_computed = false;  // known only at deployment: see JsonMember::key_computed
    std::vector<Entry> values;  // strings, or booleans/numbers as written
};

enum class Effect : std::uint8_t { Missing, Allow, Deny, Invalid };

struct Statement {
    std::size_t index = 0;
    Place place;
    std::optional<Entry> sid;
    Effect effect = Effect::Missing;
    std::optional<Entry> effect_entry;
    EntryList actions;    // negated: NotAction
    EntryList resources;  // negated: NotResource
    PrincipalList principals;
    std::vector<Condition> conditions;
    std::optional<Place> condition_block;

    bool is_allow() const { return effect == Effect::Allow; }
};

struct Policy {
    std::optional<Entry> version;
    std::optional<Place> statement_element;
    std::vector<Statement> statements;
};

// What a policy is attached to, when the file that holds it says so (a CloudFormation or Terraform
// resource, an authorization-details entry); decides its size quota. Unknown for a bare policy file.
// AwsManaged: a policy AWS maintains (arn:PARTITION:iam::aws:policy/...), which no customer quota binds.
enum class PolicyAttachment : std::uint8_t {
    Unknown,
    Managed,
    AwsManaged,
    InlineUser,
    InlineGroup,
    InlineRole
};

// A resource that runs code under the one role a policy applies to, when the template or plan that
// holds the policy shows both (a Lambda function, a CodeBuild project whose role is that role): changing
// or running it gives the role's holders nothing they do not have. IAM301 uses it.
struct OwnWorkload {
    std::string service;     // its ARN's service: "lambda", "codebuild"
    std::string arn_prefix;  // its ARN's resource before the name: "function:", "project/"
    std::string logical_id;  // a CloudFormation resource ("Worker"), written ${Worker} or ${Worker.Arn}
    std::string arn;         // a Terraform resource's planned ARN; empty when unknown
};

// A policy document as the rules see it: the policy, the file it came from and its kind.
struct PolicyDocument {
    std::shared_ptr<const SourceFile> source;
    std::shared_ptr<const JsonDocument> syntax;  // the parsed file: syntax error and duplicate keys
    const JsonValue* root = nullptr;             // the policy inside syntax; nullptr if it did not parse
    // The tree root lies in when it is not syntax's own: a policy inside a larger file (an authorization
    // dump, a file of named policies) points into the file's tree instead of holding a copy of its part,
    // and syntax then holds only the duplicate keys inside the policy.
    std::shared_ptr<const JsonDocument> enclosing;
    std::string root_pointer;  // JSON pointer of root in the file ("" for a bare policy)
    PolicyKind kind = PolicyKind::Unknown;
    bool kind_forced = false;
    // The kind is read from the policy's shape (organization_policy_shape) or its path's names
    // (kind_named_by_path), with neither a container nor --policy-kind to say so: IAM016 tells the user.
    bool kind_inferred = false;
    std::string kind_named_by;  // when inferred from the path: the folder or file name that says it
    PolicyAttachment attachment = PolicyAttachment::Unknown;
    // What holds the policy inside its file, for findings: empty for a bare policy file; otherwise the
    // container's own name for it, such as "MyRole (AWS::IAM::Role) AssumeRolePolicyDocument" or
    // "aws_iam_policy.ci".
    std::string origin;
    // The CloudFormation type of the resource a resource policy is attached to ("AWS::S3::Bucket"), when
    // its container says (an AWS::S3::BucketPolicy, an aws_sqs_queue_policy) or --resource-type does;
    // empty when unknown. The rules that judge a policy against its resource's type read it.
    std::string resource_type;
    Policy policy;
    // Set only when the policy provably applies to one role alone (an inline policy of it).
    std::vector<OwnWorkload> own_workloads;

    const std::string& path() const { return source->path(); }
    Location location(const Place& place) const {
        return {source->path(), source->range(place.range), place.pointer.str()};
    }
};

// Builds the model from the parsed JSON. Elements of the wrong JSON type are left out of the model
// (the grammar rules report them from the JSON itself). A large policy's statements are read on up to
// `threads` threads; the model is the same for any count.
Policy build_policy(const JsonValue& root, std::string_view pointer_prefix = "", unsigned threads = 1);

// The kind a policy's text shows: identity without any principal; resource when a statement names
// a principal and a Resource; trust when every statement with a principal only assumes a role; else
// resource. SCPs, RCPs, boundaries and session policies cannot be told by their text: see
// docs/policy-kinds.md.
PolicyKind detect_policy_kind(const Policy& policy);

// Scp, Rcp or VpcEndpoint when the text has a shape only such a policy has; nullopt otherwise (then
// detect_policy_kind's answer stands). An SCP: no principal anywhere, Deny statements, and either Allow
// statements that are all FullAWSAccess ("*" on "*", unconditioned) with a Deny conditioned on who the
// principal is in the organization (aws:PrincipalArn, aws:PrincipalOrgID, aws:PrincipalOrgPaths,
// aws:PrincipalAccount), or no Allow and a Deny that exempts roles by aws:PrincipalArn or names the
// organization. An RCP: "Principal": "*" and "Resource": "*" in every statement, conditioned Denies on the
// services RCPs cover, and no Allow but RCPFullAWSAccess. A VPC endpoint policy: "Principal": "*" and
// "Resource": "*" in every statement and an Allow of "Action": "*" (AWS's default endpoint policy). An admin
// identity policy ("*" on "*" with unconditioned Denies) and AWS's Deny-only managed policies have neither
// shape. See docs/policy-kinds.md.
std::optional<PolicyKind> organization_policy_shape(const Policy& policy);

// The kind a folder or file name says its policies are, from the file's name up: "SCPs/",
// "service-control-policies/", "deny-regions-scp.json", "rcps/", "vpc-endpoint-policies/",
// "permissions-boundaries/", "boundary-policy.json". `name` is the path component that says it. A name
// that says two kinds ("scp-and-rcp") says none. See docs/policy-kinds.md.
struct NamedKind {
    PolicyKind kind = PolicyKind::Unknown;
    std::string name;
};
std::optional<NamedKind> kind_named_by_path(std::string_view path);

// The kind a policy without a container gets: organization_policy_shape's if it has one (inferred);
// else the kind its path names, when the policy can be one (SCPs and boundaries name no principal, RCPs
// and endpoint policies one in every statement; inferred, with named_by); else detect_policy_kind's.
struct DetectedKind {
    PolicyKind kind = PolicyKind::Unknown;
    bool inferred = false;
    std::string named_by;  // the path component that named the kind; empty when the shape did
};
DetectedKind detect_policy_kind_without_container(const Policy& policy, std::string_view path);

}  // namespace iamlint
