// JSON text -> JsonDocument, through nlohmann::json's SAX interface.
//
// nlohmann's SAX callbacks carry no positions, but they arrive one per token, in source order, and only
// whitespace, ',' and ':' can stand between two consecutive callback tokens. So each token starts at the
// first other character after the previous token's end, and its end follows from its first character.
#include <algorithm>
#include <string_view>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "iamlint/json.hpp"

namespace iamlint {

namespace {

bool is_separator(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',' || c == ':';
}

bool is_number_char(char c) {
    return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

// nlohmann's messages read "[json.exception.parse_error.101] parse error at line 1, column 5: <what>";
// the position is ours to give, so keep only <what>.
std::string describe_parse_error(const std::string& what) {
    if (auto column = what.find(", column "); column != std::string::npos) {
        if (auto colon = what.find(": ", column); colon != std::string::npos) return what.substr(colon + 2);
    }
    if (auto bracket = what.find("] "); bracket != std::string::npos) return what.substr(bracket + 2);
    return what;
}

class TreeBuilder : public nlohmann::json_sax<nlohmann::json> {
public:
    TreeBuilder(const SourceFile& source, JsonDocument& document)
        : source_(source), text_(source.text()), document_(document) {
        if (text_.starts_with("\xEF\xBB\xBF")) cursor_ = 3;  // nlohmann skips a UTF-8 byte order mark too
    }

    bool null() override { return scalar(JsonType::Null, "null"); }
    bool boolean(bool value) override { return scalar(JsonType::Boolean, value ? "true" : "false"); }
    bool number_integer(number_integer_t) override { return number(); }
    bool number_unsigned(number_unsigned_t) override { return number(); }
    bool number_float(number_float_t, const string_t&) override { return number(); }
    bool string(string_t& value) override {
        std::size_t start = next_token();
        JsonValue v;
        v.type = JsonType::String;
        v.range = range_to(start, string_end(start));
        v.text = std::move(value);
        return add(std::move(v));
    }
    bool binary(binary_t&) override { return false; }  // only reachable from binary formats

    bool start_object(std::size_t) override { return open(JsonType::Object); }
    bool start_array(std::size_t) override { return open(JsonType::Array); }
    bool end_object() override { return close(); }
    bool end_array() override { return close(); }

    bool key(string_t& value) override {
        std::size_t start = next_token();
        JsonMember member;
        member.key = std::move(value);
        member.key_range = range_to(start, string_end(start));
        stack_.back().members.push_back(std::move(member));
        return true;
    }

    bool parse_error(std::size_t position, const std::string&,
                     const nlohmann::detail::exception& error) override {
        // position counts the bytes read, the offending one included. A bad character inside a string
        // is pointed at itself; any other error at the token that could not be used, which starts
        // after the last token that could.
        std::string message = describe_parse_error(error.what());
        std::size_t end = std::min(position, text_.size());
        std::size_t start = next_token();
        if (message.find("invalid string") != std::string::npos) {
            start = utf8_sequence_start(end > 0 ? end - 1 : 0);
            end = std::min(start + 1, text_.size());
        } else if (start >= end) {
            // No token was started: at the end of the input the range is empty there.
            start = end == text_.size() ? end : end - 1;
        }
        while (end > start + 1 && is_separator(text_[end - 1])) --end;
        std::size_t offset = start, length = end - start;
        SourceRange range = range_to(offset, offset + length);
        // A stray continuation byte is no code point of its own; it still gets a column to point at.
        if (length > 0 && range.end_line == range.line && range.end_column == range.column)
            ++range.end_column;
        document_.error = JsonSyntaxError{std::move(message), range};
        return false;
    }

    // nlohmann's lexer takes a NUL byte for the end of the input, so text after one is never seen.
    void check_nothing_follows() {
        std::size_t rest = next_token();
        if (rest >= text_.size()) return;
        std::string what = text_[rest] == '\0' ? "a NUL byte" : "more text";
        document_.error = JsonSyntaxError{"syntax error - " + what + " after the end of the JSON document",
                                          range_to(rest, rest + 1)};
    }

private:
    // The byte that starts the UTF-8 sequence in which byte `bad` broke the encoding: the lead byte
    // when `bad` lies within the length that lead announces, else `bad` itself.
    std::size_t utf8_sequence_start(std::size_t bad) const {
        auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text_[i]); };
        for (std::size_t back = 1; back <= 3 && back <= bad; ++back) {
            const unsigned char lead = byte(bad - back);
            if ((lead & 0xC0) == 0x80) continue;  // a continuation byte: look further back
            const std::size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
            return back < length ? bad - back : bad;
        }
        return bad;
    }

    std::size_t next_token() {
        while (cursor_ < text_.size() && is_separator(text_[cursor_])) ++cursor_;
        return cursor_;
    }

    std::size_t string_end(std::size_t start) const {
        std::size_t i = start + 1;
        while (i < text_.size() && text_[i] != '"') i += text_[i] == '\\' ? 2 : 1;
        return std::min(i + 1, text_.size());
    }

    SourceRange range_to(std::size_t start, std::size_t end) {
        cursor_ = end;
        return source_.range(static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(end - start),
                             position_hint_);
    }

    bool scalar(JsonType type, std::string_view token) {
        std::size_t start = next_token();
        JsonValue v;
        v.type = type;
        v.range = range_to(start, start + token.size());
        v.text = token;
        return add(std::move(v));
    }

    bool number() {
        std::size_t start = next_token();
        std::size_t end = start;
        while (end < text_.size() && is_number_char(text_[end])) ++end;
        JsonValue v;
        v.type = JsonType::Number;
        v.range = range_to(start, end);
        v.text = text_.substr(start, end - start);
        return add(std::move(v));
    }

    bool open(JsonType type) {
        std::size_t start = next_token();
        if (stack_.size() >= kMaxJsonDepth) {
            document_.error =
                JsonSyntaxError{"nesting deeper than " + std::to_string(kMaxJsonDepth) + " levels",
                                range_to(start, start + 1)};
            return false;
        }
        pointers_.push_back(child_pointer());
        JsonValue v;
        v.type = type;
        v.range = range_to(start, start + 1);  // completed by close()
        stack_.push_back(std::move(v));
        return true;
    }

    bool close() {
        std::size_t start = next_token();
        JsonValue v = std::move(stack_.back());
        stack_.pop_back();
        // The opening bracket's position is known since open(): only the closing one is new.
        const SourceRange bracket = range_to(start, start + 1);
        v.range.length = bracket.offset + bracket.length - v.range.offset;
        v.range.end_line = bracket.end_line;
        v.range.end_column = bracket.end_column;
        // Growth by doubling leaves up to half of each vector unused: a large file keeps the rest.
        v.items.shrink_to_fit();
        v.members.shrink_to_fit();
        if (v.type == JsonType::Object) find_duplicates(v, pointers_.back());
        pointers_.pop_back();
        return add(std::move(v));
    }

    std::string child_pointer() const {
        if (stack_.empty()) return {};
        const JsonValue& parent = stack_.back();
        if (parent.type == JsonType::Array) return json_pointer_append(pointers_.back(), parent.items.size());
        return json_pointer_append(pointers_.back(), parent.members.back().key);
    }

    bool add(JsonValue&& value) {
        if (stack_.empty()) {
            document_.root = std::move(value);
        } else if (stack_.back().type == JsonType::Array) {
            stack_.back().items.push_back(std::move(value));
        } else {
            stack_.back().members.back().value = std::move(value);
        }
        return true;
    }

    // Reports each later occurrence of a key against its first, and marks every occurrence but the
    // last as overridden.
    void find_duplicates(JsonValue& object, const std::string& pointer) {
        const auto& members = object.members;
        auto found = [&](std::size_t first, std::size_t previous, std::size_t duplicate) {
            document_.duplicate_keys.push_back({members[duplicate].key, members[first].key_range,
                                                members[duplicate].key_range,
                                                json_pointer_append(pointer, members[duplicate].key)});
            object.overridden_members.push_back(static_cast<std::uint32_t>(previous));
        };
        constexpr std::size_t kLinearScanLimit = 16;
        if (members.size() <= kLinearScanLimit) {
            for (std::size_t i = 1; i < members.size(); ++i) {
                std::size_t first = i, previous = i;
                for (std::size_t j = 0; j < i; ++j) {
                    if (members[j].key != members[i].key) continue;
                    if (first == i) first = j;
                    previous = j;
                }
                if (first != i) found(first, previous, i);
            }
        } else {
            struct Seen {
                std::size_t first, last;
            };
            std::unordered_map<std::string_view, Seen> seen;
            for (std::size_t i = 0; i < members.size(); ++i) {
                auto [it, inserted] = seen.try_emplace(members[i].key, Seen{i, i});
                if (inserted) continue;
                found(it->second.first, it->second.last, i);
                it->second.last = i;
            }
        }
        std::sort(object.overridden_members.begin(), object.overridden_members.end());
    }

    const SourceFile& source_;
    const std::string& text_;
    JsonDocument& document_;
    std::size_t cursor_ = 0;
    SourceFile::PositionHint position_hint_;  // tokens come in source order: positions walk forward
    std::vector<JsonValue> stack_;            // the open arrays and objects
    std::vector<std::string> pointers_;       // the JSON pointer of each of them
};

}  // namespace

std::string_view to_string(JsonType type) {
    switch (type) {
        case JsonType::Null:
            return "null";
        case JsonType::Boolean:
            return "boolean";
        case JsonType::Number:
            return "number";
        case JsonType::String:
            return "string";
        case JsonType::Array:
            return "array";
        case JsonType::Object:
            return "object";
    }
    return "unknown";
}

const JsonMember* JsonValue::find(std::string_view key) const {
    for (auto it = members.rbegin(); it != members.rend(); ++it) {
        if (it->key == key) return &*it;
    }
    return nullptr;
}

bool JsonValue::is_overridden(std::size_t i) const {
    return std::binary_search(overridden_members.begin(), overridden_members.end(),
                              static_cast<std::uint32_t>(i));
}

JsonDocument parse_json(const SourceFile& source) {
    JsonDocument document;
    // Text that is not what its encoding says is not JSON, wherever the bad code unit stands.
    if (const auto& bad = source.decoding_error()) {
        document.error = JsonSyntaxError{bad->message, source.range(bad->offset, bad->length)};
        return document;
    }
    TreeBuilder builder(source, document);
    const std::string& text = source.text();
    bool ok =
        nlohmann::json::sax_parse(text.begin(), text.end(), &builder, nlohmann::json::input_format_t::json,
                                  /*strict=*/true);
    if (ok) builder.check_nothing_follows();
    if (!ok && !document.error) {
        document.error = JsonSyntaxError{"the document could not be parsed", source.range(0, 0)};
    }
    return document;
}

std::string json_pointer_token(std::string_view key) {
    std::string token;
    token.reserve(key.size());
    for (char c : key) {
        if (c == '~') {
            token += "~0";
        } else if (c == '/') {
            token += "~1";
        } else {
            token += c;
        }
    }
    return token;
}

std::string json_pointer_append(std::string_view pointer, std::string_view key) {
    std::string result(pointer);
    result += '/';
    result += json_pointer_token(key);
    return result;
}

std::string json_pointer_append(std::string_view pointer, std::size_t index) {
    std::string result(pointer);
    result += '/';
    result += std::to_string(index);
    return result;
}

}  // namespace iamlint
