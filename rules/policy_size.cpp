#include "policy_size.hpp"

#include <string_view>

namespace iamlint::rules::kinds {

namespace {

std::size_t code_points(std::string_view text) {
    std::size_t count = 0;
    for (char c : text) {
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
    }
    return count;
}

// The shortest JSON string for text, quotes included.
std::size_t shortest_json_string(std::string_view text) {
    std::size_t size = 2;
    for (char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if ((byte & 0xC0) == 0x80) continue;
        if (c == '"' || c == '\\' || c == '\b' || c == '\f' || c == '\n' || c == '\r' || c == '\t') {
            size += 2;
        } else if (byte < 0x20) {
            size += 6;  // \u00XX
        } else {
            size += 1;
        }
    }
    return size;
}

// A string token as written in the source, when the range holds one: "...", quotes included.
std::string_view string_token(const SourceFile& source, SourceSpan range) {
    const std::string& text = source.text();
    if (range.empty() || range.length < 2 || std::size_t{range.offset} + range.length > text.size())
        return {};
    std::string_view token(text.data() + range.offset, range.length);
    if (token.front() != '"' || token.back() != '"') return {};
    return token;
}

std::size_t string_size(const SourceFile& source, SourceSpan range, std::string_view decoded) {
    std::string_view token = string_token(source, range);
    return token.empty() ? shortest_json_string(decoded) : code_points(token);
}

std::size_t value_size(const SourceFile& source, const JsonValue& value) {
    switch (value.type) {
        case JsonType::String:
            return value.computed ? 2 : string_size(source, value.range, value.text);
        case JsonType::Array: {
            std::size_t size = 2 + (value.items().empty() ? 0 : value.items().size() - 1);
            for (const auto& item : value.items()) size += value_size(source, item);
            return size;
        }
        case JsonType::Object: {
            std::size_t size = 2 + (value.members().empty() ? 0 : value.members().size() - 1);
            for (const auto& member : value.members()) {
                size +=
                    string_size(source, member.key_range, member.key) + 1 + value_size(source, member.value);
            }
            return size;
        }
        case JsonType::Null:
        case JsonType::Boolean:
        case JsonType::Number:
            break;
    }
    return value.text.size();
}

}  // namespace

std::size_t policy_size(const SourceFile& source, const JsonValue& root) {
    return value_size(source, root);
}

}  // namespace iamlint::rules::kinds
