// One matcher for every kind of suppression; inline ones are read here from the file's text, so that
// neither the loaders nor the rules know about them.
#include "iamlint/suppressions.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <chrono>

#include "../catalog/glob.hpp"
#include "iamlint/ascii.hpp"
#include "iamlint/engine.hpp"
#include "iamlint/finding_identity.hpp"
#include "iamlint/json.hpp"
#include "iamlint/path_glob.hpp"
#include "iamlint/rule_meta.hpp"
#include "iamlint/yaml.hpp"

namespace iamlint {

namespace {

constexpr std::string_view kDirective = "iamlint:";

bool is_blank(char c) {
    return c == ' ' || c == '\t';
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && (is_blank(text.front()) || text.front() == '\r')) text.remove_prefix(1);
    while (!text.empty() && (is_blank(text.back()) || text.back() == '\r')) text.remove_suffix(1);
    return text;
}

bool is_under(std::string_view pointer, std::string_view prefix) {
    return pointer.starts_with(prefix) && (pointer.size() == prefix.size() || pointer[prefix.size()] == '/');
}

bool selector_matches(std::string_view selector, const Finding& finding) {
    RuleMeta meta{finding.rule_id, finding.rule_name, finding.severity, {}, {}, {}, true, {}};
    return selector_specificity(selector, meta) > 0;
}

// A comment that starts with "iamlint:": where its text starts ("iamlint:"), and whether nothing but
// blanks precede its '#' on its line.
struct DirectiveComment {
    std::uint32_t hash_offset = 0;
    std::uint32_t length = 0;  // from '#' to the end of the line
    std::string_view text;     // after "iamlint:"
    std::uint32_t line = 0;
    bool own_line = false;
};

// '#' starts a YAML comment at the start of a line or after a blank, outside quoted scalars. A quote
// opens a scalar only where a token can start (not the apostrophe in "don't").
std::vector<DirectiveComment> directive_comments(const std::string& text) {
    std::vector<DirectiveComment> out;
    std::uint32_t line = 1;
    std::size_t i = 0;
    while (i < text.size()) {
        const std::size_t line_start = i;
        std::size_t line_end = text.find('\n', i);
        if (line_end == std::string::npos) line_end = text.size();
        char quote = 0;
        for (std::size_t j = line_start; j < line_end; ++j) {
            const char c = text[j];
            const char previous = j == line_start ? ' ' : text[j - 1];
            if (quote != 0) {
                if (quote == '"' && c == '\\') {
                    ++j;
                } else if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            if ((c == '"' || c == '\'') &&
                (is_blank(previous) || std::string_view("[{,:-").find(previous) != std::string_view::npos)) {
                quote = c;
            } else if (c == '#' && is_blank(previous)) {
                std::string_view comment = trim(std::string_view(text).substr(j + 1, line_end - j - 1));
                if (comment.starts_with(kDirective)) {
                    const bool own_line =
                        trim(std::string_view(text).substr(line_start, j - line_start)).empty();
                    out.push_back({static_cast<std::uint32_t>(j), static_cast<std::uint32_t>(line_end - j),
                                   trim(comment.substr(kDirective.size())), line, own_line});
                }
                break;
            }
        }
        i = line_end + 1;
        ++line;
    }
    return out;
}

// The spans a comment can name: each mapping entry (key to the end of its value) and each list item.
struct NodeSpan {
    std::uint32_t line;
    std::uint32_t begin;
    std::uint32_t end;
};

std::uint32_t end_of(SourceSpan span) {
    return span.offset + span.length;
}

std::uint32_t line_of(const SourceFile& source, SourceSpan span) {
    return source.range(span.offset, 0).line;
}

void collect_spans(const SourceFile& source, const JsonValue& value, std::vector<NodeSpan>& out) {
    for (const JsonMember& member : value.members()) {
        out.push_back({line_of(source, member.key_range), member.key_range.offset,
                       std::max(end_of(member.key_range), end_of(member.value.range))});
        collect_spans(source, member.value, out);
    }
    for (const JsonValue& item : value.items()) {
        out.push_back({line_of(source, item.range), item.range.offset, end_of(item.range)});
        collect_spans(source, item, out);
    }
}

// The scalars that span lines (block scalars, folded or quoted strings): a '#' inside one is text, not a
// comment.
void collect_multiline_scalars(const SourceFile& source, const JsonValue& value, std::vector<NodeSpan>& out) {
    if (value.is_object() || value.is_array()) {
        for (const JsonMember& member : value.members()) collect_multiline_scalars(source, member.value, out);
        for (const JsonValue& item : value.items()) collect_multiline_scalars(source, item, out);
    } else if (!value.range.empty() &&
               std::string_view(source.text()).substr(value.range.offset, value.range.length).find('\n') !=
                   std::string_view::npos) {
        out.push_back({line_of(source, value.range), value.range.offset, end_of(value.range)});
    }
}

JsonDocument parse_any(const SourceFile& source) {
    const std::string& text = source.text();
    const std::size_t first = text.find_first_not_of(" \t\r\n");
    const bool json =
        first != std::string::npos && (text[first] == '{' || text.compare(first, 3, "\xEF\xBB\xBF") == 0);
    return json ? parse_json(source) : parse_yaml(source);
}

class InlineReader {
public:
    explicit InlineReader(const SourceFile& source) : source_(source) {}

    void problem(SourceSpan span, std::string message) {
        const SourceRange range = source_.range(span);
        Finding finding;
        finding.rule_id = kInvalidSuppressionId;
        finding.rule_name = kInvalidSuppressionName;
        finding.severity = Severity::High;
        finding.message = std::move(message);
        finding.fix = "name iamlint rules (iamlint rules) and give the reason the finding is accepted";
        finding.location = {source_.path(), range, ""};
        finding.subject = compact_source_text(
            std::string_view(source_.text()).substr(range.offset, std::min<std::size_t>(range.length, 160)));
        result_.problems.push_back(std::move(finding));
    }

    void comments(const JsonDocument* tree) {
        const std::vector<DirectiveComment> found = directive_comments(source_.text());
        std::vector<NodeSpan> spans;
        std::vector<NodeSpan> texts;
        if (tree != nullptr) {
            collect_spans(source_, tree->root, spans);
            collect_multiline_scalars(source_, tree->root, texts);
        }
        for (const DirectiveComment& comment : found) {
            const bool in_text = std::any_of(texts.begin(), texts.end(), [&](const NodeSpan& text) {
                return comment.hash_offset >= text.begin && comment.hash_offset < text.end;
            });
            if (in_text) continue;
            const SourceRange range = source_.range(comment.hash_offset, comment.length);
            std::string_view rest = comment.text;
            const bool whole_file = rest.starts_with("ignore-file[");
            if (!whole_file && !rest.starts_with("ignore[")) {
                problem(range,
                        "unknown iamlint comment: write '# iamlint: ignore[RULE,...] reason' or "
                        "'# iamlint: ignore-file[RULE,...] reason'");
                continue;
            }
            rest.remove_prefix(rest.find('[') + 1);
            const std::size_t close = rest.find(']');
            if (close == std::string_view::npos) {
                problem(range, "suppression comment without its closing ']'");
                continue;
            }
            Suppression suppression;
            suppression.kind = "comment";
            if (!read_rules(rest.substr(0, close), range, suppression.rules)) continue;
            std::string_view reason = trim(rest.substr(close + 1));
            while (!reason.empty() && (reason.front() == '-' || reason.front() == ':'))
                reason = trim(reason.substr(1));
            if (reason.empty()) {
                problem(range, "suppression without a reason: say after the ']' why the finding is accepted");
                continue;
            }
            suppression.entry.reason = std::string(reason);
            suppression.entry.rule = suppression.rules.front();
            suppression.path = source_.path();
            suppression.location = {source_.path(), range, ""};
            suppression.whole_file = whole_file;
            if (!whole_file) {
                const std::uint32_t target =
                    comment.own_line ? next_content_line(comment.line) : comment.line;
                const NodeSpan* node = nullptr;
                for (const NodeSpan& span : spans) {
                    if (span.line == target &&
                        (node == nullptr || span.end - span.begin > node->end - node->begin))
                        node = &span;
                }
                // Nothing to name: it stays unused, and says so.
                suppression.begin = node != nullptr ? node->begin : 0;
                suppression.end = node != nullptr ? node->end : 0;
            }
            result_.suppressions.push_back(std::move(suppression));
        }
    }

    void metadata(const JsonDocument& tree) {
        if (const JsonMember* metadata = tree.root.find("Metadata")) {
            entries(metadata->value, 0, 0, true);
        }
        const JsonMember* resources = tree.root.find("Resources");
        if (resources == nullptr) return;
        for (const JsonMember& resource : resources->value.members()) {
            if (const JsonMember* metadata = resource.value.find("Metadata")) {
                entries(metadata->value, resource.key_range.offset, end_of(resource.value.range), false);
            }
        }
    }

    InlineSuppressions take() { return std::move(result_); }

private:
    bool read_rules(std::string_view list, SourceSpan range, std::vector<std::string>& rules) {
        while (true) {
            const std::size_t comma = std::min(list.find(','), list.size());
            const std::string_view rule = trim(list.substr(0, comma));
            if (rule.empty()) {
                problem(
                    range,
                    "suppression with an empty rule name: list rule ids or names, such as ignore[IAM204]");
                return false;
            }
            try {
                check_rule_selector(rule);
            } catch (const ConfigError& error) {
                problem(range, std::string("suppression of an ") + error.what());
                return false;
            }
            rules.emplace_back(rule);
            if (comma == list.size()) return true;
            list.remove_prefix(comma + 1);
        }
    }

    std::uint32_t next_content_line(std::uint32_t line) const {
        for (std::uint32_t next = line + 1; next <= source_.line_count(); ++next) {
            const std::string_view text = trim(source_.line_text(next));
            if (!text.empty() && text.front() != '#') return next;
        }
        return 0;
    }

    // Metadata: {iamlint: {ignore: [{rule: ..., reason: ...}, ...]}}
    void entries(const JsonValue& metadata, std::uint32_t begin, std::uint32_t end, bool whole_file) {
        const JsonMember* iamlint = metadata.find("iamlint");
        if (iamlint == nullptr) return;
        const JsonMember* ignore = iamlint->value.find("ignore");
        if (!iamlint->value.is_object() || ignore == nullptr || !ignore->value.is_array()) {
            problem(iamlint->key_range, "iamlint Metadata is {ignore: [{rule: ..., reason: ...}, ...]}");
            return;
        }
        for (const JsonValue& item : ignore->value.items()) {
            if (auto suppression = entry(item)) {
                suppression->whole_file = whole_file;
                suppression->begin = begin;
                suppression->end = end;
                result_.suppressions.push_back(std::move(*suppression));
            }
        }
    }

    std::optional<Suppression> entry(const JsonValue& item) {
        if (!item.is_object()) {
            problem(item.range, "an iamlint Metadata ignore entry is a mapping with rule and reason");
            return std::nullopt;
        }
        Suppression suppression;
        suppression.kind = "metadata";
        suppression.path = source_.path();
        suppression.location = {source_.path(), source_.range(item.range), ""};
        IgnoreEntry& entry = suppression.entry;
        for (const JsonMember& member : item.members()) {
            std::string IgnoreEntry::*field = member.key == "rule"        ? &IgnoreEntry::rule
                                              : member.key == "sid"       ? &IgnoreEntry::sid
                                              : member.key == "pointer"   ? &IgnoreEntry::pointer
                                              : member.key == "action"    ? &IgnoreEntry::action
                                              : member.key == "resource"  ? &IgnoreEntry::resource
                                              : member.key == "principal" ? &IgnoreEntry::principal
                                              : member.key == "reason"    ? &IgnoreEntry::reason
                                              : member.key == "expires"   ? &IgnoreEntry::expires
                                                                          : nullptr;
            if (field == nullptr || !member.value.is_string()) {
                problem(member.key_range, field == nullptr ? "unknown key '" + member.key +
                                                                 "' in an iamlint Metadata ignore entry"
                                                           : "'" + member.key + "' takes a string");
                return std::nullopt;
            }
            entry.*field = member.value.text;
        }
        if (entry.rule.empty()) {
            problem(item.range, "suppression without 'rule': name the rule it accepts");
            return std::nullopt;
        }
        if (!read_rules(entry.rule, item.range, suppression.rules)) return std::nullopt;
        if (trim(entry.reason).empty()) {
            problem(item.range,
                    "suppression without a reason: add 'reason' saying why the finding is accepted");
            return std::nullopt;
        }
        if (!entry.expires.empty() && !is_iso_date(entry.expires)) {
            problem(item.range, "'expires' is a date written YYYY-MM-DD, not '" + entry.expires + "'");
            return std::nullopt;
        }
        return suppression;
    }

    const SourceFile& source_;
    InlineSuppressions result_;
};

Location config_location(const ConfigPosition& position) {
    SourceRange range;
    range.line = position.line;
    range.column = position.column;
    range.end_line = position.line;
    range.end_column = position.column + 1;
    return {position.path, range, ""};
}

// The element of a finding's subject ("Action") and its value without quotes ("s3:*").
std::pair<std::string_view, std::string> subject_parts(std::string_view subject) {
    const std::size_t equals = subject.find('=');
    std::string_view element = subject.substr(0, std::min(subject.find('/'), equals));
    std::string value =
        equals == std::string_view::npos ? std::string() : std::string(subject.substr(equals + 1));
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') && value.back() == value.front())
        value = value.substr(1, value.size() - 2);
    return {element, value};
}

bool value_matches(std::string_view pattern, std::string_view element, const std::string& value,
                   std::initializer_list<std::string_view> elements) {
    if (pattern.empty()) return true;
    if (std::find(elements.begin(), elements.end(), element) == elements.end()) return false;
    return glob_match_ci(pattern, value);
}

}  // namespace

InlineSuppressions collect_inline_suppressions(const SourceFile& source, bool cloudformation) {
    InlineReader reader(source);
    if (source.text().find("iamlint") == std::string::npos) return {};
    const JsonDocument tree = parse_any(source);
    const bool parsed = !tree.error;
    reader.comments(parsed ? &tree : nullptr);
    if (cloudformation && parsed) reader.metadata(tree);
    return reader.take();
}

SuppressionMatcher::SuppressionMatcher(const ConfigFile* config, std::string today, bool use_inline)
    : config_(config), today_(std::move(today)), use_inline_(use_inline) {
    if (config_ == nullptr) return;
    for (const IgnoreEntry& entry : config_->ignore) {
        Suppression suppression;
        suppression.kind = "config";
        suppression.entry = entry;
        suppression.rules = {entry.rule};
        suppression.location = config_location(entry.position);
        suppressions_.push_back(std::move(suppression));
    }
}

void SuppressionMatcher::add_inline(std::vector<Suppression> suppressions) {
    if (!use_inline_) return;
    std::move(suppressions.begin(), suppressions.end(), std::back_inserter(suppressions_));
}

bool SuppressionMatcher::matches(const Suppression& suppression, const Finding& finding) const {
    const IgnoreEntry& entry = suppression.entry;
    if (!entry.expires.empty() && entry.expires < today_) return false;
    if (std::none_of(suppression.rules.begin(), suppression.rules.end(),
                     [&](const std::string& rule) { return selector_matches(rule, finding); }))
        return false;
    if (suppression.kind == "config") {
        if (!entry.path.empty() &&
            !path_globs_match({entry.path}, path_relative_to(config_->folder, finding.location.path)))
            return false;
    } else {
        if (finding.location.path != suppression.path) return false;
        const std::uint32_t offset = finding.location.range.offset;
        if (!suppression.whole_file && (offset < suppression.begin || offset >= suppression.end))
            return false;
    }
    if (!entry.sid.empty() && finding.statement_anchor != "sid:" + entry.sid) return false;
    if (!entry.pointer.empty()) {
        std::string_view relative = finding.location.json_pointer;
        if (is_under(relative, finding.policy_pointer)) relative.remove_prefix(finding.policy_pointer.size());
        if (!is_under(relative, entry.pointer) && !is_under(finding.location.json_pointer, entry.pointer))
            return false;
    }
    if (!entry.origin.empty() && !glob_match_ci(entry.origin, finding.origin)) return false;
    const auto [element, value] = subject_parts(finding.subject);
    return value_matches(entry.action, element, value, {"Action", "NotAction"}) &&
           value_matches(entry.resource, element, value, {"Resource", "NotResource"}) &&
           value_matches(entry.principal, element, value, {"Principal", "NotPrincipal"});
}

void SuppressionMatcher::apply(std::vector<Finding>& findings) {
    for (Finding& finding : findings) {
        if (finding.suppressed) continue;
        for (Suppression& suppression : suppressions_) {
            if (!matches(suppression, finding)) continue;
            ++suppression.used;
            if (!finding.suppressed)
                finding.suppressed = Finding::Suppression{suppression.kind, suppression.entry.reason};
        }
    }
}

void SuppressionMatcher::set_scope(std::vector<std::string> analysed_paths,
                                   std::vector<std::string> rule_ids_run) {
    analysed_paths_ = std::move(analysed_paths);
    rule_ids_run_ = std::move(rule_ids_run);
}

bool SuppressionMatcher::in_scope(const Suppression& suppression) const {
    if (!analysed_paths_) return true;
    const bool rule_ran = std::any_of(rule_ids_run_.begin(), rule_ids_run_.end(), [&](const std::string& id) {
        Finding probe;
        probe.rule_id = id;
        if (const Rule* rule = find_rule(id)) probe.rule_name = rule->meta().name;
        return std::any_of(suppression.rules.begin(), suppression.rules.end(),
                           [&](const std::string& selector) { return selector_matches(selector, probe); });
    });
    if (!rule_ran) return false;
    if (suppression.kind != "config" || suppression.entry.path.empty()) return true;
    return std::any_of(analysed_paths_->begin(), analysed_paths_->end(), [&](const std::string& path) {
        return path_globs_match({suppression.entry.path}, path_relative_to(config_->folder, path));
    });
}

std::vector<Finding> SuppressionMatcher::findings_about_suppressions() const {
    std::vector<Finding> out;
    for (const Suppression& suppression : suppressions_) {
        const bool expired = !suppression.entry.expires.empty() && suppression.entry.expires < today_;
        if (!expired && (suppression.used > 0 || !in_scope(suppression))) continue;
        std::string rules;
        for (const auto& rule : suppression.rules) rules += (rules.empty() ? "" : ",") + rule;
        Finding finding;
        finding.severity = Severity::Low;
        finding.location = suppression.location;
        finding.subject = suppression.kind + ":" + rules + ":" + suppression.entry.reason;
        if (expired) {
            finding.rule_id = kExpiredSuppressionId;
            finding.rule_name = kExpiredSuppressionName;
            finding.message =
                fmt::format("suppression of {} expired on {}: the findings it accepted are reported again",
                            rules, suppression.entry.expires);
            finding.fix = "fix the findings, or extend 'expires' after a new review";
        } else {
            finding.rule_id = kUnusedSuppressionId;
            finding.rule_name = kUnusedSuppressionName;
            finding.message = fmt::format("suppression of {} matches no finding", rules);
            finding.fix = "remove it: what it accepted is gone";
        }
        out.push_back(std::move(finding));
    }
    return out;
}

std::string today_utc() {
    const auto days = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
    const std::chrono::year_month_day date{days};
    return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(date.year()),
                       static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
}

}  // namespace iamlint
