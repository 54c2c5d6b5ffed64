#!/usr/bin/env bash
# Whole-process benchmark of iamlint with hyperfine: start-up plus the real work, as a user sees it.
#   (a) one small policy file         target: under 5 ms
#   (b) the 1,541 AWS managed policies in one invocation   target: under 300 ms
#   (c) the whole ../shared/corpus tree (every input format), -j 1 and the default -j (one per core)
#                                                           target: under 400 ms
# Reports medians (the machines are shared and noisy) and peak memory (max RSS, GNU time).
# Usage: bench/run.sh [IAMLINT]   (default build/iamlint; build it in Release first: ./setup.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
iamlint=${1:-build/iamlint}
corpus=../shared/corpus/aws-managed
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
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(uname -sr)"
echo "iamlint: $("$iamlint" --version)"
echo "corpus:  $(ls "$corpus"/*.json | wc -l) files, $(cat "$corpus"/*.json | wc -c) bytes"
echo "whole:   $(find "$everything" -type f \( -name '*.json' -o -name '*.yaml' -o -name '*.yml' \) | wc -l) files"
echo

hyperfine -N --warmup 20 --runs 200 --ignore-failure --export-json "$out/small.json" \
  -n "one file ($small)" "$iamlint --fail-on never $small" >/dev/null
hyperfine -N --warmup 3 --runs 30 --ignore-failure --export-json "$out/corpus.json" \
  -n "aws-managed, text" "$iamlint --fail-on never $corpus" \
  -n "aws-managed, json" "$iamlint --fail-on never --format json $corpus" \
  -n "aws-managed, sarif" "$iamlint --fail-on never --format sarif $corpus" >/dev/null
hyperfine -N --warmup 3 --runs 30 --ignore-failure --export-json "$out/everything.json" \
  -n "whole corpus, -j 1" "$iamlint --fail-on never -q -j 1 $everything" \
  -n "whole corpus, -j $(nproc)" "$iamlint --fail-on never -q $everything" >/dev/null

node -e '
for (const f of process.argv.slice(1)) {
  for (const r of require(f).results) {
    const ms = (x) => (x * 1000).toFixed(1).padStart(7) + " ms";
    console.log(`${r.command.padEnd(46)} median ${ms(r.median)}   min ${ms(r.min)}   max ${ms(r.max)}   (${r.times.length} runs)`);
  }
}' "$out/small.json" "$out/corpus.json" "$out/everything.json"

rss() { /usr/bin/time -f "%M" "$@" 2>&1 >/dev/null | tail -1; }
echo
echo "peak memory: one file $(rss "$iamlint" --fail-on never "$small") KB, aws-managed $(rss "$iamlint" --fail-on never "$corpus") KB, whole corpus $(rss "$iamlint" --fail-on never -q "$everything") KB"
