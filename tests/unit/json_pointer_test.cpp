#include <catch2/catch.hpp>

#include <string>
#include <thread>
#include <vector>

#include "iamlint/json.hpp"
#include "iamlint/json_pointer.hpp"

using namespace iamlint;

TEST_CASE("a JSON pointer reads as its text, and copies keep it", "[json_pointer]") {
    const JsonPointer empty;
    CHECK(empty.empty());
    CHECK(empty.size() == 0);
    CHECK(empty == "");
    CHECK(empty.str().empty());
    CHECK(JsonPointer("").empty());

    const std::string text = "/RoleDetailList/1234/RolePolicyList/0/PolicyDocument/Statement/3/Action/2";
    JsonPointer pointer(text);
    CHECK(pointer == text);
    CHECK(pointer.str() == text);
    CHECK(pointer.size() == text.size());
    CHECK(!pointer.empty());

    JsonPointer copy = pointer;
    JsonPointer moved = std::move(copy);
    CHECK(copy.empty());
    CHECK(moved == text);

    JsonPointer assigned("/Statement");
    assigned = pointer;
    CHECK(assigned == text);
    const JsonPointer& itself = assigned;  // through a reference: compilers warn of a plain `x = x`
    assigned = itself;                     // self-assignment keeps the text alive
    CHECK(assigned == text);
    pointer = JsonPointer("/Version");
    CHECK(pointer == "/Version");
    CHECK(assigned == text);  // the other owners keep theirs
    CHECK(moved.str() == assigned.str());
}

TEST_CASE("a JSON pointer's children spell out their parent's text and keep it alive", "[json_pointer]") {
    JsonPointer root("/RoleDetailList/1234/RolePolicyList/0/PolicyDocument");
    JsonPointer statement = json_pointer_child(json_pointer_child(root, "Statement"), 3);
    JsonPointer action = json_pointer_child(statement, "Action");
    JsonPointer entry = json_pointer_child(action, 2);
    root = JsonPointer();  // the children still hold the nodes they are made of
    statement = JsonPointer();
    const std::string text = "/RoleDetailList/1234/RolePolicyList/0/PolicyDocument/Statement/3/Action/2";
    CHECK(entry.str() == text);
    CHECK(entry.size() == text.size());
    CHECK(entry == text);
    CHECK(action == "/RoleDetailList/1234/RolePolicyList/0/PolicyDocument/Statement/3/Action");
    // Equal lengths, a different token anywhere: not equal.
    CHECK_FALSE(entry == "/RoleDetailList/1234/RolePolicyList/0/PolicyDocument/Statement/4/Action/2");
    CHECK_FALSE(entry == "/RoleDetailList/1234/RolePolicyList/1/PolicyDocument/Statement/3/Action/2");
    CHECK_FALSE(entry == "/RoleDetailList/1234/RolePolicyList/0/PolicyDocument/Statement/3/Action~2");
    CHECK_FALSE(entry == text + "/0");

    // From the whole document, and with a key that needs escaping (RFC 6901).
    CHECK(json_pointer_child(JsonPointer(), "Statement") == "/Statement");
    CHECK(json_pointer_child(JsonPointer(), "a/b~c").str() == "/a~1b~0c");
    CHECK(json_pointer_child(json_pointer_child(JsonPointer(), ""), 0).str() == "//0");
}

TEST_CASE("copies and children of a JSON pointer are made and dropped on many threads", "[json_pointer]") {
    const std::string text = "/Statement/0/Resource/";
    std::vector<JsonPointer> originals;
    const JsonPointer resource("/Statement/0/Resource");
    for (int i = 0; i < 64; ++i)
        originals.push_back(json_pointer_child(resource, static_cast<std::size_t>(i)));
    // Every thread copies and drops each pointer, and makes and drops children of it, many times; then
    // the originals are dropped, first or last at random: a count that lost an update frees a node
    // still in use (ASan, or a wrong read).
    std::vector<std::thread> threads;
    std::vector<std::vector<JsonPointer>> kept(4);
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            for (int round = 0; round < 2000; ++round) {
                for (const auto& original : originals) {
                    JsonPointer copy = original;
                    JsonPointer other;
                    other = copy;
                    JsonPointer child = json_pointer_child(other, "Key");
                    if (round == 0) kept[t].push_back(child);
                }
            }
        });
    }
    for (auto& thread : threads) thread.join();
    originals.clear();
    for (const auto& copies : kept) {
        REQUIRE(copies.size() == 64);
        for (std::size_t i = 0; i < copies.size(); ++i) CHECK(copies[i] == text + std::to_string(i) + "/Key");
    }
}
