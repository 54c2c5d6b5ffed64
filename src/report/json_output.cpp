#include "json_output.hpp"

namespace iamlint::reporting {

void write_json(const nlohmann::ordered_json& document, std::ostream& out) {
    constexpr int kIndent = 2;
    constexpr bool kEnsureAscii = false;
    out << document.dump(kIndent, ' ', kEnsureAscii, nlohmann::ordered_json::error_handler_t::replace)
        << '\n';
}

}  // namespace iamlint::reporting
