// Running independent tasks on a few threads; results go wherever the task puts them by index, so the
// caller's output does not depend on which thread ran what.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace iamlint {

// The -j default: one thread per core.
inline unsigned default_thread_count() {
    return std::max(1U, std::thread::hardware_concurrency());
}

// Calls task(i) once for every i in [0, count), on up to `threads` threads (the calling thread is one
// of them), handing out indices in increasing order. If a task throws, no new index is handed out and
// the first exception is rethrown once every thread has stopped.
template <class Task>
void parallel_for(std::size_t count, unsigned threads, Task&& task) {
    std::atomic<std::size_t> next{0};
    std::atomic<bool> failed{false};
    std::exception_ptr first_error;
    std::mutex error_mutex;
    auto work = [&] {
        for (std::size_t i; !failed.load(std::memory_order_relaxed) && (i = next.fetch_add(1)) < count;) {
            try {
                task(i);
            } catch (...) {
                std::lock_guard lock(error_mutex);
                if (!first_error) first_error = std::current_exception();
                failed = true;
            }
        }
    };
    const std::size_t helpers = std::min<std::size_t>(std::max(1U, threads), count) - (count > 0 ? 1 : 0);
    std::vector<std::jthread> pool;
    pool.reserve(helpers);
    for (std::size_t t = 0; t < helpers; ++t) pool.emplace_back(work);
    work();
    pool.clear();  // joins
    if (first_error) std::rethrow_exception(first_error);
}

// Splits [0, count) into `ranges` consecutive ranges of nearly equal size (at least one) and calls
// task(range, begin, end) once for each, on up to `threads` threads as parallel_for does: a task that
// writes only to slot `range` of `ranges` slots leaves results that, joined in order, do not depend on
// the thread count.
template <class Task>
void parallel_for_ranges(std::size_t count, std::size_t ranges, unsigned threads, Task&& task) {
    ranges = std::max<std::size_t>(ranges, 1);
    parallel_for(ranges, threads, [&](std::size_t range) {
        task(range, count * range / ranges, count * (range + 1) / ranges);
    });
}

}  // namespace iamlint
