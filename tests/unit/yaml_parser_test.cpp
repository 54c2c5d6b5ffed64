#include <memory>

#include <catch2/catch.hpp>

#include "iamlint/yaml.hpp"

using namespace iamlint;

namespace {

std::vector<std::unique_ptr<SourceFile>> sources;  // every text parsed, kept for its positions

JsonDocument parse(const std::string& text) {
    sources.push_back(std::make_unique<SourceFile>("test.yaml", text));
    return parse_yaml(*sources.back());
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

const JsonValue& get(const JsonValue& object, std::string_view key) {
    const JsonMember* member = object.find(key);
    REQUIRE(member);
    return member->value;
}

}  // namespace

TEST_CASE("YAML: every value and key keeps its exact range", "[yaml]") {
    const std::string text =
        "Version: '2012-10-17'\n"
        "Statement:\n"
        "  - Effect: Allow   # a comment\n"
        "    Action: [s3:GetObject, \"*\"]\n"
        "    Resource:\n"
        "    - arn:aws:s3:::b/*\n"
        "    Condition: {Bool: {aws:SecureTransport: true}}\n";
    auto doc = parse(text);
    REQUIRE_FALSE(doc.error);
    REQUIRE(doc.root.is_object());
    CHECK(at(doc.root.range) == "1:1-7:51");
    const JsonMember* version = doc.root.find("Version");
    REQUIRE(version);
    CHECK(at(version->key_range) == "1:1-1:8");
    CHECK(at(version->value.range) == "1:10-1:22");
    CHECK(version->value.text == "2012-10-17");

    const JsonValue& statements = get(doc.root, "Statement");
    REQUIRE(statements.is_array());
    CHECK(at(statements.range) == "3:3-7:51");
    const JsonValue& statement = statements.items()[0];
    CHECK(at(statement.range) == "3:5-7:51");
    CHECK(at(get(statement, "Effect").range) == "3:13-3:18");
    const JsonValue& actions = get(statement, "Action");
    CHECK(at(actions.range) == "4:13-4:32");
    CHECK(at(actions.items()[0].range) == "4:14-4:26");
    CHECK(at(actions.items()[1].range) == "4:28-4:31");
    CHECK(actions.items()[1].text == "*");
    const JsonValue& resources = get(statement, "Resource");
    CHECK(at(resources.range) == "6:5-6:23");
    CHECK(at(resources.items()[0].range) == "6:7-6:23");
    const JsonValue& secure = get(get(get(statement, "Condition"), "Bool"), "aws:SecureTransport");
    CHECK(secure.type == JsonType::Boolean);
    CHECK(secure.text == "true");
    CHECK(at(secure.range) == "7:45-7:49");
}

TEST_CASE("YAML: CRLF line ends, a byte order mark and non-ASCII text count as in JSON", "[yaml]") {
    auto doc = parse(
        "\xEF\xBB\xBF"
        "Sid: caf\xC3\xA9\r\nAction: \"s3:\xC3\xA9*\"\r\nResource: x\r\n");
    REQUIRE_FALSE(doc.error);
    CHECK(get(doc.root, "Sid").text == "caf\xC3\xA9");
    CHECK(at(doc.root.find("Sid")->key_range) == "1:1-1:4");
    CHECK(at(get(doc.root, "Sid").range) == "1:6-1:10");
    CHECK(at(get(doc.root, "Action").range) == "2:9-2:16");
    CHECK(at(get(doc.root, "Resource").range) == "3:11-3:12");
}

TEST_CASE("YAML: plain scalars follow the core schema, quoted ones stay strings", "[yaml]") {
    auto doc = parse(
        "a: true\nb: False\nc: 3600\nd: -1.5e3\ne: ~\nf: null\ng: yes\nh: '123'\ni: 0x1F\nj: 2012-10-17\n"
        "k: !!str 42\nl: !!int \"7\"\nm:\nn: 012345678901\n");
    REQUIRE_FALSE(doc.error);
    auto type_of = [&](std::string_view key) { return get(doc.root, key).type; };
    CHECK(type_of("a") == JsonType::Boolean);
    CHECK(get(doc.root, "b").text == "false");
    CHECK(type_of("c") == JsonType::Number);
    CHECK(get(doc.root, "d").text == "-1.5e3");
    CHECK(type_of("e") == JsonType::Null);
    CHECK(type_of("f") == JsonType::Null);
    CHECK(type_of("g") == JsonType::String);  // YAML 1.1's yes/no are strings in 1.2
    CHECK(type_of("h") == JsonType::String);
    CHECK(type_of("i") == JsonType::Number);
    CHECK(type_of("j") == JsonType::String);
    CHECK(type_of("k") == JsonType::String);
    CHECK(type_of("l") == JsonType::Number);
    CHECK(type_of("m") == JsonType::Null);
    CHECK(at(get(doc.root, "m").range) == "13:3-13:3");  // just after the ':', not on the next line
    CHECK(get(doc.root, "n").text == "012345678901");    // an account id keeps its digits
}

TEST_CASE("YAML: CloudFormation short-form tags become the long form", "[yaml]") {
    const std::string text =
        "A: !Sub 'arn:aws:s3:::${Bucket}/*'\n"
        "B: !GetAtt Role.Arn\n"
        "C: !If [IsProd, !Ref Bucket, !Ref AWS::NoValue]\n"
        "D: !Join\n"
        "  - ''\n"
        "  - - 'arn:'\n"
        "    - !Ref AWS::Partition\n"
        "E: !GetAZs\n"
        "F: !Condition IsProd\n"
        "G: !ImportValue\n"
        "    Fn::Sub: '${Stack}-Arn'\n";
    auto doc = parse(text);
    REQUIRE_FALSE(doc.error);
    const JsonValue& a = get(doc.root, "A");
    REQUIRE(a.is_object());
    REQUIRE(a.members().size() == 1);
    CHECK(a.members()[0].key == "Fn::Sub");
    CHECK(at(a.members()[0].key_range) == "1:4-1:8");
    CHECK(at(a.range) == "1:4-1:35");
    CHECK(get(a, "Fn::Sub").text == "arn:aws:s3:::${Bucket}/*");
    CHECK(at(get(a, "Fn::Sub").range) == "1:9-1:35");

    const JsonValue& get_att = get(get(doc.root, "B"), "Fn::GetAtt");
    REQUIRE(get_att.is_array());
    CHECK(get_att.items()[0].text == "Role");
    CHECK(at(get_att.items()[0].range) == "2:12-2:16");
    CHECK(get_att.items()[1].text == "Arn");
    CHECK(at(get_att.items()[1].range) == "2:17-2:20");

    const JsonValue& if_args = get(get(doc.root, "C"), "Fn::If");
    REQUIRE(if_args.items().size() == 3);
    CHECK(if_args.items()[0].text == "IsProd");
    CHECK(get(if_args.items()[1], "Ref").text == "Bucket");
    CHECK(get(if_args.items()[2], "Ref").text == "AWS::NoValue");
    CHECK(at(get(doc.root, "C").range) == "3:4-3:48");

    const JsonValue& join = get(get(doc.root, "D"), "Fn::Join");
    REQUIRE(join.items().size() == 2);
    CHECK(get(join.items()[1].items()[1], "Ref").text == "AWS::Partition");
    CHECK(at(get(doc.root, "D").range) == "4:4-7:26");

    CHECK(get(get(doc.root, "E"), "Fn::GetAZs").text.empty());
    CHECK(get(get(doc.root, "F"), "Condition").text == "IsProd");
    CHECK(get(get(get(doc.root, "G"), "Fn::ImportValue"), "Fn::Sub").text == "${Stack}-Arn");
}

TEST_CASE("YAML: anchors, aliases, block and folded scalars", "[yaml]") {
    const std::string text =
        "base: &actions\n"
        "  - s3:GetObject\n"
        "copy: *actions\n"
        "literal: |\n"
        "  line one\n"
        "    indented\n"
        "\n"
        "folded: >-\n"
        "  a\n"
        "  b\n"
        "plain: one\n"
        "  two\n"
        "next: x\n";
    auto doc = parse(text);
    REQUIRE_FALSE(doc.error);
    const JsonValue& copy = get(doc.root, "copy");
    REQUIRE(copy.is_array());
    CHECK(copy.items()[0].text == "s3:GetObject");
    CHECK(at(copy.items()[0].range) == "2:5-2:17");  // where the text that is edited is
    CHECK(get(doc.root, "literal").text == "line one\n  indented\n");
    CHECK(at(get(doc.root, "literal").range) == "4:10-6:13");
    CHECK(get(doc.root, "folded").text == "a b");
    CHECK(at(get(doc.root, "folded").range) == "8:9-10:4");
    CHECK(get(doc.root, "plain").text == "one two");
    CHECK(at(get(doc.root, "plain").range) == "11:8-12:6");
}

TEST_CASE("YAML: duplicate keys are recorded as the JSON parser records them", "[yaml]") {
    auto doc = parse("Statement:\n  - Effect: Allow\n    Action: a\n    Action: b\n");
    REQUIRE_FALSE(doc.error);
    REQUIRE(doc.duplicate_keys.size() == 1);
    const auto& duplicate = doc.duplicate_keys[0];
    CHECK(duplicate.key == "Action");
    CHECK(at(duplicate.first) == "3:5-3:11");
    CHECK(at(duplicate.duplicate) == "4:5-4:11");
    CHECK(duplicate.pointer == "/Statement/0/Action");
    const JsonValue& statement = get(doc.root, "Statement").items()[0];
    CHECK(statement.is_overridden(1));
    CHECK(get(statement, "Action").text == "b");
}

TEST_CASE("YAML: syntax errors are reported with a position, never thrown", "[yaml]") {
    SECTION("an unclosed flow mapping") {
        auto doc = parse("a: 1\nb: {x: 1\n");
        REQUIRE(doc.error);
        CHECK(doc.error->message.find("YAML syntax error") == 0);
        CHECK(doc.error->range.line == 3);
    }
    SECTION("a bad indentation") {
        auto doc = parse("a:\n  b: 1\n c: 2\n");
        REQUIRE(doc.error);
        CHECK(doc.error->range.line == 3);
    }
    SECTION("two documents") {
        auto doc = parse("a: 1\n---\nb: 2\n");
        REQUIRE(doc.error);
        CHECK(doc.error->message == "more than one YAML document in the file");
        CHECK(doc.error->range.line == 2);
    }
    SECTION("a trailing document marker is no second document") {
        CHECK_FALSE(parse("a: 1\n---\n").error);
    }
    SECTION("a mapping key that is a mapping") {
        auto doc = parse("? {a: 1}\n: x\n");
        REQUIRE(doc.error);
        CHECK(doc.error->message.find("mapping key") != std::string::npos);
    }
    SECTION("nesting too deep") {
        // yaml-cpp has a limit of its own, near kMaxJsonDepth; either one ends the parse with a position.
        auto doc = parse(std::string(kMaxJsonDepth + 1, '[') + std::string(kMaxJsonDepth + 1, ']'));
        REQUIRE(doc.error);
        CHECK(doc.error->range.line > 0);
    }
    SECTION("aliases that expand without end") {
        std::string text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
        for (char level = '1'; level <= '8'; ++level) {
            const std::string previous = std::string("*a").append(1, static_cast<char>(level - 1));
            text.append("a").append(1, level).append(": &a").append(1, level).append(" [").append(previous);
            for (int k = 0; k < 9; ++k) text.append(", ").append(previous);
            text.append("]\n");
        }
        auto doc = parse(text);
        REQUIRE(doc.error);
        CHECK(doc.error->message.find("aliases expand") != std::string::npos);
    }
    SECTION("a tab where indentation is expected") {
        auto doc = parse("a:\n\t- b\n");
        REQUIRE(doc.error);
        CHECK(doc.error->range.line >= 2);
    }
}
