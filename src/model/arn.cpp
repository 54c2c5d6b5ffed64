#include "iamlint/arn.hpp"
#include "iamlint/arn_matching.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <functional>
#include <unordered_map>
#include <utility>

#include "iamlint/ascii.hpp"
#include "iamlint/catalog_lifetime.hpp"

namespace iamlint {

namespace {

constexpr auto npos = std::string_view::npos;

bool only_stars(std::string_view text) {
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c == '*'; });
}
bool star_or_empty(std::string_view text) {
    return text.empty() || only_stars(text);
}

// The end of a "${...}" that starts at `at`, or npos when there is none there.
std::size_t variable_end(std::string_view text, std::size_t at) {
    // Asked at every character of every ARN: the first test settles nearly all of them.
    if (at >= text.size() || text[at] != '$') return npos;
    if (text.substr(at, 2) != "${") return npos;
    return text.find('}', at + 2);
}

// "${*}", "${?}" and "${$}": the policy variables that stand for a literal character.
bool is_escape_variable(std::string_view inner) {
    return inner == "*" || inner == "?" || inner == "$";
}

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}
bool is_lower(char c) {
    return c >= 'a' && c <= 'z';
}

// Case-sensitive wildcard match of `*` and `?`, for the short header fields.
bool wildcard_match(std::string_view pattern, std::string_view text) {
    std::size_t p = 0, t = 0, star = npos, resume = 0;
    while (t < text.size()) {
        if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t])) {
            ++p;
            ++t;
        } else if (p < pattern.size() && pattern[p] == '*') {
            star = p++;
            resume = t;
        } else if (star != npos) {
            p = star + 1;
            t = ++resume;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*') ++p;
    return p == pattern.size();
}

// The offsets of the first five field separators, skipping colons inside policy variables.
std::size_t find_separators(std::string_view text, std::array<std::size_t, 5>& colons) {
    std::size_t found = 0;
    for (std::size_t i = 0; i < text.size() && found < colons.size(); ++i) {
        if (auto close = variable_end(text, i); close != npos) {
            i = close;
        } else if (text[i] == ':') {
            colons[found++] = i;
        }
    }
    return found;
}

constexpr std::string_view kFieldShape = "arn:partition:service:region:account:resource";

ArnProblem problem(ArnField field, std::size_t offset, std::size_t length, std::string message) {
    return {field, offset, length, std::move(message)};
}

std::string quoted(std::string_view text) {
    std::string out = "\"";
    out += text;
    out += '"';
    return out;
}

std::optional<ArnProblem> check_partition(std::string_view partition, std::size_t offset) {
    if (partition.empty()) {
        return problem(ArnField::Partition, offset, 0,
                       "the partition is missing (aws, aws-cn, aws-us-gov ...): " + std::string(kFieldShape));
    }
    if (partition.find("${") != npos) return std::nullopt;
    const auto partitions = known_partitions();
    if (std::any_of(partitions.begin(), partitions.end(),
                    [&](std::string_view known) { return wildcard_match(partition, known); })) {
        return std::nullopt;
    }
    return problem(ArnField::Partition, offset, partition.size(),
                   "unknown partition " + quoted(partition) +
                       ": AWS's are aws, aws-cn, aws-us-gov, aws-iso, " +
                       "aws-iso-b, aws-iso-e, aws-iso-f and aws-eusc");
}

std::optional<ArnProblem> check_service(std::string_view service, std::size_t offset) {
    if (service.empty()) {
        return problem(ArnField::Service, offset, 0,
                       "the service is missing: " + std::string(kFieldShape) + " (arn:aws:s3:::BUCKET)");
    }
    for (std::size_t i = 0; i < service.size(); ++i) {
        if (auto close = variable_end(service, i); close != npos) {
            i = close;
            continue;
        }
        char c = service[i];
        if (!is_lower(c) && !is_digit(c) && c != '-' && c != '*' && c != '?') {
            return problem(ArnField::Service, offset, service.size(),
                           "service " + quoted(service) +
                               " has characters other than lower-case letters, digits and '-'");
        }
    }
    return std::nullopt;
}

std::optional<ArnProblem> check_region(std::string_view region, std::size_t offset) {
    if (region.empty() || region.find("${") != npos) return std::nullopt;
    bool wildcard = false;
    for (char c : region) {
        if (c == '*' || c == '?') {
            wildcard = true;
        } else if (!is_lower(c) && !is_digit(c) && c != '-') {
            return problem(ArnField::Region, offset, region.size(),
                           quoted(region) + " is not a region name: lower-case, such as us-east-1");
        }
    }
    if (wildcard || is_region_name(region)) return std::nullopt;
    return problem(ArnField::Region, offset, region.size(),
                   quoted(region) + " is not a region name such as us-east-1 or eu-central-1");
}

std::optional<ArnProblem> check_account(std::string_view account, std::size_t offset,
                                        std::span<const std::string_view> literal_accounts) {
    if (account.empty() || account.find("${") != npos) return std::nullopt;
    // AWS-owned resources (managed policies, public documents) name the account "aws".
    if (wildcard_match(account, "aws")) return std::nullopt;
    if (std::any_of(literal_accounts.begin(), literal_accounts.end(),
                    [&](std::string_view word) { return wildcard_match(account, word); })) {
        return std::nullopt;
    }
    bool star = false;
    std::size_t fixed = 0;
    for (char c : account) {
        if (c == '*') {
            star = true;
        } else if (c == '?' || is_digit(c)) {
            ++fixed;
        } else {
            fixed = 13;  // not an account id whatever the wildcards stand for
            break;
        }
    }
    if (fixed <= 12 && (star || fixed == 12)) return std::nullopt;
    return problem(ArnField::Account, offset, account.size(),
                   quoted(account) + " is not a 12-digit account id");
}

// Appends the tokens of one piece of text of a catalog format.
struct FormatCompiler {
    std::span<const std::string_view> segment_variables;
    std::vector<ArnToken>& tokens;

    void run(std::uint8_t excluded) {
        if (!tokens.empty() && tokens.back().kind == ArnToken::Run && tokens.back().excluded == excluded)
            return;
        tokens.push_back({ArnToken::Run, 0, excluded});
    }

    // A field of the header: no ':' in anything. A variable may be empty: AWS-owned resources have no
    // account (arn:aws:ssm:us-east-1::parameter/aws/service/..., arn:aws:ec2:us-east-1::image/ami-...).
    void header(std::string_view field) {
        for (std::size_t i = 0; i < field.size(); ++i) {
            if (auto close = variable_end(field, i); close != npos) {
                run(ArnToken::kExcludeColon);
                i = close;
            } else if (field[i] == '*') {
                run(ArnToken::kExcludeColon);
            } else {
                tokens.push_back({ArnToken::Literal, field[i], 0});
            }
        }
    }

    // The resource part of `format`, which starts at `start`.
    void resource(std::string_view format, std::size_t start) {
        std::string_view part = format.substr(start);
        for (std::size_t i = 0; i < part.size(); ++i) {
            if (auto close = variable_end(part, i); close != npos) {
                std::string_view up_to_variable = format.substr(0, start + close + 1);
                std::uint8_t excluded = 0;
                if (std::find(segment_variables.begin(), segment_variables.end(), up_to_variable) !=
                    segment_variables.end()) {
                    excluded |= ArnToken::kExcludeSlash;
                }
                if (close + 1 < part.size()) excluded |= ArnToken::kExcludeColon;
                run(excluded);
                i = close;
            } else if (part[i] == '*') {
                run(0);
            } else {
                tokens.push_back({ArnToken::Literal, part[i], 0});
            }
        }
    }
};

bool admits(const ArnToken& token, char c) {
    if (token.kind == ArnToken::Literal) return ascii_lower(token.c) == ascii_lower(c);
    if (c == '/' && (token.excluded & ArnToken::kExcludeSlash)) return false;
    if (c == ':' && (token.excluded & ArnToken::kExcludeColon)) return false;
    return true;
}

// Whether one character exists that both tokens consume. Classes only exclude '/' and ':', so two of
// them always share one ('a').
bool compatible(const ArnToken& a, const ArnToken& b) {
    if (a.kind == ArnToken::Literal) return admits(b, a.c);
    if (b.kind == ArnToken::Literal) return admits(a, b.c);
    return true;
}

bool may_stand_for_colon(const ArnToken& token) {
    return token.kind != ArnToken::Literal && !(token.excluded & ArnToken::kExcludeColon);
}

// The token after the next literal ':' from `at`.
std::size_t after_next_colon(std::span<const ArnToken> tokens, std::size_t at) {
    while (at < tokens.size() && !(tokens[at].kind == ArnToken::Literal && tokens[at].c == ':')) ++at;
    return at + 1;
}

// The token after the k-th literal colon (k <= the sequence's literal colons); 0 for k = 0.
std::size_t after_colon(std::span<const ArnToken> tokens, const ColonShape& shape, std::size_t k) {
    if (k <= ColonShape::kPlaces) return k == 0 ? 0 : shape.after_colon[k - 1];
    std::size_t at = shape.after_colon[ColonShape::kPlaces - 1];
    for (std::size_t i = ColonShape::kPlaces; i < k; ++i) at = after_next_colon(tokens, at);
    return at;
}

// Whether the literal characters at the starts of the two sequences differ somewhere.
bool literal_starts_differ(std::span<const ArnToken> p, std::span<const ArnToken> f) {
    for (std::size_t i = 0; i < p.size() && i < f.size(); ++i) {
        if (p[i].kind != ArnToken::Literal || f[i].kind != ArnToken::Literal) return false;
        if (!admits(f[i], p[i].c)) return true;
    }
    return false;
}

}  // namespace

namespace arn_matching {

ColonShape colon_shape(std::span<const ArnToken> tokens) {
    ColonShape shape;
    for (const ArnToken& token : tokens) {
        if (token.kind == ArnToken::Literal && token.c == ':') {
            if (shape.literal_colons < ColonShape::kPlaces)
                shape.after_colon[shape.literal_colons] =
                    static_cast<std::size_t>(&token - tokens.data()) + 1;
            ++shape.literal_colons;
            if (shape.colon_free) ++shape.leading_colons;
        } else if (may_stand_for_colon(token)) {
            shape.colon_free = false;
        }
    }
    return shape;
}

bool colons_rule_out(std::span<const ArnToken> p, std::span<const ArnToken> f) {
    return colons_rule_out(p, colon_shape(p), f, colon_shape(f));
}

bool colons_rule_out(std::span<const ArnToken> p, const ColonShape& ps, std::span<const ArnToken> f,
                     const ColonShape& fs) {
    // Each string of a colon-free sequence has exactly its literal colons; each string of the other at
    // least its own.
    if ((fs.colon_free && ps.literal_colons > fs.literal_colons) ||
        (ps.colon_free && fs.literal_colons > ps.literal_colons)) {
        return true;
    }
    // The first colons of a common string are literal colons of both sequences, the k-th of one being
    // the k-th of the other: the leading ones of both, or all of them when one sequence is colon-free
    // and both have as many (the other's wildcards then stand for no colon). What follows each of those
    // colons starts with the same characters in both.
    std::size_t aligned = std::min(ps.leading_colons, fs.leading_colons);
    if ((fs.colon_free || ps.colon_free) && ps.literal_colons == fs.literal_colons)
        aligned = ps.literal_colons;
    auto differ_after = [&](std::size_t k) {
        return literal_starts_differ(p.subspan(after_colon(p, ps, k)), f.subspan(after_colon(f, fs, k)));
    };
    // The last first: formats of one service differ after the header, in the resource part.
    if (differ_after(aligned)) return true;
    for (std::size_t k = 0; k < aligned; ++k) {
        if (differ_after(k)) return true;
    }
    return false;
}

// Whether the two token sequences accept a common string: a walk over pairs of positions, each run
// being a state that loops on its characters. Linear in the product of the lengths.
bool search_common_string(std::span<const ArnToken> p, std::span<const ArnToken> f) {
    const std::size_t n = p.size(), m = f.size();
    thread_local std::vector<std::uint8_t> seen;
    thread_local std::vector<std::pair<std::uint32_t, std::uint32_t>> stack;
    seen.assign((n + 1) * (m + 1), 0);
    stack.clear();
    auto push = [&](std::size_t i, std::size_t j) {
        auto& mark = seen[i * (m + 1) + j];
        if (mark) return;
        mark = 1;
        stack.emplace_back(static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(j));
    };
    push(0, 0);
    while (!stack.empty()) {
        auto [i, j] = stack.back();
        stack.pop_back();
        if (i == n && j == m) return true;
        const bool p_run = i < n && p[i].kind == ArnToken::Run;
        const bool f_run = j < m && f[j].kind == ArnToken::Run;
        if (p_run) push(i + 1, j);
        if (f_run) push(i, j + 1);
        if (i < n && j < m && compatible(p[i], f[j]) && !(p_run && f_run)) {
            push(p_run ? i : i + 1, f_run ? j : j + 1);
        }
    }
    return false;
}

}  // namespace arn_matching

namespace {

std::atomic<std::uint64_t> next_format_serial{1};

// A question to the memo of can_match, and the same with its own copy of the pattern.
struct MatchKey {
    std::uint64_t format;
    std::string_view pattern;
};
struct MatchEntry {
    std::uint64_t format;
    std::string pattern;
};

struct MatchHash {
    using is_transparent = void;
    std::size_t operator()(const MatchKey& key) const {
        return std::hash<std::string_view>{}(key.pattern) ^ (key.format * 0x9e3779b97f4a7c15ULL);
    }
    std::size_t operator()(const MatchEntry& entry) const {
        return (*this)(MatchKey{entry.format, entry.pattern});
    }
};
struct MatchEqual {
    using is_transparent = void;
    template <class A, class B>
    bool operator()(const A& a, const B& b) const {
        return a.format == b.format && std::string_view(a.pattern) == std::string_view(b.pattern);
    }
};

struct MatchMemo {
    std::uint64_t catalogs_destroyed = 0;
    std::unordered_map<MatchEntry, bool, MatchHash, MatchEqual> answers;
};

// Bounds the memory of a long run over many distinct resources.
constexpr std::size_t kMaxMatchMemo = 1 << 16;

}  // namespace

std::optional<ArnParts> split_arn(std::string_view text) {
    if (!text.starts_with("arn:")) return std::nullopt;
    std::array<std::size_t, 5> colons{};
    if (find_separators(text, colons) < colons.size()) return std::nullopt;
    auto between = [&](std::size_t k) { return text.substr(colons[k] + 1, colons[k + 1] - colons[k] - 1); };
    return ArnParts{between(0), between(1), between(2), between(3), text.substr(colons[4] + 1)};
}

bool matches_every_resource(std::string_view resource) {
    if (only_stars(resource)) return true;
    auto arn = split_arn(resource);
    // The partition cannot narrow anything down: an account lives in exactly one partition.
    return arn && only_stars(arn->service) && star_or_empty(arn->region) && star_or_empty(arn->account) &&
           only_stars(arn->resource);
}

std::span<const std::string_view> known_partitions() {
    static constexpr std::array<std::string_view, 8> kPartitions = {
        "aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc"};
    return kPartitions;
}

bool has_wildcard_or_variable(std::string_view text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (auto close = variable_end(text, i); close != npos) {
            if (!is_escape_variable(text.substr(i + 2, close - i - 2))) return true;
            i = close;
        } else if (text[i] == '*' || text[i] == '?') {
            return true;
        }
    }
    return false;
}

std::string_view to_string(ArnField field) {
    switch (field) {
        case ArnField::Prefix:
            return "prefix";
        case ArnField::Partition:
            return "partition";
        case ArnField::Service:
            return "service";
        case ArnField::Region:
            return "region";
        case ArnField::Account:
            return "account";
        case ArnField::Resource:
            return "resource";
    }
    return "prefix";
}

bool is_region_name(std::string_view text) {
    // area (2 to 4 letters), one or more words, a number: us-east-1, us-gov-west-1, us-isob-east-1.
    std::size_t i = 0;
    auto letters = [&] {
        std::size_t start = i;
        while (i < text.size() && is_lower(text[i])) ++i;
        return i - start;
    };
    std::size_t area = letters();
    if (area < 2 || area > 4) return false;
    std::size_t words = 0;
    while (i < text.size() && text[i] == '-') {
        ++i;
        if (letters() == 0) break;
        ++words;
    }
    if (words == 0 || i == 0 || text[i - 1] != '-') return false;
    std::size_t digits = 0;
    while (i < text.size() && is_digit(text[i])) {
        ++i;
        ++digits;
    }
    return digits >= 1 && digits <= 2 && i == text.size();
}

bool is_account_id(std::string_view text) {
    return text.size() == 12 && std::all_of(text.begin(), text.end(), is_digit);
}

std::optional<ArnProblem> check_arn_syntax(std::string_view text,
                                           std::span<const std::string_view> literal_accounts) {
    if (!text.starts_with("arn:")) {
        if (istarts_with(text, "arn:")) {
            return problem(ArnField::Prefix, 0, 3, "an ARN starts with lower-case \"arn:\"");
        }
        return problem(ArnField::Prefix, 0, 0,
                       "neither \"*\" nor an ARN: resources are named " + std::string(kFieldShape));
    }
    std::array<std::size_t, 5> colons{};
    const std::size_t found = find_separators(text, colons);
    if (found < colons.size()) {
        // A wildcard in the last field may stand for the missing ones; whether IAM reads it so is not
        // documented, so that case is left alone.
        std::size_t last = found == 0 ? 0 : colons[found - 1] + 1;
        if (has_wildcard_or_variable(text.substr(last))) return std::nullopt;
        return problem(ArnField::Prefix, 0, 0,
                       "an ARN has six fields separated by ':' (" + std::string(kFieldShape) +
                           "); this one has " + std::to_string(found + 1));
    }
    auto field = [&](std::size_t k) {
        std::size_t begin = colons[k] + 1;
        std::size_t end = k + 1 < colons.size() ? colons[k + 1] : text.size();
        return std::pair{text.substr(begin, end - begin), begin};
    };
    auto [partition, partition_at] = field(0);
    if (auto p = check_partition(partition, partition_at)) return p;
    auto [service, service_at] = field(1);
    if (auto p = check_service(service, service_at)) return p;
    auto [region, region_at] = field(2);
    if (auto p = check_region(region, region_at)) return p;
    auto [account, account_at] = field(3);
    return check_account(account, account_at, literal_accounts);
}

ArnPattern::ArnPattern(std::string_view text) : text_(text) {
    // The confined reading: in an ARN with all six fields, a wildcard of the partition, service, region or
    // account field stands for a value of that field, which never holds a ':'.
    std::array<std::size_t, 5> separators{};
    const bool six_fields =
        text.starts_with("arn:") && find_separators(text, separators) == separators.size();
    // At most one token per character: sized once rather than grown token by token.
    tokens_.reserve(text.size());
    confined_.reserve(text.size());
    std::size_t colons = 0;
    auto push = [&](ArnToken::Kind kind, char c) {
        const std::uint8_t confined =
            kind != ArnToken::Literal && six_fields && colons < 5 ? ArnToken::kExcludeColon : 0;
        if (kind == ArnToken::Run && !tokens_.empty() && tokens_.back().kind == ArnToken::Run) return;
        tokens_.push_back({kind, c, 0});
        confined_.push_back({kind, c, confined});
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (auto close = variable_end(text, i); close != npos) {
            std::string_view inner = text.substr(i + 2, close - i - 2);
            i = close;
            if (is_escape_variable(inner)) {
                push(ArnToken::Literal, inner[0]);
                continue;
            }
            c = '*';  // a value only known at request time
        }
        if (c == '*') {
            push(ArnToken::Run, 0);
        } else if (c == '?') {
            push(ArnToken::One, 0);
        } else {
            push(ArnToken::Literal, c);
            if (c == ':' && ++colons == 5) resource_start_ = tokens_.size();
        }
    }
    tokens_shape_ = arn_matching::colon_shape(tokens_);
    confined_shape_ = arn_matching::colon_shape(confined_);
}

ArnFormat::ArnFormat(std::string_view format, std::span<const std::string_view> segment_variables)
    : text_(format), serial_(next_format_serial.fetch_add(1, std::memory_order_relaxed)) {
    FormatCompiler compiler{segment_variables, tokens_};
    auto parts = split_arn(format);
    if (!parts) {
        // Not shaped like an ARN: matched as a whole, every variable open.
        compiler.resource(format, 0);
        resource_start_ = std::string_view::npos;
        strict_ = tokens_;
        tokens_shape_ = strict_shape_ = arn_matching::colon_shape(tokens_);
        return;
    }
    parts_ = *parts;
    for (char c : std::string_view("arn:")) tokens_.push_back({ArnToken::Literal, c, 0});
    for (std::string_view field : {parts_.partition, parts_.service, parts_.region, parts_.account}) {
        compiler.header(field);
        tokens_.push_back({ArnToken::Literal, ':', 0});
    }
    resource_start_ = tokens_.size();
    compiler.resource(format, static_cast<std::size_t>(parts_.resource.data() - format.data()));
    strict_ = tokens_;
    if (format.ends_with('}') && !strict_.empty() && strict_.back().kind == ArnToken::Run) {
        strict_.back().excluded |= ArnToken::kExcludeColon;
    }
    tokens_shape_ = arn_matching::colon_shape(tokens_);
    strict_shape_ = arn_matching::colon_shape(strict_);
}

std::vector<std::string_view> segment_variables(std::span<const std::string_view> formats) {
    std::vector<std::string_view> names;
    for (std::string_view format : formats) {
        for (std::size_t i = format.find("${"); i != npos; i = format.find("${", i + 1)) {
            auto close = format.find('}', i);
            if (close == npos) break;
            if (format.substr(close + 1, 1) != "/") continue;
            std::string_view up_to_variable = format.substr(0, close + 1);
            if (std::find(names.begin(), names.end(), up_to_variable) == names.end())
                names.push_back(up_to_variable);
        }
    }
    return names;
}

bool can_match(const ArnPattern& pattern, const ArnFormat& format) {
    // The same resource patterns ("arn:aws:iam::*:role/aws-service-role/...") meet the same formats in
    // policy after policy, and a search costs some 10,000 instructions: each thread remembers its
    // answers. Formats are told apart by serial number, which no other format ever takes, so an answer
    // cannot outlive its format's meaning; the memo is only bounded, and dropped with the catalogs.
    thread_local MatchMemo memo;
    const std::uint64_t destroyed = catalogs_destroyed();
    if (memo.catalogs_destroyed != destroyed || memo.answers.size() >= kMaxMatchMemo) {
        memo.answers.clear();
        memo.catalogs_destroyed = destroyed;
    }
    // Most formats a pattern meets are of other resource types ("role/..." against "user/${UserName}"),
    // which the colons settle for less than a look-up in the memo costs.
    const bool confined_ruled_out = arn_matching::colons_rule_out(
        pattern.confined_tokens(), pattern.confined_shape(), format.tokens(), format.tokens_shape());
    const bool strict_ruled_out = arn_matching::colons_rule_out(
        pattern.tokens(), pattern.tokens_shape(), format.strict_tokens(), format.strict_shape());
    if (confined_ruled_out && strict_ruled_out) return false;
    const MatchKey key{format.serial(), pattern.text()};
    if (auto it = memo.answers.find(key); it != memo.answers.end()) return it->second;
    const bool answer =
        (!confined_ruled_out &&
         arn_matching::search_common_string(pattern.confined_tokens(), format.tokens())) ||
        (!strict_ruled_out && arn_matching::search_common_string(pattern.tokens(), format.strict_tokens()));
    memo.answers.emplace(MatchEntry{format.serial(), std::string(pattern.text())}, answer);
    return answer;
}

bool can_match_resource(const ArnPattern& pattern, const ArnFormat& format) {
    if (pattern.resource_start() == npos || format.resource_start() == npos) return true;
    // The resource parts alone have no header colons to align on: working out their colon shapes for
    // a rule-out cost more than it saved (22,000-statement policy: 37 -> 54 million instructions).
    return arn_matching::search_common_string(pattern.confined_tokens().subspan(pattern.resource_start()),
                                              format.tokens().subspan(format.resource_start()));
}

}  // namespace iamlint
