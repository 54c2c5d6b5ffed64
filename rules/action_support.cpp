#include "action_support.hpp"
#include "iamlint/wildcards.hpp"

#include <vector>

namespace iamlint::rules {

namespace {

bool has_wildcard(std::string_view text) {
    return find_wildcard(text) != std::string_view::npos;
}

bool any_service_matches(const Catalog& catalog, std::string_view pattern) {
    for (const Service& service : catalog.services()) {
        if (wildcard_match_ci(pattern, service.prefix)) return true;
    }
    return false;
}

}  // namespace

ActionCheck check_action(const Catalog& catalog, std::string_view action) {
    ActionCheck check;
    const std::size_t colon = action.find(':');
    if (colon == std::string_view::npos) {
        // "*" alone is every action; anything else without a service is refused by IAM ("Actions must
        // be prefaced by a vendor").
        if (action.empty() || action.find_first_not_of('*') != std::string_view::npos)
            check.validity = ActionValidity::NotAnAction;
        return check;
    }
    check.service = action.substr(0, colon);
    check.name = action.substr(colon + 1);
    check.service_wildcard = has_wildcard(check.service);
    if (check.service.empty() || check.name.empty() || check.name.find(':') != std::string_view::npos) {
        check.validity = ActionValidity::NotAnAction;
        return check;
    }
    // A pattern that matches an action names a known service: the memo answers that at the cost of a
    // hash look-up, where finding the service is a binary search over every prefix. Three rules ask
    // about every entry. Only a pattern that matches nothing needs to know which of the two is unknown.
    if (!catalog.matching_actions(action)->empty()) return check;
    check.validity = (check.service_wildcard ? any_service_matches(catalog, check.service)
                                             : catalog.find_service(check.service) != nullptr)
                         ? ActionValidity::NoMatch
                         : ActionValidity::UnknownService;
    return check;
}

bool is_checkable_action(const Entry& entry) {
    return !entry.computed && entry.json_type == JsonType::String;
}

Place part_of(const PolicyDocument& document, const Entry& entry, std::size_t begin, std::size_t length) {
    const SourceSpan range = entry.place.range;
    const std::string& text = document.source->text();
    if (range.empty() || begin + length > entry.text.size() || range.offset + range.length > text.size())
        return entry.place;
    const std::string_view token(text.data() + range.offset, range.length);
    std::size_t start = 0;
    if (token.size() == entry.text.size() + 2 && (token.front() == '"' || token.front() == '\'') &&
        token.back() == token.front()) {
        start = 1;
    } else if (token.size() != entry.text.size()) {
        return entry.place;
    }
    if (token.substr(start, entry.text.size()) != entry.text) return entry.place;  // escapes in the token
    return {SourceSpan(static_cast<std::uint32_t>(range.offset + start + begin),
                       static_cast<std::uint32_t>(length)),
            entry.place.pointer};
}

std::string not_action_consequence(const Statement& statement) {
    if (!statement.actions.negated) return {};
    if (statement.is_allow())
        return "; in NotAction it excludes nothing, so this Allow still grants the action meant to be left "
               "out";
    if (statement.effect == Effect::Deny)
        return "; in NotAction it exempts nothing, so this Deny also denies the action meant to stay allowed";
    return {};
}

std::string did_you_mean(const std::vector<std::string>& suggestions) {
    if (suggestions.empty()) return {};
    std::string text = "; did you mean ";
    for (std::size_t i = 0; i < suggestions.size(); ++i) {
        if (i > 0) text += i + 1 == suggestions.size() ? " or " : ", ";
        text += in_quotes(suggestions[i]);
    }
    return text + "?";
}

std::string fix_with(const std::vector<std::string>& suggestions, std::string otherwise) {
    if (suggestions.empty()) return otherwise;
    std::string fix = suggestions.size() == 1 ? "write " : "write the action meant, e.g. ";
    fix += in_quotes(suggestions.front());
    return fix;
}

std::string catalog_edition(const Catalog& catalog) {
    return "the AWS catalog of " + std::string(catalog.version().date);
}

}  // namespace iamlint::rules
