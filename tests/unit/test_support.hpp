// Paths and file reading shared by the tests.
#pragma once

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

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
