// The CLI11 definition of the command line -> CommandDoc, the one source of the completions and the
// manual page.
#include "command_line_docs.hpp"

#include <algorithm>

#include <CLI/CLI.hpp>

namespace iamlint::cli {

namespace {

std::vector<std::string> split(std::string_view text, char separator) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = std::min(text.find(separator, start), text.size());
        parts.emplace_back(text.substr(start, end - start));
        start = end + 1;
    }
    return parts;
}

// CLI11 shows an option's type as "TEXT:{text,json}=..." in the help: the base name, then one part per
// check, where an IsMember check is the set of accepted values in braces.
void read_type_name(const CLI::Option& option, OptionDoc& doc) {
    const std::string type = option.get_type_name();
    const std::size_t colon = type.find(':');
    doc.value_name = type.substr(0, colon);
    if (colon == std::string::npos) return;
    const std::string_view checks = std::string_view(type).substr(colon + 1);
    const std::size_t open = checks.find('{');
    const std::size_t close = checks.find('}', open);
    if (open == std::string_view::npos || close == std::string_view::npos) return;
    doc.choices = split(checks.substr(open + 1, close - open - 1), ',');
}

OptionDoc describe_option(const CLI::Option& option) {
    OptionDoc doc;
    if (option.get_positional() && !option.nonpositional()) {
        doc.names.push_back(option.get_name(true));
    } else {
        for (const auto& name : option.get_snames()) doc.names.push_back("-" + name);
        for (const auto& name : option.get_lnames()) doc.names.push_back("--" + name);
    }
    if (option.get_type_size_max() > 0) read_type_name(option, doc);
    doc.description = option.get_description();
    doc.default_value = option.get_default_str();
    doc.repeatable = option.get_items_expected_max() > 1;
    return doc;
}

CommandDoc describe(const CLI::App& app, const std::string& parent_path) {
    CommandDoc doc;
    doc.name = app.get_name();
    doc.path = parent_path.empty() ? doc.name : parent_path + " " + doc.name;
    doc.description = app.get_description();
    doc.footer = app.get_footer();
    doc.takes_parent_options = app.get_fallthrough();
    for (const CLI::Option* option : app.get_options()) {
        if (option->get_group().empty()) continue;  // hidden
        OptionDoc described = describe_option(*option);
        if (option->nonpositional())
            doc.options.push_back(std::move(described));
        else
            doc.positionals.push_back(std::move(described));
    }
    for (const CLI::App* command : app.get_subcommands([](const CLI::App*) { return true; })) {
        if (command->get_group().empty() || command->get_name().empty())
            continue;  // hidden or an option group
        doc.subcommands.push_back(describe(*command, doc.path));
    }
    return doc;
}

}  // namespace

CommandDoc describe_command_line(const CLI::App& app) {
    return describe(app, "");
}

}  // namespace iamlint::cli
