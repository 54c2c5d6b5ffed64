#include "iamlint/arn.hpp"

#include <algorithm>

namespace iamlint {

namespace {
bool only_stars(std::string_view text) {
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c == '*'; });
}
bool star_or_empty(std::string_view text) {
    return text.empty() || only_stars(text);
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

bool matches_every_resource(std::string_view resource) {
    if (only_stars(resource)) return true;
    auto arn = split_arn(resource);
    // The partition cannot narrow anything down: an account lives in exactly one partition.
    return arn && only_stars(arn->service) && star_or_empty(arn->region) && star_or_empty(arn->account) &&
           only_stars(arn->resource);
}

}  // namespace iamlint
