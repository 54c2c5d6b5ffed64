#include "../grammar_support.hpp"
#include "../rules.hpp"

namespace iamlint::rules {

namespace {

using namespace grammar;

constexpr std::string_view kTags[] = {"correctness"};

// The first "${...}" of the policy, in source order, where IAM would replace it: in Resource and
// NotResource entries and in condition values. Elsewhere "${" is never replaced, whatever the version.
std::optional<Place> first_policy_variable(const PolicyDocument& document) {
    std::optional<Place> first;
    const std::string& text = document.source->text();
    auto consider = [&](const Entry& entry) {
        if (entry.json_type != JsonType::String || entry.computed) return;
        const SourceSpan range = entry.place.range;
        if (first && first->range.offset < range.offset) return;
        // Searched in the source token itself, so that the range is exact whatever escapes it holds.
        const std::string_view token = std::string_view(text).substr(range.offset, range.length);
        const auto open = token.find("${");
        if (open == std::string_view::npos) return;
        const auto close = token.find('}', open + 2);
        if (close == std::string_view::npos) return;
        first = Place{SourceSpan(static_cast<std::uint32_t>(range.offset + open),
                                 static_cast<std::uint32_t>(close + 1 - open)),
                      entry.place.pointer};
    };
    for (const Statement& statement : document.policy.statements) {
        for (const Entry& resource : statement.resources.entries) consider(resource);
        for (const Condition& condition : statement.conditions) {
            for (const Entry& value : condition.values) consider(value);
        }
    }
    return first;
}

std::string excerpt(const PolicyDocument& document, const Place& place) {
    return std::string(
        std::string_view(document.source->text()).substr(place.range.offset, place.range.length));
}

class MissingVersion final : public Rule {
public:
    const RuleMeta& meta() const override {
        static const RuleMeta meta{
            .id = "IAM005",
            .name = "missing-version",
            .default_severity = Severity::Low,
            .summary =
                "No \"Version\": IAM reads the policy as version 2008-10-17, where policy variables "
                "are plain text",
            .description =
                "Without \"Version\" IAM applies the 2008-10-17 policy language, in which policy "
                "variables such as ${aws:username} are not replaced but compared as literal text. High "
                "when the policy uses such a variable under 2008-10-17, written or implied: the statement "
                "then never matches what it was meant to.",
            .tags = kTags,
            .readme = embedded_readme("missing-version"),
        };
        return meta;
    }

    void check(const RuleContext& context, FindingSink& sink) const override {
        const PolicyDocument& document = context.document;
        if (document.root == nullptr || !document.root->is_object()) return;
        const JsonValue& root = *document.root;
        const JsonMember* version = find_member(root, "Version");
        const std::string fix = "add \"Version\": \"2012-10-17\" at the top of the policy";
        if (version == nullptr) {
            // A miscased "version" is IAM006's to report, with the right name.
            if (find_case_variant(root, "Version") != nullptr) return;
            if (auto variable = first_policy_variable(document)) {
                sink.report(Severity::High, *variable,
                            "the policy has no \"Version\", so IAM reads it as 2008-10-17 and takes " +
                                excerpt(document, *variable) + " literally instead of as a policy variable",
                            fix);
                return;
            }
            sink.report(missing_element_place(*sink.document().source, root, document.root_pointer),
                        "the policy has no \"Version\": IAM reads it as 2008-10-17, without policy variables",
                        fix);
            return;
        }
        if (!version->value.is_string() || version->value.computed || version->value.text != kOldVersion)
            return;
        auto variable = first_policy_variable(document);
        if (!variable) return;
        // The fix is made on the Version, so that is where the finding points; the variable it breaks is
        // the related location.
        const SourceRange at = document.source->range(variable->range);
        Finding& finding = sink.report(
            Severity::High,
            value_place(*sink.document().source, version->value,
                        json_pointer_append(document.root_pointer, "Version")),
            "\"Version\": \"2008-10-17\" predates policy variables: " + excerpt(document, *variable) +
                " at " + std::to_string(at.line) + ":" + std::to_string(at.column) +
                " is compared as literal text, not replaced",
            "write \"Version\": \"2012-10-17\"");
        sink.add_related(finding, *variable, "taken literally under 2008-10-17");
    }
};

}  // namespace

const Rule& missing_version() {
    static const MissingVersion rule;
    return rule;
}

}  // namespace iamlint::rules
