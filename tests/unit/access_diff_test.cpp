// The containment core of `iamlint diff`: whether an old policy's effective allow covers a new one's,
// and why not. Each case is a pair of policies; the answer is the list of reasons, empty for "no new
// access" (proven).
#include <set>

#include <catch2/catch.hpp>

#include "iamlint/access_diff.hpp"
#include "iamlint/condition_implication.hpp"
#include "iamlint/loader.hpp"
#include "test_support.hpp"

using namespace iamlint;

namespace {

std::string policy(std::string_view statements) {
    return "{\"Version\": \"2012-10-17\", \"Statement\": [" + std::string(statements) + "]}";
}

LoadedFile load(std::string_view statements) {
    LoadedFile file = load_file("p.json", policy(statements), {});
    REQUIRE(file.documents.size() == 1);
    return file;
}

std::vector<NewAccess> compare(std::string_view old_statements, std::string_view new_statements) {
    static std::vector<LoadedFile> kept;  // the NewAccess results point into them
    kept.push_back(load(old_statements));
    const PolicyDocument* before = &kept.back().documents.front();
    kept.push_back(load(new_statements));
    const PolicyDocument* after = &kept.back().documents.front();
    return find_new_access(Catalog::builtin(), std::span(&before, 1), std::span(&after, 1));
}

// The reasons, sorted; empty: no new access.
std::set<std::string> reasons(std::string_view old_statements, std::string_view new_statements) {
    std::set<std::string> out;
    for (const NewAccess& access : compare(old_statements, new_statements))
        out.emplace(to_string(access.change));
    return out;
}

using Reasons = std::set<std::string>;
const Reasons kNone{};

Condition condition(std::string op, std::string key, std::vector<std::string> values) {
    Condition c;
    c.op = parse_condition_operator(op);
    c.key = std::move(key);
    for (auto& v : values) c.values.push_back(Entry{std::move(v), JsonType::String, {}, false});
    return c;
}

}  // namespace

TEST_CASE("diff: actions as wildcard languages over the catalog", "[diff]") {
    const char* get = R"({"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::prod/*"})";
    CHECK(reasons(get, get) == kNone);
    // Case does not matter.
    CHECK(
        reasons(get, R"({"Effect": "Allow", "Action": "S3:getobject", "Resource": "arn:aws:s3:::prod/*"})") ==
        kNone);
    // s3:* covers s3:Get* covers s3:GetObject.
    CHECK(reasons(R"({"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::prod/*"})",
                  R"({"Effect": "Allow", "Action": "s3:Get*", "Resource": "arn:aws:s3:::prod/*"})") == kNone);
    CHECK(reasons(R"({"Effect": "Allow", "Action": "s3:Get*", "Resource": "arn:aws:s3:::prod/*"})", get) ==
          kNone);
    // The other way is new access.
    CHECK(reasons(get, R"({"Effect": "Allow", "Action": ["s3:GetObject", "s3:DeleteObject"],
                          "Resource": "arn:aws:s3:::prod/*"})") == Reasons{"actions"});
    // Get* written out as today's actions is no new access.
    std::string written_out;
    for (const Action& action : Catalog::builtin().find_service("sqs")->actions) {
        if (action.name.starts_with("Get")) written_out += ",\"sqs:" + std::string(action.name) + "\"";
    }
    CHECK(reasons(R"({"Effect": "Allow", "Action": "sqs:Get*", "Resource": "*"})",
                  R"({"Effect": "Allow", "Action": [)" + written_out.substr(1) + R"(], "Resource": "*"})") ==
          kNone);
    // The reverse covers the same catalog actions, but the pattern matches actions AWS may add.
    CHECK(reasons(R"({"Effect": "Allow", "Action": [)" + written_out.substr(1) + R"(], "Resource": "*"})",
                  R"({"Effect": "Allow", "Action": "sqs:Get*", "Resource": "*"})") ==
          Reasons{"future-actions"});
    // NotAction is a complement: everything but iam:* is more than s3:*.
    CHECK(reasons(R"({"Effect": "Allow", "Action": "s3:*", "Resource": "*"})",
                  R"({"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"})") == Reasons{"actions"});
    CHECK(reasons(R"({"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"})",
                  R"({"Effect": "Allow", "Action": "s3:*", "Resource": "*"})") == kNone);
    // Excluding more is narrower; excluding less is new access.
    CHECK(reasons(R"({"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"})",
                  R"({"Effect": "Allow", "NotAction": ["iam:*", "organizations:*"], "Resource": "*"})") ==
          kNone);
    CHECK(reasons(R"({"Effect": "Allow", "NotAction": ["iam:*", "organizations:*"], "Resource": "*"})",
                  R"({"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"})") == Reasons{"actions"});
    // An action the catalog does not know yet: only a covering pattern covers it.
    CHECK(reasons(get, R"({"Effect": "Allow", "Action": ["s3:GetObject", "s3:GetObjectFromTheFuture"],
                          "Resource": "arn:aws:s3:::prod/*"})") == Reasons{"future-actions"});
}

TEST_CASE("diff: statements reordered, split, merged or reformatted", "[diff]") {
    const char* merged = R"({"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"],
                             "Resource": ["arn:aws:s3:::a/*", "arn:aws:s3:::b/*"]})";
    const char* split =
        R"({"Effect": "Allow", "Action": "s3:GetObject", "Resource": ["arn:aws:s3:::a/*", "arn:aws:s3:::b/*"]},
                           {"Sid": "Put", "Effect": "Allow", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::a/*"},
                           {"Effect": "Allow", "Action": ["s3:PutObject"], "Resource": "arn:aws:s3:::b/*"})";
    CHECK(reasons(merged, split) == kNone);
    CHECK(reasons(split, merged) == kNone);
    const char* two = R"({"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "*"},
                         {"Effect": "Allow", "Action": "sns:Publish", "Resource": "*"})";
    const char* reordered = R"({"Effect": "Allow", "Action": "sns:Publish", "Resource": "*"},
                               {"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "*"})";
    CHECK(reasons(two, reordered) == kNone);
    CHECK(reasons(two, R"({
        "Effect"   : "Allow",
        "Resource" : ["*"],
        "Action"   : ["sqs:SendMessage"]
    }, {"Action": "sns:Publish", "Effect": "Allow", "Resource": "*"})") == kNone);
}

TEST_CASE("diff: statements merged with their condition values", "[diff]") {
    const char* by_address =
        R"({"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::prod/*",
                                 "Condition": {"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}},
                                {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::prod/*",
                                 "Condition": {"IpAddress": {"aws:SourceIp": "192.168.0.0/16"}}})";
    CHECK(reasons(by_address,
                  R"({"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::prod/*",
                                  "Condition": {"IpAddress": {"aws:SourceIp": ["10.1.0.0/16", "192.168.0.0/16"]}}})") ==
          kNone);
    CHECK(reasons(by_address,
                  R"({"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::prod/*",
                                  "Condition": {"IpAddress": {"aws:SourceIp": ["10.1.0.0/16", "172.16.0.0/12"]}}})") ==
          Reasons{"condition-dropped"});
}

TEST_CASE("diff: resources by ARN pattern inclusion and the catalog's resource types", "[diff]") {
    const char* prod = R"({"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::prod/*"})";
    CHECK(
        reasons(
            prod,
            R"({"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::prod/reports/*"})") ==
        kNone);
    CHECK(
        reasons(prod, R"({"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::prod*"})") ==
        Reasons{"resources"});
    CHECK(reasons(prod, R"({"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"})") ==
          Reasons{"resources"});
    // "*" for sqs:SendMessage is every queue, which arn:aws:sqs:*:*:* names too.
    CHECK(reasons(R"({"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:*:*:*"})",
                  R"({"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "*"})") == kNone);
    // "*" for s3:GetObject also names objects through access points, which arn:aws:s3:::* does not.
    CHECK(reasons(R"({"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::*"})",
                  R"({"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"})") ==
          Reasons{"resources"});
    // A bucket ARN gives nothing for an action that takes only "*": adding it adds no access.
    CHECK(reasons(prod, R"({"Effect": "Allow", "Action": ["s3:GetObject", "s3:ListAllMyBuckets"],
                           "Resource": "arn:aws:s3:::prod/*"})") == kNone);
    // NotResource: everything but X.
    CHECK(reasons(R"({"Effect": "Allow", "Action": "s3:GetObject", "NotResource": "arn:aws:s3:::secret/*"})",
                  prod) == kNone);
    CHECK(reasons(
              R"({"Effect": "Allow", "Action": "s3:GetObject", "NotResource": "arn:aws:s3:::prod/secret/*"})",
              prod) == Reasons{"resources"});
    CHECK(reasons(prod,
                  R"({"Effect": "Allow", "Action": "s3:GetObject", "NotResource": "arn:aws:s3:::x/*"})") ==
          Reasons{"resources"});
    CHECK(
        reasons(
            R"({"Effect": "Allow", "Action": "s3:GetObject", "NotResource": "arn:aws:s3:::x/*"})",
            R"({"Effect": "Allow", "Action": "s3:GetObject", "NotResource": ["arn:aws:s3:::x/*", "arn:aws:s3:::y/*"]})") ==
        kNone);
    // A policy variable covers only itself, and a wildcard covers it.
    const char* home =
        R"({"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::home/${aws:username}/*"})";
    CHECK(reasons(home, home) == kNone);
    CHECK(
        reasons(
            prod,
            R"({"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::prod/${aws:username}/*"})") ==
        kNone);
    CHECK(reasons(
              home,
              R"({"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::home/alice/*"})") ==
          Reasons{"resources"});
}

TEST_CASE("diff: conditions of the old grant must be implied by the new one's", "[diff]") {
    auto with = [](std::string_view condition) {
        return R"({"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::prod/*", "Condition": )" +
               std::string(condition) + "}";
    };
    const std::string vpce = with(R"({"StringEquals": {"aws:SourceVpce": ["vpce-1", "vpce-2"]}})");
    CHECK(reasons(vpce, vpce) == kNone);
    CHECK(reasons(vpce, with(R"({"StringEquals": {"aws:SourceVpce": "vpce-1"}})")) == kNone);
    CHECK(reasons(vpce, with(R"({"StringEquals": {"aws:SourceVpce": ["vpce-1", "vpce-3"]}})")) ==
          Reasons{"condition-dropped"});
    // Dropped altogether.
    CHECK(reasons(vpce,
                  R"({"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::prod/*"})") ==
          Reasons{"condition-dropped"});
    // A condition added is no new access.
    CHECK(reasons(R"({"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::prod/*"})",
                  vpce) == kNone);
    // Narrower patterns, CIDR in CIDR, tighter bounds.
    CHECK(reasons(with(R"({"StringLike": {"s3:prefix": "home/*"}})"),
                  with(R"({"StringLike": {"s3:prefix": "home/alice/*"}})")) == kNone);
    CHECK(reasons(with(R"({"StringLike": {"s3:prefix": "home/*"}})"),
                  with(R"({"StringEquals": {"s3:prefix": "home/x"}})")) == kNone);
    CHECK(reasons(with(R"({"StringLike": {"s3:prefix": "home/alice/*"}})"),
                  with(R"({"StringLike": {"s3:prefix": "home/*"}})")) == Reasons{"condition-dropped"});
    CHECK(reasons(with(R"({"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}})"),
                  with(R"({"IpAddress": {"aws:SourceIp": "10.1.0.0/16"}})")) == kNone);
    CHECK(reasons(with(R"({"IpAddress": {"aws:SourceIp": "10.1.0.0/16"}})"),
                  with(R"({"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}})")) == Reasons{"condition-dropped"});
    CHECK(reasons(with(R"({"NumericLessThan": {"s3:max-keys": "100"}})"),
                  with(R"({"NumericLessThanEquals": {"s3:max-keys": "10"}})")) == kNone);
    CHECK(reasons(with(R"({"NumericLessThan": {"s3:max-keys": "10"}})"),
                  with(R"({"NumericLessThanEquals": {"s3:max-keys": "10"}})")) ==
          Reasons{"condition-dropped"});
    CHECK(reasons(with(R"({"DateLessThan": {"aws:CurrentTime": "2027-01-01T00:00:00Z"}})"),
                  with(R"({"DateLessThan": {"aws:CurrentTime": "2026-06-30"}})")) == kNone);
    // IfExists is weaker than the plain operator.
    CHECK(reasons(with(R"({"StringEqualsIfExists": {"aws:SourceVpce": "vpce-1"}})"),
                  with(R"({"StringEquals": {"aws:SourceVpce": "vpce-1"}})")) == kNone);
    CHECK(reasons(with(R"({"StringEquals": {"aws:SourceVpce": "vpce-1"}})"),
                  with(R"({"StringEqualsIfExists": {"aws:SourceVpce": "vpce-1"}})")) ==
          Reasons{"condition-dropped"});
    // Negated operators: excluding more is narrower; a positive value outside the exclusion implies it.
    CHECK(reasons(with(R"({"StringNotEquals": {"aws:PrincipalTag/team": "guest"}})"),
                  with(R"({"StringNotEquals": {"aws:PrincipalTag/team": ["guest", "intern"]}})")) == kNone);
    CHECK(reasons(with(R"({"StringNotEquals": {"aws:PrincipalTag/team": ["guest", "intern"]}})"),
                  with(R"({"StringNotEquals": {"aws:PrincipalTag/team": "guest"}})")) ==
          Reasons{"condition-dropped"});
    CHECK(reasons(with(R"({"StringNotEquals": {"aws:PrincipalTag/team": "guest"}})"),
                  with(R"({"StringEquals": {"aws:PrincipalTag/team": "admins"}})")) == kNone);
    CHECK(reasons(with(R"({"NotIpAddress": {"aws:SourceIp": "10.1.0.0/16"}})"),
                  with(R"({"NotIpAddress": {"aws:SourceIp": "10.0.0.0/8"}})")) == kNone);
    // Bool and the Null operator.
    CHECK(reasons(with(R"({"Bool": {"aws:SecureTransport": "true"}})"),
                  with(R"({"Bool": {"aws:SecureTransport": "false"}})")) == Reasons{"condition-dropped"});
    CHECK(reasons(with(R"({"Null": {"aws:SourceVpce": "false"}})"), vpce) == kNone);
}

TEST_CASE("diff: condition implication, operator by operator", "[diff]") {
    CHECK(condition_implies(condition("StringEquals", "aws:SourceAccount", {"1"}),
                            condition("StringEquals", "AWS:sourceaccount", {"1", "2"})));
    CHECK_FALSE(condition_implies(condition("StringEquals", "aws:SourceAccount", {"1"}),
                                  condition("StringEquals", "aws:SourceArn", {"1"})));
    CHECK(condition_implies(condition("StringEquals", "k", {"ab"}),
                            condition("StringEqualsIgnoreCase", "k", {"AB"})));
    CHECK_FALSE(condition_implies(condition("StringEqualsIgnoreCase", "k", {"ab"}),
                                  condition("StringEquals", "k", {"ab"})));
    CHECK(condition_implies(condition("ArnLike", "aws:SourceArn", {"arn:aws:sns:us-east-1:1:t"}),
                            condition("ArnLike", "aws:SourceArn", {"arn:aws:sns:*:1:*"})));
    CHECK(condition_implies(condition("ForAllValues:StringEquals", "aws:TagKeys", {"a"}),
                            condition("ForAllValues:StringEquals", "aws:TagKeys", {"a", "b"})));
    CHECK_FALSE(condition_implies(condition("ForAnyValue:StringEquals", "aws:TagKeys", {"a"}),
                                  condition("ForAllValues:StringEquals", "aws:TagKeys", {"a", "b"})));
    CHECK(condition_implies(condition("NumericGreaterThan", "k", {"5"}),
                            condition("NumericGreaterThanEquals", "k", {"5"})));
    CHECK_FALSE(condition_implies(condition("NumericGreaterThanEquals", "k", {"5"}),
                                  condition("NumericGreaterThan", "k", {"5"})));
    CHECK(condition_implies(condition("DateGreaterThan", "aws:CurrentTime", {"2026-02-01T00:00:00Z"}),
                            condition("DateGreaterThan", "aws:CurrentTime", {"2026-01-31"})));
    CHECK(condition_implies(condition("IpAddress", "aws:SourceIp", {"192.0.2.7"}),
                            condition("NotIpAddress", "aws:SourceIp", {"198.51.100.0/24"})));
    CHECK_FALSE(condition_implies(condition("IpAddress", "aws:SourceIp", {"198.51.100.7"}),
                                  condition("NotIpAddress", "aws:SourceIp", {"198.51.100.0/24"})));
    CHECK_FALSE(
        condition_implies(condition("StringNotEquals", "k", {"a"}), condition("StringEquals", "k", {"b"})));
    CHECK(patterns_may_overlap("a*c", "ab?"));
    CHECK_FALSE(patterns_may_overlap("a*c", "b*"));
    CHECK(patterns_may_overlap("*", ""));
    CHECK_FALSE(patterns_may_overlap("arn:aws:s3:::audit-*", "arn:aws:s3:::prod/*"));
}

TEST_CASE("diff: Deny removal and narrowing", "[diff]") {
    const char* allow = R"({"Effect": "Allow", "Action": "s3:*", "Resource": "*"})";
    const std::string with_deny =
        std::string(allow) +
        R"(, {"Sid": "NoDelete", "Effect": "Deny", "Action": "s3:DeleteBucket", "Resource": "*"})";
    CHECK(reasons(with_deny, with_deny) == kNone);
    CHECK(reasons(with_deny, allow) == Reasons{"deny-removed"});
    // A Deny added is no new access.
    CHECK(reasons(allow, with_deny) == kNone);
    // A conditional Deny dropped, or narrowed to fewer resources.
    const std::string conditional =
        std::string(allow) + R"(, {"Effect": "Deny", "Action": "s3:*", "Resource": "*",
                                   "Condition": {"Bool": {"aws:SecureTransport": "false"}}})";
    CHECK(reasons(conditional, allow) == Reasons{"deny-removed"});
    CHECK(reasons(conditional, conditional) == kNone);
    const std::string narrowed =
        std::string(allow) +
        R"(, {"Effect": "Deny", "Action": "s3:DeleteBucket", "Resource": "arn:aws:s3:::audit"})";
    CHECK(reasons(with_deny, narrowed) == Reasons{"deny-removed"});
    CHECK(reasons(narrowed, with_deny) == kNone);
}

TEST_CASE("diff: principals of resource and trust policies", "[diff]") {
    auto trust = [](std::string_view principal) {
        return R"({"Effect": "Allow", "Principal": )" + std::string(principal) +
               R"(, "Action": "sts:AssumeRole"})";
    };
    const std::string role = trust(R"({"AWS": "arn:aws:iam::111122223333:role/ci"})");
    CHECK(reasons(role, role) == kNone);
    CHECK(reasons(trust(R"({"AWS": "arn:aws:iam::111122223333:root"})"), role) == kNone);
    CHECK(reasons(trust(R"({"AWS": "111122223333"})"), role) == kNone);
    CHECK(reasons(role, trust(R"({"AWS": "arn:aws:iam::111122223333:root"})")) == Reasons{"principal"});
    CHECK(reasons(role, trust(R"({"AWS": "arn:aws:iam::444455556666:role/ci"})")) == Reasons{"principal"});
    CHECK(reasons(trust(R"("*")"), role) == kNone);
    const auto open = compare(role, trust(R"("*")"));
    REQUIRE(open.size() == 1);
    CHECK(open.front().change == AccessChange::Principal);
    CHECK(open.front().public_principal);
    // NotPrincipal is a complement.
    const std::string all_but =
        R"({"Effect": "Allow", "NotPrincipal": {"AWS": "arn:aws:iam::444455556666:root"},
                                    "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"})";
    CHECK(reasons(all_but, R"({"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/r"},
                               "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"})") == kNone);
    CHECK(reasons(all_but, R"({"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:role/r"},
                               "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"})") ==
          Reasons{"principal"});
    CHECK(reasons(trust(R"({"Service": "lambda.amazonaws.com"})"),
                  trust(R"({"Service": "ec2.amazonaws.com"})")) == Reasons{"principal"});
}

TEST_CASE("diff: what is reported, and against which old statement", "[diff]") {
    const auto found = compare(
        R"({"Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::prod/*"})",
        R"({"Effect": "Allow", "Action": ["s3:GetObject", "s3:DeleteObject", "s3:PutObjectAcl"],
                                   "Resource": "arn:aws:s3:::prod/*"})");
    REQUIRE(found.size() == 1);
    const NewAccess& access = found.front();
    CHECK(access.change == AccessChange::Actions);
    REQUIRE(access.actions.size() == 2);
    CHECK(access.actions[0]->name == "DeleteObject");
    CHECK(access.actions[1]->name == "PutObjectAcl");
    CHECK(access.resources == std::vector<std::string>{"arn:aws:s3:::prod/*"});
    // A new policy against the empty policy: everything is new.
    const PolicyDocument* none = nullptr;
    LoadedFile file = load(R"({"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "*"})");
    const PolicyDocument* after = &file.documents.front();
    const auto fresh = find_new_access(Catalog::builtin(), std::span(&none, 0), std::span(&after, 1));
    REQUIRE(fresh.size() == 1);
    CHECK(fresh.front().change == AccessChange::Actions);
    CHECK(fresh.front().old_statement == nullptr);
}

TEST_CASE("diff: the stable key of a policy inside its file", "[diff]") {
    PolicyDocument document;
    document.origin = "managed policy arn:aws:iam::111122223333:policy/app v3";
    CHECK(stable_policy_key(document) == "managed policy arn:aws:iam::111122223333:policy/app");
    document.origin = "MyRole (AWS::IAM::Role) Policies[2] \"root\"";
    CHECK(stable_policy_key(document) == "MyRole (AWS::IAM::Role) Policies \"root\"");
    document.origin = "aws_iam_role.app inline_policy[0] \"s3\"";
    CHECK(stable_policy_key(document) == "aws_iam_role.app inline_policy \"s3\"");
    document.origin = "aws_iam_policy.ci policy";
    CHECK(stable_policy_key(document) == "aws_iam_policy.ci policy");
    document.origin = "";
    CHECK(stable_policy_key(document).empty());
}

TEST_CASE("diff: CloudFormation policies paired by name; a deployment-time value covers only itself",
          "[diff]") {
    // tests/diff/cloudformation: the role's two inline policies swap places, and "data" gains the
    // objects of a second bucket, whose ARN is known only at deployment.
    const auto folder = test::source_dir() / "tests/diff/cloudformation";
    const LoadedFile old_file = load_file("old.yaml", test::read_text(folder / "old.yaml"), {});
    const LoadedFile new_file = load_file("new.yaml", test::read_text(folder / "new.yaml"), {});
    REQUIRE(new_file.documents.size() == 3);
    std::vector<std::string> found;
    for (const PolicyDocument& after : new_file.documents) {
        std::vector<const PolicyDocument*> before;
        for (const PolicyDocument& old : old_file.documents) {
            if (stable_policy_key(old) == stable_policy_key(after)) before.push_back(&old);
        }
        REQUIRE(before.size() == 1);
        const PolicyDocument* now = &after;
        for (const NewAccess& access : find_new_access(Catalog::builtin(), before, std::span(&now, 1))) {
            found.push_back(stable_policy_key(after) + ": " + std::string(to_string(access.change)) + " " +
                            access.resources.front());
        }
    }
    CHECK(found ==
          std::vector<std::string>{"AppRole (AWS::IAM::Role) Policies \"data\": unknown ${Other.Arn}/*"});
}
