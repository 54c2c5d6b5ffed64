#include <algorithm>
#include <utility>
#include <vector>

#include "../breadth_support.hpp"
#include "../rule_support.hpp"
#include "../rules.hpp"
#include "../sensitive_support.hpp"
#include "iamlint/grant_model.hpp"

namespace iamlint::rules {

namespace {

constexpr std::string_view kTags[] = {"security", "least-privilege", "credentials"};

// The catalog's action of each secret read, found once per catalog: comparing every action of every
// statement with each read's name was 190 million instructions for 60,000 statements.
class SecretReadActions {
public:
    explicit SecretReadActions(const Catalog& catalog) {
        for (const auto& read : secret_reads()) {
            for (const Action* action : *catalog.matching_actions(read.action))
                reads_.emplace_back(action, &read);
        }
    }

    const SecretRead* of(const Action& action) const {
        for (const auto& [read_action, read] : reads_) {
            if (read_action == &action) return read;
        }
        return nullptr;
    }

private:
    std::vector<std::pair<const Action*, const SecretRead*>> reads_;
};

class WildcardSecretAccess final : public Rule {
public:
    const RuleMeta& meta() const override {
        static const RuleMeta meta{
            .id = "IAM211",
            .name = "wildcard-secret-access",
            .default_severity = Severity::High,
            .summary = "Reading every secret, SSM parameter or KMS-encrypted value of the account",
            .description =
                "secretsmanager:GetSecretValue, ssm:GetParameter* or kms:Decrypt (or a wildcard that "
                "includes them) on \"*\" or on an ARN that covers every secret, parameter or key, with no "
                "condition that narrows the resources down: the principal can read every credential the "
                "account stores.",
            .tags = kTags,
            .readme = embedded_readme("wildcard-secret-access"),
        };
        return meta;
    }

    void check(const RuleContext& context, FindingSink& sink) const override {
        // In a key, secret or parameter policy "*" is the resource the policy is attached to.
        if (!judges_grants(context.document)) return;
        const auto& secret_reads = context.catalog.derived<SecretReadActions>();
        std::vector<const Action*> expanded;
        for (const auto& statement : context.document.policy.statements) {
            if (!is_allow_with_actions(statement) || !statement.resources.present ||
                statement.resources.negated)
                continue;
            const ScopingConditions conditions(statement);
            for (const auto& action : statement.actions.entries) {
                // "*" is wildcard-action's; a deployment-time value is some scoped action.
                if (action.computed || is_all_actions(action.text)) continue;
                expanded.clear();
                context.catalog.expand(action.text, expanded);
                std::erase_if(expanded, [&](const Action* a) {
                    return secret_reads.of(*a) == nullptr || !can_allow(context.document.kind, *a) ||
                           context.grants.denied_everywhere(statement, *a);
                });
                check_action(secret_reads, statement, conditions, action, expanded, sink);
            }
        }
    }

private:
    // `expanded`: the secret reads among the actions that `action` names.
    static void check_action(const SecretReadActions& secret_reads, const Statement& statement,
                             const ScopingConditions& conditions, const Entry& action,
                             const std::vector<const Action*>& expanded, FindingSink& sink) {
        std::vector<const Action*> reads;
        const SecretRead* first = nullptr;
        const Entry* where = nullptr;
        for (const Action* candidate : expanded) {
            const SecretRead* read = secret_reads.of(*candidate);
            if (conditions.scope(*candidate)) continue;
            const Entry* resource = every_resource(statement, *candidate);
            if (resource == nullptr) continue;
            if (first == nullptr) {
                first = read;
                where = resource;
            }
            reads.push_back(candidate);
        }
        if (reads.empty()) return;
        std::string message = in_quotes(action.text);
        if (reads.size() == 1 && qualified_name(*reads.front()) == action.text) {
            message += " on " + in_quotes(where->text);
        } else {
            message += " allows " + describe_actions(reads) + " on " + in_quotes(where->text) + ", which";
        }
        message += ' ';
        message += first->reach;
        auto& finding = sink.report(action.place, std::move(message),
                                    "name the " + std::string(first->resources) +
                                        "s in ARNs, or add a condition such as aws:ResourceTag/...");
        sink.add_related(finding, where->place, "every " + std::string(first->resources) + " here");
    }

    // The first Resource entry that reaches every resource of one of the action's types, in the
    // policy's account (a placeholder account such as "${AWS::AccountId}" included).
    static const Entry* every_resource(const Statement& statement, const Action& action) {
        for (const auto& resource : statement.resources.entries) {
            const ResourceReach reach(resource.text);
            for (const auto& use : action.resource_types) {
                if (reach.every_resource_of(*use.type)) return &resource;
            }
        }
        return nullptr;
    }
};

}  // namespace

const Rule& wildcard_secret_access() {
    static const WildcardSecretAccess rule;
    return rule;
}

}  // namespace iamlint::rules
