#!/usr/bin/env bash
# Whole-process benchmark of iamlint: start-up plus the real work, as a user sees it. Every input is
# also read by Python's json.load in the same run, and every figure is given as a ratio to it too:
# absolute times on a shared machine are noise, the ratio much less so.
#   small    one small policy                                      target: <= 3 ms whole process
#   managed  the 1,541 AWS managed policies in one invocation      target: <= 1.5x json.load
#            (json.load: one Python process looping over the .json files of the folder)
#   dump     a 130 MB authorization-details dump (generated)      target: <= 1.5x json.load, <= 1 GB peak
#   55mb     one policy of 600,000 statements (generated)         target: <= 3x json.load
#   2mb      one policy of 22,000 statements (generated)
#   corpus   the whole ../shared/corpus tree, -j 1 and -j (one thread per core)
# Medians from hyperfine; peak memory is the maximum resident set size from GNU time.
# Usage: bench/run.sh [IAMLINT]   (default build/iamlint; build it in Release first: ./setup.sh)
# Environment: BENCH_DATA (where the generated inputs are kept between runs, default
# ${TMPDIR:-/tmp}/iamlint-bench), BENCH_RUNS (runs of each large input, default 3).
set -euo pipefail
cd "$(dirname "$0")/.."
iamlint=$(realpath "${1:-build/iamlint}")
data=${BENCH_DATA:-${TMPDIR:-/tmp}/iamlint-bench}
runs=${BENCH_RUNS:-3}
managed=../shared/corpus/aws-managed
everything=../shared/corpus
small=examples/least-privilege-reader.json

need=()
command -v hyperfine >/dev/null || need+=(hyperfine)
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then
  echo "bench: installing ${need[*]}"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi

# The generated inputs depend only on the generator: they are made again when it changes.
mkdir -p "$data"
stamp=$(sha256sum bench/generate.py | cut -c1-16)
generate() {  # FILE ARGS...
  local file=$data/$1; shift
  if [ ! -f "$file" ] || [ "$(cat "$file.stamp" 2>/dev/null)" != "$stamp" ]; then
    echo "bench: generating $file"
    python3 bench/generate.py "${@:1:1}" "$file" "${@:2}"
    echo "$stamp" >"$file.stamp"
  fi
}
generate authorization-details.json dump
generate policy-600000.json policy 600000
generate policy-22000.json policy 22000

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cat >"$out/load.py" <<'EOF'
import json, os, sys
path = sys.argv[1]
# A folder: every .json file under it (what json.load can read of what iamlint reads there).
files = sorted(os.path.join(d, f) for d, _, names in os.walk(path) for f in names
               if f.endswith(".json")) if os.path.isdir(path) else [path]
for f in files:
    with open(f, "rb") as handle:
        json.load(handle)
EOF

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(uname -sr)"
echo "load:    $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min)"
echo "iamlint: $("$iamlint" --version)"
echo "python:  $(python3 --version)"
echo

# name, input, hyperfine runs, iamlint options
benchmarks=(
  "small|$small|100|"
  "managed|$managed|20|"
  "dump|$data/authorization-details.json|$runs|"
  "55mb|$data/policy-600000.json|$runs|"
  "2mb|$data/policy-22000.json|$runs|"
  "corpus -j 1|$everything|10|-j 1"
  "corpus -j $(nproc)|$everything|10|"
)
peak() {  # prints the maximum resident set size of the command, in KB
  /usr/bin/time -f "%M" "$@" 2>&1 >/dev/null | tail -1
}
rows=()
for benchmark in "${benchmarks[@]}"; do
  IFS='|' read -r name input count options <<<"$benchmark"
  warmup=$((count >= 10 ? 3 : 0))
  # shellcheck disable=SC2086  # options is a word list
  hyperfine -N --warmup "$warmup" --runs "$count" --ignore-failure --export-json "$out/$name.json" \
    -n iamlint "$iamlint --fail-on never -q $options $input" \
    -n json.load "python3 $out/load.py $input" >/dev/null
  # shellcheck disable=SC2086
  rows+=("$name|$input|$(peak "$iamlint" --fail-on never -q $options "$input")|$(peak python3 "$out/load.py" "$input")")
done

python3 - "$out" "${rows[@]}" <<'EOF'
import json, os, subprocess, sys
out, rows = sys.argv[1], sys.argv[2:]
def size(path):  # of a folder: its JSON and YAML files, what iamlint reads there
    if os.path.isdir(path):
        return sum(os.path.getsize(os.path.join(d, f)) for d, _, names in os.walk(path) for f in names
                   if f.endswith((".json", ".yaml", ".yml")))
    return os.path.getsize(path)
print("| input | bytes | iamlint median | json.load median | ratio | iamlint peak | json.load peak | ratio |")
print("|---|---|---|---|---|---|---|---|")
for row in rows:
    name, path, rss, rss_python = row.split("|")
    results = {r["command"]: r for r in json.load(open(os.path.join(out, name + ".json")))["results"]}
    ours, theirs = results["iamlint"]["median"], results["json.load"]["median"]
    def ms(s): return "%.1f ms" % (s * 1000) if s < 1 else "%.2f s" % s
    def mb(kb): return "%.1f MB" % (int(kb) / 1024)
    runs = len(results["iamlint"]["times"])
    print("| %s (%d runs) | %s | %s | %s | **%.2fx** | %s | %s | %.2fx |" % (
        name, runs, format(size(path), ","), ms(ours), ms(theirs), ours / theirs, mb(rss), mb(rss_python),
        int(rss) / int(rss_python)))
EOF
