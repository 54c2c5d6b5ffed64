#include "json_split.hpp"

#include <array>
#include <cstring>

namespace iamlint {

namespace {

constexpr std::size_t kNotFound = std::string_view::npos;

// The bytes that the scan of a value stops at: strings, brackets and separators.
constexpr auto kStructural = [] {
    std::array<bool, 256> structural{};
    for (unsigned char c : {'"', '[', ']', '{', '}', ','}) structural[c] = true;
    return structural;
}();

bool is_whitespace(char c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

class Scanner {
public:
    explicit Scanner(std::string_view text) : text_(text) {}

    std::size_t skip_whitespace(std::size_t i) const {
        while (i < text_.size() && is_whitespace(text_[i])) ++i;
        return i;
    }

    // The offset after the string whose opening quote is at `i`, or kNotFound. A quote ends it unless
    // an odd number of backslashes stands before it; memchr finds the quotes far faster than a loop
    // over each byte, and strings are most of a policy's bytes.
    std::size_t skip_string(std::size_t i) const {
        const char* const begin = text_.data();
        const char* const end = begin + text_.size();
        const char* quote = begin + i;
        while (true) {
            quote = static_cast<const char*>(
                std::memchr(quote + 1, '"', static_cast<std::size_t>(end - quote - 1)));
            if (quote == nullptr) return kNotFound;
            std::size_t backslashes = 0;
            while (quote[-1 - static_cast<std::ptrdiff_t>(backslashes)] == '\\') ++backslashes;
            if (backslashes % 2 == 0) return static_cast<std::size_t>(quote - begin) + 1;
        }
    }

    // From `i`, the first ',', ']' or '}' outside every string and bracket opened after `i`, or kNotFound.
    std::size_t end_of_value(std::size_t i) const {
        std::size_t depth = 0;
        const std::size_t size = text_.size();
        while (i < size) {
            // Indentation comes in long runs of spaces: eight at a time.
            while (i + 8 <= size && std::memcmp(text_.data() + i, "        ", 8) == 0) i += 8;
            while (i < size && !kStructural[static_cast<unsigned char>(text_[i])]) ++i;
            if (i == size) break;
            switch (text_[i]) {
                case '"':
                    i = skip_string(i);
                    if (i == kNotFound) return kNotFound;
                    continue;
                case '[':
                case '{':
                    ++depth;
                    break;
                case ']':
                case '}':
                    if (depth == 0) return i;
                    --depth;
                    break;
                default:  // ','
                    if (depth == 0) return i;
                    break;
            }
            ++i;
        }
        return kNotFound;
    }

    // The elements of the array whose '[' is at `open`; false when it is not "[ws value (',' ws value)* ws]"
    // as far as the scan can tell.
    bool split_array(std::size_t open, JsonArraySplit& out) const {
        out.open = open;
        std::size_t i = open + 1;
        while (true) {
            const std::size_t begin = skip_whitespace(i);
            const std::size_t stop = end_of_value(begin);
            if (stop == kNotFound || text_[stop] == '}') return false;
            std::size_t end = stop;
            while (end > begin && is_whitespace(text_[end - 1])) --end;
            if (end == begin) return false;  // "[]", "[1,,2]" or "[1,]": not split
            out.elements.push_back({begin, end});
            if (text_[stop] == ']') {
                out.close = stop;
                return true;
            }
            i = stop + 1;
        }
    }

private:
    std::string_view text_;
};

}  // namespace

std::vector<JsonArraySplit> split_top_level_arrays(std::string_view text, std::size_t min_elements) {
    std::vector<JsonArraySplit> arrays;
    const Scanner scan(text);
    // The array at `open`, kept if it has enough elements; where the scan goes on: after its ']', or
    // at `open` again when it could not be split.
    auto take = [&](std::size_t open, std::size_t depth) {
        JsonArraySplit array;
        array.depth = depth;
        if (!scan.split_array(open, array)) return open;
        const std::size_t after = array.close + 1;
        if (array.elements.size() >= min_elements) arrays.push_back(std::move(array));
        return after;
    };
    std::size_t i = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;
    i = scan.skip_whitespace(i);
    if (i == text.size()) return arrays;
    if (text[i] == '[') {
        take(i, 1);
        return arrays;
    }
    if (text[i] != '{') return arrays;
    // The root object's members: "key" ws ':' ws value ws (',' | '}').
    i = scan.skip_whitespace(i + 1);
    while (i < text.size() && text[i] == '"') {
        i = scan.skip_string(i);
        if (i == kNotFound) break;
        i = scan.skip_whitespace(i);
        if (i == text.size() || text[i] != ':') break;
        i = scan.skip_whitespace(i + 1);
        if (i == text.size()) break;
        if (text[i] == '[') i = take(i, 2);
        i = scan.end_of_value(i);
        if (i == kNotFound || text[i] != ',') break;
        i = scan.skip_whitespace(i + 1);
    }
    return arrays;
}

}  // namespace iamlint
