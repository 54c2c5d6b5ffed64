// The helpers that the sensitive-action rules (IAM302-IAM306) share: rules/sensitive_support.hpp.
#include <catch2/catch.hpp>

#include "sensitive_support.hpp"

using namespace iamlint;

TEST_CASE("roles: every role of every account or of one, not a path or a name", "[sensitive]") {
    using rules::matches_every_role;
    constexpr std::string_view a = "role/iamlint-sample-1";
    constexpr std::string_view b = "role/service-role/Other_2";
    CHECK(matches_every_role("*", a, b));
    CHECK(matches_every_role("arn:aws:iam::*:role/*", a, b));
    CHECK(matches_every_role("arn:aws:iam::111122223333:role/*", a, b));
    CHECK(matches_every_role("arn:aws:iam::111122223333:*", a, b));
    CHECK(matches_every_role("arn:*:*:*:*:*", a, b));
    CHECK_FALSE(matches_every_role("arn:aws:iam::*:role/service-role/*", a, b));
    CHECK_FALSE(matches_every_role("arn:aws:iam::111122223333:role/app-*", a, b));
    CHECK_FALSE(matches_every_role("arn:aws:iam::111122223333:role/${aws:username}", a, b));
    CHECK_FALSE(matches_every_role("arn:aws:s3:::*", a, b));
    CHECK_FALSE(matches_every_role("arn:aws:iam:us-east-1:*:role/*", a, b));
}
