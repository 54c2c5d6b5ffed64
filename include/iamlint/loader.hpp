// Reading input files and turning their text into policy documents.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
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

// What a file holds: one policy, or a container of policies.
enum class InputFormat : std::uint8_t {
    Auto,
    Policy,
    CloudFormation,
    TerraformPlan,
    AuthorizationDetails,
    CliOutput
};

// "auto", "policy", "cloudformation", "terraform-plan", "authorization-details", "cli-output".
std::string_view to_string(InputFormat format);
std::optional<InputFormat> parse_input_format(std::string_view text);

struct LoadOptions {
    std::optional<PolicyKind> forced_kind;
    InputFormat format = InputFormat::Auto;  // anything else: the file is read as that format
};

struct LoadedFile {
    std::shared_ptr<const SourceFile> source;
    std::vector<PolicyDocument> documents;
    InputFormat format = InputFormat::Policy;  // what the file turned out to be
};

// Any input file: parses it, decides its format (or takes options.format) and yields every policy it
// holds. A file that does not parse yields one document carrying the syntax error.
LoadedFile load_file(std::string display_path, std::string text, const LoadOptions& options);

}  // namespace iamlint
