#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

#include "iamlint/compact_string.hpp"
#include "iamlint/json.hpp"

using namespace iamlint;

namespace {
JsonValue string_value(std::string_view text) {
    JsonValue value;
    value.type = JsonType::String;
    value.text = text;
    return value;
}

JsonValue array_of(std::vector<std::string_view> texts) {
    JsonValue array;
    array.type = JsonType::Array;
    std::vector<JsonValue> items;
    for (std::string_view text : texts) items.push_back(string_value(text));
    array.set_items(std::move(items));
    return array;
}
}  // namespace

TEST_CASE("CompactString keeps short strings inline and long ones on the heap, alike to its users",
          "[json]") {
    static_assert(sizeof(CompactString) == 16);
    for (const std::size_t size : {0u, 1u, 15u, 16u, 100u}) {
        const std::string text(size, 'x');
        CompactString kept(text);
        CHECK(kept == text);
        CHECK(kept.size() == size);
        CompactString copy = kept;
        CHECK(copy == text);
        CompactString moved = std::move(copy);
        CHECK(moved == text);
        CHECK(copy.empty());             // a moved-from string is empty
        moved = moved.substr(size / 2);  // assigned a part of itself
        CHECK(moved == text.substr(size / 2));
        CHECK(std::string(kept) + "!" == kept + "!");
    }
    CHECK(CompactString("a") != CompactString("b"));
    CHECK("arn:aws:s3:::bucket/*" == CompactString("arn:aws:s3:::bucket/*"));
}

TEST_CASE("a JsonValue owns its items or members: copies are deep, moves take them", "[json]") {
    JsonValue array = array_of({"s3:GetObject", "a string longer than fifteen bytes"});
    REQUIRE(array.items().size() == 2);
    CHECK(array.members().empty());

    JsonValue copy = array;
    copy.items()[0].text = "changed";
    CHECK(array.items()[0].text == "s3:GetObject");
    CHECK(copy.items()[1].text == "a string longer than fifteen bytes");

    JsonValue moved = std::move(copy);
    CHECK(moved.items().size() == 2);
    CHECK(copy.items().empty());  // a moved-from value has no children

    JsonValue object;
    object.type = JsonType::Object;
    std::vector<JsonMember> members(1);
    members[0].key = "Action";
    members[0].value = std::move(moved);
    members.reserve(8);
    object.set_members(std::move(members));
    CHECK(members.empty());  // left empty for reuse, its capacity kept
    CHECK(members.capacity() >= 8);
    REQUIRE(object.find("Action") != nullptr);
    CHECK(object.find("Action")->value.items()[1].text == "a string longer than fifteen bytes");
    CHECK(object.items().empty());

    object = array;  // replaces the members by a copy of the items
    CHECK(object.members().empty());
    CHECK(object.items().size() == 2);
}

TEST_CASE("a JsonValue can be replaced by one of its own descendants", "[json]") {
    JsonValue outer = array_of({"x"});
    std::vector<JsonValue> items;
    items.push_back(array_of({"a string longer than fifteen bytes", "s3:GetObject"}));
    outer.set_items(std::move(items));
    // The item lives in the children that the assignment frees (ASan reports a use after free if the
    // children go before the item is taken).
    outer = std::move(outer.items()[0]);
    REQUIRE(outer.items().size() == 2);
    CHECK(outer.items()[0].text == "a string longer than fifteen bytes");
    CHECK(outer.items()[1].text == "s3:GetObject");
}
