// CloudFormation (and SAM) templates, in JSON or YAML: every policy document their resources carry.
// docs/inputs.md ("CloudFormation") says what is read and how intrinsic functions are taken.
#pragma once

#include <vector>

#include "format_loader.hpp"

namespace iamlint::loaders {

// A template: AWSTemplateFormatVersion, a SAM Transform, or Resources entries with a "Type".
bool is_cloudformation(const JsonValue& root);

void load_cloudformation(const LoadInput& input, LoadedFile& out);

}  // namespace iamlint::loaders
