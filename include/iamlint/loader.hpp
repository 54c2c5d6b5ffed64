// Reading input files and turning their text into policy documents.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "iamlint/model.hpp"
#include "iamlint/source.hpp"

namespace iamlint {

struct ReadResult {
    std::optional<std::string> text;
    std::string error;       // why the file could not be read, when text is empty
    bool too_large = false;  // the error is that the input is over max_bytes
};

// A parsed file takes 23 to 28 times its size in memory, and positions are 32-bit offsets: inputs over
// this size are an error rather than a machine out of memory. The CLI's --max-file-size changes it.
inline constexpr std::uint64_t kDefaultMaxInputBytes = 128ull * 1024 * 1024;
inline constexpr std::uint64_t kMaxInputBytesLimit = 4095ull * 1024 * 1024;  // below 4 GiB: 32-bit offsets

ReadResult read_file(const std::filesystem::path& path, std::uint64_t max_bytes = kDefaultMaxInputBytes);
ReadResult read_stream(std::istream& in, std::uint64_t max_bytes = kDefaultMaxInputBytes);
// Standard input, which may also be a folder (`iamlint - < folder`): an error then, not an empty input.
ReadResult read_stdin(std::uint64_t max_bytes = kDefaultMaxInputBytes);

struct LoadOptions {
    std::optional<PolicyKind> forced_kind;
};

struct LoadedFile {
    std::shared_ptr<const SourceFile> source;
    std::vector<PolicyDocument> documents;
};

// A file holding one IAM policy document as JSON. Invalid JSON still yields one document (with the
// syntax error and no statements), so that the error is reported as a finding.
LoadedFile load_policy_file(std::string display_path, std::string text, const LoadOptions& options);

}  // namespace iamlint
