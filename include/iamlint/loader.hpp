// Reading input files and turning their text into policy documents.
#pragma once

#include <cstddef>
#include <cstdint>
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
    std::string error;       // why the file could not be read, when text is empty
    bool too_large = false;  // the error is that the input is over max_bytes
};

// Inputs over this size are an error rather than a machine out of memory. An authorization dump, the
// largest real input, takes about 5 bytes of memory per byte (docs/robustness.md): 1 GiB, 5 GB. The
// CLI's --max-file-size changes it.
inline constexpr std::uint64_t kDefaultMaxInputBytes = 1024ull * 1024 * 1024;
inline constexpr std::uint64_t kMaxInputBytesLimit = 4095ull * 1024 * 1024;  // below 4 GiB: 32-bit offsets

ReadResult read_file(const std::filesystem::path& path, std::uint64_t max_bytes = kDefaultMaxInputBytes);
ReadResult read_stream(std::istream& in, std::uint64_t max_bytes = kDefaultMaxInputBytes);
// Standard input, which may also be a folder (`iamlint - < folder`): an error then, not an empty input.
ReadResult read_stdin(std::uint64_t max_bytes = kDefaultMaxInputBytes);

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
    // Whether the file was named on the command line (or is standard input). A file found in a folder is
    // read as a bare policy only when it looks like one (looks_like_policy); other JSON and YAML there
    // (CloudFormation parameter files, Lambda test events, data) is not recognized. A named file that is
    // no policy is read as a malformed one, for the grammar rules to say why.
    bool named = true;
    // Threads that may make the documents of a file of many policies (an authorization dump); the
    // documents, their order and the report are the same for any count.
    unsigned threads = 1;
};

// The formats that automatic detection tries, in order.
std::vector<InputFormat> detected_formats();

enum class PrincipalType : std::uint8_t { User, Group, Role };
std::string_view to_string(PrincipalType type);  // "user", "group", "role"

// The policies that apply to one principal of a dump, template or plan, for the rules that judge
// them together (a privilege escalation split over two policies). Indices are into
// LoadedFile::documents; a managed policy attached to many principals is one document.
struct PrincipalPolicySet {
    PrincipalType type = PrincipalType::User;
    std::string name;
    std::string arn;
    // The identity policies that grant it permissions, sorted: inline and attached managed ones and,
    // for a user, those of its groups.
    std::vector<std::size_t> documents;
    std::optional<std::size_t> trust_policy;          // a role's
    std::optional<std::size_t> permissions_boundary;  // when the dump holds the boundary policy
};

struct LoadedFile {
    std::shared_ptr<const SourceFile> source;
    std::vector<PolicyDocument> documents;
    InputFormat format = InputFormat::Policy;  // what the file turned out to be
    // False when automatic detection found no format that holds policies (a package.json): `documents`
    // is then empty and `format` means nothing.
    bool recognized = true;
    // Policies whose text is unknown until deployment (Terraform values unknown at plan time): counted,
    // not made up.
    std::size_t unknown_policies = 0;
    // Authorization details, CloudFormation templates and Terraform plans (docs/effective-permissions.md).
    std::vector<PrincipalPolicySet> principal_sets;
};

// Any input file: parses it, decides its format (or takes options.format) and yields every policy it
// holds. A file that does not parse yields one document carrying the syntax error.
LoadedFile load_file(std::string display_path, std::string text, const LoadOptions& options);

// --resource-type: gives the documents whose container does not say what their resource is this type
// ("AWS::S3::Bucket"); those that have one keep it.
void set_default_resource_type(LoadedFile& loaded, std::string_view resource_type);

}  // namespace iamlint
