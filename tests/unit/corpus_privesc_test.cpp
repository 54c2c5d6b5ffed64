// IAM301 privilege-escalation on the real corpus: the AWS managed policies (counts per method logged and
// checked against facts verified by hand) and authorization-details dumps (escalation across the
// policies of one principal).
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>
#include <regex>
#include <set>

#include <catch2/catch.hpp>

#include "iamlint/engine.hpp"
#include "iamlint/loader.hpp"
#include "test_support.hpp"

using namespace iamlint;
namespace fs = std::filesystem;

namespace {

// The method ids a message names: "(pass-role-to-ec2)" for one method, or the list after "methods: "
// when one Action entry allows several.
std::vector<std::string> methods_of(const std::string& message) {
    if (message.find("full administrator access") != std::string::npos) return {"full-admin"};
    static const std::regex one(R"(\(([a-z0-9-]+)\))");
    static const std::regex listed(R"((?:methods: |, )([a-z0-9-]+))");
    std::vector<std::string> ids;
    std::smatch match;
    const auto list = message.find("privilege-escalation methods: ");
    if (list == std::string::npos) {
        if (std::regex_search(message, match, one)) ids.push_back(match[1].str());
        return ids;
    }
    for (auto it =
             std::sregex_iterator(message.begin() + static_cast<std::ptrdiff_t>(list), message.end(), listed);
         it != std::sregex_iterator(); ++it) {
        ids.push_back((*it)[1].str());
    }
    return ids;
}

std::string method_of(const std::string& message) {
    const auto ids = methods_of(message);
    return ids.size() == 1 ? ids.front() : "?";
}

}  // namespace

TEST_CASE("IAM301 on the AWS managed policies: counts per method", "[corpus][privesc]") {
    IAMLINT_NEEDS_CORPUS("aws-managed");
    const fs::path folder = test::corpus_dir() / "aws-managed";
    REQUIRE(fs::is_directory(folder));
    const std::vector<fs::path> files = test::files_in(folder);
    REQUIRE(files.size() == 1541);

    const Rule* rule = find_rule("IAM301");
    REQUIRE(rule != nullptr);
    Engine engine({rule}, Catalog::builtin());
    std::map<std::string, int> per_method;
    std::map<std::string, std::vector<Finding>> per_file;
    std::size_t critical = 0, high = 0;
    for (const auto& file : files) {
        auto loaded = load_file(file.filename().string(), test::read_text(file), {});
        std::vector<Finding> findings;
        for (const auto& document : loaded.documents) engine.analyze(document, findings);
        for (const auto& f : findings) {
            INFO(f.location.path << ":" << f.location.range.line << " " << f.message);
            CHECK_FALSE(f.internal_error);
            for (const auto& id : methods_of(f.message)) ++per_method[id];
            (f.severity == Severity::Critical ? critical : high) += 1;
        }
        if (!findings.empty()) per_file[file.filename().string()] = std::move(findings);
    }
    std::cout << "IAM301 on " << files.size() << " AWS managed policies: " << per_file.size() << " policies, "
              << critical << " critical, " << high << " high\n";
    for (const auto& [method, n] : per_method) std::cout << "  " << method << ": " << n << "\n";

    // Pinned: a change here is a finding that appeared or went, and its commit says why. One finding per
    // Action entry, so a method's count is the number of findings that name it.
    CHECK(per_file.size() == 150);
    CHECK(critical + high == 264);
    CHECK(critical == 106);
    const std::map<std::string, int> expected{{"add-user-to-group", 2},
                                              {"agentcore-code-interpreter-session", 2},
                                              {"attach-group-policy", 1},
                                              {"attach-role-policy", 3},
                                              {"attach-user-policy", 1},
                                              {"cloudformation-change-set", 23},
                                              {"codebuild-buildspec-override", 10},
                                              {"codestar-team-member", 3},
                                              {"create-access-key", 2},
                                              {"create-login-profile", 1},
                                              {"create-policy-version", 4},
                                              {"ec2-instance-connect", 2},
                                              {"ec2-user-data", 6},
                                              {"ecs-execute-command", 2},
                                              {"ecs-run-task-role-override", 4},
                                              {"full-admin", 1},
                                              {"launch-template-version", 6},
                                              {"pass-role-to-autoscaling", 14},
                                              {"pass-role-to-batch", 1},
                                              {"pass-role-to-cloudformation", 20},
                                              {"pass-role-to-cloudformation-stackset", 1},
                                              {"pass-role-to-codebuild", 3},
                                              {"pass-role-to-codestar", 1},
                                              {"pass-role-to-data-pipeline", 4},
                                              {"pass-role-to-ec2", 42},
                                              {"pass-role-to-ec2-spot", 9},
                                              {"pass-role-to-ecs-task", 3},
                                              {"pass-role-to-eventbridge", 9},
                                              {"pass-role-to-glue-dev-endpoint", 3},
                                              {"pass-role-to-glue-job", 5},
                                              {"pass-role-to-lambda", 12},
                                              {"pass-role-to-sagemaker-job", 12},
                                              {"pass-role-to-sagemaker-notebook", 8},
                                              {"pass-role-to-scheduler", 6},
                                              {"pass-role-to-step-functions", 1},
                                              {"put-group-policy", 1},
                                              {"put-role-policy", 3},
                                              {"put-user-policy", 1},
                                              {"remove-permissions-boundary", 1},
                                              {"sagemaker-notebook-lifecycle", 10},
                                              {"sagemaker-presigned-notebook-url", 10},
                                              {"set-default-policy-version", 2},
                                              {"ssm-send-command", 33},
                                              {"ssm-start-session", 14},
                                              {"update-apprunner-service", 2},
                                              {"update-assume-role-policy", 2},
                                              {"update-cloudformation-stack", 34},
                                              {"update-cloudformation-stackset", 2},
                                              {"update-function-code", 14},
                                              {"update-function-layers", 13},
                                              {"update-glue-dev-endpoint", 9},
                                              {"update-glue-job", 11},
                                              {"update-login-profile", 1}};
    CHECK(per_method == expected);

    // "*" on "*" allows every method: one "full administrator" finding, not thirty.
    REQUIRE(per_file.count("AdministratorAccess.json") == 1);
    CHECK(per_file["AdministratorAccess.json"].size() == 1);
    CHECK(method_of(per_file["AdministratorAccess.json"][0].message) == "full-admin");
    // Reads and lists only.
    CHECK(per_file.count("ReadOnlyAccess.json") == 0);
    CHECK(per_file.count("SecurityAudit.json") == 0);
    CHECK(per_file.count("ViewOnlyAccess.json") == 0);
    // Deny-only.
    CHECK(per_file.count("AWSDenyAll.json") == 0);
    // IAMFullAccess is iam:* on "*": every IAM method, critical; no PassRole method (nothing to pass to).
    REQUIRE(per_file.count("IAMFullAccess.json") == 1);
    std::set<std::string> iam_methods;
    // iam:* is one Action entry: one finding that lists the methods.
    CHECK(per_file["IAMFullAccess.json"].size() == 1);
    for (const auto& f : per_file["IAMFullAccess.json"]) {
        CHECK(f.severity == Severity::Critical);
        for (const auto& id : methods_of(f.message)) iam_methods.insert(id);
    }
    CHECK(iam_methods.count("create-policy-version") == 1);
    CHECK(iam_methods.count("attach-user-policy") == 1);
    CHECK(iam_methods.count("update-assume-role-policy") == 1);
    CHECK(iam_methods.count("pass-role-to-ec2") == 0);
    // PowerUserAccess allows everything but IAM (NotAction): no IAM method and no PassRole, yet SSM
    // commands and Lambda code updates onto more privileged roles remain.
    REQUIRE(per_file.count("PowerUserAccess.json") == 1);
    for (const auto& f : per_file["PowerUserAccess.json"]) {
        INFO(f.message);
        CHECK(f.message.find("iam:") == std::string::npos);
    }
    CHECK(per_method["full-admin"] >= 1);
}

TEST_CASE("IAM301 across the policies of one principal in an authorization-details dump",
          "[corpus][privesc]") {
    IAMLINT_NEEDS_CORPUS("account-authorization-details");
    const fs::path file =
        test::corpus_dir() / "account-authorization-details/cloudsplaining/examples/files/example.json";
    REQUIRE(fs::exists(file));
    const Rule* rule = find_rule("IAM301");
    Engine engine({rule}, Catalog::builtin());
    auto loaded = load_file("example.json", test::read_text(file), {});
    REQUIRE(loaded.format == InputFormat::AuthorizationDetails);
    std::vector<Finding> single, across;
    for (const auto& document : loaded.documents) engine.analyze(document, single);
    for (const auto& set : loaded.principal_sets) engine.analyze_principal(set, loaded.documents, across);
    std::cout << "IAM301 on example.json: " << single.size() << " on single policies, " << across.size()
              << " across the policies of one principal\n";
    for (const auto& f : across) std::cout << "  " << f.location.range.line << ": " << f.message << "\n";

    // Verified by hand: fn1-privesc3-partial-user has fn1-passrole-star (iam:PassRole on "*") and
    // fn1-privesc3-partial (ec2:RunInstances on "*"); neither escalates alone.
    auto fn1 = std::find_if(across.begin(), across.end(), [](const Finding& f) {
        return f.message.starts_with(
            "user fn1-privesc3-partial-user, across 2 policies: iam:PassRole + ec2:RunInstances");
    });
    REQUIRE(fn1 != across.end());
    CHECK(fn1->severity == Severity::Critical);
    REQUIRE(fn1->related.size() == 1);
    CHECK(fn1->related[0].message.find("ec2:RunInstances") != std::string::npos);
    CHECK(fn1->related[0].location.range.line != fn1->location.range.line);
    // fp2-allow-and-deny-multiple-policies-user: "*" in one policy, Deny "*" in the other: nothing.
    CHECK(std::none_of(across.begin(), across.end(), [](const Finding& f) {
        return f.message.find("fp2-allow-and-deny") != std::string::npos;
    }));
    // Never a method that a single policy of the principal allows alone.
    for (const auto& f : across) CHECK(f.message.find("full administrator") == std::string::npos);
}
