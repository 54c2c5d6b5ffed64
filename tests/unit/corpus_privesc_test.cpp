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

// "(pass-role-to-ec2)" in a message: the method id.
std::string method_of(const std::string& message) {
    static const std::regex id(R"(\(([a-z0-9-]+)\))");
    std::smatch match;
    if (message.find("full administrator access") != std::string::npos) return "full-admin";
    return std::regex_search(message, match, id) ? match[1].str() : "?";
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
            ++per_method[method_of(f.message)];
            (f.severity == Severity::Critical ? critical : high) += 1;
        }
        if (!findings.empty()) per_file[file.filename().string()] = std::move(findings);
    }
    std::cout << "IAM301 on " << files.size() << " AWS managed policies: " << per_file.size() << " policies, "
              << critical << " critical, " << high << " high\n";
    for (const auto& [method, n] : per_method) std::cout << "  " << method << ": " << n << "\n";

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
    for (const auto& f : per_file["IAMFullAccess.json"]) {
        CHECK(f.severity == Severity::Critical);
        iam_methods.insert(method_of(f.message));
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
