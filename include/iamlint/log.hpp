// Diagnostics for the user on stderr ("iamlint: cannot read x.json"): errors, warnings and, with -v,
// debug messages; -q keeps only errors. stdout belongs to the reporter.
//
// Only log.cpp includes the logging library (spdlog): its headers instantiate the logger's templates
// in every file that includes them, which cost each of seven files 10 to 25 s of compile time. Callers
// format the message here with fmt and pass the text.
#pragma once

#include <string_view>
#include <utility>

#include <fmt/core.h>

namespace iamlint::log {

enum class Level { Debug, Warning, Error };

// Messages below `level` are dropped; the default is Warning. Set before any thread logs.
void show_from(Level level);
Level shown_from();
bool shows(Level level);

// One line on stderr, "iamlint: <message>"; lines from several threads do not mix.
void write(Level level, std::string_view message);

template <typename... Args>
void debug(fmt::format_string<Args...> format, Args&&... args) {
    if (shows(Level::Debug)) write(Level::Debug, fmt::format(format, std::forward<Args>(args)...));
}

template <typename... Args>
void warn(fmt::format_string<Args...> format, Args&&... args) {
    if (shows(Level::Warning)) write(Level::Warning, fmt::format(format, std::forward<Args>(args)...));
}

template <typename... Args>
void error(fmt::format_string<Args...> format, Args&&... args) {
    if (shows(Level::Error)) write(Level::Error, fmt::format(format, std::forward<Args>(args)...));
}

}  // namespace iamlint::log
