#include <array>
#include <optional>

#include "../kind_support.hpp"
#include "../policy_size.hpp"
#include "../rules.hpp"

namespace iamlint::rules {

namespace {

constexpr std::string_view kTags[] = {"correctness", "quota"};

// The quotas, with their sources, are listed in this rule's README; keep the two in step.
struct Quota {
    std::size_t characters;
    std::string_view of;          // "a managed policy"
    std::string_view fix;         // how to get under it
    std::size_t raisable_to = 0;  // the most Service Quotas grants, if it can be raised
};

constexpr std::string_view kMerge = "merge statements with the same effect, principals and conditions";
constexpr Quota kManaged{6'144, "a managed policy",
                         "split it into several managed policies (a role takes up to 10 by default), or "
                         "merge statements with the same effect and conditions"};
constexpr Quota kInlineUser{2'048, "the inline policies of a user (all together)",
                            "move statements into a managed policy attached to the user or its group"};
constexpr Quota kInlineGroup{5'120, "the inline policies of a group (all together)",
                             "move statements into a managed policy attached to the group"};
constexpr Quota kInlineRole{10'240, "the inline policies of a role (all together)",
                            "move statements into a managed policy attached to the role"};
constexpr Quota kTrust{2'048, "a role trust policy",
                       "merge statements with the same effect, principals and conditions, or request a "
                       "higher \"Role trust policy length\" in Service Quotas",
                       8'192};
constexpr Quota kOrganizations{5'120, "an SCP or RCP",
                               "split it into several policies attached to the same target, or merge "
                               "statements with the same effect and conditions"};
constexpr Quota kSession{2'048, "a session policy", kMerge};
// AWS counts white space too in this one; iamlint's count without it can only fall short of AWS's.
constexpr Quota kVpcEndpoint{20'480, "a VPC endpoint policy", kMerge};
constexpr Quota kIot{2'048, "an AWS IoT policy", kMerge};
constexpr Quota kBoundary{6'144, "a managed policy (a permissions boundary is one)", kMerge};

// Resource policies, by the one service their actions name. A resource has one policy, so the only
// way under the quota is a shorter one.
struct ServiceQuota {
    std::string_view service;
    Quota quota;
};
constexpr std::array<ServiceQuota, 6> kResourceQuotas = {{
    {"s3", {20'480, "an S3 bucket policy (20 KB)", kMerge}},
    {"sqs", {8'192, "an SQS queue policy", kMerge}},
    {"sns", {30'720, "an SNS topic policy (30 KB)", kMerge}},
    {"kms", {32'768, "a KMS key policy", kMerge}},
    {"lambda", {20'480, "a Lambda function policy (20 KB)", kMerge}},
    {"secretsmanager", {20'480, "a Secrets Manager secret policy", kMerge}},
}};

std::optional<Quota> identity_quota(PolicyAttachment attachment) {
    switch (attachment) {
        case PolicyAttachment::InlineUser:
            return kInlineUser;
        case PolicyAttachment::InlineGroup:
            return kInlineGroup;
        case PolicyAttachment::InlineRole:
            return kInlineRole;
        case PolicyAttachment::AwsManaged:
            return std::nullopt;  // AWS's own policies are not held to the customer quota
        case PolicyAttachment::Managed:
        case PolicyAttachment::Unknown:
            // A policy in a file of its own is most often a customer managed policy; the inline
            // quotas are for policies whose container says so.
            break;
    }
    return kManaged;
}

std::optional<Quota> quota_of(const PolicyDocument& document) {
    switch (document.kind) {
        case PolicyKind::Identity:
            return identity_quota(document.attachment);
        case PolicyKind::PermissionsBoundary:
            return kBoundary;
        case PolicyKind::Trust:
            return kTrust;
        case PolicyKind::Scp:
        case PolicyKind::Rcp:
            return kOrganizations;
        case PolicyKind::Session:
            return kSession;
        case PolicyKind::VpcEndpoint:
            return kVpcEndpoint;
        case PolicyKind::Iot:
            return kIot;
        case PolicyKind::Resource: {
            auto service = kinds::single_service(document.policy);
            if (!service) return std::nullopt;
            for (const auto& [name, quota] : kResourceQuotas) {
                if (*service == name) return quota;
            }
            return std::nullopt;
        }
        case PolicyKind::Unknown:
            break;
    }
    return std::nullopt;
}

class PolicySizeExceedsQuota final : public Rule {
public:
    const RuleMeta& meta() const override {
        static const RuleMeta meta{
            .id = "IAM014",
            .name = "policy-size-exceeds-quota",
            .default_severity = Severity::Medium,
            .summary =
                "The policy is larger than AWS accepts for its kind, whitespace outside strings "
                "not counted",
            .description =
                "AWS rejects a policy over its size quota: 6,144 characters for a managed policy; 2,048, "
                "5,120 and 10,240 for a user's, group's and role's inline policies; 2,048 for a role "
                "trust policy by default; 5,120 for an SCP or RCP; per service for resource policies.",
            .tags = kTags,
            .readme = embedded_readme("policy-size-exceeds-quota"),
        };
        return meta;
    }

    void check(const RuleContext& context, FindingSink& sink) const override {
        const PolicyDocument& document = context.document;
        if (document.root == nullptr || !document.root->is_object()) return;
        const auto quota = quota_of(document);
        if (!quota) return;
        const std::size_t size = kinds::policy_size(*document.source, *document.root);
        if (size <= quota->characters) return;
        std::string message =
            "the policy is " + kinds::with_thousands(size) + " characters without whitespace, over the " +
            kinds::with_thousands(quota->characters) + " that AWS accepts for " + std::string(quota->of);
        const bool beyond_raise = quota->raisable_to != 0 && size > quota->raisable_to;
        if (quota->raisable_to != 0) {
            message += beyond_raise ? " by default, and over the " +
                                          kinds::with_thousands(quota->raisable_to) + " it can be raised to"
                                    : " by default (Service Quotas can raise it to " +
                                          kinds::with_thousands(quota->raisable_to) + ")";
        }
        sink.report(kinds::opening_brace(Place{document.root->range, document.root_pointer}),
                    std::move(message), std::string(beyond_raise ? kMerge : quota->fix));
    }
};

}  // namespace

const Rule& policy_size_exceeds_quota() {
    static const PolicySizeExceedsQuota rule;
    return rule;
}

}  // namespace iamlint::rules
