// A JSON syntax tree that keeps what IAM linting needs and nlohmann::json drops: the source range of
// every value and key, the members of an object in source order, and duplicate keys.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "iamlint/json_pointer.hpp"
#include "iamlint/location.hpp"
#include "iamlint/source.hpp"

namespace iamlint {

enum class JsonType : std::uint8_t { Null, Boolean, Number, String, Array, Object };
std::string_view to_string(JsonType type);  // "null", "boolean", "number", "string", "array", "object"

struct JsonMember;

// A dump's tree has millions of values: the small fields come first so that they share one word.
struct JsonValue {
    JsonType type = JsonType::Null;
    // A String that a loader made from a value only known at deployment: a CloudFormation intrinsic
    // function (`!Sub`, `Ref` ...) or a Terraform value unknown at plan time. `text` is its readable
    // form (the `Fn::Sub` template, "${Ref:BucketName}") and `range` the whole expression. Rules take it
    // as some scoped value: never a wildcard, never an invalid ARN or a typo.
    bool computed = false;
    SourceRange range;
    // String: the decoded value. Number: the token as written. Boolean and null: "true", "false", "null".
    std::string text;
    std::vector<JsonValue> items;     // Array
    std::vector<JsonMember> members;  // Object, in source order; duplicate keys are kept

    bool is_string() const { return type == JsonType::String; }
    bool is_array() const { return type == JsonType::Array; }
    bool is_object() const { return type == JsonType::Object; }
    // The member named exactly `key`, or nullptr. With duplicate keys, the last one: like most JSON
    // parsers, and so what a policy means once stored.
    const JsonMember* find(std::string_view key) const;
    // Whether member i is overridden by a later member of the same name.
    bool is_overridden(std::size_t i) const;  // members[i].overridden
};

struct JsonMember {
    std::string key;
    SourceRange key_range;
    JsonValue value;
    // The key holds a value known only at deployment: a "${Name}" placeholder of a CloudFormation
    // Fn::Sub policy string ("aws:RequestTag/kubernetes.io/cluster/${ClusterName}"). As JsonValue::computed.
    bool key_computed = false;
    bool overridden = false;  // a later member of the object has the same key
};

struct JsonSyntaxError {
    std::string message;
    SourceRange range;  // where the parser stopped
};

struct JsonDuplicateKey {
    std::string key;
    SourceRange first;      // the key's first occurrence
    SourceRange duplicate;  // a later occurrence
    std::string pointer;    // JSON pointer of the later occurrence's value
};

struct JsonDocument {
    JsonValue root;
    std::optional<JsonSyntaxError> error;  // set when the text is not valid JSON; root is then partial
    std::vector<JsonDuplicateKey> duplicate_keys;
};

// Nesting beyond this is reported as a syntax error rather than risking the stack later on.
inline constexpr std::size_t kMaxJsonDepth = 512;

struct JsonParseOptions {
    // Threads that may parse the elements of a large text's top-level arrays (a dump's lists, a policy's
    // statements); the document is the same for any count.
    unsigned threads = 1;
    // Shorter texts are parsed on one thread: splitting them would cost more than it saves. Tests lower
    // it to split small texts.
    std::size_t split_from_bytes = 1024 * 1024;
};

JsonDocument parse_json(const SourceFile& source, const JsonParseOptions& options = {});

// RFC 6901: "~" becomes "~0" and "/" becomes "~1".
std::string json_pointer_token(std::string_view key);
std::string json_pointer_append(std::string_view pointer, std::string_view key);
std::string json_pointer_append(std::string_view pointer, std::size_t index);
// The same as the model keeps them: the parent's pointer and one token.
JsonPointer json_pointer_child(const JsonPointer& parent, std::string_view key);
JsonPointer json_pointer_child(const JsonPointer& parent, std::size_t index);

}  // namespace iamlint
