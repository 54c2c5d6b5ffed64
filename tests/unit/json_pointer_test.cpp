#include <catch2/catch.hpp>

#include <string>
#include <thread>
#include <vector>

#include "iamlint/json_pointer.hpp"

using namespace iamlint;

TEST_CASE("a JSON pointer reads as its text, and copies share it", "[json_pointer]") {
    const JsonPointer empty;
    CHECK(empty.empty());
    CHECK(empty.size() == 0);
    CHECK(empty == "");
    CHECK(JsonPointer("").empty());

    const std::string text = "/RoleDetailList/1234/RolePolicyList/0/PolicyDocument/Statement/3/Action/2";
    JsonPointer pointer(text);
    CHECK(pointer == text);
    CHECK(pointer.size() == text.size());
    CHECK(!pointer.empty());

    JsonPointer copy = pointer;
    CHECK(copy.view().data() == pointer.view().data());  // one allocation for both
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
    CHECK(moved.view() == assigned.view());
}

TEST_CASE("copies of a JSON pointer are made and dropped on many threads", "[json_pointer]") {
    const std::string text = "/Statement/0/Resource/1";
    std::vector<JsonPointer> originals;
    for (int i = 0; i < 64; ++i) originals.emplace_back(text + std::to_string(i));
    // Every thread copies and drops each pointer many times, then the originals are dropped last or
    // first at random: a count that lost an update frees a text still in use (ASan, or a wrong read).
    std::vector<std::thread> threads;
    std::vector<std::vector<JsonPointer>> kept(4);
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            for (int round = 0; round < 2000; ++round) {
                for (const auto& original : originals) {
                    JsonPointer copy = original;
                    JsonPointer other;
                    other = copy;
                    if (round == 0) kept[t].push_back(other);
                }
            }
        });
    }
    for (auto& thread : threads) thread.join();
    originals.clear();
    for (const auto& copies : kept) {
        REQUIRE(copies.size() == 64);
        for (std::size_t i = 0; i < copies.size(); ++i) CHECK(copies[i] == text + std::to_string(i));
    }
}
