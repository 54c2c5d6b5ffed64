// The effective-permissions component: Allow minus explicit Deny, NotAction/NotResource, conditions,
// resource scoping, several statements and policies.
#include <array>

#include <catch2/catch.hpp>

#include "iamlint/effective_permissions.hpp"
#include "iamlint/loader.hpp"

using namespace iamlint;

namespace {

struct Loaded {
    LoadedFile file;
    const PolicyDocument& doc() const { return file.documents.front(); }
};

Loaded load(std::string text) {
    Loaded loaded{load_file("p.json", std::move(text), {})};
    REQUIRE(loaded.file.documents.size() == 1);
    return loaded;
}

const Action& action(std::string_view name) {
    const Action* found = Catalog::builtin().find_action(name);
    REQUIRE(found != nullptr);
    return *found;
}

bool allowed(const EffectivePermissions& permissions, std::string_view name, bool unconditional_only = true) {
    return !permissions.grants_for(action(name), unconditional_only).empty();
}

}  // namespace

TEST_CASE("ActionSet: bits over the catalog index", "[effective]") {
    const ActionIndex index(Catalog::builtin());
    REQUIRE(index.size() == Catalog::builtin().action_count());
    ActionSet all = index.none();
    all.set_all();
    CHECK(all.count() == index.size());
    ActionSet s3 = index.expand("s3:*");
    CHECK(s3.count() > 100);
    CHECK(all.contains(s3));
    ActionSet rest = s3;
    rest.flip();
    CHECK(rest.count() + s3.count() == index.size());
    CHECK_FALSE(rest.intersects(s3));
    // The dense index round-trips for the first, a middle and the last action.
    for (std::size_t i : {std::size_t{0}, index.size() / 2, index.size() - 1}) {
        CHECK(index.index_of(index.at(i)) == i);
    }
    CHECK(index.expand("S3:getobject").test(index.index_of(action("s3:GetObject"))));
    CHECK(index.expand("iam:*Policy").test(index.index_of(action("iam:AttachUserPolicy"))));
    CHECK_FALSE(index.expand("iam:*Policy").test(index.index_of(action("iam:PassRole"))));
}

TEST_CASE("ActionSet::intersects: one common action anywhere, in a block of words or after the last",
          "[effective]") {
    const ActionIndex index(Catalog::builtin());
    const std::size_t last = index.size() - 1;
    for (std::size_t i : {std::size_t{0}, std::size_t{63}, std::size_t{64}, std::size_t{511},
                          std::size_t{512}, last / 2, last - 64, last}) {
        INFO("action " << i);
        ActionSet one = index.none();
        one.set(i);
        ActionSet neighbours = index.none();
        if (i > 0) neighbours.set(i - 1);
        if (i < last) neighbours.set(i + 1);
        CHECK(one.intersects(one));
        CHECK_FALSE(one.intersects(neighbours));
        CHECK_FALSE(neighbours.intersects(one));
        ActionSet all_but = one;
        all_but.flip();
        CHECK_FALSE(one.intersects(all_but));
        neighbours.set(i);
        CHECK(neighbours.intersects(one));
    }
}

TEST_CASE("Allow with Action and Resource", "[effective]") {
    auto p = load(R"({"Version":"2012-10-17","Statement":[
        {"Effect":"Allow","Action":["s3:Get*","iam:PassRole"],"Resource":"*"}]})");
    EffectivePermissions permissions(Catalog::builtin(), p.doc());
    CHECK(allowed(permissions, "s3:GetObject"));
    CHECK(allowed(permissions, "iam:PassRole"));
    CHECK_FALSE(allowed(permissions, "s3:PutObject"));
    const auto grants = permissions.grants_for(action("iam:PassRole"));
    REQUIRE(grants.size() == 1);
    CHECK(permissions.covers_every_resource(*grants[0], action("iam:PassRole")));
    CHECK(p.doc()
              .location(EffectivePermissions::action_place(*grants[0], action("iam:PassRole")))
              .range.column > 0);
}

TEST_CASE("NotAction allows every other action of the catalog", "[effective]") {
    auto p = load(R"({"Version":"2012-10-17","Statement":[
        {"Effect":"Allow","NotAction":["iam:*","organizations:*"],"Resource":"*"}]})");
    EffectivePermissions permissions(Catalog::builtin(), p.doc());
    CHECK(allowed(permissions, "ec2:RunInstances"));
    CHECK(allowed(permissions, "lambda:CreateFunction"));
    CHECK_FALSE(allowed(permissions, "iam:PassRole"));
    CHECK_FALSE(allowed(permissions, "organizations:LeaveOrganization"));
    const auto grants = permissions.grants_for(action("ec2:RunInstances"));
    REQUIRE(grants.size() == 1);
    // A finding about a NotAction grant points at the NotAction key.
    CHECK(&EffectivePermissions::action_place(*grants[0], action("ec2:RunInstances")) ==
          &grants[0]->statement->actions.key);
}

TEST_CASE("an unconditional Deny subtracts what it covers", "[effective]") {
    auto p = load(R"({"Version":"2012-10-17","Statement":[
        {"Effect":"Allow","Action":"*","Resource":"*"},
        {"Effect":"Deny","Action":["iam:*"],"Resource":"*"}]})");
    EffectivePermissions permissions(Catalog::builtin(), p.doc());
    CHECK_FALSE(allowed(permissions, "iam:CreatePolicyVersion"));
    CHECK(allowed(permissions, "s3:PutObject"));
    CHECK(permissions.allowed().count() ==
          Catalog::builtin().action_count() - ActionIndex(Catalog::builtin()).expand("iam:*").count());
}

TEST_CASE("a Deny with a condition removes nothing for sure", "[effective]") {
    auto p = load(R"({"Version":"2012-10-17","Statement":[
        {"Effect":"Allow","Action":"iam:*","Resource":"*"},
        {"Effect":"Deny","Action":"iam:*","Resource":"*",
         "Condition":{"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}}]})");
    EffectivePermissions permissions(Catalog::builtin(), p.doc());
    CHECK(allowed(permissions, "iam:AttachUserPolicy"));
    const auto grants = permissions.grants_for(action("iam:AttachUserPolicy"));
    REQUIRE(grants.size() == 1);
    REQUIRE(grants[0]->limited_by.size() == 1);
    CHECK(grants[0]->limited_by[0] == &p.doc().policy.statements[1]);
}

TEST_CASE("a Deny on narrower resources removes only those", "[effective]") {
    SECTION("a named role: PassRole stays allowed on the others") {
        auto p = load(R"({"Version":"2012-10-17","Statement":[
            {"Effect":"Allow","Action":"iam:PassRole","Resource":"*"},
            {"Effect":"Deny","Action":"iam:PassRole","Resource":"arn:aws:iam::111122223333:role/admin"}]})");
        EffectivePermissions permissions(Catalog::builtin(), p.doc());
        const auto grants = permissions.grants_for(action("iam:PassRole"));
        REQUIRE(grants.size() == 1);
        CHECK(grants[0]->limited_by.size() == 1);
    }
    SECTION("a wildcard ARN that covers the allowed one removes it") {
        auto p = load(R"({"Version":"2012-10-17","Statement":[
            {"Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::111122223333:role/app-*"},
            {"Effect":"Deny","Action":"iam:*","Resource":"arn:aws:iam::*:role/*"}]})");
        EffectivePermissions permissions(Catalog::builtin(), p.doc());
        CHECK_FALSE(allowed(permissions, "iam:PassRole"));
    }
    SECTION("every resource of the action's only type removes the action from \"*\"") {
        auto p = load(R"({"Version":"2012-10-17","Statement":[
            {"Effect":"Allow","Action":"iam:*","Resource":"*"},
            {"Effect":"Deny","Action":"iam:*","Resource":"arn:aws:iam::*:user/*"}]})");
        EffectivePermissions permissions(Catalog::builtin(), p.doc());
        CHECK_FALSE(allowed(permissions, "iam:CreateAccessKey"));
        CHECK_FALSE(allowed(permissions, "iam:PutUserPolicy"));
        CHECK(allowed(permissions, "iam:PutRolePolicy"));
    }
    SECTION("a narrower wildcard does not cover a broader allow") {
        auto p = load(R"({"Version":"2012-10-17","Statement":[
            {"Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::111122223333:role/*"},
            {"Effect":"Deny","Action":"iam:PassRole","Resource":"arn:aws:iam::111122223333:role/app-?"}]})");
        EffectivePermissions permissions(Catalog::builtin(), p.doc());
        CHECK(allowed(permissions, "iam:PassRole"));
    }
}

TEST_CASE("Deny with NotAction removes every other action", "[effective]") {
    auto p = load(R"({"Version":"2012-10-17","Statement":[
        {"Effect":"Allow","Action":"*","Resource":"*"},
        {"Effect":"Deny","NotAction":["s3:*","cloudwatch:*"],"Resource":"*"}]})");
    EffectivePermissions permissions(Catalog::builtin(), p.doc());
    CHECK(allowed(permissions, "s3:GetObject"));
    CHECK(allowed(permissions, "cloudwatch:PutMetricData"));
    CHECK_FALSE(allowed(permissions, "iam:PassRole"));
    CHECK_FALSE(allowed(permissions, "ec2:RunInstances"));
}

TEST_CASE("wildcard ARNs: which actions a resource can name", "[effective]") {
    auto p = load(R"({"Version":"2012-10-17","Statement":[
        {"Effect":"Allow","Action":["iam:*","s3:*"],"Resource":["arn:aws:s3:::acme-*/*","arn:aws:iam::*:role/*"]}]})");
    EffectivePermissions permissions(Catalog::builtin(), p.doc());
    // A user or policy ARN is not named: these IAM actions are not allowed on anything.
    CHECK_FALSE(allowed(permissions, "iam:CreateAccessKey"));
    CHECK_FALSE(allowed(permissions, "iam:CreatePolicyVersion"));
    CHECK(allowed(permissions, "iam:PassRole"));
    CHECK(allowed(permissions, "s3:GetObject"));
    // An action that takes only "*" is not allowed on ARNs.
    CHECK_FALSE(allowed(permissions, "s3:ListAllMyBuckets"));
    const auto grants = permissions.grants_for(action("iam:PassRole"));
    REQUIRE(grants.size() == 1);
    CHECK(permissions.covers_every_resource(*grants[0], action("iam:PassRole")));
    CHECK_FALSE(permissions.covers_every_resource(*grants[0], action("s3:GetObject")));
}

TEST_CASE("NotResource allows every other resource", "[effective]") {
    auto p = load(R"({"Version":"2012-10-17","Statement":[
        {"Effect":"Allow","Action":"iam:PassRole","NotResource":"arn:aws:iam::111122223333:role/admin"}]})");
    EffectivePermissions permissions(Catalog::builtin(), p.doc());
    const auto grants = permissions.grants_for(action("iam:PassRole"));
    REQUIRE(grants.size() == 1);
    CHECK(permissions.covers_every_resource(*grants[0], action("iam:PassRole")));

    auto d = load(R"({"Version":"2012-10-17","Statement":[
        {"Effect":"Allow","Action":"iam:*","NotResource":"arn:aws:iam::111122223333:role/admin"},
        {"Effect":"Deny","Action":"iam:*","NotResource":["arn:aws:iam::111122223333:role/admin"]}]})");
    EffectivePermissions denied(Catalog::builtin(), d.doc());
    CHECK_FALSE(allowed(denied, "iam:PassRole"));
}

TEST_CASE("conditions that constrain, and those that do not", "[effective]") {
    auto p = load(R"({"Version":"2012-10-17","Statement":[
        {"Effect":"Allow","Action":"iam:PassRole","Resource":"*","Condition":{"StringEquals":{"iam:PassedToService":"ec2.amazonaws.com"}}},
        {"Effect":"Allow","Action":"iam:CreateAccessKey","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"true"},"StringEquals":{"aws:RequestedRegion":"eu-west-1"}}},
        {"Effect":"Allow","Action":"iam:AttachUserPolicy","Resource":"*","Condition":{"BoolIfExists":{"aws:MultiFactorAuthPresent":"true"}}},
        {"Effect":"Allow","Action":"iam:PutUserPolicy","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}},
        {"Effect":"Allow","Action":"iam:TagRole","Resource":"*","Condition":{"StringEquals":{"aws:RequestTag/team":"x"}}}]})");
    EffectivePermissions permissions(Catalog::builtin(), p.doc());
    CHECK_FALSE(allowed(permissions, "iam:PassRole"));
    CHECK(allowed(permissions, "iam:PassRole", false));
    CHECK(allowed(permissions, "iam:CreateAccessKey"));
    CHECK(allowed(permissions, "iam:AttachUserPolicy"));
    CHECK_FALSE(allowed(permissions, "iam:PutUserPolicy"));
    CHECK(allowed(permissions, "iam:TagRole"));
    const auto grants = permissions.grants_for(action("iam:PutUserPolicy"), false);
    REQUIRE(grants.size() == 1);
    REQUIRE(grants[0]->constraints.size() == 1);
    CHECK(describe_constraint(*grants[0]->constraints[0]) == "aws:SourceIp");
}

TEST_CASE("several statements and policies: union of Allows, Deny from any policy", "[effective]") {
    auto a = load(R"({"Version":"2012-10-17","Statement":[
        {"Effect":"Allow","Action":"iam:PassRole","Resource":"*"},
        {"Effect":"Allow","Action":"ec2:RunInstances","Resource":"*"}]})");
    auto b = load(R"({"Version":"2012-10-17","Statement":[
        {"Effect":"Allow","Action":"lambda:*","Resource":"*"},
        {"Effect":"Deny","Action":"ec2:*","Resource":"*"}]})");
    const std::array<const PolicyDocument*, 2> both{&a.doc(), &b.doc()};
    EffectivePermissions permissions(Catalog::builtin(), both);
    CHECK(permissions.grants().size() == 3);
    CHECK(allowed(permissions, "iam:PassRole"));
    CHECK(allowed(permissions, "lambda:CreateFunction"));
    CHECK_FALSE(allowed(permissions, "ec2:RunInstances"));
    CHECK(permissions.grants_for(action("lambda:CreateFunction"))[0]->document == &b.doc());
}

TEST_CASE("resource_pattern_covers", "[effective]") {
    CHECK(resource_pattern_covers("*", "arn:aws:iam::1:role/x"));
    CHECK(resource_pattern_covers("arn:aws:iam::*:role/*", "arn:aws:iam::111122223333:role/app-*"));
    CHECK(resource_pattern_covers("arn:aws:iam::1:role/a?c", "arn:aws:iam::1:role/abc"));
    CHECK_FALSE(resource_pattern_covers("arn:aws:iam::1:role/a?c", "arn:aws:iam::1:role/a*c"));
    CHECK_FALSE(resource_pattern_covers("arn:aws:iam::1:role/app", "arn:aws:iam::1:role/app*"));
    CHECK_FALSE(resource_pattern_covers("arn:aws:iam::1:role/app-*", "arn:aws:iam::1:role/*"));
}

TEST_CASE("Action lists expanded in earlier evaluations give the same sets", "[effective]") {
    // The builtin catalog's expansions are remembered per thread, by list: the same list must give the
    // same actions again, Action and NotAction of one list must not be confused, and past the bound on
    // remembered lists the expansions stay right.
    const auto listed =
        load(R"({"Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"*"}]})");
    const auto negated = load(
        R"({"Statement":[{"Effect":"Allow","NotAction":["s3:GetObject","s3:PutObject"],"Resource":"*"}]})");
    for (int round = 0; round < 2; ++round) {
        INFO("round " << round);
        const EffectivePermissions first(Catalog::builtin(), listed.doc());
        CHECK(first.allowed().count() == 2);
        CHECK(allowed(first, "s3:GetObject"));
        CHECK_FALSE(allowed(first, "s3:DeleteObject"));
        const EffectivePermissions other(Catalog::builtin(), negated.doc());
        CHECK(other.allowed().count() == Catalog::builtin().action_count() - 2);
        CHECK_FALSE(allowed(other, "s3:GetObject"));
        CHECK(allowed(other, "s3:DeleteObject"));
    }
    for (int i = 0; i < 600; ++i) {
        const std::string name = i % 2 == 0 ? "s3:GetObject" : "s3:ListBucket";
        const auto policy = load(R"({"Statement":[{"Effect":"Allow","Action":[")" + name + R"(","unknown)" +
                                 std::to_string(i) + R"(:Do"],"Resource":"*"}]})");
        const EffectivePermissions permissions(Catalog::builtin(), policy.doc());
        REQUIRE(permissions.allowed().count() == 1);
        REQUIRE(allowed(permissions, name));
    }
}

TEST_CASE("allowed(): the union of the grants, each shared set joined once", "[effective]") {
    // The first two statements share one expanded set, the third has a set of its own under a condition
    // that constrains it.
    const auto policy = load(R"({"Statement":[
        {"Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"arn:aws:s3:::a/*"},
        {"Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"arn:aws:s3:::b/*"},
        {"Effect":"Allow","Action":"sqs:SendMessage","Resource":"*",
         "Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}]})");
    const EffectivePermissions permissions(Catalog::builtin(), policy.doc());
    REQUIRE(permissions.grants()[0].actions.identity() == permissions.grants()[1].actions.identity());
    const ActionSet unconditional = permissions.allowed();
    CHECK(unconditional.count() == 2);
    CHECK(unconditional.test(permissions.index().index_of(action("s3:PutObject"))));
    const ActionSet any = permissions.allowed(false);
    CHECK(any.count() == 3);
    CHECK(any.test(permissions.index().index_of(action("sqs:SendMessage"))));
}

TEST_CASE("named_by_allows: every Allow's actions over several policies, before Deny", "[effective]") {
    auto a = load(R"({"Version":"2012-10-17","Statement":[
        {"Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::111122223333:role/app"}]})");
    auto b = load(R"({"Version":"2012-10-17","Statement":[
        {"Effect":"Allow","Action":"iam:PassRole","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}},
        {"Effect":"Allow","Action":"lambda:CreateFunction","Resource":"*"},
        {"Effect":"Deny","Action":["lambda:*","ec2:RunInstances"],"Resource":"*"}]})");
    const std::array<const PolicyDocument*, 2> both{&a.doc(), &b.doc()};
    const ActionSetUnion named = named_by_allows(Catalog::builtin(), both);
    const auto index = ActionIndex::of(Catalog::builtin());
    CHECK(named.test(index->index_of(action("iam:PassRole"))));
    // What a Deny removes is still named; what only a Deny names is not.
    CHECK(named.test(index->index_of(action("lambda:CreateFunction"))));
    CHECK_FALSE(named.test(index->index_of(action("ec2:RunInstances"))));
    CHECK_FALSE(named.test(index->index_of(action("iam:CreateRole"))));
    // A superset of what the policies allow together, and nothing else.
    const EffectivePermissions permissions(Catalog::builtin(), both);
    const ActionSet allowed = permissions.allowed(false);
    std::size_t named_count = 0;
    for (std::size_t i = 0; i < index->size(); ++i) {
        if (!named.test(i)) continue;
        ++named_count;
        CHECK((allowed.test(i) || i == index->index_of(action("lambda:CreateFunction"))));
    }
    CHECK(named_count == 2);
}

TEST_CASE("ActionSetUnion: any of the sets, each distinct one once", "[effective]") {
    const auto index = ActionIndex::of(Catalog::builtin());
    const ActionSet reads = index->expand("s3:GetObject");
    const ActionSet shared = reads;  // the same words
    const ActionSet writes = index->expand("s3:PutObject");
    const ActionSet equal_copy = index->expand("s3:GetObject");  // equal, not shared
    CHECK_FALSE(ActionSetUnion().test(index->index_of(action("s3:GetObject"))));
    const ActionSetUnion both({&reads, &shared, &writes, &equal_copy});
    CHECK(both.test(index->index_of(action("s3:GetObject"))));
    CHECK(both.test(index->index_of(action("s3:PutObject"))));
    CHECK_FALSE(both.test(index->index_of(action("s3:DeleteObject"))));
}
