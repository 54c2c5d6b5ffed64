#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "../rule_support.hpp"
#include "../rules.hpp"
#include "../trust_support.hpp"
#include "iamlint/ascii.hpp"
#include "iamlint/principals.hpp"

namespace iamlint::rules {

namespace {

constexpr std::string_view kTags[] = {"security", "principal", "confused-deputy"};

// The keys AWS sets on a service's requests made on behalf of a resource of a customer: what it
// recommends against the confused deputy. aws:SourceOwner is the older key of SNS and SES.
constexpr std::array<std::string_view, 5> kSourceKeys = {
    "aws:SourceArn", "aws:SourceAccount", "aws:SourceOrgID", "aws:SourceOrgPaths", "aws:SourceOwner"};

// A KMS key policy binds a service's use of the key to one resource through its encryption context
// (kms:EncryptionContext:aws:logs:arn ...), which does the same.
bool has_encryption_context_condition(const Statement& statement) {
    return std::any_of(
        statement.conditions.begin(), statement.conditions.end(), [](const Condition& condition) {
            return is_positive(condition) && istarts_with(condition.key, "kms:EncryptionContext:");
        });
}

class ServicePrincipalWithoutSource final : public Rule {
public:
    const RuleMeta& meta() const override {
        static const RuleMeta meta{
            .id = "IAM405",
            .name = "service-principal-without-source",
            .default_severity = Severity::Medium,
            .summary = "A service principal in a resource policy without aws:SourceArn or aws:SourceAccount",
            .description =
                "A service principal acts for every customer of the service: without a condition on "
                "aws:SourceArn, aws:SourceAccount, aws:SourceOrgID or aws:SourceOrgPaths, another account "
                "can have the service use your resource for theirs (the confused deputy). Resource policies "
                "only; trust policies of service roles are not judged.",
            .tags = kTags,
            .readme = embedded_readme("service-principal-without-source"),
        };
        return meta;
    }

    void check(const RuleContext& context, FindingSink& sink) const override {
        if (context.document.kind != PolicyKind::Resource) return;
        for (const auto& statement : context.document.policy.statements) {
            if (!statement.is_allow() || !statement.principals.present || statement.principals.negated)
                continue;
            if (positive_condition_on(statement, kSourceKeys) != nullptr ||
                has_encryption_context_condition(statement)) {
                continue;
            }
            // One finding per statement: the regional principals of one service (logs.REGION...) are
            // one thing to fix, with one condition.
            std::vector<const Entry*> services;
            for (const auto& principal : statement.principals.entries) {
                if (principal.type != "Service") continue;
                const PrincipalInfo info = classify_principal(principal);
                if (info.kind != PrincipalClass::Service && info.kind != PrincipalClass::Computed) continue;
                services.push_back(&principal.value);
            }
            if (services.empty()) continue;
            std::string who = in_quotes(services.front()->text);
            if (services.size() > 1)
                who += " and " + std::to_string(services.size() - 1) + " other service principal" +
                       (services.size() == 2 ? "" : "s");
            auto& finding = sink.report(
                services.front()->place,
                who + (services.size() == 1 ? " may" : " may each") +
                    " use this resource on behalf of any account: no condition on aws:SourceArn or "
                    "aws:SourceAccount",
                "add \"Condition\": {\"StringEquals\": {\"aws:SourceAccount\": \"ACCOUNT\"}} or an "
                "ArnLike on aws:SourceArn naming your resource that uses it");
            for (std::size_t i = 1; i < services.size(); ++i)
                sink.add_related(finding, services[i]->place, in_quotes(services[i]->text) + " too");
        }
    }
};

}  // namespace

const Rule& service_principal_without_source() {
    static const ServicePrincipalWithoutSource rule;
    return rule;
}

}  // namespace iamlint::rules
