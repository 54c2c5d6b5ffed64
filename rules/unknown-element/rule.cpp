#include <algorithm>

#include "../grammar_support.hpp"
#include "../rules.hpp"
#include "iamlint/ascii.hpp"

namespace iamlint::rules {

namespace {

using namespace grammar;

constexpr std::string_view kTags[] = {"correctness", "syntax"};

bool contains(std::span<const std::string_view> names, std::string_view key) {
    return std::find(names.begin(), names.end(), key) != names.end();
}

// "\"Version\", \"Id\" and \"Statement\""
std::string list_names(std::span<const std::string_view> names) {
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i > 0) out += i + 1 == names.size() ? " and " : ", ";
        out += in_quotes(names[i]);
    }
    return out;
}

// One level of a policy: the names IAM knows there, and those that belong to the other level.
struct Level {
    std::span<const std::string_view> known;
    std::string_view where;  // "at the top of a policy"
    std::span<const std::string_view> elsewhere;
    std::string_view elsewhere_is;  // "a statement element"
    std::string_view elsewhere_fix;
};

constexpr Level kTopLevel{kPolicyElements, "at the top of a policy", kStatementElements,
                          "a statement element", "move it into a statement of \"Statement\""};
constexpr Level kStatementLevel{kStatementElements, "in a statement", kPolicyElements,
                                "an element of the whole policy", "move it to the top of the policy"};

class UnknownElement final : public Rule {
public:
    const RuleMeta& meta() const override {
        static const RuleMeta meta{
            .id = "IAM006",
            .name = "unknown-element",
            .default_severity = Severity::High,
            .summary = "An element IAM does not know, or a known one spelled with the wrong case",
            .description =
                "IAM knows \"Version\", \"Id\" and \"Statement\" at the top of a policy, \"Sid\", "
                "\"Effect\", \"Principal\", \"NotPrincipal\", \"Action\", \"NotAction\", \"Resource\", "
                "\"NotResource\" and \"Condition\" in a statement, and the principal types \"AWS\", "
                "\"Service\", \"Federated\" and \"CanonicalUser\". Names are case-sensitive: AWS rejects a "
                "policy with \"action\" or \"Comment\", and a misspelt element is not what it was meant "
                "to be.",
            .tags = kTags,
            .readme = embedded_readme("unknown-element"),
        };
        return meta;
    }

    void check(const RuleContext& context, FindingSink& sink) const override {
        const PolicyDocument& document = context.document;
        if (document.root == nullptr || !document.root->is_object()) return;
        const std::string base = document.root_pointer;
        check_keys(*document.root, base, kTopLevel, sink);
        for (const auto& statement : statements_of(*document.root, base)) {
            check_keys(statement.value, statement.pointer, kStatementLevel, sink);
            for (std::string_view name : {"Principal", "NotPrincipal"}) {
                const JsonMember* principal = find_member(statement.value, name);
                if (principal == nullptr || !principal->value.is_object()) continue;
                check_principal_types(principal->value, json_pointer_append(statement.pointer, name), sink);
            }
        }
    }

private:
    static void check_keys(const JsonValue& object, const std::string& pointer, const Level& level,
                           FindingSink& sink) {
        for (std::size_t i = 0; i < object.members().size(); ++i) {
            if (object.is_overridden(i)) continue;  // each unknown key once, however often repeated
            const JsonMember& member = object.members()[i];
            if (contains(level.known, member.key)) continue;
            const Place where = key_place(member, pointer);
            const std::string key = in_quotes(member.key);
            const auto name = closest_name(member.key, level.known);
            const auto other = closest_name(member.key, level.elsewhere);
            // A name of this level in another case first, then one of the other level, then typos.
            if (name && iequals(*name, member.key)) {
                report_misspelt(member.key, *name, "element", where, sink);
            } else if (other && iequals(*other, member.key)) {
                std::string message = key + " is " + std::string(level.elsewhere_is) + ", not an element " +
                                      std::string(level.where);
                if (*other == "Id") message += " (a statement's identifier is \"Sid\")";
                sink.report(where, std::move(message), std::string(level.elsewhere_fix));
            } else if (name) {
                report_misspelt(member.key, *name, "element", where, sink);
            } else if (other) {
                sink.report(where,
                            "unknown element " + key + ": did you mean " + in_quotes(*other) + "? That is " +
                                std::string(level.elsewhere_is) + ", not an element " +
                                std::string(level.where),
                            std::string(level.elsewhere_fix));
            } else {
                sink.report(where,
                            "unknown element " + key + ": IAM knows only " + list_names(level.known) + " " +
                                std::string(level.where),
                            "remove it; AWS rejects a policy with an element it does not know");
            }
        }
    }

    static void check_principal_types(const JsonValue& principal, const std::string& pointer,
                                      FindingSink& sink) {
        for (std::size_t i = 0; i < principal.members().size(); ++i) {
            if (principal.is_overridden(i)) continue;
            const JsonMember& member = principal.members()[i];
            if (contains(kPrincipalTypes, member.key)) continue;
            const Place where = key_place(member, pointer);
            if (auto name = closest_name(member.key, kPrincipalTypes)) {
                report_misspelt(member.key, *name, "principal type", where, sink);
            } else {
                sink.report(where,
                            "unknown principal type " + in_quotes(member.key) + ": IAM knows only " +
                                list_names(kPrincipalTypes),
                            "use \"AWS\" for accounts, users and roles, \"Service\" for AWS services, "
                            "\"Federated\" for identity providers");
            }
        }
    }

    static void report_misspelt(std::string_view key, std::string_view name, std::string_view noun,
                                const Place& where, FindingSink& sink) {
        if (iequals(key, name)) {
            sink.report(where,
                        in_quotes(key) + " is not " + (noun == "element" ? "an " : "a ") + std::string(noun) +
                            ": names are case-sensitive; did you mean " + in_quotes(name) + "?",
                        "rename it " + in_quotes(name));
        } else {
            sink.report(where,
                        "unknown " + std::string(noun) + " " + in_quotes(key) + ": did you mean " +
                            in_quotes(name) + "?",
                        "rename it " + in_quotes(name));
        }
    }
};

}  // namespace

const Rule& unknown_element() {
    static const UnknownElement rule;
    return rule;
}

}  // namespace iamlint::rules
