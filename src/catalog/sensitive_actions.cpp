// The sensitive-action and sensitive-service tables (data/sensitive-*.tsv): parsed once, looked up by
// service prefix first, so that a lookup compares an action with the few rows of its own service.
#include "iamlint/sensitive_actions.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <unordered_map>

#include "iamlint/ascii.hpp"
#include "iamlint/catalog_lifetime.hpp"
#include "iamlint/split.hpp"
#include "sensitive_data.hpp"

namespace iamlint {

namespace {

[[noreturn]] void fail(std::string_view file, std::size_t line, const std::string& message) {
    throw std::runtime_error(std::string(file) + ":" + std::to_string(line) + ": " + message);
}

// Calls `record(fields, line)` for every line that is not blank or a comment.
template <typename Record>
void for_each_record(std::string_view text, Record record) {
    std::size_t number = 0;
    for (std::size_t start = 0; start < text.size();) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(start, end - start);
        start = end + 1;
        ++number;
        if (line.ends_with('\r')) line.remove_suffix(1);
        if (line.empty() || line.front() == '#') continue;
        record(split(line, '\t'), number);
    }
}

bool is_name_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

// Source names: lower-case words separated by ",".
void check_sources(std::string_view file, std::string_view sources, std::size_t line) {
    for (std::string_view source : split(sources, ',')) {
        if (source.empty() || !std::all_of(source.begin(), source.end(), [](char c) {
                return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
            })) {
            fail(file, line, "sources are lower-case names separated by \",\"");
        }
    }
}

std::optional<SensitiveCategory> parse_category(std::string_view text) {
    for (auto category : {SensitiveCategory::CredentialsExposure, SensitiveCategory::DataAccess,
                          SensitiveCategory::PermissionsManagement}) {
        if (text == to_string(category)) return category;
    }
    return std::nullopt;
}

std::optional<ServiceSensitivity> parse_sensitivity(std::string_view text) {
    for (auto sensitivity : {ServiceSensitivity::Data, ServiceSensitivity::Secrets, ServiceSensitivity::Guard,
                             ServiceSensitivity::Identity}) {
        if (text == to_string(sensitivity)) return sensitivity;
    }
    return std::nullopt;
}

bool is_rule_id(std::string_view text) {
    return text.size() == 6 && text.starts_with("IAM") &&
           std::all_of(text.begin() + 3, text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string_view service_of(std::string_view pattern) {
    return pattern.substr(0, pattern.find(':'));
}

bool less_service(std::string_view a, std::string_view b) {
    return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(),
                                        [](char x, char y) { return ascii_lower(x) < ascii_lower(y); });
}

constexpr std::string_view kActionsFile = "sensitive-actions.tsv";
constexpr std::string_view kServicesFile = "sensitive-services.tsv";

}  // namespace

std::string_view to_string(SensitiveCategory category) {
    switch (category) {
        case SensitiveCategory::CredentialsExposure:
            return "credentials-exposure";
        case SensitiveCategory::DataAccess:
            return "data-access";
        case SensitiveCategory::PermissionsManagement:
            return "permissions-management";
    }
    return "unknown";
}

std::string_view to_string(ServiceSensitivity sensitivity) {
    switch (sensitivity) {
        case ServiceSensitivity::Data:
            return "data";
        case ServiceSensitivity::Secrets:
            return "secrets";
        case ServiceSensitivity::Guard:
            return "guard";
        case ServiceSensitivity::Identity:
            return "identity";
    }
    return "unknown";
}

SensitiveActions SensitiveActions::parse(std::string_view text) {
    SensitiveActions table;
    for_each_record(text, [&](const std::vector<std::string_view>& fields, std::size_t line) {
        if (fields.size() != 4)
            fail(kActionsFile, line,
                 "expected 4 tab-separated fields, found " + std::to_string(fields.size()));
        SensitiveActionRow row;
        row.pattern = fields[0];
        row.line = line;
        const std::size_t colon = row.pattern.find(':');
        const std::string_view service = row.pattern.substr(0, colon);
        const std::string_view name = colon == std::string_view::npos ? "" : row.pattern.substr(colon + 1);
        if (service.empty() || name.empty() ||
            !std::all_of(service.begin(), service.end(), [](char c) { return is_name_char(c); }) ||
            !std::all_of(name.begin(), name.end(),
                         [](char c) { return is_name_char(c) || c == '*' || c == '?'; })) {
            fail(kActionsFile, line, "an action is \"service:Name\" with a literal service prefix");
        }
        const auto category = parse_category(fields[1]);
        if (!category)
            fail(kActionsFile, line,
                 "the category is credentials-exposure, data-access or permissions-management, not \"" +
                     std::string(fields[1]) + "\"");
        row.category = *category;
        if (fields[2] == "yes") {
            row.owner = {};
        } else if (fields[2] == "no" || is_rule_id(fields[2])) {
            row.owner = fields[2];
        } else {
            fail(kActionsFile, line, "reported is yes, no or the id of the rule that owns the action");
        }
        if (row.category == SensitiveCategory::PermissionsManagement && row.reported())
            fail(kActionsFile, line,
                 "permissions-management comes from the catalog: its rows only record exceptions");
        row.sources = fields[3];
        check_sources(kActionsFile, row.sources, line);
        for (const auto& other : table.rows_) {
            if (other.category == row.category && iequals(other.pattern, row.pattern))
                fail(kActionsFile, line,
                     "duplicate " + std::string(row.pattern) + " (line " + std::to_string(other.line) + ")");
        }
        table.rows_.push_back(row);
    });
    std::stable_sort(table.rows_.begin(), table.rows_.end(), [](const auto& a, const auto& b) {
        return less_service(service_of(a.pattern), service_of(b.pattern));
    });
    return table;
}

const SensitiveActions& SensitiveActions::builtin() {
    static const SensitiveActions table = parse(sensitive_actions_text());
    return table;
}

namespace {

// The rows of one service: a contiguous run, since rows are sorted by service.
std::span<const SensitiveActionRow> rows_of(std::span<const SensitiveActionRow> rows,
                                            std::string_view prefix) {
    auto first = std::lower_bound(rows.begin(), rows.end(), prefix, [](const auto& row, std::string_view p) {
        return less_service(service_of(row.pattern), p);
    });
    auto last = first;
    while (last != rows.end() && iequals(service_of(last->pattern), prefix)) ++last;
    return {first, last};
}

bool row_matches(const SensitiveActionRow& row, const Action& action) {
    return wildcard_match_ci(row.pattern.substr(action.service->prefix.size() + 1), action.name);
}

// Whether the category's rule reports the action, given the category's first row that matches it.
bool reported_with(const SensitiveActionRow* row, const Action& action, SensitiveCategory category) {
    if (category == SensitiveCategory::PermissionsManagement)
        return row == nullptr && action.access_level == AccessLevel::PermissionsManagement;
    return row != nullptr && row->reported();
}

constexpr std::uint8_t category_bit(SensitiveCategory category) {
    return static_cast<std::uint8_t>(1u << static_cast<unsigned>(category));
}

constexpr std::array<SensitiveCategory, 3> kCategories = {SensitiveCategory::CredentialsExposure,
                                                          SensitiveCategory::DataAccess,
                                                          SensitiveCategory::PermissionsManagement};

}  // namespace

const SensitiveActionRow* SensitiveActions::find(const Action& action, SensitiveCategory category) const {
    for (const SensitiveActionRow& row : rows_of(rows_, action.service->prefix)) {
        if (row.category == category && row_matches(row, action)) return &row;
    }
    return nullptr;
}

bool SensitiveActions::reported_uncached(const Action& action, SensitiveCategory category) const {
    return reported_with(find(action, category), action, category);
}

// One search for the service's rows and one pass over them for all three categories: asking find()
// per category did both three times, for each action at its first question.
std::uint8_t SensitiveActions::reported_categories(const Action& action) const {
    std::array<const SensitiveActionRow*, kCategories.size()> first_match{};
    for (const SensitiveActionRow& row : rows_of(rows_, action.service->prefix)) {
        const SensitiveActionRow*& match = first_match[static_cast<std::size_t>(row.category)];
        if (match == nullptr && row_matches(row, action)) match = &row;
    }
    std::uint8_t bits = 0;
    for (SensitiveCategory category : kCategories) {
        if (reported_with(first_match[static_cast<std::size_t>(category)], action, category))
            bits |= category_bit(category);
    }
    return bits;
}

namespace {

constexpr std::uint8_t kNotAskedYet = 0x80;

// The builtin table's answers, one bit per category for each action of a service, each found at the
// first question about the action: the sensitive-action rules ask about every action every statement
// names, and a look-up compares the action with the rows of its service one glob at a time.
struct ReportedMemo {
    std::uint64_t catalogs_destroyed = 0;
    std::unordered_map<const Service*, std::vector<std::uint8_t>> by_service;
    const Service* last_service = nullptr;
    std::vector<std::uint8_t>* last_bits = nullptr;
};

}  // namespace

bool SensitiveActions::reported(const Action& action, SensitiveCategory category) const {
    // A table parsed at run time may be freed and another parsed at the same address.
    if (this != &builtin()) return reported_uncached(action, category);
    thread_local ReportedMemo memo;
    const Service* service = action.service;
    const std::uint64_t destroyed = catalogs_destroyed();
    if (memo.catalogs_destroyed != destroyed) {
        memo = ReportedMemo{};
        memo.catalogs_destroyed = destroyed;
    }
    if (service != memo.last_service) {
        auto [it, inserted] = memo.by_service.try_emplace(service);
        if (inserted) it->second.assign(service->actions.size(), kNotAskedYet);
        memo.last_service = service;
        memo.last_bits = &it->second;
    }
    std::uint8_t& bits = (*memo.last_bits)[static_cast<std::size_t>(&action - service->actions.data())];
    if (bits == kNotAskedYet) bits = reported_categories(action);
    return (bits & category_bit(category)) != 0;
}

std::vector<SensitiveServiceRow> parse_sensitive_services(std::string_view text) {
    std::vector<SensitiveServiceRow> rows;
    for_each_record(text, [&](const std::vector<std::string_view>& fields, std::size_t line) {
        if (fields.size() != 4)
            fail(kServicesFile, line,
                 "expected 4 tab-separated fields, found " + std::to_string(fields.size()));
        SensitiveServiceRow row;
        row.prefix = fields[0];
        row.line = line;
        if (row.prefix.empty() || !std::all_of(row.prefix.begin(), row.prefix.end(), [](char c) {
                return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
            })) {
            fail(kServicesFile, line, "a service is its lower-case catalog prefix");
        }
        const auto sensitivity = parse_sensitivity(fields[1]);
        if (!sensitivity)
            fail(kServicesFile, line,
                 "the category is data, secrets, guard or identity, not \"" + std::string(fields[1]) + "\"");
        row.sensitivity = *sensitivity;
        row.holds = fields[2];
        if (row.holds.empty()) fail(kServicesFile, line, "every service says what it holds");
        row.sources = fields[3];
        check_sources(kServicesFile, row.sources, line);
        for (const auto& other : rows) {
            if (other.prefix == row.prefix)
                fail(kServicesFile, line,
                     "duplicate " + std::string(row.prefix) + " (line " + std::to_string(other.line) + ")");
        }
        rows.push_back(row);
    });
    return rows;
}

std::span<const SensitiveServiceRow> sensitive_services() {
    static const std::vector<SensitiveServiceRow> rows = parse_sensitive_services(sensitive_services_text());
    return rows;
}

const SensitiveServiceRow* find_sensitive_service(std::string_view prefix) {
    for (const auto& row : sensitive_services()) {
        if (iequals(row.prefix, prefix)) return &row;
    }
    return nullptr;
}

}  // namespace iamlint
