#!/usr/bin/env bash
# iamlint's SARIF on the examples (every rule that fires there, invalid JSON included), on the AWS
# managed policies, CloudFormation templates, Terraform plans and authorization-details dumps of the
# corpus sample and on CLI output must pass the SARIF 2.1.0 schema and GitHub code scanning's ingestion
# rules. Exits 77 (skipped) when the validator's npm dependencies cannot be installed.
# Usage: sarif_output_test.sh IAMLINT SOURCE_DIR VALIDATOR_WORK_DIR
set -uo pipefail
iamlint=$1
cd "$2" || exit 2
work_dir=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$iamlint" --format sarif examples/ >"$tmp/examples.sarif"
[ $? -eq 1 ] || { echo "FAIL: iamlint on examples/ should exit 1"; exit 1; }
sample=tests/corpus-sample
"$iamlint" --format sarif --fail-on never $sample/aws-managed/ $sample/cloudformation/ >"$tmp/aws-managed.sarif" ||
  { echo "FAIL: iamlint on the managed policies"; exit 1; }
# Policies inside other files: findings carry their container as a logical location.
"$iamlint" --format sarif --fail-on never tests/fixtures/terraform/plan.json tests/fixtures/authorization-details/ \
  tests/fixtures/cli/ $sample/terraform-plan/ $sample/account-authorization-details/ \
  >"$tmp/containers.sarif" 2>/dev/null || { echo "FAIL: iamlint on plans, dumps and CLI output"; exit 1; }
grep -q '"logicalLocations"' "$tmp/containers.sarif" || { echo "FAIL: no logicalLocations"; exit 1; }
"$iamlint" --format sarif examples/least-privilege-reader.json >"$tmp/no-findings.sarif" ||
  { echo "FAIL: iamlint on a clean file"; exit 1; }
bash tests/validate_sarif.sh --work-dir "$work_dir" "$tmp"/*.sarif
