// The ARN model: splitting, syntax checks with positions, and matching policy patterns against catalog
// ARN formats (include/iamlint/arn.hpp).
#include <catch2/catch.hpp>

#include "iamlint/arn.hpp"
#include "iamlint/arn_matching.hpp"
#include "iamlint/catalog.hpp"

using namespace iamlint;

namespace {

constexpr std::string_view kS3Formats[] = {
    "arn:${Partition}:s3:::${BucketName}",
    "arn:${Partition}:s3:::${BucketName}/${ObjectName}",
    "arn:${Partition}:s3:${Region}:${Account}:accesspoint/${AccessPointName}",
};
constexpr std::string_view kLogsFormats[] = {
    "arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}",
    "arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}:log-stream:${LogStreamName}",
};

// Whether the pattern can match format `index` of the list, the list's path segments applied.
template <std::size_t N>
bool matches(std::string_view pattern, const std::string_view (&formats)[N], std::size_t index) {
    const auto segments = segment_variables(formats);
    return can_match(ArnPattern(pattern), ArnFormat(formats[index], segments));
}

bool matches(std::string_view pattern, std::string_view format) {
    const std::string_view formats[] = {format};
    return matches(pattern, formats, 0);
}

std::optional<ArnProblem> problem(std::string_view text) {
    return check_arn_syntax(text);
}

}  // namespace

TEST_CASE("split_arn: six fields, colons of policy variables and of the resource kept", "[arn]") {
    auto arn = split_arn("arn:aws-cn:logs:cn-north-1:111122223333:log-group:app:*");
    REQUIRE(arn);
    CHECK(arn->partition == "aws-cn");
    CHECK(arn->service == "logs");
    CHECK(arn->region == "cn-north-1");
    CHECK(arn->account == "111122223333");
    CHECK(arn->resource == "log-group:app:*");

    auto variable = split_arn("arn:aws:iam::${aws:PrincipalAccount}:role/${aws:username}");
    REQUIRE(variable);
    CHECK(variable->account == "${aws:PrincipalAccount}");
    CHECK(variable->resource == "role/${aws:username}");

    auto empty = split_arn("arn:aws:s3:::");
    REQUIRE(empty);
    CHECK(empty->region.empty());
    CHECK(empty->account.empty());
    CHECK(empty->resource.empty());

    CHECK_FALSE(split_arn("arn:aws:s3::bucket"));
    CHECK_FALSE(split_arn("ARN:aws:s3:::bucket"));
    CHECK_FALSE(split_arn("*"));
}

TEST_CASE("check_arn_syntax: valid ARNs of every partition, with wildcards and variables", "[arn]") {
    for (std::string_view text : {
             "arn:aws:s3:::bucket",
             "arn:aws-cn:s3:::bucket/*",
             "arn:aws-us-gov:dynamodb:us-gov-west-1:111122223333:table/Orders",
             "arn:aws-iso:ec2:us-iso-east-1:111122223333:instance/*",
             "arn:aws-iso-b:ec2:us-isob-east-1:111122223333:instance/*",
             "arn:aws-eusc:s3:::bucket",
             "arn:*:logs:*:*:*",
             "arn:aws*:sqs:eu-*:1111????3333:queue",
             "arn:aws:iam::aws:policy/ReadOnlyAccess",
             "arn:aws:iam::${aws:PrincipalAccount}:role/x",
             "arn:${aws:partition}:s3:::bucket",
             "arn:aws:ec2:${aws:RequestedRegion}::image/*",
             "arn:aws:ssm:us-east-1::parameter/aws/service/*",
             "arn:aws:sns:eusc-de-east-1:111122223333:topic",
             "arn:aws:s3:*",  // a wildcard may stand for the missing fields
             "arn:aws:organizations::*:",
         }) {
        INFO(text);
        CHECK_FALSE(problem(text));
    }
}

TEST_CASE("check_arn_syntax: each field's problem, with its position", "[arn]") {
    auto check = [](std::string_view text, ArnField field, std::size_t offset, std::size_t length) {
        INFO(text);
        auto p = problem(text);
        REQUIRE(p);
        CHECK(p->field == field);
        CHECK(p->offset == offset);
        CHECK(p->length == length);
        CHECK_FALSE(p->message.empty());
    };
    check("bucket/*", ArnField::Prefix, 0, 0);
    check("Arn:aws:s3:::bucket", ArnField::Prefix, 0, 3);
    check("arn:aws:s3:bucket", ArnField::Prefix, 0, 0);
    check("arn:awz:s3:::bucket", ArnField::Partition, 4, 3);
    check("arn:AWS:s3:::bucket", ArnField::Partition, 4, 3);
    check("arn::s3:::bucket", ArnField::Partition, 4, 0);
    check("arn:aws::::bucket", ArnField::Service, 8, 0);
    check("arn:aws:S3:::bucket", ArnField::Service, 8, 2);
    check("arn:aws:s3_x:::bucket", ArnField::Service, 8, 4);
    check("arn:aws:ec2:useast1:111122223333:instance/*", ArnField::Region, 12, 7);
    check("arn:aws:ec2:US-EAST-1:111122223333:instance/*", ArnField::Region, 12, 9);
    check("arn:aws:ec2:us-east-1:11112222333:instance/*", ArnField::Account, 22, 11);
    check("arn:aws:ec2:us-east-1:1111-2222-3333:instance/*", ArnField::Account, 22, 14);
    check("arn:aws:ec2:us-east-1:1111222233334*:instance/*", ArnField::Account, 22, 14);
}

TEST_CASE("check_arn_syntax: words a service uses as its account", "[arn]") {
    const std::string_view words[] = {"offering"};
    CHECK(problem("arn:aws:mediaconnect:us-east-1:offering:o-1"));
    CHECK_FALSE(check_arn_syntax("arn:aws:mediaconnect:us-east-1:offering:o-1", words));
}

TEST_CASE("region names and account ids", "[arn]") {
    for (std::string_view region : {"us-east-1", "eu-central-2", "us-gov-west-1", "cn-northwest-1",
                                    "us-isob-east-1", "eusc-de-east-1"}) {
        CHECK(is_region_name(region));
    }
    for (std::string_view region :
         {"", "us", "us-east", "useast1", "us-east-", "us--1", "US-EAST-1", "us-east-123"}) {
        CHECK_FALSE(is_region_name(region));
    }
    CHECK(is_account_id("012345678901"));
    CHECK_FALSE(is_account_id("01234567890"));
    CHECK_FALSE(is_account_id("0123456789012"));
    CHECK_FALSE(is_account_id("01234567890a"));
}

TEST_CASE("wildcards and variables", "[arn]") {
    CHECK(has_wildcard_or_variable("a*"));
    CHECK(has_wildcard_or_variable("a?"));
    CHECK(has_wildcard_or_variable("home/${aws:username}"));
    CHECK_FALSE(has_wildcard_or_variable("literal${*}star"));
    CHECK_FALSE(has_wildcard_or_variable("${?}${$}"));
    CHECK_FALSE(has_wildcard_or_variable("plain"));
    CHECK(known_partitions().size() == 8);
}

TEST_CASE("segment variables: a variable that a '/' follows in some format", "[arn]") {
    auto segments = segment_variables(kS3Formats);
    REQUIRE(segments.size() == 1);
    CHECK(segments.front() == "arn:${Partition}:s3:::${BucketName}");
    CHECK(segment_variables(kLogsFormats).empty());
}

TEST_CASE("matching: S3 buckets, objects and access points", "[arn]") {
    // bucket, object, access point
    CHECK(matches("arn:aws:s3:::acme", kS3Formats, 0));
    CHECK_FALSE(matches("arn:aws:s3:::acme", kS3Formats, 1));
    CHECK_FALSE(matches("arn:aws:s3:::acme", kS3Formats, 2));
    CHECK_FALSE(matches("arn:aws:s3:::acme/*", kS3Formats, 0));
    CHECK(matches("arn:aws:s3:::acme/*", kS3Formats, 1));
    CHECK(matches("arn:aws:s3:::acme/reports/2024/*.csv", kS3Formats, 1));
    CHECK(matches("arn:aws:s3:::acme/a:b", kS3Formats, 1));  // keys may hold ':'
    CHECK(matches("arn:aws:s3:::acme*", kS3Formats, 0));
    CHECK(matches("arn:aws:s3:::acme*", kS3Formats, 1));  // `*` covers '/'
    CHECK(matches("arn:aws:s3:::acme/home/${aws:username}/*", kS3Formats, 1));
    CHECK_FALSE(matches("arn:aws:s3:::acme/home/${aws:username}/*", kS3Formats, 0));
    CHECK(matches("arn:aws-cn:s3:::acme", kS3Formats, 0));
    CHECK(matches("arn:aws-us-gov:s3:::acme/*", kS3Formats, 1));
    CHECK(matches("arn:*:s3:::acme?", kS3Formats, 0));
    CHECK(matches("arn:aws:s3:us-east-1:111122223333:accesspoint/reports", kS3Formats, 2));
    CHECK_FALSE(matches("arn:aws:s3:us-east-1:111122223333:accesspoint/reports", kS3Formats, 0));
    CHECK_FALSE(matches("arn:aws:s3:us-east-1::acme", kS3Formats, 0));  // a region S3 buckets do not have
    CHECK(matches("arn:aws:s3:*:*:acme", kS3Formats, 0));               // '*' may be empty
    CHECK(matches("arn:aws:*:*:*:*", kS3Formats, 1));
    CHECK(matches("*", kS3Formats, 2));
    CHECK(matches("arn:aws:S3:::ACME", kS3Formats, 0));  // letters compare without case
    CHECK_FALSE(matches("arn:aws:dynamodb:::acme", kS3Formats, 0));
}

TEST_CASE("matching: CloudWatch Logs log groups and streams", "[arn]") {
    const std::string_view group_star = "arn:aws:logs:eu-west-1:111122223333:log-group:/aws/lambda/app:*";
    CHECK(matches(group_star, kLogsFormats, 0));
    CHECK(matches(group_star, kLogsFormats, 1));
    const std::string_view group = "arn:aws:logs:eu-west-1:111122223333:log-group:/aws/lambda/app";
    CHECK(matches(group, kLogsFormats, 0));
    CHECK_FALSE(matches(group, kLogsFormats, 1));
    const std::string_view stream = "arn:aws:logs:eu-west-1:111122223333:log-group:app:log-stream:2024/01/01";
    CHECK(matches(stream, kLogsFormats, 1));
    CHECK(matches("arn:aws:logs:*:*:*", kLogsFormats, 1));
    // The account's '*' covers "ACCOUNT:log-group": AWS's own Glue policies rely on it.
    CHECK(matches("arn:aws:logs:*:*:/aws-glue/*", kLogsFormats, 0));
    CHECK(matches("arn:aws:logs:*:*:/aws-glue/*", kLogsFormats, 1));
    CHECK_FALSE(matches("arn:aws:logs:eu-west-1:111122223333:/aws-glue/*", kLogsFormats, 0));
    // A variable of the header may be empty: AWS-owned resources have no account.
    CHECK(matches("arn:aws:logs:eu-west-1::log-group:app", kLogsFormats, 0));
}

TEST_CASE("matching: header wildcards, ids with colons, paths", "[arn]") {
    const std::string_view domain = "arn:${Partition}:sagemaker:${Region}:${Account}:domain/${DomainId}";
    CHECK_FALSE(matches("arn:aws:sagemaker:*:*:endpoint/*", domain));
    CHECK(matches("arn:aws:sagemaker:*:*:domain/d-*", domain));
    CHECK(matches("arn:aws:sagemaker:*:*:*", domain));
    CHECK(matches("arn:aws:rds:*:*:snapshot:awsbackup:*",
                  "arn:${Partition}:rds:${Region}:${Account}:snapshot:${SnapshotName}"));
    const std::string_view role = "arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}";
    CHECK(matches("arn:aws:iam::111122223333:role/service-role/app", role));
    CHECK(matches("arn:aws:iam::${aws:PrincipalAccount}:role/app", role));
    CHECK_FALSE(matches("arn:aws:iam::111122223333:user/app", role));
    CHECK_FALSE(matches("arn:aws:iam:us-east-1:111122223333:role/app", role));
    const std::string_view table = "arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}";
    const std::string_view index =
        "arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}/index/${IndexName}";
    const std::string_view dynamo[] = {table, index};
    CHECK_FALSE(matches("arn:aws:dynamodb:*:*:table/Orders/index/*", dynamo, 0));
    CHECK(matches("arn:aws:dynamodb:*:*:table/Orders/index/*", dynamo, 1));
    CHECK(matches("arn:aws:dynamodb:*:*:table/Orders*", dynamo, 0));
    const std::string_view function = "arn:${Partition}:lambda:${Region}:${Account}:function:${FunctionName}";
    CHECK(matches("arn:aws:lambda:us-east-1:111122223333:function:app", function));
    CHECK(matches("arn:aws:lambda:us-east-1:111122223333:function:app:*", function));
    const std::string_view braket =
        "arn:${Partition}:braket:*:*:device/${DeviceType}/${Provider}/${DeviceId}";
    CHECK(matches("arn:aws:braket:us-east-1:111122223333:device/qpu/ionq/Aria-1", braket));
    CHECK(matches("arn:aws:braket:::device/qpu/ionq/Aria-1", braket));
    const std::string_view backup =
        "arn:${Partition}:${Vendor}:${Region}:*:${ResourceType}:${RecoveryPointId}";
    CHECK(matches("arn:aws:backup:*:*:recovery-point:*", backup));
    CHECK(matches("arn:aws:ec2:us-east-1::image/ami-1", "arn:${Partition}:ec2:${Region}::image/${ImageId}"));
    // Escaped characters are literals.
    CHECK(matches("arn:aws:s3:::acme/${*}", kS3Formats, 1));
    CHECK_FALSE(matches("arn:aws:s3:::acme${?}", kS3Formats, 1));
}

TEST_CASE("can_match_resource compares the resource parts only", "[arn]") {
    const auto segments = segment_variables(kS3Formats);
    const ArnFormat bucket(kS3Formats[0], segments);
    const ArnFormat accesspoint(kS3Formats[2], segments);
    const ArnPattern with_region("arn:aws:s3:us-east-1::acme");
    CHECK_FALSE(can_match(with_region, bucket));
    CHECK(can_match_resource(with_region, bucket));
    CHECK_FALSE(can_match_resource(with_region, accesspoint));
    CHECK(bucket.service() == "s3");
    CHECK(bucket.region().empty());
    CHECK(accesspoint.region() == "${Region}");
    CHECK(accesspoint.account() == "${Account}");
}

TEST_CASE("every catalog format compiles, and matches an ARN made from it", "[arn][catalog]") {
    std::size_t formats = 0;
    for (const auto& service : Catalog::builtin().services()) {
        std::vector<std::string_view> all;
        for (const auto& type : service.resource_types)
            all.insert(all.end(), type.arn_formats.begin(), type.arn_formats.end());
        const auto segments = segment_variables(all);
        for (std::string_view format : all) {
            ++formats;
            // Each ${Variable} made a value without separators.
            std::string arn;
            for (std::size_t i = 0; i < format.size(); ++i) {
                auto close = format.substr(i, 2) == "${" ? format.find('}', i) : std::string_view::npos;
                if (close == std::string_view::npos) {
                    arn += format[i];
                    continue;
                }
                arn += format.substr(i, close - i + 1) == "${Partition}" ? "aws" : "x1";
                i = close;
            }
            INFO(format << " / " << arn);
            CHECK(can_match(ArnPattern(arn), ArnFormat(format, segments)));
        }
    }
    CHECK(formats > 2000);
}

namespace {

// Patterns a policy could write for a catalog format: its variables as names, as wildcards, its region and
// account as wildcards, a wildcard for the whole resource part, a `?` in each field.
std::vector<std::string> patterns_like(std::string_view format) {
    auto with_variables = [&](std::string_view value) {
        std::string out;
        for (std::size_t i = 0; i < format.size(); ++i) {
            const auto close = format.substr(i, 2) == "${" ? format.find('}', i) : std::string_view::npos;
            if (close == std::string_view::npos) {
                out += format[i];
            } else {
                out += value;
                i = close;
            }
        }
        return out;
    };
    std::vector<std::string> patterns = {with_variables("name"), with_variables("*"), with_variables("a?")};
    if (auto parts = split_arn(patterns[0])) {
        const std::string head = "arn:aws:" + std::string(parts->service) + ":";
        patterns.push_back(head + "*:*:" + std::string(parts->resource));
        patterns.push_back(head + "::" + std::string(parts->resource.substr(0, 3)) + "*");
        patterns.push_back(head + "*:" + std::string(parts->resource.substr(0, 2)) + "*");
    }
    return patterns;
}

}  // namespace

TEST_CASE("colons_rule_out never rules out a pair that has a common string", "[arn][catalog]") {
    using arn_matching::colons_rule_out;
    using arn_matching::search_common_string;
    std::size_t pairs = 0, ruled_out = 0;
    auto check_pair = [&](std::span<const ArnToken> p, std::span<const ArnToken> f, const std::string& what) {
        ++pairs;
        if (!colons_rule_out(p, f)) return;
        ++ruled_out;
        INFO(what);
        CHECK_FALSE(search_common_string(p, f));
    };
    for (const auto& service : Catalog::builtin().services()) {
        std::vector<std::string_view> all;
        for (const auto& type : service.resource_types)
            all.insert(all.end(), type.arn_formats.begin(), type.arn_formats.end());
        const auto segments = segment_variables(all);
        std::vector<ArnFormat> formats;
        for (std::string_view format : all) formats.emplace_back(format, segments);
        for (std::string_view from : all) {
            for (const std::string& text : patterns_like(from)) {
                const ArnPattern pattern(text);
                for (const ArnFormat& format : formats) {
                    const std::string what = text + " / " + std::string(format.text());
                    check_pair(pattern.confined_tokens(), format.tokens(), what);
                    check_pair(pattern.tokens(), format.strict_tokens(), what);
                    check_pair(pattern.tokens(), format.tokens(), what);
                    check_pair(format.tokens(), pattern.tokens(), what);
                }
            }
        }
    }
    CHECK(pairs > 100000);
    // It settles most pairs, or it would not be worth its place in front of the search.
    CHECK(ruled_out * 2 > pairs);
}

TEST_CASE("colons_rule_out: wildcards that may stand for colons", "[arn]") {
    // The account's `*` spans fields in IAM's reading: the log group's ARN is matched.
    CHECK(matches("arn:aws:logs:*:*:/aws-glue/*", kLogsFormats, 0));
    CHECK(matches("arn:aws:logs:*:*:log-group:x:*", kLogsFormats, 1));
    CHECK(matches("arn:aws:logs:*:*:log-group:x:log-stream:y", kLogsFormats, 1));
    CHECK_FALSE(matches("arn:aws:logs:us-east-1:111122223333:log-stream:y", kLogsFormats, 1));
    CHECK(matches("arn:aws:s3:*", kS3Formats, 2));
    CHECK(matches("arn:aws:s3:?*", kS3Formats, 0));
}
