#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "../condition_support.hpp"
#include "../rule_support.hpp"
#include "../rules.hpp"
#include "iamlint/wildcards.hpp"

namespace iamlint::rules {

namespace {

constexpr std::string_view kTags[] = {"validity", "conditions", "abac"};

enum class TagKeyKind { ResourceTag, RequestTag };

// The global tag keys of attribute-based access control. Service spellings (ec2:ResourceTag/...) are
// left to IAM107: the catalog's per-action lists of them are known to miss keys that work.
std::optional<TagKeyKind> tag_key_kind(std::string_view key) {
    if (istarts_with(key, "aws:ResourceTag/")) return TagKeyKind::ResourceTag;
    if (istarts_with(key, "aws:RequestTag/") || iequals(key, "aws:TagKeys")) return TagKeyKind::RequestTag;
    return std::nullopt;
}

bool has_wildcard(std::string_view text) {
    return find_wildcard(text) != std::string_view::npos;
}

// The actions of an Action list that the key never reaches: a literal action that does not list it, and
// every action of a wildcard pattern none of whose actions lists it. A pattern some of whose actions
// list the key is not judged (IAM Access Analyzer skips wildcards too), nor is "*".
std::vector<std::string> unsupported_in_list(const Statement& statement, const Catalog& catalog,
                                             std::string_view key, std::vector<const Place*>& places) {
    std::vector<std::string> names;
    for (const Entry& entry : statement.actions.entries) {
        if (entry.computed || is_all_actions(entry.text)) continue;
        const Catalog::ActionList actions = catalog.matching_actions(entry.text);
        const std::vector<const Action*>& matched = *actions;
        if (matched.empty()) continue;  // unknown actions are IAM101/IAM102's
        if (std::any_of(matched.begin(), matched.end(),
                        [&](const Action* action) { return action_lists_key(*action, key); }))
            continue;
        names.push_back(has_wildcard(entry.text) ? entry.text : qualified_name(*matched.front()));
        places.push_back(&entry.place);
    }
    return names;
}

// The services with an action outside the NotAction list that the key never reaches.
std::vector<std::string> unsupported_outside(const Statement& statement, const Catalog& catalog,
                                             std::string_view key) {
    std::vector<std::string> prefixes;
    for (const Entry& entry : statement.actions.entries)
        if (entry.computed || is_all_actions(entry.text)) return {};
    for (const Service& service : catalog.services()) {
        for (const Action& action : service.actions) {
            const std::string name = qualified_name(action);
            const bool excluded =
                std::any_of(statement.actions.entries.begin(), statement.actions.entries.end(),
                            [&](const Entry& entry) { return wildcard_match_ci(entry.text, name); });
            if (excluded || action_lists_key(action, key)) continue;
            prefixes.emplace_back(service.prefix);
            break;
        }
    }
    return prefixes;
}

std::string list_names(const std::vector<std::string>& names, std::size_t shown = 3) {
    std::string text;
    const std::size_t listed = std::min(names.size(), shown);
    for (std::size_t i = 0; i < listed; ++i) {
        if (i > 0) text += (i + 1 == listed && names.size() == listed) ? " and " : ", ";
        text += names[i];
    }
    if (names.size() > listed) text += " and " + std::to_string(names.size() - listed) + " more";
    return text;
}

// How bad a fixed outcome is. A condition that never holds takes the statement off those actions: a
// Deny on resource tags then has a hole in its guardrail, a Deny on request tags only stops tagging that
// the actions do not do, an Allow grants nothing. A condition on resource tags that always holds no
// longer restricts: an Allow then grants on resources of any tag, a Deny denies more than meant.
Severity severity_of(bool allow, bool holds, TagKeyKind kind) {
    if (holds) return allow ? Severity::Medium : Severity::Low;
    if (allow) return Severity::Low;
    return kind == TagKeyKind::ResourceTag ? Severity::High : Severity::Medium;
}

std::string outcome_text(bool allow, bool holds, bool one) {
    const std::string them = one ? "it" : "them";
    if (holds)
        return "the condition holds for " + them + " whatever the tags, so it does not restrict the " +
               (allow ? "Allow" : "Deny");
    return allow ? "the Allow never grants " + them : "the Deny never denies " + them;
}

struct TagCondition {
    const Condition* condition;
    TagKeyKind kind;
    bool holds;  // what it evaluates to when the request does not carry the key
};

class UnsupportedTagConditionKey final : public Rule {
public:
    const RuleMeta& meta() const override {
        static const RuleMeta meta{
            .id = "IAM118",
            .name = "unsupported-tag-condition-key",
            .default_severity = Severity::High,
            .summary =
                "A tag condition key (aws:ResourceTag, aws:RequestTag, aws:TagKeys) on actions that "
                "do not support it",
            .description =
                "A tag key is in the request context only for the actions that list it, with the action "
                "or its resource types, in the Service Authorization Reference. For the others the "
                "condition has a fixed outcome: a Deny on aws:ResourceTag never denies them (a hole in a "
                "tag guardrail), an Allow never grants them, and a negated or IfExists condition on "
                "aws:ResourceTag holds whatever the tags.",
            .tags = kTags,
            .readme = embedded_readme("unsupported-tag-condition-key"),
        };
        return meta;
    }

    void check(const RuleContext& context, FindingSink& sink) const override {
        for (const auto& statement : context.document.policy.statements) {
            if (!statement.actions.present || statement.conditions.empty()) continue;
            if (statement.effect != Effect::Allow && statement.effect != Effect::Deny) continue;
            std::vector<TagCondition> tags;
            for (const auto& condition : statement.conditions) {
                const auto kind = tag_key_kind(condition.key);
                if (!kind) continue;
                const std::optional<bool> holds =
                    holds_without_key(condition, check_condition_operator(condition.op.raw));
                // A request-tag condition that holds without the key is vacuous where no tags can be
                // passed, which is what it means: "if tags are passed, they must ...".
                if (!holds || (*holds && *kind == TagKeyKind::RequestTag)) continue;
                tags.push_back({&condition, *kind, *holds});
            }
            if (tags.empty()) continue;
            if (statement.actions.negated) {
                for (const TagCondition& tag : tags) check_not_action(context, statement, tag, sink);
            } else {
                check_action_list(context, statement, tags, sink);
            }
        }
    }

private:
    static void check_not_action(const RuleContext& context, const Statement& statement,
                                 const TagCondition& tag, FindingSink& sink) {
        const bool allow = statement.is_allow();
        const std::string& key = tag.condition->key;
        const auto prefixes = unsupported_outside(statement, context.catalog, key);
        if (prefixes.empty()) return;
        Finding& finding = sink.report(severity_of(allow, tag.holds, tag.kind), tag.condition->key_place,
                                       std::string(allow ? "Allow" : "Deny") + " with NotAction tests " +
                                           key + ", which actions of " + std::to_string(prefixes.size()) +
                                           " services outside the list (" + list_names(prefixes) +
                                           ") do not support: " + outcome_text(allow, tag.holds, false),
                                       "list the actions in \"Action\" instead of NotAction, and keep " +
                                           key + " for those that support it");
        sink.add_related(finding, statement.actions.key, "the NotAction element");
    }

    // Conditions that never hold are reported first: the statement does not apply to their actions at
    // all, so what the other conditions do there does not matter.
    static void check_action_list(const RuleContext& context, const Statement& statement,
                                  const std::vector<TagCondition>& tags, FindingSink& sink) {
        std::vector<std::string> off_statement;
        for (const bool holds : {false, true}) {
            for (const TagCondition& tag : tags) {
                if (tag.holds != holds) continue;
                std::vector<const Place*> places;
                auto names = unsupported_in_list(statement, context.catalog, tag.condition->key, places);
                std::vector<const Place*> kept_places;
                std::vector<std::string> kept;
                for (std::size_t i = 0; i < names.size(); ++i) {
                    if (holds && std::find(off_statement.begin(), off_statement.end(), names[i]) !=
                                     off_statement.end())
                        continue;
                    kept.push_back(names[i]);
                    kept_places.push_back(places[i]);
                }
                if (kept.empty()) continue;
                if (!holds) off_statement.insert(off_statement.end(), kept.begin(), kept.end());
                report(statement, tag, kept, kept_places, sink);
            }
        }
    }

    static void report(const Statement& statement, const TagCondition& tag,
                       const std::vector<std::string>& names, const std::vector<const Place*>& places,
                       FindingSink& sink) {
        const bool allow = statement.is_allow();
        const std::string& key = tag.condition->key;
        Finding& finding = sink.report(
            severity_of(allow, tag.holds, tag.kind), tag.condition->key_place,
            list_names(names) + (names.size() == 1 ? " does" : " do") + " not support " + key +
                " (the Service Authorization Reference lists it neither with the action nor with its "
                "resource "
                "types), so the request never carries it: " +
                outcome_text(allow, tag.holds, names.size() == 1),
            "move these actions to a statement without " + key + ", scoped by resource ARNs instead of tags");
        for (const Place* place : places) sink.add_related(finding, *place, "an action without " + key);
    }
};

}  // namespace

const Rule& unsupported_tag_condition_key() {
    static const UnsupportedTagConditionKey rule;
    return rule;
}

}  // namespace iamlint::rules
