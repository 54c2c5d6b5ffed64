#include <algorithm>
#include <array>

#include "cloudformation_loader.hpp"
#include "format_loader.hpp"
#include "iamlint/ascii.hpp"
#include "iamlint/yaml.hpp"

namespace iamlint {

namespace {

using loaders::FormatLoader;
using loaders::LoadInput;

constexpr std::array<std::string_view, 6> kFormatNames = {
    "auto", "policy", "cloudformation", "terraform-plan", "authorization-details", "cli-output"};

// A bare policy is what is left when no container format recognizes the file.
bool is_policy(const JsonValue&) {
    return true;
}

void load_policy(const LoadInput& input, std::vector<PolicyDocument>& out) {
    PolicyDocument document;
    document.source = input.source;
    document.syntax = input.syntax;
    document.root = &input.syntax->root;
    document.policy = build_policy(input.syntax->root);
    document.kind_forced = input.options.forced_kind.has_value();
    document.kind = input.options.forced_kind.value_or(detect_policy_kind(document.policy));
    out.push_back(std::move(document));
}

// Tried in order; the bare policy comes last.
constexpr std::array kFormatLoaders = {
    FormatLoader{InputFormat::CloudFormation, loaders::is_cloudformation, loaders::load_cloudformation},
    FormatLoader{InputFormat::Policy, is_policy, load_policy},
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

LoadedFile load_file(std::string display_path, std::string text, const LoadOptions& options) {
    LoadedFile loaded;
    loaded.source = std::make_shared<const SourceFile>(std::move(display_path), std::move(text));
    auto syntax = std::make_shared<const JsonDocument>(is_yaml(*loaded.source) ? parse_yaml(*loaded.source)
                                                                               : parse_json(*loaded.source));
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
    auto chosen = std::find_if(kFormatLoaders.begin(), kFormatLoaders.end(), [&](const FormatLoader& loader) {
        return options.format == InputFormat::Auto ? loader.recognizes(syntax->root)
                                                   : loader.format == options.format;
    });
    // Only the bare policy is certain to be in the table; a format without a loader reads as one.
    if (chosen == kFormatLoaders.end()) chosen = kFormatLoaders.end() - 1;
    loaded.format = chosen->format;
    chosen->load(input, loaded.documents);
    return loaded;
}

}  // namespace iamlint
