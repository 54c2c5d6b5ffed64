// The policy's container (Finding::origin) and the count of unknown policies in every report format,
// and their absence for a bare policy.
#include <sstream>
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "iamlint/report.hpp"

using namespace iamlint;
using nlohmann::json;

namespace {

const RuleMeta kRule{
    .id = "IAM201",
    .name = "wildcard-action",
    .default_severity = Severity::Critical,
    .summary = "Allow with Action \"*\"",
    .description = "Every action of every service.",
    .tags = {},
    .readme = "# IAM201\n",
};

Finding finding(std::string origin) {
    Finding f;
    f.rule_id = "IAM201";
    f.rule_name = "wildcard-action";
    f.severity = Severity::Critical;
    f.message = "Action \"*\"";
    f.location.path = "plan.json";
    f.location.range = {10, 5, 1, 11, 1, 16};
    f.location.json_pointer = "/Statement/0/Action";
    f.policy_kind = "identity";
    f.origin = std::move(origin);
    return f;
}

std::string write(ReportFormat format, const Report& report) {
    std::ostringstream out;
    make_reporter(format, {})->write(report, out);
    return out.str();
}

Report report_of(std::vector<Finding> findings, std::size_t unknown = 0) {
    Report report;
    report.tool.version = "0.1.0";
    report.findings = std::move(findings);
    report.rules = {&kRule};
    report.files_analyzed = 1;
    report.policies_analyzed = 2;
    report.policies_unknown = unknown;
    return report;
}

}  // namespace

TEST_CASE("origin: text prints it below the finding's line", "[report][loaders]") {
    const std::string text =
        write(ReportFormat::Text, report_of({finding("aws_iam_role.ci assume_role_policy")}, 3));
    CHECK(text.find("plan.json:1:11: critical: Action \"*\" [IAM201 wildcard-action]\n"
                    "  in: aws_iam_role.ci assume_role_policy\n") != std::string::npos);
    CHECK(text.find("in 1 file, 2 policies (3 more unknown until apply)\n") != std::string::npos);

    const std::string bare = write(ReportFormat::Text, report_of({finding("")}));
    CHECK(bare.find("  in:") == std::string::npos);
    CHECK(bare.find("unknown") == std::string::npos);
    // Text from the file never reaches the terminal raw.
    CHECK(write(ReportFormat::Text, report_of({finding("a\x1b[31m")})).find('\x1b') == std::string::npos);
}

TEST_CASE("origin: JSON has the field after policy_kind, and the unknown count, only when set",
          "[report][loaders]") {
    const json with =
        json::parse(write(ReportFormat::Json, report_of({finding("role ci inline policy root")}, 2)));
    CHECK(with["findings"][0]["origin"] == "role ci inline policy root");
    CHECK(with["summary"]["policies_unknown"] == 2);
    const std::string ordered = write(ReportFormat::Json, report_of({finding("x")}));
    CHECK(ordered.find("\"policy_kind\": \"identity\",\n      \"origin\": \"x\",\n      \"location\"") !=
          std::string::npos);

    const json without = json::parse(write(ReportFormat::Json, report_of({finding("")})));
    CHECK_FALSE(without["findings"][0].contains("origin"));
    CHECK_FALSE(without["summary"].contains("policies_unknown"));
}

TEST_CASE("origin: SARIF puts it in logicalLocations and tells equal findings apart", "[report][loaders]") {
    const json with = json::parse(
        write(ReportFormat::Sarif,
              report_of({finding("aws_iam_policy.a policy"), finding("aws_iam_policy.b policy")})));
    const auto& results = with["runs"][0]["results"];
    const auto& logical = results[0]["locations"][0]["logicalLocations"];
    REQUIRE(logical.size() == 1);
    CHECK(logical[0]["fullyQualifiedName"] == "aws_iam_policy.a policy");
    CHECK(logical[0]["kind"] == "resource");
    CHECK(results[0]["partialFingerprints"] != results[1]["partialFingerprints"]);

    const json without = json::parse(write(ReportFormat::Sarif, report_of({finding("")})));
    CHECK_FALSE(without["runs"][0]["results"][0]["locations"][0].contains("logicalLocations"));
}
