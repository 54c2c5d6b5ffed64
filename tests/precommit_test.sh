#!/usr/bin/env bash
# The hook in .pre-commit-hooks.yaml, run for real: a throw-away hook repository holding this repo's
# manifest, a throw-away project that uses it, and `git commit` through pre-commit. A commit of a
# policy with a critical finding must be refused; a clean policy must be committed. The iamlint-diff hook
# must refuse a change that grants a write the committed version did not, and accept one that does not.
# Usage: precommit_test.sh IAMLINT SOURCE_DIR
set -uo pipefail
iamlint=$1
source_dir=$2
command -v pre-commit >/dev/null || { echo "FAIL: pre-commit is not installed (setup.sh installs it)"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; cat "$tmp/log" 2>/dev/null; exit 1; }

export HOME="$tmp/home" PRE_COMMIT_HOME="$tmp/cache" GIT_CONFIG_NOSYSTEM=1
export GIT_AUTHOR_NAME=test GIT_AUTHOR_EMAIL=test@example.com GIT_COMMITTER_NAME=test GIT_COMMITTER_EMAIL=test@example.com
mkdir -p "$HOME" "$tmp/bin"
ln -s "$iamlint" "$tmp/bin/iamlint"
export PATH="$tmp/bin:$PATH"

# The hook repository: this repo's manifest, committed, as pre-commit clones it.
hooks="$tmp/hooks"
git init -q "$hooks" && cp "$source_dir/.pre-commit-hooks.yaml" "$hooks/"
git -C "$hooks" add .pre-commit-hooks.yaml && git -C "$hooks" commit -qm hooks || fail "hook repo"
rev=$(git -C "$hooks" rev-parse HEAD)

project="$tmp/project"
git init -q "$project" && cd "$project" || fail "project repo"
cat >.pre-commit-config.yaml <<YAML
repos:
  - repo: $hooks
    rev: $rev
    hooks:
      - id: iamlint
      - id: iamlint-diff
YAML
git add .pre-commit-config.yaml && git commit -qm config || fail "config commit"
pre-commit install >"$tmp/log" 2>&1 || fail "pre-commit install"

mkdir policies
cp "$source_dir/examples/admin-everything.json" policies/admin.json
git add policies/admin.json
if git commit -qm "admin policy" >"$tmp/log" 2>&1; then fail "a critical finding did not stop the commit"; fi
grep -qF "policies/admin.json:7:17: critical" "$tmp/log" || fail "the hook's output lacks the finding"
git reset -q

cp "$source_dir/examples/least-privilege-reader.json" policies/reader.json
git add policies/reader.json
git commit -qm "reader policy" >"$tmp/log" 2>&1 || fail "a clean policy was refused"
[ "$(git log -1 --format=%s)" = "reader policy" ] || fail "the clean commit is missing"

# iamlint-diff: the same reads split in two statements is no new access; a write added is.
cat >policies/app.json <<'JSON'
{"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Action": ["s3:GetObject", "s3:GetObjectTagging"], "Resource": "arn:aws:s3:::app-data/*"}]}
JSON
git add policies/app.json && git commit -qm "app policy" >"$tmp/log" 2>&1 || fail "a new read-only policy was refused"
cat >policies/app.json <<'JSON'
{"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Action": "s3:GetObjectTagging", "Resource": "arn:aws:s3:::app-data/*"},
  {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::app-data/*"}]}
JSON
git add policies/app.json
git commit -qm "split" >"$tmp/log" 2>&1 || fail "iamlint-diff refused a change that grants nothing new"
cat >policies/app.json <<'JSON'
{"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "arn:aws:s3:::app-data/*"}]}
JSON
git add policies/app.json
if git commit -qm "write" >"$tmp/log" 2>&1; then fail "iamlint-diff did not stop a new write"; fi
grep -qF "high: new access: s3:PutObject on arn:aws:s3:::app-data/*" "$tmp/log" || fail "the diff hook's output lacks the finding"
echo "PASS: pre-commit hooks refused the critical policy and the new write, and accepted the clean changes"
