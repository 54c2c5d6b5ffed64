#include <array>
#include <optional>

#include "../rules.hpp"

namespace iamlint::rules {

namespace {

constexpr std::string_view kTags[] = {"correctness", "conditions"};

struct LikeForm {
    std::string_view equals;  // the operator as written, without ForAnyValue:/ForAllValues:/IfExists
    std::string_view like;    // the operator that reads * and ? as wildcards
    bool wildcards_work;      // ArnEquals already matches like ArnLike: only its name misleads
};

constexpr std::array<LikeForm, 6> kLikeForms = {{
    {"StringEquals", "StringLike", false},
    {"StringNotEquals", "StringNotLike", false},
    {"StringEqualsIgnoreCase", "StringLike", false},
    {"StringNotEqualsIgnoreCase", "StringNotLike", false},
    {"ArnEquals", "ArnLike", true},
    {"ArnNotEquals", "ArnNotLike", true},
}};

std::optional<LikeForm> like_form(const ConditionOperator& op) {
    for (const LikeForm& form : kLikeForms) {
        if (op.base == form.equals) return form;  // operators are case-sensitive: others are IAM105's
    }
    return std::nullopt;
}

// The operator as written with its base replaced: "ForAnyValue:StringEqualsIfExists" ->
// "ForAnyValue:StringLikeIfExists".
std::string with_base(const ConditionOperator& op, std::string_view base) {
    const std::size_t suffix = op.if_exists ? std::string_view("IfExists").size() : 0;
    const std::size_t prefix = op.raw.size() - suffix - op.base.size();
    std::string text = op.raw.substr(0, prefix);
    text += base;
    text += op.raw.substr(op.raw.size() - suffix);
    return text;
}

// A '*' or '?' outside policy variables: "${*}" and "${?}" are IAM's way to write them literally, and
// no other variable name holds one.
bool has_wildcard_outside_variables(std::string_view value) {
    for (std::size_t i = 0; i < value.size(); ++i) {
        if (value.substr(i, 2) == "${") {
            const std::size_t close = value.find('}', i + 2);
            if (close != std::string_view::npos) {
                i = close;
                continue;
            }
        }
        if (value[i] == '*' || value[i] == '?') return true;
    }
    return false;
}

class WildcardWithoutLikeOperator final : public Rule {
public:
    const RuleMeta& meta() const override {
        static const RuleMeta meta{
            .id = "IAM109",
            .name = "wildcard-without-like-operator",
            .default_severity = Severity::Medium,
            .summary = "A `*` or `?` in a value under StringEquals or ArnEquals (use the Like form)",
            .description =
                "StringEquals, StringNotEquals and their IgnoreCase forms compare `*` and `?` as plain "
                "characters: \"home/*\" matches only the text \"home/*\", so an Allow never applies and a "
                "Deny never denies. StringLike reads them as wildcards. ArnEquals does match wildcards, "
                "exactly as ArnLike does, but reads as an exact match (low).",
            .tags = kTags,
            .readme = embedded_readme("wildcard-without-like-operator"),
        };
        return meta;
    }

    void check(const RuleContext& context, FindingSink& sink) const override {
        for (const auto& statement : context.document.policy.statements) {
            for (const auto& condition : statement.conditions) {
                const auto form = like_form(condition.op);
                if (!form) continue;
                const std::string like = with_base(condition.op, form->like);
                for (const auto& value : condition.values) {
                    // A value known only at deployment is no wildcard; numbers and booleans hold none.
                    if (value.computed || value.json_type != JsonType::String ||
                        !has_wildcard_outside_variables(value.text)) {
                        continue;
                    }
                    report(*form, condition, value, like, sink);
                }
            }
        }
    }

private:
    static void report(const LikeForm& form, const Condition& condition, const Entry& value,
                       const std::string& like, FindingSink& sink) {
        std::string message = "\"";
        message += value.text;
        message += "\" under ";
        message += condition.op.raw;
        if (form.wildcards_work) {
            message += " is matched as a pattern, as under ";
            message += like;
            message += ", but the operator's name says exact match";
            sink.report(Severity::Low, value.place, std::move(message),
                        "write " + like + ", which says what the condition does");
            return;
        }
        message += " is compared literally: its * and ? are not wildcards, so \"";
        message += condition.key;
        message += "\" matches only that exact text";
        std::string fix = "write " + like + " to match a pattern";
        if (form.equals.ends_with("IgnoreCase")) fix += " (it is case-sensitive: list each casing meant)";
        fix += ", or ${*} and ${?} for a literal * and ?";
        sink.report(Severity::Medium, value.place, std::move(message), std::move(fix));
    }
};

}  // namespace

const Rule& wildcard_without_like_operator() {
    static const WildcardWithoutLikeOperator rule;
    return rule;
}

}  // namespace iamlint::rules
