#include <array>

#include "iamlint/ascii.hpp"
#include "iamlint/model.hpp"

namespace iamlint {

namespace {
constexpr std::array<std::string_view, 8> kKindNames = {
    "unknown", "identity", "resource", "trust", "scp", "rcp", "permissions-boundary", "session"};

bool is_trust_action(std::string_view action) {
    auto [service, name] = split_action(action);
    if (!iequals(service, "sts")) return false;
    return istarts_with(name, "AssumeRole") || iequals(name, "TagSession") ||
           iequals(name, "SetSourceIdentity") || iequals(name, "SetContext");
}
}  // namespace

std::string_view to_string(PolicyKind kind) {
    return kKindNames[static_cast<std::size_t>(kind)];
}

std::optional<PolicyKind> parse_policy_kind(std::string_view text) {
    for (std::size_t i = 0; i < kKindNames.size(); ++i) {
        if (iequals(text, kKindNames[i])) return static_cast<PolicyKind>(i);
    }
    if (iequals(text, "boundary")) return PolicyKind::PermissionsBoundary;
    return std::nullopt;
}

PolicyKind detect_policy_kind(const Policy& policy) {
    bool has_principal = false;
    bool all_trust_actions = true;
    for (const auto& statement : policy.statements) {
        if (!statement.principals.present) continue;
        has_principal = true;
        if (statement.actions.negated || statement.actions.entries.empty()) all_trust_actions = false;
        for (const auto& action : statement.actions.entries) {
            if (!is_trust_action(action.text)) all_trust_actions = false;
        }
    }
    if (!has_principal) return PolicyKind::Identity;
    return all_trust_actions ? PolicyKind::Trust : PolicyKind::Resource;
}

}  // namespace iamlint
