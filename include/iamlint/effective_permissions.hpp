// Effective permissions: which catalog actions a policy (or the policies of one principal) allows, on
// which resources, and under which conditions, the way AWS evaluates Allow and explicit Deny. The
// security rules ask this component instead of reading Action lists themselves; see
// docs/effective-permissions.md.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "iamlint/catalog.hpp"
#include "iamlint/model.hpp"

namespace iamlint {

// A set of catalog actions: one bit per action of the catalog's dense index. A policy with "*" or
// NotAction covers most of the 22,000 actions, so sets are bits, not lists. Copies share their words
// until one of them changes: the grants of a large policy repeat a few sets, and a policy of 600,000
// statements held a 2.7 KB copy per statement (1.6 GB). Sharing is safe across threads: a set is
// changed only through its own object, which detaches the words first when other sets hold them.
class ActionSet {
public:
    ActionSet() = default;
    explicit ActionSet(std::size_t size);

    std::size_t size() const { return size_; }
    void set(std::size_t index) { own_words()[index / 64] |= std::uint64_t{1} << (index % 64); }
    bool test(std::size_t index) const { return (words_[index / 64] >> (index % 64)) & 1u; }
    void set_all();
    void flip();  // the complement: every other action of the catalog
    bool any() const;
    std::size_t count() const;
    bool intersects(const ActionSet& other) const;
    bool contains(const ActionSet& other) const;  // other is a subset of this
    ActionSet& operator|=(const ActionSet& other);
    ActionSet& operator&=(const ActionSet& other);
    ActionSet& operator-=(const ActionSet& other);
    friend bool operator==(const ActionSet& a, const ActionSet& b);
    // Of the members, for sharing equal sets (see ActionSetPool).
    std::size_t hash() const;
    // The same for two sets that share their words (which are then equal), for memos keyed by a set
    // that outlives them.
    const void* identity() const { return words_.get(); }

    // Calls f(index) for each member, in index order.
    template <typename F>
    void for_each(F&& f) const {
        const std::size_t n = word_count();
        for (std::size_t w = 0; w < n; ++w) {
            for (std::uint64_t bits = words_[w]; bits != 0; bits &= bits - 1) {
                f(w * 64 + static_cast<std::size_t>(__builtin_ctzll(bits)));
            }
        }
    }

private:
    std::size_t word_count() const { return (size_ + 63) / 64; }
    // The words, copied first if another set shares them.
    std::uint64_t* own_words();

    std::size_t size_ = 0;
    std::shared_ptr<std::uint64_t[]> words_;
};

// Equal action sets made to share one copy of their words: a large policy's grants name few distinct
// sets. Not thread-safe; one pool per building thread.
class ActionSetPool {
public:
    // Makes `set` share the words of an equal set pooled before, or pools it.
    void share(ActionSet& set);

private:
    struct Hash {
        std::size_t operator()(const ActionSet& set) const { return set.hash(); }
    };
    std::unordered_set<ActionSet, Hash> sets_;
};

// The union of several action sets, for a few questions: each distinct set is kept (sets that share
// their words count once), not joined, since joining costs 2.7 KB a set and a question a bit a set.
// The sets of a principal's policies are a few shared ones.
class ActionSetUnion {
public:
    ActionSetUnion() = default;
    explicit ActionSetUnion(std::vector<const ActionSet*> sets);

    // Whether one of the sets holds the action.
    bool test(std::size_t index) const;

private:
    std::vector<ActionSet> sets_;  // copies share the words
};

// The catalog's actions numbered densely in catalog order (services by prefix, then actions by name).
// Costs one entry per service to build, so any catalog, builtin or loaded, gets its own.
class ActionIndex {
public:
    explicit ActionIndex(const Catalog& catalog);
    // The catalog's index, for evaluations that come and go: the builtin catalog's is built once and
    // shared (each principal's policies are evaluated together and one by one: an index per evaluation
    // was 1.7 % of an authorization dump's run); any other catalog gets a new one.
    static std::shared_ptr<const ActionIndex> of(const Catalog& catalog);

    const Catalog& catalog() const { return catalog_; }
    std::size_t size() const { return size_; }
    std::size_t index_of(const Action& action) const;
    const Action& at(std::size_t index) const;
    ActionSet none() const { return ActionSet(size_); }

    // The actions an IAM action pattern matches ("s3:Get*", "*"), case-insensitive.
    ActionSet expand(std::string_view pattern) const;
    // The actions of an Action list, or for NotAction every action except those.
    ActionSet expand(const EntryList& actions) const;

private:
    const Catalog& catalog_;
    std::size_t size_ = 0;
    std::vector<std::size_t> service_base_;  // index of each service's first action
};

// Whether a condition of an Allow really narrows who can use the grant: a source network, VPC
// endpoint, account or organization, MFA, resource tags, a service key of the action ... Conditions
// that the caller satisfies at will do not (aws:SecureTransport, aws:RequestedRegion, aws:RequestTag/*
// and aws:TagKeys name what the caller sends; aws:CurrentTime only bounds when), nor do `...IfExists`
// and `ForAllValues:` forms, which hold when the key is absent from the request.
bool condition_constrains(const Condition& condition);

// Whether a Deny statement removes what it covers from every request: it has no condition (one that may
// be false leaves the request to the Allow), and names no principal narrower than everyone (a Deny of a
// resource policy for one principal leaves the others' grants).
bool removes_for_sure(const Statement& deny);

// Whether an Allow statement would also allow actions that AWS adds after the catalog was made:
// NotAction, or an Action pattern with a wildcard ("s3:Get*", "*").
bool matches_future_actions(const Statement& statement);

// "aws:SourceIp", "iam:PassedToService": how a message names a constraining condition.
std::string describe_constraint(const Condition& condition);

// One Allow statement of one policy, as evaluation leaves it.
struct Grant {
    const PolicyDocument* document = nullptr;
    const Statement* statement = nullptr;
    // The actions it allows, minus those an unconditional Deny removes on every resource it names.
    ActionSet actions;
    // The conditions of the statement that really constrain it (see condition_constrains).
    std::vector<const Condition*> constraints;
    // Deny statements that overlap its actions but remove nothing for sure: conditional ones, and ones
    // on only some of its resources.
    std::vector<const Statement*> limited_by;
    // The actions the statement names, kept only when an unconditional Deny removed some of them
    // (size 0 otherwise): what the Deny took is this minus `actions`.
    ActionSet before_deny;

    bool unconditional() const { return constraints.empty(); }
};

// Which actions are allowed, evaluated over one or several identity policies (a principal's inline,
// managed and group policies). An explicit Deny in any of them removes what it covers from all of them.
// The documents and the catalog must outlive the object.
class EffectivePermissions {
public:
    EffectivePermissions(const Catalog& catalog, std::span<const PolicyDocument* const> documents);
    EffectivePermissions(const Catalog& catalog, const PolicyDocument& document);
    ~EffectivePermissions();
    EffectivePermissions(const EffectivePermissions&) = delete;
    EffectivePermissions& operator=(const EffectivePermissions&) = delete;

    const ActionIndex& index() const { return *index_; }
    std::span<const Grant> grants() const { return grants_; }

    // The union of the grants' actions; with unconditional_only, of the grants without a constraint.
    ActionSet allowed(bool unconditional_only = true) const;

    // Whether the grant allows the action on some resource the action acts on: its Resource list names
    // a resource of one of the action's resource types (or "*" for an action that takes only "*").
    // NotResource always does.
    bool applies_to(const Grant& grant, const Action& action) const;
    // Whether it allows the action on every resource of one of its types in an account: "*", an ARN
    // whose variable parts are all wildcards but a literal account and region (arn:aws:iam::
    // 111122223333:role/*), or NotResource (everything but a few named resources).
    bool covers_every_resource(const Grant& grant, const Action& action) const;

    // The grants that allow the action on some of its resources, in policy and statement order.
    std::vector<const Grant*> grants_for(const Action& action, bool unconditional_only = true) const;

    // The entry of the grant's Action list that matches the action, for findings; the NotAction key
    // for a NotAction statement.
    static const Place& action_place(const Grant& grant, const Action& action);

private:
    struct Cache;
    std::shared_ptr<const ActionIndex> index_;  // ActionIndex::of the catalog
    std::vector<Grant> grants_;
    std::unique_ptr<Cache> cache_;
};

// The actions that the Allow statements of the documents name, before any Deny: a superset of what
// EffectivePermissions of the same documents allows, for the cost of expanding the Action lists alone.
ActionSetUnion named_by_allows(const Catalog& catalog, std::span<const PolicyDocument* const> documents);

// Resource patterns: whether every resource that `narrow` matches is matched by `broad` as well
// ("arn:aws:iam::*:role/*" covers "arn:aws:iam::111122223333:role/app-*"). A sufficient test: a
// `?` of broad never stands for a wildcard of narrow.
bool resource_pattern_covers(std::string_view broad, std::string_view narrow);

}  // namespace iamlint
