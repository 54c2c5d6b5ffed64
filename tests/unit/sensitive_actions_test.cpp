// The sensitive-action and sensitive-service tables (data/sensitive-*.tsv): the format, the lookups,
// every row checked against the catalog.
#include <algorithm>
#include <set>
#include <stdexcept>
#include <string>

#include <catch2/catch.hpp>

#include "iamlint/catalog.hpp"
#include "iamlint/model.hpp"
#include "iamlint/sensitive_actions.hpp"

using namespace iamlint;

namespace {

const Action& action(std::string_view name) {
    const Action* found = Catalog::builtin().find_action(name);
    REQUIRE(found);
    return *found;
}

std::string parse_error(std::string_view text) {
    try {
        SensitiveActions::parse(text);
    } catch (const std::runtime_error& e) {
        return e.what();
    }
    return "";
}

std::string services_error(std::string_view text) {
    try {
        parse_sensitive_services(text);
    } catch (const std::runtime_error& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST_CASE("the builtin action table: categories, exceptions and owners", "[sensitive]") {
    const auto& table = SensitiveActions::builtin();
    using C = SensitiveCategory;
    CHECK(table.reported(action("iam:CreateAccessKey"), C::CredentialsExposure));
    CHECK(table.reported(action("sts:AssumeRole"), C::CredentialsExposure));
    CHECK(table.reported(action("S3:GETOBJECT"), C::DataAccess));
    CHECK_FALSE(table.reported(action("s3:GetObject"), C::CredentialsExposure));
    CHECK(table.reported(action("secretsmanager:GetSecretValue"), C::DataAccess));
    CHECK_FALSE(table.reported(action("secretsmanager:GetSecretValue"), C::CredentialsExposure));

    // Listed, with the reason it is not reported.
    const auto* ecr = table.find(action("ecr:GetAuthorizationToken"), C::CredentialsExposure);
    REQUIRE(ecr);
    CHECK(ecr->owner == "no");
    CHECK_FALSE(table.reported(action("ecr:GetAuthorizationToken"), C::CredentialsExposure));
    const auto* rds = table.find(action("rds-db:connect"), C::CredentialsExposure);
    REQUIRE(rds);
    CHECK(rds->owner == "IAM203");

    // Permissions management comes from the catalog's access level, less the table's exceptions.
    CHECK(table.reported(action("s3:PutBucketPolicy"), C::PermissionsManagement));
    CHECK(table.reported(action("iam:AttachRolePolicy"), C::PermissionsManagement));
    CHECK_FALSE(table.reported(action("s3:PutObject"), C::PermissionsManagement));
    CHECK(action("rds-db:connect").access_level == AccessLevel::PermissionsManagement);
    CHECK_FALSE(table.reported(action("rds-db:connect"), C::PermissionsManagement));
}

TEST_CASE("the builtin table answers for every catalog action as its rows say", "[sensitive]") {
    // reported() answers from bits computed per service at the first question; find() scans the rows.
    const auto& table = SensitiveActions::builtin();
    for (const Service& service : Catalog::builtin().services()) {
        for (const Action& a : service.actions) {
            for (auto category : {SensitiveCategory::CredentialsExposure, SensitiveCategory::DataAccess,
                                  SensitiveCategory::PermissionsManagement}) {
                const SensitiveActionRow* row = table.find(a, category);
                const bool expected =
                    category == SensitiveCategory::PermissionsManagement
                        ? row == nullptr && a.access_level == AccessLevel::PermissionsManagement
                        : row != nullptr && row->reported();
                INFO(service.prefix << ":" << a.name << " " << to_string(category));
                REQUIRE(table.reported(a, category) == expected);
            }
        }
    }
}

TEST_CASE("every row of the action table names catalog actions, once per category", "[sensitive]") {
    const auto& catalog = Catalog::builtin();
    std::set<std::pair<std::string, SensitiveCategory>> seen;
    for (const auto& row : SensitiveActions::builtin().rows()) {
        INFO("sensitive-actions.tsv:" << row.line << " " << row.pattern);
        std::vector<const Action*> matched;
        catalog.expand(row.pattern, matched);
        CHECK_FALSE(matched.empty());
        std::string lower;
        for (char c : row.pattern) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        CHECK(seen.insert({lower, row.category}).second);
        CHECK_FALSE(row.sources.empty());
        if (row.category == SensitiveCategory::DataAccess && row.reported()) {
            // The data rule is about reads: a write that copies data is another kind of risk.
            for (const Action* a : matched) CHECK(a->access_level == AccessLevel::Read);
        }
        if (row.category == SensitiveCategory::PermissionsManagement) {
            // An exception to the catalog's access level excepts something.
            CHECK(std::any_of(matched.begin(), matched.end(), [](const Action* a) {
                return a->access_level == AccessLevel::PermissionsManagement;
            }));
        }
        for (const Action* a : matched) {
            const SensitiveActionRow* found = SensitiveActions::builtin().find(*a, row.category);
            REQUIRE(found);
            CHECK(found->line == row.line);
        }
    }
}

TEST_CASE("the action table's format is checked line by line", "[sensitive]") {
    const auto table = SensitiveActions::parse(
        "# comment\r\n\ns3:Get*Object\tdata-access\tyes\tsar\r\n"
        "sts:GetSessionToken\tcredentials-exposure\tno\tparliament\n");
    REQUIRE(table.rows().size() == 2);
    CHECK(table.reported(action("s3:GetObject"), SensitiveCategory::DataAccess));
    CHECK_FALSE(table.reported(action("s3:GetObjectAcl"), SensitiveCategory::DataAccess));
    CHECK_FALSE(table.reported(action("s3:PutObject"), SensitiveCategory::DataAccess));
    CHECK(table.rows()[1].line == 4);  // sorted by service: s3 before sts

    CHECK(parse_error("s3:GetObject\tdata-access\tyes") ==
          "sensitive-actions.tsv:1: expected 4 tab-separated fields, found 3");
    CHECK(parse_error("\ns3:GetObject\tdata\tyes\tsar")
              .starts_with("sensitive-actions.tsv:2: the category is"));
    CHECK(parse_error("s3:GetObject\tdata-access\tmaybe\tsar") ==
          "sensitive-actions.tsv:1: reported is yes, no or the id of the rule that owns the action");
    CHECK(parse_error("s*:GetObject\tdata-access\tyes\tsar") ==
          "sensitive-actions.tsv:1: an action is \"service:Name\" with a literal service prefix");
    CHECK(parse_error("GetObject\tdata-access\tyes\tsar") ==
          "sensitive-actions.tsv:1: an action is \"service:Name\" with a literal service prefix");
    CHECK(parse_error("s3:GetObject\tdata-access\tyes\tSAR") ==
          "sensitive-actions.tsv:1: sources are lower-case names separated by \",\"");
    CHECK(parse_error("s3:GetObject\tdata-access\tyes\t") ==
          "sensitive-actions.tsv:1: sources are lower-case names separated by \",\"");
    CHECK(parse_error("s3:PutBucketPolicy\tpermissions-management\tyes\tsar") ==
          "sensitive-actions.tsv:1: permissions-management comes from the catalog: its rows only record "
          "exceptions");
    CHECK(parse_error("s3:GetObject\tdata-access\tyes\tsar\nS3:getobject\tdata-access\tno\tsar") ==
          "sensitive-actions.tsv:2: duplicate S3:getobject (line 1)");
    CHECK(parse_error("rds-db:connect\tcredentials-exposure\tIAM203\tsar\n"
                      "rds-db:connect\tpermissions-management\tIAM203\tsar")
              .empty());
}

TEST_CASE("the service table: IAM202's list, in the catalog, each service once", "[sensitive]") {
    const auto services = sensitive_services();
    CHECK(services.size() == 56);  // the list IAM202 had in its code, moved unchanged
    std::set<std::string_view> seen;
    for (const auto& row : services) {
        INFO("sensitive-services.tsv:" << row.line << " " << row.prefix);
        CHECK(Catalog::builtin().find_service(row.prefix) != nullptr);
        CHECK(seen.insert(row.prefix).second);
    }
    REQUIRE(find_sensitive_service("S3"));
    CHECK(find_sensitive_service("s3")->sensitivity == ServiceSensitivity::Data);
    CHECK(find_sensitive_service("cloudtrail")->sensitivity == ServiceSensitivity::Guard);
    CHECK(find_sensitive_service("secretsmanager")->sensitivity == ServiceSensitivity::Secrets);
    CHECK(find_sensitive_service("sso")->sensitivity == ServiceSensitivity::Identity);
    CHECK(find_sensitive_service("autoscaling") == nullptr);

    CHECK(services_error("s3\tdata\tobjects") ==
          "sensitive-services.tsv:1: expected 4 tab-separated fields, found 3");
    CHECK(services_error("S3\tdata\tobjects\tsar") ==
          "sensitive-services.tsv:1: a service is its lower-case catalog prefix");
    CHECK(
        services_error("s3\tstorage\tobjects\tsar").starts_with("sensitive-services.tsv:1: the category is"));
    CHECK(services_error("s3\tdata\t\tsar") == "sensitive-services.tsv:1: every service says what it holds");
    CHECK(services_error("s3\tdata\tobjects\tsar\ns3\tdata\tobjects\tsar") ==
          "sensitive-services.tsv:2: duplicate s3 (line 1)");
}
