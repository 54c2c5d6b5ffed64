#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "iamlint/engine.hpp"
#include "iamlint/loader.hpp"

using namespace iamlint;

namespace {

// IAM210's findings on a policy, one line each: where, what, and where the covering entry is.
std::vector<std::string> redundant_findings(const std::string& policy) {
    const Rule* rule = find_rule("IAM210");
    REQUIRE(rule);
    const Engine engine({rule}, Catalog::builtin());
    auto loaded = load_file("p.json", policy, {});
    REQUIRE(loaded.documents.size() == 1);
    std::vector<Finding> findings;
    engine.analyze(loaded.documents[0], findings, 1);
    std::vector<std::string> out;
    for (const Finding& f : findings) {
        std::string line = f.location.json_pointer + " " + f.message;
        for (const auto& related : f.related) line += " | " + related.location.json_pointer;
        out.push_back(line);
    }
    return out;
}

std::string statement_list(const std::vector<std::string>& statements) {
    std::string text = R"({"Version":"2012-10-17","Statement":[)";
    for (std::size_t i = 0; i < statements.size(); ++i) text += (i > 0 ? ",\n" : "\n") + statements[i];
    return text + "]}";
}

}  // namespace

// A short list or policy compares every pair, a long one looks candidates up in an index: the same
// entries and statements padded with others that cover nothing and nothing covers must give the same
// findings either way.
TEST_CASE("redundant-element finds the same repeats in short and long lists and policies", "[rules]") {
    const std::string actions =
        R"("s3:Get*","s3:GetObject","S3:getobject","ec2:Describe*","ec2:DescribeInstances","kms:Decrypt",)"
        R"("kms:Decrypt","s3:Get?bject","s3:GetObject*","ec2:Describ*","${Action}","${Action}","*Thing",)"
        R"("svc:DoThing")";
    const std::string resources =
        R"("arn:aws:s3:::b/*","arn:aws:s3:::b/k","arn:aws:s3:::b/k","arn:aws:s3:::*","arn:aws:s3:::B/k",)"
        R"("arn:aws:s*:::b/k","arn:aws:sqs:*:1:q?","arn:aws:*:::c/*","arn:aws:s3:::c/1")";
    std::vector<std::string> statements = {
        R"({"Effect":"Allow","Action":[)" + actions + R"(],"Resource":[)" + resources + "]}",
        R"({"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/k"})",
        R"({"Effect":"Allow","Action":"s3:Get*","Resource":"arn:aws:s3:::b/*"})",
        R"({"Effect":"Allow","Action":"s3:Get*","Resource":"arn:aws:s3:::b/*"})",
        R"({"Effect":"Deny","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/k"})",
        R"({"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"true"}}})",
        R"({"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":["true"]}}})",
        R"({"Effect":"Allow","NotAction":"s3:*","Resource":"*"})",
        R"({"Effect":"Allow","NotAction":["s3:*","ec2:*"],"Resource":"*"})",
    };
    const auto short_findings = redundant_findings(statement_list(statements));
    REQUIRE(short_findings.size() > 10);

    // Fillers: entries of services nothing else names, statements each under a condition of its own.
    std::string long_actions = actions, long_resources = resources;
    for (int i = 0; i < 40; ++i) {
        long_actions += ",\"filler" + std::to_string(i) + ":Do\"";
        long_resources += ",\"arn:aws:sns:us-east-1:111122223333:filler" + std::to_string(i) + "\"";
    }
    std::vector<std::string> long_statements = statements;
    long_statements[0] =
        R"({"Effect":"Allow","Action":[)" + long_actions + R"(],"Resource":[)" + long_resources + "]}";
    for (int i = 0; i < 40; ++i) {
        long_statements.push_back(R"({"Effect":"Allow","Action":"s3:GetObject","Resource":"*",)"
                                  R"("Condition":{"StringEquals":{"aws:username":"filler)" +
                                  std::to_string(i) + R"("}}})");
    }
    CHECK(redundant_findings(statement_list(long_statements)) == short_findings);
}
