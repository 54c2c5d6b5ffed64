#include "iamlint/grant_model.hpp"

#include <algorithm>
#include <array>

#include "iamlint/ascii.hpp"

namespace iamlint {

namespace {

bool key_in(std::string_view key, std::span<const std::string_view> family) {
    // A "/" at the end stands for any tag key after it.
    return std::any_of(family.begin(), family.end(), [&](std::string_view known) {
        return known.ends_with('/') ? key.size() > known.size() && iequals(key.substr(0, known.size()), known)
                                    : iequals(key, known);
    });
}

// Keys whose value the caller chooses, or that only bound the time of a request.
constexpr std::array<std::string_view, 9> kCallerChosenKeys = {
    "aws:SecureTransport", "aws:RequestedRegion", "aws:CurrentTime", "aws:EpochTime",      "aws:UserAgent",
    "aws:Referer",         "aws:RequestTag/",     "aws:TagKeys",     "aws:TokenIssueTime",
};
constexpr std::array<std::string_view, 4> kResourceKeys = {"aws:ResourceAccount", "aws:ResourceOrgID",
                                                           "aws:ResourceOrgPaths", "aws:ResourceTag/"};
constexpr std::array<std::string_view, 12> kPrincipalKeys = {
    "aws:PrincipalArn",  "aws:PrincipalAccount", "aws:PrincipalOrgID",         "aws:PrincipalOrgPaths",
    "aws:PrincipalTag/", "aws:PrincipalType",    "aws:PrincipalIsAWSService",  "aws:PrincipalServiceName",
    "aws:userid",        "aws:username",         "aws:MultiFactorAuthPresent", "aws:MultiFactorAuthAge"};
constexpr std::array<std::string_view, 10> kRequestKeys = {
    "aws:SourceIp",      "aws:SourceVpc",   "aws:SourceVpce", "aws:VpcSourceIp",   "aws:SourceArn",
    "aws:SourceAccount", "aws:SourceOrgID", "aws:CalledVia",  "aws:ViaAWSService", "aws:SourceOrgPaths"};

bool says_mfa_absent(const Condition& condition) {
    return iequals(condition.key, "aws:MultiFactorAuthPresent") && condition.op.base == "Bool" &&
           std::all_of(condition.values.begin(), condition.values.end(),
                       [](const Entry& v) { return iequals(v.text, "false"); });
}

}  // namespace

ConditionClass classify_condition(const Condition& condition) {
    // Both hold when the key is absent from the request.
    if (condition.op.if_exists || condition.op.set == SetQualifier::ForAllValues)
        return ConditionClass::SatisfiableAtWill;
    // Every key of the tables below is a global aws: key.
    const bool global =
        condition.key.size() > 4 && iequals(std::string_view(condition.key).substr(0, 4), "aws:");
    if (global && key_in(condition.key, kCallerChosenKeys)) return ConditionClass::SatisfiableAtWill;
    // "MFA absent" holds for every long-term access key.
    if (says_mfa_absent(condition)) return ConditionClass::SatisfiableAtWill;
    if (global && key_in(condition.key, kResourceKeys)) return ConditionClass::NarrowsResources;
    if (global && key_in(condition.key, kPrincipalKeys)) return ConditionClass::NarrowsPrincipals;
    if (global && key_in(condition.key, kRequestKeys)) return ConditionClass::NarrowsRequest;
    // A service's own tag keys name the resource's tags (ec2:ResourceTag/..., ssm:resourceTag/...).
    if (to_lower(condition.key).find("resourcetag/") != std::string::npos)
        return ConditionClass::NarrowsResources;
    return ConditionClass::Unknown;
}

GrantModel::GrantModel(const Catalog& catalog, const PolicyDocument& document)
    : document_(&document), permissions_(catalog, document) {
    const auto& statements = document.policy.statements;
    by_statement_.assign(statements.size(), nullptr);
    for (const Grant& grant : permissions_.grants()) {
        by_statement_[static_cast<std::size_t>(grant.statement - statements.data())] = &grant;
    }
    has_unconditional_deny_ = std::any_of(statements.begin(), statements.end(), [](const Statement& s) {
        return s.effect == Effect::Deny && s.actions.present && removes_for_sure(s);
    });
}

const Grant* GrantModel::grant_of(const Statement& statement) const {
    const auto& statements = document_->policy.statements;
    if (statements.empty() || &statement < statements.data() ||
        &statement >= statements.data() + statements.size())
        return nullptr;
    return by_statement_[static_cast<std::size_t>(&statement - statements.data())];
}

bool GrantModel::denied_everywhere(const Statement& statement, const Action& action) const {
    if (!has_unconditional_deny_) return false;
    const Grant* grant = grant_of(statement);
    if (grant == nullptr || grant->before_deny.size() == 0) return false;
    const std::size_t i = permissions_.index().index_of(action);
    return grant->before_deny.test(i) && !grant->actions.test(i);
}

std::size_t GrantModel::denied_in_service(const Statement& statement, const Service& service) const {
    std::size_t n = 0;
    for (const Action& action : service.actions) n += denied_everywhere(statement, action) ? 1 : 0;
    return n;
}

}  // namespace iamlint
