// A JSON syntax tree that keeps what IAM linting needs and nlohmann::json drops: the source range of
// every value and key, the members of an object in source order, and duplicate keys.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "iamlint/compact_string.hpp"
#include "iamlint/json_pointer.hpp"
#include "iamlint/location.hpp"
#include "iamlint/source.hpp"

namespace iamlint {

enum class JsonType : std::uint8_t { Null, Boolean, Number, String, Array, Object };
std::string_view to_string(JsonType type);  // "null", "boolean", "number", "string", "array", "object"

struct JsonMember;

// A dump's tree has millions of values, so a value is kept small: the small fields share one word, and
// an array's items or an object's members are one allocation of exact size, owned by the value
// (copying a value copies its children).
struct JsonValue {
    JsonType type = JsonType::Null;
    // A String that a loader made from a value only known at deployment: a CloudFormation intrinsic
    // function (`!Sub`, `Ref` ...) or a Terraform value unknown at plan time. `text` is its readable
    // form (the `Fn::Sub` template, "${Ref:BucketName}") and `range` the whole expression. Rules take it
    // as some scoped value: never a wildcard, never an invalid ARN or a typo.
    bool computed = false;

private:
    // What children_ points to. Kept apart from `type`, which callers may set at any time, so that the
    // children are always freed as what they are.
    enum class Children : std::uint8_t { None, Items, Members };
    Children children_kind_ = Children::None;
    std::uint32_t child_count_ = 0;  // fits: a source is under 4 GiB (SourceSpan's offsets)

public:
    // Its bytes in the source; the line and column are the source's to tell (SourceFile::range).
    SourceSpan range;
    // String: the decoded value. Number: the token as written. Boolean and null: "true", "false", "null".
    CompactString text;

    JsonValue() = default;
    JsonValue(const JsonValue& other);
    JsonValue(JsonValue&& other) noexcept;
    JsonValue& operator=(const JsonValue& other);
    JsonValue& operator=(JsonValue&& other) noexcept;
    ~JsonValue();

    // Array: its items. Empty for any other type.
    std::span<JsonValue> items();
    std::span<const JsonValue> items() const;
    // Object: its members, in source order; duplicate keys are kept. Empty for any other type.
    std::span<JsonMember> members();
    std::span<const JsonMember> members() const;
    // Give the value its items or members (replacing any it had), moved into one allocation of exact
    // size. The vector is left empty, its capacity kept, so that a builder can reuse it.
    void set_items(std::vector<JsonValue>&& items);
    void set_members(std::vector<JsonMember>&& members);

    bool is_string() const { return type == JsonType::String; }
    bool is_array() const { return type == JsonType::Array; }
    bool is_object() const { return type == JsonType::Object; }
    // The member named exactly `key`, or nullptr. With duplicate keys, the last one: like most JSON
    // parsers, and so what a policy means once stored.
    const JsonMember* find(std::string_view key) const;
    // Whether member i is overridden by a later member of the same name.
    bool is_overridden(std::size_t i) const;  // members()[i].overridden

private:
    template <typename Child>
    void adopt(std::vector<Child>& children, Children kind);
    void copy_children_of(const JsonValue& other);
    template <typename Child>
    void copy_children(std::span<const Child> from, Children kind);
    void free_children();
    template <typename Child>
    void destroy_children(Child* children);

    void* children_ = nullptr;  // JsonValue[child_count_] or JsonMember[child_count_], as children_kind_
};

struct JsonMember {
    CompactString key;
    SourceSpan key_range;
    JsonValue value;
    // The key holds a value known only at deployment: a "${Name}" placeholder of a CloudFormation
    // Fn::Sub policy string ("aws:RequestTag/kubernetes.io/cluster/${ClusterName}"). As JsonValue::computed.
    bool key_computed = false;
    bool overridden = false;  // a later member of the object has the same key
};

// JsonValue's children, defined here where JsonMember is complete. The tree is built by moving values,
// so moving is kept inline and cheap.

inline JsonValue::JsonValue(JsonValue&& other) noexcept
    : type(other.type),
      computed(other.computed),
      children_kind_(std::exchange(other.children_kind_, Children::None)),
      child_count_(std::exchange(other.child_count_, 0)),
      range(other.range),
      text(std::move(other.text)),
      children_(std::exchange(other.children_, nullptr)) {}

inline JsonValue& JsonValue::operator=(JsonValue&& other) noexcept {
    if (this == &other) return *this;
    // Taken out first: `other` may be one of this value's own descendants ("value = its first item"),
    // which freeing this value's children would destroy.
    JsonValue taken(std::move(other));
    free_children();
    type = taken.type;
    computed = taken.computed;
    children_kind_ = std::exchange(taken.children_kind_, Children::None);
    child_count_ = std::exchange(taken.child_count_, 0);
    range = taken.range;
    text = std::move(taken.text);
    children_ = std::exchange(taken.children_, nullptr);
    return *this;
}

inline JsonValue::JsonValue(const JsonValue& other)
    : type(other.type), computed(other.computed), range(other.range), text(other.text) {
    copy_children_of(other);
}

inline JsonValue& JsonValue::operator=(const JsonValue& other) {
    if (this != &other) *this = JsonValue(other);
    return *this;
}

inline JsonValue::~JsonValue() {
    free_children();
}

inline std::span<JsonValue> JsonValue::items() {
    if (children_kind_ != Children::Items) return {};
    return {static_cast<JsonValue*>(children_), child_count_};
}
inline std::span<const JsonValue> JsonValue::items() const {
    if (children_kind_ != Children::Items) return {};
    return {static_cast<const JsonValue*>(children_), child_count_};
}
inline std::span<JsonMember> JsonValue::members() {
    if (children_kind_ != Children::Members) return {};
    return {static_cast<JsonMember*>(children_), child_count_};
}
inline std::span<const JsonMember> JsonValue::members() const {
    if (children_kind_ != Children::Members) return {};
    return {static_cast<const JsonMember*>(children_), child_count_};
}

template <typename Child>
void JsonValue::adopt(std::vector<Child>& children, Children kind) {
    free_children();
    if (!children.empty()) {
        Child* adopted = std::allocator<Child>().allocate(children.size());
        std::uninitialized_move(children.begin(), children.end(), adopted);  // noexcept: moves
        children_ = adopted;
        children_kind_ = kind;
        child_count_ = static_cast<std::uint32_t>(children.size());
    }
    children.clear();
}

inline void JsonValue::set_items(std::vector<JsonValue>&& items) {
    adopt(items, Children::Items);
}
inline void JsonValue::set_members(std::vector<JsonMember>&& members) {
    adopt(members, Children::Members);
}

inline void JsonValue::copy_children_of(const JsonValue& other) {
    if (other.children_kind_ == Children::Items) copy_children(other.items(), Children::Items);
    if (other.children_kind_ == Children::Members) copy_children(other.members(), Children::Members);
}

template <typename Child>
void JsonValue::copy_children(std::span<const Child> from, Children kind) {
    std::allocator<Child> allocator;
    Child* copied = allocator.allocate(from.size());
    try {
        std::uninitialized_copy(from.begin(), from.end(), copied);
    } catch (...) {
        allocator.deallocate(copied, from.size());
        throw;
    }
    children_ = copied;
    children_kind_ = kind;
    child_count_ = static_cast<std::uint32_t>(from.size());
}

inline void JsonValue::free_children() {
    if (children_kind_ == Children::Items) destroy_children(static_cast<JsonValue*>(children_));
    if (children_kind_ == Children::Members) destroy_children(static_cast<JsonMember*>(children_));
    children_kind_ = Children::None;
    child_count_ = 0;
    children_ = nullptr;
}

template <typename Child>
void JsonValue::destroy_children(Child* children) {
    std::destroy_n(children, child_count_);
    std::allocator<Child>().deallocate(children, child_count_);
}

struct JsonSyntaxError {
    std::string message;
    SourceRange range;  // where the parser stopped
};

struct JsonDuplicateKey {
    std::string key;
    SourceSpan first;      // the key's first occurrence
    SourceSpan duplicate;  // a later occurrence
    std::string pointer;   // JSON pointer of the later occurrence's value
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
