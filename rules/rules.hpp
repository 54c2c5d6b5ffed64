// The built-in rules. Each lives in rules/<name>/rule.cpp; src/engine/registry.cpp lists them all.
#pragma once

#include <string_view>

#include "iamlint/rule.hpp"

namespace iamlint::rules {

const Rule& invalid_json();
const Rule& duplicate_key();
const Rule& invalid_arn();
const Rule& resource_mismatch();
const Rule& invalid_principal();
const Rule& wildcard_action();
const Rule& service_wildcard();
const Rule& broad_rds_access();
const Rule& unscoped_resource();
const Rule& s3_list_bucket_without_prefix();

// rules/<name>/README.md, built into the binary; empty if there is none.
std::string_view embedded_readme(std::string_view rule_name);

}  // namespace iamlint::rules
