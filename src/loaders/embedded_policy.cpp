#include "embedded_policy.hpp"

#include <algorithm>

#include "cloudformation_intrinsics.hpp"
#include "iamlint/utf8_encode.hpp"

namespace iamlint::loaders {

namespace {

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::uint32_t hex4(std::string_view text) {
    std::uint32_t value = 0;
    for (char c : text.substr(0, 4))
        value = value * 16 + static_cast<std::uint32_t>(std::max(hex_digit(c), 0));
    return value;
}

char simple_escape(char c) {
    switch (c) {
        case 'b':
            return '\b';
        case 'f':
            return '\f';
        case 'n':
            return '\n';
        case 'r':
            return '\r';
        case 't':
            return '\t';
        default:
            return c;  // '"', '\\', '/'
    }
}

// IAM API output: "%7B%22Version%22..."; '+' is kept, as IAM encodes spaces as %20.
bool is_url_encoded(std::string_view text) {
    const std::size_t first = text.find_first_not_of(" \t\r\n");
    return first != std::string_view::npos && text[first] == '%';
}

std::string url_decode(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size() && hex_digit(text[i + 1]) >= 0 &&
            hex_digit(text[i + 2]) >= 0) {
            out += static_cast<char>(hex_digit(text[i + 1]) * 16 + hex_digit(text[i + 2]));
            i += 2;
        } else {
            out += text[i];
        }
    }
    return out;
}

// Moves every range of a tree parsed from decoded text to where that text is in the file.
class RangeMapper {
public:
    // offsets: file offset of each decoded byte (and one past the end); empty: everything maps to `whole`.
    RangeMapper(std::vector<std::uint32_t> offsets, SourceSpan whole)
        : offsets_(std::move(offsets)), whole_(whole) {}

    SourceSpan map(SourceSpan span) const {
        if (offsets_.empty()) return whole_;
        const std::uint32_t start = file_offset(span.offset);
        return {start, file_offset(span.offset + span.length) - start};
    }

    void map_tree(JsonValue& value) const {
        value.range = map(value.range);
        for (auto& item : value.items()) map_tree(item);
        for (auto& entry : value.members()) {
            entry.key_range = map(entry.key_range);
            map_tree(entry.value);
        }
    }

private:
    std::uint32_t file_offset(std::uint32_t decoded) const {
        return offsets_[std::min<std::size_t>(decoded, offsets_.size() - 1)];
    }

    std::vector<std::uint32_t> offsets_;
    SourceSpan whole_;
};

// The syntax of a policy that lies in a larger file's tree: the duplicate keys inside it. Most policies
// have none, and share one empty document instead of each allocating its own (a dump has tens of
// thousands of policies); it is never changed, so sharing it between threads is safe.
std::shared_ptr<const JsonDocument> syntax_within(const JsonDocument& file, SourceSpan within) {
    static const auto kNoDuplicates = std::make_shared<const JsonDocument>();
    std::shared_ptr<JsonDocument> syntax;
    for (const auto& duplicate : file.duplicate_keys) {
        if (duplicate.duplicate.offset >= within.offset &&
            duplicate.duplicate.offset < within.offset + within.length) {
            if (!syntax) syntax = std::make_shared<JsonDocument>();
            syntax->duplicate_keys.push_back(duplicate);
        }
    }
    if (!syntax) return kNoDuplicates;
    return syntax;
}

}  // namespace

DecodedString decode_string_token(std::string_view token) {
    DecodedString decoded;
    decoded.text.reserve(token.size());
    decoded.offsets.reserve(token.size());
    const std::size_t end = token.size() >= 2 ? token.size() - 1 : token.size();  // the closing quote
    std::size_t i = token.empty() ? 0 : 1;
    while (i < end) {
        const auto start = static_cast<std::uint32_t>(i);
        if (token[i] != '\\' || i + 1 >= end) {
            decoded.text += token[i++];
        } else if (token[i + 1] == 'u' && i + 6 <= end) {
            std::uint32_t code_point = hex4(token.substr(i + 2));
            i += 6;
            // A high surrogate followed by its low half is one character.
            if (code_point >= 0xD800 && code_point < 0xDC00 && i + 6 <= end && token[i] == '\\' &&
                token[i + 1] == 'u') {
                const std::uint32_t low = hex4(token.substr(i + 2));
                if (low >= 0xDC00 && low < 0xE000) {
                    code_point = 0x10000 + ((code_point - 0xD800) << 10) + (low - 0xDC00);
                    i += 6;
                }
            }
            append_utf8(decoded.text, code_point);
        } else {
            decoded.text += simple_escape(token[i + 1]);
            i += 2;
        }
        decoded.offsets.resize(decoded.text.size(), start);
    }
    decoded.offsets.push_back(static_cast<std::uint32_t>(end));
    return decoded;
}

std::shared_ptr<const JsonDocument> parse_policy_string(const SourceFile& file, const JsonValue& value) {
    const SourceSpan whole = value.range;
    const std::string_view token = std::string_view(file.text()).substr(whole.offset, whole.length);
    std::string text;
    std::vector<std::uint32_t> offsets;
    if (is_url_encoded(value.text)) {
        text = url_decode(value.text);
    } else {
        DecodedString decoded = decode_string_token(token);
        // The file's escapes and the parser's decoding agree for any valid token; should they not, the
        // whole string is still a correct place for every finding.
        if (decoded.text == value.text) {
            offsets = std::move(decoded.offsets);
            for (auto& offset : offsets) offset += whole.offset;
        }
        text = value.text;
    }
    auto document = std::make_shared<JsonDocument>(parse_json(SourceFile(file.path(), std::move(text))));
    const RangeMapper mapper(std::move(offsets), whole);
    mapper.map_tree(document->root);
    if (document->error) document->error->range = file.range(mapper.map(document->error->range));
    for (auto& duplicate : document->duplicate_keys) {
        duplicate.first = mapper.map(duplicate.first);
        duplicate.duplicate = mapper.map(duplicate.duplicate);
    }
    return document;
}

namespace {

// Whether the value holds a function call of CloudFormation's ("Ref" or "Fn::..."); a one-member
// {"Condition": "name"} alone is not taken for one, being also a malformed statement.
bool holds_intrinsic(const JsonValue& value) {
    const std::string_view name = cfn::intrinsic_name(value);
    if (name == "Ref" || name.starts_with("Fn::")) return true;
    return std::any_of(value.items().begin(), value.items().end(), holds_intrinsic) ||
           std::any_of(value.members().begin(), value.members().end(),
                       [](const JsonMember& member) { return holds_intrinsic(member.value); });
}

}  // namespace

Policy resolved_policy(const JsonValue& root, std::string_view pointer, unsigned threads) {
    if (!holds_intrinsic(root)) return build_policy(root, pointer, threads);
    // One reading: a fragment names no template conditions, so every Fn::If takes its first branch.
    cfn::Branches branches;
    auto resolved = cfn::evaluate(root, branches);
    return resolved ? build_policy(*resolved, pointer, threads) : Policy{};
}

namespace {

// The document of the policy at `root`, which lies in `syntax`'s tree or, when `enclosing` is set, in
// that one's.
PolicyDocument document_at(const LoadInput& input, std::shared_ptr<const JsonDocument> syntax,
                           const JsonValue& root, std::shared_ptr<const JsonDocument> enclosing,
                           std::string_view pointer, PolicyInfo info) {
    PolicyDocument document;
    document.source = input.source;
    document.syntax = std::move(syntax);
    document.enclosing = std::move(enclosing);
    if (!document.syntax->error) {
        document.root = &root;
        document.policy = info.resolve_intrinsics ? resolved_policy(root, pointer, input.options.threads)
                                                  : build_policy(root, pointer, input.options.threads);
    }
    document.kind_forced = input.options.forced_kind.has_value();
    if (input.options.forced_kind) {
        document.kind = *input.options.forced_kind;
    } else if (info.kind) {
        document.kind = *info.kind;
    } else if (!document.syntax->error) {
        DetectedKind detected = detect_policy_kind_without_container(document.policy, input.source->path());
        document.kind = detected.kind;
        document.kind_inferred = detected.inferred;
        document.kind_named_by = std::move(detected.named_by);
    }
    document.attachment = info.attachment;
    document.origin = std::move(info.origin);
    document.resource_type = std::move(info.resource_type);
    return document;
}

std::size_t append(PolicyDocument document, std::vector<PolicyDocument>& out) {
    out.push_back(std::move(document));
    return out.size() - 1;
}

}  // namespace

std::size_t add_document(const LoadInput& input, std::shared_ptr<const JsonDocument> syntax,
                         std::string_view pointer, PolicyInfo info, std::vector<PolicyDocument>& out) {
    const JsonValue& root = syntax->root;
    return append(document_at(input, std::move(syntax), root, nullptr, pointer, std::move(info)), out);
}

PolicyDocument policy_document(const LoadInput& input, const JsonValue& value, std::string_view pointer,
                               PolicyInfo info) {
    if (value.is_string()) {
        auto syntax = parse_policy_string(*input.source, value);
        const JsonValue& root = syntax->root;
        return document_at(input, std::move(syntax), root, nullptr, "", std::move(info));
    }
    // A dump holds tens of thousands of policies: they share the file's tree rather than each copying
    // its part of it (a fifth of the peak memory).
    return document_at(input, syntax_within(*input.syntax, value.range), value, input.syntax, pointer,
                       std::move(info));
}

std::size_t add_policy(const LoadInput& input, const JsonValue& value, std::string_view pointer,
                       PolicyInfo info, std::vector<PolicyDocument>& out) {
    return append(policy_document(input, value, pointer, std::move(info)), out);
}

const JsonValue* member(const JsonValue& object, std::string_view key) {
    if (!object.is_object()) return nullptr;
    const JsonMember* found = object.find(key);
    return found ? &found->value : nullptr;
}

std::string_view string_member(const JsonValue& object, std::string_view key) {
    const JsonValue* value = member(object, key);
    return value && value->is_string() ? std::string_view(value->text) : std::string_view();
}

bool has_member(const JsonValue& object, std::string_view key) {
    return member(object, key) != nullptr;
}

}  // namespace iamlint::loaders
