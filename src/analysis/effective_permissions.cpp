#include "iamlint/effective_permissions.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <tuple>
#include <unordered_map>
#include <utility>

#include "iamlint/arn.hpp"
#include "iamlint/ascii.hpp"
#include "iamlint/grant_model.hpp"
#include "iamlint/wildcards.hpp"

namespace iamlint {

// ---- ActionSet ----------------------------------------------------------------------------------

// shared_ptr of an array from `new` rather than make_shared: libc++ before 15 has no array make_shared.
ActionSet::ActionSet(std::size_t size) : size_(size), words_(new std::uint64_t[(size + 63) / 64]()) {}

std::uint64_t* ActionSet::own_words() {
    if (words_.use_count() > 1) {
        const std::size_t n = word_count();
        std::shared_ptr<std::uint64_t[]> copy(new std::uint64_t[n]);
        std::copy_n(words_.get(), n, copy.get());
        words_ = std::move(copy);
    }
    return words_.get();
}

void ActionSet::set_all() {
    const std::size_t n = word_count();
    if (n == 0) return;
    std::uint64_t* words = own_words();
    std::fill_n(words, n, ~std::uint64_t{0});
    if (const std::size_t tail = size_ % 64; tail != 0) words[n - 1] = (std::uint64_t{1} << tail) - 1;
}

void ActionSet::flip() {
    const std::size_t n = word_count();
    if (n == 0) return;
    std::uint64_t* words = own_words();
    for (std::size_t i = 0; i < n; ++i) words[i] = ~words[i];
    if (const std::size_t tail = size_ % 64; tail != 0) words[n - 1] &= (std::uint64_t{1} << tail) - 1;
}

bool ActionSet::any() const {
    const std::size_t n = word_count();
    return std::any_of(words_.get(), words_.get() + n, [](std::uint64_t w) { return w != 0; });
}

std::size_t ActionSet::count() const {
    std::size_t total = 0;
    const std::size_t n = word_count();
    for (std::size_t i = 0; i < n; ++i) total += static_cast<std::size_t>(std::popcount(words_[i]));
    return total;
}

bool ActionSet::intersects(const ActionSet& other) const {
    const std::size_t n = std::min(word_count(), other.word_count());
    const std::uint64_t* mine = words_.get();
    const std::uint64_t* theirs = other.words_.get();
    // Disjoint sets are the common answer (a grant and a Deny of other actions) and read every word:
    // a block of words is tested at once, which the compiler vectorizes, where a test per word is not.
    constexpr std::size_t kBlock = 8;
    std::size_t i = 0;
    for (; i + kBlock <= n; i += kBlock) {
        std::uint64_t common = 0;
        for (std::size_t j = 0; j < kBlock; ++j) common |= mine[i + j] & theirs[i + j];
        if (common != 0) return true;
    }
    for (; i < n; ++i) {
        if ((mine[i] & theirs[i]) != 0) return true;
    }
    return false;
}

bool ActionSet::contains(const ActionSet& other) const {
    if (words_ == other.words_ && size_ == other.size_) return true;
    const std::size_t mine_n = word_count();
    for (std::size_t i = 0; i < other.word_count(); ++i) {
        const std::uint64_t mine = i < mine_n ? words_[i] : 0;
        if ((other.words_[i] & ~mine) != 0) return false;
    }
    return true;
}

ActionSet& ActionSet::operator|=(const ActionSet& other) {
    const std::size_t theirs = other.word_count();
    if (word_count() < theirs) {
        // Grows to the other's size: a set made by default is empty of words.
        std::shared_ptr<std::uint64_t[]> grown(new std::uint64_t[theirs]());
        std::copy_n(words_.get(), word_count(), grown.get());
        words_ = std::move(grown);
        size_ = other.size_;
    }
    if (theirs == 0) return *this;
    std::uint64_t* words = own_words();
    for (std::size_t i = 0; i < theirs; ++i) words[i] |= other.words_[i];
    return *this;
}

ActionSet& ActionSet::operator&=(const ActionSet& other) {
    const std::size_t n = word_count();
    if (n == 0) return *this;
    std::uint64_t* words = own_words();
    const std::size_t theirs = other.word_count();
    for (std::size_t i = 0; i < n; ++i) words[i] &= i < theirs ? other.words_[i] : 0;
    return *this;
}

ActionSet& ActionSet::operator-=(const ActionSet& other) {
    const std::size_t n = std::min(word_count(), other.word_count());
    if (n == 0) return *this;
    std::uint64_t* words = own_words();
    for (std::size_t i = 0; i < n; ++i) words[i] &= ~other.words_[i];
    return *this;
}

bool operator==(const ActionSet& a, const ActionSet& b) {
    if (a.size_ != b.size_) return false;
    return a.words_ == b.words_ ||
           std::equal(a.words_.get(), a.words_.get() + a.word_count(), b.words_.get());
}

std::size_t ActionSet::hash() const {
    std::uint64_t h = size_;
    const std::size_t n = word_count();
    for (std::size_t i = 0; i < n; ++i) h = (h ^ words_[i]) * 0x100000001b3ULL + (h >> 29);
    return static_cast<std::size_t>(h);
}

namespace {

// Leaves each distinct set once, in no particular order: the statements of a large policy, and the
// policies of a principal, repeat a few sets, which share their words (ActionSetPool,
// BuiltinExpansions); joining 2.7 KB per statement was most of the cost of a union.
void keep_distinct(std::vector<const ActionSet*>& sets) {
    auto by_identity = [](const ActionSet* a, const ActionSet* b) {
        return std::less<const void*>()(a->identity(), b->identity());
    };
    auto same_identity = [](const ActionSet* a, const ActionSet* b) {
        return a->identity() == b->identity();
    };
    std::sort(sets.begin(), sets.end(), by_identity);
    sets.erase(std::unique(sets.begin(), sets.end(), same_identity), sets.end());
}

}  // namespace

void ActionSetPool::share(ActionSet& set) {
    set = *sets_.insert(set).first;
}

ActionSetUnion::ActionSetUnion(std::vector<const ActionSet*> sets) {
    keep_distinct(sets);
    sets_.reserve(sets.size());
    for (const ActionSet* set : sets) sets_.push_back(*set);
}

bool ActionSetUnion::test(std::size_t index) const {
    return std::any_of(sets_.begin(), sets_.end(), [&](const ActionSet& set) { return set.test(index); });
}

// ---- ActionIndex --------------------------------------------------------------------------------

ActionIndex::ActionIndex(const Catalog& catalog) : catalog_(catalog) {
    service_base_.reserve(catalog.services().size());
    for (const Service& service : catalog.services()) {
        service_base_.push_back(size_);
        size_ += service.actions.size();
    }
}

std::size_t ActionIndex::index_of(const Action& action) const {
    const auto service = static_cast<std::size_t>(action.service - catalog_.services().data());
    return service_base_[service] + static_cast<std::size_t>(&action - action.service->actions.data());
}

const Action& ActionIndex::at(std::size_t index) const {
    // The last service whose first action is at or before index (services without actions share it).
    const auto it = std::upper_bound(service_base_.begin(), service_base_.end(), index);
    auto service = static_cast<std::size_t>(it - service_base_.begin()) - 1;
    while (catalog_.services()[service].actions.size() <= index - service_base_[service]) ++service;
    return catalog_.services()[service].actions[index - service_base_[service]];
}

std::shared_ptr<const ActionIndex> ActionIndex::of(const Catalog& catalog) {
    if (&catalog != &Catalog::builtin()) return std::make_shared<const ActionIndex>(catalog);
    static const auto builtin = std::make_shared<const ActionIndex>(Catalog::builtin());
    return builtin;
}

ActionSet ActionIndex::expand(std::string_view pattern) const {
    ActionSet set(size_);
    if (pattern == "*" || pattern == "*:*") {
        set.set_all();
        return set;
    }
    for (const Action* action : *catalog_.matching_actions(pattern)) set.set(index_of(*action));
    return set;
}

ActionSet ActionIndex::expand(const EntryList& actions) const {
    // One set filled in place: a set per entry, joined, cost a 2.7 KB allocation and clearing each.
    ActionSet set(size_);
    for (const Entry& entry : actions.entries) {
        // A value known only at deployment names no action we could judge.
        if (entry.computed || entry.json_type != JsonType::String) continue;
        if (entry.text == "*" || entry.text == "*:*") {
            set.set_all();
            continue;
        }
        for (const Action* action : *catalog_.matching_actions(entry.text)) set.set(index_of(*action));
    }
    if (actions.negated) set.flip();
    return set;
}

// ---- Conditions ---------------------------------------------------------------------------------

bool condition_constrains(const Condition& condition) {
    return classify_condition(condition) != ConditionClass::SatisfiableAtWill;
}

bool matches_future_actions(const Statement& statement) {
    const EntryList& actions = statement.actions;
    return actions.negated || std::any_of(actions.entries.begin(), actions.entries.end(), [](const Entry& e) {
               return !e.computed && find_wildcard(e.text) != std::string::npos;
           });
}

bool removes_for_sure(const Statement& deny) {
    if (!deny.conditions.empty()) return false;
    const PrincipalList& principals = deny.principals;
    if (!principals.present) return true;
    if (principals.negated) return false;
    return !principals.entries.empty() &&
           std::all_of(principals.entries.begin(), principals.entries.end(), [](const PrincipalEntry& p) {
               return !p.value.computed && p.value.text == "*" && (p.type == "*" || p.type == "AWS");
           });
}

std::string describe_constraint(const Condition& condition) {
    return condition.key;
}

// ---- Resource patterns --------------------------------------------------------------------------

bool resource_pattern_covers(std::string_view broad, std::string_view narrow) {
    // Glob matching of broad against narrow's text, where narrow's '*' and '?' are characters that only
    // broad's '*' may stand for (and '?' of broad never a '*' of narrow, which may be many characters).
    constexpr auto npos = std::string_view::npos;
    std::size_t b = 0, n = 0, star = npos, resume = 0;
    while (n < narrow.size()) {
        if (b < broad.size() && broad[b] == '*') {
            star = b++;
            resume = n;
        } else if (b < broad.size() &&
                   (broad[b] == '?' ? narrow[n] != '*'
                                    : broad[b] == narrow[n] && narrow[n] != '*' && narrow[n] != '?')) {
            ++b;
            ++n;
        } else if (star != npos) {
            b = star + 1;
            n = ++resume;
        } else {
            return false;
        }
    }
    while (b < broad.size() && broad[b] == '*') ++b;
    return b == broad.size();
}

namespace {

// "arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}" with every variable replaced by `value`,
// the partition by the pattern's own, and the account and region by those given (when not empty).
std::string instantiate(std::string_view format, std::string_view partition, std::string_view account,
                        std::string_view region, std::string_view value) {
    std::string out;
    for (std::size_t i = 0; i < format.size();) {
        if (format.substr(i, 2) == "${") {
            const std::size_t close = format.find('}', i);
            if (close == std::string_view::npos) break;
            const std::string_view variable = format.substr(i, close + 1 - i);
            if (variable == "${Partition}") {
                out += partition;
            } else if (variable == "${Account}" && !account.empty()) {
                out += account;
            } else if (variable == "${Region}" && !region.empty()) {
                out += region;
            } else {
                out += value;
            }
            i = close + 1;
        } else {
            out += format[i++];
        }
    }
    return out;
}

// Whether a resource pattern leaves every variable part of one of the type's formats open: it matches
// two unrelated names, with separators in them, in the same format. With `own_account`, a literal
// account and region of the pattern are kept: every role of account 111122223333 is every role the
// principal's own account holds.
bool covers_every_resource_of_type(std::string_view pattern, const ResourceType& type, bool own_account) {
    if (matches_every_resource(pattern)) return true;
    auto arn = split_arn(pattern);
    if (!arn || pattern.find('*') == std::string_view::npos) return false;
    const std::string_view partition =
        arn->partition.empty() || arn->partition == "*" ? "aws" : arn->partition;
    const std::string_view account = own_account && is_account_id(arn->account) ? arn->account : "";
    const std::string_view region = own_account && is_region_name(arn->region) ? arn->region : "";
    for (std::string_view format : type.arn_formats) {
        if (wildcard_match_ci(pattern, instantiate(format, partition, account, region, "iamlint-any-1")) &&
            wildcard_match_ci(pattern, instantiate(format, partition, account, region, "Other/name:2"))) {
            return true;
        }
    }
    return false;
}

bool is_scoped_string(const Entry& entry) {
    return entry.json_type == JsonType::String && !entry.computed;
}

struct DenyStatement {
    const Statement* statement;
    ActionSet actions;
    bool conditional;
};

// Which Denies share an action with a grant, without comparing every grant's set with every Deny's:
// a policy of 22,000 statements spent most of its time there. Each action lists the Denies that hold
// it; a Deny of many actions is a candidate for every grant.
class DenyIndex {
public:
    explicit DenyIndex(const std::vector<DenyStatement>& denies) {
        // The Denies of a large policy repeat a few Action lists, whose sets they share (ActionSetPool): each
        // distinct set is read once. Counting and walking a 22,091-bit set per Deny was three quarters of
        // the grant model of a 60,000-statement policy with 7,370 Denies. nullopt: too many to list.
        std::unordered_map<const void*, std::optional<std::vector<std::size_t>>> actions_of_set;
        for (std::size_t d = 0; d < denies.size(); ++d) {
            const ActionSet& set = denies[d].actions;
            auto [it, fresh] = actions_of_set.try_emplace(set.identity());
            if (fresh && set.count() <= kMaxListedActions) {
                auto& actions = it->second.emplace();
                set.for_each([&](std::size_t action) { actions.push_back(action); });
            }
            if (!it->second) {
                everywhere_.push_back(d);
                continue;
            }
            for (std::size_t action : *it->second) by_action_[action].push_back(d);
        }
    }

    // The Denies, in their order, that may hold an action of `actions`.
    std::vector<std::size_t> candidates(const ActionSet& actions) const {
        std::vector<std::size_t> found = everywhere_;
        actions.for_each([&](std::size_t action) {
            auto it = by_action_.find(action);
            if (it != by_action_.end()) found.insert(found.end(), it->second.begin(), it->second.end());
        });
        std::sort(found.begin(), found.end());
        found.erase(std::unique(found.begin(), found.end()), found.end());
        return found;
    }

private:
    static constexpr std::size_t kMaxListedActions = 512;
    std::unordered_map<std::size_t, std::vector<std::size_t>> by_action_;
    std::vector<std::size_t> everywhere_;
};

// Whether a Deny's resources include every resource the Allow's resources can name, whatever the action.
bool deny_covers_resources(const EntryList& deny, const EntryList& allow) {
    if (!deny.present || !allow.present) return false;
    if (deny.negated) {
        // Deny everything but Z covers Allow everything but X when each of Z is inside X.
        if (!allow.negated) return false;
        return std::all_of(deny.entries.begin(), deny.entries.end(), [&](const Entry& z) {
            return is_scoped_string(z) &&
                   std::any_of(allow.entries.begin(), allow.entries.end(), [&](const Entry& x) {
                       return is_scoped_string(x) && resource_pattern_covers(x.text, z.text);
                   });
        });
    }
    if (std::any_of(deny.entries.begin(), deny.entries.end(),
                    [](const Entry& d) { return is_scoped_string(d) && matches_every_resource(d.text); })) {
        return true;
    }
    if (allow.negated || allow.entries.empty()) return false;
    return std::all_of(allow.entries.begin(), allow.entries.end(), [&](const Entry& a) {
        return is_scoped_string(a) &&
               std::any_of(deny.entries.begin(), deny.entries.end(), [&](const Entry& d) {
                   return is_scoped_string(d) && resource_pattern_covers(d.text, a.text);
               });
    });
}

}  // namespace

// ---- EffectivePermissions -----------------------------------------------------------------------

namespace {

// The Action lists that one thread has expanded over the builtin catalog, by their key (see the
// constructor): the same lists come back in document after document (an authorization dump's policies
// are evaluated alone, then with each principal's others), and expanding and pooling a list anew in
// each evaluation was a tenth of a dump's run. Per thread, so without a lock; bounded, since a set is
// 2.7 KB: past the bound, lists are expanded per evaluation as before.
class BuiltinExpansions {
public:
    static BuiltinExpansions& of_this_thread() {
        thread_local BuiltinExpansions expansions;
        return expansions;
    }
    const ActionSet* find(const std::string& key) const {
        auto it = sets_.find(key);
        return it == sets_.end() ? nullptr : &it->second;
    }
    void remember(const std::string& key, const ActionSet& set) {
        if (sets_.size() < kMaxLists) sets_.try_emplace(key, set);
    }

private:
    static constexpr std::size_t kMaxLists = 256;
    std::unordered_map<std::string, ActionSet> sets_;
};

// Expands the Action lists of one evaluation. Statements of a large policy repeat a few lists: each
// distinct list is expanded once and its set shared (through `pool`), and over the builtin catalog the
// lists this thread has expanded before are taken from BuiltinExpansions.
class ActionListExpander {
public:
    ActionListExpander(const ActionIndex& index, ActionSetPool& pool)
        : index_(index),
          pool_(pool),
          remembered_(&index.catalog() == &Catalog::builtin() ? &BuiltinExpansions::of_this_thread()
                                                              : nullptr) {}

    const ActionSet& expand(const EntryList& actions) {
        key_.assign(1, actions.negated ? '!' : '=');
        for (const Entry& entry : actions.entries) {
            if (entry.computed || entry.json_type != JsonType::String) continue;
            key_ += entry.text;
            key_ += '\0';
        }
        if (remembered_ != nullptr) {
            if (const ActionSet* set = remembered_->find(key_)) return *set;
        }
        auto [it, fresh] = expanded_.try_emplace(key_);
        if (fresh) {
            it->second = index_.expand(actions);
            pool_.share(it->second);
            if (remembered_ != nullptr) remembered_->remember(key_, it->second);
        }
        return it->second;
    }

private:
    const ActionIndex& index_;
    ActionSetPool& pool_;
    BuiltinExpansions* remembered_;
    std::unordered_map<std::string, ActionSet> expanded_;
    std::string key_;  // reused: one allocation for all the lists
};

}  // namespace

ActionSetUnion named_by_allows(const Catalog& catalog, std::span<const PolicyDocument* const> documents) {
    const std::shared_ptr<const ActionIndex> index = ActionIndex::of(catalog);
    ActionSetPool pool;
    ActionListExpander expander(*index, pool);
    std::vector<const ActionSet*> sets;
    for (const PolicyDocument* document : documents) {
        for (const Statement& statement : document->policy.statements) {
            if (statement.effect == Effect::Allow && statement.actions.present)
                sets.push_back(&expander.expand(statement.actions));
        }
    }
    return ActionSetUnion(std::move(sets));
}

// Filled in by const queries: the grant model shares one EffectivePermissions between threads, so
// queries take the lock.
struct EffectivePermissions::Cache {
    std::mutex lock;
    std::unordered_map<const Service*, std::vector<std::string_view>> segments;
    std::unordered_map<const char*, ArnFormat> formats;
    std::map<std::pair<const Entry*, const ResourceType*>, bool> can_name;  // entry names a resource of type
    std::map<std::tuple<const Entry*, const ResourceType*, bool>, bool> covers_all;  // entry covers every one

    const ArnFormat& format(const Service& service, std::string_view text) {
        auto it = formats.find(text.data());
        if (it != formats.end()) return it->second;
        auto [seg, fresh] = segments.try_emplace(&service);
        if (fresh) {
            std::vector<std::string_view> all;
            for (const ResourceType& type : service.resource_types) {
                all.insert(all.end(), type.arn_formats.begin(), type.arn_formats.end());
            }
            seg->second = segment_variables(all);
        }
        return formats.try_emplace(text.data(), text, seg->second).first->second;
    }

    bool entry_names(const Entry& entry, const Service& service, const ResourceType& type) {
        auto [it, fresh] = can_name.try_emplace({&entry, &type}, false);
        if (!fresh) return it->second;
        const ArnPattern pattern(entry.text);
        for (std::string_view text : type.arn_formats) {
            if (can_match(pattern, format(service, text))) return it->second = true;
        }
        return false;
    }

    bool entry_covers(const Entry& entry, const ResourceType& type, bool own_account) {
        auto [it, fresh] = covers_all.try_emplace({&entry, &type, own_account}, false);
        if (fresh) it->second = covers_every_resource_of_type(entry.text, type, own_account);
        return it->second;
    }
};

EffectivePermissions::EffectivePermissions(const Catalog& catalog, const PolicyDocument& document)
    : EffectivePermissions(catalog, std::span<const PolicyDocument* const>(std::array{&document})) {}

EffectivePermissions::EffectivePermissions(const Catalog& catalog,
                                           std::span<const PolicyDocument* const> documents)
    : index_(ActionIndex::of(catalog)), cache_(std::make_unique<Cache>()) {
    // Equal sets that Denies leave are shared too (see ActionListExpander).
    ActionSetPool pool;
    ActionListExpander expander(*index_, pool);
    std::vector<DenyStatement> denies;
    for (const PolicyDocument* document : documents) {
        for (const Statement& statement : document->policy.statements) {
            if (!statement.actions.present) continue;
            if (statement.effect == Effect::Deny) {
                denies.push_back(
                    {&statement, expander.expand(statement.actions), !removes_for_sure(statement)});
            } else if (statement.effect == Effect::Allow) {
                Grant grant;
                grant.document = document;
                grant.statement = &statement;
                grant.actions = expander.expand(statement.actions);
                for (const Condition& condition : statement.conditions) {
                    if (condition_constrains(condition)) grant.constraints.push_back(&condition);
                }
                grants_.push_back(std::move(grant));
            }
        }
    }

    // With few Denies, trying each is cheaper than indexing them.
    constexpr std::size_t kDeniesWorthIndexing = 16;
    std::optional<DenyIndex> deny_index;
    if (denies.size() >= kDeniesWorthIndexing) deny_index.emplace(denies);
    std::vector<std::size_t> all_denies;
    if (!deny_index) {
        for (std::size_t d = 0; d < denies.size(); ++d) all_denies.push_back(d);
    }
    // The grants that share an expanded Action list share its candidates (each of the `expanded` sets
    // lives until the end): walking a 22,091-bit set per grant was 2.5 % of a large policy's run.
    std::unordered_map<const void*, std::vector<std::size_t>> candidates;
    for (Grant& grant : grants_) {
        const std::vector<std::size_t>* denies_to_try = &all_denies;
        if (deny_index) {
            auto [it, fresh] = candidates.try_emplace(grant.actions.identity());
            if (fresh) it->second = deny_index->candidates(grant.actions);
            denies_to_try = &it->second;
        }
        for (std::size_t d : *denies_to_try) {
            const DenyStatement& deny = denies[d];
            if (!deny.actions.intersects(grant.actions)) continue;
            // Any condition on a Deny may leave it out of a request, and a principal may leave it out for
            // others: it removes nothing for sure.
            if (deny.conditional) {
                grant.limited_by.push_back(deny.statement);
                continue;
            }
            if (deny_covers_resources(deny.statement->resources, grant.statement->resources)) {
                if (grant.before_deny.size() == 0) grant.before_deny = grant.actions;
                grant.actions -= deny.actions;
                continue;
            }
            // A Deny on every resource of an action's types removes that action, whatever the Allow names
            // (Deny iam:* on arn:aws:iam::*:user/* removes iam:CreateAccessKey from Allow iam:* on "*").
            ActionSet overlap = grant.actions;
            overlap &= deny.actions;
            ActionSet removed = index_->none();
            const EntryList& resources = deny.statement->resources;
            if (resources.present && !resources.negated) {
                overlap.for_each([&](std::size_t i) {
                    const Action& action = index_->at(i);
                    if (action.resource_types.empty()) return;
                    const bool every_type = std::all_of(
                        action.resource_types.begin(), action.resource_types.end(),
                        [&](const ResourceTypeUse& use) {
                            return std::any_of(
                                resources.entries.begin(), resources.entries.end(), [&](const Entry& e) {
                                    return is_scoped_string(e) && cache_->entry_covers(e, *use.type, false);
                                });
                        });
                    if (every_type) removed.set(i);
                });
            }
            if (removed.any()) {
                if (grant.before_deny.size() == 0) grant.before_deny = grant.actions;
                grant.actions -= removed;
            }
            if (!(removed == overlap)) grant.limited_by.push_back(deny.statement);
        }
        // A Deny gave the grant its own copy: shared at once, so that at most one such copy is alive.
        if (grant.before_deny.size() != 0) pool.share(grant.actions);
    }
}

EffectivePermissions::~EffectivePermissions() = default;

ActionSet EffectivePermissions::allowed(bool unconditional_only) const {
    ActionSet set = index_->none();
    std::vector<const ActionSet*> sets;
    sets.reserve(grants_.size());
    for (const Grant& grant : grants_) {
        if (!unconditional_only || grant.unconditional()) sets.push_back(&grant.actions);
    }
    keep_distinct(sets);
    for (const ActionSet* distinct : sets) set |= *distinct;
    return set;
}

bool EffectivePermissions::applies_to(const Grant& grant, const Action& action) const {
    const EntryList& resources = grant.statement->resources;
    if (!resources.present) return false;
    if (resources.negated) return true;
    const std::lock_guard guard(cache_->lock);
    for (const Entry& entry : resources.entries) {
        if (entry.computed) return true;  // unknown until deployment: may well be one of them
        if (entry.json_type != JsonType::String) continue;
        if (matches_every_resource(entry.text)) return true;
        for (const ResourceTypeUse& use : action.resource_types) {
            if (cache_->entry_names(entry, *action.service, *use.type)) return true;
        }
    }
    return false;
}

bool EffectivePermissions::covers_every_resource(const Grant& grant, const Action& action) const {
    const EntryList& resources = grant.statement->resources;
    if (!resources.present) return false;
    if (resources.negated) return true;
    const std::lock_guard guard(cache_->lock);
    for (const Entry& entry : resources.entries) {
        if (!is_scoped_string(entry)) continue;
        if (matches_every_resource(entry.text)) return true;
        for (const ResourceTypeUse& use : action.resource_types) {
            if (cache_->entry_covers(entry, *use.type, true)) return true;
        }
    }
    return false;
}

std::vector<const Grant*> EffectivePermissions::grants_for(const Action& action,
                                                           bool unconditional_only) const {
    std::vector<const Grant*> out;
    const std::size_t i = index_->index_of(action);
    for (const Grant& grant : grants_) {
        if (!grant.actions.test(i)) continue;
        if (unconditional_only && !grant.unconditional()) continue;
        if (applies_to(grant, action)) out.push_back(&grant);
    }
    return out;
}

const Place& EffectivePermissions::action_place(const Grant& grant, const Action& action) {
    const EntryList& actions = grant.statement->actions;
    if (!actions.negated) {
        const std::string qualified = std::string(action.service->prefix) + ":" + std::string(action.name);
        for (const Entry& entry : actions.entries) {
            if (!entry.computed && wildcard_match_ci(entry.text, qualified)) return entry.place;
        }
    }
    return actions.key;
}

}  // namespace iamlint
