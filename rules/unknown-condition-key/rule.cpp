#include "../condition_support.hpp"
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
        for_each_condition(context,
                           [&](const ConditionView& view) { check_key(context.catalog, view, sink); });
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
        // Keys whose prefix is no service (OIDC providers such as token.actions.githubusercontent.com,
        // saml:) are not judged; an unknown service is unknown-service's.
        const Service* service = catalog.find_service(prefix);
        if (service == nullptr) return;
        sink.report(
            view.condition.key_place,
            key + " is not a condition key of " + std::string(service->name) + " (" +
                std::string(service->prefix) + ":)",
            or_else(did_you_mean(catalog, key), "see the condition keys of " + std::string(service->prefix) +
                                                    " in the Service Authorization Reference"));
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
