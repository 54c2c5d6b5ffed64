#include "../grammar_support.hpp"
#include "../rules.hpp"

namespace iamlint::rules {

namespace {

using namespace grammar;

constexpr std::string_view kTags[] = {"correctness"};

bool is_empty(const JsonValue& value) {
    if (value.computed) return false;
    switch (value.type) {
        case JsonType::String:
            return value.text.empty();
        case JsonType::Array:
            return value.items().empty();
        case JsonType::Object:
            return value.members().empty();
        default:
            return false;
    }
}

std::string_view empty_what(const JsonValue& value) {
    switch (value.type) {
        case JsonType::Array:
            return "an empty array";
        case JsonType::Object:
            return "an empty object";
        default:
            return "an empty string";
    }
}

class EmptyElement final : public Rule {
public:
    const RuleMeta& meta() const override {
        static const RuleMeta meta{
            .id = "IAM015",
            .name = "empty-element",
            .default_severity = Severity::Low,
            .summary = "An empty array, object or string where the policy needs a value",
            .description =
                "\"Action\": [], \"Resource\": \"\", \"Condition\": {} or an empty list of condition "
                "values says nothing: it is left over from an edit or a template whose variable came out "
                "empty, and the statement does not do what its author meant.",
            .tags = kTags,
            .readme = embedded_readme("empty-element"),
        };
        return meta;
    }

    void check(const RuleContext& context, FindingSink& sink) const override {
        const PolicyDocument& document = context.document;
        if (document.root == nullptr || !document.root->is_object()) return;
        const JsonValue& root = *document.root;
        const std::string base = document.root_pointer;
        if (const JsonMember* statement = find_member(root, "Statement");
            statement != nullptr && statement->value.is_array() && statement->value.items().empty()) {
            sink.report(value_place(*sink.document().source, statement->value,
                                    json_pointer_append(base, "Statement")),
                        "\"Statement\" is an empty array: the policy allows and denies nothing",
                        "add the policy's statements, or delete the policy");
        }
        if (const JsonMember* id = find_member(root, "Id"); id != nullptr && is_empty(id->value)) {
            sink.report(value_place(*sink.document().source, id->value, json_pointer_append(base, "Id")),
                        "\"Id\" is an empty string", "give the policy an identifier, or remove \"Id\"");
        }
        for (const auto& statement : statements_of(root, base)) {
            for (std::string_view name : {"Action", "NotAction", "Resource", "NotResource"}) {
                check_list(statement.value, name, statement.pointer, sink);
            }
            for (std::string_view name : {"Principal", "NotPrincipal"}) {
                check_principal(statement.value, name, statement.pointer, sink);
            }
            check_condition(statement.value, statement.pointer, sink);
        }
    }

private:
    // Action, NotAction, Resource, NotResource: the list, or one of its strings.
    static void check_list(const JsonValue& statement, std::string_view name, const std::string& pointer,
                           FindingSink& sink) {
        const JsonMember* member = find_member(statement, name);
        if (member == nullptr) return;
        const bool actions = name.ends_with("Action");
        const std::string element_pointer = json_pointer_append(pointer, name);
        const std::string fix = actions
                                    ? "name the actions, or remove the statement if it has none"
                                    : "name the resources in ARNs, or remove the statement if it has none";
        if (is_empty(member->value) && !member->value.is_object()) {
            sink.report(value_place(*sink.document().source, member->value, element_pointer),
                        in_quotes(name) + " is " + std::string(empty_what(member->value)) + ": it names no " +
                            (actions ? "action" : "resource"),
                        fix);
            return;
        }
        if (!member->value.is_array()) return;
        for (std::size_t i = 0; i < member->value.items().size(); ++i) {
            const JsonValue& item = member->value.items()[i];
            if (!item.is_string() || !is_empty(item)) continue;
            sink.report(
                value_place(*sink.document().source, item, json_pointer_append(element_pointer, i)),
                "an empty string in " + in_quotes(name) + " names no " + (actions ? "action" : "resource"),
                "remove the empty entry");
        }
    }

    // {}, "", or a principal type with no principal: {"AWS": []}, {"Service": ""}, {"AWS": ["", ...]}.
    static void check_principal(const JsonValue& statement, std::string_view name, const std::string& pointer,
                                FindingSink& sink) {
        const JsonMember* member = find_member(statement, name);
        if (member == nullptr) return;
        const std::string element_pointer = json_pointer_append(pointer, name);
        const std::string fix = "name the principals, or remove the statement if it has none";
        if (is_empty(member->value) && !member->value.is_array()) {
            sink.report(
                value_place(*sink.document().source, member->value, element_pointer),
                in_quotes(name) + " is " + std::string(empty_what(member->value)) + ": it names no principal",
                fix);
            return;
        }
        if (!member->value.is_object()) return;
        const JsonValue& principal = member->value;
        for (std::size_t i = 0; i < principal.members().size(); ++i) {
            if (principal.is_overridden(i)) continue;
            const JsonMember& typed = principal.members()[i];
            const std::string type_pointer = json_pointer_append(element_pointer, typed.key);
            if (is_empty(typed.value) && !typed.value.is_object()) {
                sink.report(
                    value_place(*sink.document().source, typed.value, type_pointer),
                    "the " + in_quotes(typed.key) + " principals are " + std::string(empty_what(typed.value)),
                    "name the principals, or remove " + in_quotes(typed.key));
                continue;
            }
            if (!typed.value.is_array()) continue;
            for (std::size_t k = 0; k < typed.value.items().size(); ++k) {
                const JsonValue& item = typed.value.items()[k];
                if (!item.is_string() || !is_empty(item)) continue;
                sink.report(
                    value_place(*sink.document().source, item, json_pointer_append(type_pointer, k)),
                    "an empty string in the " + in_quotes(typed.key) + " principals names no principal",
                    "remove the empty entry");
            }
        }
    }

    // {} as the block or as an operator's keys, [] as a key's values. An empty string is a real condition
    // value ("s3:prefix": "" is the bucket's top level) and is not reported.
    static void check_condition(const JsonValue& statement, const std::string& pointer, FindingSink& sink) {
        const JsonMember* member = find_member(statement, "Condition");
        if (member == nullptr || !member->value.is_object()) return;
        const std::string block_pointer = json_pointer_append(pointer, "Condition");
        const JsonValue& block = member->value;
        if (block.members().empty()) {
            sink.report(value_place(*sink.document().source, block, block_pointer),
                        "\"Condition\" is an empty object: it sets no condition",
                        "add the conditions, or remove \"Condition\"");
            return;
        }
        for (std::size_t i = 0; i < block.members().size(); ++i) {
            if (block.is_overridden(i)) continue;
            const JsonMember& op = block.members()[i];
            const std::string op_pointer = json_pointer_append(block_pointer, op.key);
            if (!op.value.is_object()) continue;
            if (op.value.members().empty()) {
                sink.report(value_place(*sink.document().source, op.value, op_pointer),
                            "the condition operator " + in_quotes(op.key) + " has no condition keys",
                            "add the condition keys, or remove " + in_quotes(op.key));
                continue;
            }
            for (std::size_t k = 0; k < op.value.members().size(); ++k) {
                if (op.value.is_overridden(k)) continue;
                const JsonMember& key = op.value.members()[k];
                if (!key.value.is_array() || !key.value.items().empty()) continue;
                sink.report(
                    value_place(*sink.document().source, key.value, json_pointer_append(op_pointer, key.key)),
                    "condition key " + in_quotes(key.key) + " has an empty list of values",
                    "list the values the key may take, or remove the condition");
            }
        }
    }
};

}  // namespace

const Rule& empty_element() {
    static const EmptyElement rule;
    return rule;
}

}  // namespace iamlint::rules
