// .iamlint.yaml: strict reading with positions, and the precedence of rule settings, row by row.
#include <chrono>
#include <fstream>

#include <catch2/catch.hpp>

#include "iamlint/config.hpp"
#include "iamlint/engine.hpp"

using namespace iamlint;

namespace {

ConfigFile parse(const std::string& text) {
    return parse_config(".iamlint.yaml", text, "/repo");
}

std::string error_of(const std::string& text) {
    try {
        parse(text);
    } catch (const ConfigError& error) {
        return error.what();
    }
    return "no error";
}

const RuleMeta& meta(std::string_view id) {
    const Rule* rule = find_rule(id);
    REQUIRE(rule != nullptr);
    return rule->meta();
}

}  // namespace

TEST_CASE("config: every key is read", "[config]") {
    const ConfigFile config = parse(R"(version: 1
preset: all
fail_on: medium
min_severity: low
account_ids: ["111122223333", 444455556666]
include: ["policies/**"]
exclude: examples/**
rules:
  IAM2: { severity: medium }
  IAM201: critical
  destructive-action-without-mfa: on
  IAM113: off
overrides:
  - files: ["org/scp/**"]
    policy_kind: scp
  - files: ["sandbox/**"]
    rules: { IAM204: off }
ignore:
  - rule: IAM204
    path: "policies/ci-*.json"
    sid: ReadLogs
    reason: "logs:Describe* accepts only *"
    expires: 2027-03-31
baseline: .iamlint-baseline.json
)");
    CHECK(config.preset == "all");
    CHECK(config.fail_on == "medium");
    CHECK(config.min_severity == Severity::Low);
    CHECK(*config.account_ids == std::vector<std::string>{"111122223333", "444455556666"});
    CHECK(*config.include == std::vector<std::string>{"policies/**"});
    CHECK(*config.exclude == std::vector<std::string>{"examples/**"});
    REQUIRE(config.rules.size() == 4);
    CHECK(config.rules[0].severity == Severity::Medium);
    CHECK(config.rules[1].severity == Severity::Critical);
    CHECK(config.rules[2].enabled == true);
    CHECK(config.rules[3].enabled == false);
    CHECK(config.rules[3].source == ".iamlint.yaml:12:3");
    REQUIRE(config.overrides.size() == 2);
    CHECK(config.overrides[0].policy_kind == PolicyKind::Scp);
    CHECK(config.overrides[1].rules[0].enabled == false);
    REQUIRE(config.ignore.size() == 1);
    CHECK(config.ignore[0].sid == "ReadLogs");
    CHECK(config.ignore[0].expires == "2027-03-31");
    CHECK(config.ignore[0].position.text() == ".iamlint.yaml:19:5");
    CHECK(*config.baseline == "/repo/.iamlint-baseline.json");
    CHECK(config.positions.at("fail_on").text() == ".iamlint.yaml:3:1");
}

TEST_CASE("config: an empty file is no setting", "[config]") {
    const ConfigFile config = parse("");
    CHECK_FALSE(config.preset);
    CHECK(config.rules.empty());
}

TEST_CASE("config: problems are errors with their position", "[config]") {
    CHECK(error_of("fail_onn: high\n") ==
          ".iamlint.yaml:1:1: unknown key 'fail_onn' in the configuration (did you mean 'fail_on'?)");
    CHECK(error_of("preset: all\npreset: recommended\n") ==
          ".iamlint.yaml:2:1: duplicate key 'preset' (first at line 1)");
    CHECK(error_of("fail_on: [high]\n") ==
          ".iamlint.yaml:1:10: 'fail_on' takes a non-empty string, not a list");
    CHECK(error_of("min_severity: hihg\n").starts_with(".iamlint.yaml:1:15: 'min_severity' is one of"));
    CHECK(error_of("min_severity: hihg\n").ends_with("(did you mean 'high'?)"));
    CHECK(error_of("version: 2\n") ==
          ".iamlint.yaml:1:10: 'version' is 1 (the only version of this format), not 2");
    CHECK(error_of("rules:\n  IAM2O1: off\n") ==
          ".iamlint.yaml:2:3: unknown rule 'IAM2O1' (did you mean 'IAM201'?) (see 'iamlint rules')");
    CHECK(error_of("rules:\n  wildcard-actoin: off\n").find("did you mean 'wildcard-action'?") !=
          std::string::npos);
    CHECK(error_of("rules:\n  IAM201: maybe\n")
              .starts_with(".iamlint.yaml:2:11: rule setting 'IAM201' is on, off"));
    CHECK(error_of("rules:\n  IAM201: {severty: low}\n") ==
          ".iamlint.yaml:2:12: unknown key 'severty' in rule setting 'IAM201' (did you mean 'severity'?)");
    CHECK(error_of("overrides:\n  - policy_kind: scp\n") ==
          ".iamlint.yaml:2:5: an override needs 'files': the globs it applies to");
    CHECK(error_of("overrides:\n  - files: x\n    policy_kind: scpp\n") ==
          ".iamlint.yaml:3:18: unknown policy_kind 'scpp' (did you mean 'scp'?)");
    CHECK(error_of("ignore:\n  - rule: IAM204\n") ==
          ".iamlint.yaml:2:5: an ignore entry needs 'reason': why the finding is accepted");
    CHECK(error_of("ignore:\n  - reason: x\n") ==
          ".iamlint.yaml:2:5: an ignore entry needs 'rule': the rule it accepts");
    CHECK(error_of("ignore:\n  - {rule: IAM204, reason: x, expires: 31/03/2027}\n") ==
          ".iamlint.yaml:2:40: 'expires' is a date written YYYY-MM-DD, not '31/03/2027'");
    CHECK(error_of("ignore:\n  - {rule: IAM204, reason: x, sidd: A}\n").find("did you mean 'sid'?") !=
          std::string::npos);
    CHECK(error_of("account_ids: [1234]\n") ==
          ".iamlint.yaml:1:15: an AWS account id is 12 digits, not a number");
    CHECK(error_of("rules: {IAM9: off}\n") == ".iamlint.yaml:1:9: no rule's id starts with 'IAM9'");
    CHECK(error_of("- a\n") == ".iamlint.yaml:1:1: the configuration is a mapping, not a list");
    CHECK(error_of("a: [\n").starts_with(".iamlint.yaml:"));
}

TEST_CASE("config: rule selectors and their specificity", "[config]") {
    CHECK(selector_specificity("IAM201", meta("IAM201")) > selector_specificity("IAM20", meta("IAM201")));
    CHECK(selector_specificity("IAM20", meta("IAM201")) > selector_specificity("IAM2", meta("IAM201")));
    CHECK(selector_specificity("IAM2", meta("IAM201")) > 0);
    CHECK(selector_specificity("wildcard-action", meta("IAM201")) ==
          selector_specificity("iam201", meta("IAM201")));
    CHECK(selector_specificity("IAM3", meta("IAM201")) == 0);
    CHECK(selector_specificity("IAM201", meta("IAM202")) == 0);
}

// The precedence table of docs/configuration.md, one row at a time: defaults < file < overrides < command
// line.
TEST_CASE("config: precedence of rule settings, row by row", "[config]") {
    const RuleMeta& wildcard = meta("IAM201");  // recommended, critical
    const RuleMeta& not_recommended = []() -> const RuleMeta& {
        for (const Rule* rule : builtin_rules()) {
            if (!rule->meta().in_recommended) return rule->meta();
        }
        FAIL("every rule is recommended");
        return builtin_rules().front()->meta();
    }();

    SECTION("1: built-in defaults") {
        const RulePlan plan("recommended", nullptr, {});
        const auto resolved = plan.resolve(wildcard, "a.json");
        CHECK(resolved.enabled);
        CHECK(resolved.enabled_source == "preset recommended");
        CHECK_FALSE(resolved.severity);
        CHECK(resolved.severity_source == "rule default");
        CHECK_FALSE(plan.resolve(not_recommended, "a.json").enabled);
        CHECK(RulePlan("all", nullptr, {}).resolve(not_recommended, "a.json").enabled);
    }
    const ConfigFile config = parse(R"(rules:
  IAM2: low
  IAM201: off
overrides:
  - files: ["sandbox/**"]
    rules: { IAM2: on, IAM201: medium }
  - files: ["sandbox/strict/**"]
    rules: { IAM201: high }
)");
    SECTION("2: the configuration file beats the defaults; its more specific entry wins") {
        const RulePlan plan("recommended", &config, {});
        const auto resolved = plan.resolve(wildcard, "policies/a.json");
        CHECK_FALSE(resolved.enabled);
        CHECK(resolved.enabled_source == ".iamlint.yaml:3:3");
        CHECK(resolved.severity == Severity::Low);
        CHECK(resolved.severity_source == ".iamlint.yaml:2:3");
    }
    SECTION("3: a matching override beats the file; later overrides beat earlier ones") {
        const RulePlan plan("recommended", &config, {});
        auto resolved = plan.resolve(wildcard, "sandbox/a.json");
        CHECK(resolved.enabled);
        CHECK(resolved.enabled_source == ".iamlint.yaml:6:14");
        CHECK(resolved.severity == Severity::Medium);
        resolved = plan.resolve(wildcard, "sandbox/strict/a.json");
        CHECK(resolved.severity == Severity::High);
        CHECK(resolved.severity_source == ".iamlint.yaml:8:14");
    }
    SECTION("4: the command line beats everything") {
        const RulePlan plan("recommended", &config,
                            {{"IAM201", true, std::nullopt, "command line"},
                             {"wildcard-action", std::nullopt, Severity::Info, "command line"}});
        auto resolved = plan.resolve(wildcard, "policies/a.json");
        CHECK(resolved.enabled);
        CHECK(resolved.enabled_source == "command line");
        CHECK(resolved.severity == Severity::Info);
        resolved = plan.resolve(wildcard, "sandbox/strict/a.json");
        CHECK(resolved.severity == Severity::Info);
        const RulePlan disabled(
            "recommended", &config,
            {{"IAM201", true, std::nullopt, "--enable"}, {"IAM201", false, std::nullopt, "--disable"}});
        CHECK_FALSE(disabled.resolve(wildcard, "sandbox/a.json").enabled);  // --disable wins over --enable
    }
    SECTION("the engine runs every rule some file enables") {
        const RulePlan plan("recommended", &config, {});
        const auto run = plan.rules_to_run(builtin_rules());
        CHECK(std::find(run.begin(), run.end(), find_rule("IAM201")) != run.end());
        const RulePlan off("recommended", &config, {{"IAM201", false, std::nullopt, "command line"}});
        const auto run_off = off.rules_to_run(builtin_rules());
        CHECK(std::find(run_off.begin(), run_off.end(), find_rule("IAM201")) == run_off.end());
    }
}

TEST_CASE("config: policy_kind of overrides, the last matching one", "[config]") {
    const ConfigFile config = parse(R"(overrides:
  - files: ["org/**"]
    policy_kind: scp
  - files: ["org/rcp/*.json"]
    policy_kind: rcp
)");
    const RulePlan plan("recommended", &config, {});
    CHECK(plan.policy_kind("org/a.json")->first == PolicyKind::Scp);
    CHECK(plan.policy_kind("org/rcp/a.json")->first == PolicyKind::Rcp);
    CHECK(plan.policy_kind("org/rcp/a.json")->second == ".iamlint.yaml:4:5");
    CHECK_FALSE(plan.policy_kind("policies/a.json"));
}

TEST_CASE("config: paths relative to the configuration's folder", "[config]") {
    CHECK(path_relative_to("/repo", "/repo/policies/a.json") == "policies/a.json");
    CHECK(path_relative_to("/repo", "/repo/./x/../policies/a.json") == "policies/a.json");
    CHECK(path_relative_to("/repo", "/other/a.json") == "../other/a.json");
    CHECK(path_relative_to("/repo", "<stdin>") == "<stdin>");
}

TEST_CASE("config: found walking up to the repository's root", "[config]") {
    namespace fs = std::filesystem;
    const fs::path root = fs::temp_directory_path() /
                          ("iamlint-config-test-" +
                           std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
    fs::remove_all(root);
    fs::create_directories(root / "repo" / ".git");
    fs::create_directories(root / "repo" / "a" / "b");
    CHECK_FALSE(find_config_file(root / "repo" / "a" / "b"));
    { std::ofstream(root / ".iamlint.yaml") << "preset: all\n"; }  // above the repository: not taken
    CHECK_FALSE(find_config_file(root / "repo" / "a" / "b"));
    { std::ofstream(root / "repo" / ".iamlint.yml") << "preset: all\n"; }
    CHECK(find_config_file(root / "repo" / "a" / "b") == root / "repo" / ".iamlint.yml");
    { std::ofstream(root / "repo" / "a" / ".iamlint.yaml") << "preset: all\n"; }
    CHECK(find_config_file(root / "repo" / "a" / "b") == root / "repo" / "a" / ".iamlint.yaml");
    fs::remove_all(root);
}

TEST_CASE("config: forbid_access for rule IAM502", "[config]") {
    const ConfigFile config = parse(
        "forbid_access:\n"
        "  - actions: [\"iam:CreateUser\", \"iam:CreateAccessKey\"]\n"
        "    reason: \"humans use SSO\"\n"
        "  - actions: [\"s3:DeleteBucket\"]\n"
        "    resources: [\"arn:aws:s3:::audit-*\"]\n");
    REQUIRE(config.forbid_access.size() == 2);
    CHECK(config.forbid_access[0].actions ==
          std::vector<std::string>{"iam:CreateUser", "iam:CreateAccessKey"});
    CHECK(config.forbid_access[0].resources.empty());
    CHECK(config.forbid_access[0].reason == "humans use SSO");
    CHECK(config.forbid_access[1].resources == std::vector<std::string>{"arn:aws:s3:::audit-*"});
    CHECK(error_of("forbid_access:\n  - reason: x\n") ==
          ".iamlint.yaml:2:5: a forbid_access entry needs 'actions': the actions never granted");
    CHECK(error_of("forbid_access:\n  - actions: [\"s3:x\"]\n    resorces: [y]\n")
              .find("did you mean 'resources'?") != std::string::npos);
    CHECK(
        error_of("forbid_access:\n  - actions: [CreateUser]\n").find("IAM actions such as iam:CreateUser") !=
        std::string::npos);
    CHECK(error_of("forbid_acess: []\n").ends_with("(did you mean 'forbid_access'?)"));
}
