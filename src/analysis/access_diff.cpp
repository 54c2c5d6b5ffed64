#include "iamlint/access_diff.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <unordered_map>
#include <utility>

#include "iamlint/arn.hpp"
#include "iamlint/ascii.hpp"
#include "iamlint/condition_implication.hpp"
#include "iamlint/conditions.hpp"
#include "iamlint/effective_permissions.hpp"
#include "iamlint/wildcards.hpp"

namespace iamlint {

std::string_view to_string(AccessChange change) {
    switch (change) {
        case AccessChange::Actions:
            return "actions";
        case AccessChange::Resources:
            return "resources";
        case AccessChange::ConditionDropped:
            return "condition-dropped";
        case AccessChange::DenyRemoved:
            return "deny-removed";
        case AccessChange::Principal:
            return "principal";
        case AccessChange::FutureActions:
            return "future-actions";
        case AccessChange::Unknown:
            return "unknown";
    }
    return "unknown";
}

std::string stable_policy_key(const PolicyDocument& document) {
    std::string key = document.origin;
    if (key.empty()) return key;
    // A dump's managed policy is the same policy whatever its default version.
    if (key.starts_with("managed policy ")) {
        const std::size_t end = key.find(' ', std::string_view("managed policy ").size());
        return key.substr(0, end);
    }
    // A named item of a list is found by its name, not its position: Policies[2] "root" is Policies "root".
    for (std::size_t open = key.find('['); open != std::string::npos; open = key.find('[', open + 1)) {
        const std::size_t close = key.find(']', open);
        if (close == std::string::npos) break;
        const bool digits = close > open + 1 && key.find_first_not_of("0123456789", open + 1) == close;
        if (digits && key.compare(close + 1, 2, " \"") == 0) key.erase(open, close + 1 - open);
    }
    return key;
}

namespace {

bool is_text(const Entry& entry) {
    return entry.json_type == JsonType::String && !entry.computed;
}

// A policy variable stands for a value known only at request time: any text.
std::string without_variables(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        if (text.substr(i, 2) == "${") {
            const std::size_t close = text.find('}', i);
            if (close != std::string_view::npos) {
                out += '*';
                i = close + 1;
                continue;
            }
        }
        out += text[i++];
    }
    return out;
}

bool action_pattern_covers(std::string_view broad, std::string_view narrow) {
    return broad == "*" || resource_pattern_covers(to_lower(broad), to_lower(narrow));
}

// ---- Resources ----------------------------------------------------------------------------------

// Whether the old entry names every resource the new entry names. A value computed at deployment
// covers only the same value; a policy variable of the old side only itself.
bool entry_covers(const Entry& old_entry, const Entry& new_entry) {
    if (is_text(old_entry) && matches_every_resource(old_entry.text)) return true;
    if (old_entry.computed || new_entry.computed)
        return old_entry.computed && new_entry.computed && old_entry.text == new_entry.text;
    if (!is_text(old_entry) || !is_text(new_entry)) return false;
    return old_entry.text == new_entry.text ||
           resource_pattern_covers(old_entry.text, without_variables(new_entry.text));
}

// Whether the old Resource or NotResource list names this new resource.
bool list_covers_entry(const EntryList& old_list, const Entry& new_entry) {
    if (!old_list.present) return false;
    if (!old_list.negated) {
        return std::any_of(old_list.entries.begin(), old_list.entries.end(),
                           [&](const Entry& o) { return entry_covers(o, new_entry); });
    }
    // Everything but X holds the new resource when nothing it names is in X.
    if (!is_text(new_entry)) return false;
    return std::all_of(old_list.entries.begin(), old_list.entries.end(), [&](const Entry& x) {
        return is_text(x) &&
               !patterns_may_overlap(without_variables(x.text), without_variables(new_entry.text));
    });
}

bool list_has_everything(const EntryList& list) {
    return list.present && !list.negated &&
           std::any_of(list.entries.begin(), list.entries.end(),
                       [](const Entry& e) { return is_text(e) && matches_every_resource(e.text); });
}

// Whether the old list names every resource the new list names, whatever the action.
bool resources_cover(const EntryList& old_list, const EntryList& new_list) {
    if (!old_list.present || !new_list.present) return !old_list.present && !new_list.present;
    if (list_has_everything(old_list)) return true;
    if (new_list.negated) {
        // Everything but Y inside everything but X: each of X inside Y.
        return old_list.negated &&
               std::all_of(old_list.entries.begin(), old_list.entries.end(), [&](const Entry& x) {
                   return std::any_of(new_list.entries.begin(), new_list.entries.end(),
                                      [&](const Entry& y) { return entry_covers(y, x); });
               });
    }
    return std::all_of(new_list.entries.begin(), new_list.entries.end(),
                       [&](const Entry& r) { return list_covers_entry(old_list, r); });
}

bool resources_may_overlap(const EntryList& a, const EntryList& b) {
    if (!a.present || !b.present || a.negated || b.negated) return true;
    return std::any_of(a.entries.begin(), a.entries.end(), [&](const Entry& x) {
        return std::any_of(b.entries.begin(), b.entries.end(), [&](const Entry& y) {
            return !is_text(x) || !is_text(y) ||
                   patterns_may_overlap(without_variables(x.text), without_variables(y.text));
        });
    });
}

// Which resources of which actions a resource string can name, with the catalog's resource types.
class ResourceTypes {
public:
    // Whether the new entry names a resource the action acts on ("*" for an action that takes only "*").
    bool names(const Entry& entry, const Action& action) {
        if (entry.computed) return true;
        if (entry.json_type != JsonType::String) return false;
        if (matches_every_resource(entry.text)) return true;
        auto [it, fresh] = names_.try_emplace({&entry, &action}, false);
        if (!fresh) return it->second;
        const ArnPattern pattern(entry.text);
        for (const ResourceTypeUse& use : action.resource_types) {
            for (std::string_view text : use.type->arn_formats) {
                if (can_match(pattern, format(*action.service, text))) return it->second = true;
            }
        }
        return false;
    }

private:
    const ArnFormat& format(const Service& service, std::string_view text) {
        auto found = formats_.find(text.data());
        if (found != formats_.end()) return found->second;
        auto [segments, fresh] = segments_.try_emplace(&service);
        if (fresh) {
            std::vector<std::string_view> all;
            for (const ResourceType& type : service.resource_types)
                all.insert(all.end(), type.arn_formats.begin(), type.arn_formats.end());
            segments->second = segment_variables(all);
        }
        return formats_.try_emplace(text.data(), text, segments->second).first->second;
    }

    std::unordered_map<const Service*, std::vector<std::string_view>> segments_;
    std::unordered_map<const char*, ArnFormat> formats_;
    std::map<std::pair<const Entry*, const Action*>, bool> names_;
};

// Whether an old entry names every resource of the type, in any account and region of its partition
// ("arn:aws:s3:::*" every bucket and object; "arn:aws:iam::*:role/*" every role).
bool covers_type(const Entry& old_entry, const ResourceType& type) {
    if (!is_text(old_entry)) return false;
    if (matches_every_resource(old_entry.text)) return true;
    const auto arn = split_arn(old_entry.text);
    if (!arn || type.arn_formats.empty()) return false;
    const std::string_view partition = has_wildcard_or_variable(arn->partition) ? "*" : arn->partition;
    return std::all_of(type.arn_formats.begin(), type.arn_formats.end(), [&](std::string_view format) {
        std::string every;
        for (std::size_t i = 0; i < format.size();) {
            if (format.substr(i, 2) == "${") {
                const std::size_t close = format.find('}', i);
                if (close == std::string_view::npos) return false;
                every += format.substr(i, close + 1 - i) == "${Partition}" ? partition : "*";
                i = close + 1;
            } else {
                every += format[i++];
            }
        }
        return resource_pattern_covers(old_entry.text, every);
    });
}

// ---- Principals ---------------------------------------------------------------------------------

bool is_everyone(const PrincipalEntry& p) {
    return !p.value.computed && p.value.text == "*" && (p.type == "*" || p.type == "AWS");
}

// The account an AWS principal is ("111122223333", "arn:aws:iam::111122223333:root"); empty otherwise.
std::string_view account_principal(const PrincipalEntry& p) {
    if (p.type != "AWS" || p.value.computed) return {};
    if (is_account_id(p.value.text)) return p.value.text;
    const auto arn = split_arn(p.value.text);
    if (arn && arn->service == "iam" && arn->resource == "root" && is_account_id(arn->account))
        return arn->account;
    return {};
}

// The account an AWS principal belongs to (a role's, a user's, an assumed-role session's).
std::string_view account_holding(const PrincipalEntry& p) {
    if (const std::string_view account = account_principal(p); !account.empty()) return account;
    if (p.type != "AWS" || p.value.computed) return {};
    const auto arn = split_arn(p.value.text);
    return arn && (arn->service == "iam" || arn->service == "sts") ? arn->account : std::string_view();
}

bool principal_covers(const PrincipalEntry& broad, const PrincipalEntry& narrow) {
    if (is_everyone(broad)) return true;
    if (broad.value.computed || narrow.value.computed) {
        return broad.value.computed && narrow.value.computed && broad.type == narrow.type &&
               broad.value.text == narrow.value.text;
    }
    if (broad.type != narrow.type) return false;
    if (broad.type == "Service" ? iequals(broad.value.text, narrow.value.text)
                                : broad.value.text == narrow.value.text)
        return true;
    const std::string_view account = account_principal(broad);
    return !account.empty() && account_holding(narrow) == account;
}

bool principals_may_overlap(const PrincipalEntry& a, const PrincipalEntry& b) {
    if (is_everyone(a) || is_everyone(b) || a.value.computed || b.value.computed) return true;
    if (a.type != b.type) return false;
    return principal_covers(a, b) || principal_covers(b, a);
}

bool principals_cover(const PrincipalList& old_list, const PrincipalList& new_list) {
    if (!old_list.present || !new_list.present) return !old_list.present && !new_list.present;
    const auto& olds = old_list.entries;
    const auto& news = new_list.entries;
    if (!old_list.negated && !new_list.negated) {
        return std::all_of(news.begin(), news.end(), [&](const PrincipalEntry& n) {
            return std::any_of(olds.begin(), olds.end(),
                               [&](const PrincipalEntry& o) { return principal_covers(o, n); });
        });
    }
    if (!old_list.negated) return std::any_of(olds.begin(), olds.end(), is_everyone);
    if (!new_list.negated) {
        // Everyone but X holds each new principal that is not, and holds nothing, of X.
        return std::all_of(news.begin(), news.end(), [&](const PrincipalEntry& n) {
            return std::none_of(olds.begin(), olds.end(),
                                [&](const PrincipalEntry& x) { return principals_may_overlap(n, x); });
        });
    }
    return std::all_of(olds.begin(), olds.end(), [&](const PrincipalEntry& x) {
        return std::any_of(news.begin(), news.end(),
                           [&](const PrincipalEntry& y) { return principal_covers(y, x); });
    });
}

bool principal_lists_may_overlap(const PrincipalList& a, const PrincipalList& b) {
    if (!a.present || !b.present || a.negated || b.negated) return true;
    return std::any_of(a.entries.begin(), a.entries.end(), [&](const PrincipalEntry& x) {
        return std::any_of(b.entries.begin(), b.entries.end(),
                           [&](const PrincipalEntry& y) { return principals_may_overlap(x, y); });
    });
}

bool for_everyone(const PrincipalList& principals) {
    return principals.present && (principals.negated || std::any_of(principals.entries.begin(),
                                                                    principals.entries.end(), is_everyone));
}

// ---- Conditions ---------------------------------------------------------------------------------

// The first condition of the old statement that the new statement's conditions do not imply; nullptr
// when they imply them all.
const Condition* dropped_condition(const Statement& old_statement, const Statement& new_statement) {
    for (const Condition& condition : old_statement.conditions) {
        if (!conditions_imply(new_statement.conditions, condition)) return &condition;
    }
    return nullptr;
}

// ---- The comparison -----------------------------------------------------------------------------

// How close an old grant comes to a new request, worst first: the reason reported is the closest's.
int closeness(AccessChange change) {
    switch (change) {
        case AccessChange::Actions:
            return 0;
        case AccessChange::Principal:
            return 1;
        case AccessChange::Resources:
            return 2;
        case AccessChange::Unknown:
            return 3;
        case AccessChange::ConditionDropped:
            return 4;
        case AccessChange::DenyRemoved:
            return 5;
        case AccessChange::FutureActions:
            return 6;
    }
    return 0;
}

struct OldGrant {
    const Grant* grant;
    bool principals_ok;
    bool resources_ok;  // for every action, by the ARN patterns alone
    const Condition* dropped;
    bool full() const { return principals_ok && resources_ok && dropped == nullptr; }
};

struct Removed {
    const PolicyDocument* document;
    const Statement* deny;
    ActionSet actions;
};

// What one new statement may grant, by reason, while it is being found.
struct Accumulator {
    ActionSet actions;
    std::vector<std::string> patterns;
    std::vector<std::string> resources;
    const PolicyDocument* old_document = nullptr;
    const Statement* old_statement = nullptr;
    std::string detail;

    void add_resource(std::string text) {
        if (std::find(resources.begin(), resources.end(), text) == resources.end())
            resources.push_back(std::move(text));
    }
    void note_old(const PolicyDocument* document, const Statement* statement, std::string why) {
        if (old_statement != nullptr || statement == nullptr) return;
        old_document = document;
        old_statement = statement;
        detail = std::move(why);
    }
};

std::string describe_statement(const Statement& statement) {
    return statement.sid && !statement.sid->text.empty() ? "Sid " + statement.sid->text
                                                         : "statement " + std::to_string(statement.index + 1);
}

std::string resource_text(const Statement& statement, const Entry* entry) {
    if (entry != nullptr) return entry->text;
    if (!statement.resources.present) return "(no Resource)";
    std::string text = "NotResource";
    for (const Entry& e : statement.resources.entries) text += " " + e.text;
    return text;
}

class Comparison {
public:
    Comparison(const Catalog& catalog, std::span<const PolicyDocument* const> before,
               std::span<const PolicyDocument* const> after)
        : old_(catalog, before), new_(catalog, after) {
        std::vector<const Statement*> new_denies;
        for (const PolicyDocument* document : after) {
            for (const Statement& s : document->policy.statements) {
                if (s.effect != Effect::Deny || !s.actions.present) continue;
                new_denies.push_back(&s);
                // What an unconditional Deny on everything removes is removed from future actions too.
                if (!s.actions.negated && removes_for_sure(s) && list_has_everything(s.resources)) {
                    for (const Entry& e : s.actions.entries) {
                        if (is_text(e)) denied_patterns_.push_back(e.text);
                    }
                }
            }
        }
        for (const PolicyDocument* document : before) {
            for (const Statement& deny : document->policy.statements) {
                if (deny.effect != Effect::Deny || !deny.actions.present) continue;
                ActionSet actions = old_.index().expand(deny.actions);
                const bool kept = std::any_of(new_denies.begin(), new_denies.end(), [&](const Statement* d) {
                    return still_denies(*d, deny, actions);
                });
                if (!actions.any()) continue;
                if (!kept) removed_.push_back({document, &deny, actions});
                old_denies_.push_back({document, &deny, std::move(actions)});
            }
        }
    }

    std::vector<NewAccess> run() {
        std::vector<NewAccess> out;
        for (const Grant& grant : new_.grants()) compare(grant, out);
        return out;
    }

private:
    // Whether the new Deny removes at least what the old one did, wherever the old one applied.
    bool still_denies(const Statement& now, const Statement& old_deny, const ActionSet& old_actions) const {
        if (!new_.index().expand(now.actions).contains(old_actions)) return false;
        if (!resources_cover(now.resources, old_deny.resources)) return false;
        if (!principals_cover(now.principals, old_deny.principals)) return false;
        return std::all_of(now.conditions.begin(), now.conditions.end(),
                           [&](const Condition& c) { return conditions_imply(old_deny.conditions, c); });
    }

    // Whether the old grant names the new resource (nullptr: the new statement's NotResource, or its
    // missing Resource) for this action.
    bool covers_for(const Grant& old_grant, const Statement& now, const Entry* entry, const Action& action) {
        const EntryList& olds = old_grant.statement->resources;
        if (entry != nullptr && list_covers_entry(olds, *entry)) return true;
        if (entry == nullptr && resources_cover(olds, now.resources)) return true;
        // "*" (or everything but a few) for this action is every resource of the action's types.
        const bool everything =
            entry == nullptr ? now.resources.present : is_text(*entry) && matches_every_resource(entry->text);
        if (!everything || !olds.present || olds.negated || action.resource_types.empty()) return false;
        return std::all_of(action.resource_types.begin(), action.resource_types.end(),
                           [&](const ResourceTypeUse& use) {
                               return std::any_of(olds.entries.begin(), olds.entries.end(),
                                                  [&](const Entry& e) { return covers_type(e, *use.type); });
                           });
    }

    void compare(const Grant& grant, std::vector<NewAccess>& out) {
        const Statement& now = *grant.statement;
        std::array<Accumulator, 7> found;
        for (auto& f : found) f.actions = new_.index().none();
        auto slot = [&](AccessChange change) -> Accumulator& {
            return found[static_cast<std::size_t>(change)];
        };

        std::vector<OldGrant> olds;
        ActionSet remaining = grant.actions;
        for (const Grant& old_grant : old_.grants()) {
            const Statement& before = *old_grant.statement;
            OldGrant view{&old_grant, principals_cover(before.principals, now.principals),
                          resources_cover(before.resources, now.resources), dropped_condition(before, now)};
            if (view.full()) remaining -= old_grant.actions;
            olds.push_back(view);
        }
        if (remaining.any()) remaining -= covered_value_by_value(now, olds);

        std::vector<const Entry*> targets;
        remaining.for_each([&](std::size_t i) {
            const Action& action = new_.index().at(i);
            targets.clear();
            if (!now.resources.present || now.resources.negated) {
                targets.push_back(nullptr);
            } else {
                for (const Entry& e : now.resources.entries) {
                    if (types_.names(e, action)) targets.push_back(&e);
                }
            }
            for (const Entry* target : targets) judge(i, action, now, target, olds, slot);
        });

        // A Deny of the old version that is gone removed part of what the old grants allowed.
        ActionSet judged = new_.index().none();
        for (const auto& f : found) judged |= f.actions;
        for (const Removed& removed : removed_) {
            ActionSet overlap = grant.actions;
            overlap &= removed.actions;
            overlap -= judged;
            if (!overlap.any() || !resources_may_overlap(removed.deny->resources, now.resources) ||
                !principal_lists_may_overlap(removed.deny->principals, now.principals))
                continue;
            Accumulator& f = slot(AccessChange::DenyRemoved);
            f.actions |= overlap;
            judged |= overlap;
            for (const Entry& e : now.resources.entries) f.add_resource(e.text);
            f.note_old(removed.document, removed.deny,
                       "the old Deny (" + describe_statement(*removed.deny) + ") removed");
        }

        if (!judged.any()) future_actions(now, olds, slot);

        // New actions have no old grant of their own: name the old statement this one replaces, the one
        // with its Sid, else the one at its place in the old version of its policy.
        Accumulator& added = slot(AccessChange::Actions);
        if (added.actions.any() && added.old_statement == nullptr) {
            const OldGrant* same = nullptr;
            for (const OldGrant& o : olds) {
                const Statement& before = *o.grant->statement;
                const bool same_sid =
                    now.sid && before.sid && !now.sid->text.empty() && now.sid->text == before.sid->text;
                const bool same_place =
                    !now.sid && !before.sid && before.index == now.index &&
                    stable_policy_key(*o.grant->document) == stable_policy_key(*grant.document);
                if (same_sid || (same == nullptr && same_place)) same = &o;
                if (same_sid) break;
            }
            if (same != nullptr) added.note_old(same->grant->document, same->grant->statement, {});
        }

        for (std::size_t c = 0; c < found.size(); ++c) {
            Accumulator& f = found[c];
            if (!f.actions.any() && f.patterns.empty()) continue;
            NewAccess access;
            access.document = grant.document;
            access.statement = &now;
            access.change = static_cast<AccessChange>(c);
            f.actions.for_each([&](std::size_t i) { access.actions.push_back(&new_.index().at(i)); });
            access.patterns = std::move(f.patterns);
            access.resources = std::move(f.resources);
            access.old_document = f.old_document;
            access.old_statement = f.old_statement;
            access.detail = std::move(f.detail);
            access.public_principal =
                for_everyone(now.principals) && !std::any_of(olds.begin(), olds.end(), [](const OldGrant& o) {
                    return for_everyone(o.grant->statement->principals);
                });
            out.push_back(std::move(access));
        }
    }

    // Statements merged with their condition values: old "aws:SourceIp A" and "aws:SourceIp B", new
    // "aws:SourceIp [A, B]". A request satisfies one value of a positive condition, so the new grant is
    // covered when, for each of its values alone, some old grant covers it. The actions covered so.
    ActionSet covered_value_by_value(const Statement& now, const std::vector<OldGrant>& olds) const {
        ActionSet covered = new_.index().none();
        for (std::size_t c = 0; c < now.conditions.size(); ++c) {
            const Condition& condition = now.conditions[c];
            const OperatorInfo* op = find_condition_operator(condition.op.base);
            if (op == nullptr || op->negated || op->is_null ||
                condition.op.set == SetQualifier::ForAllValues || condition.values.size() < 2)
                continue;
            ActionSet every_value = new_.index().none();
            every_value.flip();
            for (const Entry& value : condition.values) {
                Statement one = now;
                one.conditions[c].values = {value};
                ActionSet this_value = new_.index().none();
                for (const OldGrant& o : olds) {
                    if (o.principals_ok && o.resources_ok &&
                        dropped_condition(*o.grant->statement, one) == nullptr)
                        this_value |= o.grant->actions;
                }
                every_value &= this_value;
            }
            covered |= every_value;
        }
        return covered;
    }

    template <typename Slot>
    void judge(std::size_t i, const Action& action, const Statement& now, const Entry* target,
               const std::vector<OldGrant>& olds, Slot& slot) {
        AccessChange best = AccessChange::Actions;
        const OldGrant* closest = nullptr;
        for (const OldGrant& view : olds) {
            const Grant& old_grant = *view.grant;
            const bool has = old_grant.actions.test(i);
            const bool had = !has && old_grant.before_deny.size() != 0 && old_grant.before_deny.test(i);
            if (!has && !had) continue;
            AccessChange change;
            if (!view.principals_ok) {
                change = AccessChange::Principal;
            } else if (!view.resources_ok && !covers_for(old_grant, now, target, action)) {
                change =
                    target != nullptr && target->computed ? AccessChange::Unknown : AccessChange::Resources;
            } else if (view.dropped != nullptr) {
                change = AccessChange::ConditionDropped;
            } else if (has) {
                return;  // proven: this old grant allows it
            } else {
                change = AccessChange::DenyRemoved;
            }
            if (closest == nullptr || closeness(change) > closeness(best)) {
                best = change;
                closest = &view;
            }
        }
        Accumulator& f = slot(best);
        f.actions.set(i);
        f.add_resource(resource_text(now, target));
        if (closest == nullptr) return;
        if (best == AccessChange::DenyRemoved) {
            // The related place is the Deny that removed it, not the Allow it removed it from.
            for (const Removed& deny : old_denies_) {
                if (deny.actions.test(i) && removes_for_sure(*deny.deny)) {
                    f.note_old(deny.document, deny.deny,
                               "the old Deny (" + describe_statement(*deny.deny) + ") removed");
                    return;
                }
            }
            f.note_old(closest->grant->document, closest->grant->statement,
                       "a Deny of the old version removed");
            return;
        }
        std::string why;
        if (best == AccessChange::ConditionDropped)
            why = closest->dropped->op.raw + " " + closest->dropped->key;
        f.note_old(closest->grant->document, closest->grant->statement, std::move(why));
    }

    // Wildcards that the old grants do not cover as patterns: actions AWS adds later would be new.
    template <typename Slot>
    void future_actions(const Statement& now, const std::vector<OldGrant>& olds, Slot& slot) {
        auto covered_by = [&](auto&& old_covers) {
            return std::any_of(olds.begin(), olds.end(), [&](const OldGrant& o) {
                return o.full() && old_covers(o.grant->statement->actions);
            });
        };
        if (now.actions.negated) {
            const bool covered = covered_by([&](const EntryList& old_actions) {
                if (!old_actions.negated) {
                    return std::any_of(
                        old_actions.entries.begin(), old_actions.entries.end(),
                        [](const Entry& e) { return is_text(e) && action_pattern_covers(e.text, "*"); });
                }
                // Each old exclusion is excluded by the new statement too, or denied everywhere.
                return std::all_of(
                    old_actions.entries.begin(), old_actions.entries.end(), [&](const Entry& x) {
                        if (!is_text(x)) return false;
                        return std::any_of(now.actions.entries.begin(), now.actions.entries.end(),
                                           [&](const Entry& y) {
                                               return is_text(y) && action_pattern_covers(y.text, x.text);
                                           }) ||
                               std::any_of(
                                   denied_patterns_.begin(), denied_patterns_.end(),
                                   [&](const std::string& d) { return action_pattern_covers(d, x.text); });
                    });
            });
            if (!covered) {
                Accumulator& f = slot(AccessChange::FutureActions);
                std::string text = "NotAction";
                for (const Entry& e : now.actions.entries) text += " " + e.text;
                f.patterns.push_back(std::move(text));
            }
            return;
        }
        for (const Entry& entry : now.actions.entries) {
            if (entry.computed) {
                const bool same = covered_by([&](const EntryList& old_actions) {
                    return std::any_of(old_actions.entries.begin(), old_actions.entries.end(),
                                       [&](const Entry& e) {
                                           return !old_actions.negated && e.computed && e.text == entry.text;
                                       });
                });
                if (!same) slot(AccessChange::Unknown).patterns.push_back(entry.text);
                continue;
            }
            if (!is_text(entry)) continue;
            const bool wildcard = find_wildcard(entry.text) != std::string::npos;
            // A name the catalog knows was judged with the catalog's actions.
            if (!wildcard && new_.index().expand(entry.text).any()) continue;
            const bool covered = covered_by([&](const EntryList& old_actions) {
                if (old_actions.negated) {
                    return std::none_of(
                        old_actions.entries.begin(), old_actions.entries.end(), [&](const Entry& x) {
                            return !is_text(x) ||
                                   patterns_may_overlap(to_lower(x.text), to_lower(entry.text));
                        });
                }
                return std::any_of(
                    old_actions.entries.begin(), old_actions.entries.end(),
                    [&](const Entry& e) { return is_text(e) && action_pattern_covers(e.text, entry.text); });
            });
            if (!covered) slot(AccessChange::FutureActions).patterns.push_back(entry.text);
        }
    }

    EffectivePermissions old_;
    EffectivePermissions new_;
    std::vector<Removed> removed_;              // old Denies without a new one at least as strong
    std::vector<Removed> old_denies_;           // every old Deny
    std::vector<std::string> denied_patterns_;  // Action patterns the new version denies everywhere
    ResourceTypes types_;
};

}  // namespace

std::vector<NewAccess> find_new_access(const Catalog& catalog, std::span<const PolicyDocument* const> before,
                                       std::span<const PolicyDocument* const> after) {
    return Comparison(catalog, before, after).run();
}

}  // namespace iamlint
