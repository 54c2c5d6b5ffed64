#include <sys/stat.h>
#include <unistd.h>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <istream>
#include <system_error>

#include "iamlint/loader.hpp"

namespace iamlint {

namespace {

constexpr std::size_t kChunk = 64 * 1024;

std::string size_text(std::uint64_t bytes) {
    constexpr std::uint64_t kMiB = 1024 * 1024;
    return bytes % kMiB == 0 ? std::to_string(bytes / kMiB) + " MiB" : std::to_string(bytes) + " bytes";
}

ReadResult too_large(std::uint64_t max_bytes) {
    ReadResult result;
    result.error = "larger than the " + size_text(max_bytes) + " that iamlint reads from one input";
    result.too_large = true;
    return result;
}

// Reads into one buffer that is never copied: a file's size is known, so its text is read in place and
// a 100 MB file takes 100 MB, not twice that. Standard input, pipes and devices (of unknown size) grow
// the buffer as they go, up to max_bytes: `iamlint /dev/zero` ends instead of filling the memory.
ReadResult read_all(std::istream& in, std::uint64_t expected_size, std::uint64_t max_bytes) {
    std::string text;
    std::size_t size = 0;
    // One byte more than expected, so that a file that grew since its size was taken is read in full.
    std::size_t want = expected_size > 0 ? static_cast<std::size_t>(expected_size) + 1 : kChunk;
    while (true) {
        want = static_cast<std::size_t>(std::min<std::uint64_t>(want, max_bytes + 1 - size));
        text.resize(size + want);
        in.read(text.data() + size, static_cast<std::streamsize>(want));
        size += static_cast<std::size_t>(in.gcount());
        if (size > max_bytes) return too_large(max_bytes);
        if (!in) break;
        want = std::max(kChunk, size);  // doubles the buffer
    }
    if (in.bad()) return {std::nullopt, errno != 0 ? std::strerror(errno) : "read error"};
    text.resize(size);
    return {std::move(text), {}};
}

}  // namespace

ReadResult read_file(const std::filesystem::path& path, std::uint64_t max_bytes) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) return {std::nullopt, "is a directory"};
    const auto size = std::filesystem::is_regular_file(path, ec) ? std::filesystem::file_size(path, ec) : 0;
    if (ec) return {std::nullopt, ec.message()};
    if (size > max_bytes) return too_large(max_bytes);
    errno = 0;
    std::ifstream in(path, std::ios::binary);
    if (!in) return {std::nullopt, errno != 0 ? std::strerror(errno) : "cannot open"};
    return read_all(in, size, max_bytes);
}

ReadResult read_stream(std::istream& in, std::uint64_t max_bytes) {
    errno = 0;
    return read_all(in, 0, max_bytes);
}

ReadResult read_stdin(std::uint64_t max_bytes) {
    // `iamlint - < folder` would otherwise read as an empty file: reading a folder fails, and an
    // istream tells a failed read from the end of the input no better than by its result.
    // A closed standard input (`iamlint - <&-`) would read as an empty one too.
    struct stat status {};
    if (::fstat(STDIN_FILENO, &status) != 0) return {std::nullopt, std::strerror(errno)};
    if (S_ISDIR(status.st_mode)) return {std::nullopt, "is a directory"};
    return read_stream(std::cin, max_bytes);
}

}  // namespace iamlint
