#include <algorithm>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "iamlint/engine.hpp"
#include "iamlint/loader.hpp"

using namespace iamlint;

namespace {

// IAM210's findings on a policy, analysed on `threads` threads, one line each: where, what, and where the
// covering entry is.
std::vector<std::string> redundant_findings(const std::string& policy, unsigned threads = 1) {
    const Rule* rule = find_rule("IAM210");
    REQUIRE(rule);
    const Engine engine({rule}, Catalog::builtin());
    auto loaded = load_file("p.json", policy, {});
    REQUIRE(loaded.documents.size() == 1);
    std::vector<Finding> findings;
    engine.analyze(loaded.documents[0], findings, threads);
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

// A policy past the size at which the rule splits its statements over threads: each range's findings
// go to their own part, joined in order, so any thread count must give the findings of one thread, in
// the same order (statements' list findings first, then the statements covered by others).
TEST_CASE("redundant-element reports the same findings in the same order on any thread count", "[rules]") {
    std::vector<std::string> statements;
    for (int i = 0; i < 9000; ++i) {
        const std::string n = std::to_string(i % 977);
        switch (i % 5) {
            case 0:  // repeats of a few shapes, covered by their first
                statements.push_back(
                    R"({"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b)" +
                    std::to_string(i % 13) + R"(/*"})");
                break;
            case 1:  // covered by a wider pattern that comes later
                statements.push_back(R"({"Effect":"Allow","Action":["s3:GetObject","s3:Get*"],"Resource":)"
                                     R"("arn:aws:s3:::b)" +
                                     std::to_string(i % 13) + R"(/k)" + n + R"("})");
                break;
            case 2:  // under a condition of its own: covers nothing else
                statements.push_back(R"({"Effect":"Deny","Action":"iam:PassRole","Resource":"*",)"
                                     R"("Condition":{"StringEquals":{"aws:username":"u)" +
                                     std::to_string(i) + R"("}}})");
                break;
            case 3:  // a repeated resource in a list
                statements.push_back(
                    R"({"Effect":"Allow","Action":"sqs:SendMessage","Resource":["arn:aws:sqs:)"
                    R"(us-east-1:111122223333:q)" +
                    n + R"(","arn:aws:sqs:us-east-1:111122223333:q)" + n + R"("]})");
                break;
            default:  // a wildcard that covers case 0's statements
                statements.push_back(R"({"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::b)" +
                                     std::to_string(i % 13) + R"(/*"})");
        }
    }
    const std::string policy = statement_list(statements);
    const auto serial = redundant_findings(policy, 1);
    REQUIRE(serial.size() > 5000);
    for (unsigned threads : {2U, 3U, 8U}) {
        INFO("threads " << threads);
        // The first difference, rather than the whole lists: Catch takes minutes to print thousands.
        const auto parallel = redundant_findings(policy, threads);
        REQUIRE(parallel.size() == serial.size());
        const auto differ = std::mismatch(parallel.begin(), parallel.end(), serial.begin());
        const auto first_difference = static_cast<std::size_t>(differ.first - parallel.begin());
        CHECK(first_difference == parallel.size());
        if (first_difference < parallel.size()) CHECK(*differ.first == *differ.second);
    }
}
