#include <algorithm>
#include <optional>

#include "../arn_support.hpp"
#include "../rule_support.hpp"
#include "../rules.hpp"
#include "iamlint/arn.hpp"

namespace iamlint::rules {

namespace {

constexpr std::string_view kTags[] = {"least-privilege", "arn"};

// The text with its region and account fields replaced.
std::string with_fields(std::string_view text, const ArnParts& parts, std::string_view region,
                        std::string_view account) {
    const auto region_at = static_cast<std::size_t>(parts.region.data() - text.data());
    const auto resource_at = static_cast<std::size_t>(parts.resource.data() - text.data());
    std::string out(text.substr(0, region_at));
    out += region;
    out += ':';
    out += account;
    out += ':';
    out += text.substr(resource_at);
    return out;
}

class WildcardArnSegment final : public Rule {
public:
    const RuleMeta& meta() const override {
        static const RuleMeta meta{
            .id = "IAM209",
            .name = "wildcard-arn-segment",
            .default_severity = Severity::Low,
            .summary = "A \"*\" region or account in an ARN that names a resource",
            .description =
                "An ARN that names a resource (a table, a role, a log group) but leaves its region or "
                "account as \"*\" matches that name in every region and in every AWS account, including "
                "resources of the same name that someone else creates. ARNs that cover every resource of "
                "a type are unscoped-resource's.",
            .tags = kTags,
            .readme = embedded_readme("wildcard-arn-segment"),
        };
        return meta;
    }

    void check(const RuleContext& context, FindingSink& sink) const override {
        if (!grants_permissions(context.document.kind)) return;
        std::optional<ArnCatalog> local;
        const ArnCatalog& arns = ArnCatalog::of(context.catalog, local);
        for (const auto& statement : context.document.policy.statements) {
            if (!statement.is_allow() || !statement.resources.present || statement.resources.negated)
                continue;
            for (const auto& resource : statement.resources.entries)
                check_resource(context, arns, resource, sink);
        }
    }

private:
    static void check_resource(const RuleContext& context, const ArnCatalog& arns, const Entry& resource,
                               FindingSink& sink) {
        const std::string_view text = resource.text;
        // A policy variable (${aws:PrincipalAccount}) or a deployment-time value is not a wildcard, and
        // with one elsewhere the name is not a fixed one either.
        if (resource.computed || text.find("${") != std::string_view::npos) return;
        const auto parts = split_arn(text);
        if (!parts || parts->service.empty() || has_wildcard_or_variable(parts->service)) return;
        const bool any_region = is_only_stars(parts->region);
        const bool any_account = is_only_stars(parts->account);
        if (!any_region && !any_account) return;
        // One resource, named: a pattern of names (table/Orders*, role/aws-service-role/*) is a naming
        // convention that may well be meant for every account, and every resource of a type is
        // unscoped-resource's. A log group's ARN ends in ":*", which covers its log streams.
        std::string_view name = parts->resource;
        if (parts->service == "logs" && name.starts_with("log-group:") && name.ends_with(":*"))
            name.remove_suffix(2);
        if (has_wildcard_or_variable(name)) return;
        const ArnCatalog::ArnService* service = arns.arn_service(parts->service);
        if (service == nullptr) return;

        const ArnPattern pattern(text);
        const auto formats = arns.formats_of(*service);
        bool region_matters = false, account_matters = false, matched = false;
        std::string_view what, what_format;
        for (std::size_t i = 0; i < formats.size(); ++i) {
            if (!can_match(pattern, formats[i])) continue;
            matched = true;
            region_matters = region_matters || !formats[i].region().empty();
            account_matters = account_matters || formats[i].account().starts_with("${");
            // Name the type after the closest of the service's own formats: iam's "role", not
            // OpenSearch's "es_role"; "log-group" rather than "log-stream" for log-group:NAME:*.
            const bool closer = what.empty() || formats[i].text().size() < what_format.size();
            if (service->owners[i]->prefix == parts->service && can_match_resource(pattern, formats[i]) &&
                closer) {
                what = service->type_names[i];
                what_format = formats[i].text();
            }
        }
        if (!matched) return;
        const bool region = any_region && region_matters;
        const bool account = any_account && account_matters;
        if (!region && !account) return;

        const auto region_at = static_cast<std::size_t>(parts->region.data() - text.data());
        const auto account_at = static_cast<std::size_t>(parts->account.data() - text.data());
        const std::size_t at = region ? region_at : account_at;
        const std::size_t end =
            account ? account_at + parts->account.size() : region_at + parts->region.size();
        const std::string fields = region && account ? "region and account" : region ? "region" : "account";
        if (what.empty()) what = "resource";
        const std::string example = with_fields(text, *parts, region ? "us-east-1" : parts->region,
                                                account ? "111122223333" : parts->account);
        sink.report(narrow_place(context.document, resource, at, end - at),
                    in_quotes(text) + ": the " + fields + (region && account ? " are" : " is") +
                        " \"*\", so it matches this " + std::string(what) + " name in every " + fields,
                    "write the " + fields + " of the resource, as in " + example);
    }
};

}  // namespace

const Rule& wildcard_arn_segment() {
    static const WildcardArnSegment rule;
    return rule;
}

}  // namespace iamlint::rules
