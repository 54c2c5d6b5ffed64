// YAML text -> JsonDocument, through yaml-cpp's event interface.
//
// yaml-cpp's events carry a Mark: the byte offset (past a UTF-8 byte order mark) of the node's first
// token, its tag or anchor included. Where a node ends is not told, so it is read from the text: a
// quoted scalar ends at its closing quote, a plain one where its folded words end, a block scalar after
// its last indented line, a flow collection at its bracket and a block collection with its last value.
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <array>
#include <sstream>
#include <unordered_map>

#include "iamlint/yaml.hpp"

namespace iamlint {

namespace {

struct ShortForm {
    std::string_view tag;
    std::string_view key;
};

// CloudFormation's short-form tags and the long-form keys they stand for.
constexpr std::array kShortForms = {
    ShortForm{"!Ref", "Ref"},
    ShortForm{"!Condition", "Condition"},
    ShortForm{"!Sub", "Fn::Sub"},
    ShortForm{"!GetAtt", "Fn::GetAtt"},
    ShortForm{"!If", "Fn::If"},
    ShortForm{"!Join", "Fn::Join"},
    ShortForm{"!Select", "Fn::Select"},
    ShortForm{"!Split", "Fn::Split"},
    ShortForm{"!FindInMap", "Fn::FindInMap"},
    ShortForm{"!ImportValue", "Fn::ImportValue"},
    ShortForm{"!Base64", "Fn::Base64"},
    ShortForm{"!Cidr", "Fn::Cidr"},
    ShortForm{"!GetAZs", "Fn::GetAZs"},
    ShortForm{"!Equals", "Fn::Equals"},
    ShortForm{"!And", "Fn::And"},
    ShortForm{"!Or", "Fn::Or"},
    ShortForm{"!Not", "Fn::Not"},
    ShortForm{"!Transform", "Fn::Transform"},
    ShortForm{"!ToJsonString", "Fn::ToJsonString"},
    ShortForm{"!Length", "Fn::Length"},
};

std::string_view long_form(std::string_view tag) {
    for (const auto& form : kShortForms) {
        if (form.tag == tag) return form.key;
    }
    return {};
}

constexpr std::string_view kCoreTag = "tag:yaml.org,2002:";

// An alias copies its anchor's value; a few nested aliases could otherwise multiply a small file into
// billions of values.
constexpr std::size_t kMaxAliasValues = 1'000'000;

bool is_blank(char c) {
    return c == ' ' || c == '\t';
}
bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}
bool is_digit(char c) {
    return c >= '0' && c <= '9';
}
bool is_hex_digit(char c) {
    return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

bool is_null_literal(std::string_view s) {
    return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL";
}

std::optional<bool> bool_literal(std::string_view s) {
    if (s == "true" || s == "True" || s == "TRUE") return true;
    if (s == "false" || s == "False" || s == "FALSE") return false;
    return std::nullopt;
}

// The YAML 1.2 core schema's integers and floats.
bool is_number_literal(std::string_view s) {
    auto all = [](std::string_view digits, auto pred) {
        return !digits.empty() && std::all_of(digits.begin(), digits.end(), pred);
    };
    if (s.starts_with("0o")) return all(s.substr(2), [](char c) { return c >= '0' && c <= '7'; });
    if (s.starts_with("0x")) return all(s.substr(2), is_hex_digit);
    if (!s.empty() && (s[0] == '+' || s[0] == '-')) s.remove_prefix(1);
    if (s == ".inf" || s == ".Inf" || s == ".INF" || s == ".nan" || s == ".NaN" || s == ".NAN") return true;
    std::size_t i = 0, digits = 0;
    while (i < s.size() && is_digit(s[i])) ++i, ++digits;
    if (i < s.size() && s[i] == '.') {
        ++i;
        while (i < s.size() && is_digit(s[i])) ++i, ++digits;
    }
    if (digits == 0) return false;
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
        if (i == s.size() || !is_digit(s[i])) return false;
        while (i < s.size() && is_digit(s[i])) ++i;
    }
    return i == s.size();
}

JsonValue typed_scalar(JsonType type, std::string_view text) {
    JsonValue value;
    value.type = type;
    value.text = text;
    return value;
}

// A plain scalar without a tag, by the core schema.
JsonValue resolve_plain(const std::string& text) {
    if (is_null_literal(text)) return typed_scalar(JsonType::Null, "null");
    if (auto b = bool_literal(text)) return typed_scalar(JsonType::Boolean, *b ? "true" : "false");
    if (is_number_literal(text)) return typed_scalar(JsonType::Number, text);
    return typed_scalar(JsonType::String, text);
}

// A scalar with one of YAML's own tags (!!str, !!int ...); an unknown one leaves a string.
JsonValue resolve_core(std::string_view name, const std::string& text) {
    if (name == "null") return typed_scalar(JsonType::Null, "null");
    if (name == "bool") {
        if (auto b = bool_literal(text)) return typed_scalar(JsonType::Boolean, *b ? "true" : "false");
    }
    if ((name == "int" || name == "float") && is_number_literal(text))
        return typed_scalar(JsonType::Number, text);
    return typed_scalar(JsonType::String, text);
}

SourceSpan span(SourceSpan first, SourceSpan last) {
    return {first.offset, last.offset + last.length - first.offset};
}

std::size_t count_values(const JsonValue& value) {
    std::size_t n = 1;
    for (const auto& item : value.items()) n += count_values(item);
    for (const auto& member : value.members()) n += count_values(member.value);
    return n;
}

// Thrown from the event handler to stop yaml-cpp when the document cannot be taken further.
struct StopParsing {
    std::string message;
    std::size_t offset;
};

// Where a tag is in the file's text: [start, end).
struct TagRange {
    std::size_t start = 0, end = 0;
};

// What the second reading shows yaml-cpp differently from the file, at the same offsets (find_repairs).
struct Repairs {
    std::vector<std::size_t> joined;    // line breaks shown as spaces
    std::vector<TagRange> hidden_tags;  // CloudFormation tags shown as spaces
};

// A node's tag and anchor ("!Sub", "&name"), which come before its content.
struct Properties {
    std::size_t tag_start = 0, tag_end = 0;  // empty when the node has no tag
    std::size_t end = 0;                     // just after the last property
};

class TreeBuilder : public YAML::EventHandler {
public:
    // `repairs`: what yaml-cpp was shown differently from the file (find_repairs).
    TreeBuilder(const SourceFile& source, JsonDocument& document, Repairs repairs = {})
        : source_(source),
          text_(source.text()),
          document_(document),
          joined_(std::move(repairs.joined)),
          hidden_tags_(std::move(repairs.hidden_tags)) {
        if (text_.starts_with("\xEF\xBB\xBF")) base_ = 3;  // yaml-cpp's marks start after it
    }

    void OnDocumentStart(const YAML::Mark& mark) override {
        if (documents_++ > 0) extra_document_ = offset_of(mark);
    }
    void OnDocumentEnd() override {}

    void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        check_single_document(false);
        const std::size_t at = offset_of(mark);
        const Properties props = read_properties(at);
        std::size_t start = skip_blanks(props.end), end = start;
        std::size_t literal = token_length(start);
        if (at >= last_end_ && literal > 0 &&
            is_null_literal(std::string_view(text_).substr(start, literal)) &&
            !is_key_ahead(start + literal)) {
            end = start + literal;
        } else if (props.end > at && at >= last_end_) {
            start = end = props.end;  // "key: &anchor" or a tag and nothing else
        } else {
            // An empty value: yaml-cpp marks the token after it, maybe lines below. Point just after the
            // ':' (or where the previous token ended) instead.
            start = skip_blanks(last_end_);
            if (start < text_.size() && (text_[start] == ':' || text_[start] == '-')) ++start;
            end = start;
        }
        JsonValue value = typed_scalar(JsonType::Null, "null");
        value.range = range_of(start, end);
        last_end_ = std::max(last_end_, end);
        complete(std::move(value), anchor);
    }

    void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        check_single_document(true);
        const std::size_t at = offset_of(mark);
        last_end_ = std::max(last_end_, at + token_length(at));
        auto found = anchors_.find(anchor);
        if (found == anchors_.end()) throw StopParsing{"an alias to an unknown anchor", at};
        alias_values_ += found->second.values;
        if (alias_values_ > kMaxAliasValues) {
            throw StopParsing{"aliases expand to more than " + std::to_string(kMaxAliasValues) + " values",
                              at};
        }
        add(JsonValue(found->second.value));
    }

    void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  const std::string& text) override {
        check_single_document(true);
        const std::size_t at = offset_of(mark);
        Properties props = read_properties(at);
        std::string_view tag_name = tag;
        if (const auto hidden = hidden_tag_before(at)) {
            props.tag_start = hidden->start;
            props.tag_end = hidden->end;
            tag_name = std::string_view(text_).substr(hidden->start, hidden->end - hidden->start);
        }
        std::size_t start = skip_blanks(props.end);
        const bool nothing_here = start >= text_.size() || text_[start] == '\n' || text_[start] == '\r' ||
                                  text_[start] == '#' || text_[start] == ',' || text_[start] == ']' ||
                                  text_[start] == '}';
        std::size_t end;
        if (text.empty() && nothing_here) {
            start = end = props.end;  // "!GetAZs" alone: an empty string
        } else {
            start = skip_space_and_comments(props.end);
            end = scalar_end(start, text);
        }
        last_end_ = std::max(last_end_, end);
        const std::string folded = joins_within(start, end) ? fold_plain(start, end) : text;

        JsonValue value;
        const std::string_view intrinsic = long_form(tag_name);
        if (tag == "?") {
            value = resolve_plain(folded);
        } else if (std::string_view(tag).starts_with(kCoreTag)) {
            value = resolve_core(std::string_view(tag).substr(kCoreTag.size()), folded);
        } else {
            value = typed_scalar(JsonType::String, folded);
        }
        value.range = range_of(start, end);
        if (intrinsic == "Fn::GetAtt" && value.is_string())
            value = split_get_att(std::move(value), start, end);
        if (!intrinsic.empty()) value = wrap(intrinsic, props, std::move(value));
        complete(std::move(value), anchor);
    }

    void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                         YAML::EmitterStyle::value style) override {
        open(JsonType::Array, mark, tag, anchor, style);
    }
    void OnSequenceEnd() override { close(); }
    void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                    YAML::EmitterStyle::value style) override {
        open(JsonType::Object, mark, tag, anchor, style);
    }
    void OnMapEnd() override { close(); }

    // After an error: what was read so far becomes the (partial) root, as parse_json leaves it.
    void keep_partial_tree() {
        while (!stack_.empty()) {
            Frame frame = std::move(stack_.back());
            stack_.pop_back();
            frame.close_value();
            if (stack_.empty()) {
                document_.root = std::move(frame.value);
            } else if (stack_.back().value.is_array()) {
                stack_.back().items.push_back(std::move(frame.value));
            } else if (stack_.back().key_pending) {
                stack_.back().members.back().value = std::move(frame.value);
            }
        }
    }

    SourceRange error_range(std::size_t offset) const {
        offset = std::min(offset, text_.size());
        std::size_t length = offset < text_.size() ? 1 : 0;
        if (length == 1) {
            // The whole UTF-8 sequence, so that the range covers one column.
            while (offset + length < text_.size() &&
                   (static_cast<unsigned char>(text_[offset + length]) & 0xC0) == 0x80)
                ++length;
        }
        return source_.range(static_cast<std::uint32_t>(offset), static_cast<std::uint32_t>(length));
    }

    std::size_t offset_of(const YAML::Mark& mark) const {
        if (mark.is_null() || mark.pos < 0) return last_end_;
        return std::min(base_ + static_cast<std::size_t>(mark.pos), text_.size());
    }

private:
    struct Frame {
        JsonValue value;               // the array or object being read; it takes its children when it closes
        std::vector<JsonValue> items;  // (array) read so far
        std::vector<JsonMember> members;  // (object) read so far
        std::string pointer;
        std::string_view intrinsic;  // the long-form key when the collection had a short-form tag
        Properties props;
        YAML::anchor_t anchor = 0;
        bool flow = false;
        bool key_pending = false;  // (object) a key was read; its value comes next

        void close_value() {
            if (value.is_array()) {
                value.set_items(std::move(items));
            } else {
                value.set_members(std::move(members));
            }
        }
    };

    struct Anchored {
        JsonValue value;
        std::size_t values = 0;
    };

    // A second document is an error unless it is empty (a trailing "---").
    void check_single_document(bool has_content) {
        if (extra_document_ && has_content) {
            throw StopParsing{"more than one YAML document in the file", *extra_document_};
        }
    }

    void open(JsonType type, const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
              YAML::EmitterStyle::value style) {
        check_single_document(true);
        const std::size_t at = offset_of(mark);
        if (stack_.size() >= kMaxJsonDepth) {
            throw StopParsing{"nesting deeper than " + std::to_string(kMaxJsonDepth) + " levels", at};
        }
        Frame frame;
        frame.props = read_properties(at);
        frame.intrinsic = long_form(tag);
        frame.anchor = anchor;
        frame.flow = style == YAML::EmitterStyle::Flow;
        frame.pointer = child_pointer(at);
        if (!frame.intrinsic.empty()) frame.pointer = json_pointer_append(frame.pointer, frame.intrinsic);
        const std::size_t start = skip_space_and_comments(frame.props.end);
        frame.value.type = type;
        frame.value.range = range_of(start, frame.flow ? start + 1 : start);
        last_end_ = std::max<std::size_t>(last_end_, frame.value.range.offset + frame.value.range.length);
        stack_.push_back(std::move(frame));
    }

    void close() {
        Frame frame = std::move(stack_.back());
        stack_.pop_back();
        frame.close_value();
        JsonValue& value = frame.value;
        std::size_t end = last_end_;
        if (frame.flow) {
            std::size_t bracket = last_end_;
            while (bracket < text_.size() && text_[bracket] != ']' && text_[bracket] != '}') {
                bracket = text_[bracket] == '#' ? line_end(bracket) : bracket + 1;
            }
            end = std::min(bracket + 1, text_.size());
        }
        value.range = span(value.range, range_of(end, end));
        last_end_ = std::max(last_end_, end);
        if (value.is_object()) find_duplicates(value, frame.pointer);
        if (!frame.intrinsic.empty()) value = wrap(frame.intrinsic, frame.props, std::move(value));
        complete(std::move(value), frame.anchor);
    }

    std::string child_pointer(std::size_t at) const {
        if (stack_.empty()) return {};
        const Frame& parent = stack_.back();
        if (parent.value.is_array()) return json_pointer_append(parent.pointer, parent.items.size());
        if (!parent.key_pending)
            throw StopParsing{"a mapping key that is a list or a mapping, which JSON cannot hold", at};
        return json_pointer_append(parent.pointer, parent.members.back().key);
    }

    void complete(JsonValue&& value, YAML::anchor_t anchor) {
        if (anchor != 0) anchors_[anchor] = Anchored{value, count_values(value)};
        add(std::move(value));
    }

    void add(JsonValue&& value) {
        if (stack_.empty()) {
            document_.root = std::move(value);
            return;
        }
        Frame& parent = stack_.back();
        if (parent.value.is_array()) {
            parent.items.push_back(std::move(value));
        } else if (parent.key_pending) {
            parent.members.back().value = std::move(value);
            parent.key_pending = false;
        } else {
            if (value.is_array() || value.is_object()) {
                throw StopParsing{"a mapping key that is a list or a mapping, which JSON cannot hold",
                                  value.range.offset};
            }
            JsonMember member;
            member.key = std::move(value.text);
            member.key_range = value.range;
            parent.members.push_back(std::move(member));
            parent.key_pending = true;
        }
    }

    // {"Fn::Sub": value}, spanning the tag and the value; the key's range is the tag's.
    JsonValue wrap(std::string_view key, const Properties& props, JsonValue&& inner) {
        JsonValue object;
        object.type = JsonType::Object;
        JsonMember member;
        member.key = key;
        member.key_range = range_of(props.tag_start, props.tag_end);
        object.range = span(member.key_range, inner.range);
        member.value = std::move(inner);
        std::vector<JsonMember> members;
        members.push_back(std::move(member));
        object.set_members(std::move(members));
        return object;
    }

    // "!GetAtt Resource.Attribute" is the long form's ["Resource", "Attribute"].
    JsonValue split_get_att(JsonValue&& scalar, std::size_t start, std::size_t end) {
        const auto dot = scalar.text.find('.');
        if (dot == std::string::npos) return std::move(scalar);
        JsonValue list;
        list.type = JsonType::Array;
        list.range = scalar.range;
        JsonValue resource = typed_scalar(JsonType::String, scalar.text.substr(0, dot));
        JsonValue attribute = typed_scalar(JsonType::String, scalar.text.substr(dot + 1));
        // Each part has its own range when the text is written as is (plain or quoted without escapes).
        const std::size_t quote = text_[start] == '"' || text_[start] == '\'' ? 1 : 0;
        if (text_.compare(start + quote, scalar.text.size(), scalar.text) == 0 &&
            start + quote + scalar.text.size() + quote == end) {
            resource.range = range_of(start + quote, start + quote + dot);
            attribute.range = range_of(start + quote + dot + 1, end - quote);
        } else {
            resource.range = attribute.range = scalar.range;
        }
        std::vector<JsonValue> parts;
        parts.push_back(std::move(resource));
        parts.push_back(std::move(attribute));
        list.set_items(std::move(parts));
        return list;
    }

    // Reports each later occurrence of a key against its first and marks all but the last overridden,
    // as the JSON parser does.
    void find_duplicates(JsonValue& object, const std::string& pointer) {
        struct Seen {
            std::size_t first, last;
        };
        std::unordered_map<std::string_view, Seen> seen;
        const std::span<JsonMember> members = object.members();
        for (std::size_t i = 0; i < members.size(); ++i) {
            auto [it, inserted] = seen.try_emplace(members[i].key, Seen{i, i});
            if (inserted) continue;
            document_.duplicate_keys.push_back({std::string(members[i].key),
                                                members[it->second.first].key_range, members[i].key_range,
                                                json_pointer_append(pointer, members[i].key)});
            members[it->second.last].overridden = true;
            it->second.last = i;
        }
    }

    Properties read_properties(std::size_t at) const {
        Properties props;
        std::size_t i = at;
        props.end = at;
        props.tag_start = props.tag_end = at;
        while (true) {
            i = skip_blanks(i);
            if (i >= text_.size() || (text_[i] != '!' && text_[i] != '&')) break;
            const std::size_t token = i;
            i += token_length(i);
            if (text_[token] == '!') {
                props.tag_start = token;
                props.tag_end = i;
            }
            props.end = i;
        }
        return props;
    }

    // The length of the word at i: up to a space or a flow indicator.
    std::size_t token_length(std::size_t i) const {
        std::size_t j = i;
        while (j < text_.size() && !is_space(text_[j]) && text_[j] != ',' && text_[j] != ']' &&
               text_[j] != '}')
            ++j;
        return j - i;
    }

    bool is_key_ahead(std::size_t i) const {
        i = skip_blanks(i);
        return i < text_.size() && text_[i] == ':';
    }

    std::size_t skip_blanks(std::size_t i) const {
        while (i < text_.size() && is_blank(text_[i])) ++i;
        return i;
    }

    std::size_t skip_space_and_comments(std::size_t i) const {
        while (i < text_.size()) {
            if (is_space(text_[i])) {
                ++i;
            } else if (text_[i] == '#') {
                i = line_end(i);
            } else {
                break;
            }
        }
        return i;
    }

    std::size_t line_end(std::size_t i) const {
        const auto newline = text_.find('\n', i);
        return newline == std::string::npos ? text_.size() : newline;
    }

    // The tag that was hidden from yaml-cpp just before the scalar at `at`, if any.
    std::optional<TagRange> hidden_tag_before(std::size_t at) const {
        auto after =
            std::lower_bound(hidden_tags_.begin(), hidden_tags_.end(), at,
                             [](const TagRange& tag, std::size_t offset) { return tag.end <= offset; });
        if (after == hidden_tags_.begin()) return std::nullopt;
        const TagRange& tag = *std::prev(after);
        if (skip_blanks(tag.end) != at) return std::nullopt;
        return tag;
    }

    bool joins_within(std::size_t start, std::size_t end) const {
        auto first = std::lower_bound(joined_.begin(), joined_.end(), start);
        return first != joined_.end() && *first < end;
    }

    // A plain scalar's text as YAML folds it: each line break with the blanks around it is one space.
    // (yaml-cpp saw the joined line breaks as spaces and kept the indentation after them.)
    std::string fold_plain(std::size_t start, std::size_t end) const {
        std::string out;
        for (std::size_t i = start; i < end; ++i) {
            if (text_[i] != '\n' && text_[i] != '\r') {
                out += text_[i];
                continue;
            }
            while (!out.empty() && is_blank(out.back())) out.pop_back();
            while (i + 1 < end && is_space(text_[i + 1])) ++i;
            out += ' ';
        }
        return out;
    }

    std::size_t scalar_end(std::size_t start, const std::string& value) const {
        if (start >= text_.size()) return start;
        switch (text_[start]) {
            case '"':
                return double_quoted_end(start);
            case '\'':
                return single_quoted_end(start);
            case '|':
            case '>':
                return block_end(start, value);
            default:
                return plain_end(start, value);
        }
    }

    std::size_t double_quoted_end(std::size_t start) const {
        std::size_t i = start + 1;
        while (i < text_.size() && text_[i] != '"') i += text_[i] == '\\' ? 2 : 1;
        return std::min(i + 1, text_.size());
    }

    std::size_t single_quoted_end(std::size_t start) const {
        std::size_t i = start + 1;
        while (i < text_.size()) {
            if (text_[i] == '\'') {
                if (i + 1 < text_.size() && text_[i + 1] == '\'') {
                    i += 2;
                    continue;
                }
                break;
            }
            ++i;
        }
        return std::min(i + 1, text_.size());
    }

    // A plain scalar's words are its text's; line breaks and indentation between them fold into spaces.
    std::size_t plain_end(std::size_t start, const std::string& value) const {
        std::size_t i = start, k = 0;
        while (k < value.size()) {
            if (is_space(value[k])) {
                while (k < value.size() && is_space(value[k])) ++k;
                while (i < text_.size() && is_space(text_[i])) ++i;
            } else if (i < text_.size() && text_[i] == value[k]) {
                ++i, ++k;
            } else {
                // Not the expected text: the rest of the line is the best guess.
                std::size_t end = line_end(start);
                while (end > start && is_space(text_[end - 1])) --end;
                return end;
            }
        }
        return i;
    }

    // From the "|" or ">" indicator to the end of the last line indented like the first content line.
    std::size_t block_end(std::size_t start, const std::string& value) const {
        std::size_t header = start;
        while (header < text_.size() && !is_space(text_[header])) ++header;
        if (value.empty()) return header;
        std::size_t last = header, line = line_end(start) + 1;
        std::ptrdiff_t indent = -1;
        while (line < text_.size()) {
            const std::size_t eol = line_end(line);
            std::size_t content = line;
            while (content < eol && text_[content] == ' ') ++content;
            std::size_t stop = eol;
            while (stop > content && is_space(text_[stop - 1])) --stop;
            if (stop > content) {
                const auto width = static_cast<std::ptrdiff_t>(content - line);
                if (indent < 0) {
                    indent = width;
                } else if (width < indent) {
                    break;
                }
                last = stop;
            }
            line = eol + 1;
        }
        return last;
    }

    SourceSpan range_of(std::size_t start, std::size_t end) const {
        end = std::max(start, std::min(end, text_.size()));
        return {static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(end - start)};
    }

    const SourceFile& source_;
    const std::string& text_;
    JsonDocument& document_;
    std::size_t base_ = 0;      // what the marks do not count: a byte order mark
    std::size_t last_end_ = 0;  // where the last token read ended
    std::vector<Frame> stack_;
    std::unordered_map<YAML::anchor_t, Anchored> anchors_;
    std::size_t alias_values_ = 0;
    int documents_ = 0;
    std::optional<std::size_t> extra_document_;
    std::vector<std::size_t> joined_;    // sorted
    std::vector<TagRange> hidden_tags_;  // sorted
};

// yaml-cpp's messages are lower-case phrases such as "end of map not found"; the position is ours.
std::string describe(const std::string& message) {
    return "YAML syntax error - " +
           (message.empty() ? std::string("the document could not be parsed") : message);
}

// yaml-cpp (0.7) rejects two things that YAML allows and CloudFormation templates write, both in a
// block sequence entry after a tag or an anchor:
// - a plain scalar continued on the next, more indented line ("- !Sub arn:...:bucket/\n    prefix/*"):
//   the line breaks before those continuation lines are shown to yaml-cpp as spaces, and the tree
//   builder folds the scalar's text itself;
// - a block scalar ("- !Sub |" or "- !Sub >-" and its lines): the CloudFormation tag is shown as spaces
//   (yaml-cpp accepts "- |"), and the tree builder takes the tag from the file.
// Offsets stay those of the file. The lines of block scalars are content, not YAML, and are left alone.
Repairs find_repairs(std::string_view text) {
    Repairs repairs;
    auto line_end = [&](std::size_t at) {
        const auto eol = text.find('\n', at);
        return eol == std::string_view::npos ? text.size() : eol;
    };
    auto indent_of = [&](std::size_t at) {
        std::size_t i = at;
        while (i < text.size() && text[i] == ' ') ++i;
        return i - at;
    };
    auto trimmed = [&](std::size_t from, std::size_t to) {
        while (from < to && is_blank(text[from])) ++from;
        while (to > from && is_space(text[to - 1])) --to;
        return text.substr(from, to - from);
    };
    // A line that can go on a plain scalar: no comment, no "key: value", no sequence entry.
    auto continues = [](std::string_view line) {
        return !line.empty() && line[0] != '#' && !line.starts_with("- ") && line != "-" &&
               line.find(": ") == std::string_view::npos && line.find(" #") == std::string_view::npos &&
               line.back() != ':';
    };
    auto is_block_header = [](std::string_view word) {
        return !word.empty() && (word[0] == '|' || word[0] == '>') &&
               word.find_first_not_of("|>+-0123456789") == std::string_view::npos;
    };
    std::size_t block_indent = std::string_view::npos;  // inside a block scalar deeper than this
    std::size_t line = 0;
    while (line < text.size()) {
        const std::size_t eol = line_end(line);
        const std::size_t indent = indent_of(line);
        const std::string_view content = trimmed(line, eol);
        const std::size_t content_start = line + indent;
        if (block_indent != std::string_view::npos) {
            if (content.empty() || indent > block_indent) {
                line = eol + 1;
                continue;
            }
            block_indent = std::string_view::npos;
        }
        // "- " entries (nested ones too), then tags and anchors, then the entry's scalar.
        std::size_t i = 0;
        std::size_t dash = std::string_view::npos;
        while (i + 1 < content.size() && content[i] == '-' && is_blank(content[i + 1])) {
            dash = indent + i;
            i += 2;
            while (i < content.size() && is_blank(content[i])) ++i;
        }
        bool properties = false;
        std::vector<TagRange> tags;
        bool only_cloudformation_tags = true;
        while (dash != std::string_view::npos && i < content.size() &&
               (content[i] == '!' || content[i] == '&')) {
            const std::size_t token = i;
            while (i < content.size() && !is_blank(content[i])) ++i;
            const std::string_view word = content.substr(token, i - token);
            if (word[0] == '!' && !long_form(word).empty()) {
                tags.push_back({content_start + token, content_start + i});
            } else {
                only_cloudformation_tags = false;
            }
            while (i < content.size() && is_blank(content[i])) ++i;
            properties = true;
        }
        const std::string_view scalar = content.substr(std::min(i, content.size()));
        // A block scalar starts where a line ends in "|" or ">" (with chomping and indentation digits).
        const std::size_t last_word = content.find_last_of(" \t");
        if (is_block_header(last_word == std::string_view::npos ? content : content.substr(last_word + 1))) {
            if (properties && only_cloudformation_tags && is_block_header(scalar)) {
                repairs.hidden_tags.insert(repairs.hidden_tags.end(), tags.begin(), tags.end());
            }
            block_indent = indent;
            line = eol + 1;
            continue;
        }
        if (!properties || scalar.empty() ||
            std::string_view("\"'|>[{#&!*@`%").find(scalar[0]) != std::string_view::npos ||
            !continues(scalar)) {
            line = eol + 1;
            continue;
        }
        std::size_t next = eol + 1;
        while (next < text.size()) {
            const std::size_t next_eol = line_end(next);
            if (indent_of(next) <= dash || !continues(trimmed(next, next_eol))) break;
            repairs.joined.push_back(next - 1);
            if (next >= 2 && text[next - 2] == '\r') repairs.joined.back() = next - 2;
            next = next_eol + 1;
        }
        line = next;
    }
    return repairs;
}

// One reading of the file by yaml-cpp. `text` is the file's text, or the same with `repairs` made
// (same offsets).
JsonDocument parse_with_yaml_cpp(const SourceFile& source, const std::string& text, Repairs repairs) {
    JsonDocument document;
    TreeBuilder builder(source, document, std::move(repairs));
    std::istringstream in(text);
    try {
        YAML::Parser parser(in);
        while (parser.HandleNextDocument(builder)) {
        }
    } catch (const StopParsing& stop) {
        builder.keep_partial_tree();
        document.error = JsonSyntaxError{stop.message, builder.error_range(stop.offset)};
    } catch (const YAML::Exception& error) {
        builder.keep_partial_tree();
        document.error =
            JsonSyntaxError{describe(error.msg), builder.error_range(builder.offset_of(error.mark))};
    } catch (const std::exception& error) {
        builder.keep_partial_tree();
        document.error = JsonSyntaxError{describe(error.what()), builder.error_range(source.text().size())};
    }
    return document;
}

}  // namespace

JsonDocument parse_yaml(const SourceFile& source) {
    JsonDocument document = parse_with_yaml_cpp(source, source.text(), {});
    if (!document.error) return document;
    // Only a file yaml-cpp rejects is read again, repaired: a valid file is never changed, and one that
    // stays invalid keeps the first reading's error.
    Repairs repairs = find_repairs(source.text());
    if (repairs.joined.empty() && repairs.hidden_tags.empty()) return document;
    std::string shown = source.text();
    for (std::size_t at : repairs.joined) {
        if (shown[at] == '\r' && at + 1 < shown.size()) shown[at + 1] = ' ';
        shown[at] = ' ';
    }
    for (const TagRange& tag : repairs.hidden_tags)
        shown.replace(tag.start, tag.end - tag.start, tag.end - tag.start, ' ');
    JsonDocument second = parse_with_yaml_cpp(source, shown, std::move(repairs));
    return second.error ? document : second;
}

}  // namespace iamlint
