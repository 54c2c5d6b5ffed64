#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>
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
