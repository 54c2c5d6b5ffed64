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

// The text between double quotes, as messages name elements and values. (Not `quoted`: that would
// collide with std::quoted through argument-dependent lookup.)
std::string in_quotes(std::string_view text);

}  // namespace iamlint::rules
