#include <unordered_map>

#include "../rules.hpp"
#include "iamlint/ascii.hpp"

namespace iamlint::rules {

namespace {

constexpr std::string_view kTags[] = {"correctness", "syntax"};

class DuplicateKey final : public Rule {
public:
    const RuleMeta& meta() const override {
        static const RuleMeta meta{
            .id = "IAM002",
            .name = "duplicate-key",
            .default_severity = Severity::High,
            .summary = "The same key appears twice in one JSON object",
            .description =
                "JSON parsers keep only one of two equal keys, and which one differs between tools: "
                "the policy AWS stores may not be the one you reviewed. Condition keys are "
                "case-insensitive in IAM, so two keys that differ only in case collide too.",
            .tags = kTags,
            .readme = embedded_readme("duplicate-key"),
        };
        return meta;
    }

    void check(const RuleContext& context, FindingSink& sink) const override {
        for (const auto& duplicate : context.document.syntax->duplicate_keys) {
            const SourceRange first = context.document.source->range(duplicate.first);
            Finding& finding =
                sink.report(Place{duplicate.duplicate, duplicate.pointer},
                            "duplicate key \"" + duplicate.key +
                                "\": most JSON parsers keep only the last one and drop the "
                                "first, at " +
                                std::to_string(first.line) + ":" + std::to_string(first.column),
                            "merge the two \"" + duplicate.key + "\" entries into one");
            sink.add_related(finding, Place{duplicate.first, duplicate.pointer},
                             "first \"" + duplicate.key + "\" is here");
        }
        for (const auto& statement : context.document.policy.statements)
            check_condition_keys(statement, sink);
    }

private:
    // Exact duplicates are already reported from the JSON; here only keys equal but for case.
    static void check_condition_keys(const Statement& statement, FindingSink& sink) {
        // Keyed by operator and lower-cased key; the first of each stays the one reported against.
        std::unordered_map<std::string, const Condition*> first_of;
        for (const Condition& later : statement.conditions) {
            auto [it, inserted] = first_of.try_emplace(later.op.raw + '\n' + to_lower(later.key), &later);
            const Condition& first = *it->second;
            if (inserted || first.key == later.key) continue;
            Finding& finding =
                sink.report(later.key_place,
                            "condition key \"" + later.key + "\" repeats \"" + first.key +
                                "\" under the same operator: IAM condition keys are case-insensitive",
                            "merge the values of both keys under one \"" + first.key + "\"");
            sink.add_related(finding, first.key_place, "\"" + first.key + "\" is here");
        }
    }
};

}  // namespace

const Rule& duplicate_key() {
    static const DuplicateKey rule;
    return rule;
}

}  // namespace iamlint::rules
