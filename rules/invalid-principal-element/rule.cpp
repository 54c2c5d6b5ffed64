#include "../kind_support.hpp"
#include "../rules.hpp"

namespace iamlint::rules {

namespace {

constexpr std::string_view kTags[] = {"correctness", "grammar"};

// Kinds that apply to whoever they are attached to, and so never name a principal.
bool forbids_principal(PolicyKind kind) {
    return kinds::has_identity_grammar(kind) || kind == PolicyKind::Scp || kind == PolicyKind::Iot;
}

// Whom a policy of a kind without principals applies to, for the message.
std::string_view applies_to(PolicyKind kind) {
    switch (kind) {
        case PolicyKind::PermissionsBoundary:
            return "the user or role whose boundary it is";
        case PolicyKind::Session:
            return "the session it is passed for";
        case PolicyKind::Scp:
            return "the principals of the accounts it is attached to";
        case PolicyKind::Iot:
            return "the certificates, Cognito identities and thing groups it is attached to";
        default:
            break;
    }
    return "the user, group or role it is attached to";
}

// "*", or {"AWS": "*"}, which AWS reads the same way in resource policies (RCP docs show only the
// former, so iamlint does not hold the latter against an RCP).
bool is_any_principal(const JsonValue& value) {
    if (value.is_string()) return value.text == "*";
    if (!value.is_object() || value.members().size() != 1) return false;
    const JsonMember& only = value.members().front();
    return only.key == "AWS" && only.value.is_string() && only.value.text == "*";
}

class InvalidPrincipalElement final : public Rule {
public:
    const RuleMeta& meta() const override {
        static const RuleMeta meta{
            .id = "IAM010",
            .name = "invalid-principal-element",
            .default_severity = Severity::High,
            .summary =
                "Principal where the policy kind forbids it, missing where it needs one, or both "
                "Principal and NotPrincipal",
            .description =
                "Identity policies, permissions boundaries, session policies and SCPs apply to whoever "
                "they are attached to and cannot name a principal; resource and role trust policies "
                "must; an RCP names \"*\" in every statement. IAM rejects a statement with both "
                "Principal and NotPrincipal, and NotPrincipal in a role trust policy.",
            .tags = kTags,
            .readme = embedded_readme("invalid-principal-element"),
        };
        return meta;
    }

    void check(const RuleContext& context, FindingSink& sink) const override {
        const PolicyDocument& document = context.document;
        const PolicyKind kind = document.kind;
        for (const auto& statement : document.policy.statements) {
            const JsonValue* object = kinds::statement_object(document, statement);
            if (object == nullptr) continue;
            const JsonMember* principal = object->find("Principal");
            const JsonMember* not_principal = object->find("NotPrincipal");
            if (forbids_principal(kind)) {
                for (const JsonMember* found : {principal, not_principal}) {
                    if (found == nullptr) continue;
                    sink.report(kinds::key_place(statement, *found),
                                "\"" + found->key + "\" is not allowed in " +
                                    std::string(kinds::describe(kind)) + ": it applies to " +
                                    std::string(applies_to(kind)),
                                "remove \"" + found->key +
                                    "\"; to limit who it applies to, attach it only "
                                    "to them or use a condition such as aws:PrincipalArn");
                }
                continue;
            }
            if (principal != nullptr && not_principal != nullptr) {
                report_both(statement, *principal, *not_principal, sink);
                continue;
            }
            if (principal == nullptr && not_principal == nullptr) {
                report_missing(document, statement, *object, sink);
                continue;
            }
            if (not_principal != nullptr && (kind == PolicyKind::Trust || kind == PolicyKind::Rcp)) {
                sink.report(kinds::key_place(statement, *not_principal),
                            "\"NotPrincipal\" is not supported in " + std::string(kinds::describe(kind)),
                            kind == PolicyKind::Trust
                                ? "name the principals that may assume the role in \"Principal\""
                                : "use \"Principal\": \"*\" with a condition on aws:PrincipalArn");
            } else if (principal != nullptr && kind == PolicyKind::Rcp && !principal->value.computed &&
                       !is_any_principal(principal->value)) {
                sink.report(Place{principal->value.range,
                                  json_pointer_child(statement.place.pointer, principal->key)},
                            "an RCP must name \"*\" as its \"Principal\": it applies to every principal "
                            "that accesses the resources",
                            "write \"Principal\": \"*\" and narrow it with a condition on aws:PrincipalArn "
                            "or aws:PrincipalAccount");
            }
        }
    }

private:
    static void report_both(const Statement& statement, const JsonMember& principal,
                            const JsonMember& not_principal, FindingSink& sink) {
        const bool principal_later = principal.key_range.offset > not_principal.key_range.offset;
        const JsonMember& later = principal_later ? principal : not_principal;
        const JsonMember& earlier = principal_later ? not_principal : principal;
        Finding& finding = sink.report(
            kinds::key_place(statement, later),
            "the statement has both \"Principal\" and \"NotPrincipal\": IAM accepts only one of them",
            "keep \"Principal\" with the principals it applies to");
        sink.add_related(finding, kinds::key_place(statement, earlier), "\"" + earlier.key + "\" is here");
    }

    static void report_missing(const PolicyDocument& document, const Statement& statement,
                               const JsonValue& object, FindingSink& sink) {
        const PolicyKind kind = document.kind;
        if (kind != PolicyKind::Resource && kind != PolicyKind::Trust && kind != PolicyKind::Rcp &&
            kind != PolicyKind::VpcEndpoint)
            return;
        if (kinds::has_miscased_key(object, "Principal") || kinds::has_miscased_key(object, "NotPrincipal"))
            return;
        std::string fix;
        if (kind == PolicyKind::Trust) {
            fix =
                "add \"Principal\" with who may assume the role, such as {\"Service\": "
                "\"ec2.amazonaws.com\"}";
        } else if (kind == PolicyKind::Rcp) {
            fix = "add \"Principal\": \"*\"";
        } else if (kind == PolicyKind::VpcEndpoint) {
            fix =
                "add \"Principal\": \"*\", and name the principals in an aws:PrincipalArn or "
                "aws:PrincipalOrgID condition";
        } else {
            fix = "add \"Principal\" with the accounts, roles or services the statement applies to";
        }
        sink.report(kinds::opening_brace(statement.place),
                    "the statement has no \"Principal\": " + std::string(kinds::describe(kind)) +
                        " must name who it applies to in every statement",
                    std::move(fix));
    }
};

}  // namespace

const Rule& invalid_principal_element() {
    static const InvalidPrincipalElement rule;
    return rule;
}

}  // namespace iamlint::rules
