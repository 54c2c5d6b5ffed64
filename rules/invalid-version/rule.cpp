#include "../grammar_support.hpp"
#include "../rules.hpp"

namespace iamlint::rules {

namespace {

using namespace grammar;

constexpr std::string_view kTags[] = {"correctness", "syntax"};

class InvalidVersion final : public Rule {
public:
    const RuleMeta& meta() const override {
        static const RuleMeta meta{
            .id = "IAM004",
            .name = "invalid-version",
            .default_severity = Severity::High,
            .summary = "\"Version\" is neither \"2012-10-17\" nor \"2008-10-17\"",
            .description =
                "\"Version\" names the version of IAM's policy language, not of the policy: IAM knows "
                "only \"2012-10-17\" (current) and \"2008-10-17\", and rejects a policy with any other "
                "value, a date of your own included.",
            .tags = kTags,
            .readme = embedded_readme("invalid-version"),
        };
        return meta;
    }

    void check(const RuleContext& context, FindingSink& sink) const override {
        const PolicyDocument& document = context.document;
        if (document.root == nullptr) return;
        const JsonMember* version = find_member(*document.root, "Version");
        // Another JSON type is IAM003's; a computed value is known only at deployment.
        if (version == nullptr || !version->value.is_string() || version->value.computed) return;
        const CompactString& text = version->value.text;
        if (text == kCurrentVersion || text == kOldVersion) return;
        const Place where = value_place(*sink.document().source, version->value,
                                        json_pointer_append(document.root_pointer, "Version"));
        const std::string fix = "write \"Version\": \"2012-10-17\"";
        const std::string_view meant = text.find(kCurrentVersion) != std::string::npos ? kCurrentVersion
                                       : text.find(kOldVersion) != std::string::npos   ? kOldVersion
                                                                                       : std::string_view();
        if (text.empty()) {
            sink.report(where, "\"Version\" is empty: IAM knows only \"2012-10-17\" and \"2008-10-17\"", fix);
        } else if (!meant.empty()) {
            sink.report(where,
                        "\"Version\" holds \"" + std::string(meant) +
                            "\" with other characters around it (spaces, invisible ones): IAM compares the "
                            "value exactly",
                        "write exactly \"Version\": \"" + std::string(meant) + "\"");
        } else {
            sink.report(where,
                        "\"Version\" \"" + text +
                            "\" is not a version of IAM's policy language: IAM knows only \"2012-10-17\" "
                            "and \"2008-10-17\"",
                        fix + " (the language version, not the date of your policy)");
        }
    }
};

}  // namespace

const Rule& invalid_version() {
    static const InvalidVersion rule;
    return rule;
}

}  // namespace iamlint::rules
