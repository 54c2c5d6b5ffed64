// What the sensitive-action rules (IAM302-IAM306) share: which actions an Allow statement grants,
// through which Action entry, and whether a grant reaches every resource of the action.
#pragma once

#include <functional>
#include <span>
#include <string_view>
#include <vector>

#include "breadth_support.hpp"
#include "iamlint/catalog.hpp"
#include "iamlint/model.hpp"
#include "iamlint/rule.hpp"
#include "iamlint/sensitive_actions.hpp"

namespace iamlint::rules {

// Whether the rules about the resources a grant reaches (IAM204, IAM211, IAM302-IAM306) look at the
// statements of this document: not where an Allow grants nothing (SCPs, RCPs, permissions boundaries,
// session policies), not in resource policies, where "*" is the resource the policy is attached to
// (IAM401 judges who they grant to), and not in trust policies, whose only resource is the role itself
// (a Resource element there is IAM009's, who may assume it IAM403's and IAM406's).
bool judges_grants(const PolicyDocument& document);

// An action that an Allow statement grants, and the first Action entry that names it.
struct ActionGrant {
    const Action* action;
    const Entry* token;
};

// The actions of an Allow statement with an Action list, in the order of its entries (then catalog
// order), each once, that `wanted` accepts. "*" and "*:*" are left out (IAM201 wildcard-action
// reports them), and so are entries known only at deployment.
std::vector<ActionGrant> granted_actions(const Catalog& catalog, const Statement& statement,
                                         const std::function<bool(const Action&)>& wanted);

// Where a statement applies an action to every resource of one of its types: the first Resource entry
// that leaves every part of one of the action's ARN formats open ("*", "arn:aws:s3:::*/*"), or the
// NotResource key when NotResource does not exclude every resource of the action. nullptr when the
// resources are named, when the action accepts only "*" (nothing narrower can be written: not a
// choice of the author), or when a condition scopes it.
const Place* unconstrained_at(const Statement& statement, const Action& action,
                              const ScopingConditions& conditions);

// Whether a Resource entry matches every IAM role whose name is like both samples (two unrelated role
// resource parts such as "role/a" and "role/path/b"): "*", "arn:aws:iam::*:role/*", and also every
// role of one account ("arn:aws:iam::111122223333:role/*"), which for passing or creating roles is as
// wide as it gets.
bool matches_every_role(std::string_view resource, std::string_view sample_a, std::string_view sample_b);

// The Resource entry that matches every role like the samples (matches_every_role), or the NotResource
// key when NotResource does not exclude them all; nullptr when the roles are named.
const Place* every_role_at(const EntryList& resources, std::string_view sample_a, std::string_view sample_b);

// The first condition on `key` that limits it to some values: a String or ARN operator that is not
// negated, none of whose values matches both samples (two unrelated values, such as two service
// principals). ...IfExists and set qualifiers are accepted: the keys asked about are always in the
// request of the action they belong to. nullptr when none does.
const Condition* limiting_condition(const Statement& statement, std::string_view key,
                                    std::string_view sample_a, std::string_view sample_b);

// A finding of a category rule (IAM302-IAM304): one per statement, at the Action entry of the first
// unconstrained action of the category, naming the actions, with a related location at the Resource
// entry or the NotResource key that leaves them unconstrained. The message is the list of actions
// followed by `what_one` or `what_many`. Actions that take access away (Delete*, Remove*, Revoke*,
// Retire*, Detach*) are named after the others: they are not the examples of what opens access; when
// they are all there is, `what_taking_away` (when given) follows them instead, at medium.
struct CategoryFinding {
    SensitiveCategory category;
    std::string_view what_one;   // after one action's name: " manages ..."
    std::string_view what_many;  // after several: " manage ..."
    std::string_view fix;
    std::string_view what_taking_away = {};  // " can remove ...", for one or several
};
void report_unconstrained_category(const RuleContext& context, FindingSink& sink,
                                   const CategoryFinding& finding);

}  // namespace iamlint::rules
