#include "resource_policy_types.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "iamlint/ascii.hpp"
#include "tsv_rows.hpp"

namespace iamlint::rules {

namespace {

// The space-separated words of a field; none for "-".
std::vector<std::string_view> words(std::string_view field) {
    std::vector<std::string_view> result;
    if (field == "-") return result;
    while (!field.empty()) {
        const std::size_t space = field.find(' ');
        if (space != 0) result.push_back(field.substr(0, space));
        field = space == std::string_view::npos ? std::string_view() : field.substr(space + 1);
    }
    return result;
}

std::vector<ResourcePolicyType> parse_types(std::string_view text) {
    std::vector<ResourcePolicyType> types;
    for_each_tsv_row<5>(text, [&](std::size_t line_number, const auto& fields) {
        const auto fail = [&](const std::string& what) {
            throw std::runtime_error("data/resource-policy-types.tsv:" + std::to_string(line_number) + ": " +
                                     what);
        };
        if (fields[0].empty() || fields[1].empty() || fields[4].empty())
            fail("expected resource_type, action_services, resource_arns, irrelevant_keys, foreign_element");
        if (fields[4] != "rejected" && fields[4] != "ignored") fail("foreign_element is rejected or ignored");
        ResourcePolicyType type;
        type.name = fields[0];
        type.action_services = words(fields[1]);
        for (std::string_view arn : words(fields[2])) {
            const std::size_t slash = arn.find('/');
            if (slash == std::string_view::npos) fail("a resource ARN type is service/type");
            type.resource_arns.push_back({arn.substr(0, slash), arn.substr(slash + 1)});
        }
        type.irrelevant_keys = words(fields[3]);
        type.rejects_foreign = fields[4] == "rejected";
        types.push_back(std::move(type));
    });
    return types;
}

}  // namespace

std::span<const ResourcePolicyType> resource_policy_types() {
    static const std::vector<ResourcePolicyType> types = parse_types(resource_policy_types_text());
    return types;
}

const ResourcePolicyType* find_resource_policy_type(std::string_view name) {
    const auto types = resource_policy_types();
    const auto found = std::find_if(types.begin(), types.end(),
                                    [&](const ResourcePolicyType& type) { return iequals(type.name, name); });
    return found == types.end() ? nullptr : &*found;
}

}  // namespace iamlint::rules
