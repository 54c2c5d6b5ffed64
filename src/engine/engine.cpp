#include "iamlint/engine.hpp"

#include <algorithm>
#include <array>
#include <iterator>
#include <numeric>

#include "iamlint/ascii.hpp"
#include "iamlint/finding_identity.hpp"
#include "iamlint/grant_model.hpp"
#include "iamlint/loader.hpp"
#include "iamlint/parallel.hpp"
#include "iamlint/same_token.hpp"

namespace iamlint {

Finding& FindingSink::report(Severity severity, const Place& where, std::string message, std::string fix) {
    Finding finding;
    finding.rule_id = meta_.id;
    finding.rule_name = meta_.name;
    finding.severity = severity;
    finding.message = std::move(message);
    finding.location = document_.location(where);
    finding.fix = std::move(fix);
    finding.policy_kind = to_string(document_.kind);
    finding.origin = document_.origin;
    // The pointer spelled out once, for the location, serves the identity too.
    fill_finding_identity(finding, document_, finding.location.json_pointer, where.range);
    out_.push_back(std::move(finding));
    return out_.back();
}

void FindingSink::add_related(Finding& finding, const Place& where, std::string message) const {
    finding.related.push_back({document_.location(where), std::move(message)});
}

void FindingSink::append(std::vector<std::vector<Finding>>& parts) {
    for (auto& part : parts) {
        // Inserted rather than reserved for all parts at once: repeated appends keep the vector's growth
        // geometric.
        out_.insert(out_.end(), std::make_move_iterator(part.begin()), std::make_move_iterator(part.end()));
        part.clear();
    }
}

bool RuleSettings::is_trusted_account(std::string_view account) const {
    return std::find(trusted_accounts.begin(), trusted_accounts.end(), account) != trusted_accounts.end();
}

const RuleSettings& RuleSettings::none() {
    static const RuleSettings settings;
    return settings;
}

const Rule* find_rule(std::string_view id_or_name) {
    for (const Rule* rule : builtin_rules()) {
        if (iequals(rule->meta().id, id_or_name) || iequals(rule->meta().name, id_or_name)) return rule;
    }
    return nullptr;
}

std::vector<const Rule*> select_rules(const RuleSelection& selection, std::span<const Rule* const> rules) {
    if (selection.preset != "recommended" && selection.preset != "all") {
        throw UsageError("unknown preset '" + selection.preset + "' (expected 'recommended' or 'all')");
    }
    auto lookup = [&](const std::string& id_or_name) {
        auto it = std::find_if(rules.begin(), rules.end(), [&](const Rule* rule) {
            return iequals(rule->meta().id, id_or_name) || iequals(rule->meta().name, id_or_name);
        });
        if (it == rules.end()) throw UsageError("unknown rule '" + id_or_name + "' (see 'iamlint rules')");
        return *it;
    };
    std::vector<const Rule*> selected;
    for (const Rule* rule : rules) {
        if (selection.preset == "all" || rule->meta().in_recommended) selected.push_back(rule);
    }
    for (const auto& name : selection.enable) selected.push_back(lookup(name));
    for (const auto& name : selection.disable) {
        const Rule* rule = lookup(name);
        std::erase(selected, rule);
    }
    std::sort(selected.begin(), selected.end(),
              [](const Rule* a, const Rule* b) { return a->meta().id < b->meta().id; });
    selected.erase(std::unique(selected.begin(), selected.end()), selected.end());
    return selected;
}

namespace {

constexpr std::string_view kInternalErrorFix =
    "please report this as a bug in iamlint, with the policy that caused it";

// Runs a rule's check: what it threw, or "" when it returned.
template <typename Check>
std::string failure_of(Check&& check) {
    try {
        check();
    } catch (const std::exception& error) {
        return error.what();
    } catch (...) {
        return "unknown exception";
    }
    return {};
}

// Runs one rule and appends its findings, or one internal-error finding if it throws.
void run_rule(const Rule& rule, const RuleContext& context, std::vector<Finding>& out) {
    const PolicyDocument& document = context.document;
    const std::size_t before = out.size();
    FindingSink sink(rule.meta(), document, out);
    const std::string failure = failure_of([&] { rule.check(context, sink); });
    if (failure.empty()) return;
    // Half-reported findings of a failed rule cannot be trusted.
    out.resize(before);
    Finding& finding = sink.report(Severity::High, Place{{}, ""},
                                   "internal error in rule " + std::string(rule.meta().name) + ": " + failure,
                                   std::string(kInternalErrorFix));
    finding.location.range = document.source->range(document.root ? document.root->range : SourceSpan(0, 0));
    finding.internal_error = true;
}

// Below this many statements a document's rules run on the calling thread: starting threads, and
// filling their per-thread catalog memos again, would cost more than the rules take.
constexpr std::size_t kStatementsWorthThreads = 1000;

// The rules that take the most time on a large policy, costliest first (perf, the 600,000-statement
// policy of bench/: IAM210 alone is 36 % of the rules' CPU, then IAM204 9 %, IAM104 8 %, IAM211 5 %,
// IAM304 4 %). A document's rules are handed out to threads in this order, then the others by id: a
// costly rule handed out last would leave the other threads idle while it runs.
constexpr std::array<std::string_view, 5> kCostliestRules = {"IAM210", "IAM204", "IAM104", "IAM211",
                                                             "IAM304"};

// Indices into `rules`: those of kCostliestRules first, in its order, then the others in theirs.
std::vector<std::size_t> costliest_first(std::span<const Rule* const> rules) {
    auto rank = [](const Rule* rule) {
        return std::find(kCostliestRules.begin(), kCostliestRules.end(), rule->meta().id) -
               kCostliestRules.begin();
    };
    std::vector<std::size_t> order(rules.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return rank(rules[a]) < rank(rules[b]); });
    return order;
}

}  // namespace

void Engine::analyze(const PolicyDocument& document, std::vector<Finding>& out, unsigned threads) const {
    const GrantModel grants(catalog_, document);
    const bool worth_threads = document.policy.statements.size() >= kStatementsWorthThreads;
    // A rule may also split its own work: the costliest would otherwise run alone, on one thread, long
    // after the others have finished.
    const RuleContext context{document, catalog_, settings_, grants, worth_threads ? threads : 1U};
    const std::size_t first = out.size();
    if (threads <= 1 || rules_.size() < 2 || !worth_threads) {
        for (const Rule* rule : rules_) run_rule(*rule, context, out);
    } else {
        // One large policy (hundreds of thousands of statements) would otherwise leave every core but
        // one idle. Rules share only what is immutable or locked (the document, the grant model, the
        // catalog's memos are per thread); each rule's findings go to its own slot and are joined in
        // rule order, so the findings are those of the loop above, in the same order, for any count.
        std::vector<std::vector<Finding>> found(rules_.size());
        const std::vector<std::size_t> order = costliest_first(rules_);
        parallel_for(order.size(), threads, [&](std::size_t i) {
            const std::size_t rule = order[i];
            run_rule(*rules_[rule], context, found[rule]);
        });
        std::size_t total = out.size();
        for (const auto& some : found) total += some.size();
        out.reserve(total);
        for (auto& some : found) std::move(some.begin(), some.end(), std::back_inserter(out));
    }
    if (fold_same_token_) fold_same_token_findings(out, first);
}

void Engine::analyze_principal(const PrincipalPolicySet& set, std::span<const PolicyDocument> documents,
                               std::vector<Finding>& out) const {
    std::vector<const PolicyDocument*> policies;
    for (std::size_t index : set.documents) {
        if (index < documents.size()) policies.push_back(&documents[index]);
    }
    if (policies.empty()) return;
    const PolicyDocument* boundary = set.permissions_boundary && *set.permissions_boundary < documents.size()
                                         ? &documents[*set.permissions_boundary]
                                         : nullptr;
    const PrincipalContext context{catalog_, to_string(set.type), set.name, set.arn, policies,
                                   boundary, &settings_};
    for (const Rule* rule : rules_) {
        if (!rule->checks_principals()) continue;
        const std::size_t before = out.size();
        PrincipalFindingSink sink(rule->meta(), out);
        const std::string failure = failure_of([&] { rule->check_principal(context, sink); });
        if (failure.empty()) continue;
        out.resize(before);
        const PolicyDocument& first = *policies.front();
        Finding& finding =
            sink.on(first).report(Severity::High, Place{{}, ""},
                                  "internal error in rule " + std::string(rule->meta().name) + " on " +
                                      std::string(context.type) + " " + set.name + ": " + failure,
                                  std::string(kInternalErrorFix));
        finding.location.range = first.source->range(first.root ? first.root->range : SourceSpan(0, 0));
        finding.internal_error = true;
    }
}

}  // namespace iamlint
