// Paths and file reading shared by the tests.
#pragma once

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <unistd.h>

#include <catch2/catch.hpp>

namespace iamlint::test {

// An empty folder of this process's own for a test's files: ctest runs each test case as a process of
// its own, two at a time, and two builds' suites may run at once, so a fixed path in /tmp is shared.
inline std::filesystem::path scratch_dir(std::string_view name) {
    const auto folder = std::filesystem::temp_directory_path() /
                        ("iamlint-" + std::string(name) + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(folder);
    std::filesystem::create_directories(folder);
    return folder;
}

inline std::filesystem::path source_dir() {
    return IAMLINT_SOURCE_DIR;
}
// The shared real-world corpus: IAMLINT_CORPUS_DIR of the environment when the tests run, else of the
// configuration (default ../shared/corpus). It is not part of the repository: tests that need it start
// with IAMLINT_NEEDS_CORPUS.
inline std::filesystem::path corpus_dir() {
    const char* from_environment = std::getenv("IAMLINT_CORPUS_DIR");
    return from_environment != nullptr && *from_environment != '\0' ? from_environment : IAMLINT_CORPUS_DIR;
}

// The small slice of that corpus kept in the repository (tests/corpus-sample/SOURCES.md), for the
// end-to-end tests that must run in any clone.
inline std::filesystem::path corpus_sample_dir() {
    return source_dir() / "tests/corpus-sample";
}

// Whether the corpus folder is there. When it is not, prints the line that ctest reads as "skipped"
// (SKIP_REGULAR_EXPRESSION in tests/CMakeLists.txt) and the test returns; with IAMLINT_REQUIRE_DATA=1
// (CI) a missing folder fails the test instead.
inline bool corpus_present(const std::filesystem::path& folder) {
    const auto path = corpus_dir() / folder;
    if (std::filesystem::is_directory(path) || std::filesystem::is_regular_file(path)) return true;
    const char* required = std::getenv("IAMLINT_REQUIRE_DATA");
    if (required != nullptr && std::string_view(required) == "1") {
        FAIL("the corpus is required (IAMLINT_REQUIRE_DATA=1) but " << path.string() << " is missing");
    }
    std::cout << "IAMLINT-SKIP: needs the corpus folder " << path.string()
              << " (configure with -DIAMLINT_CORPUS_DIR=...)" << std::endl;
    return false;
}

#define IAMLINT_NEEDS_CORPUS(folder) \
    if (!::iamlint::test::corpus_present(folder)) return

inline std::string read_text(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// The regular files below `folder` (recursively) with one of these extensions, sorted.
inline std::vector<std::filesystem::path> files_in(const std::filesystem::path& folder,
                                                   std::initializer_list<std::string_view> extensions = {
                                                       ".json"}) {
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(folder)) {
        const std::string extension = entry.path().extension().string();
        if (entry.is_regular_file() &&
            std::find(extensions.begin(), extensions.end(), extension) != extensions.end())
            files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

}  // namespace iamlint::test
