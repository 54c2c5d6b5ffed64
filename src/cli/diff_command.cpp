// `iamlint diff OLD NEW`, `iamlint diff --base-ref REF [PATHS]` and `iamlint check-access`: lint runs
// of one rule each (IAM501 with the old versions of the files, IAM502 with the forbidden access).
#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>

#include "cli.hpp"
#include "iamlint/access_diff.hpp"
#include "iamlint/loader.hpp"
#include "iamlint/log.hpp"

namespace iamlint::cli {

namespace fs = std::filesystem;

namespace {

// The old version of each new file, read before the run; IAM501 asks it for each policy and principal.
class LoadedPreviousVersions final : public PreviousVersions {
public:
    explicit LoadedPreviousVersions(bool per_principal) : per_principal_(per_principal) {}

    void add(const std::string& new_path, std::optional<LoadedFile> old_file, bool new_is_dump) {
        files_[new_path] = Pair{std::move(old_file), new_is_dump};
    }

    std::optional<std::vector<const PolicyDocument*>> before(const PolicyDocument& after) const override {
        std::vector<const PolicyDocument*> olds;
        const auto it = files_.find(after.path());
        if (it == files_.end()) return olds;  // a file without an old version is new
        if (per_principal_ && it->second.new_is_dump) return std::nullopt;
        if (!it->second.old) return olds;
        const std::string key = stable_policy_key(after);
        for (const PolicyDocument& document : it->second.old->documents) {
            if (stable_policy_key(document) == key) olds.push_back(&document);
        }
        return olds;
    }

    std::optional<std::vector<const PolicyDocument*>> before(const PrincipalContext& after) const override {
        if (!per_principal_ || after.policies.empty()) return std::nullopt;
        const auto it = files_.find(after.policies.front()->path());
        if (it == files_.end() || !it->second.new_is_dump) return std::nullopt;
        std::vector<const PolicyDocument*> olds;
        if (!it->second.old) return olds;
        const LoadedFile& old_file = *it->second.old;
        for (const PrincipalPolicySet& set : old_file.principal_sets) {
            if (to_string(set.type) != after.type || set.name != after.name) continue;
            for (std::size_t index : set.documents) {
                if (index < old_file.documents.size()) olds.push_back(&old_file.documents[index]);
            }
        }
        return olds;
    }

private:
    struct Pair {
        std::optional<LoadedFile> old;
        bool new_is_dump = false;
    };
    bool per_principal_;
    std::map<std::string, Pair> files_;
};

// The old versions' loader warnings repeat the new files' ("a managed policy that the dump does not
// hold"): only errors are shown while they are read.
class QuietLoading {
public:
    QuietLoading() : level_(log::shown_from()) { log::show_from(std::max(level_, log::Level::Error)); }
    ~QuietLoading() { log::show_from(level_); }
    QuietLoading(const QuietLoading&) = delete;
    QuietLoading& operator=(const QuietLoading&) = delete;

private:
    log::Level level_;
};

LoadOptions load_options(const LintConfig& config, bool named) {
    LoadOptions options;
    options.forced_kind = config.policy_kind;
    options.format = config.input_format;
    options.named = named;
    return options;
}

bool is_dump(const InputFile& input, const LintConfig& config) {
    ReadResult read = read_file(input.path, config.max_file_bytes);
    return read.text &&
           load_file(input.display_path, std::move(*read.text), load_options(config, input.named)).format ==
               InputFormat::AuthorizationDetails;
}

int run_with_previous(LintConfig config, const PreviousVersions& previous, std::ostream& out) {
    // A new version that does not parse, or is not shaped as a policy, grants what AWS makes of it, which
    // the comparison cannot tell: those findings, not a silent pass.
    config.only_rules = {"IAM001", "IAM003", "IAM501"};
    config.settings.previous = &previous;
    return run_lint(config, out);
}

}  // namespace

int run_diff(LintConfig config, const DiffConfig& diff, std::ostream& out) {
    LoadedPreviousVersions previous(diff.per_principal);
    std::optional<QuietLoading> quiet(std::in_place);
    if (diff.base_ref.empty()) {
        if (diff.paths.size() != 2)
            throw UsageError("diff takes OLD and NEW (two files or two folders), or --base-ref REF [PATHS]");
        const fs::path old_root = diff.paths[0];
        const fs::path new_root = diff.paths[1];
        std::error_code ec;
        if (!fs::exists(old_root, ec))
            throw UsageError("cannot read " + diff.paths[0] + ": No such file or directory");
        if (fs::is_directory(old_root, ec) != fs::is_directory(new_root, ec))
            throw UsageError("diff compares two files or two folders: " + diff.paths[0] + " and " +
                             diff.paths[1] + " are not of the same sort");
        const Discovery found =
            discover_inputs({diff.paths[1]}, config.include, config.exclude, config.output);
        for (const InputFile& input : found.files) {
            // The old file at the same place under OLD (the file itself when two files are compared).
            const fs::path old_path = fs::is_directory(new_root, ec)
                                          ? old_root / input.path.lexically_relative(new_root)
                                          : old_root;
            std::optional<LoadedFile> old_file;
            if (fs::is_regular_file(old_path, ec)) {
                ReadResult read = read_file(old_path, config.max_file_bytes);
                if (!read.text) throw UsageError("cannot read " + old_path.string() + ": " + read.error);
                old_file =
                    load_file(old_path.string(), std::move(*read.text), load_options(config, input.named));
            }
            previous.add(input.display_path, std::move(old_file),
                         diff.per_principal && is_dump(input, config));
        }
        config.paths = {diff.paths[1]};
        quiet.reset();
        return run_with_previous(std::move(config), previous, out);
    }

    config.paths = diff.paths.empty() ? std::vector<std::string>{"."} : diff.paths;
    check_git_revision(diff.base_ref);
    const Discovery found = discover_inputs(config.paths, config.include, config.exclude, config.output);
    for (const InputFile& input : found.files) {
        if (input.from_stdin) throw UsageError("diff --base-ref reads files, not standard input");
        std::optional<LoadedFile> old_file;
        if (std::optional<std::string> text = git_show(diff.base_ref, input.path)) {
            old_file = load_file(input.display_path, std::move(*text), load_options(config, input.named));
        } else {
            log::debug("{} is not in {}: every policy in it is new", input.display_path, diff.base_ref);
        }
        previous.add(input.display_path, std::move(old_file), diff.per_principal && is_dump(input, config));
    }
    quiet.reset();
    return run_with_previous(std::move(config), previous, out);
}

int run_check_access(LintConfig config, const ForbiddenAccess& forbidden, std::ostream& out) {
    const Catalog& catalog = Catalog::builtin();
    for (const std::string& action : forbidden.actions) {
        std::vector<const Action*> matched;
        catalog.expand(action, matched);
        if (matched.empty() && action != "*")
            throw UsageError("--action " + action +
                             " matches no action of the AWS catalog (iamlint expand lists them)");
    }
    config.only_rules = {"IAM502"};
    config.settings.forbidden_access = {forbidden};
    return run_lint(config, out);
}

}  // namespace iamlint::cli
