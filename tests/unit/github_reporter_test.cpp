// --format github: workflow commands, escaped as GitHub's toolkit does, most severe first.
#include <sstream>

#include <catch2/catch.hpp>

#include "iamlint/report.hpp"

using namespace iamlint;

namespace {

Finding finding(Severity severity, std::string message, std::string path = "policies/a.json") {
    Finding f;
    f.rule_id = "IAM201";
    f.rule_name = "wildcard-action";
    f.severity = severity;
    f.message = std::move(message);
    f.location.path = std::move(path);
    f.location.range = {0, 3, 7, 17, 7, 20};
    return f;
}

std::string github(const Report& report) {
    std::ostringstream out;
    make_reporter(ReportFormat::Github, {})->write(report, out);
    return out.str();
}

}  // namespace

TEST_CASE("github: one workflow command per finding, most severe first, then a notice", "[report][github]") {
    Report report;
    report.files_analyzed = 1;
    report.findings = {finding(Severity::Low, "low one"), finding(Severity::Critical, "critical one"),
                       finding(Severity::Medium, "medium one"), finding(Severity::Info, "info one")};
    report.findings[2].location.range = {0, 10, 7, 17, 9, 2};  // over lines: no column range
    CHECK(github(report) ==
          "::error file=policies/a.json,line=7,col=17,endLine=7,endColumn=20,title=IAM201 "
          "wildcard-action::critical: "
          "critical one\n"
          "::warning file=policies/a.json,line=7,col=17,endLine=9,title=IAM201 wildcard-action::medium: "
          "medium one\n"
          "::notice file=policies/a.json,line=7,col=17,endLine=7,endColumn=20,title=IAM201 "
          "wildcard-action::low: low "
          "one\n"
          "::notice file=policies/a.json,line=7,col=17,endLine=7,endColumn=20,title=IAM201 "
          "wildcard-action::info: info "
          "one\n"
          "::notice::iamlint: 4 findings (1 error, 1 warning, 2 notice) in 1 file\n");
}

TEST_CASE("github: escaping of the message and of properties", "[report][github]") {
    Report report;
    Finding f = finding(Severity::High, "100% of\r\nit: a,b", "dir,x/a:b%.json");
    f.fix = "do: this";
    report.findings = {f};
    const std::string out = github(report);
    CHECK(out.starts_with("::error file=dir%2Cx/a%3Ab%25.json,line=7,"));
    CHECK(out.find("::high: 100%25 of%0D%0Ait: a,b%0Afix: do: this\n") != std::string::npos);
}

TEST_CASE("github: the last notice counts what GitHub does not show", "[report][github]") {
    Report report;
    for (int i = 0; i < 13; ++i) report.findings.push_back(finding(Severity::High, "h"));
    report.suppressed = 2;
    const std::string out = github(report);
    CHECK(out.ends_with(
        "::notice::iamlint: 13 findings (13 error, 0 warning, 0 notice) in 0 files; 3 not shown as "
        "annotations (GitHub shows 10 of each level per step): see the log or the SARIF report; 2 "
        "suppressed\n"));
}
