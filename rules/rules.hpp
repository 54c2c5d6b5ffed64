// The built-in rules. Each lives in rules/<name>/rule.cpp; src/engine/registry.cpp lists them all.
#pragma once

#include <string_view>

#include "iamlint/rule.hpp"

namespace iamlint::rules {

const Rule& invalid_json();
const Rule& duplicate_key();
const Rule& invalid_structure();
const Rule& invalid_version();
const Rule& missing_version();
const Rule& unknown_element();
const Rule& invalid_effect();
const Rule& invalid_action_element();
const Rule& empty_element();
const Rule& policy_kind_inferred();
const Rule& unknown_service();
const Rule& unknown_action();
const Rule& wildcard_without_like_operator();
const Rule& wildcard_in_service_name();
const Rule& invalid_resource_element();
const Rule& invalid_principal_element();
const Rule& invalid_sid();
const Rule& duplicate_sid();
const Rule& invalid_policy_variable();
const Rule& policy_size_exceeds_quota();
const Rule& unknown_condition_operator();
const Rule& unknown_condition_key();
const Rule& condition_key_not_applicable();
const Rule& condition_type_mismatch();
const Rule& set_operator_on_single_valued_key();
const Rule& missing_set_operator();
const Rule& null_operator_misuse();
const Rule& deprecated_condition_key();
const Rule& private_ip_in_source_ip();
const Rule& string_operator_on_arn_key();
const Rule& unsupported_tag_condition_key();
const Rule& invalid_condition_value();
const Rule& imprecise_condition_value();
const Rule& unpaired_condition_key();
const Rule& wildcard_condition_value();
const Rule& invalid_arn();
const Rule& resource_mismatch();
const Rule& invalid_principal();
const Rule& wildcard_action();
const Rule& service_wildcard();
const Rule& broad_rds_access();
const Rule& unscoped_resource();
const Rule& s3_list_bucket_without_prefix();
const Rule& public_principal();
const Rule& cross_account_principal();
const Rule& trust_any_principal();
const Rule& missing_external_id();
const Rule& service_principal_without_source();
const Rule& oidc_trust_without_subject();
const Rule& missing_secure_transport();
const Rule& mfa_condition_bypass();
const Rule& scp_deny_without_exemption();
const Rule& trust_action_mismatch();
const Rule& new_access();
const Rule& forbidden_access();
const Rule& resource_policy_principal_mismatch();
const Rule& resource_policy_type_mismatch();
const Rule& irrelevant_condition_key();
const Rule& permissions_management();
const Rule& credentials_exposure();
const Rule& data_exfiltration();
const Rule& pass_role_unrestricted();
const Rule& create_service_linked_role_unrestricted();
const Rule& privilege_escalation();
const Rule& allow_with_not_action();
const Rule& allow_with_not_resource();
const Rule& allow_with_not_principal();
const Rule& wildcard_arn_segment();
const Rule& redundant_element();
const Rule& wildcard_secret_access();
const Rule& destructive_action_without_mfa();

// rules/<name>/README.md, built into the binary; empty if there is none.
std::string_view embedded_readme(std::string_view rule_name);

}  // namespace iamlint::rules
