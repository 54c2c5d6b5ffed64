#include "iamlint/arn.hpp"

#include <algorithm>

#include "iamlint/ascii.hpp"

namespace iamlint {

namespace {
bool only_stars(std::string_view text) {
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c == '*'; });
}
bool star_or_empty(std::string_view text) { return text.empty() || only_stars(text); }

bool unscoped(std::string_view resource, std::string_view arn_service, bool any_service_only) {
    if (only_stars(resource)) return true;
    auto arn = split_arn(resource);
    if (!arn) return false;
    // The partition cannot narrow anything down: an account lives in exactly one partition.
    bool service_matches = only_stars(arn->service) || (!any_service_only && iequals(arn->service, arn_service));
    return service_matches && star_or_empty(arn->region) && star_or_empty(arn->account) && only_stars(arn->resource);
}
}  // namespace

std::optional<ArnParts> split_arn(std::string_view text) {
    if (!text.starts_with("arn:")) return std::nullopt;
    std::string_view fields[5];
    std::string_view rest = text.substr(4);
    for (int i = 0; i < 4; ++i) {
        auto colon = rest.find(':');
        if (colon == std::string_view::npos) return std::nullopt;
        fields[i] = rest.substr(0, colon);
        rest.remove_prefix(colon + 1);
    }
    fields[4] = rest;
    return ArnParts{fields[0], fields[1], fields[2], fields[3], fields[4]};
}

bool matches_every_resource(std::string_view resource) { return unscoped(resource, {}, true); }

bool matches_every_resource_of(std::string_view resource, std::string_view arn_service) {
    return unscoped(resource, arn_service, false);
}

}  // namespace iamlint
