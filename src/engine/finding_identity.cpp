#include "iamlint/finding_identity.hpp"

#include <algorithm>
#include <cstdint>
#include <vector>

#include <fmt/format.h>

namespace iamlint {

namespace {

// A subject longer than this (a whole statement, say) is kept as a hash of its text.
constexpr std::size_t kMaxSubjectText = 160;

class Fnv1a {
public:
    // Each field is followed by a NUL, so that ("ab", "c") and ("a", "bc") differ.
    void add(std::string_view field) {
        for (char c : field) hash_ = (hash_ ^ static_cast<unsigned char>(c)) * kPrime;
        hash_ *= kPrime;
    }
    std::string hex() const { return fmt::format("{:016x}", hash_); }

private:
    static constexpr std::uint64_t kPrime = 0x100000001b3ULL;
    std::uint64_t hash_ = 0xcbf29ce484222325ULL;
};

bool is_under(std::string_view pointer, std::string_view prefix) {
    return pointer.starts_with(prefix) && (pointer.size() == prefix.size() || pointer[prefix.size()] == '/');
}

// The statement at the index a pointer prefix ends with ("/Statement/12" -> 12), when its pointer is
// that prefix.
const Statement* statement_by_index(const Policy& policy, std::string_view prefix) {
    const std::size_t slash = prefix.rfind('/');
    const std::string_view digits = prefix.substr(slash + 1);
    if (slash == std::string_view::npos || digits.empty() || digits.size() > 9 ||
        !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return nullptr;
    std::size_t index = 0;
    for (char c : digits) index = index * 10 + static_cast<std::size_t>(c - '0');
    if (index >= policy.statements.size()) return nullptr;
    const Statement& statement = policy.statements[index];
    return statement.place.pointer == prefix ? &statement : nullptr;
}

// The statement whose element the pointer names (the longest statement pointer it is under).
const Statement* statement_at(const Policy& policy, std::string_view pointer) {
    // A statement of a Statement array is usually its element of the same index: tried first, from
    // the longest prefix of the pointer, since a scan of every statement for every finding made a
    // policy of 22,000 statements spend most of its time here. Statements do not nest, so the first
    // prefix that is a statement's pointer is the longest one.
    if (policy.statements.size() > 8) {
        for (std::size_t end = pointer.size(); end != std::string_view::npos && end > 0;
             end = pointer.rfind('/', end - 1)) {
            if (const Statement* statement = statement_by_index(policy, pointer.substr(0, end)))
                return statement;
        }
    }
    const Statement* found = nullptr;
    for (const Statement& statement : policy.statements) {
        if (statement.place.pointer.empty() && !pointer.empty()) continue;
        if (is_under(pointer, statement.place.pointer.str()) &&
            (found == nullptr || statement.place.pointer.size() > found->place.pointer.size())) {
            found = &statement;
        }
    }
    return found;
}

std::string statement_anchor(const Policy& policy, const Statement& statement) {
    if (statement.sid && !statement.sid->text.empty()) {
        const auto same_sid = std::count_if(
            policy.statements.begin(), policy.statements.end(),
            [&](const Statement& other) { return other.sid && other.sid->text == statement.sid->text; });
        if (same_sid == 1) return fmt::format("sid:{}", statement.sid->text);
    }
    // No Sid to go by: what the statement is about, whatever its place in the list.
    Fnv1a hash;
    hash.add(statement.effect == Effect::Allow ? "Allow" : statement.effect == Effect::Deny ? "Deny" : "?");
    std::vector<std::string> principals;
    for (const PrincipalEntry& entry : statement.principals.entries)
        principals.push_back(fmt::format("{}:{}", entry.type, entry.value.text));
    std::sort(principals.begin(), principals.end());
    hash.add(statement.principals.negated ? "NotPrincipal" : "Principal");
    for (const auto& principal : principals) hash.add(principal);
    std::vector<std::string> resources;
    for (const Entry& entry : statement.resources.entries) resources.push_back(entry.text);
    std::sort(resources.begin(), resources.end());
    hash.add(statement.resources.negated ? "NotResource" : "Resource");
    for (const auto& resource : resources) hash.add(resource);
    return fmt::format("hash:{}", hash.hex().substr(0, 8));
}

// "/Action/1" -> "Action"; "/Condition/StringEquals/aws:SourceAccount" -> "Condition/StringEquals/...".
std::string element_path(std::string_view pointer) {
    std::string path;
    std::size_t start = 0;
    while (start < pointer.size()) {
        if (pointer[start] == '/') ++start;
        const std::size_t end = std::min(pointer.find('/', start), pointer.size());
        const std::string_view token = pointer.substr(start, end - start);
        const bool index = !token.empty() && std::all_of(token.begin(), token.end(),
                                                         [](char c) { return c >= '0' && c <= '9'; });
        if (!index && !token.empty()) {
            if (!path.empty()) path += '/';
            path += token;
        }
        start = end;
    }
    return path;
}

// An authorization-details dump names a managed policy with its default version ("managed policy ARN v3"):
// a new version of the same policy is the same policy.
std::string stable_policy_key(const PolicyDocument& document) {
    if (document.origin.empty()) return document.root_pointer;
    std::string_view key = document.origin;
    const std::size_t space = key.rfind(' ');
    if (key.starts_with("managed policy ") && space != std::string_view::npos && space + 2 < key.size() &&
        key[space + 1] == 'v' &&
        std::all_of(key.begin() + static_cast<std::ptrdiff_t>(space) + 2, key.end(),
                    [](char c) { return c >= '0' && c <= '9'; }))
        key = key.substr(0, space);
    return std::string(key);
}

}  // namespace

std::string compact_source_text(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    char quote = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quote != 0) {
            out += c;
            if (c == '\\' && quote == '"' && i + 1 < text.size()) {
                out += text[++i];
            } else if (c == quote) {
                quote = 0;
            }
            continue;
        }
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
        if (c == '"' || c == '\'') quote = c;
        out += c;
    }
    return out;
}

void fill_finding_identity(Finding& finding, const PolicyDocument& document, std::string_view where_pointer,
                           SourceSpan range) {
    finding.policy_key = stable_policy_key(document);
    finding.policy_pointer = document.root_pointer;
    std::string_view pointer = where_pointer;
    if (is_under(pointer, document.root_pointer)) pointer.remove_prefix(document.root_pointer.size());

    std::string_view element = pointer;
    if (const Statement* statement = statement_at(document.policy, where_pointer)) {
        finding.statement_anchor = statement_anchor(document.policy, *statement);
        element = where_pointer;
        element.remove_prefix(statement->place.pointer.size());
    }
    std::string subject = element_path(element);
    const std::string& text = document.source->text();
    if (!range.empty() && range.offset <= text.size()) {
        std::string value = compact_source_text(std::string_view(text).substr(range.offset, range.length));
        if (value.size() > kMaxSubjectText) {
            Fnv1a hash;
            hash.add(value);
            value = fmt::format("#{}", hash.hex());
        }
        subject += subject.empty() ? "" : "=";
        subject += value;
    }
    finding.subject = std::move(subject);
}

namespace {

// A finding not made through FindingSink (a test's, say) has no identity: its pointer and origin stand in.
std::string_view policy_of(const Finding& finding) {
    return finding.policy_key.empty() ? std::string_view(finding.origin)
                                      : std::string_view(finding.policy_key);
}
std::string_view subject_of(const Finding& finding) {
    return finding.subject.empty() && finding.statement_anchor.empty()
               ? std::string_view(finding.location.json_pointer)
               : std::string_view(finding.subject);
}

}  // namespace

std::string finding_fingerprint(const Finding& finding, std::string_view path) {
    Fnv1a hash;
    for (std::string_view field : {std::string_view(finding.rule_id), path, policy_of(finding),
                                   std::string_view(finding.statement_anchor), subject_of(finding)})
        hash.add(field);
    return hash.hex();
}

}  // namespace iamlint
