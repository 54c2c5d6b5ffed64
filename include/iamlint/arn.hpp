// ARN fields as IAM resource strings write them: arn:partition:service:region:account:resource.
#pragma once

#include <optional>
#include <string_view>

namespace iamlint {

struct ArnParts {
    std::string_view partition;
    std::string_view service;
    std::string_view region;
    std::string_view account;
    std::string_view resource;  // everything after the fifth colon, colons included
};

// nullopt unless the text starts with "arn:" and has at least six colon-separated fields.
std::optional<ArnParts> split_arn(std::string_view text);

// True when the resource string matches every resource of every service: "*", or an ARN whose
// partition, service, region and account are "*" (or empty) and whose resource part is only "*"s.
bool matches_every_resource(std::string_view resource);

}  // namespace iamlint
