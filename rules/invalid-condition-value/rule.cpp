#include <algorithm>
#include <string>
#include <vector>

#include "../condition_support.hpp"
#include "../region_support.hpp"
#include "../rule_support.hpp"
#include "../rules.hpp"
#include "iamlint/wildcards.hpp"

namespace iamlint::rules {

namespace {

constexpr std::string_view kTags[] = {"validity", "conditions"};

bool has_wildcard(std::string_view text) {
    return find_wildcard(text) != std::string_view::npos;
}

bool is_lower_alnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

// "vpc-1a2b3c4d", "vpce-0123456789abcdef0": the prefix, then 8 or 17 lower-case letters and digits.
bool is_resource_id(std::string_view text, std::string_view prefix) {
    if (!text.starts_with(prefix)) return false;
    const std::string_view id = text.substr(prefix.size());
    return (id.size() == 8 || id.size() == 17) && std::all_of(id.begin(), id.end(), is_lower_alnum);
}

// Labels of lower-case letters, digits and '-', separated by dots.
bool is_lower_host(std::string_view text) {
    if (text.empty() || text.front() == '.' || text.back() == '.' ||
        text.find("..") != std::string_view::npos)
        return false;
    return std::all_of(text.begin(), text.end(),
                       [](char c) { return is_lower_alnum(c) || c == '-' || c == '.'; });
}

// The DNS suffix of some partition that ends `host` after a dot, longest first ("amazonaws.com.cn").
std::string_view partition_suffix(std::string_view host) {
    std::string_view best;
    for (const Region& region : aws_regions()) {
        if (host.size() > region.dns.size() + 1 && host.ends_with(region.dns) &&
            host[host.size() - region.dns.size() - 1] == '.' && region.dns.size() > best.size())
            best = region.dns;
    }
    return best;
}

// What is wrong with a service principal as iam:PassedToService takes it ("ecs-tasks.amazonaws.com");
// empty when nothing is.
std::string passed_to_service_problem(std::string_view value) {
    if (!is_lower_host(value))
        return "a service principal is a lower-case host name such as ec2.amazonaws.com";
    if (partition_suffix(value).empty() && !value.ends_with(".amazon.com"))
        return "a service principal ends in the partition's domain, such as .amazonaws.com";
    return {};
}

// What is wrong with a value of kms:ViaService, which names a service's regional endpoint
// ("secretsmanager.eu-west-1.amazonaws.com"); empty when nothing is.
std::string via_service_problem(std::string_view value) {
    if (!is_lower_host(value) || partition_suffix(value).empty())
        return "kms:ViaService takes SERVICE.REGION.amazonaws.com, such as "
               "secretsmanager.eu-west-1.amazonaws.com";
    const std::string_view suffix = partition_suffix(value);
    const std::string_view head =
        value.substr(0, value.size() - suffix.size() - 1);  // "secretsmanager.eu-west-1"
    const std::size_t dot = head.rfind('.');
    if (dot == std::string_view::npos)
        return "kms:ViaService names the region too: SERVICE.REGION." + std::string(suffix);
    const std::string_view region = head.substr(dot + 1);
    const Region* known = find_region(region);
    if (known == nullptr) return in_quotes(region) + " is not an AWS region";
    if (known->dns != suffix)
        return "region " + std::string(region) + " is in partition " + std::string(known->partition) +
               ", whose endpoints end in " + std::string(known->dns);
    return {};
}

enum class ValueKind { Region, Vpc, Vpce, PassedToService, ViaService };

std::optional<ValueKind> value_kind(std::string_view key) {
    if (iequals(key, "aws:RequestedRegion") || iequals(key, "ec2:Region")) return ValueKind::Region;
    if (iequals(key, "aws:SourceVpc")) return ValueKind::Vpc;
    if (iequals(key, "aws:SourceVpce")) return ValueKind::Vpce;
    if (iequals(key, "iam:PassedToService")) return ValueKind::PassedToService;
    if (iequals(key, "kms:ViaService")) return ValueKind::ViaService;
    return std::nullopt;
}

class InvalidConditionValue final : public Rule {
public:
    const RuleMeta& meta() const override {
        static const RuleMeta meta{
            .id = "IAM119",
            .name = "invalid-condition-value",
            .default_severity = Severity::Medium,
            .summary =
                "A condition value that no request can have: a region AWS does not have, a malformed "
                "VPC or VPC endpoint id or service principal, several booleans, mixed JSON types",
            .description =
                "aws:RequestedRegion \"eu-west-4\", aws:SourceVpc \"vpc-123\", kms:ViaService \"s3\", "
                "Bool [true, false]: such a value never equals what requests carry, so the condition "
                "never matches it (or, negated, always holds).",
            .tags = kTags,
            .readme = embedded_readme("invalid-condition-value"),
        };
        return meta;
    }

    void check(const RuleContext& context, FindingSink& sink) const override {
        for_each_condition(context, [&](const ConditionView& view) {
            const OperatorInfo* op = view.op.info;
            if (op == nullptr) return;  // IAM105's
            check_json_types(view, sink);
            if (op->type == ValueType::Bool && !op->is_null) check_booleans(view, sink);
            if (op->type != ValueType::String) return;
            const auto kind = value_kind(view.condition.key);
            if (!kind) return;
            const bool ignore_case = op->name.find("IgnoreCase") != std::string_view::npos;
            for (const Entry& value : view.condition.values) {
                if (value.computed || value.json_type != JsonType::String ||
                    value.text.find("${") != std::string::npos)
                    continue;
                // Only the Like operators read * and ? as wildcards.
                const bool pattern = op->like && has_wildcard(value.text);
                const std::string text = ignore_case ? to_lower(value.text) : value.text;
                std::string problem = problem_of(*kind, text, pattern);
                if (problem.empty()) continue;
                sink.report(value.place,
                            in_quotes(value.text) + " for " + view.condition.key + ": " + problem,
                            fix_of(*kind));
            }
        });
    }

private:
    static std::string problem_of(ValueKind kind, const std::string& text, bool pattern) {
        switch (kind) {
            case ValueKind::Region:
                if (pattern) return matches_some_region(text) ? "" : "the pattern matches no AWS region";
                return find_region(text) ? ""
                                         : "not an AWS region (region codes are lower case, like eu-west-1)";
            case ValueKind::Vpc:
                if (pattern) return {};
                return is_resource_id(text, "vpc-") ? "" : "a VPC id is vpc- and 8 or 17 letters and digits";
            case ValueKind::Vpce:
                if (pattern) return {};
                return is_resource_id(text, "vpce-")
                           ? ""
                           : "a VPC endpoint id is vpce- and 8 or 17 letters and digits";
            case ValueKind::PassedToService:
                return pattern ? std::string() : passed_to_service_problem(text);
            case ValueKind::ViaService:
                return pattern ? std::string() : via_service_problem(text);
        }
        return {};
    }

    static std::string fix_of(ValueKind kind) {
        switch (kind) {
            case ValueKind::Region:
                return "write a region code such as eu-west-1";
            case ValueKind::Vpc:
                return "write the VPC id as the VPC console shows it, such as vpc-1a2b3c4d";
            case ValueKind::Vpce:
                return "write the endpoint id as the VPC console shows it, such as vpce-1a2b3c4d";
            case ValueKind::PassedToService:
                return "write the service principal of the service the role is passed to, such as "
                       "ecs-tasks.amazonaws.com";
            case ValueKind::ViaService:
                return "write SERVICE.REGION.amazonaws.com, or use StringLike with SERVICE.*.amazonaws.com";
        }
        return {};
    }

    // Access Analyzer's INVALID_CONDITION_MULTIPLE_BOOLEAN: a Bool condition holds one value of a key
    // that is true or false; both values make it hold whenever the key is there.
    static void check_booleans(const ConditionView& view, FindingSink& sink) {
        const auto& values = view.condition.values;
        if (values.size() < 2 || view.op.set != SetQualifier::None) return;
        sink.report(values[1].place,
                    view.condition.key + " is one boolean, but the condition lists " +
                        std::to_string(values.size()) +
                        " values: it holds whenever the key is present whatever its value",
                    "keep one value, true or false");
    }

    // Access Analyzer's INVALID_CONDITION_DATA_TYPE: the values of one condition written as different
    // JSON types (true and "false").
    static void check_json_types(const ConditionView& view, FindingSink& sink) {
        const auto& values = view.condition.values;
        const auto differs = std::find_if(values.begin(), values.end(), [&](const Entry& value) {
            return !value.computed && !values.front().computed && value.json_type != values.front().json_type;
        });
        if (differs == values.end()) return;
        sink.report(Severity::Low, differs->place,
                    "the values of " + view.condition.key + " mix JSON types (" +
                        std::string(to_string(values.front().json_type)) + " and " +
                        std::string(to_string(differs->json_type)) + ")",
                    "write every value of one condition as the same JSON type, as strings");
    }
};

}  // namespace

const Rule& invalid_condition_value() {
    static const InvalidConditionValue rule;
    return rule;
}

}  // namespace iamlint::rules
