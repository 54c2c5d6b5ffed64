#include "../grammar_support.hpp"
#include "../rules.hpp"

namespace iamlint::rules {

namespace {

using namespace grammar;

constexpr std::string_view kTags[] = {"correctness", "syntax"};

class InvalidActionElement final : public Rule {
public:
    const RuleMeta& meta() const override {
        static const RuleMeta meta{
            .id = "IAM008",
            .name = "invalid-action-element",
            .default_severity = Severity::High,
            .summary = "A statement with neither or both of \"Action\" and \"NotAction\"",
            .description =
                "Each statement names the actions it covers with exactly one of \"Action\" (these "
                "actions) or \"NotAction\" (every action but these). AWS rejects a statement with neither "
                "or with both; with both, tools disagree on which one counts.",
            .tags = kTags,
            .readme = embedded_readme("invalid-action-element"),
        };
        return meta;
    }

    void check(const RuleContext& context, FindingSink& sink) const override {
        const PolicyDocument& document = context.document;
        if (document.root == nullptr) return;
        for (const auto& statement : statements_of(*document.root, document.root_pointer)) {
            const JsonMember* action = find_member(statement.value, "Action");
            const JsonMember* not_action = find_member(statement.value, "NotAction");
            if (action != nullptr && not_action != nullptr) {
                // The model takes the first in the source, so the second is the one that is ignored.
                const bool action_first = action->key_range.offset < not_action->key_range.offset;
                const JsonMember& first = action_first ? *action : *not_action;
                const JsonMember& second = action_first ? *not_action : *action;
                const SourceRange first_at = context.document.source->range(first.key_range);
                Finding& finding =
                    sink.report(key_place(second, statement.pointer),
                                "the statement has both \"" + first.key + "\" and \"" + second.key +
                                    "\": AWS rejects it, and iamlint's other rules read only the first, at " +
                                    std::to_string(first_at.line) + ":" + std::to_string(first_at.column),
                                "keep one of them, or split the statement in two");
                sink.add_related(finding, key_place(first, statement.pointer),
                                 "\"" + first.key + "\" is here");
            } else if (action == nullptr && not_action == nullptr) {
                // A miscased "action" is IAM006's to report, with the right name.
                if (find_case_variant(statement.value, "Action") != nullptr ||
                    find_case_variant(statement.value, "NotAction") != nullptr) {
                    continue;
                }
                sink.report(
                    missing_element_place(*sink.document().source, statement.value, statement.pointer),
                    "the statement has neither \"Action\" nor \"NotAction\": AWS rejects it",
                    "add \"Action\" with the actions the statement allows or denies");
            }
        }
    }
};

}  // namespace

const Rule& invalid_action_element() {
    static const InvalidActionElement rule;
    return rule;
}

}  // namespace iamlint::rules
