#!/usr/bin/env bash
# The realworld.verdicts test: runs iamlint on tests/realworld as a new user would (preset recommended) and
# holds its JSON report to the judged verdicts in tests/realworld/verdicts.tsv (see docs/precision.md).
# Usage: check.sh IAMLINT SOURCE_DIR CHECK_VERDICTS
set -uo pipefail
iamlint=$1
source_dir=$2
checker=$3
report=$(mktemp)
trap 'rm -f "$report"' EXIT
cd "$source_dir" || exit 2
"$iamlint" --preset recommended --format json tests/realworld >"$report"
status=$?
# 0: no finding at --fail-on's level, 1: findings; anything else is an error of the run itself.
if [ "$status" -gt 1 ]; then
  echo "FAIL: iamlint exited with status $status on tests/realworld"
  exit 1
fi
"$checker" check "$report" tests/realworld/verdicts.tsv
