#include "json_output.hpp"

namespace iamlint::reporting {

namespace {

constexpr int kIndent = 2;
constexpr bool kEnsureAscii = false;

std::string dump(const nlohmann::ordered_json& value) {
    return value.dump(kIndent, ' ', kEnsureAscii, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace

void write_json(const nlohmann::ordered_json& document, std::ostream& out) {
    out << dump(document) << '\n';
}

void append_json_at_depth(std::string& out, const nlohmann::ordered_json& value, int depth) {
    // A line break in the dump is always one of its own: strings have theirs escaped.
    const std::string text = dump(value);
    const std::size_t extra = static_cast<std::size_t>(depth * kIndent);
    std::size_t from = 0;
    for (std::size_t newline; (newline = text.find('\n', from)) != std::string::npos; from = newline + 1) {
        out.append(text, from, newline + 1 - from);
        out.append(extra, ' ');
    }
    out.append(text, from);
}

}  // namespace iamlint::reporting
