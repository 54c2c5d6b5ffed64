#include <algorithm>
#include <cstdint>
#include <iterator>
#include <limits>
#include <map>
#include <span>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "../breadth_support.hpp"
#include "../rule_support.hpp"
#include "../rules.hpp"
#include "iamlint/ascii.hpp"
#include "iamlint/parallel.hpp"
#include "iamlint/wildcards.hpp"

namespace iamlint::rules {

namespace {

constexpr std::string_view kTags[] = {"maintainability"};

// Whether entry `general` matches everything entry `specific` does. A deployment-time value only covers
// the same expression.
bool entry_covers(const Entry& general, const Entry& specific, bool ignore_case) {
    if (general.computed) return general.text == specific.text;
    return pattern_covers(general.text, specific.text, ignore_case);
}

bool same_text(const Entry& a, const Entry& b, bool ignore_case) {
    return ignore_case ? iequals(a.text, b.text) : a.text == b.text;
}

// Every entry of `inner` is covered by some entry of `outer`.
bool list_covers(const std::vector<Entry>& outer, const std::vector<Entry>& inner, bool ignore_case) {
    return std::all_of(inner.begin(), inner.end(), [&](const Entry& specific) {
        return std::any_of(outer.begin(), outer.end(), [&](const Entry& general) {
            return entry_covers(general, specific, ignore_case);
        });
    });
}

// Whether `general` allows (or denies) everything `specific` does through this element: with Action,
// every action of `specific` is among those of `general`; with NotAction, `general` excludes less.
bool element_covers(const EntryList& general, const EntryList& specific, bool ignore_case) {
    if (general.present != specific.present || general.negated != specific.negated) return false;
    if (!general.present) return true;
    if (general.entries.empty() || specific.entries.empty()) return false;
    return general.negated ? list_covers(specific.entries, general.entries, ignore_case)
                           : list_covers(general.entries, specific.entries, ignore_case);
}

using PrincipalKey = std::vector<std::pair<std::string, std::string>>;
PrincipalKey principal_key(const PrincipalList& principals) {
    PrincipalKey key;
    for (const auto& principal : principals.entries) key.emplace_back(principal.type, principal.value.text);
    std::sort(key.begin(), key.end());
    key.erase(std::unique(key.begin(), key.end()), key.end());
    return key;
}

using ConditionKey = std::vector<std::tuple<std::string, std::string, std::vector<std::string>>>;
ConditionKey condition_key(const Statement& statement) {
    ConditionKey key;
    for (const auto& condition : statement.conditions) {
        std::vector<std::string> values;
        for (const auto& value : condition.values) values.push_back(value.text);
        std::sort(values.begin(), values.end());
        values.erase(std::unique(values.begin(), values.end()), values.end());
        key.emplace_back(condition.op.raw, to_lower(condition.key), std::move(values));
    }
    std::sort(key.begin(), key.end());
    return key;
}

// The statements that could cover a given one: a statement covers another only if one of its actions
// matches the other's first action and one of its resources the other's first resource. A pattern
// without wildcards matches only its equal; one with wildcards only a text that starts with the
// pattern's part before the first wildcard. So each statement is filed under every (action, resource)
// pair of its entries, by that text or that part, and a statement looks up only the pairs its first
// action and resource can match: comparing all pairs of a policy of 22,000 statements took seconds.
// Only statements of one group (same effect, principal and conditions) cover each other, so the
// group is part of the key too.
class CoverCandidates {
public:
    CoverCandidates(const std::vector<Statement>& statements, const std::vector<std::size_t>& groups)
        : groups_(groups) {
        for (std::size_t i = 0; i < statements.size(); ++i) {
            const Statement& statement = statements[i];
            if (!indexed(statement)) continue;
            const auto& actions = statement.actions.entries;
            const auto& resources = statement.resources.entries;
            if (actions.size() * resources.size() > kMaxPairs) {
                always_.push_back(i);
                continue;
            }
            for (const auto& action : actions) {
                auto& by_resource = index_[key(action, true, groups_[i])];
                for (const auto& resource : resources) {
                    auto& list = by_resource[key(resource, false)];
                    if (list.empty() || list.back() != i) list.push_back(i);
                }
            }
        }
        for (const auto& [action, by_resource] : index_) {
            if (action.wildcard) action_prefix_lengths_.push_back(action.text.size());
            for (const auto& [resource, list] : by_resource) {
                if (resource.wildcard) resource_prefix_lengths_.push_back(resource.text.size());
            }
        }
        for (auto* lengths : {&action_prefix_lengths_, &resource_prefix_lengths_}) {
            std::sort(lengths->begin(), lengths->end());
            lengths->erase(std::unique(lengths->begin(), lengths->end()), lengths->end());
        }
    }

    // Whether a statement can be looked up: only then can another indexed one cover it.
    static bool indexed(const Statement& statement) {
        return statement.actions.present && !statement.actions.negated &&
               !statement.actions.entries.empty() && statement.resources.present &&
               !statement.resources.negated && !statement.resources.entries.empty();
    }

    // Calls visit(i) for each statement i that could cover `statement`, in increasing order of i, until
    // visit returns true. `statement` must be indexed().
    template <class Visit>
    void for_each(std::size_t j, const Statement& statement, Visit&& visit) const {
        std::vector<std::span<const std::size_t>> lists;
        if (!always_.empty()) lists.emplace_back(always_);
        for (const Key& action :
             keys(statement.actions.entries.front(), true, action_prefix_lengths_, groups_[j])) {
            auto found = index_.find(action);
            if (found == index_.end()) continue;
            for (const Key& resource :
                 keys(statement.resources.entries.front(), false, resource_prefix_lengths_)) {
                auto list = found->second.find(resource);
                if (list != found->second.end()) lists.emplace_back(list->second);
            }
        }
        // A merge of the sorted lists, smallest index first; an index in several lists is visited once.
        std::vector<std::size_t> next(lists.size(), 0);
        std::size_t previous = std::numeric_limits<std::size_t>::max();
        while (true) {
            std::size_t smallest = std::numeric_limits<std::size_t>::max();
            for (std::size_t l = 0; l < lists.size(); ++l) {
                if (next[l] < lists[l].size()) smallest = std::min(smallest, lists[l][next[l]]);
            }
            if (smallest == std::numeric_limits<std::size_t>::max()) return;
            for (std::size_t l = 0; l < lists.size(); ++l) {
                if (next[l] < lists[l].size() && lists[l][next[l]] == smallest) ++next[l];
            }
            if (smallest != previous && visit(smallest)) return;
            previous = smallest;
        }
    }

private:
    static constexpr std::size_t kMaxPairs = 256;  // a statement with more pairs is always a candidate

    // An entry's text (lower case for actions), or for a pattern with wildcards its part before the
    // first one. A deployment-time value covers only its equal text, so it files under that.
    struct Key {
        std::string text;
        bool wildcard = false;
        std::size_t group = 0;  // actions only
        bool operator==(const Key&) const = default;
    };
    struct KeyHash {
        std::size_t operator()(const Key& key) const {
            return std::hash<std::string>{}(key.text) ^ static_cast<std::size_t>(key.wildcard) ^
                   (key.group * 0x9E3779B97F4A7C15ULL);
        }
    };
    static Key key(const Entry& entry, bool ignore_case, std::size_t group = 0) {
        std::string text = ignore_case ? to_lower(entry.text) : entry.text;
        const std::size_t wildcard = entry.computed ? std::string::npos : find_wildcard(text);
        if (wildcard == std::string::npos) return {std::move(text), false, group};
        text.resize(wildcard);
        return {std::move(text), true, group};
    }
    // The keys under which a pattern that covers `entry` is filed: its own text, and each of its
    // prefixes (up to its first wildcard, past which no literal character matches) of a length that
    // some pattern's part before its first wildcard has.
    static std::vector<Key> keys(const Entry& entry, bool ignore_case,
                                 const std::vector<std::size_t>& lengths, std::size_t group = 0) {
        std::vector<Key> result;
        std::string text = ignore_case ? to_lower(entry.text) : entry.text;
        const std::size_t literal = std::min(find_wildcard(text), text.size());
        for (std::size_t length : lengths) {
            if (length > literal) break;
            result.push_back({text.substr(0, length), true, group});
        }
        result.push_back({std::move(text), false, group});
        return result;
    }

    std::unordered_map<Key, std::unordered_map<Key, std::vector<std::size_t>, KeyHash>, KeyHash> index_;
    std::vector<std::size_t> action_prefix_lengths_, resource_prefix_lengths_;
    std::vector<std::size_t> always_;
    const std::vector<std::size_t>& groups_;
};

// The texts of a list's entries, compared as the list's elements are: actions without regard to case.
struct TextHash {
    bool ignore_case;
    std::size_t operator()(std::string_view text) const {
        std::uint64_t hash = 0xcbf29ce484222325ULL;  // FNV-1a
        for (char c : text) {
            hash ^= static_cast<unsigned char>(ignore_case ? ascii_lower(c) : c);
            hash *= 0x100000001b3ULL;
        }
        return static_cast<std::size_t>(hash);
    }
};
struct TextEqual {
    bool ignore_case;
    bool operator()(std::string_view a, std::string_view b) const {
        return ignore_case ? iequals(a, b) : a == b;
    }
};

// The first and the last entry of one text; next_same chains the others.
struct SameText {
    std::size_t first;
    std::size_t last;
};
constexpr std::size_t kNoEntry = std::numeric_limits<std::size_t>::max();

// Spreads work on each statement of a large policy over the threads the engine allows the rule: on a
// policy of 600,000 statements the rule took a quarter of the run's CPU, on one thread, and the other
// rules had long finished. Each range of statements reports to its own part, joined in order, so the
// findings are those of one thread, in the same order, for any count.
class Splitter {
public:
    Splitter(std::size_t statements, unsigned threads)
        : statements_(statements),
          threads_(statements >= kStatementsWorthThreads ? std::max(threads, 1U) : 1U),
          // Several ranges per thread, so that one slow range does not leave the others idle.
          ranges_(threads_ == 1 ? 1 : std::size_t{threads_} * kRangesPerThread) {}

    // Calls work(begin, end) for ranges of the statements that cover them all.
    template <class Work>
    void run(Work&& work) const {
        parallel_for_ranges(statements_, ranges_, threads_,
                            [&](std::size_t, std::size_t begin, std::size_t end) { work(begin, end); });
    }

    // Calls check(begin, end, part) for ranges of the statements that cover them all, and appends each
    // range's findings to `sink` in the order of the ranges. The statements go in waves, each wave's
    // findings appended before the next starts: the parts of all ranges at once would hold a second copy
    // of the findings (372,000 on the 600,000-statement policy, 200 MB more at the peak).
    template <class Check>
    void check(FindingSink& sink, Check&& check) const {
        if (ranges_ == 1) {
            check(std::size_t{0}, statements_, sink);
            return;
        }
        std::vector<std::vector<Finding>> parts(ranges_);
        for (std::size_t wave = 0; wave < kWaves; ++wave) {
            const std::size_t first = statements_ * wave / kWaves;
            const std::size_t last = statements_ * (wave + 1) / kWaves;
            parallel_for_ranges(last - first, ranges_, threads_,
                                [&](std::size_t range, std::size_t begin, std::size_t end) {
                                    FindingSink part = sink.part(parts[range]);
                                    check(first + begin, first + end, part);
                                });
            sink.append(parts);
        }
    }

    // Below this many statements one thread does it all: a thread costs more than it would save.
    static constexpr std::size_t kStatementsWorthThreads = 4096;

private:
    static constexpr std::size_t kRangesPerThread = 4;
    static constexpr std::size_t kWaves = 16;

    std::size_t statements_;
    unsigned threads_;
    std::size_t ranges_;
};

class RedundantElement final : public Rule {
public:
    const RuleMeta& meta() const override {
        static const RuleMeta meta{
            .id = "IAM210",
            .name = "redundant-element",
            .default_severity = Severity::Info,
            .summary = "An action, resource or statement already covered by another in the same policy",
            .description =
                "An action that another pattern of the same list already matches (s3:GetObject beside "
                "s3:Get*), a resource that another of the same statement already matches, or a whole "
                "statement that another with the same effect, principal and conditions already covers. "
                "It changes nothing today, but it hides what the policy grants and survives the removal "
                "of the broader entry by mistake.",
            .tags = kTags,
            .readme = embedded_readme("redundant-element"),
        };
        return meta;
    }

    void check(const RuleContext& context, FindingSink& sink) const override {
        const auto& statements = context.document.policy.statements;
        const Splitter split{statements.size(), context.threads};
        split.check(sink, [&](std::size_t begin, std::size_t end, FindingSink& part) {
            for (std::size_t i = begin; i < end; ++i) {
                check_list(statements[i].actions, "action", true, part);
                check_list(statements[i].resources, "resource", false, part);
            }
        });
        std::vector<PrincipalKey> principals(statements.size());
        std::vector<ConditionKey> conditions(statements.size());
        split.run([&](std::size_t begin, std::size_t end) {
            for (std::size_t i = begin; i < end; ++i) {
                principals[i] = principal_key(statements[i].principals);
                conditions[i] = condition_key(statements[i]);
            }
        });
        auto covers = [&](std::size_t i, std::size_t j) {
            const Statement& a = statements[i];
            const Statement& b = statements[j];
            return a.effect == b.effect && (a.effect == Effect::Allow || a.effect == Effect::Deny) &&
                   a.principals.present == b.principals.present &&
                   a.principals.negated == b.principals.negated && principals[i] == principals[j] &&
                   a.condition_block.has_value() == b.condition_block.has_value() &&
                   conditions[i] == conditions[j] && element_covers(a.actions, b.actions, true) &&
                   element_covers(a.resources, b.resources, false);
        };
        auto report = [&](std::size_t i, std::size_t j, FindingSink& part) {
            if (i == j || !covers(i, j) || (i > j && covers(j, i))) return false;
            const bool same = covers(j, i);
            auto& finding = part.report(
                statements[j].place,
                std::string(same ? "this statement repeats statement "
                                 : "this statement is covered by statement ") +
                    describe(statements[i]) + ": same effect, principal and conditions, and " +
                    (same ? "the same actions and resources" : "its actions and resources include these"),
                "remove this statement");
            part.add_related(finding, statements[i].place, "the statement that covers it");
            return true;
        };
        auto report_first_cover = [&](std::size_t j, FindingSink& part) {
            for (std::size_t i = 0; i < statements.size(); ++i) {
                if (report(i, j, part)) break;
            }
        };
        // A short policy compares every pair of statements, in the order of the index's candidates: the
        // groups and the index cost maps of strings per statement, more than the comparisons they save.
        constexpr std::size_t kStatementsWorthIndexing = 16;
        if (statements.size() < kStatementsWorthIndexing) {
            for (std::size_t j = 0; j < statements.size(); ++j) report_first_cover(j, sink);
            return;
        }
        // Statements grouped by what covers() requires to be equal.
        std::map<std::tuple<Effect, bool, bool, PrincipalKey, bool, ConditionKey>, std::size_t> group_ids;
        std::vector<std::size_t> groups;
        for (std::size_t i = 0; i < statements.size(); ++i) {
            const Statement& s = statements[i];
            auto key = std::make_tuple(s.effect, s.principals.present, s.principals.negated, principals[i],
                                       s.condition_block.has_value(), conditions[i]);
            groups.push_back(group_ids.try_emplace(std::move(key), group_ids.size()).first->second);
        }
        const CoverCandidates candidates(statements, groups);
        split.check(sink, [&](std::size_t begin, std::size_t end, FindingSink& part) {
            for (std::size_t j = begin; j < end; ++j) {
                if (CoverCandidates::indexed(statements[j])) {
                    candidates.for_each(j, statements[j], [&](std::size_t i) { return report(i, j, part); });
                } else {
                    report_first_cover(j, part);
                }
            }
        });
    }

private:
    static std::string describe(const Statement& statement) {
        std::string text = std::to_string(statement.index + 1);
        if (statement.sid && !statement.sid->text.empty())
            text += " (" + in_quotes(statement.sid->text) + ")";
        return text;
    }

    // Reports entry j of the list when entry i covers it (once for two entries that cover each other: on
    // the later one); true when reported.
    static bool report_covered(const std::vector<Entry>& entries, std::size_t i, std::size_t j,
                               std::string_view what, bool ignore_case, FindingSink& sink) {
        if (i == j || !entry_covers(entries[i], entries[j], ignore_case)) return false;
        const bool mutual = entry_covers(entries[j], entries[i], ignore_case);
        if (mutual && i > j) return false;
        const bool same = same_text(entries[i], entries[j], ignore_case);
        std::string message = in_quotes(entries[j].text) + " is ";
        if (same) {
            message += "listed twice in this " + std::string(what) + " list";
        } else if (mutual) {
            message += "the same " + std::string(what) + " pattern as " + in_quotes(entries[i].text);
        } else {
            message += "already covered by " + in_quotes(entries[i].text) + " in the same list";
        }
        auto& finding =
            sink.report(entries[j].place, std::move(message), "remove " + in_quotes(entries[j].text));
        sink.add_related(finding, entries[i].place,
                         same ? std::string("the first one") : in_quotes(entries[i].text) + " covers it");
        return true;
    }

    static void check_list(const EntryList& list, std::string_view what, bool ignore_case,
                           FindingSink& sink) {
        if (!list.present) return;
        const auto& entries = list.entries;
        // A short list compares every pair: the index below costs a hash map, a string per entry and
        // vectors, which was most of the rule's time on the 1,541 AWS managed policies, whose lists are
        // mostly short. The index leaves out only entries that cannot cover, so both report the same.
        constexpr std::size_t kEntriesWorthIndexing = 24;
        if (entries.size() < kEntriesWorthIndexing) {
            for (std::size_t j = 0; j < entries.size(); ++j) {
                for (std::size_t i = 0; i < entries.size(); ++i) {
                    // An entry without a wildcard covers only its own text: texts of different lengths
                    // are told apart by that, without matching one as a pattern against the other.
                    const Entry& general = entries[i];
                    if (general.text.size() != entries[j].text.size() && !general.computed &&
                        find_wildcard(general.text) == std::string::npos)
                        continue;
                    if (report_covered(entries, i, j, what, ignore_case, sink)) break;
                }
            }
            return;
        }
        // Only an entry with a wildcard covers a text other than its own, so each entry is compared with
        // those and with its equals: lists of a thousand actions stay linear.
        // A pattern whose text up to the service (an action's "s3:", an ARN's "arn:aws:s3:") has no
        // wildcard covers only texts that start the same: lists of many services' patterns ("ec2:Get*",
        // "s3:List*", ...) compare each entry with its own service's patterns and the wider ones.
        const std::size_t service_colons = ignore_case ? 1 : 3;
        // A view of the head, compared as the list's texts are (folded in the hash, not in a copy).
        auto service_key = [&](std::string_view text) {
            std::size_t end = 0;
            for (std::size_t colons = 0; colons < service_colons; ++colons) {
                end = text.find(':', end);
                if (end == std::string_view::npos) return std::string_view();
                ++end;
            }
            return text.substr(0, end);
        };
        const TextHash hash{ignore_case};
        const TextEqual equal{ignore_case};
        std::vector<std::size_t> wide_patterns;
        std::unordered_map<std::string_view, std::vector<std::size_t>, TextHash, TextEqual>
            patterns_by_service(0, hash, equal);
        // Entries of equal text, filed by a view of the text (case folded in the hash and the comparison
        // rather than in a copy) and chained in list order: a string and a vector per entry were most
        // of the rule's time on lists of distinct texts.
        std::unordered_map<std::string_view, SameText, TextHash, TextEqual> equals(entries.size(), hash,
                                                                                   equal);
        std::vector<std::size_t> next_same(entries.size(), kNoEntry);
        for (std::size_t i = 0; i < entries.size(); ++i) {
            auto [it, inserted] = equals.try_emplace(entries[i].text, SameText{i, i});
            if (!inserted) {
                next_same[it->second.last] = i;
                it->second.last = i;
            }
        }
        std::vector<std::size_t> same_texts;
        for (std::size_t i = 0; i < entries.size(); ++i) {
            if (!entries[i].computed && find_wildcard(entries[i].text) != std::string::npos) {
                const std::string_view key = service_key(entries[i].text);
                if (key.empty() || find_wildcard(key) != std::string::npos) {
                    wide_patterns.push_back(i);
                } else {
                    patterns_by_service[key].push_back(i);
                }
            }
        }
        const std::vector<std::size_t> no_patterns;
        std::vector<std::size_t> patterns;
        std::vector<std::size_t> candidates;
        for (std::size_t j = 0; j < entries.size(); ++j) {
            same_texts.clear();
            for (std::size_t i = equals.find(entries[j].text)->second.first; i != kNoEntry; i = next_same[i])
                same_texts.push_back(i);
            const auto own = patterns_by_service.find(service_key(entries[j].text));
            const auto& own_patterns = own == patterns_by_service.end() ? no_patterns : own->second;
            patterns.clear();
            std::set_union(wide_patterns.begin(), wide_patterns.end(), own_patterns.begin(),
                           own_patterns.end(), std::back_inserter(patterns));
            candidates.clear();
            std::set_union(patterns.begin(), patterns.end(), same_texts.begin(), same_texts.end(),
                           std::back_inserter(candidates));
            for (std::size_t i : candidates) {
                if (report_covered(entries, i, j, what, ignore_case, sink)) break;
            }
        }
    }
};

}  // namespace

const Rule& redundant_element() {
    static const RedundantElement rule;
    return rule;
}

}  // namespace iamlint::rules
