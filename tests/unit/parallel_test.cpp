#include <algorithm>
#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>

#include "iamlint/parallel.hpp"

using namespace iamlint;

TEST_CASE("parallel_for: every index exactly once, whatever the thread count", "[cli][parallel]") {
    for (unsigned threads : {1U, 2U, 3U, 8U, 64U}) {
        for (std::size_t count : {0UL, 1UL, 2UL, 7UL, 1000UL}) {
            INFO("threads " << threads << ", count " << count);
            std::vector<std::atomic<int>> calls(count);
            parallel_for(count, threads, [&](std::size_t i) { ++calls[i]; });
            for (std::size_t i = 0; i < count; ++i) CHECK(calls[i] == 1);
        }
    }
}

TEST_CASE("parallel_for: a throwing task stops the others and its exception reaches the caller",
          "[cli][parallel]") {
    std::atomic<std::size_t> ran{0};
    CHECK_THROWS_WITH(parallel_for(100000, 4,
                                   [&](std::size_t i) {
                                       ++ran;
                                       if (i == 10) throw std::runtime_error("task 10 failed");
                                       // Work that takes time, so that on a loaded machine the other
                                       // threads cannot finish every task before the failure is seen.
                                       std::this_thread::sleep_for(std::chrono::microseconds(20));
                                   }),
                      "task 10 failed");
    CHECK(ran < 100000);
}

TEST_CASE("parallel_for_ranges: consecutive ranges in range order that cover every index once",
          "[cli][parallel]") {
    for (unsigned threads : {1U, 2U, 5U}) {
        for (std::size_t count : {0UL, 1UL, 7UL, 1000UL}) {
            for (std::size_t ranges : {0UL, 1UL, 3UL, 16UL}) {
                INFO("threads " << threads << ", count " << count << ", ranges " << ranges);
                const std::size_t slots = std::max<std::size_t>(ranges, 1);
                std::vector<std::pair<std::size_t, std::size_t>> bounds(slots, {1, 0});
                std::vector<std::atomic<int>> calls(count);
                parallel_for_ranges(count, ranges, threads,
                                    [&](std::size_t range, std::size_t begin, std::size_t end) {
                                        bounds[range] = {begin, end};
                                        for (std::size_t i = begin; i < end; ++i) ++calls[i];
                                    });
                CHECK(bounds.front().first == 0);
                CHECK(bounds.back().second == count);
                for (std::size_t r = 1; r < slots; ++r) CHECK(bounds[r].first == bounds[r - 1].second);
                for (std::size_t i = 0; i < count; ++i) CHECK(calls[i] == 1);
            }
        }
    }
}
