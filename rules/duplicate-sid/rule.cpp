#include <string>
#include <unordered_map>
#include <vector>

#include "../rules.hpp"

namespace iamlint::rules {

namespace {

constexpr std::string_view kTags[] = {"correctness", "grammar"};

class DuplicateSid final : public Rule {
public:
    const RuleMeta& meta() const override {
        static const RuleMeta meta{
            .id = "IAM012",
            .name = "duplicate-sid",
            .default_severity = Severity::High,
            .summary = "Two statements of one policy with the same Sid",
            .description =
                "A Sid must be unique within its policy: IAM says so, and services such as SNS and SQS "
                "reject a policy that repeats one. Tools that edit statements by Sid (aws lambda "
                "remove-permission, CDK, policy generators) change the wrong one.",
            .tags = kTags,
            .readme = embedded_readme("duplicate-sid"),
        };
        return meta;
    }

    void check(const RuleContext& context, FindingSink& sink) const override {
        const auto& statements = context.document.policy.statements;
        std::unordered_map<std::string_view, const Entry*> first_of;
        for (const auto& statement : statements) {
            const Entry* sid = named_sid(statement);
            if (sid == nullptr) continue;
            auto [it, inserted] = first_of.try_emplace(sid->text, sid);
            if (inserted) continue;
            const Entry& first = *it->second;
            Finding& finding =
                sink.report(sid->place,
                            "Sid \"" + sid->text + "\" is already the Sid of the statement at line " +
                                std::to_string(context.document.source->range(first.place.range).line) +
                                ": a Sid must be unique within its policy",
                            "rename this one, for example to \"" + unused_name(statements, sid->text) + "\"");
            sink.add_related(finding, first.place, "the first \"" + sid->text + "\" is here");
        }
    }

private:
    // The statement's Sid when it names something: a string, not empty (AWS accepts any number of
    // empty Sids: they cannot collide), not computed.
    static const Entry* named_sid(const Statement& statement) {
        if (!statement.sid) return nullptr;
        const Entry& sid = *statement.sid;
        if (sid.computed || sid.json_type != JsonType::String || sid.text.empty()) return nullptr;
        return &sid;
    }

    // "ReadReports2", or the first of "ReadReports3", "ReadReports4" ... that no statement uses.
    static std::string unused_name(const std::vector<Statement>& statements, const std::string& sid) {
        for (std::size_t n = 2;; ++n) {
            std::string candidate = sid + std::to_string(n);
            bool used = false;
            for (const auto& statement : statements) {
                const Entry* other = named_sid(statement);
                used = used || (other != nullptr && other->text == candidate);
            }
            if (!used) return candidate;
        }
    }
};

}  // namespace

const Rule& duplicate_sid() {
    static const DuplicateSid rule;
    return rule;
}

}  // namespace iamlint::rules
