#include <algorithm>
#include <array>
#include <cctype>
#include <initializer_list>
#include <utility>
#include <vector>

#include "iamlint/ascii.hpp"
#include "iamlint/model.hpp"

namespace iamlint {

namespace {
constexpr std::array<std::string_view, 10> kKindNames = {
    "unknown", "identity",     "resource", "trust", "scp", "rcp", "permissions-boundary",
    "session", "vpc-endpoint", "iot"};

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
bool is_exactly(const EntryList& list, std::string_view text) {
    return list.present && !list.negated && list.entries.size() == 1 && !list.entries[0].computed &&
           list.entries[0].text == text;
}

// {"Effect": "Allow", "Action": "*", "Resource": "*"} without a condition: the FullAWSAccess SCP that
// AWS Organizations attaches by default (RCPFullAWSAccess adds "Principal": "*").
bool is_full_access(const Statement& statement) {
    return statement.is_allow() && is_exactly(statement.actions, "*") &&
           is_exactly(statement.resources, "*") && statement.conditions.empty();
}

bool is_principal_star(const Statement& statement) {
    const auto& principals = statement.principals;
    return principals.present && !principals.negated && principals.entries.size() == 1 &&
           !principals.entries[0].value.computed && principals.entries[0].value.text == "*" &&
           (principals.entries[0].type == "*" || principals.entries[0].type == "AWS");
}

// Condition keys about where in the organization the calling principal is: an identity policy is
// attached to its principals and has no reason to ask that of them; an SCP asks it to exempt or scope.
bool asks_organization(const Condition& condition) {
    for (std::string_view key : {"aws:PrincipalOrgID", "aws:PrincipalOrgPaths", "aws:PrincipalAccount"}) {
        if (iequals(condition.key, key)) return true;
    }
    return false;
}
bool asks_principal_arn(const Condition& condition) {
    return iequals(condition.key, "aws:PrincipalArn");
}
// A principal ARN condition naming roles: the break-glass or pipeline roles an SCP exempts.
bool exempts_roles(const Condition& condition) {
    return asks_principal_arn(condition) &&
           std::any_of(condition.values.begin(), condition.values.end(),
                       [](const Entry& value) { return value.text.find(":role/") != std::string::npos; });
}

template <typename Pred>
bool any_condition(const Statement& statement, Pred pred) {
    return std::any_of(statement.conditions.begin(), statement.conditions.end(), pred);
}

// The services resource control policies apply to.
bool is_rcp_service(std::string_view action) {
    auto [service, name] = split_action(action);
    for (std::string_view known : {"s3", "sts", "sqs", "kms", "secretsmanager", "dynamodb", "ecr", "logs",
                                   "cognito-identity", "cognito-idp", "aoss"}) {
        if (iequals(service, known)) return true;
    }
    return service.empty() && name == "*";
}

std::optional<PolicyKind> scp_shape(const Policy& policy) {
    const auto& statements = policy.statements;
    std::size_t allows = 0, denies = 0;
    for (const auto& statement : statements) {
        if (statement.principals.present) return std::nullopt;
        if (statement.effect == Effect::Deny) {
            ++denies;
        } else if (is_full_access(statement)) {
            ++allows;
        } else {
            return std::nullopt;
        }
    }
    if (denies == 0) return std::nullopt;
    const bool marked = std::any_of(statements.begin(), statements.end(), [&](const Statement& statement) {
        if (statement.effect != Effect::Deny) return false;
        if (allows > 0) {
            return any_condition(statement, asks_organization) ||
                   any_condition(statement, asks_principal_arn);
        }
        return any_condition(statement, asks_organization) || any_condition(statement, exempts_roles);
    });
    return marked ? std::optional<PolicyKind>(PolicyKind::Scp) : std::nullopt;
}

std::optional<PolicyKind> rcp_shape(const Policy& policy) {
    std::size_t denies = 0;
    for (const auto& statement : policy.statements) {
        if (!is_principal_star(statement) || !is_exactly(statement.resources, "*")) return std::nullopt;
        if (statement.effect == Effect::Deny) {
            const auto& actions = statement.actions;
            if (statement.conditions.empty() || !actions.present || actions.negated ||
                !std::all_of(actions.entries.begin(), actions.entries.end(),
                             [](const Entry& action) { return is_rcp_service(action.text); })) {
                return std::nullopt;
            }
            ++denies;
        } else if (!is_full_access(statement)) {
            return std::nullopt;
        }
    }
    return denies > 0 ? std::optional<PolicyKind>(PolicyKind::Rcp) : std::nullopt;
}

// A VPC endpoint policy: every statement names "Principal": "*" (endpoint policies name principals in
// conditions), and an Allow lets every action of every service through to every resource ("Action":
// "*" on "Resource": "*"), which no service's own resource policy does: a bucket or queue policy names
// its resource and its service's actions. This is AWS's default endpoint policy, and the data-perimeter
// ones that add conditions and statements to it.
std::optional<PolicyKind> endpoint_shape(const Policy& policy) {
    bool everything = false;
    for (const auto& statement : policy.statements) {
        if (!is_principal_star(statement)) return std::nullopt;
        if (statement.is_allow() && is_exactly(statement.actions, "*") &&
            is_exactly(statement.resources, "*"))
            everything = true;
    }
    return everything ? std::optional<PolicyKind>(PolicyKind::VpcEndpoint) : std::nullopt;
}

// The words of one path component, lower case: split at every character that is not a letter or a
// digit and where a lower-case letter meets an upper-case one ("denyScp" -> deny, scp).
std::vector<std::string> words_of(std::string_view component) {
    std::vector<std::string> words;
    std::string word;
    for (std::size_t i = 0; i < component.size(); ++i) {
        const char c = component[i];
        const bool alnum = std::isalnum(static_cast<unsigned char>(c)) != 0;
        const bool camel_break = i > 0 && std::islower(static_cast<unsigned char>(component[i - 1])) &&
                                 std::isupper(static_cast<unsigned char>(c));
        if ((!alnum || camel_break) && !word.empty()) words.push_back(std::exchange(word, {}));
        if (alnum) word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    if (!word.empty()) words.push_back(std::move(word));
    return words;
}

// The kind that one folder or file name says it holds, if it says exactly one.
std::optional<PolicyKind> kind_of_name(std::string_view component) {
    const std::vector<std::string> words = words_of(component);
    std::string squashed;
    for (const auto& word : words) squashed += word;
    auto has_word = [&](std::initializer_list<std::string_view> options) {
        return std::any_of(words.begin(), words.end(), [&](const std::string& word) {
            return std::find(options.begin(), options.end(), word) != options.end();
        });
    };
    auto has_phrase = [&](std::string_view phrase) { return squashed.find(phrase) != std::string::npos; };
    std::optional<PolicyKind> kind;
    int named = 0;
    auto name = [&](bool said, PolicyKind what) {
        if (!said) return;
        kind = what;
        ++named;
    };
    name(has_word({"scp", "scps"}) || has_phrase("servicecontrolpolic"), PolicyKind::Scp);
    name(has_word({"rcp", "rcps"}) || has_phrase("resourcecontrolpolic"), PolicyKind::Rcp);
    name(has_word({"vpce"}) || has_phrase("endpointpolic"), PolicyKind::VpcEndpoint);
    name(has_word({"boundary", "boundaries"}) || has_phrase("permissionsboundar") ||
             has_phrase("permissionboundar"),
         PolicyKind::PermissionsBoundary);
    return named == 1 ? kind : std::nullopt;
}

// Whether the policy can be of the kind its path names: SCPs and boundaries name no principal, RCPs
// and endpoint policies name one in every statement. A path that says otherwise is not believed.
bool fits_named_kind(const Policy& policy, PolicyKind kind) {
    const auto& statements = policy.statements;
    if (statements.empty()) return false;
    switch (kind) {
        case PolicyKind::Scp:
        case PolicyKind::PermissionsBoundary:
            return std::none_of(statements.begin(), statements.end(), has_principal);
        case PolicyKind::Rcp:
        case PolicyKind::VpcEndpoint:
            return std::all_of(statements.begin(), statements.end(), has_principal);
        default:
            return false;
    }
}

}  // namespace

std::optional<NamedKind> kind_named_by_path(std::string_view path) {
    // From the file's own name up through its two nearest folders: the nearest name that says a kind
    // decides. Folders further up name projects and checkouts ("~/scp-tools/..."), not what a file holds.
    constexpr int kComponentsRead = 3;
    std::size_t end = path.size();
    bool file_name = true;
    for (int read = 0; end > 0 && read < kComponentsRead; ++read) {
        const std::size_t slash = path.find_last_of("/\\", end - 1);
        const std::size_t start = slash == std::string_view::npos ? 0 : slash + 1;
        std::string_view component = path.substr(start, end - start);
        if (file_name) {
            const std::size_t dot = component.rfind('.');
            if (dot != std::string_view::npos && dot > 0) component = component.substr(0, dot);
            file_name = false;
        }
        if (auto kind = kind_of_name(component)) return NamedKind{*kind, std::string(component)};
        if (slash == std::string_view::npos) break;
        end = slash;
    }
    return std::nullopt;
}

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

namespace iamlint {

std::optional<PolicyKind> organization_policy_shape(const Policy& policy) {
    if (policy.statements.empty()) return std::nullopt;
    if (auto scp = scp_shape(policy)) return scp;
    if (auto rcp = rcp_shape(policy)) return rcp;
    return endpoint_shape(policy);
}

DetectedKind detect_policy_kind_without_container(const Policy& policy, std::string_view path) {
    if (auto shape = organization_policy_shape(policy)) return {*shape, true, {}};
    if (auto named = kind_named_by_path(path); named && fits_named_kind(policy, named->kind))
        return {named->kind, true, std::move(named->name)};
    return {detect_policy_kind(policy), false, {}};
}

}  // namespace iamlint
