#include "kind_support.hpp"

#include "iamlint/ascii.hpp"
#include "iamlint/wildcards.hpp"

namespace iamlint::rules::kinds {

std::string_view describe(PolicyKind kind) {
    switch (kind) {
        case PolicyKind::Identity:
            return "an identity policy";
        case PolicyKind::Resource:
            return "a resource policy";
        case PolicyKind::Trust:
            return "a role trust policy";
        case PolicyKind::Scp:
            return "an SCP";
        case PolicyKind::Rcp:
            return "an RCP";
        case PolicyKind::PermissionsBoundary:
            return "a permissions boundary";
        case PolicyKind::Session:
            return "a session policy";
        case PolicyKind::VpcEndpoint:
            return "a VPC endpoint policy";
        case PolicyKind::Iot:
            return "an AWS IoT policy";
        case PolicyKind::Unknown:
            break;
    }
    return "a policy";
}

bool has_identity_grammar(PolicyKind kind) {
    return kind == PolicyKind::Identity || kind == PolicyKind::PermissionsBoundary ||
           kind == PolicyKind::Session;
}

const JsonValue* statement_object(const PolicyDocument& document, const Statement& statement) {
    if (document.root == nullptr || !document.root->is_object()) return nullptr;
    // build_policy reads the same member: the last "Statement" if it is repeated.
    const JsonMember* statements = document.root->find("Statement");
    if (statements == nullptr) return nullptr;
    const JsonValue& value = statements->value;
    const JsonValue* object = nullptr;
    if (value.is_object() && statement.index == 0) {
        object = &value;
    } else if (value.is_array() && statement.index < value.items().size()) {
        object = &value.items()[statement.index];
    }
    return object != nullptr && object->is_object() ? object : nullptr;
}

bool has_miscased_key(const JsonValue& object, std::string_view key) {
    for (const auto& candidate : object.members()) {
        if (candidate.key != key && iequals(candidate.key, key)) return true;
    }
    return false;
}

Place key_place(const Statement& statement, const JsonMember& member) {
    return {member.key_range, json_pointer_child(statement.place.pointer, member.key)};
}

Place opening_brace(const Place& object) {
    if (object.range.empty()) return object;
    return {SourceSpan(object.range.offset, 1), object.pointer};
}

Place part_of(const PolicyDocument& document, const Entry& entry, std::size_t position, std::size_t length) {
    const SourceSpan range = entry.place.range;
    const std::string& text = document.source->text();
    // The token must be "<text>" exactly: no escapes, not a YAML scalar, not a computed expression.
    if (entry.computed || range.empty() || range.length != entry.text.size() + 2 ||
        range.offset + range.length > text.size() || text[range.offset] != '"' ||
        text.compare(range.offset + 1, entry.text.size(), entry.text) != 0) {
        return entry.place;
    }
    return {SourceSpan(static_cast<std::uint32_t>(range.offset + 1 + position),
                       static_cast<std::uint32_t>(length)),
            entry.place.pointer};
}

std::optional<std::string> single_service(const Policy& policy) {
    std::optional<std::string> service;
    for (const auto& statement : policy.statements) {
        for (const auto& action : statement.actions.entries) {
            if (action.computed) continue;
            auto [prefix, name] = split_action(action.text);
            if (prefix.empty() && name.find_first_not_of('*') == std::string_view::npos) continue;
            std::string lower = to_lower(prefix);
            if (lower.empty() || find_wildcard(lower) != std::string::npos) return std::nullopt;
            if (service && *service != lower) return std::nullopt;
            service = std::move(lower);
        }
    }
    return service;
}

std::string quoted(std::string_view text) {
    // Appended piece by piece: g++ 12 warns falsely (-Wrestrict) on "\"" + std::string(...).
    std::string out;
    out.reserve(text.size() + 2);
    out += '"';
    out += text;
    out += '"';
    return out;
}

std::string with_thousands(std::size_t number) {
    std::string digits = std::to_string(number);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

}  // namespace iamlint::rules::kinds
