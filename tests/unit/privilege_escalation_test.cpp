// The method table of IAM301 and the search for escalation paths in effective permissions.
#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <sstream>

#include <catch2/catch.hpp>

#include "iamlint/engine.hpp"
#include "iamlint/loader.hpp"
#include "iamlint/privilege_escalation.hpp"
#include "test_support.hpp"

using namespace iamlint;

namespace {

std::vector<std::string> methods_in(std::string text) {
    auto loaded = load_file("p.json", std::move(text), {});
    REQUIRE(loaded.documents.size() == 1);
    const EffectivePermissions permissions(Catalog::builtin(), loaded.documents.front());
    std::vector<std::string> ids;
    for (const auto& path : find_escalation_paths(permissions)) ids.push_back(path.method->id);
    return ids;
}

}  // namespace

TEST_CASE("the method table: every action in the catalog, the methods RULES.md lists", "[privesc]") {
    const auto methods = escalation_methods();
    REQUIRE(methods.size() >= 30);
    std::set<std::string> ids;
    for (const auto& method : methods) {
        INFO(method.id);
        CHECK(ids.insert(method.id).second);
        CHECK_FALSE(method.steps.empty());
        CHECK(method.reference.starts_with("https://"));
        for (const auto& step : method.steps) {
            for (const auto& action : step) CHECK(Catalog::builtin().find_action(action) != nullptr);
        }
        const bool passes_role = method.steps.front().front() == "iam:PassRole";
        CHECK(passes_role == !method.passed_to.empty());
    }
    for (const char* id : {"create-policy-version",
                           "set-default-policy-version",
                           "pass-role-to-ec2",
                           "create-access-key",
                           "create-login-profile",
                           "update-login-profile",
                           "attach-user-policy",
                           "attach-group-policy",
                           "attach-role-policy",
                           "put-user-policy",
                           "put-group-policy",
                           "put-role-policy",
                           "add-user-to-group",
                           "update-assume-role-policy",
                           "pass-role-to-lambda",
                           "update-function-code",
                           "pass-role-to-glue-dev-endpoint",
                           "update-glue-dev-endpoint",
                           "pass-role-to-cloudformation",
                           "pass-role-to-data-pipeline",
                           "pass-role-to-sagemaker-notebook",
                           "pass-role-to-codestar",
                           "codestar-team-member",
                           "update-function-layers",
                           "ec2-instance-connect",
                           "ssm-send-command",
                           "update-cloudformation-stack",
                           "cloudformation-change-set",
                           "pass-role-to-cloudformation-stackset",
                           "update-cloudformation-stackset",
                           "codebuild-buildspec-override",
                           "ec2-user-data",
                           "pass-role-to-ec2-spot",
                           "launch-template-version",
                           "ecs-run-task-role-override",
                           "ecs-execute-command",
                           "pass-role-to-step-functions",
                           "pass-role-to-scheduler",
                           "pass-role-to-eventbridge",
                           "pass-role-to-batch",
                           "pass-role-to-apprunner",
                           "update-apprunner-service",
                           "pass-role-to-agentcore-code-interpreter",
                           "agentcore-code-interpreter-session",
                           "pass-role-to-agentcore-runtime",
                           "sagemaker-notebook-lifecycle"}) {
        CHECK(ids.count(id) == 1);
    }
}

TEST_CASE("the table format is checked", "[privesc]") {
    CHECK_THROWS_WITH(parse_escalation_methods("a\tiam:X\n"), Catch::Contains(":1: expected 9"));
    CHECK_THROWS_WITH(parse_escalation_methods("# c\na\tnot-an-action\t-\t-\tt\tw\tf\thttps://x\t-\n"),
                      Catch::Contains(":2: not an action"));
    CHECK_THROWS_WITH(parse_escalation_methods("a\tiam:X\t-\t-\tt\tw\tf\thttps://x\tcloudsplaining:x\n"),
                      Catch::Contains(":1: not a catalog id: 'cloudsplaining:x'"));
    const auto parsed = parse_escalation_methods(
        "m\tiam:PassRole + a:B | c:D\te.amazonaws.com\t-\tt\tw\tf\thttps://x\trhino:3, "
        "pathfinding:ec2-001\n");
    REQUIRE(parsed.size() == 1);
    CHECK(parsed[0].steps == std::vector<std::vector<std::string>>{{"iam:PassRole"}, {"a:B", "c:D"}});
    CHECK(parsed[0].passed_to == std::vector<std::string>{"e.amazonaws.com"});
    CHECK(parsed[0].catalogs == std::vector<std::string>{"rhino:3", "pathfinding:ec2-001"});
    CHECK(describe_catalog_id("pathfinding:ec2-001") ==
          "pathfinding.cloud ec2-001 (https://pathfinding.cloud/paths/ec2-001)");
}

TEST_CASE("paths: alternatives, several statements, PassedToService", "[privesc]") {
    CHECK(methods_in(R"({"Version":"2012-10-17","Statement":[
        {"Effect":"Allow","Action":"iam:PassRole","Resource":"*"},
        {"Effect":"Allow","Action":["lambda:CreateFunction","lambda:CreateEventSourceMapping"],"Resource":"*"}]})") ==
          std::vector<std::string>{"pass-role-to-lambda"});
    // Without either way to run the function, no path.
    CHECK(methods_in(R"({"Version":"2012-10-17","Statement":[
        {"Effect":"Allow","Action":["iam:PassRole","lambda:CreateFunction"],"Resource":"*"}]})")
              .empty());
    // PassedToService naming the method's service keeps the path; another service breaks it.
    CHECK(methods_in(R"({"Version":"2012-10-17","Statement":[
        {"Effect":"Allow","Action":"iam:PassRole","Resource":"*","Condition":{"StringLike":{"iam:PassedToService":"ec2.*"}}},
        {"Effect":"Allow","Action":"ec2:RunInstances","Resource":"*"}]})") ==
          std::vector<std::string>{"pass-role-to-ec2"});
    CHECK(methods_in(R"({"Version":"2012-10-17","Statement":[
        {"Effect":"Allow","Action":"iam:PassRole","Resource":"*","Condition":{"StringEquals":{"iam:PassedToService":"lambda.amazonaws.com"}}},
        {"Effect":"Allow","Action":"ec2:RunInstances","Resource":"*"}]})")
              .empty());
}

TEST_CASE("paths: scoped steps", "[privesc]") {
    auto loaded = load_file("p.json", R"({"Version":"2012-10-17","Statement":[
        {"Effect":"Allow","Action":"iam:CreateAccessKey","Resource":"arn:aws:iam::111122223333:user/${aws:username}"},
        {"Effect":"Allow","Action":"iam:AttachRolePolicy","Resource":"arn:aws:iam::111122223333:role/*"}]})",
                            {});
    const EffectivePermissions permissions(Catalog::builtin(), loaded.documents.front());
    const auto paths = find_escalation_paths(permissions);
    // Keys of the caller's own user are self-service, not escalation.
    REQUIRE(paths.size() == 1);
    CHECK(paths[0].method->id == "attach-role-policy");
    CHECK(paths[0].unscoped());

    CHECK(methods_in(R"({"Version":"2012-10-17","Statement":[
        {"Effect":"Allow","Action":"iam:CreateAccessKey","Resource":"arn:aws:iam::111122223333:user/ci-*"}]})") ==
          std::vector<std::string>{"create-access-key"});
}

TEST_CASE("paths: resources IAM refuses to change serve no step", "[privesc]") {
    // Service-linked roles: only their service may change them, and they trust only it.
    CHECK(methods_in(R"({"Version":"2012-10-17","Statement":[
        {"Effect":"Allow","Action":["iam:PutRolePolicy","iam:AttachRolePolicy","iam:PassRole"],
         "Resource":"arn:aws:iam::*:role/aws-service-role/*"},
        {"Effect":"Allow","Action":"ec2:RunInstances","Resource":"*"}]})")
              .empty());
    // AWS managed policies: no customer creates or selects their versions.
    CHECK(methods_in(R"({"Version":"2012-10-17","Statement":[
        {"Effect":"Allow","Action":["iam:CreatePolicyVersion","iam:SetDefaultPolicyVersion"],
         "Resource":"arn:aws:iam::aws:policy/AdministratorAccess"}]})")
              .empty());
    // A customer policy beside them still counts.
    CHECK(methods_in(R"({"Version":"2012-10-17","Statement":[
        {"Effect":"Allow","Action":"iam:CreatePolicyVersion",
         "Resource":["arn:aws:iam::aws:policy/AdministratorAccess","arn:aws:iam::111122223333:policy/ci"]}]})") ==
          std::vector<std::string>{"create-policy-version"});
    // A role whose path only begins like a service-linked role's is an ordinary role.
    CHECK(methods_in(R"({"Version":"2012-10-17","Statement":[
        {"Effect":"Allow","Action":"iam:PutRolePolicy","Resource":"arn:aws:iam::111122223333:role/aws-service-roles/x"}]})") ==
          std::vector<std::string>{"put-role-policy"});
}

TEST_CASE("paths: an ARN computed at deployment counts only for the types it can name", "[privesc]") {
    auto methods_in_template = [](const std::string& resource) {
        auto loaded = load_file("t.json",
                                R"({"Resources":{"P":{"Type":"AWS::IAM::ManagedPolicy","Properties":{
            "PolicyDocument":{"Version":"2012-10-17","Statement":[
            {"Effect":"Allow","Action":"iam:PutRolePolicy","Resource":)" +
                                    resource + "}]}}}}}",
                                {});
        REQUIRE(loaded.documents.size() == 1);
        const EffectivePermissions permissions(Catalog::builtin(), loaded.documents.front());
        return find_escalation_paths(permissions).size();
    };
    CHECK(methods_in_template(R"({"Fn::Sub":"arn:${AWS::Partition}:s3:::${Bucket}"})") == 0);
    CHECK(methods_in_template(R"({"Fn::Sub":"arn:${AWS::Partition}:iam::${AWS::AccountId}:policy/${P}"})") ==
          0);
    CHECK(methods_in_template(R"({"Fn::Sub":"arn:${AWS::Partition}:iam::${AWS::AccountId}:role/${R}"})") ==
          1);
    CHECK(methods_in_template(R"({"Fn::Sub":"arn:${AWS::Partition}:iam::${AWS::AccountId}:${Kind}/x"})") ==
          1);
    // A value computed whole (an ARN attribute) may be anything.
    CHECK(methods_in_template(R"({"Fn::GetAtt":["AppRole","Arn"]})") == 1);
}

TEST_CASE("every path of the public catalogs is a method or left out with the reason", "[privesc]") {
    // catalog id -> why it is left out ("-": covered)
    std::map<std::string, std::string> listed;
    std::istringstream in(test::read_text(test::source_dir() / "data" / "privilege-escalation-catalogs.tsv"));
    for (std::string line; std::getline(in, line);) {
        if (line.empty() || line.front() == '#') continue;
        const auto first = line.find('\t');
        const auto second = line.find('\t', first + 1);
        const auto third = line.find('\t', second + 1);
        REQUIRE(third != std::string::npos);
        INFO(line);
        CHECK_FALSE(describe_catalog_id(line.substr(0, first)).empty());
        CHECK(second > first + 1);  // a name
        CHECK(third > second + 1);  // its actions
        CHECK(listed.emplace(line.substr(0, first), line.substr(third + 1)).second);
    }
    std::map<std::string, int> per_catalog;
    for (const auto& [id, left_out] : listed) ++per_catalog[id.substr(0, id.find(':'))];
    CHECK(per_catalog["pathfinding"] == 65);
    CHECK(per_catalog["rhino"] == 28);
    CHECK(per_catalog["iam-vulnerable"] == 31);

    std::map<std::string, std::vector<std::string>> methods_of_id;
    for (const auto& method : escalation_methods()) {
        for (const auto& id : method.catalogs) {
            INFO(method.id << " names " << id);
            CHECK(listed.count(id) == 1);
            methods_of_id[id].push_back(method.id);
        }
    }
    for (const auto& [id, left_out] : listed) {
        INFO(id);
        if (left_out == "-" || left_out.starts_with("needs ")) {
            CHECK(methods_of_id.count(id) == 1);
        } else {
            CHECK(methods_of_id.count(id) == 0);
            CHECK(left_out.size() > 40);  // a reason, not a placeholder
        }
    }
}

TEST_CASE("each catalog path, as a policy of just its actions, is reported with its method", "[privesc]") {
    std::istringstream in(test::read_text(test::source_dir() / "data" / "privilege-escalation-catalogs.tsv"));
    int checked = 0;
    for (std::string line; std::getline(in, line);) {
        if (line.empty() || line.front() == '#') continue;
        const auto first = line.find('\t');
        const auto second = line.find('\t', first + 1);
        const auto third = line.find('\t', second + 1);
        const std::string id = line.substr(0, first);
        std::string actions =
            line.substr(second + 1, third - second - 1);  // "iam:PassRole + ec2:RunInstances"
        const std::string status = line.substr(third + 1);
        if (status != "-" && !status.starts_with("needs ")) continue;
        if (status.starts_with("needs "))
            actions += " + " + status.substr(6, status.find(':', status.find(':') + 1) - 6);
        std::string list;
        for (std::size_t start = 0;;) {
            const auto plus = actions.find(" + ", start);
            list += (list.empty() ? "\"" : ",\"") + actions.substr(start, plus - start) + "\"";
            if (plus == std::string::npos) break;
            start = plus + 3;
        }
        INFO(id << ": " << list);
        const auto found = methods_in(R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":[)" +
                                      list + R"(],"Resource":"*"}]})");
        CHECK(std::any_of(found.begin(), found.end(), [&](const std::string& method_id) {
            const auto methods = escalation_methods();
            const auto method = std::find_if(methods.begin(), methods.end(),
                                             [&](const EscalationMethod& m) { return m.id == method_id; });
            return std::find(method->catalogs.begin(), method->catalogs.end(), id) != method->catalogs.end();
        }));
        ++checked;
    }
    CHECK(checked == 124 - 3);  // all but sts:AssumeRole (twice) and codestar:CreateProjectFromTemplate
}

TEST_CASE("paths: a step's first grant is one on every resource, where the finding points", "[privesc]") {
    auto loaded = load_file("p.json", R"({"Version":"2012-10-17","Statement":[
        {"Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::111122223333:role/events-invoke"},
        {"Effect":"Allow","Action":"iam:PassRole","Resource":"*",
         "Condition":{"StringEquals":{"iam:PassedToService":"scheduler.amazonaws.com"}}},
        {"Effect":"Allow","Action":"scheduler:CreateSchedule","Resource":"*"}]})",
                            {});
    const EffectivePermissions permissions(Catalog::builtin(), loaded.documents.front());
    const auto paths = find_escalation_paths(permissions);
    REQUIRE(paths.size() == 1);
    CHECK(paths[0].method->id == "pass-role-to-scheduler");
    CHECK(paths[0].unscoped());
    REQUIRE(paths[0].steps[0].grants.size() == 2);
    CHECK(paths[0].steps[0].grants.front()->statement->resources.entries.front().text == "*");
}

TEST_CASE("IAM301: one finding per Action entry, listing its methods, with the other steps related",
          "[privesc]") {
    const Rule* rule = find_rule("IAM301");
    REQUIRE(rule != nullptr);
    Engine engine({rule}, Catalog::builtin());
    auto loaded = load_file("p.json", R"({"Version":"2012-10-17","Statement":[
        {"Effect":"Allow","Action":"iam:*","Resource":"*"},
        {"Effect":"Allow","Action":"ec2:RunInstances","Resource":"*"}]})",
                            {});
    std::vector<Finding> findings;
    engine.analyze(loaded.documents.front(), findings);
    REQUIRE(findings.size() == 1);
    const Finding& finding = findings.front();
    CHECK(finding.severity == Severity::Critical);
    CHECK(finding.location.range.line == 2);
    CHECK(
        finding.message.starts_with("iam:* allows 15 privilege-escalation methods: create-policy-version, "));
    CHECK(finding.message.find("pass-role-to-ec2 (iam:PassRole + ec2:RunInstances)") != std::string::npos);
    REQUIRE(finding.related.size() == 1);
    CHECK(finding.related[0].location.range.line == 3);
    CHECK(finding.related[0].message == "ec2:RunInstances is allowed here");
}

namespace {

// The methods a CloudFormation template's policies allow, each policy alone.
std::vector<std::string> methods_in_template(const std::string& text) {
    auto loaded = load_file("t.json", text, {});
    std::vector<std::string> ids;
    for (const auto& document : loaded.documents) {
        if (document.kind != PolicyKind::Identity) continue;
        const EffectivePermissions permissions(Catalog::builtin(), document);
        for (const auto& path : find_escalation_paths(permissions)) ids.push_back(path.method->id);
    }
    return ids;
}

// A template with a function Fn whose role FnRole has `statement` as its only inline policy, and a
// second function Other under a role of its own.
std::string function_template(const std::string& statement,
                              const std::string& attached = R"("Roles":[{"Ref":"FnRole"}])") {
    return R"({"Resources":{
        "FnRole":{"Type":"AWS::IAM::Role","Properties":{"AssumeRolePolicyDocument":{}}},
        "OtherRole":{"Type":"AWS::IAM::Role","Properties":{"AssumeRolePolicyDocument":{}}},
        "Dev":{"Type":"AWS::IAM::User","Properties":{}},
        "Fn":{"Type":"AWS::Lambda::Function","Properties":{"Role":{"Fn::GetAtt":["FnRole","Arn"]}}},
        "Other":{"Type":"AWS::Lambda::Function","Properties":{"Role":{"Fn::GetAtt":["OtherRole","Arn"]}}},
        "P":{"Type":"AWS::IAM::Policy","Properties":{"PolicyName":"p",)" +
           attached + R"(,"PolicyDocument":{"Version":"2012-10-17","Statement":[)" + statement + "]}}}}}";
}

}  // namespace

TEST_CASE("paths: a function or project that may change only itself, under its own role", "[privesc]") {
    const std::string update = R"({"Effect":"Allow","Action":"lambda:UpdateFunctionCode","Resource":)";
    // The function that runs under the one role the policy applies to, however the template names it.
    for (const char* itself :
         {R"({"Fn::GetAtt":["Fn","Arn"]})", R"({"Ref":"Fn"})", R"({"Fn::Sub":"${Fn.Arn}:live"})",
          R"({"Fn::Sub":"arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${Fn}"})",
          R"({"Fn::Sub":"arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:function:${Fn}:*"})"}) {
        INFO(itself);
        CHECK(methods_in_template(function_template(update + itself + "}")).empty());
    }
    // Another function, a pattern, another region: code that may run under another role.
    for (const char* other :
         {R"({"Fn::GetAtt":["Other","Arn"]})",
          R"({"Fn::Sub":"arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:function:${Fn}*"})",
          R"({"Fn::Sub":"arn:aws:lambda:*:${AWS::AccountId}:function:${Fn}"})"}) {
        INFO(other);
        CHECK(methods_in_template(function_template(update + other + "}")) ==
              std::vector<std::string>{"update-function-code"});
    }
    // The policy is also a user's, who would run code as FnRole.
    CHECK(methods_in_template(function_template(update + R"({"Fn::GetAtt":["Fn","Arn"]}})",
                                                R"("Roles":[{"Ref":"FnRole"}],"Users":[{"Ref":"Dev"}])")) ==
          std::vector<std::string>{"update-function-code"});
    // Two roles: OtherRole may change Fn, which runs as FnRole.
    CHECK(methods_in_template(function_template(update + R"({"Fn::GetAtt":["Fn","Arn"]}})",
                                                R"("Roles":[{"Ref":"FnRole"},{"Ref":"OtherRole"}])")) ==
          std::vector<std::string>{"update-function-code"});
    // A method that passes a role may run the project under another: StartBuild takes a
    // serviceRoleOverride, so the role's own project, with iam:PassRole, runs as any role passed.
    const std::string project = R"({"Resources":{
        "BuildRole":{"Type":"AWS::IAM::Role","Properties":{"AssumeRolePolicyDocument":{},"Policies":[
          {"PolicyName":"p","PolicyDocument":{"Version":"2012-10-17","Statement":[
            {"Effect":"Allow","Action":["iam:PassRole","codebuild:CreateProject"],"Resource":"*"},
            {"Effect":"Allow","Action":"codebuild:StartBuild","Resource":{"Fn::GetAtt":["Build","Arn"]}}]}}]}},
        "Build":{"Type":"AWS::CodeBuild::Project","Properties":{"ServiceRole":{"Fn::GetAtt":["BuildRole","Arn"]}}}}})";
    CHECK(methods_in_template(project) == std::vector<std::string>{"pass-role-to-codebuild"});
}

TEST_CASE("IAM301: an entry that allows several methods links each to its catalog entries", "[privesc]") {
    const Rule* rule = find_rule("IAM301");
    REQUIRE(rule != nullptr);
    Engine engine({rule}, Catalog::builtin());
    auto loaded = load_file("p.json", R"({"Version":"2012-10-17","Statement":[
        {"Effect":"Allow","Action":["iam:Put*Policy"],"Resource":"*"}]})",
                            {});
    std::vector<Finding> findings;
    engine.analyze(loaded.documents.front(), findings);
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].message.find("allows 3 privilege-escalation methods") != std::string::npos);
    for (const char* entry : {"Rhino Security Labs method 10",
                              "pathfinding.cloud iam-011 (https://pathfinding.cloud/paths/iam-011)",
                              "Bishop Fox iam-vulnerable privesc12"}) {
        INFO(entry);
        CHECK(findings[0].fix.find(entry) != std::string::npos);
    }
}

TEST_CASE("may_escalate: the Allows of the policies, before Deny, name every step of a method", "[privesc]") {
    auto pass_role = load_file(
        "a.json", R"({"Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"*"}]})", {});
    auto lambda = load_file("b.json", R"({"Statement":[
        {"Effect":"Allow","Action":["lambda:CreateFunction","lambda:InvokeFunction"],"Resource":"*"}]})",
                            {});
    auto denied = load_file("c.json", R"({"Statement":[
        {"Effect":"Allow","Action":"iam:CreatePolicyVersion","Resource":"*"},
        {"Effect":"Deny","Action":"iam:*","Resource":"*"}]})",
                            {});
    auto deny_only = load_file("d.json", R"({"Statement":[
        {"Effect":"Deny","Action":"iam:CreatePolicyVersion","Resource":"*"}]})",
                               {});
    const std::array<const PolicyDocument*, 2> split{&pass_role.documents.front(), &lambda.documents.front()};
    const EffectivePermissions together(Catalog::builtin(), split);
    REQUIRE(find_escalation_paths(together).size() == 1);
    CHECK(may_escalate(Catalog::builtin(), split));
    CHECK_FALSE(may_escalate(Catalog::builtin(), std::span(split).first(1)));
    CHECK_FALSE(may_escalate(Catalog::builtin(), std::span(split).last(1)));
    // A bound: a Deny does not take away what the Allows name, and a Deny names nothing.
    const std::array<const PolicyDocument*, 1> with_deny{&denied.documents.front()};
    CHECK(may_escalate(Catalog::builtin(), with_deny));
    CHECK(find_escalation_paths(EffectivePermissions(Catalog::builtin(), with_deny)).empty());
    const std::array<const PolicyDocument*, 1> only_deny{&deny_only.documents.front()};
    CHECK_FALSE(may_escalate(Catalog::builtin(), only_deny));
    // Whatever has a path is never ruled out: every fixture of IAM301, flagged or clean.
    std::size_t with_paths = 0;
    for (const char* folder : {"flagged", "clean"}) {
        const auto dir = test::source_dir() / "rules" / "privilege-escalation" / "fixtures" / folder;
        for (const auto& file : std::filesystem::directory_iterator(dir)) {
            if (file.path().extension() != ".json") continue;
            INFO(file.path().filename().string());
            const auto loaded = load_file(file.path().string(), test::read_text(file.path()), {});
            std::vector<const PolicyDocument*> documents;
            for (const PolicyDocument& document : loaded.documents) documents.push_back(&document);
            if (documents.empty()) continue;
            const EffectivePermissions permissions(Catalog::builtin(), documents);
            if (find_escalation_paths(permissions).empty()) continue;
            ++with_paths;
            CHECK(may_escalate(Catalog::builtin(), documents));
        }
    }
    CHECK(with_paths >= 20);
}
