// The grant model against a plain, slow evaluator of IAM's decision logic for identity policies: a
// request (action, resource) is denied when an unconditional Deny statement matches it, else allowed when
// an Allow statement matches it. Thousands of random statements over real catalog actions, with a fixed
// seed so that a failure is reproducible.
#include <algorithm>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <catch2/catch.hpp>

#include "iamlint/ascii.hpp"
#include "iamlint/grant_model.hpp"
#include "iamlint/loader.hpp"

using namespace iamlint;

namespace {

// A small generator whose sequence is the same on every standard library (std::uniform_int_distribution
// is not).
class Random {
public:
    explicit Random(std::uint64_t seed) : state_(seed) {}
    std::uint64_t next() {
        state_ ^= state_ << 13;
        state_ ^= state_ >> 7;
        state_ ^= state_ << 17;
        return state_;
    }
    std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
    bool chance(unsigned percent) { return below(100) < percent; }

private:
    std::uint64_t state_;
};

// IAM's wildcard match, written the plain recursive way: '*' any run, '?' one character.
bool glob(std::string_view pattern, std::string_view text, bool ignore_case) {
    if (pattern.empty()) return text.empty();
    if (pattern.front() == '*') {
        for (std::size_t skip = 0; skip <= text.size(); ++skip) {
            if (glob(pattern.substr(1), text.substr(skip), ignore_case)) return true;
        }
        return false;
    }
    if (text.empty()) return false;
    const bool same =
        pattern.front() == '?' || (ignore_case ? ascii_lower(pattern.front()) == ascii_lower(text.front())
                                               : pattern.front() == text.front());
    return same && glob(pattern.substr(1), text.substr(1), ignore_case);
}

struct RandomStatement {
    bool deny = false;
    bool not_action = false;
    bool not_resource = false;
    bool conditional = false;
    std::vector<std::string> actions;
    std::vector<std::string> resources;
};

std::string qualified(const Action& action) {
    return std::string(action.service->prefix) + ":" + std::string(action.name);
}

bool matches_action(const RandomStatement& s, const Action& action) {
    const std::string name = qualified(action);
    bool any = false;
    for (const auto& pattern : s.actions) any = any || glob(pattern, name, true);
    return s.not_action ? !any : any;
}

bool matches_resource(const RandomStatement& s, std::string_view resource) {
    bool any = false;
    for (const auto& pattern : s.resources) any = any || glob(pattern, resource, false);
    return s.not_resource ? !any : any;
}

// The evaluator: whether an unconditional Deny of the policy matches the request.
bool denied(const std::vector<RandomStatement>& policy, const Action& action, std::string_view resource) {
    for (const auto& s : policy) {
        if (s.deny && !s.conditional && matches_action(s, action) && matches_resource(s, resource))
            return true;
    }
    return false;
}

const std::vector<const Action*>& actions_of_services() {
    static const std::vector<const Action*> actions = [] {
        std::vector<const Action*> out;
        for (std::string_view prefix : {"iam", "s3", "lambda", "sts", "kms", "ec2", "ssm"}) {
            Catalog::builtin().expand(std::string(prefix) + ":*", out);
        }
        return out;
    }();
    return actions;
}

// A pattern built from a real action: itself (in any case), a prefix or suffix with '*', a '?', the
// service's wildcard, or "*".
std::string random_action_pattern(Random& random) {
    const auto& pool = actions_of_services();
    const Action& action = *pool[random.below(pool.size())];
    std::string name(action.name);
    const std::string service(action.service->prefix);
    switch (random.below(8)) {
        case 0:
            for (char& c : name) c = random.chance(30) ? ascii_lower(c) : c;
            return service + ":" + name;
        case 1:
            return service + ":" + name.substr(0, 1 + random.below(name.size())) + "*";
        case 2:
            return service + ":*" + name.substr(random.below(name.size()));
        case 3:
            name[random.below(name.size())] = '?';
            return service + ":" + name;
        case 4:
            return service + ":*";
        case 5:
            return random.chance(20) ? "*" : service + ":" + name;
        case 6:
            return service + ":*" + name.substr(1 + random.below(name.size() / 2 + 1), 3) + "*";
        default:
            return service + ":" + name;
    }
}

// Resources around the types of the sampled services, with the concrete ARNs they may match below.
constexpr std::string_view kResourcePatterns[] = {
    "*",
    "arn:aws:iam::*:role/*",
    "arn:aws:iam::111122223333:role/app-*",
    "arn:aws:iam::111122223333:user/*",
    "arn:aws:iam::*:*",
    "arn:aws:s3:::bucket-a/*",
    "arn:aws:s3:::*",
    "arn:aws:lambda:*:*:function:*",
    "arn:aws:lambda:us-east-1:111122223333:function:app-?",
    "arn:aws:kms:*:111122223333:key/*",
    "arn:aws:ssm:*:*:parameter/*",
};

// Concrete resources of a type: each ARN format with its variables filled in a few ways.
std::vector<std::string> concrete_resources(const ResourceType& type) {
    std::vector<std::string> out;
    constexpr std::string_view kNames[] = {"app-1", "admin", "bucket-a", "x/y"};
    constexpr std::string_view kAccounts[] = {"111122223333", "444455556666"};
    for (std::string_view format : type.arn_formats) {
        for (std::size_t variant = 0; variant < 4; ++variant) {
            std::string arn;
            for (std::size_t i = 0; i < format.size();) {
                if (format.substr(i, 2) != "${") {
                    arn += format[i++];
                    continue;
                }
                const std::size_t close = format.find('}', i);
                const std::string_view variable = format.substr(i, close + 1 - i);
                if (variable == "${Partition}") {
                    arn += "aws";
                } else if (variable == "${Account}") {
                    arn += kAccounts[variant % 2];
                } else if (variable == "${Region}") {
                    arn += "us-east-1";
                } else {
                    arn += kNames[variant];
                }
                i = close + 1;
            }
            out.push_back(std::move(arn));
        }
    }
    return out;
}

std::string json_list(const std::vector<std::string>& items) {
    std::string out = "[";
    for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ",\"" : "\"") + items[i] + "\"";
    return out + "]";
}

std::string to_json(const std::vector<RandomStatement>& policy) {
    std::string out = R"({"Version":"2012-10-17","Statement":[)";
    for (std::size_t i = 0; i < policy.size(); ++i) {
        const auto& s = policy[i];
        out += i ? "," : "";
        out += std::string(R"({"Effect":")") + (s.deny ? "Deny" : "Allow") + "\",";
        out +=
            std::string("\"") + (s.not_action ? "NotAction" : "Action") + "\":" + json_list(s.actions) + ",";
        out += std::string("\"") + (s.not_resource ? "NotResource" : "Resource") +
               "\":" + json_list(s.resources);
        if (s.conditional) out += R"(,"Condition":{"Bool":{"aws:MultiFactorAuthPresent":"false"}})";
        out += "}";
    }
    return out + "]}";
}

std::vector<RandomStatement> random_policy(Random& random, bool random_resources) {
    std::vector<RandomStatement> policy(1 + random.below(4));
    for (auto& s : policy) {
        s.deny = random.chance(45);
        s.not_action = random.chance(12);
        s.conditional = s.deny && random.chance(15);
        for (std::size_t n = 1 + random.below(3); n > 0; --n)
            s.actions.push_back(random_action_pattern(random));
        if (!random_resources) {
            s.resources = {"*"};
            continue;
        }
        s.not_resource = random.chance(15);
        for (std::size_t n = 1 + random.below(2); n > 0; --n) {
            s.resources.emplace_back(kResourcePatterns[random.below(std::size(kResourcePatterns))]);
        }
    }
    return policy;
}

// The actions to ask about: random ones of the sampled services and a few of the whole catalog.
std::vector<const Action*> sample_actions(Random& random, const ActionIndex& index) {
    std::vector<const Action*> out;
    const auto& pool = actions_of_services();
    for (int i = 0; i < 40; ++i) out.push_back(pool[random.below(pool.size())]);
    for (int i = 0; i < 10; ++i) out.push_back(&index.at(random.below(index.size())));
    return out;
}

}  // namespace

TEST_CASE("Grant model: Allow minus unconditional Deny, on every resource, as IAM decides",
          "[grant][property]") {
    Random random(0x1a3f'2026'1202ull);
    std::size_t statements = 0, checks = 0, removed = 0;
    for (int round = 0; round < 600; ++round) {
        const auto policy = random_policy(random, false);
        statements += policy.size();
        const LoadedFile file = load_file("p.json", to_json(policy), {});
        REQUIRE(file.documents.size() == 1);
        const GrantModel model(Catalog::builtin(), file.documents.front());
        const auto& parsed = file.documents.front().policy.statements;
        REQUIRE(parsed.size() == policy.size());
        for (const Action* action : sample_actions(random, model.permissions().index())) {
            const bool is_denied = denied(policy, *action, "anything");
            bool allowed = false;
            for (std::size_t i = 0; i < policy.size(); ++i) {
                if (policy[i].deny) continue;
                const bool named = matches_action(policy[i], *action);
                allowed = allowed || (named && !is_denied);
                INFO(to_json(policy) << "\naction " << qualified(*action));
                CHECK(model.denied_everywhere(parsed[i], *action) == (named && is_denied));
                ++checks;
                removed += named && is_denied;
            }
            const std::size_t bit = model.permissions().index().index_of(*action);
            INFO(to_json(policy) << "\naction " << qualified(*action));
            CHECK(model.permissions().allowed().test(bit) == allowed);
        }
    }
    INFO(statements << " statements, " << checks << " checks");
    CHECK(statements > 1000);
    CHECK(removed > 100);  // the Deny path is exercised, not only the Allow one
}

TEST_CASE("Grant model: what a Deny removes on named resources is denied on each of them",
          "[grant][property]") {
    // Resource matching is approximated (ARN formats of the action's types), so this holds the sound
    // direction: an action the model calls removed is denied on every resource of its types that the
    // Allow names; and one whose Deny names "*" is always removed.
    Random random(0x5eed'0010ull);
    std::size_t removed = 0, resources_checked = 0;
    for (int round = 0; round < 3000; ++round) {
        const auto policy = random_policy(random, true);
        const LoadedFile file = load_file("p.json", to_json(policy), {});
        REQUIRE(file.documents.size() == 1);
        const GrantModel model(Catalog::builtin(), file.documents.front());
        const auto& parsed = file.documents.front().policy.statements;
        for (const Action* action : sample_actions(random, model.permissions().index())) {
            for (std::size_t i = 0; i < policy.size(); ++i) {
                if (policy[i].deny || !matches_action(policy[i], *action)) continue;
                const bool by_star = std::any_of(policy.begin(), policy.end(), [&](const RandomStatement& d) {
                    return d.deny && !d.conditional && !d.not_resource && matches_action(d, *action) &&
                           std::find(d.resources.begin(), d.resources.end(), "*") != d.resources.end();
                });
                INFO(to_json(policy) << "\naction " << qualified(*action));
                if (by_star) CHECK(model.denied_everywhere(parsed[i], *action));
                if (!model.denied_everywhere(parsed[i], *action)) continue;
                ++removed;
                for (const ResourceTypeUse& use : action->resource_types) {
                    for (const std::string& resource : concrete_resources(*use.type)) {
                        if (!matches_resource(policy[i], resource)) continue;
                        ++resources_checked;
                        INFO("resource " << resource);
                        CHECK(denied(policy, *action, resource));
                    }
                }
            }
        }
    }
    CHECK(removed > 100);
    CHECK(resources_checked > 400);
}

TEST_CASE("Grant model: which grants would match actions AWS adds later", "[grant]") {
    const LoadedFile file = load_file("p.json", R"({"Version":"2012-10-17","Statement":[
        {"Effect":"Allow","Action":"s3:GetObject","Resource":"*"},
        {"Effect":"Allow","Action":["s3:GetObject","ec2:Describe*"],"Resource":"*"},
        {"Effect":"Allow","NotAction":"iam:*","Resource":"*"},
        {"Effect":"Deny","Action":"ec2:DescribeInstances","Resource":"*"}]})",
                                      {});
    const GrantModel model(Catalog::builtin(), file.documents.front());
    const auto& statements = file.documents.front().policy.statements;
    CHECK_FALSE(matches_future_actions(statements[0]));
    CHECK(matches_future_actions(statements[1]));
    CHECK(matches_future_actions(statements[2]));
    CHECK(model.grant_of(statements[3]) == nullptr);  // a Deny grants nothing
    CHECK(model.has_unconditional_deny());
    const Action& describe = *Catalog::builtin().find_action("ec2:DescribeInstances");
    CHECK(model.denied_everywhere(statements[1], describe));
    CHECK_FALSE(model.denied_everywhere(statements[0], describe));  // not named there
}

TEST_CASE("Grant model: conditions classified", "[grant]") {
    const LoadedFile file = load_file("p.json", R"({"Version":"2012-10-17","Statement":[
        {"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{
          "StringEquals":{"aws:ResourceTag/team":"a","aws:PrincipalOrgID":"o-1","ec2:ResourceTag/env":"x",
                          "s3:prefix":"home/"},
          "IpAddress":{"aws:SourceIp":"203.0.113.0/24"},
          "Bool":{"aws:SecureTransport":"true"},
          "StringEqualsIfExists":{"aws:ResourceAccount":"111122223333"}}}]})",
                                      {});
    std::map<std::string, ConditionClass> classes;
    for (const Condition& c : file.documents.front().policy.statements[0].conditions)
        classes[c.key] = classify_condition(c);
    CHECK(classes.at("aws:ResourceTag/team") == ConditionClass::NarrowsResources);
    CHECK(classes.at("ec2:ResourceTag/env") == ConditionClass::NarrowsResources);
    CHECK(classes.at("aws:PrincipalOrgID") == ConditionClass::NarrowsPrincipals);
    CHECK(classes.at("aws:SourceIp") == ConditionClass::NarrowsRequest);
    CHECK(classes.at("aws:SecureTransport") == ConditionClass::SatisfiableAtWill);
    CHECK(classes.at("aws:ResourceAccount") == ConditionClass::SatisfiableAtWill);  // ...IfExists
    CHECK(classes.at("s3:prefix") == ConditionClass::Unknown);
}
