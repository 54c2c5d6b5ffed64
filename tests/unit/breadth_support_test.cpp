#include <catch2/catch.hpp>

#include "breadth_support.hpp"
#include "iamlint/catalog.hpp"
#include "rule_support.hpp"

using namespace iamlint;
using namespace iamlint::rules;

TEST_CASE("a pattern covers another only when it matches everything the other can match",
          "[rules][breadth]") {
    // Literals and exact duplicates; actions ignore case, resources do not.
    CHECK(pattern_covers("s3:GetObject", "s3:GetObject", false));
    CHECK(pattern_covers("s3:Get*", "S3:getobject", true));
    CHECK_FALSE(pattern_covers("s3:Get*", "S3:getobject", false));
    CHECK_FALSE(pattern_covers("s3:GetObject", "s3:GetObjectAcl", true));
    // A star of the general pattern stands for wildcards of the specific one.
    CHECK(pattern_covers("s3:Get*", "s3:GetObject*", true));
    CHECK(pattern_covers("*", "s3:*", true));
    CHECK(pattern_covers("s3:*Object", "s3:G?tObject", true));
    CHECK(pattern_covers("arn:aws:s3:::acme/*", "arn:aws:s3:::acme/${aws:username}/*", false));
    CHECK(pattern_covers("a**b", "a*b", false));
    CHECK(pattern_covers("a?c", "a?c", false));
    CHECK(pattern_covers("a*", "a?", false));
    // ... but a literal or a '?' never stands for a '*', and a literal never for a '?'.
    CHECK_FALSE(pattern_covers("a?c", "a*c", false));
    CHECK_FALSE(pattern_covers("abc", "a?c", false));
    CHECK_FALSE(pattern_covers("s3:GetObject*", "s3:Get*", true));
    CHECK_FALSE(pattern_covers("arn:aws:s3:::acme/*", "arn:aws:s3:::acme", false));
    CHECK_FALSE(pattern_covers("a*b", "a*", false));
    CHECK_FALSE(pattern_covers("", "a", false));
    CHECK(pattern_covers("*", "", false));
    // Nested stars stay fast: one resume point, no exponential backtracking.
    CHECK_FALSE(pattern_covers("*a*a*a*a*a*a*a*a*a*a*a*a*b", std::string(200, 'a'), false));
}

TEST_CASE("the breadth rules' action tables name actions of the catalog", "[rules][breadth]") {
    const Catalog& catalog = Catalog::builtin();
    for (const auto& read : secret_reads()) {
        INFO(read.action);
        const Action* action = catalog.find_action(read.action);
        REQUIRE(action != nullptr);
        // Spelled as the catalog does, since the rule compares qualified names.
        CHECK(qualified_name(*action) == read.action);
        CHECK_FALSE(action->accepts_only_wildcard_resource());
    }
    for (std::string_view name : destructive_actions()) {
        INFO(name);
        const Action* action = catalog.find_action(name);
        REQUIRE(action != nullptr);
        CHECK((action->access_level == AccessLevel::Write ||
               action->access_level == AccessLevel::PermissionsManagement));
    }
}

TEST_CASE("entries are named in messages like actions are", "[rules][breadth]") {
    std::vector<Entry> entries(5);
    for (std::size_t i = 0; i < entries.size(); ++i) entries[i].text = {'e', static_cast<char>('0' + i)};
    CHECK(describe_entries(std::span(entries).first(1)) == "e0");
    CHECK(describe_entries(std::span(entries).first(2)) == "e0 and e1");
    CHECK(describe_entries(std::span(entries).first(3)) == "e0, e1 and e2");
    CHECK(describe_entries(entries) == "e0, e1, e2 and 2 more");
}
