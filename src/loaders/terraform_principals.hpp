// The principals of a Terraform plan with every policy of the plan that applies to them, for the rules
// that judge a principal's policies together (IAM301): an aws_iam_role's inline_policy blocks, its
// aws_iam_role_policy resources, the aws_iam_policy resources that aws_iam_role_policy_attachment (or
// aws_iam_policy_attachment) attaches to it, its permissions boundary; the same for users and groups.
#pragma once

#include "iamlint/json.hpp"
#include "iamlint/loader.hpp"

namespace iamlint::loaders {

// Appends one PrincipalPolicySet per aws_iam_role, aws_iam_user and aws_iam_group of the plan's planned
// values to out, over the documents that load_terraform_plan put in out.documents. A principal is found
// by the name the plan gives, else through the configuration's references ("aws_iam_role.app").
void group_terraform_principals(const JsonValue& root, LoadedFile& out);

}  // namespace iamlint::loaders
