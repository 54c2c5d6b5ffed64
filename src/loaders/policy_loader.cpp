// A bare policy document: the file is the policy.
#include <array>

#include "format_loader.hpp"
#include "iamlint/ascii.hpp"

namespace iamlint::loaders {

namespace {

// The top-level elements of a policy and, for a policy written without its Statement wrapper, those of
// a statement. Compared exactly: package.json has a "version"; only "Statement" is also taken in any
// case, as a wrongly cased policy that the grammar rules report.
constexpr std::array<std::string_view, 6> kPolicyKeys = {"Version", "Statement", "Id",
                                                         "Effect",  "Action",    "NotAction"};

}  // namespace

// An array or a scalar at the top is a malformed policy, for the grammar rules to report; an object
// must show a policy's element. Other JSON (package.json, tsconfig.json) is no policy.
bool is_policy(const JsonValue& root) {
    if (!root.is_object()) return true;
    for (const auto& member : root.members) {
        if (iequals(member.key, "Statement")) return true;
        for (std::string_view key : kPolicyKeys) {
            if (member.key == key) return true;
        }
    }
    return false;
}

void load_policy(const LoadInput& input, LoadedFile& out) {
    PolicyDocument document;
    document.source = input.source;
    document.syntax = input.syntax;
    document.root = &input.syntax->root;
    document.policy = build_policy(input.syntax->root);
    document.kind_forced = input.options.forced_kind.has_value();
    document.kind = input.options.forced_kind.value_or(detect_policy_kind(document.policy));
    out.documents.push_back(std::move(document));
}

}  // namespace iamlint::loaders
