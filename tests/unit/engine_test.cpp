#include <stdexcept>

#include <catch2/catch.hpp>

#include "iamlint/engine.hpp"
#include "iamlint/loader.hpp"

using namespace iamlint;

namespace {

constexpr std::string_view kTags[] = {"test"};

class ThrowingRule final : public Rule {
public:
    const RuleMeta& meta() const override {
        static const RuleMeta meta{"IAM990", "throwing-rule", Severity::Low, "throws",
                                   "throws", kTags,           true,          ""};
        return meta;
    }
    void check(const RuleContext& context, FindingSink& sink) const override {
        sink.report(context.document.policy.statements.at(0).place, "half a result");
        throw std::runtime_error("boom");
    }
};

}  // namespace

TEST_CASE("a rule that throws becomes one internal-error finding and the other rules still run", "[engine]") {
    ThrowingRule throwing;
    const Rule* wildcard = find_rule("IAM201");
    REQUIRE(wildcard);
    Engine engine({&throwing, wildcard}, Catalog::builtin());
    auto loaded =
        load_file("p.json", R"({"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]})", {});
    std::vector<Finding> findings;
    engine.analyze(loaded.documents.at(0), findings);
    REQUIRE(findings.size() == 2);
    CHECK(findings[0].rule_id == "IAM990");
    CHECK(findings[0].internal_error);
    CHECK(findings[0].severity == Severity::High);
    CHECK_THAT(findings[0].message, Catch::Contains("boom"));
    CHECK(findings[1].rule_id == "IAM201");
    CHECK(findings[1].severity == Severity::Critical);
    CHECK(findings[1].location.json_pointer == "/Statement/0/Action");
    CHECK(findings[1].location.range.column == 42);
    CHECK(findings[1].policy_kind == "identity");
}

TEST_CASE("rule selection: presets, enable and disable by id or name", "[engine]") {
    auto ids = [](const std::vector<const Rule*>& rules) {
        std::vector<std::string> out;
        for (const Rule* r : rules) out.emplace_back(r->meta().id);
        return out;
    };
    auto recommended = select_rules({});
    CHECK(recommended.size() <= builtin_rules().size());
    CHECK(select_rules({"all", {}, {}}).size() == builtin_rules().size());
    auto without = ids(select_rules({"recommended", {}, {"iam201", "service-wildcard"}}));
    CHECK(std::find(without.begin(), without.end(), "IAM201") == without.end());
    CHECK(std::find(without.begin(), without.end(), "IAM202") == without.end());
    // disable wins over enable; the result is sorted and has no repeats
    auto both = ids(select_rules({"recommended", {"IAM201", "IAM201"}, {"IAM201"}}));
    CHECK(std::find(both.begin(), both.end(), "IAM201") == both.end());
    CHECK(std::is_sorted(both.begin(), both.end()));
    CHECK_THROWS_AS(select_rules({"recommended", {"IAM999"}, {}}), UsageError);
    CHECK_THROWS_AS(select_rules({"strict", {}, {}}), UsageError);
}

TEST_CASE("severities parse and order", "[engine]") {
    CHECK(parse_severity("HIGH") == Severity::High);
    CHECK_FALSE(parse_severity("urgent"));
    CHECK(to_string(Severity::Critical) == "critical");
    CHECK(Severity::Critical > Severity::High);
}

TEST_CASE("one large document's findings are the same, in the same order, for any thread count",
          "[engine][parallel]") {
    // Enough statements for the engine to spread the rules of the one document over threads, in shapes
    // that many rules report (wildcards, sensitive actions, bad ARNs, repeats for IAM210, a Deny).
    const char* shapes[] = {
        R"({"Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"arn:aws:s3:::b-%/*"})",
        R"({"Effect":"Allow","Action":"iam:PassRole","Resource":"*"})",
        R"({"Effect":"Allow","Action":"ec2:Describe*","Resource":"*"})",
        R"({"Effect":"Deny","Action":["s3:DeleteBucket"],"Resource":"*"})",
        R"({"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::b-%"})",
        R"({"Effect":"Allow","Action":["kms:Decrypt","kms:Decrypt"],"Resource":"arn:aws:kms:*:1:key/%"})",
        R"({"Sid":"S%","Effect":"Allow","Action":"secretsmanager:GetSecretValue","Resource":"*"})",
        R"({"Effect":"Allow","Action":"iam:*","Resource":"arn:aws:s3:::x-%"})",
    };
    std::string text = R"({"Version":"2012-10-17","Statement":[)";
    for (int i = 0; i < 1200; ++i) {
        std::string statement = shapes[i % std::size(shapes)];
        if (auto at = statement.find('%'); at != std::string::npos)
            statement.replace(at, 1, std::to_string(i));
        text += (i > 0 ? ",\n" : "\n") + statement;
    }
    text += "]}";
    auto loaded = load_file("big.json", text, {});
    REQUIRE(loaded.documents.size() == 1);
    ThrowingRule throwing;
    std::vector<const Rule*> rules = select_rules({"all", {}, {}});
    rules.insert(rules.begin() + static_cast<std::ptrdiff_t>(rules.size() / 2), &throwing);
    const Engine engine(rules, Catalog::builtin());
    auto describe = [](const std::vector<Finding>& findings) {
        std::vector<std::string> out;
        for (const Finding& f : findings) {
            out.push_back(f.rule_id + " " + std::string(to_string(f.severity)) + " " +
                          f.location.json_pointer + " " + std::to_string(f.location.range.line) + ":" +
                          std::to_string(f.location.range.column) + " " + f.message + " " +
                          std::to_string(f.related.size()) + (f.internal_error ? " internal" : ""));
        }
        return out;
    };
    std::vector<Finding> serial;
    engine.analyze(loaded.documents[0], serial, 1);
    REQUIRE(serial.size() > 1200);
    const auto expected = describe(serial);
    for (unsigned threads : {2U, 4U, 8U}) {
        INFO("threads " << threads);
        std::vector<Finding> parallel;
        engine.analyze(loaded.documents[0], parallel, threads);
        CHECK(describe(parallel) == expected);
    }
}
