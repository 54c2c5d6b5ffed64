// Parsing a text split over threads (JsonParseOptions::threads) gives the serial parse's document:
// the same tree, positions, duplicate keys and, for invalid text, the same error.
#include <catch2/catch.hpp>

#include <random>
#include <string>

#include "../../src/source/json_split.hpp"
#include "iamlint/json.hpp"

using namespace iamlint;

namespace {

std::string describe(const SourceRange& r) {
    return std::to_string(r.offset) + "+" + std::to_string(r.length) + "@" + std::to_string(r.line) + ":" +
           std::to_string(r.column) + "-" + std::to_string(r.end_line) + ":" + std::to_string(r.end_column);
}
std::string describe(SourceSpan span) {
    return std::to_string(span.offset) + "+" + std::to_string(span.length);
}

// Every field of the document, one line per value, so that a difference shows where it is.
void describe(const JsonValue& value, std::string& out) {
    out += std::string(to_string(value.type)) + (value.computed ? " computed " : " ") +
           describe(value.range) + " [" + value.text + "]\n";
    for (const auto& item : value.items()) describe(item, out);
    for (const auto& member : value.members()) {
        out += "key [" + member.key + "] " + describe(member.key_range) +
               (member.overridden ? " overridden" : "") + (member.key_computed ? " computed" : "") + "\n";
        describe(member.value, out);
    }
}

std::string describe(const JsonDocument& document) {
    std::string out;
    describe(document.root, out);
    if (document.error)
        out += "error " + document.error->message + " " + describe(document.error->range) + "\n";
    for (const auto& duplicate : document.duplicate_keys) {
        out += "duplicate [" + duplicate.key + "] " + describe(duplicate.first) + " " +
               describe(duplicate.duplicate) + " " + duplicate.pointer + "\n";
    }
    return out;
}

// Random JSON of the shapes that matter here: escapes, raw UTF-8, nested arrays, empty containers,
// duplicate keys, and every kind of whitespace between tokens.
class JsonGenerator {
public:
    explicit JsonGenerator(unsigned seed) : random_(seed) {}

    std::string document() {
        std::string out = pick(4) == 0 ? "\xEF\xBB\xBF" : "";
        if (pick(5) == 0) {
            array(out, 0, 2 + pick(30));
        } else {
            out += "{";
            const std::size_t members = 1 + pick(5);
            for (std::size_t i = 0; i < members; ++i) {
                if (i > 0) out += ",";
                space(out);
                string(out, pick(3) == 0 ? "Statement" : key());
                space(out);
                out += ":";
                space(out);
                if (pick(4) == 0) {
                    value(out, 1);
                } else {
                    array(out, 1, pick(40));
                }
                space(out);
            }
            out += "}";
        }
        space(out);
        return out;
    }

private:
    std::size_t pick(std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(random_); }

    void space(std::string& out) {
        static const char* const kSpaces[] = {"", "", " ", "\n", "\r\n", "\t", "\r\n    ", "\n  \t"};
        out += kSpaces[pick(std::size(kSpaces))];
    }

    std::string key() {
        static const char* const kKeys[] = {"Effect",      "Action",    "a/b",     "t~1",
                                            "caf\xC3\xA9", "q\\\"uote", "u\\u00e9"};
        return kKeys[pick(std::size(kKeys))];
    }

    void string(std::string& out, const std::string& raw) { out += "\"" + raw + "\""; }

    void value(std::string& out, std::size_t depth) {
        static const char* const kScalars[] = {"\"s3:GetObject\"",
                                               "\"line\\nbreak \\\"quoted\\\" back\\\\slash\"",
                                               "\"\\ud83d\\ude00 \\u0041\\/\"",
                                               "\"\xE2\x82\xAC \xF0\x9F\x98\x80 raw\"",
                                               "\"[{,}]\"",
                                               "true",
                                               "false",
                                               "null",
                                               "-12.5",
                                               "0",
                                               "1e3",
                                               "\"\""};
        const std::size_t kind = depth > 4 ? 2 : pick(4);
        if (kind == 0) {
            object(out, depth + 1);
        } else if (kind == 1) {
            array(out, depth + 1, pick(4));
        } else {
            out += kScalars[pick(std::size(kScalars))];
        }
    }

    void array(std::string& out, std::size_t depth, std::size_t count) {
        out += "[";
        for (std::size_t i = 0; i < count; ++i) {
            if (i > 0) out += ",";
            space(out);
            value(out, depth);
            space(out);
        }
        out += "]";
    }

    void object(std::string& out, std::size_t depth) {
        out += "{";
        const std::size_t count = pick(5);
        for (std::size_t i = 0; i < count; ++i) {
            if (i > 0) out += ",";
            space(out);
            string(out, key());  // a handful of keys: duplicates are common
            space(out);
            out += ":";
            space(out);
            value(out, depth);
        }
        space(out);
        out += "}";
    }

    std::mt19937 random_;
};

// The text broken in one of the ways a scan of brackets and strings might not notice.
std::string damaged(std::string text, std::mt19937& random) {
    auto pick = [&](std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(random); };
    const std::size_t at = pick(text.size());
    switch (pick(5)) {
        case 0:
            return text.substr(0, at);  // cut short
        case 1:
            return text.erase(at, 1);
        case 2: {
            static const char kInserted[] = {',', ']', '}', '"', '\\', '[', '{', 'x', '\0', '\x01', '\xC3'};
            return text.insert(at, 1, kInserted[pick(sizeof kInserted)]);
        }
        case 3:
            return text + (pick(2) == 0 ? " x" : ",[]");
        default:
            return text.insert(at, "1e999");
    }
}

std::string parse_described(const std::string& text, unsigned threads) {
    const SourceFile source("test.json", text);
    return describe(parse_json(source, {.threads = threads, .split_from_bytes = 0}));
}

}  // namespace

TEST_CASE("a split parse gives the serial parse's document", "[json][split]") {
    for (unsigned seed = 0; seed < 300; ++seed) {
        const std::string text = JsonGenerator(seed).document();
        INFO("seed " << seed << ": " << text);
        const std::string serial = parse_described(text, 1);
        CHECK(parse_described(text, 2) == serial);
        CHECK(parse_described(text, 7) == serial);
    }
}

TEST_CASE("a split parse of invalid text reports the serial parse's error", "[json][split]") {
    std::mt19937 random(17);
    std::size_t invalid = 0;
    for (unsigned seed = 0; seed < 600; ++seed) {
        const std::string text = damaged(JsonGenerator(seed).document(), random);
        INFO("seed " << seed << ": " << text);
        const std::string serial = parse_described(text, 1);
        if (serial.find("\nerror ") != std::string::npos) ++invalid;
        CHECK(parse_described(text, 3) == serial);
    }
    CHECK(invalid > 300);  // the damage mostly breaks the text
}

TEST_CASE("a split parse keeps the nesting limit of the serial one", "[json][split]") {
    for (std::size_t depth : {kMaxJsonDepth - 3, kMaxJsonDepth - 2, kMaxJsonDepth - 1, kMaxJsonDepth}) {
        const std::string nested = std::string(depth, '[') + std::string(depth, ']');
        for (const std::string& text : {"{\"a\": [1, " + nested + "]}", "[1, " + nested + "]"}) {
            INFO("depth " << depth << ": " << text.substr(0, 12));
            CHECK(parse_described(text, 2) == parse_described(text, 1));
        }
    }
}

TEST_CASE("the split scan finds the elements of the top-level arrays", "[json][split]") {
    const std::string text =
        "\xEF\xBB\xBF{\"a\": 1, \"Statement\": [ {\"x\": \"],\\\"\"} ,\r\n[1, [2]], \"s\" ], "
        "\"b\": {\"c\": [1, 2]}, \"one\": [1], \"d\": [3,4]}";
    const auto arrays = split_top_level_arrays(text, 2);
    REQUIRE(arrays.size() == 2);
    CHECK(text[arrays[0].open] == '[');
    CHECK(text[arrays[0].close] == ']');
    CHECK(arrays[0].depth == 2);
    REQUIRE(arrays[0].elements.size() == 3);
    auto element = [&](std::size_t array, std::size_t i) {
        const auto& span = arrays[array].elements[i];
        return text.substr(span.begin, span.end - span.begin);
    };
    CHECK(element(0, 0) == "{\"x\": \"],\\\"\"}");
    CHECK(element(0, 1) == "[1, [2]]");
    CHECK(element(0, 2) == "\"s\"");
    CHECK(element(1, 0) == "3");
    CHECK(element(1, 1) == "4");

    CHECK(split_top_level_arrays("[1,,2]", 2).empty());
    CHECK(split_top_level_arrays("[1,2,]", 2).empty());
    CHECK(split_top_level_arrays("{\"a\": [1,2}", 2).empty());
    const auto root = split_top_level_arrays(" [1, \"2\"]", 2);
    REQUIRE(root.size() == 1);
    CHECK(root[0].depth == 1);
}
