// What the fixtures of IAM009-IAM014 cannot show: messages and fixes, the size count on its own, and
// quotas that depend on a policy's attachment, which only a container format sets.
#include <algorithm>

#include <catch2/catch.hpp>

#include "iamlint/engine.hpp"
#include "iamlint/loader.hpp"
#include "kind_support.hpp"
#include "policy_size.hpp"

using namespace iamlint;

namespace {

PolicyDocument load(const std::string& text, std::optional<PolicyKind> kind = std::nullopt) {
    LoadOptions options;
    options.forced_kind = kind;
    options.format = InputFormat::Policy;  // fragments such as {"Sid": ...} are policies here
    auto loaded = load_file("policy.json", text, options);
    REQUIRE(loaded.documents.size() == 1);
    return std::move(loaded.documents.front());
}

std::vector<Finding> run(const char* rule_id, const PolicyDocument& document) {
    const Rule* rule = find_rule(rule_id);
    REQUIRE(rule != nullptr);
    Engine engine({rule}, Catalog::builtin());
    std::vector<Finding> findings;
    engine.analyze(document, findings);
    std::sort(findings.begin(), findings.end(), finding_order);
    return findings;
}

std::size_t size_of(const std::string& text) {
    auto document = load(text);
    REQUIRE(document.root != nullptr);
    return rules::kinds::policy_size(*document.source, *document.root);
}

// An identity policy of exactly `size` characters without whitespace.
std::string identity_policy_of_size(std::size_t size) {
    const std::string head =
        R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject",)"
        R"("Resource":"arn:aws:s3:::b/)";
    const std::string tail = R"("}]})";
    REQUIRE(size > head.size() + tail.size());
    return head + std::string(size - head.size() - tail.size(), 'k') + tail;
}

}  // namespace

TEST_CASE("policy size: the JSON text without whitespace outside strings, strings as written",
          "[rules][quota]") {
    CHECK(size_of(R"({"Statement":[]})") == 16);
    CHECK(size_of("{\n  \"Statement\" : [ ]\r\n}\n") == 16);
    // Whitespace inside strings counts; an escape counts as written; a non-ASCII character is one.
    CHECK(size_of(R"({"Sid":"a b"})") == 13);
    CHECK(size_of(R"({"Sid":"\u0041\n"})") == 18);
    CHECK(size_of("{\"Sid\":\"caf\xc3\xa9\"}") == 14);
    // Numbers and literals as written; repeated keys are all stored, so all count.
    CHECK(size_of(R"({"a":1.50,"b":true,"c":null,"a":[1, 2]})") == 38);
    CHECK(size_of(identity_policy_of_size(6'144)) == 6'144);
}

TEST_CASE("policy size: a value without JSON text of its own counts as its shortest JSON", "[rules][quota]") {
    SourceFile source("policy.yaml", "Sid: a\"b\n");
    JsonValue root;
    root.type = JsonType::Object;
    JsonValue sid;
    sid.type = JsonType::String;
    sid.text = "a\"b";
    sid.range = source.range(5, 3);
    JsonValue computed;
    computed.type = JsonType::String;
    computed.text = "arn:aws:s3:::${BucketName}/*";
    computed.computed = true;
    root.set_members({{"Sid", source.range(0, 3), sid}, {"Resource", {}, computed}});
    // {"Sid":"a\"b","Resource":""}
    CHECK(rules::kinds::policy_size(source, root) == 28);
}

TEST_CASE("IAM014 takes the quota of the policy's attachment", "[rules][quota]") {
    auto document = load(identity_policy_of_size(3'000));
    CHECK(run("IAM014", document).empty());  // a standalone file: a managed policy, 6,144
    document.attachment = PolicyAttachment::InlineUser;
    auto findings = run("IAM014", document);
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].message ==
          "the policy is 3,000 characters without whitespace, over the 2,048 that AWS accepts for the inline "
          "policies of a user (all together)");
    CHECK(findings[0].location.range.line == 1);
    CHECK(findings[0].location.range.column == 1);
    CHECK(findings[0].location.range.length == 1);
    document.attachment = PolicyAttachment::InlineGroup;
    CHECK(run("IAM014", document).empty());
    document.attachment = PolicyAttachment::InlineRole;
    CHECK(run("IAM014", document).empty());

    auto big = load(identity_policy_of_size(10'241));
    big.attachment = PolicyAttachment::InlineRole;
    REQUIRE(run("IAM014", big).size() == 1);
    big.kind = PolicyKind::PermissionsBoundary;
    CHECK(run("IAM014", big).front().message.find("6,144") != std::string::npos);
    big.kind = PolicyKind::Trust;
    CHECK(run("IAM014", big).front().message.find("and over the 8,192 it can be raised to") !=
          std::string::npos);
    big.kind = PolicyKind::Session;
    CHECK(run("IAM014", big).front().message.find("2,048 that AWS accepts for a session policy") !=
          std::string::npos);
    big.kind = PolicyKind::Unknown;
    CHECK(run("IAM014", big).empty());
    // A resource policy takes its service's quota: s3:GetObject only, an S3 bucket policy of 20 KB.
    big.kind = PolicyKind::Resource;
    CHECK(run("IAM014", big).empty());
}

TEST_CASE("the service of a resource policy is the one prefix all its actions share", "[rules][quota]") {
    auto one = load(R"({"Statement":[{"Action":["S3:GetObject","s3:*","*"]},{"Action":"s3:PutObject"}]})");
    CHECK(rules::kinds::single_service(one.policy) == std::optional<std::string>("s3"));
    auto two = load(R"({"Statement":[{"Action":"s3:GetObject"},{"Action":"kms:Decrypt"}]})");
    CHECK_FALSE(rules::kinds::single_service(two.policy));
    auto wildcard = load(R"({"Statement":[{"Action":"s*:GetObject"}]})");
    CHECK_FALSE(rules::kinds::single_service(wildcard.policy));
    auto none = load(R"({"Statement":[{"Action":"*"}]})");
    CHECK_FALSE(rules::kinds::single_service(none.policy));
    CHECK(rules::kinds::with_thousands(0) == "0");
    CHECK(rules::kinds::with_thousands(999) == "999");
    CHECK(rules::kinds::with_thousands(1'234'567) == "1,234,567");
}

TEST_CASE("IAM011 and IAM012 suggest a name that fits", "[rules]") {
    auto sids = load(R"({"Version":"2012-10-17","Statement":[
        {"Sid":"allow s3-read","Effect":"Allow","Action":"s3:GetObject","Resource":"*"},
        {"Sid":"Read","Effect":"Allow","Action":"s3:GetObject","Resource":"*"},
        {"Sid":"Read2","Effect":"Allow","Action":"s3:GetObject","Resource":"*"},
        {"Sid":"Read","Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]})");
    auto invalid = run("IAM011", sids);
    REQUIRE(invalid.size() == 1);
    CHECK(
        invalid[0].message ==
        "Sid \"allow s3-read\" contains a space: an identity policy accepts only A-Z, a-z and 0-9 in a Sid");
    CHECK(invalid[0].fix == "write it as \"allowS3Read\"");
    auto duplicate = run("IAM012", sids);
    REQUIRE(duplicate.size() == 1);
    CHECK(duplicate[0].location.json_pointer == "/Statement/3/Sid");
    CHECK(duplicate[0].fix == "rename this one, for example to \"Read3\"");
    REQUIRE(duplicate[0].related.size() == 1);
    CHECK(duplicate[0].related[0].location.json_pointer == "/Statement/1/Sid");
    // In a resource policy spaces are fine; the duplicate still is not.
    sids.kind = PolicyKind::Resource;
    CHECK(run("IAM011", sids).empty());
    CHECK(run("IAM012", sids).size() == 1);
}

TEST_CASE("IAM013 says where variables are not substituted and what is wrong with them", "[rules]") {
    auto document = load(R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject",
        "Resource":"arn:aws:s3:::b/${aws:username, 'x}/${aws:userid, 'anonymous'}",
        "Condition":{"DateGreaterThan":{"aws:CurrentTime":"${aws:TokenIssueTime}"},
                     "StringEquals":{"aws:PrincipalTag/${x}":"${aws:PrincipalTag/team}"}}}]})");
    auto findings = run("IAM013", document);
    REQUIRE(findings.size() == 3);
    CHECK(findings[0].message ==
          "the default value of \"${aws:username, 'x}\" misses its closing quote or has a stray one");
    CHECK(findings[0].location.range.column == 36);
    CHECK(findings[0].location.range.end_column == 55);
    CHECK(
        findings[1].message ==
        "IAM does not substitute policy variables in a DateGreaterThan condition: \"${aws:TokenIssueTime}\" "
        "stays literal text");
    CHECK(findings[2].message ==
          "IAM does not substitute policy variables in a condition key: \"${x}\" stays literal text");
    // Escaped JSON strings cannot be pointed into: the whole entry is reported.
    auto escaped = load(R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject",
        "Resource":"arn:aws:s3:::b/\u0024{}"}]})");
    auto whole = run("IAM013", escaped);
    REQUIRE(whole.size() == 1);
    CHECK(whole[0].message == "empty policy variable \"${}\"");
    CHECK(whole[0].location.range.column == 20);
    CHECK(whole[0].location.range.end_column == 45);
}
