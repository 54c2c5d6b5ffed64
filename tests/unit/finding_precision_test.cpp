// What the grant-breadth and principal rules say, and how often (issue 11, classes 6, 7, 13 and the
// trust-policy class of issue 17): one finding per token, messages that say what AWS does.
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "iamlint/engine.hpp"
#include "iamlint/loader.hpp"

using namespace iamlint;

namespace {

std::vector<Finding> run(std::string_view text, std::vector<std::string> rule_ids,
                         std::optional<PolicyKind> kind = std::nullopt) {
    std::vector<const Rule*> rules;
    for (const auto& id : rule_ids) {
        const Rule* rule = find_rule(id);
        REQUIRE(rule != nullptr);
        rules.push_back(rule);
    }
    Engine engine(rules, Catalog::builtin());
    LoadOptions options;
    options.forced_kind = kind;
    auto loaded = load_file("p.json", std::string(text), options);
    REQUIRE(loaded.documents.size() == 1);
    std::vector<Finding> findings;
    engine.analyze(loaded.documents.front(), findings);
    std::sort(findings.begin(), findings.end(), finding_order);
    return findings;
}

std::vector<std::string> ids_of(const std::vector<Finding>& findings) {
    std::vector<std::string> ids;
    for (const auto& finding : findings)
        ids.push_back(finding.rule_id + " " + std::string(to_string(finding.severity)));
    return ids;
}

}  // namespace

TEST_CASE("one token, one finding: the most severe and specific breadth rule keeps it",
          "[engine][precision]") {
    const auto findings = run(R"({"Version":"2012-10-17","Statement":[
        {"Effect":"Allow","Action":"iam:*","Resource":"*"}]})",
                              {"IAM202", "IAM204", "IAM302", "IAM303", "IAM305"});
    // IAM302, IAM303, IAM305 and IAM202 all report "iam:*": one finding there. IAM204 reports the "*"
    // of the Resource for the other writes (iam:UpdateRoleDescription ...), not these.
    REQUIRE(ids_of(findings) == std::vector<std::string>{"IAM303 high", "IAM204 medium"});
    CHECK_THAT(findings[1].message, !Catch::Contains("iam:PutRolePolicy"));
    CHECK_THAT(findings[1].message, !Catch::Contains("iam:CreateAccessKey"));
    const Finding& kept = findings.front();
    std::vector<std::string> folded;
    for (const auto& related : kept.related) {
        if (related.message.starts_with("IAM"))
            folded.push_back(related.message.substr(0, related.message.find(':')));
        if (related.message.starts_with("IAM202"))
            CHECK(related.location.range.column == kept.location.range.column);
    }
    CHECK(folded == std::vector<std::string>{"IAM302 permissions-management (high)",
                                             "IAM305 pass-role-unrestricted (high)",
                                             "IAM202 service-wildcard (high)"});
}

TEST_CASE("findings on different tokens, or of other rules, are not folded", "[engine][precision]") {
    const auto findings = run(R"({"Version":"2012-10-17","Statement":[
        {"Effect":"Allow","Action":["iam:PutRolePolicy","ec2:StopInstances"],"Resource":"*"}]})",
                              {"IAM204", "IAM302"});
    CHECK(ids_of(findings) == std::vector<std::string>{"IAM302 high", "IAM204 medium"});
    CHECK_THAT(findings[1].message,
               Catch::Contains("ec2:StopInstances to every resource of its type, though it"));
    CHECK_THAT(findings[0].message, Catch::StartsWith("iam:PutRolePolicy manages the permissions"));
}

TEST_CASE("IAM204 is medium: writes on every resource are a least-privilege finding", "[rules][precision]") {
    const auto findings = run(R"({"Version":"2012-10-17","Statement":[
        {"Effect":"Allow","Action":["logs:CreateLogStream","logs:PutLogEvents","s3:PutObject"],"Resource":"*"}]})",
                              {"IAM204"});
    REQUIRE(ids_of(findings) == std::vector<std::string>{"IAM204 medium"});
    CHECK_THAT(findings[0].message, Catch::Contains("to every resource of their types, though they"));
}

TEST_CASE("trust policies: only the trust rules judge them, not the resource-breadth rules",
          "[rules][precision]") {
    const auto findings =
        run(R"({"Version":"2012-10-17","Statement":[
        {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},
         "Action":["sts:*"],"Resource":"*"},
        {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/ci"},"Action":"*"}]})",
            {"IAM201", "IAM202", "IAM204", "IAM211", "IAM302", "IAM303", "IAM304"}, PolicyKind::Trust);
    CHECK(findings.empty());
}

TEST_CASE("IAM201 in a resource policy: every action on this resource, not administrator access",
          "[rules][precision]") {
    const auto findings = run(R"({"Version":"2012-10-17","Statement":[
        {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/app"},"Action":"*","Resource":"*"}]})",
                              {"IAM201"}, PolicyKind::Resource);
    REQUIRE(ids_of(findings) == std::vector<std::string>{"IAM201 high"});
    CHECK_THAT(findings[0].message, Catch::EndsWith("on this resource"));
    CHECK_THAT(findings[0].message, !Catch::Contains("administrator"));
}

TEST_CASE("IAM401 names every action, and AWS services are not anonymous callers", "[rules][precision]") {
    const auto open = run(R"({"Version":"2012-10-17","Statement":[
        {"Effect":"Allow","Principal":"*","Action":"*","Resource":"arn:aws:s3:::b/*"}]})",
                          {"IAM401"}, PolicyKind::Resource);
    REQUIRE(ids_of(open) == std::vector<std::string>{"IAM401 critical"});
    CHECK_THAT(open[0].message, Catch::StartsWith("\"*\" allows every action to anyone"));

    const auto services = run(R"({"Version":"2012-10-17","Statement":[
        {"Effect":"Allow","Principal":"*","Action":"s3:PutObject","Resource":"arn:aws:s3:::logs/*",
         "Condition":{"Bool":{"aws:PrincipalIsAWSService":"true"}}}]})",
                              {"IAM401"}, PolicyKind::Resource);
    REQUIRE(ids_of(services) == std::vector<std::string>{"IAM401 medium"});
    CHECK_THAT(services[0].message, !Catch::Contains("anonymous callers,"));
    CHECK_THAT(services[0].message, Catch::Contains("every AWS service acting for any of its customers"));
}

TEST_CASE("IAM302 gives opening actions as examples, not revoking ones", "[rules][precision]") {
    const auto findings = run(R"({"Version":"2012-10-17","Statement":[
        {"Effect":"Allow","Action":["kms:RetireGrant","s3:DeleteBucketPolicy","kms:CreateGrant"],"Resource":"*"}]})",
                              {"IAM302"});
    REQUIRE(findings.size() == 1);
    CHECK_THAT(findings[0].message, Catch::StartsWith("kms:CreateGrant, "));
    CHECK_THAT(findings[0].message, Catch::Contains(" manage the permissions"));
}

TEST_CASE("IAM302 does not say revoking actions open access", "[rules][precision]") {
    const auto findings = run(R"({"Version":"2012-10-17","Statement":[
        {"Effect":"Allow","Action":["kms:RetireGrant","s3:DeleteBucketPolicy"],"Resource":"*"}]})",
                              {"IAM302"});
    REQUIRE(ids_of(findings) == std::vector<std::string>{"IAM302 medium"});
    CHECK_THAT(findings[0].message,
               Catch::StartsWith("kms:RetireGrant and s3:DeleteBucketPolicy can remove"));
    CHECK_THAT(findings[0].message, !Catch::Contains("opened"));
}

TEST_CASE("IAM211 says kms:Decrypt decrypts, not reads keys", "[rules][precision]") {
    const auto findings = run(R"({"Version":"2012-10-17","Statement":[
        {"Effect":"Allow","Action":"kms:Decrypt","Resource":"*"}]})",
                              {"IAM211"});
    REQUIRE(findings.size() == 1);
    CHECK_THAT(findings[0].message,
               Catch::Contains("decrypts whatever any KMS key of the account encrypted"));
}

TEST_CASE("IAM405: one finding per statement for its service principals", "[rules][precision]") {
    const auto findings = run(R"({"Version":"2012-10-17","Statement":[
        {"Effect":"Allow","Principal":{"Service":["logs.us-east-1.amazonaws.com","logs.eu-west-1.amazonaws.com",
         "logs.ap-south-1.amazonaws.com"]},"Action":"kms:Encrypt","Resource":"*"}]})",
                              {"IAM405"}, PolicyKind::Resource);
    REQUIRE(findings.size() == 1);
    CHECK_THAT(
        findings[0].message,
        Catch::StartsWith("\"logs.us-east-1.amazonaws.com\" and 2 other service principals may each use"));
    CHECK(findings[0].related.size() == 2);
}

TEST_CASE("IAM013: one finding per variable and problem, with the repeats as related locations",
          "[rules][precision]") {
    const auto findings = run(R"({"Version":"2012-10-17","Statement":[
        {"Effect":"Allow","Action":"s3:GetObject",
         "Resource":["arn:aws:s3:::${bucket}/a","arn:aws:s3:::${bucket}/b","arn:aws:s3:::${bucket}/c"]},
        {"Effect":"Allow","Action":"s3:PutObject","Resource":"arn:aws:s3:::${other}/*"}]})",
                              {"IAM013"});
    REQUIRE(findings.size() == 2);
    CHECK_THAT(findings[0].message, Catch::EndsWith("(and 2 more times in this policy)"));
    CHECK(findings[0].related.size() == 2);
    CHECK(findings[1].related.empty());
}
