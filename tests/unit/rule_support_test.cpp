#include <catch2/catch.hpp>

#include "iamlint/catalog.hpp"
#include "rule_support.hpp"

using namespace iamlint;
using namespace iamlint::rules;

TEST_CASE("condition keys with variable parts match like the catalog means them", "[rules]") {
    CHECK(condition_key_matches("aws:ResourceTag/${TagKey}", "aws:ResourceTag/team"));
    CHECK(condition_key_matches("aws:ResourceTag/${TagKey}", "AWS:resourcetag/cost-center"));
    CHECK_FALSE(condition_key_matches("aws:ResourceTag/${TagKey}", "aws:RequestTag/team"));
    CHECK(condition_key_matches("s3:prefix", "S3:Prefix"));
    CHECK_FALSE(condition_key_matches("s3:prefix", "s3:prefixes"));
    CHECK(condition_key_matches("codebuild:fileSystemLocations/${identifier}.type",
                                "codebuild:fileSystemLocations/efs.type"));
    CHECK_FALSE(condition_key_matches("codebuild:fileSystemLocations/${identifier}.type",
                                      "codebuild:fileSystemLocations/efs.location"));
}

TEST_CASE("an ARN covers every resource of a type only when it leaves every part of the format open",
          "[rules]") {
    const Action* get_object = Catalog::builtin().find_action("s3:GetObject");
    REQUIRE(get_object);
    const ResourceType* object = nullptr;
    for (const auto& use : get_object->resource_types) {
        if (use.type->name == "object") object = use.type;
    }
    REQUIRE(object);
    CHECK(covers_every_resource_of("*", *object));
    CHECK(covers_every_resource_of("arn:aws:s3:::*", *object));
    CHECK(covers_every_resource_of("arn:aws:s3:::*/*", *object));
    CHECK(covers_every_resource_of("arn:aws-cn:s3:::*/*", *object));
    CHECK_FALSE(covers_every_resource_of("arn:aws:s3:::acme-*/*", *object));
    CHECK_FALSE(covers_every_resource_of("arn:aws:s3:::acme-reports/*", *object));
    CHECK_FALSE(covers_every_resource_of("arn:aws:s3:::acme-reports/report.csv", *object));

    const Action* query = Catalog::builtin().find_action("dynamodb:Query");
    REQUIRE(query);
    bool any = false;
    for (const auto& use : query->resource_types)
        any = any || covers_every_resource_of("arn:aws:dynamodb:*:*:table/*", *use.type);
    CHECK(any);
    for (const auto& use : query->resource_types) {
        CHECK_FALSE(covers_every_resource_of("arn:aws:dynamodb:*:*:table/Orders", *use.type));
        CHECK_FALSE(covers_every_resource_of("arn:aws:dynamodb:eu-west-1:123456789012:table/*", *use.type));
    }
}
