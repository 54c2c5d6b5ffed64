// The formats that hold policies, as load_file sees them: each says whether a parsed file is one of its
// kind and pulls out the policies. One table, in src/loaders/load_file.cpp, lists them in the order
// their recognizers are tried.
#pragma once

#include <memory>
#include <vector>

#include "iamlint/json.hpp"
#include "iamlint/loader.hpp"
#include "iamlint/model.hpp"
#include "iamlint/source.hpp"

namespace iamlint::loaders {

struct LoadInput {
    std::shared_ptr<const SourceFile> source;
    std::shared_ptr<const JsonDocument> syntax;  // the whole file, parsed without error
    const LoadOptions& options;
};

struct FormatLoader {
    InputFormat format;
    bool (*recognizes)(const JsonValue& root);
    // Appends one PolicyDocument per policy in the file to out.documents (and what else the format
    // knows: unknown policies, principal sets). Each document's `syntax` holds only the duplicate keys
    // inside its policy, so that per-document rules see only their policy; its root is that policy,
    // in `syntax`'s tree or in the file's (`enclosing`). Positions stay those of the file. For a policy
    // parsed from a JSON string (embedded_policy.hpp) the file's text at those positions is escaped
    // (\"s3:*\"), or URL-encoded: what a policy says is in the tree, never in the source text.
    void (*load)(const LoadInput& input, LoadedFile& out);
};

// The formats, one file each.
bool is_policy(const JsonValue& root);
void load_policy(const LoadInput& input, LoadedFile& out);
// Stricter than is_policy, for files found in a folder: an object with a Statement (or a statement's
// Effect and Action, or IAM's Version), an object mapping names to such policies, or an array of
// statement-shaped objects. A top-level array of anything else (parameter files, test events) or a
// scalar is not a policy there.
bool looks_like_policy(const JsonValue& root);
bool is_terraform_plan(const JsonValue& root);
void load_terraform_plan(const LoadInput& input, LoadedFile& out);
bool is_authorization_details(const JsonValue& root);
void load_authorization_details(const LoadInput& input, LoadedFile& out);
bool is_cli_output(const JsonValue& root);
void load_cli_output(const LoadInput& input, LoadedFile& out);

}  // namespace iamlint::loaders
