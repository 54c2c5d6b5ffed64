// JSON text -> JsonDocument. Valid JSON, nearly every input, goes through a direct scanner (FastParser)
// that knows each token's offsets as it reads it. Anything that scanner does not accept goes through
// nlohmann::json's SAX interface instead, which decides whether the text is valid and words the error:
// so both paths accept exactly what nlohmann accepts, and every error is nlohmann's.
//
// nlohmann's SAX callbacks carry no positions, but they arrive one per token, in source order, and only
// whitespace, ',' and ':' can stand between two consecutive callback tokens. So each token starts at the
// first other character after the previous token's end, and its end follows from its first character.
#include <algorithm>
#include <charconv>
#include <cstddef>
#include <iterator>
#include <optional>
#include <span>
#include <string_view>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "iamlint/json.hpp"
#include "iamlint/parallel.hpp"
#include "iamlint/utf8_encode.hpp"
#include "json_split.hpp"

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

// The elements of a split array that one task parsed, and the duplicate keys found in them. Their
// pointers are relative to the element that duplicate_owner names (an index into values).
struct ParsedElements {
    std::vector<JsonValue> values;
    std::vector<JsonDuplicateKey> duplicate_keys;
    std::vector<std::size_t> duplicate_owner;
};

// A split array whose elements are parsed, for the parse of the rest of the text to take in.
struct ParsedArray {
    std::size_t open = 0;               // offset of the '['
    std::size_t close = 0;              // offset of the ']'
    std::vector<ParsedElements> parts;  // in source order
};

class TreeBuilder : public nlohmann::json_sax<nlohmann::json> {
public:
    // `outer_depth`: the arrays and objects open around what this builder reads, when it reads one
    // element of a split array; they count towards kMaxJsonDepth.
    TreeBuilder(const SourceFile& source, JsonDocument& document, std::size_t outer_depth = 0)
        : source_(source), text_(source.text()), document_(document), outer_depth_(outer_depth) {
        if (text_.starts_with("\xEF\xBB\xBF")) cursor_ = 3;  // nlohmann skips a UTF-8 byte order mark too
    }

    bool null() override { return scalar(JsonType::Null, "null"); }
    bool boolean(bool value) override { return scalar(JsonType::Boolean, value ? "true" : "false"); }
    bool number_integer(number_integer_t) override { return number(); }
    bool number_unsigned(number_unsigned_t) override { return number(); }
    bool number_float(number_float_t, const string_t&) override { return number(); }
    bool string(string_t& value) override {
        std::size_t start = next_token();
        return add_string(start, string_end(start), std::move(value));
    }
    bool binary(binary_t&) override { return false; }  // only reachable from binary formats

    bool start_object(std::size_t) override { return open(JsonType::Object); }
    bool start_array(std::size_t) override { return open(JsonType::Array); }
    bool end_object() override { return close(); }
    bool end_array() override { return close(); }

    bool key(string_t& value) override {
        std::size_t start = next_token();
        return add_key(start, string_end(start), std::move(value));
    }

    // The tree-building half, for a parser that knows where each token starts and ends.
    bool add_string(std::size_t start, std::size_t end, std::string&& value) {
        JsonValue v;
        v.type = JsonType::String;
        v.range = span_to(start, end);
        v.text = std::move(value);
        return add(std::move(v));
    }
    bool add_key(std::size_t start, std::size_t end, std::string&& value) {
        JsonMember member;
        member.key = std::move(value);
        member.key_range = span_to(start, end);
        open_members_[stack_.size() - 1].push_back(std::move(member));
        return true;
    }
    bool add_scalar(JsonType type, std::size_t start, std::size_t end) {
        JsonValue v;
        v.type = type;
        v.range = span_to(start, end);
        v.text = std::string_view(text_).substr(start, end - start);
        return add(std::move(v));
    }
    // False when the nesting is too deep: the error is then left to the SAX path to report.
    bool open_at(JsonType type, std::size_t start) {
        if (outer_depth_ + stack_.size() >= kMaxJsonDepth) return false;
        JsonValue v;
        v.type = type;
        v.range = span_to(start, start + 1);  // completed by close_at()
        stack_.push_back(std::move(v));
        if (open_items_.size() < stack_.size()) {
            open_items_.resize(stack_.size());
            open_members_.resize(stack_.size());
        }
        return true;
    }
    bool close_at(std::size_t start) {
        JsonValue v = std::move(stack_.back());
        stack_.pop_back();
        // Moved out of the scratch list at its exact size: one allocation, no regrowth.
        if (v.type == JsonType::Array) {
            v.set_items(std::move(open_items_[stack_.size()]));
        } else {
            v.set_members(std::move(open_members_[stack_.size()]));
        }
        // The opening bracket's offset is known since open(): only the closing one is new.
        v.range.length = static_cast<std::uint32_t>(span_to(start, start + 1).offset + 1 - v.range.offset);
        if (v.type == JsonType::Object) find_duplicates(v);
        return add(std::move(v));
    }
    std::size_t depth() const { return stack_.size(); }

    // An array whose elements were parsed apart, added as one value. Its items are gathered at their
    // exact count from the parts, which are freed as they are taken. The elements' duplicate keys are
    // reported here, where the serial parse reports them, with the elements' pointers put in front.
    bool add_parsed_array(std::size_t open, std::size_t close, std::span<ParsedElements> parts) {
        if (outer_depth_ + stack_.size() >= kMaxJsonDepth) return false;
        JsonValue array;
        array.type = JsonType::Array;
        array.range = span_to(open, close + 1);
        std::size_t count = 0;
        for (const ParsedElements& part : parts) count += part.values.size();
        std::vector<JsonValue> items;
        items.reserve(count);
        std::optional<std::string> array_pointer;
        for (ParsedElements& part : parts) {
            std::size_t duplicate = 0;
            for (std::size_t i = 0; i < part.values.size(); ++i) {
                for (; duplicate < part.duplicate_owner.size() && part.duplicate_owner[duplicate] == i;
                     ++duplicate) {
                    if (!array_pointer) array_pointer = child_pointer();
                    JsonDuplicateKey& found = part.duplicate_keys[duplicate];
                    found.pointer.insert(0, json_pointer_append(*array_pointer, items.size()));
                    document_.duplicate_keys.push_back(std::move(found));
                }
                items.push_back(std::move(part.values[i]));
            }
            std::vector<JsonValue>().swap(part.values);  // the moved-from shells
        }
        array.set_items(std::move(items));
        return add(std::move(array));
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
        document_.error = JsonSyntaxError{std::move(message), range_to(offset, offset + length)};
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

    // A token's bytes; the parse goes on after them.
    SourceSpan span_to(std::size_t start, std::size_t end) {
        cursor_ = end;
        return {static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(end - start)};
    }
    // An error's range, with its line and column: there is one per document.
    SourceRange range_to(std::size_t start, std::size_t end) { return source_.range(span_to(start, end)); }

    bool scalar(JsonType type, std::string_view token) {
        std::size_t start = next_token();
        return add_scalar(type, start, start + token.size());
    }

    bool number() {
        std::size_t start = next_token();
        std::size_t end = start;
        while (end < text_.size() && is_number_char(text_[end])) ++end;
        return add_scalar(JsonType::Number, start, end);
    }

    bool open(JsonType type) {
        std::size_t start = next_token();
        if (open_at(type, start)) return true;
        document_.error = JsonSyntaxError{"nesting deeper than " + std::to_string(kMaxJsonDepth) + " levels",
                                          range_to(start, start + 1)};
        return false;
    }

    bool close() { return close_at(next_token()); }

    // The JSON pointer of the value that is about to be added: built only when a duplicate key needs
    // it, so that the parser keeps no pointer per open array or object.
    std::string child_pointer() const {
        std::string pointer;
        for (std::size_t depth = 0; depth < stack_.size(); ++depth) {
            if (stack_[depth].type == JsonType::Array) {
                pointer = json_pointer_append(pointer, open_items_[depth].size());
            } else {
                pointer = json_pointer_append(pointer, open_members_[depth].back().key);
            }
        }
        return pointer;
    }

    bool add(JsonValue&& value) {
        if (stack_.empty()) {
            document_.root = std::move(value);
        } else if (stack_.back().type == JsonType::Array) {
            open_items_[stack_.size() - 1].push_back(std::move(value));
        } else {
            open_members_[stack_.size() - 1].back().value = std::move(value);
        }
        return true;
    }

    // Reports each later occurrence of a key against its first, and marks every occurrence but the
    // last as overridden.
    void find_duplicates(JsonValue& object) {
        const std::span<JsonMember> members = object.members();
        std::optional<std::string> object_pointer;
        auto found = [&](std::size_t first, std::size_t previous, std::size_t duplicate) {
            if (!object_pointer) object_pointer = child_pointer();
            const std::string& pointer = *object_pointer;
            document_.duplicate_keys.push_back({std::string(members[duplicate].key), members[first].key_range,
                                                members[duplicate].key_range,
                                                json_pointer_append(pointer, members[duplicate].key)});
            members[previous].overridden = true;
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
    }

    const SourceFile& source_;
    const std::string& text_;
    JsonDocument& document_;
    std::size_t outer_depth_ = 0;
    std::size_t cursor_ = 0;
    std::vector<JsonValue> stack_;  // the open arrays and objects
    // The items and members read so far of stack_[depth], kept apart and reused from one container to
    // the next at the same depth: a container gets its own vector when it closes, at its exact size.
    // Growing each container's vector by doubling as it was read took a reallocation and a copy per
    // doubling and one more to shrink it (a dump's tree has millions of them).
    std::vector<std::vector<JsonValue>> open_items_;
    std::vector<std::vector<JsonMember>> open_members_;
};

// A recursive-descent JSON scanner that feeds TreeBuilder directly. It gives up (returns false) at the
// first thing it does not accept: a syntax error, ill-formed UTF-8, a lone surrogate escape, nesting
// too deep, a number with an exponent or of many digits (which nlohmann may reject as out of range).
// The caller then starts over on the SAX path, which reports the error as nlohmann words it.
class FastParser {
public:
    // `parsed`: arrays whose elements are parsed already (parse_split), taken in when reached.
    FastParser(const std::string& text, TreeBuilder& builder, std::span<ParsedArray> parsed = {})
        : begin_(text.data()),
          p_(text.data()),
          end_(text.data() + text.size()),
          builder_(builder),
          parsed_(parsed) {}
    // Reads only text[begin, end), which must be one value; offsets stay those of the whole text.
    FastParser(const std::string& text, JsonSpan span, TreeBuilder& builder)
        : begin_(text.data()),
          p_(text.data() + span.begin),
          end_(text.data() + span.end),
          builder_(builder) {}

    bool parse() {
        if (end_ - p_ >= 3 && std::string_view(p_, 3) == "\xEF\xBB\xBF") p_ += 3;
        skip_whitespace();
        if (!value()) return false;
        skip_whitespace();
        return p_ == end_;
    }

    bool parse_value() { return value() && p_ == end_; }

private:
    std::size_t offset() const { return static_cast<std::size_t>(p_ - begin_); }

    void skip_whitespace() {
        while (p_ < end_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t')) ++p_;
    }

    bool value() {
        if (p_ == end_) return false;
        switch (*p_) {
            case '{':
                return object();
            case '[':
                return array();
            case '"': {
                const std::size_t start = offset();
                std::string text;
                return string(text) && builder_.add_string(start, offset(), std::move(text));
            }
            case 't':
                return literal("true", JsonType::Boolean);
            case 'f':
                return literal("false", JsonType::Boolean);
            case 'n':
                return literal("null", JsonType::Null);
            default:
                return number();
        }
    }

    bool literal(std::string_view word, JsonType type) {
        if (static_cast<std::size_t>(end_ - p_) < word.size() || std::string_view(p_, word.size()) != word)
            return false;
        const std::size_t start = offset();
        p_ += word.size();
        return builder_.add_scalar(type, start, offset());
    }

    static bool is_digit(char c) { return c >= '0' && c <= '9'; }

    bool number() {
        const char* start = p_;
        if (p_ < end_ && *p_ == '-') ++p_;
        if (p_ == end_ || !is_digit(*p_)) return false;
        if (*p_ == '0') {
            ++p_;
        } else {
            while (p_ < end_ && is_digit(*p_)) ++p_;
        }
        if (p_ < end_ && *p_ == '.') {
            ++p_;
            if (p_ == end_ || !is_digit(*p_)) return false;
            while (p_ < end_ && is_digit(*p_)) ++p_;
        }
        constexpr std::ptrdiff_t kMaxDigits = 15;  // exactly representable: no overflow to judge
        if (p_ < end_ && (*p_ == 'e' || *p_ == 'E')) return false;
        if (p_ - start > kMaxDigits) return false;
        return builder_.add_scalar(JsonType::Number, static_cast<std::size_t>(start - begin_), offset());
    }

    bool array() {
        if (!parsed_.empty() && parsed_.front().open == offset()) {
            ParsedArray& parsed = parsed_.front();
            parsed_ = parsed_.subspan(1);
            return take_parsed(parsed);
        }
        if (!builder_.open_at(JsonType::Array, offset())) return false;
        ++p_;
        skip_whitespace();
        if (p_ < end_ && *p_ == ']') return builder_.close_at(offset()) && (++p_, true);
        while (true) {
            if (!value()) return false;
            skip_whitespace();
            if (p_ == end_) return false;
            if (*p_ == ']') return builder_.close_at(offset()) && (++p_, true);
            if (*p_ != ',') return false;
            ++p_;
            skip_whitespace();
        }
    }

    bool object() {
        if (!builder_.open_at(JsonType::Object, offset())) return false;
        ++p_;
        skip_whitespace();
        if (p_ < end_ && *p_ == '}') return builder_.close_at(offset()) && (++p_, true);
        while (true) {
            if (p_ == end_ || *p_ != '"') return false;
            const std::size_t start = offset();
            std::string key;
            if (!string(key) || !builder_.add_key(start, offset(), std::move(key))) return false;
            skip_whitespace();
            if (p_ == end_ || *p_ != ':') return false;
            ++p_;
            skip_whitespace();
            if (!value()) return false;
            skip_whitespace();
            if (p_ == end_) return false;
            if (*p_ == '}') return builder_.close_at(offset()) && (++p_, true);
            if (*p_ != ',') return false;
            ++p_;
            skip_whitespace();
        }
    }

    // The array at p_, whose elements are parsed already: the scan that split it saw only elements,
    // ',' and whitespace up to its ']'.
    bool take_parsed(ParsedArray& parsed) {
        if (!builder_.add_parsed_array(parsed.open, parsed.close, parsed.parts)) return false;
        p_ = begin_ + parsed.close + 1;
        return true;
    }

    // A string token at p_, decoded into `out`; p_ ends after the closing quote.
    bool string(std::string& out) {
        ++p_;
        const char* run = p_;  // start of the bytes not yet copied
        while (true) {
            // Plain printable ASCII is the bulk of every policy: skip it in one go.
            while (p_ < end_ && static_cast<unsigned char>(*p_) >= 0x20 && *p_ != '"' && *p_ != '\\' &&
                   static_cast<unsigned char>(*p_) < 0x80)
                ++p_;
            if (p_ == end_) return false;
            const auto c = static_cast<unsigned char>(*p_);
            if (c == '"') {
                out.append(run, p_);
                ++p_;
                return true;
            }
            if (c < 0x20) return false;  // a raw control character
            if (c == '\\') {
                out.append(run, p_);
                if (!escape(out)) return false;
                run = p_;
            } else if (!utf8_sequence()) {
                return false;
            }
        }
    }

    // A well-formed UTF-8 sequence of two to four bytes at p_ (Unicode table 3-7: no overlong forms, no
    // surrogates, nothing above U+10FFFF), which p_ then passes.
    bool utf8_sequence() {
        auto byte = [&](std::ptrdiff_t i) { return static_cast<unsigned char>(p_[i]); };
        auto in = [&](std::ptrdiff_t i, unsigned char low, unsigned char high) {
            return p_ + i < end_ && byte(i) >= low && byte(i) <= high;
        };
        const unsigned char lead = byte(0);
        std::ptrdiff_t length = 0;
        if (lead >= 0xC2 && lead <= 0xDF) {
            length = in(1, 0x80, 0xBF) ? 2 : 0;
        } else if (lead == 0xE0) {
            length = in(1, 0xA0, 0xBF) && in(2, 0x80, 0xBF) ? 3 : 0;
        } else if ((lead >= 0xE1 && lead <= 0xEC) || lead == 0xEE || lead == 0xEF) {
            length = in(1, 0x80, 0xBF) && in(2, 0x80, 0xBF) ? 3 : 0;
        } else if (lead == 0xED) {
            length = in(1, 0x80, 0x9F) && in(2, 0x80, 0xBF) ? 3 : 0;
        } else if (lead == 0xF0) {
            length = in(1, 0x90, 0xBF) && in(2, 0x80, 0xBF) && in(3, 0x80, 0xBF) ? 4 : 0;
        } else if (lead >= 0xF1 && lead <= 0xF3) {
            length = in(1, 0x80, 0xBF) && in(2, 0x80, 0xBF) && in(3, 0x80, 0xBF) ? 4 : 0;
        } else if (lead == 0xF4) {
            length = in(1, 0x80, 0x8F) && in(2, 0x80, 0xBF) && in(3, 0x80, 0xBF) ? 4 : 0;
        }
        p_ += length;
        return length > 0;
    }

    bool hex4(std::uint32_t& code) {
        if (end_ - p_ < 4) return false;
        code = 0;
        for (int i = 0; i < 4; ++i) {
            const char c = *p_++;
            code <<= 4;
            if (c >= '0' && c <= '9') {
                code |= static_cast<std::uint32_t>(c - '0');
            } else if (c >= 'a' && c <= 'f') {
                code |= static_cast<std::uint32_t>(c - 'a' + 10);
            } else if (c >= 'A' && c <= 'F') {
                code |= static_cast<std::uint32_t>(c - 'A' + 10);
            } else {
                return false;
            }
        }
        return true;
    }

    // An escape sequence at p_ (the backslash), appended decoded.
    bool escape(std::string& out) {
        if (end_ - p_ < 2) return false;
        const char kind = p_[1];
        p_ += 2;
        switch (kind) {
            case '"':
            case '\\':
            case '/':
                out += kind;
                return true;
            case 'b':
                out += '\b';
                return true;
            case 'f':
                out += '\f';
                return true;
            case 'n':
                out += '\n';
                return true;
            case 'r':
                out += '\r';
                return true;
            case 't':
                out += '\t';
                return true;
            case 'u':
                break;
            default:
                return false;
        }
        std::uint32_t code = 0;
        if (!hex4(code)) return false;
        if (code >= 0xDC00 && code <= 0xDFFF) return false;  // a low surrogate alone
        if (code >= 0xD800 && code <= 0xDBFF) {
            std::uint32_t low = 0;
            if (end_ - p_ < 2 || p_[0] != '\\' || p_[1] != 'u') return false;
            p_ += 2;
            if (!hex4(low) || low < 0xDC00 || low > 0xDFFF) return false;
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
        }
        append_utf8(out, code);
        return true;
    }

    const char* begin_;
    const char* p_;
    const char* end_;
    TreeBuilder& builder_;
    std::span<ParsedArray> parsed_;  // those not reached yet, in source order
};

// Elements of a split array, parsed by one task; nullopt at the first that FastParser does not accept.
std::optional<ParsedElements> parse_elements(const SourceFile& source, std::span<const JsonSpan> elements,
                                             std::size_t outer_depth) {
    ParsedElements parsed;
    parsed.values.reserve(elements.size());
    JsonDocument scratch;
    TreeBuilder builder(source, scratch, outer_depth);
    for (const JsonSpan& element : elements) {
        if (!FastParser(source.text(), element, builder).parse_value()) return std::nullopt;
        parsed.values.push_back(std::move(scratch.root));
        for (JsonDuplicateKey& found : scratch.duplicate_keys) {
            parsed.duplicate_keys.push_back(std::move(found));
            parsed.duplicate_owner.push_back(parsed.values.size() - 1);
        }
        scratch.duplicate_keys.clear();
    }
    return parsed;
}

// Parsing a large file on several threads: the elements of its top-level arrays (a dump's role list, a
// policy's statements) are parsed apart, each task a run of neighbouring elements, and then the rest
// of the text is parsed on this thread, taking each array's elements in when it reaches the array.
// Positions do not depend on where parsing started, and duplicate keys are reported in the same order,
// so the document is the serial parse's. Nullopt when the text cannot be split or anything in it is
// not what FastParser accepts: the serial parse then decides, and words any error.
std::optional<JsonDocument> parse_split(const SourceFile& source, unsigned threads) {
    const std::string& text = source.text();
    std::vector<JsonArraySplit> arrays = split_top_level_arrays(text, /*min_elements=*/2);
    if (arrays.empty()) return std::nullopt;

    struct Task {
        std::size_t array;
        std::size_t first, last;  // elements [first, last)
    };
    // Several tasks per thread, of about equal bytes: elements differ in size (a role with many
    // policies, a statement with a long condition) and threads are shared with other work.
    constexpr std::size_t kTasksPerThread = 16;
    std::size_t split_bytes = 0;
    for (const auto& array : arrays) split_bytes += array.close - array.open;
    const std::size_t task_bytes = std::max<std::size_t>(1, split_bytes / (threads * kTasksPerThread));
    std::vector<Task> tasks;
    for (std::size_t a = 0; a < arrays.size(); ++a) {
        const auto& elements = arrays[a].elements;
        for (std::size_t first = 0; first < elements.size();) {
            std::size_t last = first + 1;
            while (last < elements.size() && elements[last].end - elements[first].begin < task_bytes) ++last;
            tasks.push_back({a, first, last});
            first = last;
        }
    }

    std::vector<std::optional<ParsedElements>> parsed(tasks.size());
    parallel_for(tasks.size(), threads, [&](std::size_t i) {
        const Task& task = tasks[i];
        const auto& array = arrays[task.array];
        parsed[i] = parse_elements(
            source, std::span(array.elements).subspan(task.first, task.last - task.first), array.depth);
    });
    std::vector<ParsedArray> parsed_arrays(arrays.size());
    for (std::size_t a = 0; a < arrays.size(); ++a) {
        parsed_arrays[a].open = arrays[a].open;
        parsed_arrays[a].close = arrays[a].close;
    }
    for (std::size_t i = 0; i < tasks.size(); ++i) {
        if (!parsed[i]) return std::nullopt;
        parsed_arrays[tasks[i].array].parts.push_back(std::move(*parsed[i]));
    }

    JsonDocument document;
    TreeBuilder builder(source, document);
    if (!FastParser(text, builder, parsed_arrays).parse()) return std::nullopt;
    return document;
}

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
    const std::span<const JsonMember> all = members();
    for (auto it = all.rbegin(); it != all.rend(); ++it) {
        if (it->key == key) return &*it;
    }
    return nullptr;
}

bool JsonValue::is_overridden(std::size_t i) const {
    const std::span<const JsonMember> all = members();
    return i < all.size() && all[i].overridden;
}

JsonDocument parse_json(const SourceFile& source, const JsonParseOptions& options) {
    JsonDocument document;
    // Text that is not what its encoding says is not JSON, wherever the bad code unit stands.
    if (const auto& bad = source.decoding_error()) {
        document.error = JsonSyntaxError{bad->message, source.range(bad->offset, bad->length)};
        return document;
    }
    const std::string& text = source.text();
    if (options.threads > 1 && text.size() >= options.split_from_bytes) {
        if (auto split = parse_split(source, options.threads)) return std::move(*split);
    }
    {
        TreeBuilder builder(source, document);
        if (FastParser(text, builder).parse()) return document;
    }
    document = JsonDocument{};
    TreeBuilder builder(source, document);
    bool ok =
        nlohmann::json::sax_parse(text.begin(), text.end(), &builder, nlohmann::json::input_format_t::json,
                                  /*strict=*/true);
    if (ok) builder.check_nothing_follows();
    if (!ok && !document.error) {
        document.error = JsonSyntaxError{"the document could not be parsed", source.range(0, 0)};
    }
    return document;
}

namespace {

// Keys with neither character are nearly all of them: copied whole rather than byte by byte.
bool needs_escape(std::string_view key) {
    return key.find('~') != std::string_view::npos || key.find('/') != std::string_view::npos;
}

void append_pointer_token(std::string& out, std::string_view key) {
    if (!needs_escape(key)) {
        out += key;
        return;
    }
    for (char c : key) {
        if (c == '~') {
            out += "~0";
        } else if (c == '/') {
            out += "~1";
        } else {
            out += c;
        }
    }
}

}  // namespace

std::string json_pointer_token(std::string_view key) {
    std::string token;
    token.reserve(key.size());
    append_pointer_token(token, key);
    return token;
}

// Every element of the model keeps its pointer: each is made with one allocation, not one for the copy
// of the parent's, another when it grows and a third for the token.
std::string json_pointer_append(std::string_view pointer, std::string_view key) {
    std::string result;
    result.reserve(pointer.size() + 1 + key.size());
    result += pointer;
    result += '/';
    append_pointer_token(result, key);
    return result;
}

std::string json_pointer_append(std::string_view pointer, std::size_t index) {
    char digits[24];
    const auto end = std::to_chars(std::begin(digits), std::end(digits), index).ptr;
    std::string result;
    result.reserve(pointer.size() + 1 + static_cast<std::size_t>(end - digits));
    result += pointer;
    result += '/';
    result.append(digits, end);
    return result;
}

JsonPointer json_pointer_child(const JsonPointer& parent, std::string_view key) {
    if (needs_escape(key)) return JsonPointer(parent, json_pointer_token(key));
    return JsonPointer(parent, key);
}

JsonPointer json_pointer_child(const JsonPointer& parent, std::size_t index) {
    char digits[24];
    const auto end = std::to_chars(std::begin(digits), std::end(digits), index).ptr;
    return JsonPointer(parent, std::string_view(digits, static_cast<std::size_t>(end - digits)));
}

}  // namespace iamlint
