// The published privilege-escalation methods of AWS IAM (data/privilege-escalation.tsv), and which of
// them a set of effective permissions allows. IAM301 privilege-escalation reports them.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "iamlint/catalog.hpp"
#include "iamlint/effective_permissions.hpp"

namespace iamlint {

// One method: every step must be allowed; a step is one action or a choice between several.
struct EscalationMethod {
    std::string id;  // "pass-role-to-lambda"
    std::vector<std::vector<std::string>>
        steps;  // {{"iam:PassRole"}, {"lambda:CreateFunction"}, {"lambda:InvokeFunction", ...}}
    std::vector<std::string> passed_to;  // service principals a passed role goes to; empty if none
    bool needs_other = false;            // needs another principal's resource: the caller's own is fine
    std::string title;
    std::string why;
    std::string fix;
    std::string reference;
    // Its ids in the public catalogs: "pathfinding:ec2-001", "rhino:3", "iam-vulnerable:privesc3".
    std::vector<std::string> catalogs;
};

// Where a catalog id is published, for findings: "pathfinding.cloud ec2-001 (https://...)".
std::string describe_catalog_id(std::string_view id);

// The table compiled into the binary, parsed at its first use.
std::span<const EscalationMethod> escalation_methods();

// Parses text in the format of data/privilege-escalation.tsv; throws std::runtime_error naming the line.
std::vector<EscalationMethod> parse_escalation_methods(std::string_view text);

// How one step of a method is allowed.
struct StepGrant {
    const Action* action = nullptr;    // the alternative that is allowed
    std::vector<const Grant*> grants;  // the grants that allow it; one on every resource first, if any
    bool every_resource = false;       // some grant allows it on every resource of its types
};

// A method that the permissions allow: each step, in the method's order.
struct EscalationPath {
    const EscalationMethod* method = nullptr;
    std::vector<StepGrant> steps;
    // Whether every step is allowed on every resource of its types; false when some step is limited
    // to named resources (which role, which user, which function decides: unknown offline).
    bool unscoped() const;
};

// The methods the permissions allow, unconditionally, in table order. A grant of iam:PassRole whose
// only constraints are iam:PassedToService conditions counts for a method when one of its values
// matches a service the method passes the role to.
std::vector<EscalationPath> find_escalation_paths(
    const EffectivePermissions& permissions,
    std::span<const EscalationMethod> methods = escalation_methods());

// Whether the Allow statements of the documents, before any Deny and on any resource, name an action
// of every step of some method. When they do not, find_escalation_paths finds nothing in the documents'
// EffectivePermissions, whose construction this saves.
bool may_escalate(const Catalog& catalog, std::span<const PolicyDocument* const> documents,
                  std::span<const EscalationMethod> methods = escalation_methods());

}  // namespace iamlint
