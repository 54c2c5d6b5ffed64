// rules/per_action_table.hpp: one slot per catalog action, the same for every thread.
#include <catch2/catch.hpp>

#include <set>
#include <thread>
#include <vector>

#include "per_action_table.hpp"

using namespace iamlint;

TEST_CASE("a per-action table gives each action its own slot, the same on every thread",
          "[rules][per-action]") {
    const Catalog& catalog = Catalog::builtin();
    const rules::PerActionTable<int> table(catalog);
    const Service& first = catalog.services().front();
    const Service& last = catalog.services().back();
    REQUIRE(first.actions.size() >= 2);
    const Action& a = first.actions[0];
    const Action& b = first.actions[1];
    const Action& c = last.actions.back();

    CHECK(table[a] == 0);  // value-initialized
    table[a] = 7;
    table[c] = 9;
    CHECK(table[a] == 7);
    CHECK(table[b] == 0);
    CHECK(table[c] == 9);
    CHECK(std::set<const int*>{&table[a], &table[b], &table[c]}.size() == 3);

    // Threads that ask first about a service at the same moment get one set of slots.
    const rules::PerActionTable<int> fresh(catalog);
    std::vector<const int*> seen(4);
    std::vector<std::thread> threads;
    for (auto& one : seen) threads.emplace_back([&] { one = &fresh[c]; });
    for (auto& thread : threads) thread.join();
    CHECK(std::set<const int*>(seen.begin(), seen.end()).size() == 1);
}
