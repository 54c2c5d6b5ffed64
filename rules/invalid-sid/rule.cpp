#include "../kind_support.hpp"
#include "../rules.hpp"

namespace iamlint::rules {

namespace {

constexpr std::string_view kTags[] = {"correctness", "grammar"};

bool is_alphanumeric(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

// Kinds whose service validates the Sid against [A-Za-z0-9]: IAM (identity policies, and permissions
// boundaries, which are managed policies) and Organizations for SCPs. Resource policies are
// validated by their own services, and KMS and S3 accept spaces ("Enable IAM User Permissions").
bool checks_sid_characters(PolicyKind kind) {
    return kind == PolicyKind::Identity || kind == PolicyKind::PermissionsBoundary || kind == PolicyKind::Scp;
}

std::string describe_character(std::string_view sid, std::size_t at) {
    const char c = sid[at];
    if (c == ' ') return "a space";
    if (static_cast<unsigned char>(c) >= 0x80) return "a non-ASCII character";
    if (static_cast<unsigned char>(c) < 0x20) return "a control character";
    return kinds::quoted(std::string_view(&sid[at], 1));
}

// "Allow read-only access" -> "AllowReadOnlyAccess": the words kept, each starting upper case. Empty
// when that would drop letters (non-ASCII ones) or leave nothing.
std::string suggested_sid(std::string_view sid) {
    std::string out;
    for (char c : sid) {
        if (static_cast<unsigned char>(c) >= 0x80) return out;
    }
    bool word_start = false;
    for (char c : sid) {
        if (!is_alphanumeric(c)) {
            word_start = true;
            continue;
        }
        if (word_start && !out.empty() && c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        out += c;
        word_start = false;
    }
    return out;
}

class InvalidSid final : public Rule {
public:
    const RuleMeta& meta() const override {
        static const RuleMeta meta{
            .id = "IAM011",
            .name = "invalid-sid",
            .default_severity = Severity::Medium,
            .summary =
                "A Sid with characters other than A-Z, a-z and 0-9 where the policy kind forbids "
                "them, or an empty Sid",
            .description =
                "IAM and AWS Organizations accept only ASCII letters and digits in the Sid of an "
                "identity policy, permissions boundary or SCP, and reject the policy otherwise. An empty "
                "Sid is accepted everywhere but names nothing (info).",
            .tags = kTags,
            .readme = embedded_readme("invalid-sid"),
        };
        return meta;
    }

    void check(const RuleContext& context, FindingSink& sink) const override {
        const PolicyKind kind = context.document.kind;
        for (const auto& statement : context.document.policy.statements) {
            if (!statement.sid || statement.sid->computed || statement.sid->json_type != JsonType::String)
                continue;
            const Entry& sid = *statement.sid;
            if (sid.text.empty()) {
                sink.report(Severity::Info, sid.place,
                            "empty Sid \"\": it names nothing (AWS accepts it; Terraform's "
                            "aws_iam_policy_document used to write it)",
                            "remove the \"Sid\" or give the statement a name such as \"ReadReports\"");
                continue;
            }
            if (!checks_sid_characters(kind)) continue;
            std::size_t bad = 0;
            while (bad < sid.text.size() && is_alphanumeric(sid.text[bad])) ++bad;
            if (bad == sid.text.size()) continue;
            std::string suggestion = suggested_sid(sid.text);
            sink.report(sid.place,
                        "Sid \"" + sid.text + "\" contains " + describe_character(sid.text, bad) + ": " +
                            std::string(kinds::describe(kind)) + " accepts only A-Z, a-z and 0-9 in a Sid",
                        suggestion.empty()
                            ? std::string("use only the ASCII letters A-Z, a-z and digits 0-9 in the Sid")
                            : "write it as \"" + suggestion + "\"");
        }
    }
};

}  // namespace

const Rule& invalid_sid() {
    static const InvalidSid rule;
    return rule;
}

}  // namespace iamlint::rules
