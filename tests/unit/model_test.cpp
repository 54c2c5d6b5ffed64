#include <catch2/catch.hpp>

#include <string>

#include "iamlint/arn.hpp"
#include "iamlint/json.hpp"
#include "iamlint/loader.hpp"

using namespace iamlint;

namespace {
PolicyDocument load(const std::string& text, LoadOptions options = {}) {
    auto loaded = load_file("policy.json", text, options);
    REQUIRE(loaded.documents.size() == 1);
    return std::move(loaded.documents.front());
}
}  // namespace

TEST_CASE("statements as an object or an array, values as a string or an array", "[model]") {
    auto single = load(
        R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}})");
    REQUIRE(single.policy.statements.size() == 1);
    const auto& s = single.policy.statements[0];
    CHECK(s.place.pointer == "/Statement");
    CHECK(s.is_allow());
    REQUIRE(s.actions.entries.size() == 1);
    CHECK(s.actions.entries[0].place.pointer == "/Statement/Action");
    CHECK(s.resources.entries[0].text == "*");

    auto list = load(
        R"({"Statement":[{"Effect":"Deny","NotAction":["iam:*","sts:*"],"NotResource":["arn:aws:iam::*:role/admin"]},
                                      "not a statement",
                                      {"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]})");
    REQUIRE(list.policy.statements.size() == 2);
    const auto& deny = list.policy.statements[0];
    CHECK(deny.effect == Effect::Deny);
    CHECK(deny.actions.negated);
    CHECK(deny.resources.negated);
    CHECK(deny.actions.entries[1].place.pointer == "/Statement/0/NotAction/1");
    CHECK(list.location(deny.actions.entries[1].place).range.column == 53);
    CHECK(list.policy.statements[1].index == 2);
    CHECK(list.policy.statements[1].place.pointer == "/Statement/2");
}

TEST_CASE("conditions: operators split into qualifier, base and IfExists; non-string values kept",
          "[model]") {
    auto doc = load(R"({"Statement":[{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*","Condition":{
        "ForAnyValue:StringLikeIfExists":{"aws:TagKeys":["team","cost-*"]},
        "Bool":{"aws:SecureTransport":true},
        "NumericLessThan":{"s3:max-keys":10},
        "ForAllValues:StringEquals":{"aws:TagKeys":"team"}}}]})");
    const auto& conditions = doc.policy.statements.at(0).conditions;
    REQUIRE(conditions.size() == 4);
    CHECK(conditions[0].op.set == SetQualifier::ForAnyValue);
    CHECK(conditions[0].op.base == "StringLike");
    CHECK(conditions[0].op.if_exists);
    CHECK(conditions[0].values.size() == 2);
    CHECK(conditions[0].values[1].place.pointer ==
          "/Statement/0/Condition/ForAnyValue:StringLikeIfExists/aws:TagKeys/1");
    CHECK(conditions[1].values.at(0).json_type == JsonType::Boolean);
    CHECK(conditions[1].values.at(0).text == "true");
    CHECK(conditions[2].values.at(0).json_type == JsonType::Number);
    CHECK(conditions[2].values.at(0).text == "10");
    CHECK(conditions[3].op.set == SetQualifier::ForAllValues);
    CHECK_FALSE(conditions[3].op.if_exists);

    auto bare = parse_condition_operator("IfExists");
    CHECK(bare.base == "IfExists");
    CHECK_FALSE(bare.if_exists);
}

TEST_CASE("principals: the string form and every typed form", "[model]") {
    auto doc =
        load(R"({"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"},
        {"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::111122223333:root","444455556666"],"Service":"lambda.amazonaws.com"},
         "Action":"sqs:SendMessage","Resource":"*"}]})");
    const auto& any = doc.policy.statements[0].principals;
    REQUIRE(any.entries.size() == 1);
    CHECK(any.entries[0].type == "*");
    const auto& typed = doc.policy.statements[1].principals;
    REQUIRE(typed.entries.size() == 3);
    CHECK(typed.entries[1].type == "AWS");
    CHECK(typed.entries[1].value.text == "444455556666");
    CHECK(typed.entries[1].value.place.pointer == "/Statement/1/Principal/AWS/1");
    CHECK(typed.entries[2].type == "Service");
}

TEST_CASE("policy kind detection, and --policy-kind forcing it", "[model]") {
    CHECK(load(R"({"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]})").kind ==
          PolicyKind::Identity);
    CHECK(
        load(
            R"({"Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":["sts:AssumeRole","sts:TagSession"]}]})")
            .kind == PolicyKind::Trust);
    CHECK(
        load(
            R"({"Statement":[{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"},"Action":"sts:AssumeRoleWithWebIdentity"}]})")
            .kind == PolicyKind::Trust);
    CHECK(
        load(
            R"({"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]})")
            .kind == PolicyKind::Resource);
    auto forced = load(R"({"Statement":[]})", LoadOptions{PolicyKind::Scp});
    CHECK(forced.kind == PolicyKind::Scp);
    CHECK(forced.kind_forced);
    CHECK(load("{not json").kind == PolicyKind::Unknown);
    CHECK(parse_policy_kind("Permissions-Boundary") == PolicyKind::PermissionsBoundary);
    CHECK_FALSE(parse_policy_kind("banana"));
}

TEST_CASE("ARN fields and resources that match everything", "[model][arn]") {
    auto arn = split_arn("arn:aws:logs:us-east-1:123456789012:log-group:app:*");
    REQUIRE(arn);
    CHECK(arn->service == "logs");
    CHECK(arn->account == "123456789012");
    CHECK(arn->resource == "log-group:app:*");
    CHECK_FALSE(split_arn("arn:aws:s3"));
    CHECK_FALSE(split_arn("s3:::bucket"));

    CHECK(matches_every_resource("*"));
    CHECK(matches_every_resource("arn:*:*:*:*:*"));
    CHECK(matches_every_resource("arn:aws:*:*:*:*"));
    CHECK_FALSE(matches_every_resource("arn:aws:s3:::*"));
}

TEST_CASE("a large policy's statements read on several threads give the one-thread model", "[model]") {
    // Enough statements to be read in ranges, with items that are no statement among them.
    std::string text = R"({"Statement":[)";
    for (int i = 0; i < 5000; ++i) {
        if (i > 0) text += ",";
        text +=
            i % 7 == 3
                ? R"("not a statement")"
                : R"({"Sid":"S)" + std::to_string(i) +
                      R"(","Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"arn:aws:s3:::b)" +
                      std::to_string(i) + R"(/*","Condition":{"Bool":{"aws:SecureTransport":"true"}}})";
    }
    text += "]}";
    const SourceFile source("policy.json", text);
    const JsonDocument syntax = parse_json(source);
    REQUIRE_FALSE(syntax.error);
    auto describe = [](const Policy& policy) {
        std::string out;
        for (const Statement& s : policy.statements) {
            out += std::to_string(s.index) + " " + s.place.pointer.str() + " " +
                   std::to_string(s.place.range.offset) + " " + s.sid->text;
            for (const Entry& e : s.actions.entries) out += " " + e.text + "@" + e.place.pointer.str();
            for (const Entry& e : s.resources.entries) out += " " + e.text;
            for (const Condition& c : s.conditions) out += " " + c.key + "@" + c.key_place.pointer.str();
            out += "\n";
        }
        return out;
    };
    const Policy serial = build_policy(syntax.root);
    REQUIRE(serial.statements.size() == 5000 - 714);
    CHECK(describe(build_policy(syntax.root, "", 3)) == describe(serial));
}
