#!/usr/bin/env bash
# Regenerates the golden reports of examples/ after a deliberate change: review the diff before committing.
# Usage: tests/golden/update.sh [IAMLINT]   (default build/iamlint)
set -euo pipefail
cd "$(dirname "$0")/../.."
iamlint=${1:-build/iamlint}
for format in text json sarif; do
  ext=$format; [ "$format" = text ] && ext=txt
  "$iamlint" --format "$format" --color never examples/ >"tests/golden/examples.$ext" || [ $? -eq 1 ]
done
git diff --stat -- tests/golden/ || true
