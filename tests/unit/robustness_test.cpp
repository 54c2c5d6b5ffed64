// Whatever the input, iamlint reports and goes on: each odd input below is loaded as the CLI loads a
// file, analysed by every rule and written by every reporter, and gets a finding with its exact
// position (or, for what cannot be read, an error naming it).
#include <sys/stat.h>
#include <unistd.h>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "cli.hpp"
#include "iamlint/catalog.hpp"
#include "iamlint/engine.hpp"
#include "iamlint/loader.hpp"
#include "iamlint/report.hpp"
#include "iamlint/text_decoding.hpp"
#include "test_support.hpp"

using namespace iamlint;
using namespace std::string_literals;
namespace fs = std::filesystem;

namespace {

struct Linted {
    LoadedFile loaded;
    std::vector<Finding> findings;
    std::string text_report;
};

// Load, every rule, every reporter: the JSON and SARIF reports must stay valid JSON.
Linted lint(std::string bytes, std::string path = "odd.json") {
    static const Engine engine = [] {
        RuleSelection every;
        every.preset = "all";
        return Engine(select_rules(every), Catalog::builtin());
    }();
    Linted result{load_file(std::move(path), std::move(bytes), {}), {}, {}};
    for (const auto& document : result.loaded.documents) engine.analyze(document, result.findings);
    std::sort(result.findings.begin(), result.findings.end(), finding_order);
    Report report;
    report.findings = result.findings;
    report.files_analyzed = 1;
    report.policies_analyzed = result.loaded.documents.size();
    const auto source = result.loaded.source;
    report.source_line = [source](const std::string&, std::uint32_t line) -> std::optional<std::string_view> {
        if (line == 0 || line > source->line_count()) return std::nullopt;
        return source->line_text(line);
    };
    for (ReportFormat format : {ReportFormat::Text, ReportFormat::Json, ReportFormat::Sarif}) {
        std::ostringstream out;
        make_reporter(format, {})->write(report, out);
        if (format == ReportFormat::Text) {
            result.text_report = out.str();
        } else {
            CHECK(nlohmann::json::accept(out.str()));
        }
    }
    for (const auto& finding : result.findings) CHECK_FALSE(finding.internal_error);
    return result;
}

std::string at(const SourceRange& r) {
    return std::to_string(r.line) + ":" + std::to_string(r.column) + "-" + std::to_string(r.end_line) + ":" +
           std::to_string(r.end_column);
}

// "IAM001 1:1-1:1 message" for each finding, to compare whole results at once.
// The findings of the rules whose positions these tests check; IAM301 (privilege escalation) also
// reports a full-admin statement, at the same token, and says nothing more about positions.
std::vector<std::string> described(const std::vector<Finding>& findings) {
    std::vector<std::string> out;
    for (const auto& f : findings) {
        if (f.rule_id != "IAM301") out.push_back(f.rule_id + " " + at(f.location.range) + " " + f.message);
    }
    return out;
}

const std::string kAdmin =
    "{\r\n \"Version\": \"2012-10-17\",\r\n"
    " \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}]\r\n}\r\n";
// Where "*" of Action is in kAdmin, and the finding on it.
const std::string kAdminFinding =
    "IAM201 3:46-3:49 \"Action\": \"*\" on every resource grants full administrator access";

std::string utf16(std::string_view ascii, bool little_endian) {
    std::string out;
    for (char c : ascii) {
        out += little_endian ? c : '\0';
        out += little_endian ? '\0' : c;
    }
    return out;
}

}  // namespace

TEST_CASE("an empty file is invalid JSON at 1:1", "[robustness]") {
    CHECK(
        described(lint("").findings) ==
        std::vector<std::string>{"IAM001 1:1-1:1 invalid JSON: syntax error while parsing value - unexpected "
                                 "end of input; expected '[', '{', or a literal"});
    CHECK(described(lint("\n\n  ").findings).at(0).starts_with("IAM001 3:3-3:3 invalid JSON"));
}

TEST_CASE("a top-level array or scalar parses, builds no statements and is reported by IAM003",
          "[robustness]") {
    for (const std::string text : {"[{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}]",
                                   "\"*\"", "42", "null", "true"}) {
        auto linted = lint(text);
        const auto& document = linted.loaded.documents.at(0);
        CHECK_FALSE(document.syntax->error);
        CHECK(document.policy.statements.empty());
        // Nothing else may flag the array's statement as if it were a policy.
        for (const auto& f : linted.findings) CHECK(f.rule_id == "IAM003");
        // IAM003 invalid-structure is written in parallel (grammar rules): once it is registered, it
        // must report such a file at the root value.
        if (find_rule("IAM003") != nullptr) {
            REQUIRE(linted.findings.size() == 1);
            CHECK(linted.findings[0].location.range.line == 1);
            CHECK(linted.findings[0].location.range.column == 1);
        } else {
            WARN("IAM003 is not registered on this branch: only 'no other finding' is checked for " + text);
        }
    }
}

TEST_CASE("100,000 levels of nesting are an error at the level past the limit, in every path",
          "[robustness]") {
    const std::string arrays = std::string(100000, '[') + std::string(100000, ']');
    CHECK(described(lint(arrays).findings) ==
          std::vector<std::string>{"IAM001 1:513-1:514 invalid JSON: nesting deeper than 512 levels"});
    std::string objects;
    for (int i = 0; i < 100000; ++i) objects += "{\"a\":";
    CHECK(described(lint(objects).findings) ==
          std::vector<std::string>{"IAM001 1:2561-1:2562 invalid JSON: nesting deeper than 512 levels"});
    // Just within the limit, inside a Condition, every rule walks it without trouble.
    std::string condition =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
        "\"Resource\":\"arn:aws:s3:::b/*\",\"Condition\":{\"StringEquals\":{\"s3:prefix\":";
    condition += std::string(500, '[') + "\"x\"" + std::string(500, ']') + "}}}]}";
    auto within = lint(condition);
    CHECK_FALSE(within.loaded.documents.at(0).syntax->error);
}

TEST_CASE("invalid UTF-8 is invalid JSON at the broken sequence, and every report stays valid UTF-8",
          "[robustness]") {
    auto inside = lint("{\"Version\": \"2012-10-17\",\n \"Statement\": [{\"Sid\": \"Jos\xE9\"}]}");
    CHECK(
        described(inside.findings) ==
        std::vector<std::string>{"IAM001 2:28-2:29 invalid JSON: syntax error while parsing value - invalid "
                                 "string: ill-formed UTF-8 byte; last read: '\"Jos\xE9\"'"});
    auto outside = lint("{\"Version\": \"2012-10-17\" \xC3\xA9\xFF}");
    REQUIRE(outside.findings.size() == 1);
    CHECK(outside.findings[0].rule_id == "IAM001");
    CHECK(at(outside.findings[0].location.range) == "1:26-1:27");
}

TEST_CASE("a UTF-8 byte order mark takes no column", "[robustness]") {
    CHECK(described(lint("\xEF\xBB\xBF" + kAdmin).findings) == std::vector<std::string>{kAdminFinding});
}

TEST_CASE("CRLF line endings keep lines and columns right, and the shown line has no CR", "[robustness]") {
    auto linted = lint(kAdmin);
    CHECK(described(linted.findings) == std::vector<std::string>{kAdminFinding});
    CHECK(linted.loaded.source->line_text(3).back() == ']');
    CHECK(linted.text_report.find('\r') == std::string::npos);
}

TEST_CASE("UTF-16 and UTF-32 are decoded: positions are those of the text", "[robustness][encoding]") {
    SECTION("UTF-16LE and UTF-16BE with a byte order mark") {
        CHECK(described(lint("\xFF\xFE" + utf16(kAdmin, true)).findings) ==
              std::vector<std::string>{kAdminFinding});
        CHECK(described(lint("\xFE\xFF" + utf16(kAdmin, false)).findings) ==
              std::vector<std::string>{kAdminFinding});
    }
    SECTION("without a byte order mark, by the zero bytes of ASCII text (RFC 4627)") {
        CHECK(described(lint(utf16(kAdmin, true)).findings) == std::vector<std::string>{kAdminFinding});
        CHECK(described(lint(utf16(kAdmin, false)).findings) == std::vector<std::string>{kAdminFinding});
    }
    SECTION("a surrogate pair is one code point, one column") {
        // {"Sid": "😀", "x": 1} in UTF-16LE: U+1F600 is D83D DE00.
        std::string text =
            "\xFF\xFE" + utf16("{\"Sid\": \"", true) + "\x3D\xD8\x00\xDE"s + utf16("\", \"x\": 1}", true);
        SourceFile source("s.json", text);
        CHECK(source.encoding() == TextEncoding::Utf16LE);
        CHECK_FALSE(source.decoding_error());
        auto doc = parse_json(source);
        REQUIRE_FALSE(doc.error);
        CHECK(doc.root.find("Sid")->value.text == "\xF0\x9F\x98\x80");
        CHECK(at(source.range(doc.root.find("x")->value.range)) == "1:19-1:20");
    }
    SECTION("UTF-32 with a byte order mark") {
        std::string le = "\xFF\xFE\x00\x00"s, be = "\x00\x00\xFE\xFF"s;
        for (char c : kAdmin) {
            le += std::string{c, '\0', '\0', '\0'};
            be += std::string{'\0', '\0', '\0', c};
        }
        CHECK(described(lint(le).findings) == std::vector<std::string>{kAdminFinding});
        CHECK(described(lint(be).findings) == std::vector<std::string>{kAdminFinding});
    }
    SECTION("invalid UTF-16 is invalid JSON at the bad code unit") {
        const std::string before = "\xFF\xFE" + utf16("{\n \"Sid\": \"ab", true);
        CHECK(described(lint(before + "\x00\xD8"s + utf16("\"}", true)).findings) ==
              std::vector<std::string>{
                  "IAM001 2:12-2:13 invalid JSON: invalid UTF-16LE: high surrogate D800 without a low "
                  "surrogate after it"});
        CHECK(described(lint(before + "\x00\xDC"s + utf16("\"}", true)).findings) ==
              std::vector<std::string>{
                  "IAM001 2:12-2:13 invalid JSON: invalid UTF-16LE: low surrogate DC00 without a high "
                  "surrogate before it"});
        // A high surrogate as the last code unit, and a byte left over.
        CHECK(described(lint(before + "\x00\xD8"s).findings).at(0).starts_with("IAM001 2:12-2:13"));
        CHECK(described(lint("\xFE\xFF" + utf16("{}", false) + "\x00"s).findings) ==
              std::vector<std::string>{"IAM001 1:3-1:4 invalid JSON: invalid UTF-16BE: the text ends in the "
                                       "middle of a code unit (5 bytes, not a multiple of 2)"});
        // The line is shown with U+FFFD where the bad unit was.
        auto linted = lint(before + "\x00\xD8"s + utf16("\"}", true));
        CHECK(linted.loaded.source->line_text(2) == " \"Sid\": \"ab\xEF\xBF\xBD\"}");
    }
    SECTION("UTF-32 beyond U+10FFFF") {
        std::string text = "\x00\x00\xFE\xFF"s + std::string{'\0', '\0', '\0', '['} + "\x00\x11\x00\x00"s;
        CHECK(described(lint(text).findings) ==
              std::vector<std::string>{
                  "IAM001 1:2-1:3 invalid JSON: invalid UTF-32BE: 110000 is not a Unicode scalar value"});
    }
}

TEST_CASE("the UTF-16LE Terraform plan that Windows PowerShell wrote (BOM, CRLF) reads as JSON",
          "[robustness][encoding][corpus]") {
    const fs::path plan = fs::path(IAMLINT_CORPUS_DIR) /
                          "terraform-plan/checkov/tests/terraform/runner/resources/"
                          "plan_with_utf_16_encoding/tfplan.json";
    if (!fs::exists(plan)) {
        WARN("corpus not found: " + plan.string());
        return;
    }
    auto read = read_file(plan);
    REQUIRE(read.text);
    SourceFile source(plan.string(), *read.text);
    CHECK(source.encoding() == TextEncoding::Utf16LE);
    CHECK(source.text().size() == 6961);  // 13,924 bytes: a byte order mark and 6,961 ASCII code units
    auto doc = parse_json(source);
    REQUIRE_FALSE(doc.error);
    // Checked by hand against the file decoded with Python: line 3 is `  "terraform_version": "1.0.5",`.
    const auto* version = doc.root.find("terraform_version");
    REQUIRE(version);
    CHECK(at(source.range(version->key_range)) == "3:3-3:22");
    CHECK(at(source.range(version->value.range)) == "3:24-3:31");
    CHECK(source.line_text(3) == "  \"terraform_version\": \"1.0.5\",");
}

TEST_CASE("NUL bytes are invalid JSON where they stand", "[robustness]") {
    CHECK(described(lint(std::string("\0{}", 3)).findings).at(0).starts_with("IAM001 1:1-1:2 invalid JSON"));
    CHECK(described(lint(std::string("{\"Version\": \"2012-10-17\"}\0\0", 27)).findings) ==
          std::vector<std::string>{
              "IAM001 1:26-1:27 invalid JSON: syntax error - a NUL byte after the end of the JSON document"});
    CHECK(described(lint(std::string("{\"Sid\": \"a\0b\"}", 14)).findings)
              .at(0)
              .starts_with("IAM001 1:11-1:12"));
}

TEST_CASE("an extremely long string is analysed, and the text report shows a window of its line",
          "[robustness]") {
    // Every step is linear in the line's length (a quadratic one would take hours: ctest's timeout
    // catches that; speed itself is measured in bench/).
    const std::string sid(20'000'000, 'a');
    auto linted = lint("{\"Version\": \"2012-10-17\", \"Statement\": [{\"Sid\": \"" + sid +
                       "\", \"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}]}");
    const auto admin = std::find_if(linted.findings.begin(), linted.findings.end(),
                                    [](const Finding& f) { return f.rule_id == "IAM201"; });
    REQUIRE(admin != linted.findings.end());
    CHECK(at(admin->location.range) == "1:20000082-1:20000085");
    // Three findings (IAM201, IAM301 at the "*", IAM014 on the size), each with a window of the line.
    CHECK(linted.text_report.size() < 6000);
}

TEST_CASE("inputs over the size limit are not read: an error that names the limit", "[robustness][read]") {
    const fs::path dir = test::scratch_dir("robustness-read");
    fs::create_directories(dir);
    const std::uint64_t limit = 64 * 1024;
    std::ofstream(dir / "at-limit.json") << std::string(limit, ' ');
    std::ofstream(dir / "over-limit.json") << std::string(limit + 1, ' ');

    auto at_limit = read_file(dir / "at-limit.json", limit);
    REQUIRE(at_limit.text);
    CHECK(at_limit.text->size() == limit);
    auto over = read_file(dir / "over-limit.json", limit);
    CHECK_FALSE(over.text);
    CHECK(over.too_large);
    CHECK(over.error == "larger than the 65536 bytes that iamlint reads from one input");

    // Standard input and devices have no size: the read stops at the limit.
    std::istringstream big(std::string(3 * limit, 'x'));
    auto stream = read_stream(big, limit);
    CHECK_FALSE(stream.text);
    CHECK(stream.too_large);
    std::istringstream small("{}");
    CHECK(read_stream(small, limit).text == "{}");
    if (fs::exists("/dev/zero")) {
        auto zero = read_file("/dev/zero", 4 * 1024 * 1024);
        CHECK(zero.too_large);
        CHECK(zero.error == "larger than the 4 MiB that iamlint reads from one input");
    }
    fs::remove_all(dir);
}

TEST_CASE("a folder where a file is expected, and a missing file, are read errors", "[robustness][read]") {
    auto folder = read_file(fs::temp_directory_path());
    CHECK_FALSE(folder.text);
    CHECK(folder.error == "is a directory");
    auto missing = read_file(fs::temp_directory_path() / "iamlint-no-such-file.json");
    CHECK_FALSE(missing.text);
    CHECK(missing.error == "No such file or directory");
}

TEST_CASE("a folder walk reports link loops, broken links and special files by path and goes on",
          "[robustness][discover]") {
    const fs::path root = test::scratch_dir("robustness-walk");
    fs::create_directories(root / "sub");
    for (const char* file : {"a.json", "sub/b.json"}) std::ofstream(root / file) << "{}";
    fs::create_symlink("loop2.json", root / "loop1.json");  // a loop of file links
    fs::create_symlink("loop1.json", root / "loop2.json");
    fs::create_symlink("d2", root / "d1");  // a loop of links with names the globs do not take
    fs::create_symlink("d1", root / "d2");
    fs::create_symlink("nowhere.json", root / "dangling.json");
    fs::create_directory_symlink("..", root / "sub" / "up");  // a link to a folder: not followed
    fs::create_directory_symlink("sub", root / "folder.json");
    // The walk never opens what it finds, so a FIFO cannot make it hang.
    REQUIRE(::mkfifo((root / "fifo.json").c_str(), 0600) == 0);

    auto found = cli::discover_inputs({root.string()}, {"*.json"}, {});
    std::vector<std::string> files, errors, skipped;
    auto relative = [&](const std::string& path) { return path.substr(root.string().size() + 1); };
    for (const auto& f : found.files) files.push_back(relative(f.display_path));
    for (const auto& e : found.errors) errors.push_back(relative(e));
    for (const auto& s : found.skipped) skipped.push_back(relative(s));
    CHECK(files == std::vector<std::string>{"a.json", "sub/b.json"});
    CHECK(errors == std::vector<std::string>{
                        "dangling.json: a broken symbolic link: No such file or directory",
                        "fifo.json: not a regular file (a FIFO), not read",
                        "loop1.json: a loop of symbolic links: Too many levels of symbolic links",
                        "loop2.json: a loop of symbolic links: Too many levels of symbolic links",
                    });
    CHECK(skipped == std::vector<std::string>{
                         "d1 (a loop of symbolic links: Too many levels of symbolic links)",
                         "d2 (a loop of symbolic links: Too many levels of symbolic links)",
                         "folder.json/ (a link to a folder, not followed)",
                         "sub/up/ (a link to a folder, not followed)",
                     });

    // Named on the command line, a loop is an error too; the other paths are still taken.
    auto named =
        cli::discover_inputs({(root / "loop1.json").string(), (root / "a.json").string()}, {"*.json"}, {});
    CHECK(named.files.size() == 1);
    REQUIRE(named.errors.size() == 1);
    CHECK_THAT(named.errors[0], Catch::Contains("loop1.json: Too many levels of symbolic links"));
    fs::remove_all(root);
}

TEST_CASE("an unreadable folder in a walk is an error naming it; its siblings are still taken",
          "[robustness][discover]") {
    if (::geteuid() == 0) {
        // Root reads whatever the permissions say; tests/cli/cli_test.sh (robust-unreadable) runs this
        // case as an unprivileged user through setpriv instead.
        WARN("running as root: permissions cannot make a folder unreadable here");
        return;
    }
    const fs::path root = test::scratch_dir("robustness-locked");
    fs::create_directories(root / "locked");
    std::ofstream(root / "a.json") << "{}";
    std::ofstream(root / "locked" / "b.json") << "{}";
    fs::permissions(root / "locked", fs::perms::none);
    auto found = cli::discover_inputs({root.string()}, {"*.json"}, {});
    fs::permissions(root / "locked", fs::perms::owner_all);
    REQUIRE(found.files.size() == 1);
    REQUIRE(found.errors.size() == 1);
    CHECK(found.errors[0] == (root / "locked").string() + ": Permission denied");
    fs::remove_all(root);
}
