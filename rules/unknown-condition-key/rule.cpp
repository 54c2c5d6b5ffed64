#include <algorithm>
#include <vector>

#include "../arn_support.hpp"
#include "../condition_support.hpp"
#include "../rule_support.hpp"
#include "../rules.hpp"

namespace iamlint::rules {

namespace {

constexpr std::string_view kTags[] = {"validity", "conditions"};

std::string did_you_mean(const Catalog& catalog, std::string_view key) {
    std::string suggestion = suggest_condition_key(catalog, key);
    return suggestion.empty() ? std::string() : "did you mean " + suggestion + "?";
}

class UnknownConditionKey final : public Rule {
public:
    const RuleMeta& meta() const override {
        static const RuleMeta meta{
            .id = "IAM106",
            .name = "unknown-condition-key",
            .default_severity = Severity::High,
            .summary = "A global aws: key or a service condition key that does not exist",
            .description =
                "A condition on a key that is not in the request context of any request never matches "
                "(and with a negated operator or IfExists always does). Global keys come from AWS's list "
                "of global condition keys, service keys from the Service Authorization Reference; "
                "aws:ARN is not a condition key.",
            .tags = kTags,
            .readme = embedded_readme("unknown-condition-key"),
        };
        return meta;
    }

    void check(const RuleContext& context, FindingSink& sink) const override {
        const bool iot = context.document.kind == PolicyKind::Iot;
        for_each_condition(context, [&](const ConditionView& view) {
            // AWS IoT evaluates its own device keys in an IoT policy.
            if (iot && is_iot_policy_condition_key(view.condition.key)) return;
            check_key(context.catalog, view, sink);
        });
    }

private:
    static void check_key(const Catalog& catalog, const ConditionView& view, FindingSink& sink) {
        const std::string& key = view.condition.key;
        // A key built from a template (CloudFormation Fn::Sub, Terraform interpolation) is not known
        // until deployment.
        if (key.find("${") != std::string::npos || key.empty()) return;
        if (view.key) {
            if (view.key->status != KeyStatus::Unsupported) return;
            sink.report(view.condition.key_place,
                        key + " is not a condition key IAM evaluates: no request has it",
                        "use " + alternatives(view.key->replacement));
            return;
        }
        const std::string_view prefix = condition_key_prefix(key);
        if (prefix.size() == key.size()) {
            const std::string global = "aws:" + key;
            sink.report(view.condition.key_place,
                        "\"" + key + "\" has no prefix: condition keys are written \"service:name\"",
                        find_condition_key(catalog, global) ? "write " + global
                                                            : std::string("add the service prefix"));
            return;
        }
        if (iequals(prefix, "aws")) {
            sink.report(view.condition.key_place, key + " is not a global condition key",
                        or_else(did_you_mean(catalog, key), "see AWS's list of global condition keys"));
            return;
        }
        const Service* service = catalog.find_service(prefix);
        if (service == nullptr) {
            check_unknown_prefix(catalog, view, prefix, sink);
            return;
        }
        sink.report(
            view.condition.key_place,
            key + " is not a condition key of " + std::string(service->name) + " (" +
                std::string(service->prefix) + ":)",
            or_else(did_you_mean(catalog, key), "see the condition keys of " + std::string(service->prefix) +
                                                    " in the Service Authorization Reference"));
    }

    // Access Analyzer's INVALID_SERVICE for condition keys. Prefixes that are host names are identity
    // providers' (token.actions.githubusercontent.com:sub, accounts.google.com:aud) and saml: is SAML's:
    // not judged. Any other prefix that no service has is a key no request carries.
    static void check_unknown_prefix(const Catalog& catalog, const ConditionView& view,
                                     std::string_view prefix, FindingSink& sink) {
        if (prefix.empty() || prefix.find('.') != std::string_view::npos || iequals(prefix, "saml")) return;
        // With actions of the same unknown service (a retired one: deepracer:* and deepracer:UserToken),
        // unknown-service has said it for the statement.
        const auto& actions = view.statement.actions.entries;
        if (std::any_of(actions.begin(), actions.end(), [&](const Entry& action) {
                return iequals(split_action(action.text).service, prefix);
            }))
            return;
        std::vector<std::string_view> prefixes;
        for (const Service& service : catalog.services()) prefixes.push_back(service.prefix);
        const std::string_view suggestion = closest_name(prefix, prefixes);
        sink.report(view.condition.key_place,
                    view.condition.key + ": " + in_quotes(prefix) +
                        " is not an AWS service prefix (the AWS catalog of " +
                        std::string(catalog.version().date) + "), so no request carries this key",
                    suggestion.empty()
                        ? std::string("write the key as service:name with the service's prefix")
                        : "did you mean the service " + in_quotes(suggestion) + "?");
    }

    static std::string or_else(std::string text, std::string fallback) {
        return text.empty() ? fallback : text;
    }
};

}  // namespace

const Rule& unknown_condition_key() {
    static const UnknownConditionKey rule;
    return rule;
}

}  // namespace iamlint::rules
