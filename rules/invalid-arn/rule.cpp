#include <algorithm>

#include "../arn_support.hpp"
#include "../region_support.hpp"
#include "../rule_support.hpp"
#include "../rules.hpp"
#include "../service_regions.hpp"
#include "iamlint/arn.hpp"
#include "iamlint/wildcards.hpp"

namespace iamlint::rules {

namespace {

constexpr std::string_view kTags[] = {"correctness", "arn"};

// Whether a field can only stand for a non-empty value: it has a character other than `*` (a policy
// variable counts as unknown, so the rule stays silent on it).
bool requires_value(std::string_view field) {
    if (field.find("${") != std::string_view::npos) return false;
    return field.find_first_not_of('*') != std::string_view::npos;
}

// "bucket", "bucket and object", "bucket, object and accesspoint"
std::string join_names(const std::vector<std::string_view>& names) {
    std::string text;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i > 0) text += i + 1 == names.size() ? " and " : ", ";
        text += names[i];
    }
    return text;
}

class InvalidArn final : public Rule {
public:
    const RuleMeta& meta() const override {
        static const RuleMeta meta{
            .id = "IAM103",
            .name = "invalid-arn",
            .default_severity = Severity::High,
            .summary =
                "A resource ARN that is malformed, or has a region or account its service's ARNs do not",
            .description =
                "A Resource or NotResource string that is not \"*\" and not a well-formed ARN: the \"arn:\" "
                "prefix, six fields, a known partition, a service name, a region name, a 12-digit account "
                "id; or a region or account in the ARN of a service whose ARNs have none (S3 buckets, IAM); "
                "or a region of another partition, or (at low, from AWS's endpoint data) one where the "
                "service is not offered. Such a resource matches nothing, so the statement does not do what "
                "it says.",
            .tags = kTags,
            .readme = embedded_readme("invalid-arn"),
        };
        return meta;
    }

    void check(const RuleContext& context, FindingSink& sink) const override {
        std::optional<ArnCatalog> local;
        const ArnCatalog& arns = ArnCatalog::of(context.catalog, local);
        for (const auto& statement : context.document.policy.statements) {
            if (!statement.resources.present) continue;
            for (const auto& resource : statement.resources.entries) {
                // A value that is one placeholder ("${BucketArn}") is filled in later by some template.
                if (resource.computed || is_only_stars(resource.text) || resource.text.starts_with("${"))
                    continue;
                // API Gateway's shorthand in its resource policies: "execute-api:/stage/VERB/path" stands
                // for the API's own ARN, which API Gateway writes in when it saves the policy.
                if (context.document.kind == PolicyKind::Resource &&
                    resource.text.starts_with("execute-api:/"))
                    continue;
                check_resource(context, arns, resource, sink);
            }
        }
    }

private:
    static void check_resource(const RuleContext& context, const ArnCatalog& arns, const Entry& resource,
                               FindingSink& sink) {
        const std::string_view text = resource.text;
        auto parts = split_arn(text);
        const bool literal_service =
            parts && !parts->service.empty() && !has_wildcard_or_variable(parts->service);
        const ArnCatalog::ArnService* service = literal_service ? arns.arn_service(parts->service) : nullptr;
        std::span<const std::string_view> literal_accounts;
        if (service != nullptr) literal_accounts = service->literal_accounts;

        if (auto problem = check_arn_syntax(text, literal_accounts)) {
            sink.report(narrow_place(context.document, resource, problem->offset, problem->length),
                        in_quotes(text) + ": " + problem->message, fix_for(problem->field));
            return;
        }
        if (!literal_service) {
            if (parts) check_service_wildcard(context, arns, resource, *parts, sink);
            return;
        }
        const std::size_t service_at = static_cast<std::size_t>(parts->service.data() - text.data());
        if (service == nullptr) {
            // A prefix with actions but no resource types (a service that only accepts "*") is known.
            if (context.catalog.find_service(parts->service) != nullptr) return;
            std::string_view suggestion = closest_name(parts->service, arns.service_names());
            sink.report(
                narrow_place(context.document, resource, service_at, parts->service.size()),
                in_quotes(text) + ": no AWS service has ARNs with the service " + in_quotes(parts->service) +
                    (suggestion.empty() ? std::string() : "; did you mean " + in_quotes(suggestion) + "?"),
                suggestion.empty() ? "write the service as AWS's ARNs of the resource do"
                                   : "write " + std::string(suggestion));
            return;
        }

        // Only a region or account that some format lacks can be one the ARN should not have; only an
        // empty region where some format has one can be missing.
        const bool region_in_doubt = requires_value(parts->region) && !service->all_region;
        const bool account_in_doubt = requires_value(parts->account) && !service->all_account;
        const bool region_missing = parts->region.empty() && service->any_region;
        if (!region_in_doubt && !account_in_doubt && !region_missing) {
            check_region_offered(context, resource, *parts, sink);
            return;
        }

        // Which of the service's formats this ARN can be, judged by its resource part; all of them when
        // it fits none (resource-mismatch may have more to say then).
        const ArnPattern pattern(text);
        const auto formats = arns.formats_of(*service);
        std::vector<const ArnFormat*> candidates;
        std::vector<std::string_view> type_names;
        for (std::size_t i = 0; i < formats.size(); ++i) {
            if (can_match_resource(pattern, formats[i])) {
                candidates.push_back(&formats[i]);
                std::string_view name = service->type_names[i];
                if (std::find(type_names.begin(), type_names.end(), name) == type_names.end())
                    type_names.push_back(name);
            }
        }
        const bool narrowed = !candidates.empty();
        if (!narrowed) {
            for (const auto& format : formats) candidates.push_back(&format);
        }
        auto none_has = [&](auto field) {
            return std::none_of(candidates.begin(), candidates.end(),
                                [&](const ArnFormat* format) { return !(format->*field)().empty(); });
        };
        std::string what = std::string(parts->service) + " ARNs";
        if (narrowed && type_names.size() <= 3) {
            what += (type_names.size() == 1 ? " of type " : " of types ") + join_names(type_names);
        }
        const std::string example = example_arn(candidates.front()->text(), parts->partition);
        // Access Analyzer's MISSING_ARN_REGION: an empty region where every format the resource part can
        // be has one ("arn:aws:logs:::log-group:X"). Judged only when the resource part narrows the
        // formats down: otherwise which resource is meant is not known.
        if (region_missing && narrowed &&
            std::all_of(candidates.begin(), candidates.end(),
                        [](const ArnFormat* f) { return !f->region().empty(); })) {
            const std::size_t at = static_cast<std::size_t>(parts->region.data() - text.data());
            sink.report(
                narrow_place(context.document, resource, at, 0),
                in_quotes(text) + ": " + what + " have a region, so the empty one makes it match nothing",
                "write the region, or \"*\" for any, as in " + example);
            return;
        }
        if (region_in_doubt && none_has(&ArnFormat::region)) {
            const std::size_t at = static_cast<std::size_t>(parts->region.data() - text.data());
            sink.report(narrow_place(context.document, resource, at, parts->region.size()),
                        in_quotes(text) + ": " + what + " have no region, so " + in_quotes(parts->region) +
                            " makes it match nothing",
                        "leave the region empty, as in " + example);
            return;
        }
        if (account_in_doubt && none_has(&ArnFormat::account)) {
            const std::size_t at = static_cast<std::size_t>(parts->account.data() - text.data());
            sink.report(narrow_place(context.document, resource, at, parts->account.size()),
                        in_quotes(text) + ": " + what + " have no account, so " + in_quotes(parts->account) +
                            " makes it match nothing",
                        "leave the account empty, as in " + example);
            return;
        }
        check_region_offered(context, resource, *parts, sink);
    }

    // A region that exists, but not for this ARN: one of another partition ("arn:aws:ec2:cn-north-1:..."),
    // certain; or one where the service has no endpoint by AWS's endpoint data (data/service-regions.tsv),
    // at low: the data has a date, and a service that opens there later makes the finding wrong. A pattern
    // ("us-*") is reported only when no region it matches has the service.
    static void check_region_offered(const RuleContext& context, const Entry& resource, const ArnParts& parts,
                                     FindingSink& sink) {
        const std::string_view text = resource.text;
        const std::string_view region = parts.region;
        if (!requires_value(region) || has_wildcard_or_variable(parts.partition)) return;
        const std::size_t at = static_cast<std::size_t>(region.data() - text.data());
        const Place place = narrow_place(context.document, resource, at, region.size());
        const bool pattern = has_wildcard_or_variable(region);
        if (!pattern) {
            if (const Region* known = find_region(region);
                known != nullptr && known->partition != parts.partition) {
                sink.report(place,
                            in_quotes(text) + ": " + in_quotes(region) + " is a region of the partition " +
                                std::string(known->partition) + ", not " + std::string(parts.partition) +
                                ", so the ARN matches nothing",
                            "write the partition " + std::string(known->partition) +
                                ", or a region of the partition " + std::string(parts.partition));
                return;
            }
        }
        const ServiceRegions* offered = service_not_offered(parts.service, parts.partition, region);
        if (offered == nullptr) return;
        const std::string service(parts.service);
        const auto us_east_1 = std::find(offered->regions.begin(), offered->regions.end(), "us-east-1");
        const std::string_view example =
            us_east_1 != offered->regions.end() ? *us_east_1 : offered->regions.front();
        const std::size_t partition_size = service_regions_partition(parts.partition).size();
        std::string where;
        if (offered->regions.size() <= 4) {
            where = "only in " + join_names(offered->regions);
        } else {
            where = "in " + std::to_string(offered->regions.size()) + " of the " +
                    std::to_string(partition_size) + " regions of " + std::string(parts.partition);
        }
        sink.report(Severity::Low, place,
                    in_quotes(text) + ": " + service + " is not offered in " +
                        (pattern ? "any region " + in_quotes(region) + " matches" : in_quotes(region)) +
                        ", so the ARN matches nothing: AWS's endpoint data (botocore, " +
                        std::string(service_regions_source().date) + ") has it " + where,
                    "write a region where " + service + " is offered, such as " + std::string(example) +
                        ", unless it has opened in " + in_quotes(region) + " since " +
                        std::string(service_regions_source().date));
    }

    // A wildcard inside the service field ("arn:aws:s3*:::logs/*"): the ARN reaches the resources of
    // every service whose name fits, which is rarely meant (at low), or of none (at high). "*" alone and
    // policy variables are not judged.
    static void check_service_wildcard(const RuleContext& context, const ArnCatalog& arns,
                                       const Entry& resource, const ArnParts& parts, FindingSink& sink) {
        const std::string_view service = parts.service;
        if (service.empty() || is_only_stars(service) || service.find("${") != std::string_view::npos ||
            find_wildcard(service) == std::string_view::npos)
            return;
        std::vector<std::string_view> matched;
        for (std::string_view name : arns.service_names()) {
            if (wildcard_match_ci(service, name) &&
                std::find(matched.begin(), matched.end(), name) == matched.end())
                matched.push_back(name);
        }
        const std::size_t at = static_cast<std::size_t>(service.data() - resource.text.data());
        const Place place = narrow_place(context.document, resource, at, service.size());
        if (matched.empty()) {
            sink.report(place,
                        in_quotes(resource.text) + ": the service " + in_quotes(service) +
                            " matches no AWS service's ARNs, so the ARN matches nothing",
                        "write the service of the resource's ARN, such as s3 or dynamodb");
            return;
        }
        std::string names;
        for (std::size_t i = 0; i < matched.size() && i < 4; ++i) {
            if (i > 0) names += ", ";
            names += matched[i];
        }
        if (matched.size() > 4) names += " and " + std::to_string(matched.size() - 4) + " more";
        sink.report(Severity::Low, place,
                    in_quotes(resource.text) +
                        ": the wildcard in the service field reaches the resources of " +
                        std::to_string(matched.size()) +
                        (matched.size() == 1 ? " service (" : " services (") + names + ")",
                    "write the one service the resource belongs to");
    }

    static std::string fix_for(ArnField field) {
        switch (field) {
            case ArnField::Prefix:
                return "write the resource as arn:partition:service:region:account:resource, or \"*\"";
            case ArnField::Partition:
                return "use the partition of the account: aws, aws-cn or aws-us-gov";
            case ArnField::Service:
                return "write the service prefix of the resource's ARN, such as s3 or dynamodb";
            case ArnField::Region:
                return "write a region such as us-east-1, \"*\", or leave it empty";
            case ArnField::Account:
                return "write the 12-digit account id, \"*\", or leave it empty";
            case ArnField::Resource:
                break;
        }
        return "correct the ARN";
    }
};

}  // namespace

const Rule& invalid_arn() {
    static const InvalidArn rule;
    return rule;
}

}  // namespace iamlint::rules
