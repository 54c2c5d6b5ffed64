#include "../rules.hpp"
#include "../sensitive_support.hpp"

namespace iamlint::rules {

namespace {

constexpr std::string_view kTags[] = {"security", "credentials"};

class CredentialsExposure final : public Rule {
public:
    const RuleMeta& meta() const override {
        static const RuleMeta meta{
            .id = "IAM303",
            .name = "credentials-exposure",
            .default_severity = Severity::High,
            .summary = "Actions that return or create credentials allowed on every resource",
            .description =
                "Actions that create or return credentials (access keys, console passwords, temporary "
                "credentials of any role, database and instance logins) on every user, role or database: "
                "whoever holds them can act as other identities. ecr:GetAuthorizationToken and the other "
                "tokens bounded by the caller's own permissions are not reported.",
            .tags = kTags,
            .readme = embedded_readme("credentials-exposure"),
        };
        return meta;
    }

    void check(const RuleContext& context, FindingSink& sink) const override {
        report_unconstrained_category(
            context, sink,
            {.category = SensitiveCategory::CredentialsExposure,
             .what_one =
                 " can create or return credentials for every user, role or database it applies to: whoever "
                 "holds it can act as those identities",
             .what_many = " can create or return credentials for every user, role or database they apply to: "
                          "whoever holds them can act as those identities",
             .fix = "name the users, roles or databases in ARNs (arn:aws:iam::111122223333:role/deployer), "
                    "or remove the actions"});
    }
};

}  // namespace

const Rule& credentials_exposure() {
    static const CredentialsExposure rule;
    return rule;
}

}  // namespace iamlint::rules
