#include <algorithm>
#include <vector>

#include "../rule_support.hpp"
#include "../rules.hpp"
#include "iamlint/ascii.hpp"
#include "iamlint/grant_model.hpp"
#include "iamlint/sensitive_actions.hpp"

namespace iamlint::rules {

namespace {

constexpr std::string_view kTags[] = {"security", "least-privilege"};

std::string count_actions(std::size_t count, std::size_t denied) {
    if (denied > 0) return std::to_string(count - denied) + " of the " + std::to_string(count) + " actions";
    return count == 1 ? "its only action" : "all " + std::to_string(count) + " actions";
}

bool has_permissions_management(const Service& service) {
    return std::any_of(service.actions.begin(), service.actions.end(),
                       [](const Action& a) { return a.access_level == AccessLevel::PermissionsManagement; });
}

// Services that hold data or credentials, or guard the account (audit, detection, sign-in): a wildcard
// over them reads, changes or deletes that data, or blinds the guard. The list is the documented table
// data/sensitive-services.tsv. Services with any Permissions-management action are high anyway (found
// in the catalog).
bool is_sensitive(const Service& service) {
    return find_sensitive_service(service.prefix) != nullptr;
}

class ServiceWildcard final : public Rule {
public:
    const RuleMeta& meta() const override {
        static const RuleMeta meta{
            .id = "IAM202",
            .name = "service-wildcard",
            .default_severity = Severity::High,
            .summary = "Allow of every action of a service (\"s3:*\")",
            .description =
                "\"service:*\" allows every action of the service, today's and future ones: reading and "
                "deleting its data, changing resource policies. It is high for services that hold data "
                "or manage permissions and medium for the others.",
            .tags = kTags,
            .readme = embedded_readme("service-wildcard"),
        };
        return meta;
    }

    void check(const RuleContext& context, FindingSink& sink) const override {
        // A trust policy's only resource is the role: "sts:*" there is the trust rules' business.
        if (!grants_permissions(context.document.kind) || context.document.kind == PolicyKind::Trust) return;
        for (const auto& statement : context.document.policy.statements) {
            if (!is_allow_with_actions(statement) || delegates_to_accounts(context.document, statement))
                continue;
            for (const auto& action : statement.actions.entries) {
                if (!is_service_wildcard(action.text)) continue;
                const Service* service = context.catalog.find_service(split_action(action.text).service);
                // Unknown services are unknown-service's; rds:* and rds-db:* have their own rule,
                // broad-rds-access.
                if (service == nullptr || iequals(service->prefix, "rds") ||
                    iequals(service->prefix, "rds-db"))
                    continue;
                if (context.document.kind == PolicyKind::Iot) {
                    report_iot(context, statement, action, *service, sink);
                    continue;
                }
                // What an unconditional Deny of the policy leaves of the service.
                const std::size_t denied = context.grants.denied_in_service(statement, *service);
                if (denied == service->actions.size()) continue;
                const bool pm =
                    denied == 0
                        ? has_permissions_management(*service)
                        : std::any_of(service->actions.begin(), service->actions.end(), [&](const Action& a) {
                              return a.access_level == AccessLevel::PermissionsManagement &&
                                     !context.grants.denied_everywhere(statement, a);
                          });
                const bool data = is_sensitive(*service);
                std::string why = pm && data ? ", including its data and permissions-management actions"
                                  : pm       ? ", including its permissions-management actions"
                                  : data     ? ", including reading, changing and deleting what it holds"
                                             : "";
                sink.report(pm || data ? Severity::High : Severity::Medium, action.place,
                            "\"" + action.text + "\" allows " +
                                count_actions(service->actions.size(), denied) + " of " +
                                std::string(service->name) + why,
                            "list the " + std::string(service->prefix) + " actions this principal needs");
            }
        }
    }

private:
    // In an AWS IoT policy "iot:*" allows what a device can be allowed: connecting as any client,
    // publishing and subscribing on every topic, every shadow. The control-plane actions it also names
    // are granted to nobody, so they are not counted; a service none of whose actions a device can be
    // allowed ("s3:*") grants nothing.
    static void report_iot(const RuleContext& context, const Statement& statement, const Entry& action,
                           const Service& service, FindingSink& sink) {
        std::vector<const Action*> allowed;
        for (const Action& candidate : service.actions) {
            if (can_allow(PolicyKind::Iot, candidate) &&
                !context.grants.denied_everywhere(statement, candidate))
                allowed.push_back(&candidate);
        }
        if (allowed.empty()) return;
        // The MQTT actions first: they are what the wildcard gives a device above all.
        auto rank = [](const Action* a) {
            constexpr std::string_view kFirst[] = {"Connect", "Publish", "Subscribe", "Receive"};
            const auto* at = std::find(std::begin(kFirst), std::end(kFirst), a->name);
            return static_cast<std::size_t>(at - std::begin(kFirst));
        };
        std::stable_sort(allowed.begin(), allowed.end(),
                         [&](const Action* a, const Action* b) { return rank(a) < rank(b); });
        sink.report(Severity::High, action.place,
                    "\"" + action.text + "\" allows the devices of this AWS IoT policy every " +
                        std::string(service.name) + " action a device can be allowed (" +
                        describe_actions(allowed) + ")" +
                        (is_unscoped(statement) ? ", on every topic, client id and thing" : ""),
                    "list the actions the devices need, on their own client id, topics and thing "
                    "(policy variables such as ${iot:Connection.Thing.ThingName} name them)");
    }
};

}  // namespace

const Rule& service_wildcard() {
    static const ServiceWildcard rule;
    return rule;
}

}  // namespace iamlint::rules
