// The old version of a file from git, for `iamlint diff --base-ref`: the one place iamlint runs
// another program.
#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>

#include "cli.hpp"

#ifdef _WIN32
#define IAMLINT_POPEN _popen
#define IAMLINT_PCLOSE _pclose
#else
#include <sys/wait.h>
#define IAMLINT_POPEN popen
#define IAMLINT_PCLOSE pclose
#endif

namespace iamlint::cli {

namespace {

// One argument for the shell, quoted so that nothing in it is interpreted.
std::string shell_quoted(std::string_view text) {
#ifdef _WIN32
    std::string out = "\"";
    for (char c : text) {
        if (c == '"') out += '\\';
        out += c;
    }
    return out + "\"";
#else
    std::string out = "'";
    for (char c : text) {
        if (c == '\'') {
            out += "'\\''";
        } else {
            out += c;
        }
    }
    return out + "'";
#endif
}

struct CommandResult {
    bool ran = false;
    int status = -1;  // the exit status; 0 is success
    std::string output;
};

CommandResult run_command(const std::string& command) {
    CommandResult result;
#ifdef _WIN32
    std::FILE* pipe = IAMLINT_POPEN((command + " 2>NUL").c_str(), "r");
#else
    std::FILE* pipe = IAMLINT_POPEN((command + " 2>/dev/null").c_str(), "r");
#endif
    if (pipe == nullptr) return result;
    char buffer[65536];
    for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;)
        result.output.append(buffer, n);
    const int status = IAMLINT_PCLOSE(pipe);
    result.ran = true;
#ifdef _WIN32
    result.status = status;
#else
    result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
#endif
    return result;
}

}  // namespace

void check_git_revision(const std::string& ref) {
    const CommandResult inside = run_command("git rev-parse --is-inside-work-tree");
    if (!inside.ran || inside.status == 127)
        throw UsageError("diff --base-ref needs git, which could not be run");
    if (inside.status != 0)
        throw UsageError("diff --base-ref needs a git repository: the current folder is not in one");
    const CommandResult verified =
        run_command("git rev-parse --verify --quiet " + shell_quoted(ref + "^{commit}"));
    if (verified.status != 0)
        throw UsageError("diff --base-ref: '" + ref + "' is not a commit of this repository");
}

std::optional<std::string> git_show(const std::string& ref, const std::filesystem::path& path) {
    // "REF:./path" is relative to the current folder, wherever it is in the repository.
    std::error_code ec;
    std::filesystem::path relative = std::filesystem::proximate(path, ec);
    if (ec) relative = path;
    const std::string object = ref + ":./" + relative.generic_string();
    if (run_command("git cat-file -e " + shell_quoted(object)).status != 0)
        return std::nullopt;  // not in REF
    CommandResult shown = run_command("git cat-file -p " + shell_quoted(object));
    if (shown.status != 0) throw UsageError("cannot read " + object + " from git");
    return std::move(shown.output);
}

}  // namespace iamlint::cli
