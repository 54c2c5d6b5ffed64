// Paths and file reading shared by the tests.
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace iamlint::test {

inline std::filesystem::path source_dir() {
    return IAMLINT_SOURCE_DIR;
}
inline std::filesystem::path corpus_dir() {
    return IAMLINT_CORPUS_DIR;
}

inline std::string read_text(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace iamlint::test
