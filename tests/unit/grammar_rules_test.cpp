// The grammar rules (IAM003-IAM008, IAM015) on what the fixtures cannot hold: values a loader computed
// from deployment-time expressions, and a policy nested inside a larger document.
#include <algorithm>
#include <functional>

#include <catch2/catch.hpp>

#include "iamlint/engine.hpp"

using namespace iamlint;

namespace {

JsonValue& member(JsonValue& object, std::string_view key) {
    auto it = std::find_if(object.members().rbegin(), object.members().rend(),
                           [&](const JsonMember& m) { return m.key == key; });
    REQUIRE(it != object.members().rend());
    return it->value;
}

// Marks a string as a loader marks a CloudFormation intrinsic or a Terraform unknown.
void compute(JsonValue& value) {
    REQUIRE(value.is_string());
    value.computed = true;
}

struct Analyzed {
    std::shared_ptr<const SourceFile> source;
    std::vector<Finding> findings;

    std::vector<std::string> ids() const {
        std::vector<std::string> out;
        for (const auto& f : findings) out.push_back(f.rule_id + " " + std::string(to_string(f.severity)));
        std::sort(out.begin(), out.end());
        return out;
    }
};

// Parses `text`, lets `edit` mark values as computed, takes the policy at `path` (keys from the root)
// as a loader of templates would, and runs the grammar rules over it.
Analyzed analyze(std::string text, const std::function<void(JsonValue&)>& edit,
                 std::vector<std::string> path = {}) {
    Analyzed result;
    result.source = std::make_shared<const SourceFile>("policy.json", std::move(text));
    auto syntax = std::make_shared<JsonDocument>(parse_json(*result.source));
    REQUIRE_FALSE(syntax->error);
    JsonValue* root = &syntax->root;
    std::string pointer;
    for (const auto& key : path) {
        root = &member(*root, key);
        pointer = json_pointer_append(pointer, key);
    }
    edit(*root);
    PolicyDocument document;
    document.source = result.source;
    document.syntax = syntax;
    document.root = root;
    document.root_pointer = pointer;
    document.policy = build_policy(*root, pointer);
    document.kind = detect_policy_kind(document.policy);
    std::vector<const Rule*> rules;
    for (std::string_view id : {"IAM003", "IAM004", "IAM005", "IAM006", "IAM007", "IAM008", "IAM015"}) {
        rules.push_back(find_rule(id));
        REQUIRE(rules.back() != nullptr);
    }
    Engine(rules, Catalog::builtin()).analyze(document, result.findings);
    return result;
}

}  // namespace

TEST_CASE("grammar rules: computed values are some valid value, never judged", "[grammar]") {
    // Every one of these values is wrong as written, and known only at deployment once computed.
    const std::string text = R"({
  "Version": "${Ref:PolicyVersion}",
  "Statement": [
    {"Effect": "${Fn::If:IsProd}", "Action": "s3:GetObject", "Resource": ""},
    "${Fn::If:WithAdmin}",
    {"Effect": "Allow", "Principal": "${Ref:Trusted}", "Action": "sts:AssumeRole",
     "Condition": {"StringEquals": "${Fn::If:Condition}"}}
  ]
})";
    auto edit = [](JsonValue& root) {
        compute(member(root, "Version"));
        auto& statements = member(root, "Statement");
        compute(member(statements.items()[0], "Effect"));
        compute(member(statements.items()[0], "Resource"));
        compute(statements.items()[1]);
        compute(member(statements.items()[2], "Principal"));
        compute(member(member(statements.items()[2], "Condition"), "StringEquals"));
    };
    CHECK(analyze(text, edit).findings.empty());

    // The same text as literal values: each one is reported.
    auto literal = analyze(text, [](JsonValue&) {});
    CHECK(literal.ids() == std::vector<std::string>{"IAM003 high", "IAM003 high", "IAM003 high",
                                                    "IAM004 high", "IAM007 high", "IAM015 low"});
}

TEST_CASE("grammar rules: an Fn::Sub placeholder is no policy variable", "[grammar]") {
    const std::string text =
        R"({"Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::${Bucket}/*"}})";
    auto computed =
        analyze(text, [](JsonValue& root) { compute(member(member(root, "Statement"), "Resource")); });
    CHECK(computed.ids() == std::vector<std::string>{"IAM005 low"});
    CHECK(analyze(text, [](JsonValue&) {}).ids() == std::vector<std::string>{"IAM005 high"});
}

TEST_CASE("grammar rules: a policy inside a template is reported with its pointer in the file", "[grammar]") {
    const std::string text = R"({
  "Resources": {
    "Role": {
      "Properties": {
        "PolicyDocument": {
          "Version": "2012-10-17",
          "Statement": [{"Sid": "Read", "action": "s3:GetObject", "Resource": []}]
        }
      }
    }
  }
})";
    auto analyzed = analyze(text, [](JsonValue&) {}, {"Resources", "Role", "Properties", "PolicyDocument"});
    std::vector<std::string> found;
    for (const auto& f : analyzed.findings) {
        found.push_back(f.rule_id + " " + f.location.json_pointer + " " +
                        std::to_string(f.location.range.line) + ":" +
                        std::to_string(f.location.range.column));
    }
    std::sort(found.begin(), found.end());
    const std::string base = "/Resources/Role/Properties/PolicyDocument/Statement/0";
    CHECK(found == std::vector<std::string>{"IAM006 " + base + "/action 7:41", "IAM007 " + base + " 7:26",
                                            "IAM015 " + base + "/Resource 7:79"});
}
