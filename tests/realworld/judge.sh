#!/usr/bin/env bash
# Lists the high and critical findings iamlint reports on tests/realworld that verdicts.tsv does not judge
# yet, as verdicts.tsv lines whose verdict and reason are empty, each followed by "#" lines with what the
# findings on that token say. Fill in verdict (true, false or too-severe:SEVERITY) and a one-line reason by
# AWS semantics, add the lines without the "#" ones to verdicts.tsv and keep it sorted:
#   LC_ALL=C sort -t$'\t' -k1,1 -k2,2n -k3,3n -k4,4 -o tests/realworld/verdicts.tsv tests/realworld/verdicts.tsv
# (the header line starts with "#", which sorts first). Then `ctest -R realworld` shows the new figures.
# Usage: tests/realworld/judge.sh [BUILD_DIR]   (default: build)
set -euo pipefail
cd "$(dirname "$0")/../.."
build_dir=${1:-build}
for tool in "$build_dir/iamlint" "$build_dir/tests/check_verdicts"; do
  [ -x "$tool" ] || { echo "judge.sh: $tool is missing: build first (cmake --build $build_dir)" >&2; exit 2; }
done
report=$(mktemp)
trap 'rm -f "$report"' EXIT
"$build_dir/iamlint" --preset recommended --format json tests/realworld >"$report" || [ $? -eq 1 ]
"$build_dir/tests/check_verdicts" unjudged "$report" tests/realworld/verdicts.tsv
