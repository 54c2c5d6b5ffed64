// What the container formats share: a policy's own syntax tree, cut out of the file or parsed from a
// JSON string inside it with positions mapped back into the file, and the PolicyDocument around it.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "format_loader.hpp"

namespace iamlint::loaders {

// A JSON string token decoded, with where each decoded byte came from.
struct DecodedString {
    std::string text;
    // offsets[i]: offset in the token of the escape or character that decoded byte i comes from;
    // offsets[text.size()] is the closing quote's. Every byte of a multi-byte character decoded from
    // one escape (\u00e9) maps to that escape.
    std::vector<std::uint32_t> offsets;
};

// `token` is a whole JSON string token, quotes included, as it is in the file (already known valid).
DecodedString decode_string_token(std::string_view token);

// The policy text inside a string value, parsed: JSON as it is (Terraform, S3 get-bucket-policy), or
// URL-encoded as the IAM API returns documents. Ranges are the file's: each element's own place for
// JSON text; for URL-encoded text every range is the whole string's. JSON pointers start at the policy.
std::shared_ptr<const JsonDocument> parse_policy_string(const SourceFile& file, const JsonValue& value);

// What a loader knows about one policy besides its text.
struct PolicyInfo {
    PolicyInfo() = default;
    // Not an aggregate, so that the loaders' {kind, attachment, origin} need not spell out the type.
    PolicyInfo(std::optional<PolicyKind> kind_, PolicyAttachment attachment_, std::string origin_,
               std::string resource_type_ = {})
        : kind(kind_),
          attachment(attachment_),
          origin(std::move(origin_)),
          resource_type(std::move(resource_type_)) {}

    std::optional<PolicyKind> kind;  // nullopt: detected from the statements
    PolicyAttachment attachment = PolicyAttachment::Unknown;
    std::string origin;
    std::string resource_type;  // PolicyDocument::resource_type
    // A bare policy file's policy: CloudFormation intrinsics in it are resolved for the model
    // (resolved_policy), as a template that pastes it in would have them resolved.
    bool resolve_intrinsics = false;
};

// The model of a policy as it takes effect. In a policy without CloudFormation intrinsics that is
// build_policy's. A policy file that holds intrinsics ({"Fn::Sub": ...}, {"Ref": "AWS::AccountId"}, the
// YAML short forms) is a fragment written for a template, which resolves them before IAM sees the policy:
// its model is built from the values they stand for (as the CloudFormation loader reads them, at the
// range of the intrinsic that gives each), while the grammar rules still read the file as written.
// `threads` as build_policy's.
Policy resolved_policy(const JsonValue& root, std::string_view pointer = "", unsigned threads = 1);

// Appends a document for a policy already parsed into a tree of its own, such as parse_policy_string's
// (JSON pointers start at the policy). Returns its index in `out`.
std::size_t add_document(const LoadInput& input, std::shared_ptr<const JsonDocument> syntax,
                         std::string_view pointer, PolicyInfo info, std::vector<PolicyDocument>& out);

// The document for the policy that `value` (at `pointer` in the file) holds: a string is parsed as
// policy text, any other value (an object, or a malformed policy the grammar rules report) is taken as
// it is. It reads nothing but `input` and `value` and changes neither, so a container's documents can
// be made on several threads at once.
PolicyDocument policy_document(const LoadInput& input, const JsonValue& value, std::string_view pointer,
                               PolicyInfo info);

// Appends policy_document(input, value, pointer, info). Returns its index in `out`.
std::size_t add_policy(const LoadInput& input, const JsonValue& value, std::string_view pointer,
                       PolicyInfo info, std::vector<PolicyDocument>& out);

// Small helpers for walking the containers.
const JsonValue* member(const JsonValue& object, std::string_view key);  // nullptr unless an object has it
std::string_view string_member(const JsonValue& object, std::string_view key);  // "" unless a string
bool has_member(const JsonValue& object, std::string_view key);

}  // namespace iamlint::loaders
