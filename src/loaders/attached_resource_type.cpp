#include "attached_resource_type.hpp"

#include <utility>

namespace iamlint::loaders {

namespace {

using Pair = std::pair<std::string_view, std::string_view>;

// The containers whose policy belongs to one resource type. Types that name their resource by an ARN of
// several types (AWS::Kinesis::ResourcePolicy, aws_dynamodb_resource_policy: a table or a stream) are not
// listed: the type is then unknown.
constexpr Pair kCloudFormation[] = {
    {"AWS::S3::BucketPolicy", "AWS::S3::Bucket"},
    {"AWS::S3::AccessPoint", "AWS::S3::AccessPoint"},
    {"AWS::S3::MultiRegionAccessPointPolicy", "AWS::S3::MultiRegionAccessPoint"},
    {"AWS::S3ObjectLambda::AccessPointPolicy", "AWS::S3ObjectLambda::AccessPoint"},
    {"AWS::S3Express::BucketPolicy", "AWS::S3Express::DirectoryBucket"},
    {"AWS::SQS::QueuePolicy", "AWS::SQS::Queue"},
    {"AWS::SQS::QueueInlinePolicy", "AWS::SQS::Queue"},
    {"AWS::SNS::TopicPolicy", "AWS::SNS::Topic"},
    {"AWS::SNS::TopicInlinePolicy", "AWS::SNS::Topic"},
    {"AWS::KMS::Key", "AWS::KMS::Key"},
    {"AWS::KMS::ReplicaKey", "AWS::KMS::Key"},
    {"AWS::SecretsManager::ResourcePolicy", "AWS::SecretsManager::Secret"},
    {"AWS::ECR::Repository", "AWS::ECR::Repository"},
    {"AWS::DynamoDB::Table", "AWS::DynamoDB::Table"},
    {"AWS::EFS::FileSystem", "AWS::EFS::FileSystem"},
    {"AWS::OpenSearchService::Domain", "AWS::OpenSearchService::Domain"},
    {"AWS::Elasticsearch::Domain", "AWS::OpenSearchService::Domain"},
};

constexpr Pair kTerraform[] = {
    {"aws_s3_bucket_policy", "AWS::S3::Bucket"},
    {"aws_s3_bucket", "AWS::S3::Bucket"},
    {"aws_s3_access_point", "AWS::S3::AccessPoint"},
    {"aws_s3control_access_point_policy", "AWS::S3::AccessPoint"},
    {"aws_s3control_multi_region_access_point_policy", "AWS::S3::MultiRegionAccessPoint"},
    {"aws_s3control_object_lambda_access_point_policy", "AWS::S3ObjectLambda::AccessPoint"},
    {"aws_sqs_queue_policy", "AWS::SQS::Queue"},
    {"aws_sqs_queue", "AWS::SQS::Queue"},
    {"aws_sns_topic_policy", "AWS::SNS::Topic"},
    {"aws_sns_topic", "AWS::SNS::Topic"},
    {"aws_kms_key", "AWS::KMS::Key"},
    {"aws_kms_replica_key", "AWS::KMS::Key"},
    {"aws_kms_key_policy", "AWS::KMS::Key"},
    {"aws_secretsmanager_secret_policy", "AWS::SecretsManager::Secret"},
    {"aws_secretsmanager_secret", "AWS::SecretsManager::Secret"},
    {"aws_ecr_repository_policy", "AWS::ECR::Repository"},
    {"aws_efs_file_system_policy", "AWS::EFS::FileSystem"},
    {"aws_opensearch_domain_policy", "AWS::OpenSearchService::Domain"},
    {"aws_opensearch_domain", "AWS::OpenSearchService::Domain"},
    {"aws_elasticsearch_domain_policy", "AWS::OpenSearchService::Domain"},
    {"aws_elasticsearch_domain", "AWS::OpenSearchService::Domain"},
};

template <std::size_t N>
std::string_view lookup(const Pair (&table)[N], std::string_view key) {
    for (const auto& [container, attached] : table) {
        if (container == key) return attached;
    }
    return {};
}

}  // namespace

std::string_view cloudformation_attached_type(std::string_view container_type) {
    return lookup(kCloudFormation, container_type);
}

std::string_view terraform_attached_type(std::string_view resource_type) {
    return lookup(kTerraform, resource_type);
}

}  // namespace iamlint::loaders
