// The resource types of data/resource-policy-types.tsv: what a resource policy attached to each can
// name, for the rules that judge a resource policy against its resource's type.
#pragma once

#include <span>
#include <string_view>
#include <vector>

namespace iamlint::rules {

struct CatalogResourceType {
    std::string_view service;  // "s3"
    std::string_view type;     // "bucket"
};

struct ResourcePolicyType {
    std::string_view name;                           // "AWS::S3::Bucket"
    std::vector<std::string_view> action_services;   // "s3"
    std::vector<CatalogResourceType> resource_arns;  // empty: only the ARN's service is judged
    std::vector<std::string_view> irrelevant_keys;   // "s3:ResourceAccount"
    bool rejects_foreign = false;  // the service refuses a policy naming another service's action or ARN
};

// Every type, in the order of the file; parsed on first use.
std::span<const ResourcePolicyType> resource_policy_types();

// The type with this name, case ignored; nullptr if the file has none.
const ResourcePolicyType* find_resource_policy_type(std::string_view name);

// data/resource-policy-types.tsv as embedded in the binary.
std::string_view resource_policy_types_text();

}  // namespace iamlint::rules
