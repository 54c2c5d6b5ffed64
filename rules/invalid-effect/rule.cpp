#include "../grammar_support.hpp"
#include "../rules.hpp"
#include "iamlint/ascii.hpp"

namespace iamlint::rules {

namespace {

using namespace grammar;

constexpr std::string_view kTags[] = {"correctness", "syntax"};

class InvalidEffect final : public Rule {
public:
    const RuleMeta& meta() const override {
        static const RuleMeta meta{
            .id = "IAM007",
            .name = "invalid-effect",
            .default_severity = Severity::High,
            .summary = "A statement without \"Effect\", or with one other than exactly \"Allow\" or \"Deny\"",
            .description =
                "Every statement needs \"Effect\": \"Allow\" or \"Effect\": \"Deny\", spelt exactly so. "
                "AWS rejects a statement without one or with another value (\"allow\", \"Permit\"), and "
                "whether the statement grants or forbids is then anyone's guess.",
            .tags = kTags,
            .readme = embedded_readme("invalid-effect"),
        };
        return meta;
    }

    void check(const RuleContext& context, FindingSink& sink) const override {
        const PolicyDocument& document = context.document;
        if (document.root == nullptr) return;
        for (const auto& statement : statements_of(*document.root, document.root_pointer)) {
            const JsonMember* effect = find_member(statement.value, "Effect");
            if (effect == nullptr) {
                // A miscased "effect" is IAM006's to report, with the right name.
                if (find_case_variant(statement.value, "Effect") != nullptr) continue;
                sink.report(
                    missing_element_place(*sink.document().source, statement.value, statement.pointer),
                    "the statement has no \"Effect\": AWS rejects it",
                    "add \"Effect\": \"Allow\" or \"Effect\": \"Deny\"");
                continue;
            }
            // Another JSON type is IAM003's; a computed value is known only at deployment.
            const JsonValue& value = effect->value;
            if (!value.is_string() || value.computed || value.text == "Allow" || value.text == "Deny")
                continue;
            const Place where =
                value_place(*sink.document().source, value, json_pointer_append(statement.pointer, "Effect"));
            for (std::string_view known : {"Allow", "Deny"}) {
                if (!iequals(value.text, known)) continue;
                sink.report(where,
                            "\"Effect\" \"" + value.text +
                                "\" is not an effect: it is case-sensitive; did you "
                                "mean \"" +
                                std::string(known) + "\"?",
                            "write \"Effect\": \"" + std::string(known) + "\"");
                break;
            }
            if (iequals(value.text, "Allow") || iequals(value.text, "Deny")) continue;
            sink.report(where,
                        value.text.empty()
                            ? std::string("\"Effect\" is empty: it must be \"Allow\" or \"Deny\"")
                            : "\"Effect\" must be \"Allow\" or \"Deny\", not \"" + value.text + "\"",
                        "write \"Effect\": \"Allow\" or \"Effect\": \"Deny\"");
        }
    }
};

}  // namespace

const Rule& invalid_effect() {
    static const InvalidEffect rule;
    return rule;
}

}  // namespace iamlint::rules
