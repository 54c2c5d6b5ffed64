#include <optional>
#include <string>
#include <vector>

#include "../kind_support.hpp"
#include "../rules.hpp"
#include "iamlint/ascii.hpp"

namespace iamlint::rules {

namespace {

constexpr std::string_view kTags[] = {"correctness", "grammar"};

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

bool has_space(std::string_view text) {
    for (char c : text) {
        if (is_space(c)) return true;
    }
    return false;
}

struct Problem {
    std::string message;
    std::string fix;
};

// What is wrong with the inside of one "${...}" where IAM substitutes variables; nullopt if nothing.
// The forms: a condition key "prefix:name" ("aws:username", "aws:PrincipalTag/team",
// "token.actions.githubusercontent.com:sub"), one of the escapes "*", "?" and "$", each optionally
// followed by a default value ", 'text'".
std::optional<Problem> judge(std::string_view inner) {
    const std::string shown = kinds::quoted("${" + std::string(inner) + "}");
    if (inner.empty()) {
        return Problem{"empty policy variable \"${}\"",
                       "name a condition key inside it, such as ${aws:username}"};
    }
    std::string_view name = inner;
    if (auto comma = inner.find(','); comma != std::string_view::npos) {
        name = inner.substr(0, comma);
        std::string_view fallback = inner.substr(comma + 1);
        if (!fallback.empty() && fallback.front() == ' ') fallback.remove_prefix(1);
        if (fallback.empty() || fallback.front() != '\'') {
            return Problem{"the default value of " + shown + " is not in single quotes",
                           "write the default as ${" + std::string(name) + ", 'value'}"};
        }
        if (fallback.size() < 2 || fallback.back() != '\'' ||
            fallback.substr(1, fallback.size() - 2).find('\'') != std::string_view::npos) {
            return Problem{"the default value of " + shown + " misses its closing quote or has a stray one",
                           "write the default as ${" + std::string(name) + ", 'value'}"};
        }
    }
    if (name == "*" || name == "?" || name == "$") return std::nullopt;
    // Tag keys may hold spaces ("aws:PrincipalTag/cost center"); the key around them may not.
    const std::string_view before_tag = name.substr(0, name.find('/'));
    if (is_space(name.front()) || is_space(name.back()) || has_space(before_tag)) {
        return Problem{
            "policy variable " + shown + " has spaces around or inside its key: IAM does not trim them",
            "remove the spaces: ${aws:username}"};
    }
    if (istarts_with(name, "AWS::")) {
        return Problem{shown +
                           " is a CloudFormation pseudo parameter, not a policy variable: IAM leaves it "
                           "as literal text",
                       "substitute it before deployment (Fn::Sub), or use a policy variable such as "
                       "${aws:PrincipalAccount}"};
    }
    const auto colon = name.find(':');
    if (colon == std::string_view::npos) {
        return Problem{shown +
                           " is not a policy variable (no \"prefix:key\"): it looks like a template "
                           "placeholder that was never filled in",
                       "substitute it before deployment, or name a condition key such as ${aws:username}"};
    }
    if (colon == 0 || colon + 1 == name.size() || name[colon + 1] == ':') {
        return Problem{shown + " is not a condition key of the form \"prefix:key\"",
                       "name a condition key, such as ${aws:username} or ${aws:PrincipalTag/team}"};
    }
    return std::nullopt;
}

// Where IAM substitutes variables: Resource/NotResource, and condition values of string and ARN
// operators. Elsewhere "${" stays literal text.
enum class Element { Substituting, Literal };

// Condition operators whose values take variables; nullopt for an operator iamlint does not know
// (IAM105's business), which is left alone.
std::optional<Element> element_of(const ConditionOperator& op) {
    const std::string_view base = op.base;
    if (istarts_with(base, "String") || istarts_with(base, "Arn")) return Element::Substituting;
    for (std::string_view literal :
         {"Numeric", "Date", "Bool", "Binary", "IpAddress", "NotIpAddress", "Null"}) {
        if (istarts_with(base, literal)) return Element::Literal;
    }
    return std::nullopt;
}

class InvalidPolicyVariable final : public Rule {
public:
    const RuleMeta& meta() const override {
        static const RuleMeta meta{
            .id = "IAM013",
            .name = "invalid-policy-variable",
            .default_severity = Severity::High,
            .summary =
                "A ${...} policy variable that is malformed, or in an element where IAM does not "
                "substitute variables",
            .description =
                "A variable with a missing brace or quote, spaces, an empty or unknown name, or an "
                "unfilled template placeholder never matches what was meant; in Action, Principal, "
                "condition keys and non-string conditions IAM does not substitute variables at all.",
            .tags = kTags,
            .readme = embedded_readme("invalid-policy-variable"),
        };
        return meta;
    }

    void check(const RuleContext& context, FindingSink& sink) const override {
        const PolicyDocument& document = context.document;
        Problems problems;
        // Without Version 2012-10-17, "${...}" is literal text: IAM005 reports that.
        const auto& version = document.policy.version;
        if (!version || version->json_type != JsonType::String || version->text != "2012-10-17") return;
        for (const auto& statement : document.policy.statements) {
            const std::string_view resource_key = statement.resources.negated ? "NotResource" : "Resource";
            for (const auto& entry : statement.resources.entries)
                check(document, entry, kinds::quoted(resource_key), Element::Substituting, problems);
            const std::string_view action_key = statement.actions.negated ? "NotAction" : "Action";
            for (const auto& entry : statement.actions.entries)
                check(document, entry, kinds::quoted(action_key), Element::Literal, problems);
            const std::string_view principal_key =
                statement.principals.negated ? "NotPrincipal" : "Principal";
            for (const auto& principal : statement.principals.entries) {
                check(document, principal.value, kinds::quoted(principal_key), Element::Literal, problems);
            }
            for (const auto& condition : statement.conditions) {
                const Entry key{condition.key, JsonType::String, condition.key_place, condition.key_computed};
                check(document, key, "a condition key", Element::Literal, problems);
                auto element = element_of(condition.op);
                if (!element) continue;
                const std::string where = "a " + condition.op.raw + " condition";
                for (const auto& value : condition.values) check(document, value, where, *element, problems);
            }
        }
        problems.report(sink);
    }

private:
    // The same variable with the same problem, wherever the policy repeats it, is one finding: at its
    // first place, with the others as related locations (a template that pastes one placeholder into
    // 64 ARNs has one thing to fix).
    class Problems {
    public:
        void add(const Place& place, std::string message, std::string fix) {
            for (auto& problem : problems_) {
                if (problem.message == message) {
                    problem.repeats.push_back(place);
                    return;
                }
            }
            problems_.push_back({place, std::move(message), std::move(fix), {}});
        }
        void report(FindingSink& sink) {
            for (auto& problem : problems_) {
                if (!problem.repeats.empty()) {
                    const std::size_t more = problem.repeats.size();
                    problem.message += " (and " + std::to_string(more) + " more time" +
                                       (more == 1 ? "" : "s") + " in this policy)";
                }
                auto& finding =
                    sink.report(problem.place, std::move(problem.message), std::move(problem.fix));
                for (const Place& place : problem.repeats)
                    sink.add_related(finding, place, "the same variable");
            }
        }

    private:
        struct Problem {
            Place place;
            std::string message;
            std::string fix;
            std::vector<Place> repeats;
        };
        std::vector<Problem> problems_;
    };

    // `where` names the element for messages: "\"Action\"", "a condition key".
    static void check(const PolicyDocument& document, const Entry& entry, std::string_view where,
                      Element element, Problems& problems) {
        if (entry.computed || entry.json_type != JsonType::String) return;
        const std::string& text = entry.text;
        std::size_t at = text.find("${");
        while (at != std::string::npos) {
            const std::size_t close = text.find('}', at + 2);
            const std::size_t next = text.find("${", at + 2);
            if (close == std::string::npos || (next != std::string::npos && next < close)) {
                const std::size_t end = text.find_first_of(" \t\r\n", at);
                problems.add(kinds::part_of(document, entry, at, 2),
                             "policy variable \"" +
                                 text.substr(at, end == std::string::npos ? end : end - at) +
                                 "\" has no closing \"}\"",
                             "add the missing \"}\" after the key, as in ${aws:username}");
                at = next;
                continue;
            }
            const std::size_t length = close + 1 - at;
            const std::string variable = text.substr(at, length);
            if (element == Element::Literal) {
                problems.add(kinds::part_of(document, entry, at, length),
                             "IAM does not substitute policy variables in " + std::string(where) + ": \"" +
                                 variable + "\" stays literal text",
                             "write the value itself; variables work only in Resource and in string or ARN "
                             "condition values");
            } else if (auto problem = judge(std::string_view(text).substr(at + 2, length - 3))) {
                problems.add(kinds::part_of(document, entry, at, length), std::move(problem->message),
                             std::move(problem->fix));
            }
            at = text.find("${", close + 1);
        }
    }
};

}  // namespace

const Rule& invalid_policy_variable() {
    static const InvalidPolicyVariable rule;
    return rule;
}

}  // namespace iamlint::rules
