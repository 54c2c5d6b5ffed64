// data/service-regions.tsv (botocore's endpoint data) as rules/service_regions.hpp reads it, and what
// invalid-arn makes of it: never a finding for a region where the service is offered.
#include <algorithm>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "iamlint/engine.hpp"
#include "iamlint/loader.hpp"
#include "region_support.hpp"
#include "service_regions.hpp"

using namespace iamlint;
using namespace iamlint::rules;

namespace {

constexpr std::string_view kPartitions[] = {"aws", "aws-cn", "aws-us-gov"};

std::vector<std::string_view> regions_of(std::string_view partition) {
    std::vector<std::string_view> regions;
    for (const Region& region : aws_regions()) {
        if (region.partition == partition) regions.push_back(region.code);
    }
    std::sort(regions.begin(), regions.end());
    return regions;
}

}  // namespace

TEST_CASE("service regions: the source and the partitions are those of data/regions.tsv",
          "[rules][regions]") {
    const auto& source = service_regions_source();
    CHECK(source.commit.size() == 40);
    CHECK(source.date.size() == 10);
    for (std::string_view partition : kPartitions) {
        INFO(partition);
        const auto known = service_regions_partition(partition);
        CHECK(std::vector<std::string_view>(known.begin(), known.end()) == regions_of(partition));
    }
    // The isolated partitions and the European Sovereign Cloud are not judged.
    CHECK(service_regions_partition("aws-iso").empty());
    CHECK(service_regions_partition("aws-eusc").empty());
    CHECK(find_service_regions("ec2", "aws-iso-b") == nullptr);
}

TEST_CASE("service regions: a regional service's own regions, and the regions it lacks", "[rules][regions]") {
    const ServiceRegions* devicefarm = find_service_regions("devicefarm", "aws");
    REQUIRE(devicefarm != nullptr);
    CHECK_FALSE(devicefarm->every_region);
    CHECK(devicefarm->regions == std::vector<std::string_view>{"us-west-2"});
    CHECK(service_not_offered("devicefarm", "aws", "eu-west-1") == devicefarm);
    CHECK(service_not_offered("devicefarm", "aws", "us-west-2") == nullptr);

    // Patterns: reported only when no region they match has the service.
    CHECK(service_not_offered("devicefarm", "aws", "eu-*") == devicefarm);
    CHECK(service_not_offered("devicefarm", "aws", "us-*") == nullptr);
    CHECK(service_not_offered("devicefarm", "aws", "us-west-?") == nullptr);
    CHECK(service_not_offered("devicefarm", "aws", "*") == nullptr);
    CHECK(service_not_offered("devicefarm", "aws", "") == nullptr);
    // Not known to the data: a policy variable, a region newer than the data, one of another partition.
    CHECK(service_not_offered("devicefarm", "aws", "${aws:RequestedRegion}") == nullptr);
    CHECK(service_not_offered("devicefarm", "aws", "eu-west-9") == nullptr);
    CHECK(service_not_offered("devicefarm", "aws", "cn-north-1") == nullptr);

    // A list written as the regions left out ("-me-south-1") reads as every other region of the partition.
    const ServiceRegions* redshift_serverless = find_service_regions("redshift-serverless", "aws");
    REQUIRE(redshift_serverless != nullptr);
    CHECK(redshift_serverless->regions.size() + 1 == service_regions_partition("aws").size());
    CHECK(service_not_offered("redshift-serverless", "aws", "us-east-1") == nullptr);
    CHECK(service_not_offered("redshift-serverless", "aws", "me-south-1") == redshift_serverless);

    // GovCloud has its own list.
    CHECK(service_not_offered("lex", "aws-us-gov", "us-gov-east-1") != nullptr);
    CHECK(service_not_offered("lex", "aws-us-gov", "us-gov-west-1") == nullptr);
}

TEST_CASE("service regions: ARN services served by endpoints of other names", "[rules][regions]") {
    // CloudHSM's ARNs are those of cloudhsmv2's clusters; the old "cloudhsm" endpoint is us-east-1 only.
    const ServiceRegions* cloudhsm = find_service_regions("cloudhsm", "aws");
    REQUIRE(cloudhsm != nullptr);
    CHECK(service_not_offered("cloudhsm", "aws", "eu-west-1") == nullptr);
    // Reviewed aliases: ecr is the "api.ecr" endpoint, cloudwatch "monitoring", lex four "*lex" ones.
    CHECK(find_service_regions("ecr", "aws") != nullptr);
    CHECK(find_service_regions("cloudwatch", "aws") != nullptr);
    REQUIRE(find_service_regions("lex", "aws") != nullptr);
    CHECK(find_service_regions("lex", "aws")->prefixes ==
          "models-v2-lex,models.lex,runtime-v2-lex,runtime.lex");
    // Never judged: services with a global endpoint; ARN services without endpoint data (API Gateway's
    // execute-api: Connect's participant API signs with that name, which proves nothing); services with
    // an API that has no endpoint data (bedrock-runtime and bedrock-agent sign as bedrock, SES's Mail
    // Manager as ses); CodeStar Connections, renamed CodeConnections.
    for (std::string_view service : {"s3", "health", "chime", "iam", "cloudfront", "execute-api", "bedrock",
                                     "ses", "sagemaker", "codestar-connections"}) {
        INFO(service);
        for (std::string_view partition : kPartitions)
            CHECK(find_service_regions(service, partition) == nullptr);
    }
}

TEST_CASE("service regions: every region of its partition is clean for common services", "[rules][regions]") {
    // Held-out check through the rule: each region of each judged partition, in the ARNs of services that
    // are offered everywhere, gives no invalid-arn finding.
    const Rule* invalid_arn = find_rule("IAM103");
    REQUIRE(invalid_arn != nullptr);
    Engine engine({invalid_arn}, Catalog::builtin());
    for (std::string_view partition : kPartitions) {
        std::string resources;
        for (std::string_view region : regions_of(partition)) {
            for (std::string_view resource :
                 {":s3:REGION:111122223333:accesspoint/reports", ":ec2:REGION:111122223333:instance/*",
                  ":lambda:REGION:111122223333:function:app", ":dynamodb:REGION:111122223333:table/Orders",
                  ":logs:REGION:111122223333:log-group:app:*", ":kms:REGION:111122223333:key/*"}) {
                std::string arn = "arn:" + std::string(partition) + std::string(resource);
                arn.replace(arn.find("REGION"), 6, region);
                resources += (resources.empty() ? "\"" : ", \"") + arn + "\"";
            }
        }
        const std::string policy =
            R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", )"
            R"("Resource": [)" +
            resources + "]}]}";
        auto loaded = load_file("policy.json", policy, {});
        REQUIRE(loaded.documents.size() == 1);
        std::vector<Finding> findings;
        engine.analyze(loaded.documents.front(), findings);
        std::string messages;
        for (const auto& finding : findings) messages += finding.message + "\n";
        INFO(partition);
        CHECK(messages.empty());
    }
    for (std::string_view service : {"ec2", "lambda", "dynamodb"}) {
        for (std::string_view partition : kPartitions) {
            INFO(std::string(service) + " in " + std::string(partition));
            for (std::string_view region : regions_of(partition)) {
                CHECK(service_not_offered(service, partition, region) == nullptr);
            }
        }
    }
}
