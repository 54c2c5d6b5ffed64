// A bare policy document: the file is the policy, or an object that maps names to policies
// ({"my-key-policy": {"Version": ..., "Statement": [...]}}), each of which is a policy of its own.
#include <algorithm>
#include <array>

#include "embedded_policy.hpp"
#include "format_loader.hpp"
#include "iamlint/ascii.hpp"

namespace iamlint::loaders {

namespace {

// The top-level elements of a policy and, for a policy written without its Statement wrapper, those of
// a statement. Compared exactly: package.json has a "version"; only "Statement" is also taken in any
// case, as a wrongly cased policy that the grammar rules report.
constexpr std::array<std::string_view, 6> kPolicyKeys = {"Version", "Statement", "Id",
                                                         "Effect",  "Action",    "NotAction"};

bool has_policy_key(const JsonValue& object) {
    return std::any_of(object.members().begin(), object.members().end(), [](const JsonMember& member) {
        return iequals(member.key, "Statement") ||
               std::find(kPolicyKeys.begin(), kPolicyKeys.end(), member.key) != kPolicyKeys.end();
    });
}

// A value of a name -> policy map that is a policy: an object with its Statement.
bool is_mapped_policy(const JsonValue& value) {
    return value.is_object() && std::any_of(value.members().begin(), value.members().end(),
                                            [](const JsonMember& m) { return iequals(m.key, "Statement"); });
}

// An object without a policy's own elements whose values include at least one policy.
bool is_policy_map(const JsonValue& root) {
    return root.is_object() && !has_policy_key(root) &&
           std::any_of(root.members().begin(), root.members().end(),
                       [](const JsonMember& member) { return is_mapped_policy(member.value); });
}

bool has_key(const JsonValue& object, std::string_view key) {
    return std::any_of(object.members().begin(), object.members().end(),
                       [&](const JsonMember& member) { return iequals(member.key, key); });
}

// What a statement has and other JSON objects do not: an Effect, or an Action/NotAction.
bool is_statement_shaped(const JsonValue& value) {
    return value.is_object() &&
           (has_key(value, "Effect") || has_key(value, "Action") || has_key(value, "NotAction"));
}

}  // namespace

// An array or a scalar at the top is a malformed policy, for the grammar rules to report; an object
// must show a policy's element, or map names to policies. Other JSON (package.json, tsconfig.json) is
// no policy.
bool is_policy(const JsonValue& root) {
    if (!root.is_object()) return true;
    return has_policy_key(root) || is_policy_map(root);
}

bool looks_like_policy(const JsonValue& root) {
    if (root.is_array()) return std::any_of(root.items().begin(), root.items().end(), is_statement_shaped);
    if (!root.is_object()) return false;
    if (has_key(root, "Statement") || is_statement_shaped(root) || is_policy_map(root)) return true;
    const JsonMember* version = root.find("Version");
    return version != nullptr && version->value.is_string() &&
           (version->value.text == "2012-10-17" || version->value.text == "2008-10-17");
}

void load_policy(const LoadInput& input, LoadedFile& out) {
    if (is_policy_map(input.syntax->root)) {
        const JsonValue& root = input.syntax->root;
        for (std::size_t i = 0; i < root.members().size(); ++i) {
            const JsonMember& member = root.members()[i];
            if (root.is_overridden(i) || !is_mapped_policy(member.value)) continue;
            PolicyInfo info{std::nullopt, PolicyAttachment::Unknown, std::string(member.key)};
            info.resolve_intrinsics = true;
            add_policy(input, member.value, json_pointer_append("", member.key), std::move(info),
                       out.documents);
        }
        return;
    }
    PolicyDocument document;
    document.source = input.source;
    document.syntax = input.syntax;
    document.root = &input.syntax->root;
    // Root stays the file as written (the grammar rules report an intrinsic object where IAM wants a
    // string); the model is the policy as it takes effect.
    document.policy = resolved_policy(input.syntax->root, "", input.options.threads);
    document.kind_forced = input.options.forced_kind.has_value();
    if (input.options.forced_kind) {
        document.kind = *input.options.forced_kind;
    } else {
        DetectedKind detected = detect_policy_kind_without_container(document.policy, input.source->path());
        document.kind = detected.kind;
        document.kind_inferred = detected.inferred;
        document.kind_named_by = std::move(detected.named_by);
    }
    out.documents.push_back(std::move(document));
}

}  // namespace iamlint::loaders
