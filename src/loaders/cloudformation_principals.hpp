// The principals of a CloudFormation template with every policy of the template that applies to them,
// for the rules that judge a principal's policies together (IAM301): a role's inline policies, the
// AWS::IAM::Policy, RolePolicy and ManagedPolicy resources that attach to it, and its permissions
// boundary when the template defines it. docs/effective-permissions.md ("Principal sets")
// says how references are read.
#pragma once

#include "iamlint/json.hpp"
#include "iamlint/loader.hpp"

namespace iamlint::loaders {

// Appends one PrincipalPolicySet per AWS::IAM::Role, User and Group of the template to out, over the
// documents that load_cloudformation put in out.documents.
void group_cloudformation_principals(const JsonValue& root, LoadedFile& out);

}  // namespace iamlint::loaders
