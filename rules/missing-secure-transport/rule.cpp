#include <algorithm>

#include "../rule_support.hpp"
#include "../rules.hpp"
#include "iamlint/arn.hpp"
#include "iamlint/ascii.hpp"
#include "iamlint/principals.hpp"

namespace iamlint::rules {

namespace {

constexpr std::string_view kTags[] = {"security", "resource-policy", "s3", "encryption-in-transit"};

// An ARN of a bucket or its objects: "arn:aws:s3:::BUCKET[/KEY]" (access points have a region and an
// account, and their own policies).
bool is_bucket_arn(const Entry& resource) {
    auto arn = split_arn(resource.text);
    return arn && arn->service == "s3" && arn->region.empty() && arn->account.empty() &&
           !arn->resource.empty();
}

// The first bucket or object ARN, when every ARN the policy names is one: the policy is a bucket policy.
const Entry* bucket_resource(const Policy& policy) {
    const Entry* first = nullptr;
    for (const auto& statement : policy.statements) {
        for (const auto& resource : statement.resources.entries) {
            if (resource.json_type != JsonType::String || resource.text == "*") continue;
            if (!is_bucket_arn(resource)) {
                if (!resource.computed) return nullptr;  // another service's ARN
                continue;                                // an intrinsic that is not an ARN: no evidence
            }
            if (first == nullptr) first = &resource;
        }
    }
    return first;
}

// A Deny to everyone when aws:SecureTransport is false: requests over plain HTTP are refused.
bool denies_plain_http(const Statement& statement) {
    if (statement.effect != Effect::Deny || !statement.principals.present || statement.principals.negated)
        return false;
    const auto& principals = statement.principals.entries;
    if (std::none_of(principals.begin(), principals.end(),
                     [](const PrincipalEntry& p) { return is_everyone(p); }))
        return false;
    return std::any_of(
        statement.conditions.begin(), statement.conditions.end(), [](const Condition& condition) {
            return condition.op.set == SetQualifier::None && condition.op.base == "Bool" &&
                   iequals(condition.key, "aws:SecureTransport") &&
                   std::any_of(condition.values.begin(), condition.values.end(),
                               [](const Entry& value) { return iequals(value.text, "false"); });
        });
}

class MissingSecureTransport final : public Rule {
public:
    const RuleMeta& meta() const override {
        static const RuleMeta meta{
            .id = "IAM407",
            .name = "missing-secure-transport",
            .default_severity = Severity::Low,
            .summary = "A bucket policy without a Deny of requests that do not use TLS (aws:SecureTransport)",
            .description =
                "S3 accepts plain HTTP requests unless the bucket policy denies them: a Deny to \"*\" with "
                "\"Bool\": {\"aws:SecureTransport\": \"false\"}. Reported on policies whose resources are "
                "all "
                "S3 bucket or object ARNs. In the all preset only: many buckets are only reached through "
                "SDKs that use HTTPS anyway.",
            .tags = kTags,
            .in_recommended = false,
            .readme = embedded_readme("missing-secure-transport"),
        };
        return meta;
    }

    void check(const RuleContext& context, FindingSink& sink) const override {
        if (context.document.kind != PolicyKind::Resource) return;
        const Policy& policy = context.document.policy;
        const Entry* bucket = bucket_resource(policy);
        if (bucket == nullptr) return;
        if (std::any_of(policy.statements.begin(), policy.statements.end(), denies_plain_http)) return;
        sink.report(
            bucket->place,
            "the policy of " + in_quotes(bucket->text) +
                " does not deny requests over plain HTTP (no Deny with aws:SecureTransport false)",
            "add {\"Effect\": \"Deny\", \"Principal\": \"*\", \"Action\": \"s3:*\", \"Resource\": "
            "[BUCKET_ARN, BUCKET_ARN/*], \"Condition\": {\"Bool\": {\"aws:SecureTransport\": \"false\"}}}");
    }
};

}  // namespace

const Rule& missing_secure_transport() {
    static const MissingSecureTransport rule;
    return rule;
}

}  // namespace iamlint::rules
