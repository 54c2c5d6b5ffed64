#!/usr/bin/env bash
# Validates SARIF files with the offline validator of tools/sarif-validator/: validate-sarif.sh (the
# OASIS SARIF 2.1.0 schema and GitHub code scanning's ingestion rules), then the schema check that
# GitHub's upload action itself runs (validate-like-upload-sarif.cjs). The validator runs from a copy in
# the build tree with its npm dependencies installed; the copy is refreshed whenever the source changes.
#
# Usage: tests/validate_sarif.sh [--work-dir DIR] file.sarif...
#   DIR defaults to $IAMLINT_SARIF_WORK_DIR, else <repo>/build/sarif-validator.
# Exit status: 0 every file passes, 1 a file fails, 2 usage or setup error, 77 the npm dependencies
# cannot be installed (no registry; with IAMLINT_REQUIRE_DATA=1 that is an error, 2).
set -euo pipefail

repo_root=$(cd "$(dirname "$0")/.." && pwd)
validator_source="$repo_root/tools/sarif-validator"
work_dir=${IAMLINT_SARIF_WORK_DIR:-$repo_root/build/sarif-validator}

usage() {
    echo "usage: $0 [--work-dir DIR] file.sarif..." >&2
    exit 2
}

if [ "${1:-}" = "--work-dir" ]; then
    [ $# -ge 2 ] || usage
    work_dir=$2
    shift 2
fi
[ $# -ge 1 ] || usage
[ -d "$validator_source" ] || { echo "$0: validator not found: $validator_source" >&2; exit 2; }

# Every file must exist before anything is installed, so a typo fails fast.
for file in "$@"; do
    [ -r "$file" ] || { echo "$0: cannot read $file" >&2; exit 2; }
done

prepare_validator() {
    mkdir -p "$work_dir"
    # The validator's own files only: node_modules of the copy stays.
    for source in "$validator_source"/*; do
        local target
        target="$work_dir/$(basename "$source")"
        if ! cmp -s "$source" "$target"; then
            rm -f "$target"
            cp "$source" "$target"
            chmod u+w "$target"
        fi
    done
    # Reinstall when the lock file differs from the one the current node_modules came from.
    if [ ! -x "$work_dir/node_modules/.bin/ajv" ] ||
        ! cmp -s "$work_dir/package-lock.json" "$work_dir/node_modules/.installed-package-lock.json"; then
        echo "$0: installing the SARIF validator's dependencies in $work_dir" >&2
        if ! (cd "$work_dir" && npm ci --no-fund --no-audit >&2); then
            [ "${IAMLINT_REQUIRE_DATA:-}" = 1 ] && return 1
            echo "$0: skipped: npm could not install the validator's dependencies" >&2
            exit 77
        fi
        cp "$work_dir/package-lock.json" "$work_dir/node_modules/.installed-package-lock.json"
    fi
}

# ctest may run several validations at once; only one of them may install.
mkdir -p "$work_dir"
if command -v flock >/dev/null; then
    exec {lock_fd}>"$work_dir/.lock"
    flock "$lock_fd"
fi
prepare_validator || { echo "$0: could not set up the validator in $work_dir" >&2; exit 2; }
if [ -n "${lock_fd:-}" ]; then exec {lock_fd}>&-; fi

status=0
"$work_dir/validate-sarif.sh" "$@" || status=$?
node "$work_dir/validate-like-upload-sarif.cjs" "$work_dir/codeql-action-sarif-schema-2.1.0.json" "$@" ||
    { [ "$status" -ne 0 ] || status=1; }
exit "$status"
