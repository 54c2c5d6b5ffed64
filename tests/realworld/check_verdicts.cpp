// Holds iamlint's JSON report on the real-world corpus to the judged verdicts in verdicts.tsv.
//
//   check_verdicts check REPORT.json VERDICTS.tsv     precision figures; exit 1 when a rule below is broken
//   check_verdicts unjudged REPORT.json VERDICTS.tsv  the verdicts.tsv lines, verdict and reason left empty,
//                                                     of the high and critical findings without a verdict
//
// A verdicts.tsv line holds path (relative to tests/realworld), line, column, rule id, the JSON pointer of
// the statement the token is in, the severity when judged, the verdict and its reason. It is keyed by path,
// line, column and rule id: the token a finding points at, which stays put when messages are reworded or
// repeats on one token are merged. The check fails when
//   - a high or critical finding has no verdict (new findings are judged before they land),
//   - a finding judged `false` is reported at high or critical,
//   - a finding judged `false-open` (false, and its class not fixed yet: counted in the figures, listed,
//     and tolerated) is no longer reported at high or critical: then it is fixed and becomes `false`,
//   - a finding judged `true` is no longer reported at medium or above, or one judged `too-severe:S` is no
//     longer reported at S or above. It still counts as reported when a finding of the same rule lists the
//     token among its related locations (repeats merged into one finding), or when another rule reports
//     the same token (at it or among its related locations) or the same statement at the severity the
//     verdict gives it (the severity judged for `true`, S for `too-severe:S`): the most specific of several
//     rules on one grant kept, such as IAM301 on `iam:AttachRolePolicy` instead of IAM204 on its `"*"`.
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include <nlohmann/json.hpp>

namespace {

constexpr std::string_view kCorpusPrefix = "tests/realworld/";

enum class Severity { Info, Low, Medium, High, Critical };

std::optional<Severity> parse_severity(std::string_view text) {
    if (text == "info") return Severity::Info;
    if (text == "low") return Severity::Low;
    if (text == "medium") return Severity::Medium;
    if (text == "high") return Severity::High;
    if (text == "critical") return Severity::Critical;
    return std::nullopt;
}

const char* severity_name(Severity severity) {
    static const char* const names[] = {"info", "low", "medium", "high", "critical"};
    return names[static_cast<int>(severity)];
}

struct Key {
    std::string path;
    int line = 0;
    int column = 0;
    std::string rule;
    auto operator<=>(const Key&) const = default;
};

std::string describe(const Key& key) {
    return key.path + ":" + std::to_string(key.line) + ":" + std::to_string(key.column) + " " + key.rule;
}

enum class Judgement { True, TooSevere, False, FalseOpen };

struct Verdict {
    std::string statement;                // JSON pointer of the statement the token is in ("" outside one)
    Severity judged_at = Severity::High;  // the severity the finding had when it was judged
    Judgement judgement = Judgement::True;
    Severity deserved = Severity::Medium;  // for True and TooSevere: the least severity it must keep
    std::string reason;
};

struct Finding {
    Key key;
    std::string statement;
    Severity severity = Severity::Info;
    std::vector<Key> related;  // related locations, with the finding's rule
    std::string claim;         // message and origin, shown to whoever judges the finding
};

[[noreturn]] void fail_input(const std::string& what) {
    std::cerr << "check_verdicts: " << what << "\n";
    std::exit(2);
}

std::vector<std::string> split_tabs(const std::string& line) {
    std::vector<std::string> fields;
    std::string field;
    std::istringstream stream(line);
    while (std::getline(stream, field, '\t')) fields.push_back(field);
    if (!line.empty() && line.back() == '\t') fields.emplace_back();
    return fields;
}

int parse_int(const std::string& text, const std::string& where) {
    try {
        std::size_t used = 0;
        const int value = std::stoi(text, &used);
        if (used == text.size() && value > 0) return value;
    } catch (const std::exception&) {
    }
    fail_input(where + ": \"" + text + "\" is not a positive number");
}

std::map<Key, Verdict> read_verdicts(const std::string& file) {
    std::ifstream in(file);
    if (!in) fail_input("cannot read " + file);
    std::map<Key, Verdict> verdicts;
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (line.empty() || line.front() == '#') continue;
        const std::string where = file + ":" + std::to_string(number);
        const auto fields = split_tabs(line);
        if (fields.size() != 8) {
            fail_input(where +
                       ": expected 8 tab-separated fields (path line column rule statement severity " +
                       "verdict reason), got " + std::to_string(fields.size()));
        }
        Key key{fields[0], parse_int(fields[1], where), parse_int(fields[2], where), fields[3]};
        Verdict verdict;
        verdict.statement = fields[4];
        const auto judged_at = parse_severity(fields[5]);
        if (!judged_at) fail_input(where + ": unknown severity \"" + fields[5] + "\"");
        verdict.judged_at = *judged_at;
        const std::string& judgement = fields[6];
        if (judgement == "true") {
            verdict.judgement = Judgement::True;
            verdict.deserved = Severity::Medium;
        } else if (judgement == "false") {
            verdict.judgement = Judgement::False;
        } else if (judgement == "false-open") {
            verdict.judgement = Judgement::FalseOpen;
        } else if (judgement.starts_with("too-severe:")) {
            const auto deserved = parse_severity(std::string_view(judgement).substr(11));
            if (!deserved || *deserved >= verdict.judged_at) {
                fail_input(where + ": \"" + judgement + "\" must name a severity below " +
                           severity_name(verdict.judged_at));
            }
            verdict.judgement = Judgement::TooSevere;
            verdict.deserved = *deserved;
        } else {
            fail_input(
                where + ": the verdict is \"" + judgement +
                "\"; write true, false, false-open or too-severe:SEVERITY (judge.sh lists what needs one)");
        }
        if (fields[7].empty()) fail_input(where + ": the verdict has no reason");
        verdict.reason = fields[7];
        if (!verdicts.emplace(key, verdict).second)
            fail_input(where + ": a second verdict for " + describe(key));
    }
    return verdicts;
}

std::optional<Key> key_of(const nlohmann::json& location, const std::string& rule) {
    if (!location.is_object() || !location.contains("path")) return std::nullopt;
    std::string path = location.at("path").get<std::string>();
    if (path.starts_with("./")) path.erase(0, 2);
    if (!path.starts_with(kCorpusPrefix)) return std::nullopt;
    path.erase(0, kCorpusPrefix.size());
    return Key{path, location.value("line", 0), location.value("column", 0), rule};
}

// "/Resources/R/Properties/PolicyDocument/Statement/2/Action/0" -> ".../Statement/2": the statement a
// finding is in; a policy whose Statement is one object has no index; "" for findings outside a statement.
std::string statement_of(const std::string& pointer) {
    const auto at = pointer.find("/Statement");
    if (at == std::string::npos) return "";
    auto end = at + std::string_view("/Statement").size();
    if (end < pointer.size() && pointer[end] != '/') return "";
    if (end + 1 < pointer.size() && std::isdigit(static_cast<unsigned char>(pointer[end + 1]))) {
        end = pointer.find('/', end + 1);
        if (end == std::string::npos) end = pointer.size();
    }
    return pointer.substr(0, end);
}

std::vector<Finding> read_report(const std::string& file) {
    std::ifstream in(file);
    if (!in) fail_input("cannot read " + file);
    nlohmann::json report;
    try {
        report = nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception& error) {
        fail_input(file + ": not a JSON report: " + error.what());
    }
    if (!report.contains("findings") || !report.at("findings").is_array()) {
        fail_input(file + ": no \"findings\" array (run iamlint --format json)");
    }
    std::vector<Finding> findings;
    for (const auto& item : report.at("findings")) {
        const std::string rule = item.value("rule_id", "");
        const auto key = key_of(item.value("location", nlohmann::json{}), rule);
        const auto severity = parse_severity(item.value("severity", ""));
        if (!key || !severity) continue;
        const auto location = item.value("location", nlohmann::json{});
        std::string claim = item.value("message", "");
        if (const std::string origin = item.value("origin", ""); !origin.empty())
            claim += " (in " + origin + ")";
        Finding finding{*key, statement_of(location.value("json_pointer", "")), *severity, {}, claim};
        for (const auto& related : item.value("related", nlohmann::json::array())) {
            if (auto related_key = key_of(related.value("location", nlohmann::json{}), rule)) {
                finding.related.push_back(*related_key);
            }
        }
        findings.push_back(std::move(finding));
    }
    return findings;
}

// "[C2 vpc-endpoint] ..." -> "C2 vpc-endpoint": the class a false or too-severe verdict belongs to.
std::string class_of(const std::string& reason) {
    if (reason.starts_with("[")) {
        const auto end = reason.find(']');
        if (end != std::string::npos) return reason.substr(1, end - 1);
    }
    return "unclassified";
}

std::string percent(std::size_t part, std::size_t whole) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.1f %%", whole == 0 ? 0.0 : 100.0 * part / whole);
    return buffer;
}

void print_list(const std::string& title, const std::vector<std::string>& lines) {
    if (lines.empty()) return;
    std::cout << "\nFAIL: " << title << " (" << lines.size() << "):\n";
    for (const auto& line : lines) std::cout << "  " << line << "\n";
}

bool is_high(Severity severity) {
    return severity >= Severity::High;
}

int check(const std::vector<Finding>& findings, const std::map<Key, Verdict>& verdicts) {
    std::map<Key, Severity> strongest;           // per token and rule: the highest severity reported
    std::map<Key, Severity> strongest_on_token;  // per token, any rule, at it or related (rule left empty)
    std::map<std::pair<std::string, std::string>, Severity> strongest_in_statement;  // per path and statement
    for (const auto& finding : findings) {
        auto raise = [&](auto& map, const auto& key) {
            auto [it, inserted] = map.emplace(key, finding.severity);
            if (!inserted) it->second = std::max(it->second, finding.severity);
        };
        raise(strongest, finding.key);
        raise(strongest_on_token, Key{finding.key.path, finding.key.line, finding.key.column, ""});
        for (const auto& related : finding.related) {
            raise(strongest, related);
            raise(strongest_on_token, Key{related.path, related.line, related.column, ""});
        }
        if (!finding.statement.empty())
            raise(strongest_in_statement, std::pair(finding.key.path, finding.statement));
    }

    std::size_t high_total = 0, critical_total = 0, false_count = 0, false_critical = 0, too_severe = 0;
    std::size_t duplicates = 0;
    std::set<Key> seen;
    std::map<std::string, std::size_t> false_by_class;
    std::vector<std::string> unjudged, false_back, still_open;
    std::set<std::string> failing_files,
        failing_rightly;  // files --fail-on high fails; of them, on a true claim
    for (const auto& finding : findings) {
        if (!is_high(finding.severity)) continue;
        ++high_total;
        failing_files.insert(finding.key.path);
        if (finding.severity == Severity::Critical) ++critical_total;
        if (!seen.insert(finding.key).second) ++duplicates;
        const auto found = verdicts.find(finding.key);
        const std::string where = describe(finding.key) + " " + severity_name(finding.severity);
        if (found == verdicts.end()) {
            unjudged.push_back(where);
            continue;
        }
        const Verdict& verdict = found->second;
        if (verdict.judgement == Judgement::True ||
            (verdict.judgement == Judgement::TooSevere && is_high(verdict.deserved))) {
            failing_rightly.insert(finding.key.path);
        }
        if (verdict.judgement == Judgement::False || verdict.judgement == Judgement::FalseOpen) {
            ++false_count;
            if (finding.severity == Severity::Critical) ++false_critical;
            ++false_by_class[class_of(verdict.reason)];
            (verdict.judgement == Judgement::False ? false_back : still_open)
                .push_back(where + "  " + verdict.reason);
        } else if (verdict.judgement == Judgement::TooSevere && finding.severity > verdict.deserved) {
            ++too_severe;
        }
    }

    std::size_t kept_rows = 0, kept_by_other_rule = 0, true_rows = 0;
    std::vector<std::string> lost;
    std::vector<std::string> fixed_open;
    for (const auto& [key, verdict] : verdicts) {
        if (verdict.judgement == Judgement::FalseOpen && !seen.contains(key))
            fixed_open.push_back(describe(key) + ": " + verdict.reason);
        if (verdict.judgement == Judgement::False || verdict.judgement == Judgement::FalseOpen) continue;
        ++true_rows;
        const auto same_rule = strongest.find(key);
        if (same_rule != strongest.end() && same_rule->second >= verdict.deserved) {
            ++kept_rows;
            continue;
        }
        // Another rule keeps the claim in view only at the severity the verdict gives it: the judged one
        // for `true`, the deserved one for `too-severe`.
        const Severity needed = verdict.judgement == Judgement::True ? verdict.judged_at : verdict.deserved;
        const auto on_token = strongest_on_token.find(Key{key.path, key.line, key.column, ""});
        const auto in_statement = strongest_in_statement.find(std::pair(key.path, verdict.statement));
        if ((on_token != strongest_on_token.end() && on_token->second >= needed) ||
            (!verdict.statement.empty() && in_statement != strongest_in_statement.end() &&
             in_statement->second >= needed)) {
            ++kept_rows;
            ++kept_by_other_rule;
            continue;
        }
        lost.push_back(describe(key) + " judged " +
                       (verdict.judgement == Judgement::True ? "true" : "too-severe") + ", must stay at " +
                       severity_name(verdict.deserved) + " or above: " + verdict.reason);
    }

    std::cout << "Real-world corpus (tests/realworld), preset recommended\n"
              << "  high/critical findings:        " << high_total << " (critical " << critical_total << ")\n"
              << "  judged false:                  " << false_count << " ("
              << percent(false_count, high_total) << "), critical " << false_critical << " ("
              << percent(false_critical, critical_total) << ")\n"
              << "  true but too severe:           " << too_severe << " (" << percent(too_severe, high_total)
              << ")\n"
              << "  files failing --fail-on high:  " << failing_files.size() << ", " << failing_rightly.size()
              << " of them on a finding judged true at high or critical\n"
              << "  repeats on an already reported token: " << duplicates << "\n"
              << "  not judged yet:                " << unjudged.size() << "\n"
              << "  true verdicts still reported:  " << kept_rows << " of " << true_rows << " ("
              << percent(kept_rows, true_rows) << "), " << kept_by_other_rule
              << " of them by another rule on the same token or statement\n";
    if (!false_by_class.empty()) {
        std::cout << "  false high/critical findings by class:\n";
        for (const auto& [name, count] : false_by_class) std::cout << "    " << count << "\t" << name << "\n";
    }

    print_list("findings judged false are reported at high or critical", false_back);
    if (!still_open.empty()) {
        std::cout << "\nknown false findings still reported at high or critical (false-open, "
                  << still_open.size() << "):\n";
        for (const auto& line : still_open) std::cout << "  " << line << "\n";
    }
    print_list("false-open findings no longer reported at high or critical: mark them false", fixed_open);
    print_list("high/critical findings without a verdict (tests/realworld/judge.sh lists them)", unjudged);
    print_list("findings judged true are no longer reported at their severity", lost);
    const bool ok = false_back.empty() && unjudged.empty() && lost.empty() && fixed_open.empty();
    std::cout << (ok ? "\nPASS\n" : "\nFAIL\n");
    return ok ? 0 : 1;
}

// One line per token in verdicts.tsv's format, verdict and reason empty, followed by "#" lines with what
// each finding on the token claims (comments in verdicts.tsv: drop them when adding the lines).
int list_unjudged(const std::vector<Finding>& findings, const std::map<Key, Verdict>& verdicts) {
    struct Pending {
        std::string statement;
        Severity severity = Severity::High;
        std::vector<std::string> claims;
    };
    std::map<Key, Pending> pending;
    for (const auto& finding : findings) {
        if (!is_high(finding.severity) || verdicts.contains(finding.key)) continue;
        auto [it, inserted] = pending.emplace(finding.key, Pending{finding.statement, finding.severity, {}});
        it->second.severity = std::max(it->second.severity, finding.severity);
        it->second.claims.push_back(std::string(severity_name(finding.severity)) + ": " + finding.claim);
    }
    for (const auto& [key, found] : pending) {
        std::cout << key.path << '\t' << key.line << '\t' << key.column << '\t' << key.rule << '\t'
                  << found.statement << '\t' << severity_name(found.severity) << "\t\t\n";
        for (const auto& claim : found.claims) std::cout << "#   " << claim << "\n";
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    const std::vector<std::string> args(argv + 1, argv + argc);
    if (args.size() != 3 || (args[0] != "check" && args[0] != "unjudged")) {
        std::cerr << "usage: check_verdicts check|unjudged REPORT.json VERDICTS.tsv\n";
        return 2;
    }
    const auto findings = read_report(args[1]);
    const auto verdicts = read_verdicts(args[2]);
    return args[0] == "check" ? check(findings, verdicts) : list_unjudged(findings, verdicts);
}
