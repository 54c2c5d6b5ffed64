#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <system_error>

#include "iamlint/loader.hpp"

namespace iamlint {

ReadResult read_file(const std::filesystem::path& path) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) return {std::nullopt, "is a directory"};
    std::ifstream in(path, std::ios::binary);
    if (!in) return {std::nullopt, std::strerror(errno)};
    std::string text;
    auto size = std::filesystem::file_size(path, ec);
    if (!ec) text.reserve(size);
    text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    if (in.bad()) return {std::nullopt, std::strerror(errno)};
    return {std::move(text), {}};
}

ReadResult read_stream(std::istream& in) {
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (in.bad()) return {std::nullopt, "read error"};
    return {std::move(buffer).str(), {}};
}

}  // namespace iamlint
