// Sensitive actions and services: the documented tables data/sensitive-actions.tsv and
// data/sensitive-services.tsv, compiled into the binary and parsed once, at their first use. The 3xx
// rules and IAM202 ask them which risk an action or a service carries; docs/sensitive-actions.md
// describes the format and the sources.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "iamlint/catalog.hpp"

namespace iamlint {

enum class SensitiveCategory : std::uint8_t { CredentialsExposure, DataAccess, PermissionsManagement };

// "credentials-exposure", "data-access", "permissions-management".
std::string_view to_string(SensitiveCategory category);

struct SensitiveActionRow {
    std::string_view pattern;  // "s3:GetObject": a literal service prefix, a name that may hold * and ?
    SensitiveCategory category;
    // Empty: the category's rule reports the action. "no": a documented member of the category that the
    // rule leaves alone. "IAM203": that rule owns the action instead.
    std::string_view owner;
    std::string_view sources;  // "parliament,cloudsplaining"
    std::size_t line = 0;

    bool reported() const { return owner.empty(); }
};

enum class ServiceSensitivity : std::uint8_t { Data, Secrets, Guard, Identity };

// "data", "secrets", "guard", "identity".
std::string_view to_string(ServiceSensitivity sensitivity);

struct SensitiveServiceRow {
    std::string_view prefix;  // "s3"
    ServiceSensitivity sensitivity;
    std::string_view holds;    // "objects"
    std::string_view sources;  // "iam202,sar"
    std::size_t line = 0;
};

// The parsed action table, with lookups by action. Views into the text it was parsed from, which must
// outlive it (the builtin text is static).
class SensitiveActions {
public:
    static const SensitiveActions& builtin();

    // Reads the text format of data/sensitive-actions.tsv; throws std::runtime_error
    // "sensitive-actions.tsv:LINE: message" on a malformed row or a duplicate.
    static SensitiveActions parse(std::string_view text);

    std::span<const SensitiveActionRow> rows() const { return rows_; }

    // The row of this category whose pattern matches the action; nullptr when none does.
    const SensitiveActionRow* find(const Action& action, SensitiveCategory category) const;

    // Whether the category's rule reports the action: a reported row matches it, or, for
    // PermissionsManagement, the catalog gives it that access level and no row excepts it.
    bool reported(const Action& action, SensitiveCategory category) const;

private:
    bool reported_uncached(const Action& action, SensitiveCategory category) const;
    // Bit (1 << category) for each category whose rule reports the action.
    std::uint8_t reported_categories(const Action& action) const;
    std::vector<SensitiveActionRow> rows_;  // sorted by lower-cased service prefix, then table order
};

// Reads the text format of data/sensitive-services.tsv; throws std::runtime_error
// "sensitive-services.tsv:LINE: message".
std::vector<SensitiveServiceRow> parse_sensitive_services(std::string_view text);

// The builtin service table, in table order.
std::span<const SensitiveServiceRow> sensitive_services();

// The row of a service prefix, compared without regard to case; nullptr when it is not sensitive.
const SensitiveServiceRow* find_sensitive_service(std::string_view prefix);

}  // namespace iamlint
