// Suppressions from the configuration, CloudFormation Metadata and YAML comments; baselines and the
// edits a baseline must survive.
#include <algorithm>
#include <filesystem>
#include <fstream>

#include <catch2/catch.hpp>

#include "iamlint/baseline.hpp"
#include "iamlint/catalog.hpp"
#include "iamlint/engine.hpp"
#include "iamlint/finding_identity.hpp"
#include "iamlint/loader.hpp"
#include "iamlint/suppressions.hpp"
#include "test_support.hpp"

using namespace iamlint;

namespace {

std::vector<Finding> lint(const std::string& path, const std::string& text) {
    const LoadedFile loaded = load_file(path, text, {});
    const Engine engine(select_rules({"all", {}, {}}), Catalog::builtin());
    std::vector<Finding> findings;
    for (const auto& document : loaded.documents) engine.analyze(document, findings);
    std::sort(findings.begin(), findings.end(), finding_order);
    return findings;
}

std::vector<Finding> of_rule(const std::vector<Finding>& findings, std::string_view rule) {
    std::vector<Finding> out;
    std::copy_if(findings.begin(), findings.end(), std::back_inserter(out),
                 [&](const Finding& f) { return f.rule_id == rule; });
    return out;
}

std::size_t suppressed(const std::vector<Finding>& findings, std::string_view rule) {
    return static_cast<std::size_t>(std::count_if(findings.begin(), findings.end(), [&](const Finding& f) {
        return f.rule_id == rule && f.suppressed.has_value();
    }));
}

constexpr std::string_view kTemplate = R"(Resources:
  CiRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: { Service: codebuild.amazonaws.com }
            Action: sts:AssumeRole
      Policies:
        - PolicyName: deploy
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              # iamlint: ignore[IAM201,IAM301] break-glass role, reviewed
              - Sid: Admin
                Effect: Allow
                Action: "*"
                Resource: "*"
              - Effect: Allow   # iamlint: ignore[IAM202] the bucket is the role's own
                Action: s3:*
                Resource: arn:aws:s3:::artifacts/*
              - Effect: Allow
                Action: "kinesis:*"    # iamlint: ignore[IAM202]
                Resource: "*"
              - Effect: Allow   # iamlint: ignore[IAM999] a typo
                Action: "ec2:DescribeInstances"
                Resource: "*"
)";

}  // namespace

TEST_CASE("suppressions: YAML comments before a node and at the end of its first line", "[suppressions]") {
    const std::string text(kTemplate);
    std::vector<Finding> findings = lint("t.yaml", text);
    const SourceFile source("t.yaml", text);
    InlineSuppressions found = collect_inline_suppressions(source, true);
    REQUIRE(found.suppressions.size() == 2);
    REQUIRE(found.problems.size() == 2);
    CHECK(found.problems[0].rule_id == "IAM090");
    CHECK(found.problems[0].message ==
          "suppression without a reason: say after the ']' why the finding is accepted");
    CHECK(found.problems[0].location.range.line == 25);
    CHECK(found.problems[1].message == "suppression of an unknown rule 'IAM999' (see 'iamlint rules')");

    SuppressionMatcher matcher(nullptr, "2026-12-01", true);
    matcher.add_inline(std::move(found.suppressions));
    matcher.apply(findings);
    REQUIRE_FALSE(of_rule(findings, "IAM201").empty());
    CHECK(suppressed(findings, "IAM201") == of_rule(findings, "IAM201").size());
    CHECK(of_rule(findings, "IAM201")[0].suppressed->kind == "comment");
    CHECK(of_rule(findings, "IAM201")[0].suppressed->reason == "break-glass role, reviewed");
    // IAM301 on "*" is folded into IAM201 (one finding per token), so it is accepted with it.
    // The s3:* statement's IAM202 is accepted; kinesis:*'s comment has no reason and accepts nothing.
    const auto service_wildcards = of_rule(findings, "IAM202");
    REQUIRE(service_wildcards.size() == 2);
    CHECK(service_wildcards[0].suppressed);
    CHECK_FALSE(service_wildcards[1].suppressed);
    CHECK(matcher.findings_about_suppressions().empty());
}

TEST_CASE("suppressions: '# iamlint:' inside a block scalar or a quoted string is text", "[suppressions]") {
    const std::string text = R"(Description: |
  Lines of text
  # iamlint: ignore-file[IAM201] not a comment
Other: "a
  # iamlint: ignore-file[IAM202] not a comment either"
Resources: {}
# iamlint: ignore-file[IAM204] a comment
)";
    const InlineSuppressions found = collect_inline_suppressions(SourceFile("t.yaml", text), true);
    REQUIRE(found.suppressions.size() == 1);
    CHECK(found.suppressions[0].rules == std::vector<std::string>{"IAM204"});
    CHECK(found.problems.empty());
}

TEST_CASE("suppressions: --no-inline-suppressions and ignore-file", "[suppressions]") {
    const std::string text = "# iamlint: ignore-file[IAM2] sandbox account\n" + std::string(kTemplate);
    std::vector<Finding> findings = lint("t.yaml", text);
    SuppressionMatcher ignoring(nullptr, "2026-12-01", false);
    ignoring.add_inline(collect_inline_suppressions(SourceFile("t.yaml", text), true).suppressions);
    ignoring.apply(findings);
    CHECK(std::none_of(findings.begin(), findings.end(),
                       [](const Finding& f) { return f.suppressed.has_value(); }));

    SuppressionMatcher matcher(nullptr, "2026-12-01", true);
    matcher.add_inline(collect_inline_suppressions(SourceFile("t.yaml", text), true).suppressions);
    matcher.apply(findings);
    CHECK(suppressed(findings, "IAM202") == 2);
    CHECK(suppressed(findings, "IAM201") == of_rule(findings, "IAM201").size());
}

TEST_CASE("suppressions: CloudFormation Metadata of a resource and of the template", "[suppressions]") {
    const std::string text = R"({
  "Metadata": {"iamlint": {"ignore": [{"rule": "IAM202", "reason": "all service wildcards reviewed"}]}},
  "Resources": {
    "Admin": {
      "Type": "AWS::IAM::ManagedPolicy",
      "Metadata": {"iamlint": {"ignore": [
        {"rule": "wildcard-action", "sid": "Admin", "reason": "break-glass"},
        {"rule": "IAM301", "reason": "break-glass", "expires": "2020-01-01"},
        {"rule": "IAM204", "reason": "nothing to accept here"},
        {"rule": "IAM305"},
        {"rule": "IAM305", "reason": "r", "expires": "next year"}
      ]}},
      "Properties": {"PolicyDocument": {"Version": "2012-10-17", "Statement": [
        {"Sid": "Admin", "Effect": "Allow", "Action": "*", "Resource": "*"}]}}
    },
    "Other": {
      "Type": "AWS::IAM::ManagedPolicy",
      "Properties": {"PolicyDocument": {"Version": "2012-10-17", "Statement": [
        {"Sid": "Admin", "Effect": "Allow", "Action": "*", "Resource": "*"},
        {"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::b/*"}]}}
    }
  }
})";
    std::vector<Finding> findings = lint("t.json", text);
    InlineSuppressions found = collect_inline_suppressions(SourceFile("t.json", text), true);
    REQUIRE(found.problems.size() == 2);
    CHECK(found.problems[1].message == "'expires' is a date written YYYY-MM-DD, not 'next year'");
    CHECK(found.problems[0].message ==
          "suppression without a reason: add 'reason' saying why the finding is accepted");
    SuppressionMatcher matcher(nullptr, "2026-12-01", true);
    matcher.add_inline(std::move(found.suppressions));
    matcher.apply(findings);
    const auto wildcards = of_rule(findings, "IAM201");
    REQUIRE(wildcards.size() == 2);
    CHECK(wildcards[0].suppressed);  // in Admin
    CHECK(wildcards[0].suppressed->kind == "metadata");
    CHECK_FALSE(wildcards[1].suppressed);        // in Other: the resource's Metadata does not reach it
    CHECK(suppressed(findings, "IAM202") == 1);  // the template's Metadata reaches every resource
    CHECK(suppressed(findings, "IAM301") == 0);  // expired
    const auto about = matcher.findings_about_suppressions();
    REQUIRE(about.size() == 2);
    CHECK(about[0].rule_id == "IAM092");
    CHECK(about[0].message ==
          "suppression of IAM301 expired on 2020-01-01: the findings it accepted are reported again");
    CHECK(about[1].rule_id == "IAM091");
    CHECK(about[1].severity == Severity::Low);
    CHECK(about[1].location.range.line == 9);
}

TEST_CASE("suppressions: the configuration's ignore entries and their fields", "[suppressions]") {
    const std::string policy = R"({"Version": "2012-10-17", "Statement": [
  {"Sid": "ReadLogs", "Effect": "Allow", "Action": ["s3:GetObject", "logs:*"], "Resource": "*"},
  {"Effect": "Allow", "Action": "kinesis:*", "Resource": "*"}]})";
    const auto run = [&](const std::string& entry, const std::string& path = "/repo/policies/ci-a.json") {
        const ConfigFile config = parse_config(".iamlint.yaml", "ignore:\n  - " + entry, "/repo");
        std::vector<Finding> findings = lint(path, policy);
        SuppressionMatcher matcher(&config, "2026-12-01", true);
        matcher.apply(findings);
        std::vector<std::string> accepted;
        for (const Finding& f : findings) {
            if (f.suppressed) accepted.push_back(f.rule_id + "@" + std::to_string(f.location.range.line));
        }
        return std::make_pair(accepted, matcher.findings_about_suppressions().size());
    };
    CHECK(run("{rule: IAM202, reason: r}").first == std::vector<std::string>{"IAM202@2", "IAM202@3"});
    CHECK(run("{rule: IAM202, sid: ReadLogs, reason: r}").first == std::vector<std::string>{"IAM202@2"});
    CHECK(run("{rule: IAM202, pointer: /Statement/1, reason: r}").first ==
          std::vector<std::string>{"IAM202@3"});
    CHECK(run("{rule: IAM202, action: 'KINESIS:*', reason: r}").first ==
          std::vector<std::string>{"IAM202@3"});
    CHECK(run("{rule: IAM202, path: 'policies/ci-*.json', reason: r}").first.size() == 2);
    CHECK(run("{rule: IAM202, path: 'other/*.json', reason: r}").first.empty());
    CHECK(run("{rule: IAM202, reason: r, expires: 2026-12-01}").first.size() ==
          2);  // the last day it applies
    const auto expired = run("{rule: IAM202, reason: r, expires: 2026-11-30}");
    CHECK(expired.first.empty());
    CHECK(expired.second == 1);
    const auto unused = run("{rule: IAM202, sid: Nope, reason: r}");
    CHECK(unused.first.empty());
    CHECK(unused.second == 1);
}

TEST_CASE("suppressions: an entry outside this run's files or rules is not unused", "[suppressions]") {
    const ConfigFile config = parse_config(
        ".iamlint.yaml",
        "ignore:\n  - {rule: IAM202, path: 'other/*.json', reason: r}\n  - {rule: IAM113, reason: r}\n",
        "/repo");
    SuppressionMatcher matcher(&config, "2026-12-01", true);
    std::vector<Finding> none;
    matcher.apply(none);
    matcher.set_scope({"/repo/policies/a.json"}, {"IAM202"});
    CHECK(matcher.findings_about_suppressions().empty());
    matcher.set_scope({"/repo/other/a.json"}, {"IAM202", "IAM113"});
    CHECK(matcher.findings_about_suppressions().size() == 2);
}

namespace {

constexpr std::string_view kPolicy = R"({
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "Artifacts", "Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::artifacts/*"},
    {"Sid": "Compute", "Effect": "Allow", "Action": "kinesis:*", "Resource": "*"},
    {"Effect": "Allow", "Action": "rds:*", "Resource": "*"}
  ]
})";

std::filesystem::path baseline_file() {
    static const std::filesystem::path folder = test::scratch_dir("baseline-test");
    return folder / "baseline.json";
}

// The findings of `text` as `path` against a baseline of kPolicy at policies/a.json: those not accepted.
std::vector<std::string> new_findings(const std::string& path, const std::string& text,
                                      std::size_t* stale = nullptr) {
    const auto folder = baseline_file().parent_path();
    const std::string written = Baseline::serialize(
        lint((folder / "policies/a.json").string(), std::string(kPolicy)), baseline_file());
    std::filesystem::create_directories(folder);
    { std::ofstream(baseline_file()) << written; }
    const Baseline baseline = Baseline::load(baseline_file());
    std::vector<Finding> findings = lint((folder / path).string(), text);
    const auto outcome = baseline.apply(findings);
    if (stale != nullptr) *stale = outcome.stale;
    std::vector<std::string> out;
    for (const Finding& f : findings) {
        if (!f.suppressed) out.push_back(f.rule_id + " " + f.subject);
    }
    return out;
}

std::string replace(std::string text, std::string_view from, std::string_view to) {
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("baseline: written sorted and readable, read back whole", "[baseline]") {
    const auto findings = lint("/repo/policies/a.json", std::string(kPolicy));
    const std::string text = Baseline::serialize(findings, "/repo/baseline.json");
    CHECK(text == Baseline::serialize(findings, "/repo/baseline.json"));
    CHECK(text.find("\"path\": \"policies/a.json\"") != std::string::npos);
    CHECK(text.find("\"statement\": \"sid:Compute\"") != std::string::npos);
    CHECK(text.find("\"subject\": \"Action=\\\"kinesis:*\\\"\"") != std::string::npos);
    std::vector<Finding> reversed = findings;
    std::reverse(reversed.begin(), reversed.end());
    CHECK(Baseline::serialize(reversed, "/repo/baseline.json") == text);
}

TEST_CASE("baseline: matching survives edits that change no finding", "[baseline]") {
    const std::string policy(kPolicy);
    std::size_t stale = 99;
    CHECK(new_findings("policies/a.json", policy, &stale).empty());
    CHECK(stale == 0);
    // Lines inserted above.
    CHECK(new_findings("policies/a.json",
                       "\n\n\n" + replace(policy, "\"Statement\"", "\"Id\": \"x\",\n\n  \"Statement\""))
              .empty());
    // Statements with Sids reordered, and one without a Sid moved.
    const std::string reordered = R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "rds:*", "Resource": "*"},
    {"Sid": "Compute", "Effect": "Allow", "Action": "kinesis:*", "Resource": "*"},
    {"Sid": "Artifacts", "Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::artifacts/*"}]})";
    CHECK(new_findings("policies/a.json", reordered).empty());
    // Minified.
    std::string minified;
    for (char c : policy) {
        if (c != '\n' && c != ' ') minified += c;
    }
    CHECK(new_findings("policies/a.json", minified).empty());
    // A Sid renamed.
    CHECK(new_findings("policies/a.json", replace(policy, "\"Compute\"", "\"ComputeAdmin\"")).empty());
}

TEST_CASE("baseline: each finding of a long policy names its own statement", "[baseline]") {
    // Past a few statements the statement is found by its index in the pointer, not by a scan; a
    // CloudFormation policy's pointers have the template's path before it.
    for (const bool template_file : {false, true}) {
        std::string statements;
        for (int i = 0; i < 12; ++i) {
            if (i > 0) statements += ',';
            statements += R"({"Sid": "S)";
            statements += std::to_string(i);
            statements += R"(", "Effect": "Allow", "Action": "kinesis:*", "Resource": "*"})";
        }
        const std::string policy = "{\"Version\": \"2012-10-17\", \"Statement\": [" + statements + "]}";
        const std::string text =
            template_file ? "{\"Resources\": {\"P\": {\"Type\": \"AWS::IAM::ManagedPolicy\", \"Properties\": "
                            "{\"PolicyDocument\": " +
                                policy + "}}}}"
                          : policy;
        const auto findings = of_rule(lint(template_file ? "t.json" : "p.json", text), "IAM202");
        REQUIRE(findings.size() == 12);
        for (const Finding& finding : findings) {
            const std::string& pointer = finding.location.json_pointer;
            const std::size_t at = pointer.find("/Statement/") + std::string_view("/Statement/").size();
            const std::string index = pointer.substr(at, pointer.find('/', at) - at);
            INFO(pointer);
            CHECK(finding.statement_anchor == "sid:S" + index);
            CHECK(finding.subject == "Action=\"kinesis:*\"");
        }
    }
}

TEST_CASE("baseline: new problems are new", "[baseline]") {
    const std::string policy(kPolicy);
    // A second identical problem.
    const std::string twice =
        replace(policy, "\n  ]",
                ",\n    {\"Effect\": \"Allow\", \"Action\": \"kinesis:*\", \"Resource\": "
                "\"arn:aws:kinesis:*:*:stream/*\"}\n  ]");
    const auto added = new_findings("policies/a.json", twice);
    CHECK(std::count(added.begin(), added.end(), "IAM202 Action=\"kinesis:*\"") == 1);
    // The same finding in another file.
    CHECK_FALSE(new_findings("policies/b.json", policy).empty());
    // Another offending value.
    const auto changed = new_findings("policies/a.json", replace(policy, "\"kinesis:*\"", "\"athena:*\""));
    CHECK(std::count(changed.begin(), changed.end(), "IAM202 Action=\"athena:*\"") == 1);
    std::size_t stale = 0;
    new_findings("policies/a.json", replace(policy, "\"rds:*\"", "\"rds:DescribeDBInstances\""), &stale);
    CHECK(stale > 0);
}

TEST_CASE("baseline: a broken file is an error naming it", "[baseline]") {
    const auto folder = baseline_file().parent_path();
    std::filesystem::create_directories(folder);
    const auto error_of = [&](const std::string& text) -> std::string {
        { std::ofstream(folder / "broken.json") << text; }
        try {
            Baseline::load(folder / "broken.json");
        } catch (const BaselineError& error) {
            return error.what();
        }
        return "no error";
    };
    const std::string name = (folder / "broken.json").string();
    CHECK(error_of("{").starts_with("the baseline " + name + " is not valid JSON"));
    CHECK(error_of("[]") ==
          "the baseline " + name +
              " is not an iamlint baseline: it needs \"version\" and \"findings\" (write a new one with "
              "--write-baseline)");
    CHECK(error_of(R"({"version": 1, "findings": [{"rule": "IAM201"}]})").find("findings[0].path") !=
          std::string::npos);
    CHECK(error_of(R"({"version": 2, "findings": []})").find("version 2 is not 1") != std::string::npos);
    CHECK_THROWS_AS(Baseline::load(folder / "missing.json"), BaselineError);
}

TEST_CASE("baseline: a managed policy of a dump is the same policy in its next version", "[baseline]") {
    const std::string dump =
        R"({"UserDetailList": [], "GroupDetailList": [], "RoleDetailList": [], "Policies": [
  {"PolicyName": "P", "Arn": "arn:aws:iam::111122223333:policy/P", "DefaultVersionId": "v1",
   "PolicyVersionList": [{"VersionId": "v1", "IsDefaultVersion": true, "Document":
     {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "logs:*", "Resource": "*"}]}}]}]})";
    const auto keys = [](const std::vector<Finding>& findings) {
        std::vector<std::string> out;
        for (const Finding& f : findings) out.push_back(f.rule_id + " " + f.policy_key + " " + f.subject);
        return out;
    };
    const auto before = lint("dump.json", dump);
    REQUIRE_FALSE(before.empty());
    CHECK(before.front().origin == "managed policy arn:aws:iam::111122223333:policy/P v1");
    CHECK(before.front().policy_key == "managed policy arn:aws:iam::111122223333:policy/P");
    std::string next = dump;
    for (std::size_t at = next.find("\"v1\""); at != std::string::npos; at = next.find("\"v1\""))
        next.replace(at, 4, "\"v7\"");
    CHECK(keys(lint("dump.json", next)) == keys(before));
}
