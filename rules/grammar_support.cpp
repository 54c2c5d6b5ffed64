#include "grammar_support.hpp"

#include <algorithm>

#include "iamlint/ascii.hpp"
#include "iamlint/suggest.hpp"

namespace iamlint::rules::grammar {

Place value_place(const SourceFile& source, const JsonValue& value, std::string pointer) {
    SourceSpan range = value.range;
    if ((value.is_array() || value.is_object()) && !range.empty() &&
        std::string_view(source.text()).substr(range.offset, range.length).find('\n') !=
            std::string_view::npos)
        range.length = 1;
    return {range, std::move(pointer)};
}

Place key_place(const JsonMember& member, std::string_view object_pointer) {
    return {member.key_range, json_pointer_append(object_pointer, member.key)};
}

Place missing_element_place(const SourceFile& source, const JsonValue& object, std::string pointer) {
    if (object.is_object() && !object.members().empty()) return {object.members().front().key_range, pointer};
    return value_place(source, object, std::move(pointer));
}

std::string_view describe_type(const JsonValue& value) {
    switch (value.type) {
        case JsonType::Null:
            return "null";
        case JsonType::Boolean:
            return "a boolean";
        case JsonType::Number:
            return "a number";
        case JsonType::String:
            return "a string";
        case JsonType::Array:
            return "an array";
        case JsonType::Object:
            return "an object";
    }
    return "a value";
}

const JsonMember* find_member(const JsonValue& object, std::string_view name) {
    return object.is_object() ? object.find(name) : nullptr;
}

const JsonMember* find_case_variant(const JsonValue& object, std::string_view name) {
    if (!object.is_object()) return nullptr;
    for (const auto& member : object.members()) {
        if (member.key != name && iequals(member.key, name)) return &member;
    }
    return nullptr;
}

std::vector<JsonStatement> statements_of(const JsonValue& root, std::string_view root_pointer) {
    std::vector<JsonStatement> statements;
    const JsonMember* element = find_member(root, "Statement");
    if (element == nullptr) return statements;
    const std::string pointer = json_pointer_append(root_pointer, "Statement");
    if (element->value.is_object()) {
        statements.push_back({element->value, pointer});
    } else if (element->value.is_array()) {
        const auto items = element->value.items();
        for (std::size_t i = 0; i < items.size(); ++i) {
            if (items[i].is_object()) statements.push_back({items[i], json_pointer_append(pointer, i)});
        }
    }
    return statements;
}

std::optional<std::string_view> closest_name(std::string_view key, std::span<const std::string_view> names) {
    for (std::string_view name : names) {
        if (iequals(key, name)) return name;
    }
    std::optional<std::string_view> best;
    std::size_t best_distance = 0;
    for (std::string_view name : names) {
        const std::size_t allowed = name.size() >= 6 ? 2 : 1;
        if (key.size() > name.size() + allowed || name.size() > key.size() + allowed) continue;
        const std::size_t distance = edit_distance_ci(key, name, allowed);
        if (distance > allowed || (best && distance >= best_distance)) continue;
        best = name;
        best_distance = distance;
    }
    return best;
}

}  // namespace iamlint::rules::grammar
