#include <stdexcept>

#include <catch2/catch.hpp>

#include "breadth_support.hpp"
#include "iamlint/catalog.hpp"
#include "rule_support.hpp"

using namespace iamlint;
using namespace iamlint::rules;

TEST_CASE("a pattern covers another only when it matches everything the other can match",
          "[rules][breadth]") {
    // Literals and exact duplicates; actions ignore case, resources do not.
    CHECK(pattern_covers("s3:GetObject", "s3:GetObject", false));
    CHECK(pattern_covers("s3:Get*", "S3:getobject", true));
    CHECK_FALSE(pattern_covers("s3:Get*", "S3:getobject", false));
    CHECK_FALSE(pattern_covers("s3:GetObject", "s3:GetObjectAcl", true));
    // A star of the general pattern stands for wildcards of the specific one.
    CHECK(pattern_covers("s3:Get*", "s3:GetObject*", true));
    CHECK(pattern_covers("*", "s3:*", true));
    CHECK(pattern_covers("s3:*Object", "s3:G?tObject", true));
    CHECK(pattern_covers("arn:aws:s3:::acme/*", "arn:aws:s3:::acme/${aws:username}/*", false));
    CHECK(pattern_covers("a**b", "a*b", false));
    CHECK(pattern_covers("a?c", "a?c", false));
    CHECK(pattern_covers("a*", "a?", false));
    // ... but a literal or a '?' never stands for a '*', and a literal never for a '?'.
    CHECK_FALSE(pattern_covers("a?c", "a*c", false));
    CHECK_FALSE(pattern_covers("abc", "a?c", false));
    CHECK_FALSE(pattern_covers("s3:GetObject*", "s3:Get*", true));
    CHECK_FALSE(pattern_covers("arn:aws:s3:::acme/*", "arn:aws:s3:::acme", false));
    CHECK_FALSE(pattern_covers("a*b", "a*", false));
    CHECK_FALSE(pattern_covers("", "a", false));
    CHECK(pattern_covers("*", "", false));
    // Nested stars stay fast: one resume point, no exponential backtracking.
    CHECK_FALSE(pattern_covers("*a*a*a*a*a*a*a*a*a*a*a*a*b", std::string(200, 'a'), false));
}

TEST_CASE("the breadth rules' action tables name actions of the catalog", "[rules][breadth]") {
    const Catalog& catalog = Catalog::builtin();
    for (const auto& read : secret_reads()) {
        INFO(read.action);
        const Action* action = catalog.find_action(read.action);
        REQUIRE(action != nullptr);
        // Spelled as the catalog does, since the rule compares qualified names.
        CHECK(qualified_name(*action) == read.action);
        CHECK_FALSE(action->accepts_only_wildcard_resource());
    }
    for (std::string_view name : destructive_actions()) {
        INFO(name);
        const Action* action = catalog.find_action(name);
        REQUIRE(action != nullptr);
        CHECK((action->access_level == AccessLevel::Write ||
               action->access_level == AccessLevel::PermissionsManagement));
    }
}

TEST_CASE("entries are named in messages like actions are", "[rules][breadth]") {
    std::vector<Entry> entries(5);
    for (std::size_t i = 0; i < entries.size(); ++i) entries[i].text = {'e', static_cast<char>('0' + i)};
    CHECK(describe_entries(std::span(entries).first(1)) == "e0");
    CHECK(describe_entries(std::span(entries).first(2)) == "e0 and e1");
    CHECK(describe_entries(std::span(entries).first(3)) == "e0, e1 and e2");
    CHECK(describe_entries(entries) == "e0, e1, e2 and 2 more");
}

namespace {

// Whether the action's use of the named resource type can be named only by a wildcard.
bool only_by_wildcard(std::string_view action_name, std::string_view type_name) {
    const Action* action = Catalog::builtin().find_action(action_name);
    REQUIRE(action != nullptr);
    for (const auto& use : action->resource_types) {
        if (use.type->name == type_name) return nameable_only_by_wildcard(*action, use);
    }
    FAIL("no resource type " << type_name << " for " << action_name);
    return false;
}

const ResourceType& resource_type(std::string_view prefix, std::string_view name) {
    const Service* service = Catalog::builtin().find_service(prefix);
    REQUIRE(service != nullptr);
    for (const auto& type : service->resource_types) {
        if (type.name == name) return type;
    }
    FAIL("no resource type " << name);
    throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("what an action creates under an id AWS chooses, or one per account, is named only by a wildcard",
          "[rules][breadth]") {
    // RunInstances creates the instance, its volumes and network interfaces; it only uses the image,
    // the subnet and the security group, which can be named.
    CHECK(only_by_wildcard("ec2:RunInstances", "instance"));
    CHECK(only_by_wildcard("ec2:RunInstances", "volume"));
    CHECK(only_by_wildcard("ec2:RunInstances", "network-interface"));
    CHECK_FALSE(only_by_wildcard("ec2:RunInstances", "image"));
    CHECK_FALSE(only_by_wildcard("ec2:RunInstances", "subnet"));
    CHECK_FALSE(only_by_wildcard("ec2:RunInstances", "security-group"));
    CHECK(only_by_wildcard("ec2:CreateSecurityGroup", "security-group"));
    // Tagging takes request tags for resources that exist; a role's name is the creator's choice.
    CHECK_FALSE(only_by_wildcard("ec2:CreateTags", "instance"));
    CHECK_FALSE(only_by_wildcard("iam:CreateRole", "role"));
    // One session per caller: "arn:aws:sts::111122223333:self" names nothing more than "*".
    CHECK(only_by_wildcard("sts:SetContext", "self-session"));
    CHECK_FALSE(only_by_wildcard("sts:SetContext", "role"));
}

TEST_CASE("a placeholder region or account is the policy's own: the ARN reaches every resource of its type",
          "[rules][breadth]") {
    const ResourceType& role = resource_type("iam", "role");
    const ResourceType& instance = resource_type("ec2", "instance");
    auto reaches_every_resource_of = [](std::string_view resource, const ResourceType& type) {
        return ResourceReach(resource).every_resource_of(type);
    };
    CHECK(reaches_every_resource_of("*", role));
    CHECK(reaches_every_resource_of("arn:aws:iam::*:role/*", role));
    CHECK(reaches_every_resource_of("arn:${AWS::Partition}:iam::${AWS::AccountId}:role/*", role));
    CHECK(reaches_every_resource_of("arn:aws:iam::ACCOUNT_ID:role/*", role));
    CHECK(reaches_every_resource_of("arn:aws:iam::<account-id>:role/*", role));
    CHECK(reaches_every_resource_of("arn:aws:ec2:${AWS::Region}:${AWS::AccountId}:instance/*", instance));
    CHECK(reaches_every_resource_of("arn:aws:ec2:REGION:${aws:PrincipalAccount}:instance/*", instance));
    // A literal account or region names something; a placeholder in the resource names something too.
    CHECK_FALSE(reaches_every_resource_of("arn:aws:iam::111122223333:role/*", role));
    CHECK_FALSE(reaches_every_resource_of("arn:aws:ec2:us-east-1:${AWS::AccountId}:instance/*", instance));
    CHECK_FALSE(reaches_every_resource_of("arn:aws:iam::${AWS::AccountId}:role/${RoleName}", role));
    CHECK_FALSE(reaches_every_resource_of("arn:aws:iam::${AWS::AccountId}:role/app-*", role));
    CHECK_FALSE(reaches_every_resource_of("${RoleArn}", role));
}
