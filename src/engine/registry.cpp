// The one explicit list of built-in rules. A new rule is added here, in id order.
#include <array>

#include "iamlint/engine.hpp"
#include "rules.hpp"

namespace iamlint {

std::span<const Rule* const> builtin_rules() {
    static const auto rules = std::to_array<const Rule*>({
        &rules::invalid_json(),                       // IAM001
        &rules::duplicate_key(),                      // IAM002
        &rules::unknown_condition_operator(),         // IAM105
        &rules::unknown_condition_key(),              // IAM106
        &rules::condition_key_not_applicable(),       // IAM107
        &rules::condition_type_mismatch(),            // IAM108
        &rules::set_operator_on_single_valued_key(),  // IAM110
        &rules::missing_set_operator(),               // IAM111
        &rules::null_operator_misuse(),               // IAM112
        &rules::deprecated_condition_key(),           // IAM114
        &rules::private_ip_in_source_ip(),            // IAM115
        &rules::string_operator_on_arn_key(),         // IAM117
        &rules::wildcard_action(),                    // IAM201
        &rules::service_wildcard(),                   // IAM202
        &rules::broad_rds_access(),                   // IAM203
        &rules::unscoped_resource(),                  // IAM204
        &rules::s3_list_bucket_without_prefix(),      // IAM205
    });
    return rules;
}

}  // namespace iamlint
