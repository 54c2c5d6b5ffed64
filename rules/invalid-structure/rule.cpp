#include "../grammar_support.hpp"
#include "../rules.hpp"

namespace iamlint::rules {

namespace {

using namespace grammar;

constexpr std::string_view kTags[] = {"correctness", "syntax"};

// Principal type values may be numbers: an account id written without quotes, as YAML templates do.
bool is_principal_id(const JsonValue& value) {
    return value.is_string() || value.type == JsonType::Number;
}

// Condition values may be strings, numbers or booleans: AWS takes `true` and `10` as "true" and "10".
bool is_condition_value(const JsonValue& value) {
    return value.is_string() || value.type == JsonType::Number || value.type == JsonType::Boolean;
}

class InvalidStructure final : public Rule {
public:
    const RuleMeta& meta() const override {
        static const RuleMeta meta{
            .id = "IAM003",
            .name = "invalid-structure",
            .default_severity = Severity::High,
            .summary =
                "The policy is not shaped as IAM's grammar requires: no \"Statement\", or an element "
                "of the wrong JSON type",
            .description =
                "A policy is a JSON object with a \"Statement\" element holding one statement object or "
                "an array of them; each element has a JSON type of its own (\"Action\" a string or an "
                "array of strings, \"Condition\" an object of objects ...). AWS rejects a policy of any "
                "other shape, and iamlint's other rules cannot judge what it does not understand.",
            .tags = kTags,
            .readme = embedded_readme("invalid-structure"),
        };
        return meta;
    }

    void check(const RuleContext& context, FindingSink& sink) const override {
        const PolicyDocument& document = context.document;
        if (document.root == nullptr || is_computed(*document.root)) return;
        const JsonValue& root = *document.root;
        const std::string base = document.root_pointer;
        if (!root.is_object()) {
            sink.report(value_place(*sink.document().source, root, base),
                        "a policy document must be a JSON object, not " + std::string(describe_type(root)),
                        "write the policy as {\"Version\": \"2012-10-17\", \"Statement\": [...]}");
            return;
        }
        check_string(root, "Version", base, sink, "write it as \"Version\": \"2012-10-17\"");
        check_string(root, "Id", base, sink, "write the policy's identifier as a string");
        const JsonMember* statement = find_member(root, "Statement");
        if (statement == nullptr) {
            // A miscased "statement" is IAM006's to report, with the right name.
            if (find_case_variant(root, "Statement") == nullptr) report_missing_statement(root, base, sink);
            return;
        }
        const std::string pointer = json_pointer_append(base, "Statement");
        const JsonValue& value = statement->value;
        if (value.is_object()) {
            check_statement(value, pointer, sink);
        } else if (value.is_array()) {
            for (std::size_t i = 0; i < value.items().size(); ++i) {
                const JsonValue& item = value.items()[i];
                const std::string item_pointer = json_pointer_append(pointer, i);
                if (item.is_object()) {
                    check_statement(item, item_pointer, sink);
                } else if (!is_computed(item)) {
                    sink.report(value_place(*sink.document().source, item, item_pointer),
                                "statement " + std::to_string(i + 1) + " of \"Statement\" is " +
                                    std::string(describe_type(item)) + ", not an object",
                                "write each statement as an object: {\"Effect\": ..., \"Action\": ..., "
                                "\"Resource\": ...}");
                }
            }
        } else if (!is_computed(value)) {
            sink.report(value_place(*sink.document().source, value, pointer),
                        "\"Statement\" must be an array of statements or one statement object, not " +
                            std::string(describe_type(value)),
                        "write \"Statement\": [{\"Effect\": ..., \"Action\": ..., \"Resource\": ...}]");
        }
    }

private:
    static void report_missing_statement(const JsonValue& root, const std::string& base, FindingSink& sink) {
        std::string misplaced;
        for (const auto& member : root.members()) {
            for (std::string_view element : kStatementElements) {
                if (member.key == element && misplaced.empty()) misplaced = member.key;
            }
        }
        if (!misplaced.empty()) {
            sink.report(missing_element_place(*sink.document().source, root, base),
                        "the policy has no \"Statement\" element: its " + in_quotes(misplaced) +
                            " and the other statement elements are outside any statement",
                        "move them into a statement: {\"Version\": \"2012-10-17\", \"Statement\": [{" +
                            in_quotes(misplaced) + ": ...}]}");
            return;
        }
        sink.report(missing_element_place(*sink.document().source, root, base),
                    "the policy has no \"Statement\" element",
                    "add \"Statement\": [...] with the policy's statements");
    }

    // An element whose value must be a string (computed values are strings too).
    static void check_string(const JsonValue& object, std::string_view name, std::string_view object_pointer,
                             FindingSink& sink, std::string fix) {
        const JsonMember* member = find_member(object, name);
        if (member == nullptr || member->value.is_string()) return;
        sink.report(
            value_place(*sink.document().source, member->value, json_pointer_append(object_pointer, name)),
            in_quotes(name) + " must be a string, not " + std::string(describe_type(member->value)),
            std::move(fix));
    }

    static void check_statement(const JsonValue& statement, const std::string& pointer, FindingSink& sink) {
        check_string(statement, "Sid", pointer, sink, "write the Sid as a string of letters and digits");
        check_string(statement, "Effect", pointer, sink,
                     "write \"Effect\": \"Allow\" or \"Effect\": \"Deny\"");
        for (std::string_view name : {"Action", "NotAction"}) {
            check_string_list(statement, name, pointer, sink,
                              "write each action as a string: \"s3:GetObject\"");
        }
        for (std::string_view name : {"Resource", "NotResource"}) {
            check_string_list(statement, name, pointer, sink,
                              "write each resource as an ARN string: \"arn:aws:s3:::bucket/*\"");
        }
        for (std::string_view name : {"Principal", "NotPrincipal"})
            check_principal(statement, name, pointer, sink);
        check_condition(statement, pointer, sink);
    }

    // Action, NotAction, Resource, NotResource: a string or an array of strings.
    static void check_string_list(const JsonValue& statement, std::string_view name,
                                  const std::string& pointer, FindingSink& sink, const std::string& fix) {
        const JsonMember* member = find_member(statement, name);
        if (member == nullptr || member->value.is_string()) return;
        const std::string element_pointer = json_pointer_append(pointer, name);
        const JsonValue& value = member->value;
        if (!value.is_array()) {
            sink.report(value_place(*sink.document().source, value, element_pointer),
                        in_quotes(name) + " must be a string or an array of strings, not " +
                            std::string(describe_type(value)),
                        fix);
            return;
        }
        for (std::size_t i = 0; i < value.items().size(); ++i) {
            const JsonValue& item = value.items()[i];
            if (item.is_string()) continue;
            sink.report(value_place(*sink.document().source, item, json_pointer_append(element_pointer, i)),
                        "an entry of " + in_quotes(name) + " must be a string, not " +
                            std::string(describe_type(item)),
                        fix);
        }
    }

    // "*", or an object whose values are principal ids or arrays of them. Which type names are known
    // is IAM006's question, and an empty value IAM015's.
    static void check_principal(const JsonValue& statement, std::string_view name, const std::string& pointer,
                                FindingSink& sink) {
        const JsonMember* member = find_member(statement, name);
        if (member == nullptr) return;
        const std::string element_pointer = json_pointer_append(pointer, name);
        const JsonValue& value = member->value;
        const std::string fix = "name principals in an object: {\"AWS\": \"arn:aws:iam::111122223333:root\"}";
        if (value.is_string()) {
            if (value.text == "*" || value.text.empty() || value.computed) return;
            sink.report(
                value_place(*sink.document().source, value, element_pointer),
                in_quotes(name) + " written as a string can only be \"*\", not " + in_quotes(value.text),
                fix);
            return;
        }
        if (!value.is_object()) {
            sink.report(value_place(*sink.document().source, value, element_pointer),
                        in_quotes(name) + " must be \"*\" or an object of principals, not " +
                            std::string(describe_type(value)),
                        fix);
            return;
        }
        for (std::size_t i = 0; i < value.members().size(); ++i) {
            if (value.is_overridden(i)) continue;
            const JsonMember& typed = value.members()[i];
            const std::string type_pointer = json_pointer_append(element_pointer, typed.key);
            if (is_principal_id(typed.value)) continue;
            if (!typed.value.is_array()) {
                sink.report(value_place(*sink.document().source, typed.value, type_pointer),
                            "the " + in_quotes(typed.key) +
                                " principals must be a string or an array of strings, "
                                "not " +
                                std::string(describe_type(typed.value)),
                            "write each principal as a string");
                continue;
            }
            for (std::size_t k = 0; k < typed.value.items().size(); ++k) {
                const JsonValue& item = typed.value.items()[k];
                if (is_principal_id(item)) continue;
                sink.report(value_place(*sink.document().source, item, json_pointer_append(type_pointer, k)),
                            "a principal of type " + in_quotes(typed.key) + " must be a string, not " +
                                std::string(describe_type(item)),
                            "write each principal as a string");
            }
        }
    }

    // An object of operators, each an object of condition keys, each a value or an array of values.
    static void check_condition(const JsonValue& statement, const std::string& pointer, FindingSink& sink) {
        const JsonMember* member = find_member(statement, "Condition");
        if (member == nullptr || is_computed(member->value)) return;
        const std::string block_pointer = json_pointer_append(pointer, "Condition");
        const JsonValue& block = member->value;
        const std::string fix =
            "write conditions as {\"StringEquals\": {\"aws:PrincipalTag/team\": \"data\"}}";
        if (!block.is_object()) {
            sink.report(value_place(*sink.document().source, block, block_pointer),
                        "\"Condition\" must be an object of condition operators, not " +
                            std::string(describe_type(block)),
                        fix);
            return;
        }
        for (std::size_t i = 0; i < block.members().size(); ++i) {
            if (block.is_overridden(i)) continue;
            const JsonMember& op = block.members()[i];
            const std::string op_pointer = json_pointer_append(block_pointer, op.key);
            if (is_computed(op.value)) continue;
            if (!op.value.is_object()) {
                sink.report(value_place(*sink.document().source, op.value, op_pointer),
                            "the condition operator " + in_quotes(op.key) +
                                " must hold an object of condition keys, not " +
                                std::string(describe_type(op.value)),
                            fix);
                continue;
            }
            for (std::size_t k = 0; k < op.value.members().size(); ++k) {
                if (op.value.is_overridden(k)) continue;
                check_condition_values(op.value.members()[k],
                                       json_pointer_append(op_pointer, op.value.members()[k].key), sink);
            }
        }
    }

    static void check_condition_values(const JsonMember& key, const std::string& pointer, FindingSink& sink) {
        const std::string fix = "write the values as a string or an array of strings";
        if (is_condition_value(key.value)) return;
        if (!key.value.is_array()) {
            sink.report(value_place(*sink.document().source, key.value, pointer),
                        "the value of condition key " + in_quotes(key.key) +
                            " must be a string or an array of strings, not " +
                            std::string(describe_type(key.value)),
                        fix);
            return;
        }
        for (std::size_t i = 0; i < key.value.items().size(); ++i) {
            const JsonValue& item = key.value.items()[i];
            if (is_condition_value(item)) continue;
            sink.report(value_place(*sink.document().source, item, json_pointer_append(pointer, i)),
                        "a value of condition key " + in_quotes(key.key) + " must be a string, not " +
                            std::string(describe_type(item)),
                        fix);
        }
    }
};

}  // namespace

const Rule& invalid_structure() {
    static const InvalidStructure rule;
    return rule;
}

}  // namespace iamlint::rules
