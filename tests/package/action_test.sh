#!/usr/bin/env bash
# The GitHub Action's script (action/iamlint-action.sh, run by action.yml) end to end, outside GitHub:
# a fake GITHUB_* environment, and a releases folder (file://) holding the tarball that cpack built in
# BUILD_DIR/package-test (the package.cpack fixture).
# Usage: action_test.sh BUILD_DIR SOURCE_DIR
set -uo pipefail
build=$(cd "$1" && pwd)
cd "$2" || exit 2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() {
  echo "FAIL: $*"
  for file in "$tmp"/out "$tmp"/err "$GITHUB_STEP_SUMMARY"; do [ -f "$file" ] && { echo "--- $file"; cat "$file"; }; done
  exit 1
}
version=$("$build/iamlint" --version | cut -d' ' -f2)
name=iamlint-$version-linux-$(uname -m)
[ -f "$build/package-test/$name.tar.gz" ] || fail "no tarball $build/package-test/$name.tar.gz (run the package.cpack test)"
releases=$tmp/releases
mkdir -p "$releases/download/v$version"
cp "$build/package-test/$name.tar.gz" "$build/package-test/$name.tar.gz.sha256" "$releases/download/v$version/"

export IAMLINT_RELEASES_URL=file://$releases
export RUNNER_OS=Linux RUNNER_TEMP=$tmp/runner GITHUB_WORKSPACE=$PWD
case $(uname -m) in aarch64) export RUNNER_ARCH=ARM64 ;; *) export RUNNER_ARCH=X64 ;; esac
export GITHUB_PATH=$tmp/github_path GITHUB_OUTPUT=$tmp/github_output GITHUB_STEP_SUMMARY=$tmp/step_summary
mkdir -p "$RUNNER_TEMP"
action=$PWD/action/iamlint-action.sh

# action STEP WANT_EXIT [VAR=VALUE...]: runs a step with those inputs; keeps its output in $tmp/out and err
action() {
  local step=$1 want=$2
  shift 2
  : >"$GITHUB_OUTPUT"
  env "$@" PATH="$(cat "$GITHUB_PATH" 2>/dev/null | tr '\n' ':')$PATH" bash "$action" "$step" >"$tmp/out" 2>"$tmp/err"
  local got=$?
  [ "$got" -eq "$want" ] || fail "action $step $*: exit $got, want $want"
}
has() { grep -qF -- "$2" "$1" || fail "$1 lacks: $2"; }

# A tarball that does not match its checksum is refused.
cp "$releases/download/v$version/$name.tar.gz.sha256" "$tmp/good.sha256"
echo "0000000000000000000000000000000000000000000000000000000000000000  $name.tar.gz" >"$releases/download/v$version/$name.tar.gz.sha256"
: >"$tmp/refused_path"
action install 2 INPUT_VERSION="$version" GITHUB_PATH="$tmp/refused_path"
has "$tmp/out" "does not match its sha256"
[ ! -s "$tmp/refused_path" ] || fail "a refused tarball was put on GITHUB_PATH"
cp "$tmp/good.sha256" "$releases/download/v$version/$name.tar.gz.sha256"
action install 2 INPUT_VERSION=9.9.9 GITHUB_PATH="$tmp/refused_path"
has "$tmp/out" "cannot download"

# install: the version from the action's tag, the tarball checked and unpacked, its bin/ on GITHUB_PATH.
action install 0 INPUT_VERSION= ACTION_REF="v$version"
has "$tmp/out" "iamlint $version"
has "$GITHUB_PATH" "$RUNNER_TEMP/iamlint-action/$name/bin"
[ -x "$(head -1 "$GITHUB_PATH")/iamlint" ] || fail "no iamlint in the folder put on GITHUB_PATH"

# A clean run: exit 0 and a summary that says so.
: >"$GITHUB_STEP_SUMMARY"
action run 0 INPUT_PATHS="examples/least-privilege-reader.json examples/app-role-trust.json" INPUT_FAIL_ON=high
has "$GITHUB_STEP_SUMMARY" "## iamlint"
has "$GITHUB_STEP_SUMMARY" "Passed: 0 findings in 2 files"
has "$GITHUB_OUTPUT" "exit-code=0"

# A failing run: a critical finding fails the step (exit 1), with annotations, SARIF and the summary.
: >"$GITHUB_STEP_SUMMARY"
action run 1 INPUT_PATHS="examples/admin-everything.json" INPUT_FAIL_ON=high INPUT_SARIF="$tmp/iamlint.sarif"
has "$tmp/out" "::error file=examples/admin-everything.json,line=7"
has "$GITHUB_STEP_SUMMARY" "**Failed**: 1 finding in 1 file (1 policy); fails on high and above."
has "$GITHUB_STEP_SUMMARY" "| critical | 1 |"
has "$GITHUB_STEP_SUMMARY" "| high | 0 |"
has "$GITHUB_STEP_SUMMARY" "| critical | IAM201 wildcard-action | \`examples/admin-everything.json:7:17\` | \"Action\": \"*\" on every resource grants full administrator access |"
has "$GITHUB_OUTPUT" "exit-code=1"
has "$GITHUB_OUTPUT" "sarif=$tmp/iamlint.sarif"
jq -e '.version == "2.1.0" and (.runs[0].results | length) == 1' "$tmp/iamlint.sarif" >/dev/null ||
  fail "the SARIF report is not SARIF 2.1.0 with one result"

# The same finding under fail-on critical still fails; under never it passes, and args reach iamlint.
action run 1 INPUT_PATHS="examples/admin-everything.json" INPUT_FAIL_ON=critical INPUT_SUMMARY=false
action run 0 INPUT_PATHS="examples/admin-everything.json" INPUT_FAIL_ON=never INPUT_ARGS="--disable IAM201"
: >"$GITHUB_STEP_SUMMARY"
action run 0 INPUT_PATHS="examples/admin-everything.json" INPUT_FAIL_ON=never
has "$GITHUB_STEP_SUMMARY" "Passed: 1 finding in 1 file (1 policy); fails on never and above."

# Several paths on lines of their own, as a YAML block gives them; a usage error is exit 2.
: >"$GITHUB_STEP_SUMMARY"
action run 1 INPUT_PATHS=$'examples/admin-everything.json\nexamples/least-privilege-reader.json\n'
has "$GITHUB_STEP_SUMMARY" "in 2 files"
action run 2 INPUT_PATHS="examples/" INPUT_ARGS="--no-such-option"
echo "PASS: the action installs the tarball, runs iamlint and writes the summary"
