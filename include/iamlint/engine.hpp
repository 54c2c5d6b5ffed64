// Choosing rules and running them over policy documents.
#pragma once

#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "iamlint/catalog.hpp"
#include "iamlint/finding.hpp"
#include "iamlint/model.hpp"
#include "iamlint/rule.hpp"

namespace iamlint {

// Every built-in rule, sorted by id: the one explicit registry.
std::span<const Rule* const> builtin_rules();

// By id ("IAM201") or name ("wildcard-action"), case-insensitive; nullptr if there is none.
const Rule* find_rule(std::string_view id_or_name);

// The resource types that the rules judging a resource policy against its resource know
// (data/resource-policy-types.tsv): the values --resource-type takes.
std::vector<std::string_view> resource_policy_type_names();

class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct RuleSelection {
    std::string preset = "recommended";  // "recommended" or "all"
    std::vector<std::string> enable;     // ids or names added to the preset
    std::vector<std::string> disable;    // ids or names removed (wins over enable)
};

// The selected rules sorted by id; throws UsageError for an unknown preset, id or name.
std::vector<const Rule*> select_rules(const RuleSelection& selection,
                                      std::span<const Rule* const> rules = builtin_rules());

struct PrincipalPolicySet;  // loader.hpp

class Engine {
public:
    Engine(std::vector<const Rule*> rules, const Catalog& catalog, RuleSettings settings = {})
        : rules_(std::move(rules)), catalog_(catalog), settings_(std::move(settings)) {}

    // Runs every rule on the document and appends their findings. A rule that throws yields one
    // internal-error finding; the other rules still run. A large document spreads its rules over up to
    // `threads` threads; the findings are the same, in the same order, for any count.
    void analyze(const PolicyDocument& document, std::vector<Finding>& out, unsigned threads = 1) const;

    // Runs the rules that judge the policies of one principal together (an authorization-details dump's
    // user, group or role) over the documents of its set; `documents` are the file's, which the set's
    // indices point into. Failures are reported as in analyze().
    void analyze_principal(const PrincipalPolicySet& set, std::span<const PolicyDocument> documents,
                           std::vector<Finding>& out) const;

    const std::vector<const Rule*>& rules() const { return rules_; }

    // analyze() folds the findings of the grant-breadth rules on one token into one
    // (fold_same_token_findings). A run whose rules and severities differ per file turns that off and
    // folds after its filter stage, so that the finding kept is one the file's settings keep.
    void set_fold_same_token(bool fold) { fold_same_token_ = fold; }

private:
    std::vector<const Rule*> rules_;
    const Catalog& catalog_;
    RuleSettings settings_;
    bool fold_same_token_ = true;
};

}  // namespace iamlint
