#!/usr/bin/env bash
# The shell completions and the manual page against --help: every option and subcommand that the help of
# any command shows is in the bash, zsh and fish scripts and in the man page; the scripts parse and
# complete (bash always, zsh and fish where installed: CI installs them); the man page has no roff warning.
# Usage: command_line_docs_test.sh IAMLINT
set -uo pipefail
iamlint=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}

"$iamlint" completions bash >"$tmp/iamlint.bash" || fail "iamlint completions bash"
"$iamlint" completions zsh >"$tmp/_iamlint" || fail "iamlint completions zsh"
"$iamlint" completions fish >"$tmp/iamlint.fish" || fail "iamlint completions fish"
"$iamlint" man >"$tmp/iamlint.1" || fail "iamlint man"
sed 's/\\-/-/g; s/\\f[BIR]/ /g' "$tmp/iamlint.1" >"$tmp/man.txt"  # roff writes - as \-, fonts as \fB
# fish names options as -s h -l help
sed -E 's/ -l ([A-Za-z0-9-]+)/ --\1/g; s/ -s ([A-Za-z0-9])/ -\1/g' "$tmp/iamlint.fish" >"$tmp/fish.txt"

# The commands, from the help's Subcommands sections: "rules", "config show" ...
commands=("")
for ((i = 0; i < ${#commands[@]}; i++)); do
  # shellcheck disable=SC2086  # a command path is words
  "$iamlint" ${commands[i]} --help >"$tmp/help" 2>&1 || fail "iamlint ${commands[i]} --help"
  while read -r sub; do
    commands+=("${commands[i]:+${commands[i]} }$sub")
  done < <(sed -n '/^Subcommands:/,/^$/p' "$tmp/help" | sed -n 's/^  \([a-z][a-z-]*\) .*/\1/p')
  # Option names: the words starting with - in the Options section's first column.
  sed -n '/^Options:/,/^[A-Z]/p' "$tmp/help" | grep -E '^  -' | sed 's/ [A-Z].*//' |
    grep -oE -- '--?[A-Za-z][A-Za-z0-9-]*' >"$tmp/options.$i"
  [ -s "$tmp/options.$i" ] || fail "no options read from: iamlint ${commands[i]} --help"
done
echo "commands: iamlint, ${commands[*]:1}"

# has FILE NAME WORD: the generated file names WORD as a word of its own.
has() {
  grep -qE -- "(^|[^A-Za-z0-9-])$3([^A-Za-z0-9-]|\$)" "$1" || fail "$2 lacks $3"
}
check_all_named() {  # SCRIPT NAME: every option and subcommand is in SCRIPT
  local i
  for ((i = 0; i < ${#commands[@]}; i++)); do
    while read -r option; do has "$1" "$2" "$option"; done <"$tmp/options.$i"
    [ -z "${commands[i]}" ] || has "$1" "$2" "${commands[i]##* }"
  done
}
check_all_named "$tmp/iamlint.bash" "the bash completion"
check_all_named "$tmp/_iamlint" "the zsh completion"
check_all_named "$tmp/fish.txt" "the fish completion"
check_all_named "$tmp/man.txt" "the man page"

# The check above can fail: a bash script without --fail-on must be caught.
grep -v -- '--fail-on' "$tmp/iamlint.bash" >"$tmp/doctored.bash"
before=$failures
check_all_named "$tmp/doctored.bash" "the doctored bash completion" >/dev/null
[ "$failures" -gt "$before" ] && failures=$before || fail "a completion without --fail-on was not caught"

# man: no roff warning, and it renders.
groff -man -Tutf8 -ww -z "$tmp/iamlint.1" 2>"$tmp/groff.err"
[ -s "$tmp/groff.err" ] && fail "roff warnings: $(cat "$tmp/groff.err")"
MANWIDTH=100 man -l "$tmp/iamlint.1" >"$tmp/man.rendered" 2>/dev/null
grep -q "^NOTES" "$tmp/man.rendered" && grep -q -- "--fail-on" "$tmp/man.rendered" || fail "man -l does not render the page"

# bash: completes subcommands, options, option values and rules.
bash_complete() {  # WORDS...: prints the candidates for the last word
  bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _iamlint; printf "%s\n" "${COMPREPLY[@]}"' \
    _ "$tmp/iamlint.bash" "$@"
}
expect() {  # SHELL-FUNCTION WANT WORDS...
  local function=$1 want=$2
  shift 2
  local offered
  offered=$("$function" "$@")  # whole, not piped into grep -q, whose early exit fails the pipe
  grep -qx -- "$want" <<<"$offered" || fail "$function '$*' does not offer $want: $(head -5 <<<"$offered" | tr '\n' ' ')"
}
bash -n "$tmp/iamlint.bash" || fail "the bash completion does not parse"
expect bash_complete explain iamlint ex
expect bash_complete --fail-on iamlint --fa
expect bash_complete sarif iamlint --format ""
expect bash_complete sarif iamlint --format = s
expect bash_complete trust iamlint examples/ --policy-kind t
expect bash_complete IAM201 iamlint explain IAM20
expect bash_complete wildcard-action iamlint --enable wildcard-a
expect bash_complete recommended iamlint -o out.txt --preset r
expect bash_complete show iamlint config ""
expect bash_complete --config iamlint config show --conf
expect bash_complete fish iamlint completions f

# zsh: parses; fish: parses and completes.
if command -v zsh >/dev/null; then
  zsh -n "$tmp/_iamlint" || fail "the zsh completion does not parse"
elif [ "${IAMLINT_REQUIRE_DATA:-}" = 1 ]; then
  fail "zsh is not installed (apt-get install zsh)"
else
  echo "note: zsh is not installed: the zsh completion is not parsed"
fi
if command -v fish >/dev/null; then
  fish -n "$tmp/iamlint.fish" || fail "the fish completion does not parse"
  fish_complete() {
    fish --no-config -c "source $tmp/iamlint.fish; complete -C '$*'" | cut -f1
  }
  expect fish_complete explain iamlint ex
  expect fish_complete --fail-on iamlint --fa
  expect fish_complete sarif iamlint --format ''
  expect fish_complete IAM201 iamlint explain IAM20
  expect fish_complete wildcard-action iamlint --disable wildcard-a
  expect fish_complete --config iamlint config show --conf
else
  [ "${IAMLINT_REQUIRE_DATA:-}" = 1 ] && fail "fish is not installed (apt-get install fish)"
  echo "note: fish is not installed: the fish completion is not run"
fi

[ "$failures" -eq 0 ] || { echo "$failures failure(s)"; exit 1; }
echo "PASS: completions and man page name every option of --help (${#commands[@]} commands)"
