#!/usr/bin/env bash
# tools/generate-service-regions.py on a small handmade botocore tree and catalog: how endpoint prefixes
# become ARN services (own name widened by signing names, reviewed aliases only), which services are
# never judged (a global endpoint, an API without endpoint data, none), and the records it writes.
# Usage: generate_service_regions_test.sh SOURCE_DIR   (skipped, exit 77, without python3)
set -uo pipefail
cd "$1" || exit 2
command -v python3 >/dev/null || { echo "SKIP: python3 is not installed"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

fail() { echo "FAIL: $*"; cat "$tmp/out.tsv" "$tmp/err" 2>/dev/null; exit 1; }
record() { grep -qxF -- "$(printf "$1")" "$tmp/out.tsv" || fail "lacks the record: $1"; }
no_record() { ! grep -q -- "$(printf "$1")" "$tmp/out.tsv" || fail "has a record it should not: $1"; }

data=$tmp/botocore/botocore/data
model() {  # folder endpointPrefix [signingName]
  mkdir -p "$data/$1/2020-01-01"
  local signing=""
  [ $# -ge 3 ] && signing=", \"signingName\": \"$3\""
  printf '{"metadata": {"endpointPrefix": "%s"%s}}\n' "$2" "$signing" >"$data/$1/2020-01-01/service-2.json"
}
model devicefarm devicefarm
model cloudhsmv2 cloudhsmv2 cloudhsm
model cloudwatch monitoring
model connectparticipant participant.connect execute-api
model health health
model bedrock bedrock
model bedrock-runtime bedrock-runtime bedrock
model ec2 ec2
cat >"$data/endpoints.json" <<'EOF'
{"version": 3, "partitions": [
 {"partition": "aws", "regions": {"us-east-1": {}, "us-west-2": {}, "eu-west-1": {}}, "services": {
  "devicefarm": {"endpoints": {"us-west-2": {}}},
  "cloudhsm": {"endpoints": {"us-east-1": {}}},
  "cloudhsmv2": {"endpoints": {"us-east-1": {}, "eu-west-1": {}}},
  "monitoring": {"endpoints": {"us-east-1": {}, "us-west-2": {}, "eu-west-1": {}}},
  "participant.connect": {"endpoints": {"us-east-1": {}}},
  "health": {"endpoints": {"aws-global": {"credentialScope": {"region": "us-east-1"}}}, "partitionEndpoint": "aws-global", "isRegionalized": false},
  "bedrock": {"endpoints": {"us-east-1": {}}},
  "ec2": {"endpoints": {"us-east-1": {}, "fips-us-west-2": {"credentialScope": {"region": "us-west-2"}, "deprecated": true}}}}},
 {"partition": "aws-cn", "regions": {"cn-north-1": {}, "cn-northwest-1": {}}, "services": {
  "ec2": {"endpoints": {"cn-north-1": {}, "cn-northwest-1": {}}}}},
 {"partition": "aws-us-gov", "regions": {"us-gov-west-1": {}, "us-gov-east-1": {}}, "services": {}},
 {"partition": "aws-iso", "regions": {"us-iso-east-1": {}}, "services": {
  "devicefarm": {"endpoints": {"us-iso-east-1": {}}}}}]}
EOF
arn() { printf 'R\tt\t\tarn:${Partition}:%s:${Region}:${Account}:x/${Id}\n' "$1"; }
{
  printf 'S\tcatalog\tCatalog\n'
  for service in devicefarm cloudhsm cloudwatch execute-api health bedrock ec2 codestar-connections; do
    arn "$service"
  done
  printf 'R\tglobal\t\tarn:${Partition}:iam::${Account}:role/${Name}\n'
} >"$tmp/catalog.tsv"

python3 tools/generate-service-regions.py "$tmp/botocore" --commit 0123456789abcdef0123456789abcdef01234567 \
  --date 2099-01-02 --catalog "$tmp/catalog.tsv" --output "$tmp/out.tsv" 2>"$tmp/err" || fail "refused"

record 'C\tbotocore\t0123456789abcdef0123456789abcdef01234567\t2099-01-02'
record 'P\taws\teu-west-1,us-east-1,us-west-2'
record 'S\tdevicefarm\taws\tus-west-2'
# cloudhsm's ARNs: the "cloudhsm" prefix widened by "cloudhsmv2", which signs as cloudhsm.
record 'S\tcloudhsm\taws\t-us-west-2\tcloudhsm,cloudhsmv2'
# An alias: cloudwatch is served by "monitoring"; every region, so "*".
record 'S\tcloudwatch\taws\t*\tmonitoring'
# A credential scope names a region too (deprecated endpoints included).
record 'S\tec2\taws\t-eu-west-1'
record 'S\tec2\taws-cn\t*'
# Never judged: a signing name alone (Connect's participant API signs as execute-api), a global service,
# a service with an API that endpoints.json lacks, the hand-excluded one, the isolated partitions.
no_record '^S\texecute-api'
no_record '^S\thealth'
no_record '^S\tbedrock'
no_record '^S\tcodestar-connections'
no_record '^S\t[a-z-]*\taws-iso'
no_record '^P\taws-iso'
grep -q '^#   global endpoint (1): health$' "$tmp/out.tsv" || fail "the global service is not listed"
grep -q '^#   an API without endpoint data (1): bedrock$' "$tmp/out.tsv" || fail "bedrock is not listed"
grep -q 'execute-api' "$tmp/out.tsv" || fail "execute-api is not listed as without endpoint data"

# The same input gives the same file.
cp "$tmp/out.tsv" "$tmp/first.tsv"
python3 tools/generate-service-regions.py "$tmp/botocore" --commit 0123456789abcdef0123456789abcdef01234567 \
  --date 2099-01-02 --catalog "$tmp/catalog.tsv" --output "$tmp/out.tsv" 2>/dev/null
cmp -s "$tmp/out.tsv" "$tmp/first.tsv" || fail "the same input gave another file"
echo PASS
