#include <algorithm>
#include <array>

#include "cloudformation_loader.hpp"
#include "format_loader.hpp"
#include "iamlint/ascii.hpp"
#include "iamlint/log.hpp"
#include "iamlint/yaml.hpp"

namespace iamlint {

namespace {

using loaders::FormatLoader;
using loaders::LoadInput;

constexpr std::array<std::string_view, 6> kFormatNames = {
    "auto", "policy", "cloudformation", "terraform-plan", "authorization-details", "cli-output"};

// Tried in order: the containers, whose recognizers look for their own top-level keys, before the bare
// policy, which also takes malformed policies.
constexpr std::array kFormatLoaders = {
    FormatLoader{InputFormat::TerraformPlan, loaders::is_terraform_plan, loaders::load_terraform_plan},
    FormatLoader{InputFormat::AuthorizationDetails, loaders::is_authorization_details,
                 loaders::load_authorization_details},
    FormatLoader{InputFormat::CliOutput, loaders::is_cli_output, loaders::load_cli_output},
    FormatLoader{InputFormat::CloudFormation, loaders::is_cloudformation, loaders::load_cloudformation},
    FormatLoader{InputFormat::Policy, loaders::is_policy, loaders::load_policy},
};

// YAML by the file's extension; a ".template" (CloudFormation's old habit, for JSON and YAML alike) by
// its first character.
bool is_yaml(const SourceFile& source) {
    const std::string& path = source.path();
    auto has_extension = [&](std::string_view extension) {
        return path.size() > extension.size() &&
               iequals(std::string_view(path).substr(path.size() - extension.size()), extension);
    };
    if (has_extension(".yaml") || has_extension(".yml")) return true;
    if (!has_extension(".template")) return false;
    const auto first = source.text().find_first_not_of(" \t\r\n\xEF\xBB\xBF");
    return first != std::string::npos && source.text()[first] != '{';
}

}  // namespace

std::string_view to_string(InputFormat format) {
    return kFormatNames[static_cast<std::size_t>(format)];
}

std::optional<InputFormat> parse_input_format(std::string_view text) {
    for (std::size_t i = 0; i < kFormatNames.size(); ++i) {
        if (iequals(text, kFormatNames[i])) return static_cast<InputFormat>(i);
    }
    return std::nullopt;
}

std::vector<InputFormat> detected_formats() {
    std::vector<InputFormat> formats;
    for (const auto& loader : kFormatLoaders) formats.push_back(loader.format);
    return formats;
}

LoadedFile load_file(std::string display_path, std::string text, const LoadOptions& options) {
    LoadedFile loaded;
    loaded.source = std::make_shared<const SourceFile>(std::move(display_path), std::move(text));
    auto syntax = std::make_shared<const JsonDocument>(
        is_yaml(*loaded.source) ? parse_yaml(*loaded.source)
                                : parse_json(*loaded.source, {.threads = options.threads}));
    if (syntax->error) {
        // Nothing to judge the format or the kind by: the error itself is the finding.
        PolicyDocument document;
        document.source = loaded.source;
        document.syntax = std::move(syntax);
        document.kind_forced = options.forced_kind.has_value();
        document.kind = options.forced_kind.value_or(PolicyKind::Unknown);
        loaded.documents.push_back(std::move(document));
        return loaded;
    }
    const LoadInput input{loaded.source, syntax, options};
    const FormatLoader* chosen = nullptr;
    for (const auto& loader : kFormatLoaders) {
        const bool match = options.format == InputFormat::Auto ? loader.recognizes(syntax->root)
                                                               : loader.format == options.format;
        if (match) {
            chosen = &loader;
            break;
        }
    }
    // In a folder, a file that is no other format is a policy only when it looks like one.
    if (chosen != nullptr && chosen->format == InputFormat::Policy && options.format == InputFormat::Auto &&
        !options.named && !loaders::looks_like_policy(syntax->root)) {
        chosen = nullptr;
    }
    if (chosen == nullptr) {
        loaded.recognized = false;
        return loaded;
    }
    if (options.format != InputFormat::Auto && !chosen->recognizes(syntax->root)) {
        log::debug("{} does not look like {}; read as one because --input-format says so",
                   loaded.source->path(), to_string(options.format));
    }
    loaded.format = chosen->format;
    chosen->load(input, loaded);
    return loaded;
}

void set_default_resource_type(LoadedFile& loaded, std::string_view resource_type) {
    if (resource_type.empty()) return;
    for (auto& document : loaded.documents) {
        if (document.resource_type.empty()) document.resource_type = resource_type;
    }
}

}  // namespace iamlint
