#include "iamlint/suggest.hpp"

#include <algorithm>
#include <utility>

#include "glob.hpp"
#include "iamlint/ascii.hpp"
#include "iamlint/wildcards.hpp"

namespace iamlint {

namespace {

bool is_separator(char c) {
    return !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'));
}

bool has_wildcard(std::string_view text) {
    return find_wildcard(text) != std::string_view::npos;
}

std::string qualified(std::string_view prefix, std::string_view name) {
    std::string text(prefix);
    text += ':';
    text += name;
    return text;
}

template <typename T>
struct Candidate {
    std::size_t distance;
    const T* item;
};

// The items within typo distance of `query`, nearest first; ties keep the catalog's order.
template <typename T, typename NameOf>
std::vector<Candidate<T>> within_typo_distance(std::span<const T> items, std::string_view query,
                                               NameOf name_of) {
    const std::size_t limit = typo_limit(query.size());
    std::vector<Candidate<T>> found;
    for (const T& item : items) {
        const std::size_t distance = edit_distance_ci(query, name_of(item), limit);
        if (distance <= limit) found.push_back({distance, &item});
    }
    std::stable_sort(found.begin(), found.end(),
                     [](const auto& a, const auto& b) { return a.distance < b.distance; });
    return found;
}

// The actions of a service nearest to a name that none of them has, all at the same, smallest distance.
std::vector<const Action*> closest_actions(const Service& service, std::string_view name) {
    std::vector<const Action*> best;
    const auto found = within_typo_distance(service.actions, name, [](const Action& a) { return a.name; });
    for (const auto& candidate : found) {
        if (candidate.distance != found.front().distance) break;
        best.push_back(candidate.item);
    }
    return best;
}

class Suggestions {
public:
    explicit Suggestions(std::size_t max) : max_(max) {}

    void add(std::string text) {
        if (full() || std::find(list_.begin(), list_.end(), text) != list_.end()) return;
        list_.push_back(std::move(text));
    }
    bool full() const { return list_.size() >= max_; }
    bool empty() const { return list_.empty(); }
    std::vector<std::string> take() { return std::move(list_); }

private:
    std::size_t max_;
    std::vector<std::string> list_;
};

// The name, or its nearest typo fixes, as actions of this service; a pattern when it matches one.
void add_resolved(const Catalog& catalog, const Service& service, std::string_view name, Suggestions& out) {
    if (has_wildcard(name)) {
        std::vector<const Action*> matched;
        catalog.expand(qualified(service.prefix, name), matched);
        if (!matched.empty()) out.add(qualified(service.prefix, name));
        return;
    }
    if (const Action* action = catalog.find_action(service.prefix, name)) {
        out.add(qualified(service.prefix, action->name));
        return;
    }
    for (const Action* action : closest_actions(service, name))
        out.add(qualified(service.prefix, action->name));
}

// "iam:AssumeRole" means sts:AssumeRole when only sts has an action of that name. Many services share
// names such as ListTagsForResource, and a guess among them would only mislead.
void add_only_other_with_name(const Catalog& catalog, std::string_view name, const Service& except,
                              Suggestions& out) {
    if (has_wildcard(name)) return;
    const Action* only = nullptr;
    for (const Service& service : catalog.services()) {
        const Action* action = &service == &except ? nullptr : catalog.find_action(service.prefix, name);
        if (action == nullptr) continue;
        if (only != nullptr) return;
        only = action;
    }
    if (only != nullptr) out.add(qualified(only->service->prefix, only->name));
}

// "cloudwatchlogs:CreateLogGroup" means logs:CreateLogGroup, "dynamo:GetItem" dynamodb:GetItem: the
// services whose prefix starts or ends with the one written, or the other way round, and that have an
// action of this name.
void add_containing_prefix(const Catalog& catalog, std::string_view prefix, std::string_view name,
                           Suggestions& out) {
    if (has_wildcard(name)) return;
    const std::string written = to_lower(prefix);
    for (const Service& service : catalog.services()) {
        const std::string candidate = to_lower(service.prefix);
        const std::string& shorter = candidate.size() < written.size() ? candidate : written;
        const std::string& longer = candidate.size() < written.size() ? written : candidate;
        const bool related =
            shorter.size() >= 3 && (longer.starts_with(shorter) || longer.ends_with(shorter));
        if (!related) continue;
        if (const Action* action = catalog.find_action(service.prefix, name))
            out.add(qualified(service.prefix, action->name));
    }
}

}  // namespace

std::size_t edit_distance_ci(std::string_view a, std::string_view b, std::size_t limit) {
    const std::size_t n = a.size();
    const std::size_t m = b.size();
    if ((n > m ? n - m : m - n) > limit) return limit + 1;
    auto same = [&](std::size_t i, std::size_t j) { return ascii_lower(a[i]) == ascii_lower(b[j]); };
    // Rows i - 2, i - 1 and i of the table; a swap looks two rows back.
    std::vector<std::size_t> before(m + 1), previous(m + 1), current(m + 1);
    for (std::size_t j = 0; j <= m; ++j) previous[j] = j;
    for (std::size_t i = 1; i <= n; ++i) {
        current[0] = i;
        std::size_t row_min = i;
        for (std::size_t j = 1; j <= m; ++j) {
            std::size_t d = std::min(
                {previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (same(i - 1, j - 1) ? 0 : 1)});
            if (i > 1 && j > 1 && same(i - 1, j - 2) && same(i - 2, j - 1))
                d = std::min(d, before[j - 2] + 1);
            current[j] = d;
            row_min = std::min(row_min, d);
        }
        // No row has a smaller minimum than the one above it, so the distance is already too large.
        if (row_min > limit) return limit + 1;
        std::swap(before, previous);
        std::swap(previous, current);
    }
    return std::min(previous[m], limit + 1);
}

std::size_t typo_limit(std::size_t length) {
    return std::clamp<std::size_t>(length / 4, 1, 3);
}

std::vector<std::string_view> suggest_services(const Catalog& catalog, std::string_view prefix,
                                               std::size_t max) {
    std::vector<std::string_view> best;
    const auto found =
        within_typo_distance(catalog.services(), prefix, [](const Service& s) { return s.prefix; });
    for (const auto& candidate : found) {
        if (candidate.distance != found.front().distance || best.size() >= max) break;
        best.push_back(candidate.item->prefix);
    }
    return best;
}

std::vector<std::string> suggest_actions(const Catalog& catalog, std::string_view action, std::size_t max) {
    Suggestions out(max);
    const std::size_t colon = action.find(':');
    if (colon == std::string_view::npos) {
        // The colon left out ("s3GetObject") or mistyped ("s3.GetObject", "s3/GetObject").
        for (std::size_t i = 1; i + 1 < action.size() && !out.full(); ++i) {
            const Service* service = catalog.find_service(action.substr(0, i));
            if (service == nullptr) continue;
            std::string_view rest = action.substr(i);
            if (is_separator(rest.front())) rest.remove_prefix(1);
            if (rest.empty() || has_wildcard(rest)) continue;
            if (const Action* found = catalog.find_action(service->prefix, rest))
                out.add(qualified(service->prefix, found->name));
        }
        return out.take();
    }
    const std::string_view prefix = action.substr(0, colon);
    const std::string_view name = action.substr(colon + 1);
    if (prefix.empty() || name.empty() || name.find(':') != std::string_view::npos || has_wildcard(prefix))
        return {};
    if (const Service* service = catalog.find_service(prefix)) {
        if (!has_wildcard(name)) {
            for (const Action* found : closest_actions(*service, name))
                out.add(qualified(service->prefix, found->name));
        }
        if (out.empty()) add_only_other_with_name(catalog, name, *service, out);
        return out.take();
    }
    const auto services =
        within_typo_distance(catalog.services(), prefix, [](const Service& s) { return s.prefix; });
    for (const auto& candidate : services) add_resolved(catalog, *candidate.item, name, out);
    if (out.empty()) add_containing_prefix(catalog, prefix, name, out);
    return out.take();
}

}  // namespace iamlint
