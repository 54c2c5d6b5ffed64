// The resource a container's resource policy is attached to, as a CloudFormation resource type: the
// type that the rules judging a resource policy against its resource read (PolicyDocument::resource_type).
#pragma once

#include <string_view>

namespace iamlint::loaders {

// "AWS::S3::BucketPolicy" -> "AWS::S3::Bucket", "AWS::KMS::Key" -> "AWS::KMS::Key"; empty for a type
// whose policy is not a resource policy or whose resource is not one type (AWS::Kinesis::ResourcePolicy:
// a stream or a consumer).
std::string_view cloudformation_attached_type(std::string_view container_type);

// The same for a Terraform resource type: "aws_s3_bucket_policy" -> "AWS::S3::Bucket".
std::string_view terraform_attached_type(std::string_view resource_type);

}  // namespace iamlint::loaders
