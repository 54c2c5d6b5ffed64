// Small questions about statements that several rules ask.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "iamlint/catalog.hpp"
#include "iamlint/model.hpp"

namespace iamlint::rules {

// Whether an Allow in a policy of this kind grants anything. In SCPs, RCPs, permissions boundaries,
// session policies and VPC endpoint policies an Allow only sets a ceiling for what other policies grant
// (an endpoint policy: for the requests that pass through the endpoint).
bool grants_permissions(PolicyKind kind);

// Whether an Allow in a policy of this kind can allow the action to anyone. Every action in an IAM
// policy. An AWS IoT policy authorises a device (a certificate, a Cognito identity) only for AWS IoT's
// device actions: MQTT (iot:Connect, Publish, Subscribe, Receive, RetainPublish and the retained-message
// reads), device shadows, the jobs device API (iotjobsdata:*), and what Greengrass core and client
// devices call with their certificates; the control-plane actions it may name (iot:AttachPolicy,
// iot:CreateThing, s3:GetObject) it grants nobody. The rules that judge what is granted ask this.
bool can_allow(PolicyKind kind, const Action& action);

// An action an AWS IoT policy may name that IAM does not have: iot:AssumeRoleWithCertificate (the
// credentials provider's exchange of a device certificate for a role's credentials).
bool is_iot_policy_only_action(std::string_view action);

// A condition key that AWS IoT sets for a device's request and IAM does not have: the connection's
// thing (iot:Connection.Thing.ThingName, .IsAttached, .Attributes[name] ...), the device certificate's
// fields (iot:Certificate.Subject.CommonName ...), iot:ClientId, and the MQTT 5 connect keys.
bool is_iot_policy_condition_key(std::string_view key);

// An Allow statement with an Action list (not NotAction): the statements the breadth rules judge.
bool is_allow_with_actions(const Statement& statement);

// "*", "**", "*:*": an action pattern that matches every action of every service.
bool is_all_actions(std::string_view action);

// A non-empty text made only of '*'.
bool is_only_stars(std::string_view text);

// A statement of a resource policy whose principals are all whole AWS accounts (the account root
// or a bare account id): it delegates to that account's own IAM policies, as the default KMS key
// policy does, rather than granting to anyone itself. Whether the account is trusted is a question
// for the cross-account rules.
bool delegates_to_accounts(const PolicyDocument& document, const Statement& statement);

// "s3:*", "iam:**": a literal service prefix and a name made only of '*'.
bool is_service_wildcard(std::string_view action);

// Whether a Resource entry matches every resource of every service. NotResource counts as unscoped
// too: the statement then covers everything except a few resources.
bool is_unscoped(const Statement& statement);

// Whether the resource string matches every resource of this type: "*", or an ARN such as
// "arn:aws:s3:::*/*" or "arn:aws:dynamodb:*:*:table/*" that leaves every part of one of the type's ARN
// formats open (the partition aside: it never narrows anything down).
bool covers_every_resource_of(std::string_view resource, const ResourceType& type);

// Whether a policy's condition key is one of the catalog's keys; "${...}" parts of catalog keys
// (aws:ResourceTag/${TagKey}) match any text.
bool condition_key_matches(std::string_view catalog_key, std::string_view policy_key);

// "s3:PutObject, s3:DeleteObject and 12 more"
std::string describe_actions(std::span<const Action* const> actions, std::size_t shown = 3);

std::string qualified_name(const Action& action);
// Whether `qualified` is the action's qualified_name, exactly, without making that name: rules ask it
// of every action of every statement.
inline bool has_qualified_name(const Action& action, std::string_view qualified) {
    const std::string_view prefix = action.service->prefix;
    return qualified.size() == prefix.size() + 1 + action.name.size() && qualified.starts_with(prefix) &&
           qualified[prefix.size()] == ':' && qualified.ends_with(action.name);
}

// The text between double quotes, as messages name elements and values. (Not `quoted`: that would
// collide with std::quoted through argument-dependent lookup.)
std::string in_quotes(std::string_view text);

}  // namespace iamlint::rules
