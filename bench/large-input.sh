#!/usr/bin/env bash
# Time and peak memory of iamlint on one large policy (default 100 MB): statements of a realistic shape
# (two actions, an ARN, a condition), one per line. GNU time -v gives wall time and maximum RSS.
# Usage: bench/large-input.sh [SIZE_MB] [IAMLINT]   (default 100 and build/iamlint, a Release build)
set -euo pipefail
cd "$(dirname "$0")/.."
size_mb=${1:-100}
iamlint=${2:-build/iamlint}
if [ ! -x /usr/bin/time ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get install -y -qq time >/dev/null
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
policy="$work/large.json"

awk -v bytes=$((size_mb * 1024 * 1024)) 'BEGIN {
  printf "{\"Version\": \"2012-10-17\", \"Statement\": [\n"
  size = 45
  for (i = 0; size < bytes; i++) {
    line = sprintf("  %s{\"Sid\": \"S%d\", \"Effect\": \"Allow\", \"Action\": [\"s3:GetObject\", \"s3:PutObject\"], " \
                   "\"Resource\": [\"arn:aws:s3:::bucket-%d/*\"], " \
                   "\"Condition\": {\"StringEquals\": {\"aws:PrincipalAccount\": \"123456789012\"}}}\n",
                   i == 0 ? "" : ",", i, i)
    printf "%s", line
    size += length(line)
  }
  printf "]}\n"
  print i > "/dev/stderr"
}' >"$policy" 2>"$work/statements"

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1 /proc/loadavg)"
echo "iamlint: $("$iamlint" --version)"
echo "input:   $(wc -c <"$policy") bytes, $(cat "$work/statements") statements"
/usr/bin/time -v "$iamlint" --fail-on never --max-file-size $((size_mb + 1)) "$policy" >"$work/out" 2>"$work/time" || true
tail -1 "$work/out"
grep -E "Elapsed \(wall clock\)|Maximum resident set size|User time|System time|Exit status" "$work/time"
