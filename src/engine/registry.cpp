// The one explicit list of built-in rules. A new rule is added here, in id order.
#include <array>

#include "iamlint/engine.hpp"
#include "resource_policy_types.hpp"
#include "rules.hpp"

namespace iamlint {

std::span<const Rule* const> builtin_rules() {
    static const auto rules = std::to_array<const Rule*>({
        &rules::invalid_json(),                             // IAM001
        &rules::duplicate_key(),                            // IAM002
        &rules::invalid_structure(),                        // IAM003
        &rules::invalid_version(),                          // IAM004
        &rules::missing_version(),                          // IAM005
        &rules::unknown_element(),                          // IAM006
        &rules::invalid_effect(),                           // IAM007
        &rules::invalid_action_element(),                   // IAM008
        &rules::invalid_resource_element(),                 // IAM009
        &rules::invalid_principal_element(),                // IAM010
        &rules::invalid_sid(),                              // IAM011
        &rules::duplicate_sid(),                            // IAM012
        &rules::invalid_policy_variable(),                  // IAM013
        &rules::policy_size_exceeds_quota(),                // IAM014
        &rules::empty_element(),                            // IAM015
        &rules::policy_kind_inferred(),                     // IAM016
        &rules::unknown_service(),                          // IAM101
        &rules::unknown_action(),                           // IAM102
        &rules::invalid_arn(),                              // IAM103
        &rules::resource_mismatch(),                        // IAM104
        &rules::unknown_condition_operator(),               // IAM105
        &rules::unknown_condition_key(),                    // IAM106
        &rules::condition_key_not_applicable(),             // IAM107
        &rules::condition_type_mismatch(),                  // IAM108
        &rules::wildcard_without_like_operator(),           // IAM109
        &rules::set_operator_on_single_valued_key(),        // IAM110
        &rules::missing_set_operator(),                     // IAM111
        &rules::null_operator_misuse(),                     // IAM112
        &rules::wildcard_in_service_name(),                 // IAM113
        &rules::deprecated_condition_key(),                 // IAM114
        &rules::private_ip_in_source_ip(),                  // IAM115
        &rules::invalid_principal(),                        // IAM116
        &rules::string_operator_on_arn_key(),               // IAM117
        &rules::unsupported_tag_condition_key(),            // IAM118
        &rules::invalid_condition_value(),                  // IAM119
        &rules::imprecise_condition_value(),                // IAM120
        &rules::unpaired_condition_key(),                   // IAM121
        &rules::wildcard_condition_value(),                 // IAM122
        &rules::wildcard_action(),                          // IAM201
        &rules::service_wildcard(),                         // IAM202
        &rules::broad_rds_access(),                         // IAM203
        &rules::unscoped_resource(),                        // IAM204
        &rules::s3_list_bucket_without_prefix(),            // IAM205
        &rules::allow_with_not_action(),                    // IAM206
        &rules::allow_with_not_resource(),                  // IAM207
        &rules::allow_with_not_principal(),                 // IAM208
        &rules::wildcard_arn_segment(),                     // IAM209
        &rules::redundant_element(),                        // IAM210
        &rules::wildcard_secret_access(),                   // IAM211
        &rules::destructive_action_without_mfa(),           // IAM212
        &rules::privilege_escalation(),                     // IAM301
        &rules::permissions_management(),                   // IAM302
        &rules::credentials_exposure(),                     // IAM303
        &rules::data_exfiltration(),                        // IAM304
        &rules::pass_role_unrestricted(),                   // IAM305
        &rules::create_service_linked_role_unrestricted(),  // IAM306
        &rules::public_principal(),                         // IAM401
        &rules::cross_account_principal(),                  // IAM402
        &rules::trust_any_principal(),                      // IAM403
        &rules::missing_external_id(),                      // IAM404
        &rules::service_principal_without_source(),         // IAM405
        &rules::oidc_trust_without_subject(),               // IAM406
        &rules::missing_secure_transport(),                 // IAM407
        &rules::mfa_condition_bypass(),                     // IAM408
        &rules::scp_deny_without_exemption(),               // IAM409
        &rules::trust_action_mismatch(),                    // IAM410
        &rules::resource_policy_principal_mismatch(),       // IAM411
        &rules::resource_policy_type_mismatch(),            // IAM412
        &rules::irrelevant_condition_key(),                 // IAM413
        &rules::new_access(),                               // IAM501
        &rules::forbidden_access(),                         // IAM502
    });
    return rules;
}

std::vector<std::string_view> resource_policy_type_names() {
    std::vector<std::string_view> names;
    for (const auto& type : rules::resource_policy_types()) names.push_back(type.name);
    return names;
}

}  // namespace iamlint
