#include <algorithm>
#include <array>

#include "iamlint/ascii.hpp"
#include "iamlint/model.hpp"

namespace iamlint {

namespace {
constexpr std::array<std::string_view, 8> kKindNames = {
    "unknown", "identity", "resource", "trust", "scp", "rcp", "permissions-boundary", "session"};

// What a role trust policy may allow: assuming the role (sts:AssumeRole, ...WithSAML,
// ...WithWebIdentity, and the wildcards that only cover those) and what STS does alongside it.
bool is_trust_action(std::string_view action) {
    auto [service, name] = split_action(action);
    if (!iequals(service, "sts")) return false;
    return istarts_with(name, "AssumeRole") || iequals(name, "TagSession") ||
           iequals(name, "SetSourceIdentity") || iequals(name, "SetContext");
}

bool has_principal(const Statement& statement) {
    return statement.principals.present;
}

bool only_trust_actions(const Statement& statement) {
    const auto& actions = statement.actions;
    if (!actions.present || actions.negated || actions.entries.empty()) return false;
    return std::all_of(actions.entries.begin(), actions.entries.end(),
                       [](const Entry& action) { return is_trust_action(action.text); });
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

// The order of evidence is documented in docs/policy-kinds.md; keep the two in step.
PolicyKind detect_policy_kind(const Policy& policy) {
    const auto& statements = policy.statements;
    // 1. Nobody named: the policy applies to whoever it is attached to. SCPs, permissions boundaries
    //    and session policies are written exactly like this too, so only the container (or
    //    --policy-kind) can tell them apart from an identity policy.
    if (std::none_of(statements.begin(), statements.end(), has_principal)) return PolicyKind::Identity;
    // 2. A principal together with a Resource: IAM rejects Resource in a trust policy (the role is the
    //    resource), while resource policies and RCPs name one, even for sts:AssumeRole.
    if (std::any_of(statements.begin(), statements.end(), [](const Statement& statement) {
            return has_principal(statement) && statement.resources.present;
        })) {
        return PolicyKind::Resource;
    }
    // 3. Every statement that names a principal is about assuming a role: a role trust policy. This
    //    covers federated trust (sts:AssumeRoleWithWebIdentity, sts:AssumeRoleWithSAML) too.
    bool trust = std::all_of(statements.begin(), statements.end(), [](const Statement& statement) {
        return !has_principal(statement) || only_trust_actions(statement);
    });
    // 4. Anything else with a principal: a resource policy (bucket, queue, key, repository ...).
    return trust ? PolicyKind::Trust : PolicyKind::Resource;
}

}  // namespace iamlint
