#include "../rule_support.hpp"
#include "../rules.hpp"
#include "iamlint/arn.hpp"
#include "iamlint/ascii.hpp"
#include "iamlint/wildcards.hpp"

namespace iamlint::rules {

namespace {

constexpr std::string_view kTags[] = {"security", "least-privilege", "rds"};

constexpr std::string_view kFix =
    "grant rds-db:connect on the exact database user, "
    "arn:aws:rds-db:REGION:ACCOUNT:dbuser:DB_RESOURCE_ID/USER_NAME";

bool allows_rds_db_connect(std::string_view action) {
    auto [service, name] = split_action(action);
    return iequals(service, "rds-db") && wildcard_match_ci(name, "connect");
}

// A resource that lets rds-db:connect log in as more than one database user.
bool is_wildcarded_db_user(std::string_view resource) {
    if (matches_every_resource(resource)) return true;
    auto arn = split_arn(resource);
    if (!arn || !(iequals(arn->service, "rds-db") || arn->service == "*")) return false;
    return find_wildcard(arn->resource) != std::string_view::npos;
}

class BroadRdsAccess final : public Rule {
public:
    const RuleMeta& meta() const override {
        static const RuleMeta meta{
            .id = "IAM203",
            .name = "broad-rds-access",
            .default_severity = Severity::High,
            .summary = "Allow of all of rds:*, or rds-db:connect as any database user",
            .description =
                "\"rds:*\" lets a principal delete databases and snapshots, reset master passwords and "
                "share snapshots with other accounts. An application that only logs in needs "
                "rds-db:connect on one database user, not on \"*\" or a wildcarded user name.",
            .tags = kTags,
            .readme = embedded_readme("broad-rds-access"),
        };
        return meta;
    }

    void check(const RuleContext& context, FindingSink& sink) const override {
        // An AWS IoT policy allows none of this service's actions (can_allow).
        if (!grants_permissions(context.document.kind) || context.document.kind == PolicyKind::Iot) return;
        for (const auto& statement : context.document.policy.statements) {
            if (!is_allow_with_actions(statement)) continue;
            bool connects = false;
            for (const auto& action : statement.actions.entries) {
                auto [service, name] = split_action(action.text);
                if (iequals(service, "rds") && is_service_wildcard(action.text)) {
                    sink.report(action.place,
                                "\"" + action.text +
                                    "\" allows every RDS action, including deleting databases, "
                                    "resetting master passwords and sharing snapshots",
                                std::string("list the RDS actions this principal needs; to log in, ") +
                                    std::string(kFix));
                }
                connects = connects || allows_rds_db_connect(action.text);
            }
            if (!connects || !statement.resources.present) continue;
            if (statement.resources.negated) {
                sink.report(statement.resources.key,
                            "rds-db:connect with NotResource lets the principal log in as any database user",
                            std::string(kFix));
                continue;
            }
            for (const auto& resource : statement.resources.entries) {
                if (!is_wildcarded_db_user(resource.text)) continue;
                sink.report(resource.place,
                            "rds-db:connect on \"" + resource.text +
                                "\" lets the principal log in as any database "
                                "user it matches",
                            std::string(kFix));
            }
        }
    }
};

}  // namespace

const Rule& broad_rds_access() {
    static const BroadRdsAccess rule;
    return rule;
}

}  // namespace iamlint::rules
