// The condition semantics layer: operators, key lookup and value typing.
#include <catch2/catch.hpp>

#include "iamlint/conditions.hpp"
#include "test_support.hpp"

using namespace iamlint;

namespace {

Entry value(std::string text) {
    Entry entry;
    entry.text = std::move(text);
    return entry;
}

}  // namespace

TEST_CASE("condition operators: names, qualifiers and IfExists", "[conditions]") {
    auto ok = [](std::string_view raw) { return check_condition_operator(raw).problem.empty(); };
    CHECK(condition_operators().size() == 27);
    CHECK(ok("StringEquals"));
    CHECK(ok("ForAnyValue:StringLikeIfExists"));
    CHECK(ok("ForAllValues:ArnNotLike"));
    CHECK(ok("NotIpAddressIfExists"));
    CHECK(ok("BinaryEquals"));
    CHECK(ok("Null"));
    const auto check = check_condition_operator("ForAllValues:NumericLessThanEqualsIfExists");
    REQUIRE(check.info != nullptr);
    CHECK(check.info->name == "NumericLessThanEquals");
    CHECK(check.set == SetQualifier::ForAllValues);
    CHECK(check.if_exists);

    auto suggestion = [](std::string_view raw) {
        const auto result = check_condition_operator(raw);
        CHECK_FALSE(result.problem.empty());
        CHECK(result.info == nullptr);
        return result.suggestion;
    };
    CHECK(suggestion("StringEqual") == "StringEquals");
    CHECK(suggestion("stringEquals") == "StringEquals");
    CHECK(suggestion("StringEqualsifexists") == "StringEqualsIfExists");
    CHECK(suggestion("NullIfExists") == "Null");
    CHECK(suggestion("ForAllValue:StringLike") == "ForAllValues:StringLike");
    CHECK(suggestion("forallvalues:StringLike") == "ForAllValues:StringLike");
    CHECK(suggestion("ForAnyValues:ArnLikeIfExists") == "ForAnyValue:ArnLikeIfExists");
    CHECK(suggestion("DateAfter").empty());
    CHECK(suggestion("IfExists").empty());
    CHECK(check_condition_operator("ForAllValues:ForAnyValue:StringLike").problem.find("more than one") !=
          std::string::npos);
    CHECK(check_condition_operator("stringEquals").problem.find("case-sensitive") != std::string::npos);
}

TEST_CASE("the global key table: every record parses, with sources", "[conditions]") {
    const auto keys = global_condition_keys();
    CHECK(keys.size() >= 60);
    const std::string text = test::read_text(test::source_dir() / "data" / "global-condition-keys.tsv");
    CHECK(parse_global_condition_keys(text).size() == keys.size());
    for (const auto& key : keys) {
        INFO(key.name);
        CHECK_FALSE(key.types.empty());
        CHECK((key.source == "global" || key.source == "checks" || key.source == "sns" ||
               key.source.starts_with("managed:")));
    }
    CHECK_THROWS_WITH(parse_global_condition_keys("aws:X\tString\tsingle\tcurrent\t-\n"),
                      Catch::Contains("global-condition-keys.tsv:1: expected 6"));
    CHECK_THROWS_WITH(parse_global_condition_keys("# c\naws:X\tText\tsingle\tcurrent\t-\tglobal\n"),
                      Catch::Contains(":2: unknown type \"Text\""));
    CHECK_THROWS_WITH(parse_global_condition_keys("aws:X\tString\tsingle\tdeprecated\t-\tglobal\n"),
                      Catch::Contains("replacement"));
    CHECK_THROWS_WITH(parse_global_condition_keys("aws:X\tString\tsingle\tcurrent\t-\tglobal\n"
                                                  "AWS:x\tString\tsingle\tcurrent\t-\tglobal\n"),
                      Catch::Contains("duplicate"));
}

TEST_CASE("condition key names: case and variable parts", "[conditions]") {
    CHECK(condition_key_name_matches("aws:SourceIp", "AWS:sourceip"));
    CHECK(condition_key_name_matches("aws:RequestTag/${TagKey}", "aws:RequestTag/team"));
    CHECK(condition_key_name_matches("aws:ResourceTag/${TagKey}",
                                     "aws:resourcetag/aws:cloudformation:stack-name"));
    CHECK(condition_key_name_matches("s3:ExistingObjectTag/<key>", "s3:ExistingObjectTag/Classification"));
    CHECK(condition_key_name_matches("kms:EncryptionContext:${EncryptionContextKey}",
                                     "kms:EncryptionContext:aws:pi"));
    CHECK_FALSE(condition_key_name_matches("aws:RequestTag/${TagKey}", "aws:RequestTag/"));
    CHECK_FALSE(condition_key_name_matches("aws:RequestTag/${TagKey}", "aws:RequestTags/team"));
    CHECK_FALSE(condition_key_name_matches("aws:SourceIp", "aws:SourceIps"));
    CHECK(
        condition_key_name_matches("secretsmanager:ResourceTag/tag-key", "secretsmanager:ResourceTag/owner"));
    CHECK(condition_key_name_matches("sagemaker:ResourceTag/", "sagemaker:ResourceTag/team"));
    CHECK_FALSE(condition_key_name_matches("sagemaker:ResourceTag/", "sagemaker:ResourceTag/"));
    CHECK(condition_key_prefix("s3:prefix") == "s3");
    CHECK(condition_key_prefix("nocolon") == "nocolon");
}

TEST_CASE("condition keys: global table and catalog", "[conditions]") {
    const Catalog& catalog = Catalog::builtin();
    auto source_ip = find_condition_key(catalog, "aws:sourceIP");
    REQUIRE(source_ip);
    CHECK(source_ip->global);
    CHECK(source_ip->types.has(ValueType::IpAddress));
    CHECK(source_ip->values == Multiplicity::Single);

    auto tag_keys = find_condition_key(catalog, "aws:TagKeys");
    REQUIRE(tag_keys);
    CHECK(tag_keys->values == Multiplicity::Multi);
    CHECK(tag_keys->types.has(ValueType::String));

    auto request_tag = find_condition_key(catalog, "aws:RequestTag/CostCenter");
    REQUIRE(request_tag);
    CHECK(request_tag->name == "aws:RequestTag/${TagKey}");
    CHECK(request_tag->values == Multiplicity::Single);

    auto epoch = find_condition_key(catalog, "aws:EpochTime");
    REQUIRE(epoch);
    CHECK(epoch->types.has(ValueType::Date));
    CHECK(epoch->types.has(ValueType::Numeric));

    auto prefix = find_condition_key(catalog, "S3:Prefix");
    REQUIRE(prefix);
    CHECK_FALSE(prefix->global);
    CHECK(prefix->name == "s3:prefix");
    CHECK(prefix->types.has(ValueType::String));

    auto object_tag = find_condition_key(catalog, "s3:ExistingObjectTag/Classification");
    REQUIRE(object_tag);
    CHECK(object_tag->name == "s3:ExistingObjectTag/<key>");

    auto security_groups = find_condition_key(catalog, "ec2:Tenancy");
    REQUIRE(security_groups);

    // A key that lives under another service's list: SAML keys under sts.
    auto saml = find_condition_key(catalog, "saml:aud");
    REQUIRE(saml);
    CHECK_FALSE(saml->global);

    auto owner = find_condition_key(catalog, "AWS:SourceOwner");
    REQUIRE(owner);
    CHECK(owner->status == KeyStatus::Deprecated);
    CHECK(owner->replacement == "aws:SourceAccount");
    auto arn = find_condition_key(catalog, "aws:arn");
    REQUIRE(arn);
    CHECK(arn->status == KeyStatus::Unsupported);

    // identitystore:UserId: single-valued for AWS's global page, ArrayOfString for two services.
    auto user_id = find_condition_key(catalog, "identitystore:UserId");
    REQUIRE(user_id);
    CHECK(user_id->values == Multiplicity::Unknown);

    CHECK_FALSE(find_condition_key(catalog, "aws:SourceIpAddress"));
    CHECK_FALSE(find_condition_key(catalog, "s3:prefixes"));
    CHECK(suggest_condition_key(catalog, "aws:SourceIpAddress").empty());
    CHECK(suggest_condition_key(catalog, "aws:SoruceIp") == "aws:SourceIp");
    CHECK(suggest_condition_key(catalog, "aws:RequestTags/team") == "aws:RequestTag/team");
    CHECK(suggest_condition_key(catalog, "s3:prefixx") == "s3:prefix");
}

TEST_CASE("catalog key types", "[conditions]") {
    CHECK(parse_catalog_key_type("ArrayOfARN")->multi);
    CHECK(parse_catalog_key_type("ArrayOfARN")->type == ValueType::Arn);
    CHECK_FALSE(parse_catalog_key_type("String")->multi);
    CHECK(parse_catalog_key_type("IPAddress")->type == ValueType::IpAddress);
    CHECK_FALSE(parse_catalog_key_type("Long"));
    KeyTypes types;
    types.add(ValueType::Date);
    types.add(ValueType::Numeric);
    CHECK(describe(types) == "Numeric or Date");
}

TEST_CASE("condition values: Bool, Numeric, Binary, ARN", "[conditions]") {
    CHECK(is_bool_value("true"));
    CHECK(is_bool_value("FALSE"));
    CHECK_FALSE(is_bool_value("yes"));
    CHECK_FALSE(is_bool_value("1"));

    for (const char* number : {"0", "42", "-7", "+3", "2.0", ".5", "3.", "1e3", "2.5E-4"}) {
        INFO(number);
        CHECK(is_numeric_value(number));
    }
    for (const char* text : {"", "-", ".", "1e", "12a", "one", "1,000", "0x10"}) {
        INFO(text);
        CHECK_FALSE(is_numeric_value(text));
    }

    CHECK(is_binary_value("QmluYXJ5VmFsdWU="));
    CHECK(is_binary_value("YWI="));
    CHECK_FALSE(is_binary_value("YWI"));
    CHECK_FALSE(is_binary_value("not base64!"));

    CHECK(is_arn_value("arn:aws:s3:::bucket"));
    CHECK(is_arn_value("arn:aws:iam::*:role/admin"));
    CHECK(is_arn_value("arn:*"));
    CHECK_FALSE(is_arn_value("arn:aws:s3"));
    CHECK_FALSE(is_arn_value("bucket"));
    CHECK(value_fits(ValueType::Arn, value("*")));
    CHECK(value_fits(ValueType::Bool, value("${aws:MultiFactorAuthPresent}")));
    Entry computed = value("${Ref:Flag}");
    computed.computed = true;
    CHECK(value_fits(ValueType::Numeric, computed));
    CHECK_FALSE(value_fits(ValueType::Numeric, value("ten")));
    CHECK(value_fits(ValueType::String, value("anything at all")));
}

TEST_CASE("condition values: dates in ISO 8601 and epoch seconds", "[conditions]") {
    for (const char* date : {"2026", "2026-01", "2026-01-31", "20260131", "2024-02-29", "2026-01-31T12:00Z",
                             "2026-01-31T12:00:00Z", "2026-01-31T12:00:00.123Z", "2026-01-31T12:00:00+01:00",
                             "2026-01-31T12:00:00-0500", "2026-01-31T12:00:00", "20260131T120000Z",
                             "1735689600", "2026-01-31t00:00:00z"}) {
        INFO(date);
        CHECK(is_date_value(date));
    }
    for (const char* text :
         {"", "yesterday", "2026-13-01", "2026-02-30", "2025-02-29", "2026-01-31T25:00:00Z",
          "2026-01-31T12:60:00Z", "2026-1-31", "2026-01-31 12:00:00", "2026-01-31T12Z",
          "2026-01-31T12:00:00+1", "2026-01-31T12:00:00ZZ", "-1"}) {
        INFO(text);
        CHECK_FALSE(is_date_value(text));
    }
}

TEST_CASE("condition values: IPv4 and IPv6 ranges", "[conditions]") {
    for (const char* ip :
         {"203.0.113.0/24", "203.0.113.7", "0.0.0.0/0", "2001:DB8:1234:5678::/64", "::1", "::", "fe80::1%",
          "2001:db8::8a2e:370:7334", "::ffff:192.0.2.1", "1:2:3:4:5:6:7:8", "1::", "1:2:3:4:5:6::8"}) {
        INFO(ip);
        if (std::string_view(ip).find('%') != std::string_view::npos) {
            CHECK_FALSE(parse_ip_range(ip));  // zone indexes are not allowed
        } else {
            CHECK(parse_ip_range(ip));
        }
    }
    for (const char* text : {"", "256.0.0.1", "1.2.3", "1.2.3.4.5", "1.2.3.4/33", "1.2.3.4/", "1.2.3.4/08",
                             "2001:db8::/129", "1:2:3:4:5:6:7:8:9", "1::2::3",
                             "12345::", "gggg::", "1.2.3.4 ", ":1:2", "1:2:3:4:5:6:7:", "203.0.113.0/24/8"}) {
        INFO(text);
        CHECK_FALSE(parse_ip_range(text));
    }
    auto v6 = parse_ip_range("2001:db8::8a2e:370:7334/64");
    REQUIRE(v6);
    CHECK(v6->v6);
    CHECK(v6->prefix == 64);
    CHECK(v6->bytes[0] == 0x20);
    CHECK(v6->bytes[1] == 0x01);
    CHECK(v6->bytes[15] == 0x34);
    auto mapped = parse_ip_range("::ffff:192.0.2.1");
    REQUIRE(mapped);
    CHECK(mapped->bytes[10] == 0xff);
    CHECK(mapped->bytes[12] == 192);
    CHECK(mapped->bytes[15] == 1);
}

TEST_CASE("private address space", "[conditions]") {
    auto space = [](const char* text) {
        auto range = parse_ip_range(text);
        REQUIRE(range);
        return private_address_space(*range);
    };
    CHECK(space("10.1.2.3") == "private (RFC 1918)");
    CHECK(space("172.31.0.0/16") == "private (RFC 1918)");
    CHECK(space("192.168.0.0/16") == "private (RFC 1918)");
    CHECK(space("127.0.0.1") == "loopback");
    CHECK(space("169.254.169.254") == "link-local");
    CHECK(space("::1") == "loopback");
    CHECK(space("fe80::/10") == "link-local");
    CHECK(space("fd12:3456::/48") == "unique local (RFC 4193)");
    CHECK_FALSE(space("172.32.0.0/16"));
    CHECK_FALSE(space("10.0.0.0/7"));  // also covers 11/8, which is public
    CHECK_FALSE(space("0.0.0.0/0"));
    CHECK_FALSE(space("203.0.113.0/24"));
    CHECK_FALSE(space("2001:db8::/32"));
    CHECK_FALSE(space("::ffff:10.0.0.1"));
}
