#include <algorithm>
#include <iterator>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "../breadth_support.hpp"
#include "../rule_support.hpp"
#include "../rules.hpp"
#include "iamlint/ascii.hpp"

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
        for (const auto& statement : statements) {
            check_list(statement.actions, "action", true, sink);
            check_list(statement.resources, "resource", false, sink);
        }
        std::vector<PrincipalKey> principals;
        std::vector<ConditionKey> conditions;
        for (const auto& statement : statements) {
            principals.push_back(principal_key(statement.principals));
            conditions.push_back(condition_key(statement));
        }
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
        for (std::size_t j = 0; j < statements.size(); ++j) {
            for (std::size_t i = 0; i < statements.size(); ++i) {
                if (i == j || !covers(i, j) || (i > j && covers(j, i))) continue;
                const bool same = covers(j, i);
                auto& finding = sink.report(
                    statements[j].place,
                    std::string(same ? "this statement repeats statement "
                                     : "this statement is covered by statement ") +
                        describe(statements[i]) + ": same effect, principal and conditions, and " +
                        (same ? "the same actions and resources" : "its actions and resources include these"),
                    "remove this statement");
                sink.add_related(finding, statements[i].place, "the statement that covers it");
                break;
            }
        }
    }

private:
    static std::string describe(const Statement& statement) {
        std::string text = std::to_string(statement.index + 1);
        if (statement.sid && !statement.sid->text.empty())
            text += " (" + in_quotes(statement.sid->text) + ")";
        return text;
    }

    static void check_list(const EntryList& list, std::string_view what, bool ignore_case,
                           FindingSink& sink) {
        if (!list.present) return;
        const auto& entries = list.entries;
        // Only an entry with a wildcard covers a text other than its own, so each entry is compared with
        // those and with its equals: lists of a thousand actions stay linear.
        std::vector<std::size_t> patterns;
        std::unordered_map<std::string, std::vector<std::size_t>> equals;
        auto text_key = [&](const Entry& entry) { return ignore_case ? to_lower(entry.text) : entry.text; };
        for (std::size_t i = 0; i < entries.size(); ++i) {
            if (!entries[i].computed && entries[i].text.find_first_of("*?") != std::string::npos)
                patterns.push_back(i);
            equals[text_key(entries[i])].push_back(i);
        }
        std::vector<std::size_t> candidates;
        for (std::size_t j = 0; j < entries.size(); ++j) {
            const auto& same_texts = equals[text_key(entries[j])];
            candidates.clear();
            std::set_union(patterns.begin(), patterns.end(), same_texts.begin(), same_texts.end(),
                           std::back_inserter(candidates));
            for (std::size_t i : candidates) {
                if (i == j || !entry_covers(entries[i], entries[j], ignore_case)) continue;
                const bool mutual = entry_covers(entries[j], entries[i], ignore_case);
                if (mutual && i > j) continue;
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
                sink.add_related(
                    finding, entries[i].place,
                    same ? std::string("the first one") : in_quotes(entries[i].text) + " covers it");
                break;
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
