// The helpers the grammar rules share (rules/grammar_support.hpp).
#include <catch2/catch.hpp>

#include "grammar_support.hpp"
#include "iamlint/loader.hpp"

using namespace iamlint;
using namespace iamlint::rules::grammar;

namespace {

LoadedFile load(std::string text) {
    LoadOptions options;
    options.format = InputFormat::Policy;  // fragments are policies here
    return load_file("test.json", std::move(text), options);
}

}  // namespace

TEST_CASE("closest_name: case first, then one or two edits", "[grammar]") {
    CHECK(closest_name("action", kStatementElements) == "Action");
    CHECK(closest_name("RESOURCE", kStatementElements) == "Resource");
    CHECK(closest_name("dAction", kStatementElements) == "Action");
    CHECK(closest_name("Actoin", kStatementElements) == "Action");  // a swap is one edit
    CHECK(closest_name("Conditions", kStatementElements) == "Condition");
    CHECK(closest_name("NotActions", kStatementElements) == "NotAction");
    CHECK(closest_name("Statment", kPolicyElements) == "Statement");
    CHECK(closest_name("Services", kPrincipalTypes) == "Service");
    CHECK(closest_name("aws", kPrincipalTypes) == "AWS");
    // Short names allow one edit only, and names far from every known one get no suggestion.
    CHECK_FALSE(closest_name("Sd2", kStatementElements));
    CHECK_FALSE(closest_name("Comment", kStatementElements));
    CHECK_FALSE(closest_name("Description", kPolicyElements));
    CHECK_FALSE(closest_name(std::string(100000, 'A'), kStatementElements));
}

TEST_CASE("value_place: the whole token, or the opening bracket of a block over several lines", "[grammar]") {
    auto loaded = load("{\"a\": [1, 2], \"b\": [\n  1\n], \"c\": \"x\"}");
    const PolicyDocument& document = loaded.documents.front();
    const JsonValue& root = *document.root;
    const SourceRange one_line =
        document.location(value_place(*document.source, root.find("a")->value, "/a")).range;
    CHECK(one_line.column == 7);
    CHECK(one_line.end_column == 13);
    const Place block = value_place(*document.source, root.find("b")->value, "/b");
    const SourceRange block_range = document.location(block).range;
    CHECK(block_range.line == 1);
    CHECK(block_range.end_line == 1);
    CHECK(block_range.column == 20);
    CHECK(block_range.end_column == 21);
    CHECK(block_range.length == 1);
    CHECK(block.pointer == "/b");
}

TEST_CASE("missing_element_place: the first key, or the empty object", "[grammar]") {
    auto loaded = load("{\"Statement\": [{\n  \"Sid\": \"A\"}, {}]}");
    const auto& document = loaded.documents.front();
    const auto statements = statements_of(*document.root, document.root_pointer);
    REQUIRE(statements.size() == 2);
    const Place first = missing_element_place(*document.source, statements[0].value, statements[0].pointer);
    const SourceRange first_range = document.location(first).range;
    CHECK(first_range.line == 2);
    CHECK(first_range.column == 3);
    CHECK(first_range.end_column == 8);
    CHECK(first.pointer == "/Statement/0");
    const SourceRange empty =
        document.location(missing_element_place(*document.source, statements[1].value, statements[1].pointer))
            .range;
    CHECK(empty.column == 16);
    CHECK(empty.end_column == 18);
}

TEST_CASE("statements_of: objects of the array, or the one object; other items are no statements",
          "[grammar]") {
    auto array = load(R"({"Statement": [{"Effect": "Allow"}, "x", 3, {"Effect": "Deny"}]})");
    auto statements = statements_of(*array.documents.front().root, "");
    REQUIRE(statements.size() == 2);
    CHECK(statements[0].pointer == "/Statement/0");
    CHECK(statements[1].pointer == "/Statement/3");

    auto object = load(R"({"Statement": {"Effect": "Allow"}})");
    statements = statements_of(*object.documents.front().root, "");
    REQUIRE(statements.size() == 1);
    CHECK(statements[0].pointer == "/Statement");

    auto none = load(R"({"Statement": "Allow"})");
    CHECK(statements_of(*none.documents.front().root, "").empty());
}

TEST_CASE("find_case_variant and describe_type", "[grammar]") {
    auto loaded = load(R"({"statement": [], "Version": null})");
    const JsonValue& root = *loaded.documents.front().root;
    REQUIRE(find_case_variant(root, "Statement") != nullptr);
    CHECK(find_case_variant(root, "Statement")->key == "statement");
    CHECK(find_case_variant(root, "Version") == nullptr);  // the exact name is no variant
    CHECK(find_member(root, "Statement") == nullptr);
    CHECK(describe_type(root.find("Version")->value) == "null");
    CHECK(describe_type(root.find("statement")->value) == "an array");
    CHECK(rules::in_quotes("Action") == "\"Action\"");
}
