#include <array>

#include "../kind_support.hpp"
#include "../rules.hpp"

namespace iamlint::rules {

namespace {

constexpr std::string_view kTags[] = {"correctness", "grammar"};

// Resource policies whose services document Resource as required: an S3 bucket policy, an SNS topic
// policy ("Resource: 1 (0 is invalid)") and a KMS key policy ("Resource": "*"). Others, such as ECR
// repository policies, leave it out, so elsewhere its absence is no finding.
struct ServiceNeedingResource {
    std::string_view service;
    std::string_view policy;
};
constexpr std::array<ServiceNeedingResource, 3> kServicesNeedingResource = {{
    {"s3", "an S3 bucket policy"},
    {"sns", "an SNS topic policy"},
    {"kms", "a KMS key policy"},
}};

// What kind of policy needs Resource or NotResource in every statement, for the message; empty if
// this one does not (or iamlint cannot tell).
std::string_view needing_resource(const PolicyDocument& document) {
    if (kinds::has_identity_grammar(document.kind) || document.kind == PolicyKind::Iot)
        return kinds::describe(document.kind);
    if (document.kind != PolicyKind::Resource) return {};
    auto service = kinds::single_service(document.policy);
    if (!service) return {};
    for (const auto& [name, policy] : kServicesNeedingResource) {
        if (*service == name) return policy;
    }
    return {};
}

class InvalidResourceElement final : public Rule {
public:
    const RuleMeta& meta() const override {
        static const RuleMeta meta{
            .id = "IAM009",
            .name = "invalid-resource-element",
            .default_severity = Severity::High,
            .summary =
                "A statement without Resource/NotResource where its policy kind needs one, with "
                "both, or with Resource in a role trust policy",
            .description =
                "IAM rejects an identity policy, permissions boundary or session policy statement "
                "without Resource or NotResource, any statement with both, and a Resource element in a "
                "role trust policy, where the role itself is the resource. S3 bucket, SNS topic and KMS "
                "key policies need Resource too.",
            .tags = kTags,
            .readme = embedded_readme("invalid-resource-element"),
        };
        return meta;
    }

    void check(const RuleContext& context, FindingSink& sink) const override {
        const PolicyDocument& document = context.document;
        const std::string_view needing = needing_resource(document);
        for (const auto& statement : document.policy.statements) {
            const JsonValue* object = kinds::statement_object(document, statement);
            if (object == nullptr) continue;
            const JsonMember* resource = object->find("Resource");
            const JsonMember* not_resource = object->find("NotResource");
            if (document.kind == PolicyKind::Trust) {
                for (const JsonMember* found : {resource, not_resource}) {
                    if (found == nullptr) continue;
                    sink.report(kinds::key_place(statement, *found),
                                "\"" + found->key +
                                    "\" is not allowed in a role trust policy: the role it belongs to is "
                                    "the resource",
                                "remove \"" + found->key + "\" from the trust policy statement");
                }
            } else if (resource != nullptr && not_resource != nullptr) {
                const JsonMember* later =
                    resource->key_range.offset > not_resource->key_range.offset ? resource : not_resource;
                const JsonMember* earlier = later == resource ? not_resource : resource;
                Finding& finding = sink.report(
                    kinds::key_place(statement, *later),
                    "the statement has both \"Resource\" and \"NotResource\": IAM accepts only one of them",
                    "keep either \"Resource\" (the resources it applies to) or \"NotResource\" (the ones it "
                    "excludes)");
                sink.add_related(finding, kinds::key_place(statement, *earlier),
                                 "\"" + earlier->key + "\" is here");
            } else if (!needing.empty() && resource == nullptr && not_resource == nullptr &&
                       !kinds::has_miscased_key(*object, "Resource") &&
                       !kinds::has_miscased_key(*object, "NotResource")) {
                sink.report(kinds::opening_brace(statement.place),
                            "the statement has no \"Resource\" or \"NotResource\": " + std::string(needing) +
                                " needs one in every statement",
                            "add the \"Resource\" element with the ARNs the statement applies to");
            }
        }
    }
};

}  // namespace

const Rule& invalid_resource_element() {
    static const InvalidResourceElement rule;
    return rule;
}

}  // namespace iamlint::rules
