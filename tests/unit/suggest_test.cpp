// "Did you mean": the edit distance, its threshold, and the suggestions the action rules and
// `iamlint expand` make; and the action rules' handling of values known only at deployment.
#include <algorithm>

#include <catch2/catch.hpp>

#include "action_support.hpp"
#include "iamlint/engine.hpp"
#include "iamlint/loader.hpp"
#include "iamlint/suggest.hpp"

using namespace iamlint;

namespace {

using Names = std::vector<std::string>;

Names suggest(std::string_view action) {
    return suggest_actions(Catalog::builtin(), action);
}

}  // namespace

TEST_CASE("edit distance: insertions, deletions, substitutions and swaps count one, case none", "[suggest]") {
    CHECK(edit_distance_ci("GetObject", "getobject", 5) == 0);
    CHECK(edit_distance_ci("GetObjekt", "GetObject", 5) == 1);
    CHECK(edit_distance_ci("GetObjcet", "GetObject", 5) == 1);  // a swap of neighbours
    CHECK(edit_distance_ci("GetObjct", "GetObject", 5) == 1);
    CHECK(edit_distance_ci("GetObjects", "GetObject", 5) == 1);
    CHECK(edit_distance_ci("PutObjekts", "GetObject", 5) == 4);
    CHECK(edit_distance_ci("", "abc", 5) == 3);
    CHECK(edit_distance_ci("kitten", "sitting", 5) == 3);
    // Past the limit the answer is only "more than the limit".
    CHECK(edit_distance_ci("DescribeInstances", "PutObject", 2) == 3);
    CHECK(edit_distance_ci("abcdef", "ab", 2) == 3);
}

TEST_CASE("the typo threshold grows with the name, from one to three", "[suggest]") {
    CHECK(typo_limit(2) == 1);
    CHECK(typo_limit(3) == 1);
    CHECK(typo_limit(9) == 2);
    CHECK(typo_limit(13) == 3);
    CHECK(typo_limit(40) == 3);
}

TEST_CASE("suggestions for unknown actions and services", "[suggest]") {
    CHECK(suggest("s3:GetObjekt") == Names{"s3:GetObject"});
    CHECK(suggest("S3:getobjcet") == Names{"s3:GetObject"});
    CHECK(suggest("iam:AssumeRole") == Names{"sts:AssumeRole"});
    CHECK(suggest("s3x:GetObject") == Names{"s3:GetObject"});
    CHECK(suggest("s3x:GetObjekt") == Names{"s3:GetObject"});  // both parts fixed
    CHECK(suggest("ec3:DescribeInstances") == Names{"ec2:DescribeInstances"});
    CHECK(suggest("dynamo:GetItem") == Names{"dynamodb:GetItem"});
    CHECK(suggest("cloudwatchlogs:CreateLogGroup") == Names{"logs:CreateLogGroup"});
    CHECK(suggest("s3GetObject") == Names{"s3:GetObject"});
    CHECK(suggest("s3.GetObject") == Names{"s3:GetObject"});
    CHECK(suggest("s3x:Get*") == Names{"s3:Get*"});  // a pattern is kept when it matches there
    // Far-off names, names shared by many services, and patterns get no guess.
    CHECK(suggest("ec2:TerminateEverything").empty());
    CHECK(suggest("nosuchservice:ListTagsForResource").empty());
    CHECK(suggest("s3:Get*Objekt").empty());
    CHECK(suggest("deepracer:ListModels").empty());
    CHECK(suggest_actions(Catalog::builtin(), "s3:GetObjekt", 0).empty());

    CHECK(suggest_services(Catalog::builtin(), "s3x") == std::vector<std::string_view>{"s3"});
    CHECK(suggest_services(Catalog::builtin(), "lamdba") == std::vector<std::string_view>{"lambda"});
    CHECK(suggest_services(Catalog::builtin(), "zzzzzzzzzz").empty());
}

TEST_CASE("check_action tells the action rules' cases apart", "[suggest][rules]") {
    using rules::ActionValidity;
    const Catalog& catalog = Catalog::builtin();
    CHECK(rules::check_action(catalog, "s3:GetObject").validity == ActionValidity::Valid);
    CHECK(rules::check_action(catalog, "*").validity == ActionValidity::Valid);
    CHECK(rules::check_action(catalog, "*:*").validity == ActionValidity::Valid);
    CHECK(rules::check_action(catalog, "s*:GetObject").service_wildcard);
    CHECK(rules::check_action(catalog, "s3GetObject").validity == ActionValidity::NotAnAction);
    CHECK(rules::check_action(catalog, "s3:").validity == ActionValidity::NotAnAction);
    CHECK(rules::check_action(catalog, "s3:a:b").validity == ActionValidity::NotAnAction);
    CHECK(rules::check_action(catalog, "s3x:GetObject").validity == ActionValidity::UnknownService);
    CHECK(rules::check_action(catalog, "zz*:Get").validity == ActionValidity::UnknownService);
    CHECK(rules::check_action(catalog, "s3:GetObjekt").validity == ActionValidity::NoMatch);
    CHECK(rules::check_action(catalog, "s*:GetObjekt").validity == ActionValidity::NoMatch);
}

TEST_CASE("the action rules skip values known only at deployment", "[suggest][rules]") {
    const std::string text = R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
        "Action": ["s3x:GetObject", "s3:GetObjekt", "s*:GetObject"], "Resource": "*",
        "Condition": {"StringEquals": {"s3:prefix": "home/*"}}}]})";
    std::vector<const Rule*> chosen;
    for (const Rule* rule : builtin_rules()) {
        const auto id = rule->meta().id;
        if (id == "IAM101" || id == "IAM102" || id == "IAM109" || id == "IAM113") chosen.push_back(rule);
    }
    REQUIRE(chosen.size() == 4);
    Engine engine(chosen, Catalog::builtin());
    auto loaded = load_file("p.json", text, {});
    REQUIRE(loaded.documents.size() == 1);
    std::vector<Finding> findings;
    engine.analyze(loaded.documents.front(), findings);
    CHECK(findings.size() == 4);  // the same policy as written: one finding per rule

    PolicyDocument computed = loaded.documents.front();
    for (auto& entry : computed.policy.statements.front().actions.entries) entry.computed = true;
    for (auto& value : computed.policy.statements.front().conditions.front().values) value.computed = true;
    findings.clear();
    engine.analyze(computed, findings);
    CHECK(findings.empty());
}
