// What the grammar rules IAM009-IAM014 ask about a policy's kind and about its JSON beyond the model:
// the model keeps only the first of Resource/NotResource and of Principal/NotPrincipal, so the rules
// that judge the pair look at the statement's JSON object again.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "iamlint/json.hpp"
#include "iamlint/model.hpp"

namespace iamlint::rules::kinds {

// "an identity policy", "a role trust policy", "an SCP" ...: for messages.
std::string_view describe(PolicyKind kind);

// Identity, permissions boundary and session policies: IAM's identity-policy grammar, where every
// statement needs Resource or NotResource and none may name a principal.
bool has_identity_grammar(PolicyKind kind);

// The statement's JSON object, found again from the policy's root; nullptr if it cannot be.
const JsonValue* statement_object(const PolicyDocument& document, const Statement& statement);

// Whether the object has a key equal to `key` but for ASCII case ("resource"): IAM006 reports those,
// and "Resource is missing" would only repeat it.
bool has_miscased_key(const JsonValue& object, std::string_view key);

// The place of a member's key, with the pointer of its value.
Place key_place(const Statement& statement, const JsonMember& member);

// The statement's opening brace: where a finding about an element the statement lacks points.
Place opening_brace(const Place& object);

// The characters [position, position + length) of a string entry's decoded text, as a place in the
// source when the JSON string token holds them unescaped; otherwise the whole entry.
Place part_of(const PolicyDocument& document, const Entry& entry, std::size_t position, std::size_t length);

// The one service (lower case) whose actions every statement of the policy names, ignoring "*"
// and computed entries; nullopt for none or several. A resource policy's service decides its quota.
std::optional<std::string> single_service(const Policy& policy);

// "\"text\"": the text in double quotes, for messages.
std::string quoted(std::string_view text);

// "6,144"
std::string with_thousands(std::size_t number);

}  // namespace iamlint::rules::kinds
