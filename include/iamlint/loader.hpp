// Reading input files and turning their text into policy documents.
#pragma once

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
    std::string error;  // why the file could not be read, when text is empty
};

ReadResult read_file(const std::filesystem::path& path);
ReadResult read_stream(std::istream& in);

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
