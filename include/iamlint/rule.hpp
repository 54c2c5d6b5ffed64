// The rule interface: a rule is pure, model and catalog in, findings out through a sink.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "iamlint/catalog.hpp"
#include "iamlint/finding.hpp"
#include "iamlint/model.hpp"
#include "iamlint/rule_meta.hpp"

namespace iamlint {

// What the user tells the rules about their environment (command line or config), beyond the policies.
struct RuleSettings {
    // --account-id: the user's own AWS accounts (12 digits each). Empty: not known, and the rules that
    // need it (cross-account-principal, missing-external-id) stay silent.
    std::vector<std::string> trusted_accounts;

    bool is_trusted_account(std::string_view account) const;

    // The settings of a run that gives none.
    static const RuleSettings& none();
};

struct RuleContext {
    const PolicyDocument& document;
    const Catalog& catalog;
    const RuleSettings& settings = RuleSettings::none();
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

private:
    const RuleMeta& meta_;
    const PolicyDocument& document_;
    std::vector<Finding>& out_;
};

class Rule {
public:
    virtual ~Rule() = default;
    virtual const RuleMeta& meta() const = 0;
    virtual void check(const RuleContext& context, FindingSink& sink) const = 0;
};

}  // namespace iamlint
