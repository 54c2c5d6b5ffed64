// Does a new version of a policy (or of a principal's policies) grant access the old one did not?
// Built on the grant model: both versions' EffectivePermissions, compared grant by grant. The answer
// for a new Allow statement is "no new access" only when it is proven; everything else is reported
// with the reason it could not be proven. See docs/diff.md.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "iamlint/catalog.hpp"
#include "iamlint/model.hpp"
#include "iamlint/rule.hpp"

namespace iamlint {

// Why a new statement may grant what the old version did not, in the order findings list them.
enum class AccessChange : std::uint8_t {
    Actions,           // actions no old grant allows
    Resources,         // resources outside the old grants' ARN patterns
    ConditionDropped,  // an old grant's condition is not implied by the new statement's
    DenyRemoved,       // an old Deny that removed allowed access is gone or narrower
    Principal,         // principals outside the old grants' (resource and trust policies)
    FutureActions,     // a wildcard the old grants do not cover as a language: actions AWS may add
    Unknown,           // values known only at deployment, or a form the comparison does not model
};

// "actions", "resources", "condition-dropped", "deny-removed", "principal", "future-actions", "unknown".
std::string_view to_string(AccessChange change);

// What one new Allow statement may grant beyond the old version, for one reason.
struct NewAccess {
    const PolicyDocument* document = nullptr;  // the new version's
    const Statement* statement = nullptr;      // the new statement that grants it
    AccessChange change = AccessChange::Unknown;
    std::vector<const Action*> actions;            // catalog actions, catalog order (none for future-actions)
    std::vector<std::string> patterns;             // future-actions and unknown: the new Action strings
    std::vector<std::string> resources;            // the new statement's resources concerned, as written
    const PolicyDocument* old_document = nullptr;  // the closest old statement, when there is one
    const Statement* old_statement = nullptr;
    std::string detail;             // what differs: "aws:SourceIp", a removed Deny's Sid
    bool public_principal = false;  // a new statement for everyone ("*", NotPrincipal)
};

// The new access of `after` over `before`: for every Allow of `after` (after its own Denies), the
// requests no Allow of `before` (after its Denies) is proven to allow. Documents of each side are
// evaluated together, as a principal's policies are; `before` empty is the empty policy.
std::vector<NewAccess> find_new_access(const Catalog& catalog, std::span<const PolicyDocument* const> before,
                                       std::span<const PolicyDocument* const> after);

// What pairs a policy with its old version inside a file: "" for a file that is one policy; the
// container's name otherwise (CloudFormation logical id, property and policy name; a Terraform address and
// attribute; a dump's principal and inline policy name, or the managed policy's ARN without version).
std::string stable_policy_key(const PolicyDocument& document);

// The old versions a `diff` run compares with: the rule new-access (IAM501) asks it for each new
// document and principal set. Implemented by the command line, which read the old files.
class PreviousVersions {
public:
    virtual ~PreviousVersions() = default;
    // The old documents `after` replaces (empty: it is new); nullopt when it is compared elsewhere
    // (a dump's policies with --per-principal) or not at all.
    virtual std::optional<std::vector<const PolicyDocument*>> before(const PolicyDocument& after) const = 0;
    // The old policies of the same principal; nullopt when principals are not compared.
    virtual std::optional<std::vector<const PolicyDocument*>> before(const PrincipalContext& after) const = 0;
};

}  // namespace iamlint
