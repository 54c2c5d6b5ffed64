#!/usr/bin/env bash
# The steps of the iamlint GitHub Action (action.yml), in a script so that they can be run and tested
# outside GitHub (tests/action_test.sh runs them with a fake GITHUB_* environment and a local tarball).
#
#   iamlint-action.sh install   downloads the release tarball for this runner's system and architecture,
#                               checks its sha256 and puts its bin/ on GITHUB_PATH
#   iamlint-action.sh run       runs iamlint on the paths, writes SARIF if asked, appends a Markdown
#                               summary to GITHUB_STEP_SUMMARY and exits with iamlint's status
#
# Inputs come as INPUT_* variables (action.yml passes them): VERSION, PATHS, ARGS, FAIL_ON, CONFIG,
# BASELINE, SARIF, SUMMARY. IAMLINT_RELEASES_URL replaces the GitHub releases address (tests use file://).
set -euo pipefail

releases_url=${IAMLINT_RELEASES_URL:-https://github.com/iamlint/iamlint/releases}

die() {
  echo "::error title=iamlint action::$*"
  exit 2
}

sha256_of() {
  if command -v sha256sum >/dev/null; then sha256sum "$1" | cut -d' ' -f1; else shasum -a 256 "$1" | cut -d' ' -f1; fi
}

# The version to install: the input, else the action's own tag (uses: iamlint/iamlint@v0.1.0), else the
# latest release.
resolve_version() {
  local version=${INPUT_VERSION:-}
  if [ -z "$version" ]; then
    if [[ ${ACTION_REF:-} =~ ^v[0-9]+\.[0-9]+\.[0-9]+$ ]]; then version=$ACTION_REF; else version=latest; fi
  fi
  if [ "$version" = latest ]; then
    # /releases/latest redirects to /releases/tag/vX.Y.Z
    local url
    url=$(curl -fsSL -o /dev/null -w '%{url_effective}' "$releases_url/latest") || die "cannot reach $releases_url/latest"
    version=${url##*/}
  fi
  echo "${version#v}"
}

install() {
  local version system arch name dir
  version=$(resolve_version)
  case ${RUNNER_OS:-$(uname -s)} in
    Linux) system=linux ;;
    macOS | Darwin) system=darwin ;;
    *) die "no iamlint release for ${RUNNER_OS:-$(uname -s)}: build it from source (README, Install)" ;;
  esac
  case ${RUNNER_ARCH:-$(uname -m)} in
    X64 | x86_64 | amd64) arch=x86_64 ;;
    ARM64 | aarch64 | arm64) [ "$system" = darwin ] && arch=arm64 || arch=aarch64 ;;
    *) die "no iamlint release for the architecture ${RUNNER_ARCH:-$(uname -m)}" ;;
  esac
  name=iamlint-$version-$system-$arch
  dir=${RUNNER_TEMP:-${TMPDIR:-/tmp}}/iamlint-action
  rm -rf "$dir" && mkdir -p "$dir"
  echo "iamlint: downloading $name.tar.gz"
  curl -fsSL -o "$dir/$name.tar.gz" "$releases_url/download/v$version/$name.tar.gz" ||
    die "cannot download $releases_url/download/v$version/$name.tar.gz"
  curl -fsSL -o "$dir/$name.tar.gz.sha256" "$releases_url/download/v$version/$name.tar.gz.sha256" ||
    die "cannot download the checksum $name.tar.gz.sha256"
  local expected actual
  expected=$(cut -d' ' -f1 "$dir/$name.tar.gz.sha256")
  actual=$(sha256_of "$dir/$name.tar.gz")
  [ -n "$expected" ] && [ "$expected" = "$actual" ] ||
    die "$name.tar.gz does not match its sha256 (expected $expected, got $actual)"
  tar -xzf "$dir/$name.tar.gz" -C "$dir"
  [ -x "$dir/$name/bin/iamlint" ] || die "$name.tar.gz holds no bin/iamlint"
  echo "$dir/$name/bin" >>"${GITHUB_PATH:?GITHUB_PATH is not set}"
  "$dir/$name/bin/iamlint" --version
}

# Markdown for the step summary, from iamlint's JSON report on standard input.
summary_markdown() {
  local status=$1
  jq -r --arg status "$status" --arg fail_on "${INPUT_FAIL_ON:-high}" '
    def rank: {"critical": 0, "high": 1, "medium": 2, "low": 3, "info": 4}[.];
    def cell: tostring | gsub("\\|"; "\\|") | gsub("\n"; " ");
    .summary as $s
    | "## iamlint\n",
      (if $status == "0" then "Passed" elif $status == "1" then "**Failed**" else "**Error**" end)
        + ": \($s.findings) finding" + (if $s.findings == 1 then "" else "s" end)
        + " in \($s.files) file" + (if $s.files == 1 then "" else "s" end)
        + " (\($s.policies) polic" + (if $s.policies == 1 then "y" else "ies" end) + "); fails on \($fail_on) and above"
        + (if ($s.suppressed // 0) > 0 then "; \($s.suppressed) suppressed" else "" end) + ".\n",
      "| severity | findings |", "|---|---:|",
      ($s.by_severity | to_entries[] | "| \(.key) | \(.value) |"),
      (if ($s.findings // 0) > 0 then
         "\n### Most severe\n",
         "| severity | rule | where | message |", "|---|---|---|---|",
         (.findings | sort_by(.severity | rank) | .[:10][]
          | "| \(.severity) | \(.rule_id) \(.rule_name) | `\(.location.path):\(.location.line):\(.location.column)` | \(.message | cell) |"),
         (if $s.findings > 10 then "\n… and \($s.findings - 10) more: see the annotations or the SARIF report." else empty end)
       else empty end)
  '
}

run() {
  local iamlint=${IAMLINT:-iamlint}
  command -v "$iamlint" >/dev/null || die "iamlint is not on PATH (the install step puts it there)"
  # ${array[@]+...}: macOS runners have bash 3.2, where an empty array is unset under set -u.
  local -a paths extra options
  read -r -a paths <<<"$(echo "${INPUT_PATHS:-.}" | tr '\n' ' ')"
  read -r -a extra <<<"$(echo "${INPUT_ARGS:-}" | tr '\n' ' ')"
  [ ${#paths[@]} -gt 0 ] || paths=(.)
  # --fail-on once per run: the main run fails on the input's level, the SARIF and JSON runs never.
  options=()
  [ -z "${INPUT_CONFIG:-}" ] || options+=(--config "$INPUT_CONFIG")
  [ -z "${INPUT_BASELINE:-}" ] || options+=(--baseline "$INPUT_BASELINE")

  # Annotations on the pull request where this iamlint has them, plain text otherwise.
  # (The help is read whole: grep -q stopping early would fail the pipe under pipefail.)
  local format=text help
  help=$("$iamlint" --help) || die "$iamlint --help failed"
  [[ $help != *github* ]] || format=github
  local status=0
  "$iamlint" --format "$format" --fail-on "${INPUT_FAIL_ON:-high}" ${options[@]+"${options[@]}"} ${extra[@]+"${extra[@]}"} -- "${paths[@]}" ||
    status=$?

  if [ -n "${INPUT_SARIF:-}" ]; then
    local sarif_status=0
    "$iamlint" --format sarif --output "$INPUT_SARIF" --fail-on never ${options[@]+"${options[@]}"} ${extra[@]+"${extra[@]}"} -- "${paths[@]}" ||
      sarif_status=$?
    [ "$sarif_status" -eq 0 ] || echo "::warning title=iamlint::writing the SARIF report exited with $sarif_status"
    [ -z "${GITHUB_OUTPUT:-}" ] || echo "sarif=$INPUT_SARIF" >>"$GITHUB_OUTPUT"
  fi

  if [ "${INPUT_SUMMARY:-true}" = true ] && [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
    local report
    report=$(mktemp)
    if "$iamlint" --format json --fail-on never ${options[@]+"${options[@]}"} ${extra[@]+"${extra[@]}"} -- "${paths[@]}" >"$report" &&
      summary_markdown "$status" <"$report" >>"$GITHUB_STEP_SUMMARY"; then
      :
    else
      echo "::warning title=iamlint::could not write the step summary"
    fi
    rm -f "$report"
  fi
  [ -z "${GITHUB_OUTPUT:-}" ] || echo "exit-code=$status" >>"$GITHUB_OUTPUT"
  exit "$status"
}

case ${1:-} in
  install) install ;;
  run) run ;;
  *)
    echo "usage: $0 install|run" >&2
    exit 2
    ;;
esac
