#include <algorithm>
#include <optional>
#include <set>

#include "../rule_support.hpp"
#include "../rules.hpp"
#include "iamlint/grant_model.hpp"
#include "iamlint/privilege_escalation.hpp"

namespace iamlint::rules {

namespace {

constexpr std::string_view kTags[] = {"security", "privilege-escalation"};

bool is_identity(const PolicyDocument& document) {
    return document.kind == PolicyKind::Identity || document.kind == PolicyKind::Unknown;
}

// "iam:PassRole + ec2:RunInstances": the actions of a path, as allowed.
std::string describe_steps(const EscalationPath& path) {
    std::string text;
    for (const StepGrant& step : path.steps) {
        if (!text.empty()) text += " + ";
        text += qualified_name(*step.action);
    }
    return text;
}

// The steps limited to named resources, for the message: whether those are more privileged than the
// caller is what decides, and it cannot be known offline.
std::string scoping_note(const EscalationPath& path) {
    std::vector<std::string> scoped;
    for (const StepGrant& step : path.steps) {
        if (!step.every_resource) scoped.push_back(qualified_name(*step.action));
    }
    if (scoped.empty()) return {};
    std::string names;
    for (std::size_t i = 0; i < scoped.size(); ++i) {
        if (i > 0) names += i + 1 == scoped.size() ? " and " : ", ";
        names += scoped[i];
    }
    return "; " + names + (scoped.size() == 1 ? " is" : " are") +
           " limited to named resources: an escalation if they are more privileged than the caller";
}

// A PassRole grant that counts only through its iam:PassedToService condition.
std::string pass_role_note(const EscalationPath& path) {
    for (const StepGrant& step : path.steps) {
        for (const Grant* grant : step.grants) {
            if (!grant->unconditional()) {
                return " (iam:PassedToService allows " + path.method->passed_to.front() + ")";
            }
        }
    }
    return {};
}

// "pathfinding.cloud ec2-001 (https://...), Rhino Security Labs method 3": where the method is published.
std::string catalog_entries(const EscalationMethod& method) {
    std::string text;
    for (const std::string& id : method.catalogs) {
        if (!text.empty()) text += ", ";
        text += describe_catalog_id(id);
    }
    return text;
}

// "; published as ...": for the fix of a finding of one method.
std::string catalog_note(const EscalationMethod& method) {
    const std::string entries = catalog_entries(method);
    return entries.empty() ? std::string{} : "; published as " + entries;
}

std::string document_name(const PolicyDocument& document) {
    return document.origin.empty() ? document.path() : document.origin;
}

// Findings of a set of paths on one policy or on one principal's policies.
class Reporter {
public:
    Reporter(std::string prefix, bool several) : prefix_(std::move(prefix)), several_(several) {}

    template <typename SinkFor>
    void report(const std::vector<EscalationPath>& paths, std::size_t method_count,
                SinkFor&& sink_for) const {
        if (paths.empty()) return;
        // Every method, each on every resource: the principal is an administrator already, and twenty
        // findings would say that less clearly than one.
        const bool full_admin =
            paths.size() == method_count &&
            std::all_of(paths.begin(), paths.end(), [](const auto& p) { return p.unscoped(); });
        if (full_admin) {
            report_full_admin(paths, sink_for);
            return;
        }
        // One finding per Action entry: "iam:*" allows fourteen methods at one place, and fourteen
        // findings on one token say less than one that lists them.
        std::vector<std::vector<const EscalationPath*>> by_place;
        for (const EscalationPath& path : paths) {
            auto same = std::find_if(by_place.begin(), by_place.end(), [&](const auto& group) {
                return anchor_of(*group.front()) == anchor_of(path);
            });
            if (same == by_place.end()) {
                by_place.push_back({&path});
            } else {
                same->push_back(&path);
            }
        }
        for (const auto& group : by_place) {
            if (group.size() == 1) {
                report_path(*group.front(), sink_for);
            } else {
                report_group(group, sink_for);
            }
        }
    }

private:
    std::string prefix_;  // "user alice: " for a principal's findings
    bool several_;        // the policies of one principal: related locations name their policy

    // Where a path's finding goes: the Action entry (or NotAction key) of its first step.
    static std::pair<const PolicyDocument*, const Place*> anchor_of(const EscalationPath& path) {
        const StepGrant& first = path.steps.front();
        const Grant& grant = *first.grants.front();
        return {grant.document, &EffectivePermissions::action_place(grant, *first.action)};
    }

    template <typename SinkFor>
    void add_step_locations(Finding& finding, const EscalationPath& path,
                            std::set<std::pair<const PolicyDocument*, const Place*>>& seen,
                            SinkFor&& sink_for) const {
        for (const StepGrant& step : path.steps) {
            const Grant& grant = *step.grants.front();
            const Place& place = EffectivePermissions::action_place(grant, *step.action);
            if (!seen.insert({grant.document, &place}).second) continue;
            std::string message = qualified_name(*step.action) + " is allowed here";
            if (several_) message += " (" + document_name(*grant.document) + ")";
            sink_for(*grant.document).add_related(finding, place, std::move(message));
        }
    }

    // Several methods whose first step is allowed by the same Action entry.
    template <typename SinkFor>
    void report_group(const std::vector<const EscalationPath*>& group, SinkFor&& sink_for) const {
        const auto [document, where] = anchor_of(*group.front());
        const Statement& statement = *group.front()->steps.front().grants.front()->statement;
        std::string token = "NotAction";
        for (const Entry& entry : statement.actions.entries) {
            if (&entry.place == where) token = entry.text;
        }
        const bool any_unscoped =
            std::any_of(group.begin(), group.end(), [](const EscalationPath* p) { return p->unscoped(); });
        std::string message = prefix_ + token + " allows " + std::to_string(group.size()) +
                              " privilege-escalation methods: ";  // ids: the README's table explains each
        std::string fix = "break each method: ";
        for (std::size_t i = 0; i < group.size(); ++i) {
            const EscalationPath& path = *group[i];
            if (i > 0) {
                message += ", ";
                fix += "; ";
            }
            message += path.method->id;
            if (path.steps.size() > 1) message += " (" + describe_steps(path) + ")";
            if (any_unscoped && !path.unscoped()) message += " on named resources only";
            fix += path.method->id + ": " + path.method->fix;
            const std::string entries = catalog_entries(*path.method);
            if (!entries.empty()) fix += " (published as " + entries + ")";
        }
        FindingSink sink = sink_for(*document);
        Finding& finding =
            sink.report(any_unscoped ? Severity::Critical : Severity::High, *where, std::move(message), fix);
        std::set<std::pair<const PolicyDocument*, const Place*>> seen{{document, where}};
        for (const EscalationPath* path : group) add_step_locations(finding, *path, seen, sink_for);
    }

    template <typename SinkFor>
    void report_path(const EscalationPath& path, SinkFor&& sink_for) const {
        const StepGrant& first = path.steps.front();
        const Grant& anchor = *first.grants.front();
        const Place& where = EffectivePermissions::action_place(anchor, *first.action);
        const Severity severity = path.unscoped() ? Severity::Critical : Severity::High;
        FindingSink sink = sink_for(*anchor.document);
        Finding& finding =
            sink.report(severity, where,
                        prefix_ + describe_steps(path) + (path.steps.size() == 1 ? " allows" : " allow") +
                            " privilege escalation: " + path.method->title + " (" + path.method->id + ")" +
                            pass_role_note(path) + scoping_note(path),
                        path.method->fix + catalog_note(*path.method));
        std::set<std::pair<const PolicyDocument*, const Place*>> seen{{anchor.document, &where}};
        add_step_locations(finding, path, seen, sink_for);
    }

    template <typename SinkFor>
    void report_full_admin(const std::vector<EscalationPath>& paths, SinkFor&& sink_for) const {
        const StepGrant& first = paths.front().steps.front();
        const Grant& anchor = *first.grants.front();
        const Place& where = EffectivePermissions::action_place(anchor, *first.action);
        FindingSink sink = sink_for(*anchor.document);
        Finding& finding = sink.report(
            Severity::Critical, where,
            prefix_ + "allows every one of the " + std::to_string(paths.size()) +
                " privilege-escalation methods iamlint knows, on every resource: full administrator access",
            "grant only the actions this principal needs; keep IAM and iam:PassRole out of it; the methods "
            "are published at https://pathfinding.cloud, "
            "https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/ and "
            "https://github.com/BishopFox/iam-vulnerable (iamlint explain IAM301 lists them)");
        std::set<std::pair<const PolicyDocument*, const Place*>> seen{{anchor.document, &where}};
        for (const EscalationPath& path : paths) add_step_locations(finding, path, seen, sink_for);
    }
};

// Paths that a permissions boundary also allows: a boundary caps what the policies grant.
void keep_within_boundary(std::vector<EscalationPath>& paths, const EffectivePermissions* boundary) {
    if (boundary == nullptr) return;
    std::erase_if(paths, [&](const EscalationPath& path) {
        return std::any_of(path.steps.begin(), path.steps.end(),
                           [&](const StepGrant& step) { return boundary->grants_for(*step.action).empty(); });
    });
}

class PrivilegeEscalation final : public Rule {
public:
    const RuleMeta& meta() const override {
        static const RuleMeta meta{
            .id = "IAM301",
            .name = "privilege-escalation",
            .default_severity = Severity::Critical,
            .summary = "Allowed actions that let a principal raise its own permissions",
            .description =
                "Finds the published privilege-escalation methods (iam:CreatePolicyVersion, "
                "iam:PassRole with ec2:RunInstances or lambda:CreateFunction, iam:AttachUserPolicy, "
                "CloudFormation stack updates, CodeBuild builds, SSM commands ...) among the actions a "
                "policy allows after explicit "
                "Deny, across its statements and, for an authorization-details dump, across every policy "
                "of one user, group or role. High instead of critical when a step is limited to named "
                "resources.",
            .tags = kTags,
            .readme = embedded_readme("privilege-escalation"),
        };
        return meta;
    }

    void check(const RuleContext& context, FindingSink& sink) const override {
        if (!is_identity(context.document)) return;
        const auto paths = find_escalation_paths(context.grants.permissions());
        Reporter("", false).report(paths, escalation_methods().size(),
                                   [&](const PolicyDocument&) -> FindingSink& { return sink; });
    }

    bool checks_principals() const override { return true; }

    void check_principal(const PrincipalContext& context, PrincipalFindingSink& sink) const override {
        std::vector<const PolicyDocument*> policies;
        for (const PolicyDocument* document : context.policies) {
            if (is_identity(*document)) policies.push_back(document);
        }
        if (policies.size() < 2) return;  // one policy: check() has judged it
        // Most principals' policies name no whole method even together: evaluating them was most of
        // IAM301's time on an authorization dump.
        if (!may_escalate(context.catalog, policies)) return;
        const EffectivePermissions permissions(context.catalog, policies);
        auto paths = find_escalation_paths(permissions);
        if (paths.empty()) return;
        // A method that one policy allows alone is reported on that policy by check(). A policy that
        // cannot name a whole method is not evaluated alone.
        std::set<const EscalationMethod*> single;
        for (const PolicyDocument* document : policies) {
            if (!may_escalate(context.catalog, std::span(&document, 1))) continue;
            const EffectivePermissions alone(context.catalog, *document);
            for (const auto& path : find_escalation_paths(alone)) single.insert(path.method);
        }
        std::erase_if(paths, [&](const EscalationPath& path) { return single.contains(path.method); });
        std::optional<EffectivePermissions> boundary;
        if (context.permissions_boundary != nullptr)
            boundary.emplace(context.catalog, *context.permissions_boundary);
        keep_within_boundary(paths, boundary ? &*boundary : nullptr);
        const std::string prefix = std::string(context.type) + " " + std::string(context.name) + ", across " +
                                   std::to_string(policies.size()) + " policies: ";
        // Never collapsed into "full admin" here: the methods a single policy allows are gone.
        Reporter(prefix, true).report(paths, escalation_methods().size() + 1, [&](const PolicyDocument& d) {
            return sink.on(d);
        });
    }
};

}  // namespace

const Rule& privilege_escalation() {
    static const PrivilegeEscalation rule;
    return rule;
}

}  // namespace iamlint::rules
