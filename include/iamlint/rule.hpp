// The rule interface: a rule is pure, model and catalog in, findings out through a sink.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "iamlint/catalog.hpp"
#include "iamlint/finding.hpp"
#include "iamlint/model.hpp"
#include "iamlint/rule_meta.hpp"

namespace iamlint {

// An access an organisation never grants (`forbid_access:` in .iamlint.yaml, `iamlint check-access`):
// rule IAM502 reports a policy that may allow one of the actions on one of the resources.
struct ForbiddenAccess {
    std::vector<std::string> actions;    // action patterns ("iam:CreateUser", "s3:Delete*")
    std::vector<std::string> resources;  // ARN patterns; empty: any resource
    std::string reason;                  // why, for the message; may be empty
};

class PreviousVersions;  // access_diff.hpp

// What the user tells the rules about their environment (command line or config), beyond the policies.
struct RuleSettings {
    // --account-id: the user's own AWS accounts (12 digits each). Empty: not known, and the rules that
    // need it (cross-account-principal, missing-external-id) stay silent.
    std::vector<std::string> trusted_accounts;

    bool is_trusted_account(std::string_view account) const;

    // forbid_access: of the configuration, or check-access's --action and --resource.
    std::vector<ForbiddenAccess> forbidden_access;

    // The old versions of the policies in an `iamlint diff` run (IAM501); nullptr otherwise.
    const PreviousVersions* previous = nullptr;

    // The settings of a run that gives none.
    static const RuleSettings& none();
};

class GrantModel;  // grant_model.hpp

struct RuleContext {
    const PolicyDocument& document;
    const Catalog& catalog;
    const RuleSettings& settings;
    // What the document allows after its own explicit Denies, built once by the engine for all rules.
    const GrantModel& grants;
    // How many threads a rule may split its own work over on this document (the run's -j when the
    // document is large enough for the engine to spread its rules over threads, else 1).
    unsigned threads = 1;
};

// Collects one rule's findings on one document, filling in what the rule need not repeat.
class FindingSink {
public:
    FindingSink(const RuleMeta& meta, const PolicyDocument& document, std::vector<Finding>& out)
        : meta_(meta), document_(document), out_(out) {}

    Finding& report(Severity severity, const Place& where, std::string message, std::string fix = {});
    Finding& report(const Place& where, std::string message, std::string fix = {}) {
        return report(meta_.default_severity, where, std::move(message), std::move(fix));
    }
    void add_related(Finding& finding, const Place& where, std::string message) const;
    const PolicyDocument& document() const { return document_; }

    // A sink of the same rule and document that collects into `out`: a rule that splits its work over
    // threads gives each part its own, then hands their findings to this sink with append().
    FindingSink part(std::vector<Finding>& out) const { return FindingSink(meta_, document_, out); }
    // Moves the findings of each part, in order, to the end of this sink's, and empties the parts.
    void append(std::vector<std::vector<Finding>>& parts);

private:
    const RuleMeta& meta_;
    const PolicyDocument& document_;
    std::vector<Finding>& out_;
};

// The identity policies that apply to one principal together (a user's own and its groups' policies,
// a role's), for rules that judge their union: a privilege escalation split over two policies.
struct PrincipalContext {
    const Catalog& catalog;
    std::string_view type;  // "user", "group", "role"
    std::string_view name;
    std::string_view arn;
    std::span<const PolicyDocument* const> policies;  // in the order the file lists them
    const PolicyDocument* permissions_boundary = nullptr;
    const RuleSettings* settings = nullptr;  // the run's; nullptr is RuleSettings::none()
};

// Collects one rule's findings on the policies of one principal: each finding is reported on one of
// them, with related locations in the others.
class PrincipalFindingSink {
public:
    PrincipalFindingSink(const RuleMeta& meta, std::vector<Finding>& out) : meta_(meta), out_(out) {}
    FindingSink on(const PolicyDocument& document) const { return FindingSink(meta_, document, out_); }

private:
    const RuleMeta& meta_;
    std::vector<Finding>& out_;
};

class Rule {
public:
    virtual ~Rule() = default;
    virtual const RuleMeta& meta() const = 0;
    virtual void check(const RuleContext& context, FindingSink& sink) const = 0;

    // A rule that also judges the policies of one principal together says so and overrides
    // check_principal. It reports there only what no single policy shows: check() has seen each.
    virtual bool checks_principals() const { return false; }
    virtual void check_principal(const PrincipalContext& /*context*/, PrincipalFindingSink& /*sink*/) const {}
};

}  // namespace iamlint
