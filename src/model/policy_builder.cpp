#include <algorithm>
#include <span>

#include "iamlint/ascii.hpp"
#include "iamlint/model.hpp"
#include "iamlint/parallel.hpp"

namespace iamlint {

namespace {

// Places that share a pointer (an element's key and value, a lone string value) share its text.
Place place_of(const JsonValue& value, JsonPointer pointer) {
    return {value.range, std::move(pointer)};
}

Entry entry_of(const JsonValue& value, JsonPointer pointer) {
    return {std::string(value.text), value.type, place_of(value, std::move(pointer)), value.computed};
}

bool is_scalar(const JsonValue& value) {
    return !value.is_array() && !value.is_object();
}

// A string, or an array whose string items are taken; anything else yields no entries.
std::vector<Entry> string_or_array(const JsonValue& value, const JsonPointer& pointer, bool scalars_too) {
    std::vector<Entry> entries;
    auto accept = [&](const JsonValue& v) { return v.is_string() || (scalars_too && is_scalar(v)); };
    if (accept(value)) {
        entries.push_back(entry_of(value, pointer));
    } else if (value.is_array()) {
        // Exact sizes: a dump holds the model of every one of its policies at once.
        entries.reserve(value.items().size());
        for (std::size_t i = 0; i < value.items().size(); ++i) {
            if (accept(value.items()[i]))
                entries.push_back(entry_of(value.items()[i], json_pointer_child(pointer, i)));
        }
    }
    return entries;
}

void read_list(EntryList& list, const JsonMember& member, bool negated,
               const JsonPointer& statement_pointer) {
    // With both Action and NotAction present (a grammar error), the first one in the source is taken.
    if (list.present) return;
    const JsonPointer pointer = json_pointer_child(statement_pointer, member.key);
    list.present = true;
    list.negated = negated;
    list.key = {member.key_range, pointer};
    list.value = place_of(member.value, pointer);
    list.entries = string_or_array(member.value, pointer, false);
}

void read_principal(PrincipalList& list, const JsonMember& member, bool negated,
                    const JsonPointer& statement_pointer) {
    if (list.present) return;
    const JsonPointer pointer = json_pointer_child(statement_pointer, member.key);
    list.present = true;
    list.negated = negated;
    list.key = {member.key_range, pointer};
    list.value = place_of(member.value, pointer);
    if (member.value.is_string()) {
        list.entries.push_back({"*", entry_of(member.value, pointer)});
        return;
    }
    if (!member.value.is_object()) return;
    for (std::size_t i = 0; i < member.value.members().size(); ++i) {
        if (member.value.is_overridden(i)) continue;
        const auto& typed = member.value.members()[i];
        const JsonPointer type_pointer = json_pointer_child(pointer, typed.key);
        for (auto& entry : string_or_array(typed.value, type_pointer, false)) {
            list.entries.push_back({std::string(typed.key), std::move(entry)});
        }
    }
}

void read_conditions(Statement& statement, const JsonMember& member, const JsonPointer& statement_pointer) {
    const JsonPointer pointer = json_pointer_child(statement_pointer, member.key);
    statement.condition_block = place_of(member.value, pointer);
    if (!member.value.is_object()) return;
    for (std::size_t i = 0; i < member.value.members().size(); ++i) {
        if (member.value.is_overridden(i)) continue;
        const auto& op = member.value.members()[i];
        const JsonPointer op_pointer = json_pointer_child(pointer, op.key);
        if (!op.value.is_object()) continue;
        for (std::size_t k = 0; k < op.value.members().size(); ++k) {
            if (op.value.is_overridden(k)) continue;
            const auto& key = op.value.members()[k];
            Condition condition;
            condition.op = parse_condition_operator(op.key);
            condition.op_place = {op.key_range, op_pointer};
            condition.key = key.key;
            condition.key_computed = key.key_computed;
            const JsonPointer key_pointer = json_pointer_child(op_pointer, key.key);
            condition.key_place = {key.key_range, key_pointer};
            condition.values = string_or_array(key.value, key_pointer, true);
            statement.conditions.push_back(std::move(condition));
        }
    }
}

Statement read_statement(const JsonValue& value, std::size_t index, JsonPointer pointer) {
    Statement statement;
    statement.index = index;
    for (std::size_t i = 0; i < value.members().size(); ++i) {
        if (value.is_overridden(i)) continue;  // duplicate keys: the last one counts (see JsonValue::find)
        const auto& member = value.members()[i];
        const std::string_view key = member.key;
        if (key == "Sid") {
            if (is_scalar(member.value))
                statement.sid = entry_of(member.value, json_pointer_child(pointer, key));
        } else if (key == "Effect") {
            statement.effect_entry = entry_of(member.value, json_pointer_child(pointer, key));
            if (!member.value.is_string()) {
                statement.effect = Effect::Invalid;
            } else if (member.value.text == "Allow") {
                statement.effect = Effect::Allow;
            } else if (member.value.text == "Deny") {
                statement.effect = Effect::Deny;
            } else {
                statement.effect = Effect::Invalid;
            }
        } else if (key == "Action" || key == "NotAction") {
            read_list(statement.actions, member, key == "NotAction", pointer);
        } else if (key == "Resource" || key == "NotResource") {
            read_list(statement.resources, member, key == "NotResource", pointer);
        } else if (key == "Principal" || key == "NotPrincipal") {
            read_principal(statement.principals, member, key == "NotPrincipal", pointer);
        } else if (key == "Condition") {
            read_conditions(statement, member, pointer);
        }
    }
    statement.place = place_of(value, std::move(pointer));
    return statement;
}

// Below this many statements one thread reads them all: a thread costs more than it would save.
constexpr std::size_t kStatementsWorthThreads = 4096;
// Several ranges per thread, so that a range of long statements does not leave the others idle.
constexpr std::size_t kRangesPerThread = 8;

// The statements of a Statement array, the objects among its items in their order. A large policy's
// (600,000 statements: a serial second) are read in ranges on `threads` threads, each range straight
// into its own slots, so that no second copy of the statements is made and the result does not depend
// on the thread count.
void read_statements(std::span<const JsonValue> items, const JsonPointer& pointer, unsigned threads,
                     std::vector<Statement>& out) {
    if (threads <= 1 || items.size() < kStatementsWorthThreads) {
        out.reserve(items.size());
        for (std::size_t i = 0; i < items.size(); ++i) {
            if (items[i].is_object())
                out.push_back(read_statement(items[i], i, json_pointer_child(pointer, i)));
        }
        return;
    }
    const std::size_t ranges = std::size_t{threads} * kRangesPerThread;
    // A range's first statement goes after the objects of the ranges before it.
    std::vector<std::size_t> first_slot(ranges + 1, 0);
    parallel_for_ranges(items.size(), ranges, threads,
                        [&](std::size_t range, std::size_t begin, std::size_t end) {
                            first_slot[range + 1] = static_cast<std::size_t>(
                                std::count_if(items.begin() + static_cast<std::ptrdiff_t>(begin),
                                              items.begin() + static_cast<std::ptrdiff_t>(end),
                                              [](const JsonValue& item) { return item.is_object(); }));
                        });
    for (std::size_t range = 0; range < ranges; ++range) first_slot[range + 1] += first_slot[range];
    out.resize(first_slot[ranges]);
    parallel_for_ranges(items.size(), ranges, threads,
                        [&](std::size_t range, std::size_t begin, std::size_t end) {
                            std::size_t slot = first_slot[range];
                            for (std::size_t i = begin; i < end; ++i) {
                                if (items[i].is_object())
                                    out[slot++] = read_statement(items[i], i, json_pointer_child(pointer, i));
                            }
                        });
}

}  // namespace

ActionName split_action(std::string_view action) {
    auto colon = action.find(':');
    if (colon == std::string_view::npos) return {{}, action};
    return {action.substr(0, colon), action.substr(colon + 1)};
}

ConditionOperator parse_condition_operator(std::string_view raw) {
    ConditionOperator op;
    op.raw = raw;
    std::string_view rest = raw;
    if (istarts_with(rest, "ForAllValues:")) {
        op.set = SetQualifier::ForAllValues;
        rest.remove_prefix(13);
    } else if (istarts_with(rest, "ForAnyValue:")) {
        op.set = SetQualifier::ForAnyValue;
        rest.remove_prefix(12);
    }
    constexpr std::string_view kIfExists = "IfExists";
    if (rest.size() > kIfExists.size() && rest.ends_with(kIfExists)) {
        op.if_exists = true;
        rest.remove_suffix(kIfExists.size());
    }
    op.base = rest;
    return op;
}

Policy build_policy(const JsonValue& root, std::string_view pointer_prefix, unsigned threads) {
    Policy policy;
    if (!root.is_object()) return policy;
    const JsonPointer prefix(pointer_prefix);
    if (const auto* version = root.find("Version")) {
        policy.version = entry_of(version->value, json_pointer_child(prefix, "Version"));
    }
    const auto* statements = root.find("Statement");
    if (statements == nullptr) return policy;
    const JsonPointer pointer = json_pointer_child(prefix, "Statement");
    policy.statement_element = place_of(statements->value, pointer);
    if (statements->value.is_object()) {
        policy.statements.push_back(read_statement(statements->value, 0, pointer));
    } else if (statements->value.is_array()) {
        read_statements(statements->value.items(), pointer, threads, policy.statements);
    }
    return policy;
}

}  // namespace iamlint
