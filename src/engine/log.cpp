#include "iamlint/log.hpp"

#include <atomic>
#include <memory>

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

namespace iamlint::log {

namespace {

std::atomic<Level> lowest_shown{Level::Warning};

spdlog::level::level_enum to_spdlog(Level level) {
    switch (level) {
        case Level::Debug:
            return spdlog::level::debug;
        case Level::Warning:
            return spdlog::level::warn;
        case Level::Error:
            return spdlog::level::err;
    }
    return spdlog::level::err;
}

spdlog::logger& logger() {
    // A multi-threaded logger: the loaders of files analysed at once warn from their own threads.
    static const std::shared_ptr<spdlog::logger> instance = [] {
        auto created =
            std::make_shared<spdlog::logger>("iamlint", std::make_shared<spdlog::sinks::stderr_sink_mt>());
        created->set_pattern("%n: %v");
        created->set_level(spdlog::level::trace);  // the level is filtered in shows()
        return created;
    }();
    return *instance;
}

}  // namespace

void show_from(Level level) {
    lowest_shown.store(level);
}

Level shown_from() {
    return lowest_shown.load();
}

bool shows(Level level) {
    return level >= lowest_shown.load();
}

void write(Level level, std::string_view message) {
    if (shows(level)) logger().log(to_spdlog(level), "{}", message);
}

}  // namespace iamlint::log
