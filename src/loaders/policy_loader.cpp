#include "iamlint/loader.hpp"

namespace iamlint {

LoadedFile load_policy_file(std::string display_path, std::string text, const LoadOptions& options) {
    LoadedFile loaded;
    auto source = std::make_shared<const SourceFile>(std::move(display_path), std::move(text));
    auto syntax = std::make_shared<const JsonDocument>(parse_json(*source));

    PolicyDocument document;
    document.source = source;
    document.syntax = syntax;
    if (!syntax->error) {
        document.root = &syntax->root;
        document.policy = build_policy(syntax->root);
    }
    document.kind_forced = options.forced_kind.has_value();
    // A file that did not parse has no statements to judge its kind by.
    document.kind = options.forced_kind.value_or(syntax->error ? PolicyKind::Unknown
                                                               : detect_policy_kind(document.policy));

    loaded.source = std::move(source);
    loaded.documents.push_back(std::move(document));
    return loaded;
}

}  // namespace iamlint
