#include <algorithm>

#include "../rule_support.hpp"
#include "../rules.hpp"
#include "iamlint/arn.hpp"
#include "iamlint/ascii.hpp"

namespace iamlint::rules {

namespace {

constexpr std::string_view kTags[] = {"security", "least-privilege", "s3"};

bool allows_listing(std::string_view action) {
    auto [service, name] = split_action(action);
    if (!iequals(service, "s3") || is_service_wildcard(action)) return false;  // "s3:*" is service-wildcard's
    return wildcard_match_ci(name, "ListBucket") || wildcard_match_ci(name, "ListBucketVersions");
}

// ListBucket acts on buckets, directly or through an access point: a resource that can only name
// objects ("arn:aws:s3:::b/*") grants nothing.
bool may_name_bucket(std::string_view resource) {
    if (matches_every_resource(resource)) return true;
    auto arn = split_arn(resource);
    if (!arn || !(iequals(arn->service, "s3") || arn->service == "*")) return false;
    std::string_view name = arn->resource;
    if (istarts_with(name, "accesspoint/")) name.remove_prefix(12);
    return name.find('/') == std::string_view::npos;
}

enum class PrefixLimit { None, Everything, Some };

// Whether the statement's s3:prefix conditions limit listing. A condition limits only when it
// requires the key (no ...IfExists: listing without a prefix is the full listing), matches it
// positively (StringNotLike, Null and the like let everything else through) and has no value made
// only of "*" under StringLike (which matches every prefix).
PrefixLimit prefix_limit(const Statement& statement) {
    PrefixLimit limit = PrefixLimit::None;
    for (const auto& condition : statement.conditions) {
        if (!iequals(condition.key, "s3:prefix")) continue;
        const std::string& base = condition.op.base;
        const bool positive =
            base == "StringEquals" || base == "StringEqualsIgnoreCase" || base == "StringLike";
        const bool matches_all =
            base == "StringLike" && std::any_of(condition.values.begin(), condition.values.end(),
                                                [](const Entry& v) { return is_only_stars(v.text); });
        if (positive && !condition.op.if_exists && condition.op.set == SetQualifier::None && !matches_all) {
            return PrefixLimit::Some;
        }
        limit = PrefixLimit::Everything;
    }
    return limit;
}

class S3ListBucketWithoutPrefix final : public Rule {
public:
    const RuleMeta& meta() const override {
        static const RuleMeta meta{
            .id = "IAM205",
            .name = "s3-list-bucket-without-prefix",
            .default_severity = Severity::Medium,
            .summary = "Allow of s3:ListBucket without an s3:prefix condition",
            .description =
                "s3:ListBucket without an s3:prefix condition lists every object key in the bucket, "
                "and key names often carry customer names, e-mail addresses or the layout of other "
                "tenants' data. Limit listing to the prefixes the principal works in.",
            .tags = kTags,
            .readme = embedded_readme("s3-list-bucket-without-prefix"),
        };
        return meta;
    }

    void check(const RuleContext& context, FindingSink& sink) const override {
        // An AWS IoT policy allows none of this service's actions (can_allow).
        if (!grants_permissions(context.document.kind) || context.document.kind == PolicyKind::Iot) return;
        for (const auto& statement : context.document.policy.statements) {
            if (!is_allow_with_actions(statement) || !statement.resources.present) continue;
            const PrefixLimit limit = prefix_limit(statement);
            if (limit == PrefixLimit::Some) continue;
            bool bucket = statement.resources.negated;
            for (const auto& resource : statement.resources.entries)
                bucket = bucket || may_name_bucket(resource.text);
            if (!bucket) continue;
            const std::string why = limit == PrefixLimit::None
                                        ? " without an s3:prefix condition"
                                        : " with an s3:prefix condition that still allows every prefix";
            for (const auto& action : statement.actions.entries) {
                if (!allows_listing(action.text)) continue;
                sink.report(
                    action.place, "\"" + action.text + "\"" + why + " lists every object key in the bucket",
                    "add a condition such as \"StringLike\": {\"s3:prefix\": [\"home/${aws:username}/*\"]}");
            }
        }
    }
};

}  // namespace

const Rule& s3_list_bucket_without_prefix() {
    static const S3ListBucketWithoutPrefix rule;
    return rule;
}

}  // namespace iamlint::rules
