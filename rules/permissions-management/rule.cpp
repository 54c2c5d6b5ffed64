#include "../rules.hpp"
#include "../sensitive_support.hpp"

namespace iamlint::rules {

namespace {

constexpr std::string_view kTags[] = {"security", "resource-exposure"};

class PermissionsManagement final : public Rule {
public:
    const RuleMeta& meta() const override {
        static const RuleMeta meta{
            .id = "IAM302",
            .name = "permissions-management",
            .default_severity = Severity::High,
            .summary = "Permissions-management actions allowed on every resource (resource exposure)",
            .description =
                "Actions whose access level is Permissions management (resource policies, grants, ACLs, "
                "sharing, IAM policies) on every resource of their type: whoever holds them can open any "
                "of those resources to other principals and accounts, or widen their own access.",
            .tags = kTags,
            .readme = embedded_readme("permissions-management"),
        };
        return meta;
    }

    void check(const RuleContext& context, FindingSink& sink) const override {
        report_unconstrained_category(
            context, sink,
            {.category = SensitiveCategory::PermissionsManagement,
             .what_one =
                 " manages the permissions of every resource of its type: any of them can be opened to other "
                 "principals or accounts, or given more access",
             .what_many =
                 " manage the permissions of every resource of their type: any of them can be opened to "
                 "other principals or accounts, or given more access",
             .fix = "name the resources whose permissions this principal manages, or add a condition on "
                    "aws:ResourceTag/... or aws:ResourceAccount",
             .what_taking_away =
                 " can remove policies, grants or permissions on every resource of the type: "
                 "access breaks, and a Deny or condition in a removed policy no longer fences "
                 "the resource"});
    }
};

}  // namespace

const Rule& permissions_management() {
    static const PermissionsManagement rule;
    return rule;
}

}  // namespace iamlint::rules
