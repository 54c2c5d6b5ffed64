// The one explicit list of built-in rules. A new rule is added here, in id order.
#include <array>

#include "iamlint/engine.hpp"
#include "rules.hpp"

namespace iamlint {

std::span<const Rule* const> builtin_rules() {
    static const auto rules = std::to_array<const Rule*>({
        &rules::invalid_json(),                   // IAM001
        &rules::duplicate_key(),                  // IAM002
        &rules::invalid_arn(),                    // IAM103
        &rules::resource_mismatch(),              // IAM104
        &rules::invalid_principal(),              // IAM116
        &rules::wildcard_action(),                // IAM201
        &rules::service_wildcard(),               // IAM202
        &rules::broad_rds_access(),               // IAM203
        &rules::unscoped_resource(),              // IAM204
        &rules::s3_list_bucket_without_prefix(),  // IAM205
    });
    return rules;
}

}  // namespace iamlint
