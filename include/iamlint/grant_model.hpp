// The grant model: what one policy document allows and denies, computed once before the rules run and
// shared read-only by all of them. Rules ask it "does this statement still grant this action?" instead
// of re-deriving Allow minus Deny from the raw strings; see docs/effective-permissions.md.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "iamlint/catalog.hpp"
#include "iamlint/effective_permissions.hpp"
#include "iamlint/model.hpp"

namespace iamlint {

// How a condition of an Allow limits the grant. A rule that wants "does anything narrow this grant"
// asks narrows(); one that wants "which resources" asks for NarrowsResources.
enum class ConditionClass : std::uint8_t {
    NarrowsResources,   // aws:ResourceTag/..., aws:ResourceAccount, a service key of the resource
    NarrowsPrincipals,  // aws:PrincipalTag/..., aws:PrincipalOrgID, aws:PrincipalArn, MFA present
    NarrowsRequest,     // aws:SourceIp, aws:SourceVpce, aws:SourceArn, aws:CalledVia, a service key
    SatisfiableAtWill,  // the caller chooses it (aws:SecureTransport, aws:RequestTag/...), ...IfExists
    Unknown,            // a key the classification does not know: treated as narrowing
};

// The class of a condition, whatever the action; condition_constrains() is "not SatisfiableAtWill".
ConditionClass classify_condition(const Condition& condition);

// One policy document's grants. Immutable once built; the document and catalog must outlive it.
class GrantModel {
public:
    GrantModel(const Catalog& catalog, const PolicyDocument& document);

    const PolicyDocument& document() const { return *document_; }
    // Allow minus explicit Deny over this one document, as IAM301 and the property test use it.
    const EffectivePermissions& permissions() const { return permissions_; }

    // The grant of an Allow statement of the document; nullptr for any other statement.
    const Grant* grant_of(const Statement& statement) const;

    // Whether the Allow statement names this action but an unconditional Deny of the same document
    // removes it on every resource the statement names: the statement grants nothing of it. False for
    // an action the statement does not name, and for a statement that is not an Allow.
    bool denied_everywhere(const Statement& statement, const Action& action) const;

    // How many of the service's actions the Allow statement names that unconditional Denies of the
    // document remove on every resource (0 without such a Deny).
    std::size_t denied_in_service(const Statement& statement, const Service& service) const;

    // Whether some statement of the document is a Deny that removes anything for sure.
    bool has_unconditional_deny() const { return has_unconditional_deny_; }

private:
    const PolicyDocument* document_;
    EffectivePermissions permissions_;
    std::vector<const Grant*> by_statement_;  // indexed by the statement's position in the policy
    bool has_unconditional_deny_ = false;
};

}  // namespace iamlint
