#include <catch2/catch.hpp>

#include <algorithm>

#include "iamlint/json.hpp"

using namespace iamlint;

namespace {
std::vector<std::unique_ptr<SourceFile>> sources;  // every text parsed, kept for its positions

JsonDocument parse(const std::string& text, SourceFile** keep = nullptr) {
    sources.push_back(std::make_unique<SourceFile>("test.json", text));
    if (keep) *keep = sources.back().get();
    return parse_json(*sources.back());
}

// The line and column of a span of the text parsed last: a tree keeps only its tokens' bytes.
SourceRange position(SourceSpan span) {
    return sources.back()->range(span);
}

std::string at(const SourceRange& r) {
    return std::to_string(r.line) + ":" + std::to_string(r.column) + "-" + std::to_string(r.end_line) + ":" +
           std::to_string(r.end_column);
}
std::string at(SourceSpan span) {
    return at(position(span));
}
}  // namespace

TEST_CASE("every value and key keeps its exact source range", "[json]") {
    const std::string text =
        "{\n"
        "  \"Version\": \"2012-10-17\",\n"
        "  \"Statement\": [\n"
        "    {\"Effect\":\"Allow\", \"Action\": [\"s3:GetObject\",  \"*\"], \"N\": -1.5e3, \"B\": true, "
        "\"Z\": null}\n"
        "  ]\n"
        "}\n";
    auto doc = parse(text);
    REQUIRE_FALSE(doc.error);
    REQUIRE(doc.root.is_object());
    CHECK(at(doc.root.range) == "1:1-6:2");
    const auto* version = doc.root.find("Version");
    REQUIRE(version);
    CHECK(at(version->key_range) == "2:3-2:12");
    CHECK(at(version->value.range) == "2:14-2:26");
    CHECK(version->value.text == "2012-10-17");

    const auto& statements = doc.root.find("Statement")->value;
    CHECK(at(statements.range) == "3:16-5:4");
    const auto& statement = statements.items()[0];
    CHECK(at(statement.range) == "4:5-4:92");
    const auto& actions = statement.find("Action")->value;
    CHECK(at(actions.items()[0].range) == "4:35-4:49");
    CHECK(at(actions.items()[1].range) == "4:52-4:55");
    CHECK(actions.items()[1].text == "*");
    const auto& number = statement.find("N")->value;
    CHECK(number.type == JsonType::Number);
    CHECK(number.text == "-1.5e3");
    CHECK(at(number.range) == "4:63-4:69");
    CHECK(at(statement.find("B")->value.range) == "4:76-4:80");
    CHECK(statement.find("Z")->value.type == JsonType::Null);
}

TEST_CASE("columns count code points and escapes keep the raw token's range", "[json]") {
    auto doc = parse("{\"S\u00e9\": \"caf\u00e9 \\\"x\\\" \\u00e9\", \"k\": 1}");
    REQUIRE_FALSE(doc.error);
    const auto& first = doc.root.members()[0];
    CHECK(first.key == "S\u00e9");
    CHECK(at(first.key_range) == "1:2-1:6");
    CHECK(first.value.text == "caf\u00e9 \"x\" \u00e9");
    CHECK(at(first.value.range) == "1:8-1:27");
    CHECK(at(doc.root.members()[1].value.range) == "1:34-1:35");
}

TEST_CASE("CRLF line endings and a UTF-8 byte order mark keep positions right", "[json]") {
    auto doc = parse("\xEF\xBB\xBF{\r\n  \"a\": [1,\r\n\t2]\r\n}");
    REQUIRE_FALSE(doc.error);
    const auto items = doc.root.find("a")->value.items();
    REQUIRE(items.size() == 2);
    CHECK(at(items[0].range) == "2:9-2:10");
    CHECK(at(items[1].range) == "3:2-3:3");
}

TEST_CASE("duplicate keys are all kept and reported with both places", "[json]") {
    auto doc = parse("{\"Statement\": [{\"Effect\": \"Allow\",\n \"Effect\": \"Deny\"}], \"Statement\": []}");
    REQUIRE_FALSE(doc.error);
    REQUIRE(doc.duplicate_keys.size() == 2);
    // Inner objects close first.
    CHECK(doc.duplicate_keys[0].key == "Effect");
    CHECK(at(doc.duplicate_keys[0].first) == "1:17-1:25");
    CHECK(at(doc.duplicate_keys[0].duplicate) == "2:2-2:10");
    CHECK(doc.duplicate_keys[0].pointer == "/Statement/0/Effect");
    CHECK(doc.duplicate_keys[1].key == "Statement");
    CHECK(doc.duplicate_keys[1].pointer == "/Statement");
    CHECK(doc.root.members().size() == 2);
}

TEST_CASE("duplicate detection scales to large objects", "[json]") {
    std::string text = "{";
    for (int i = 0; i < 100; ++i) text += "\"k" + std::to_string(i) + "\": 1, ";
    text += "\"k7\": 2}";
    auto doc = parse(text);
    REQUIRE(doc.duplicate_keys.size() == 1);
    CHECK(doc.duplicate_keys[0].key == "k7");
}

TEST_CASE("malformed JSON is an error at the parser's position, never an exception", "[json]") {
    SECTION("missing comma") {
        auto doc = parse("{\n  \"a\": 1\n  \"b\": 2\n}");
        REQUIRE(doc.error);
        CHECK(doc.error->range.line == 3);
        CHECK(at(doc.error->range) == "3:3-3:6");
        CHECK_THAT(doc.error->message, Catch::Contains("expected '}'"));
    }
    SECTION("empty input") {
        auto doc = parse("");
        REQUIRE(doc.error);
        CHECK(at(doc.error->range) == "1:1-1:1");
    }
    SECTION("trailing garbage") {
        auto doc = parse("{} x");
        REQUIRE(doc.error);
        CHECK(at(doc.error->range) == "1:4-1:5");
    }
    SECTION("bad literal points at its start") {
        auto doc = parse("{\"a\": tru }");
        REQUIRE(doc.error);
        CHECK(at(doc.error->range) == "1:7-1:10");
        CHECK_THAT(doc.error->message, Catch::Contains("invalid literal"));
    }
    SECTION("invalid UTF-8 inside a string") {
        auto doc = parse("{\"a\": \"\xff\"}");
        REQUIRE(doc.error);
        CHECK(doc.error->range.column == 8);
    }
    SECTION("invalid UTF-8 is pointed at the byte that starts the broken sequence") {
        CHECK(at(parse("{\"a\": \"Jos\xE9 Garc\xED"
                       "a\"}")
                     .error->range) == "1:11-1:12");  // Latin-1
        CHECK(at(parse("{\"Sid\": \"a\xE2\x82"
                       "Zb\"}")
                     .error->range) == "1:11-1:12");                                  // cut short
        CHECK(at(parse("{\"Sid\": \"\xED\xA0\x80\"}").error->range) == "1:10-1:11");  // a surrogate
        CHECK(at(parse("{\"Sid\": \"\xE0\x80\x80\"}").error->range) == "1:10-1:11");  // overlong
        CHECK(at(parse("{\"Sid\": \"\xC3\xA9\x80\"}").error->range) == "1:11-1:12");  // stray after é
    }
    SECTION("a file of only a byte order mark or whitespace ends empty at its end") {
        CHECK(at(parse("\xEF\xBB\xBF").error->range) == "1:1-1:1");
        CHECK(at(parse("\xEF\xBB\xBF\n").error->range) == "2:1-2:1");
        CHECK(at(parse("  ").error->range) == "1:3-1:3");
    }
    SECTION("a NUL byte does not end the input") {
        auto doc = parse(std::string("{\"a\": 1}\0{\"garbage", 18));
        REQUIRE(doc.error);
        CHECK(at(doc.error->range) == "1:9-1:10");
        CHECK_THAT(doc.error->message, Catch::Contains("NUL"));
        REQUIRE(parse(std::string("{\"a\": \"x\0y\"}", 13)).error);  // raw control character in a string
    }
    SECTION("nesting beyond the limit") {
        std::string deep(100000, '[');
        auto doc = parse(deep);
        REQUIRE(doc.error);
        CHECK_THAT(doc.error->message, Catch::Contains("nesting deeper than"));
        CHECK(doc.error->range.column == kMaxJsonDepth + 1);
    }
}

TEST_CASE("JSON pointers escape ~ and /", "[json]") {
    CHECK(json_pointer_append("/Condition", "a/b~c") == "/Condition/a~1b~0c");
    CHECK(json_pointer_append("/Condition", "a/b") == "/Condition/a~1b");  // either character alone
    CHECK(json_pointer_append("/Condition", "a~b") == "/Condition/a~0b");
    CHECK(json_pointer_append("/Condition", "aws:SourceArn") == "/Condition/aws:SourceArn");
    CHECK(json_pointer_token("~/") == "~0~1");
    CHECK(json_pointer_append("", 3) == "/3");
}

TEST_CASE("an object with many keys and duplicates is handled in linear time", "[json]") {
    std::string text = "{";
    for (int i = 0; i < 200000; ++i)
        text += "\"k" + std::to_string(i % 100000) + "\": " + std::to_string(i) + ",";
    text.back() = '}';
    auto doc = parse(text);
    REQUIRE_FALSE(doc.error);
    CHECK(doc.duplicate_keys.size() == 100000);
    CHECK(std::count_if(doc.root.members().begin(), doc.root.members().end(),
                        [](const iamlint::JsonMember& member) { return member.overridden; }) == 100000);
    CHECK(doc.root.is_overridden(0));
    CHECK_FALSE(doc.root.is_overridden(100000));
    CHECK(doc.root.find("k5")->value.text == "100005");
}

TEST_CASE("with three equal keys each later one is reported against the first, only the last counts",
          "[json]") {
    auto doc = parse("{\"a\": 1, \"a\": 2, \"b\": 0, \"a\": 3}");
    REQUIRE(doc.duplicate_keys.size() == 2);
    CHECK(position(doc.duplicate_keys[0].first).column == 2);
    CHECK(position(doc.duplicate_keys[1].first).column == 2);
    CHECK(position(doc.duplicate_keys[1].duplicate).column == 26);
    CHECK(doc.root.is_overridden(0));
    CHECK(doc.root.is_overridden(1));
    CHECK_FALSE(doc.root.is_overridden(2));
    CHECK_FALSE(doc.root.is_overridden(3));
    CHECK(doc.root.find("a")->value.text == "3");
}

TEST_CASE("positions at the end of a long line with non-ASCII text", "[json]") {
    // 40,000 statements on one line, the first with a non-ASCII Sid: a column there counts code points
    // from the start of the line (the file resolves it from its nearest checkpoint).
    std::string text = "{\"Statement\":[{\"Sid\":\"caf\u00e9\",\"Effect\":\"Allow\"}";
    for (int i = 0; i < 40000; ++i) text += ",{\"Sid\":\"s\",\"Effect\":\"Allow\"}";
    text += "]}";
    auto doc = parse(text);
    REQUIRE_FALSE(doc.error);
    const auto& last = doc.root.find("Statement")->value.items().back();
    CHECK(position(last.range).line == 1);
    // It starts 30 bytes before the end ("{...}]}"), and one two-byte character stands before it.
    CHECK(position(last.range).column == text.size() - 30);
    CHECK(position(last.range).end_column == text.size() - 2);
    CHECK(position(last.find("Effect")->value.range).column == text.size() - 30 + 20);
}

TEST_CASE("escapes, surrogate pairs and numbers read the same on the direct and the nlohmann path",
          "[json]") {
    // Decoded by the direct scanner.
    auto doc = parse("[\"\\ud83d\\ude00\", \"a\\u0000b\", \"\\/\\b\\f\\n\\r\\t\", -0, 2.50, {}, [], \"\"]");
    REQUIRE_FALSE(doc.error);
    const auto items = doc.root.items();
    REQUIRE(items.size() == 8);
    CHECK(items[0].text == "\xF0\x9F\x98\x80");
    CHECK(items[1].text == std::string("a\0b", 3));
    CHECK(items[2].text == "/\b\f\n\r\t");
    CHECK(items[3].text == "-0");
    CHECK(items[4].text == "2.50");
    CHECK(at(items[7].range) == "1:64-1:66");
    // What the direct scanner leaves to nlohmann: the same tree, or nlohmann's error.
    auto exponent = parse("[1.5E+2, 12345678901234567890]");
    REQUIRE_FALSE(exponent.error);
    CHECK(exponent.root.items()[0].text == "1.5E+2");
    CHECK(exponent.root.items()[1].text == "12345678901234567890");
    CHECK(at(exponent.root.items()[1].range) == "1:10-1:30");
    REQUIRE(parse("[1e999]").error);
    CHECK_THAT(parse("[1e999]").error->message, Catch::Contains("number overflow"));
    CHECK(parse("[\"\\ud83d\"]").error);  // a high surrogate alone
    CHECK(parse("[\"\\ude00\"]").error);  // a low surrogate alone
    CHECK(parse("[01]").error);
    CHECK(parse("[1,]").error);
    CHECK(parse("{\"a\" 1}").error);
    CHECK(parse("[\"a\"\n").error);
}
