#!/usr/bin/env bash
# check_verdicts on small handmade reports: each rule of the realworld.verdicts test fails when broken and
# passes when kept. Usage: check_verdicts_test.sh CHECK_VERDICTS
set -uo pipefail
checker=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

# finding PATH LINE COLUMN RULE SEVERITY [RELATED_LINE [STATEMENT]]: one JSON finding in tests/realworld,
# in statement 0 unless STATEMENT (its index) is given; RELATED_LINE 0 for none.
finding() {
  local related="[]" statement=${7:-0}
  [ $# -ge 6 ] && [ "$6" != 0 ] && related="[{\"message\": \"m\", \"location\": {\"path\": \"tests/realworld/$1\", \"line\": $6, \"column\": $3}}]"
  printf '{"rule_id": "%s", "severity": "%s", "message": "m", "location": {"path": "tests/realworld/%s", "line": %s, "column": %s, "json_pointer": "/Statement/%s/Action"}, "related": %s}' \
    "$4" "$5" "$1" "$2" "$3" "$statement" "$related"
}
report() {  # report FINDING...: a JSON report holding the findings given
  local IFS=,
  printf '{"findings": [%s], "summary": {}}\n' "$*" >"$work/report.json"
}
verdicts() {  # verdicts LINE...: a verdicts.tsv with a header and the tab-separated lines given
  printf '# path\tline\tcolumn\trule\tstatement\tseverity\tverdict\treason\n' >"$work/verdicts.tsv"
  printf '%b\n' "$@" >>"$work/verdicts.tsv"
}
expect() {  # expect STATUS TEXT NAME: check_verdicts check exits with STATUS and prints TEXT
  local output status
  output=$("$checker" check "$work/report.json" "$work/verdicts.tsv" 2>&1)
  status=$?
  if [ "$status" -ne "$1" ] || ! grep -qF -- "$2" <<<"$output"; then
    echo "FAIL: $3: expected status $1 and \"$2\", got $status:"
    sed 's/^/    /' <<<"$output"
    failures=$((failures + 1))
  else
    echo "ok: $3"
  fi
}

report "$(finding a.json 3 5 IAM201 critical)" "$(finding a.json 9 2 IAM204 medium)"
verdicts 'a.json\t3\t5\tIAM201\t/Statement/0\tcritical\ttrue\tAction * on *' 'a.json\t9\t2\tIAM204\t/Statement/0\thigh\ttoo-severe:medium\tWrite on *'
expect 0 "PASS" "every finding judged, true ones kept"
expect 0 "true but too severe:           0" "a too-severe finding lowered to its severity no longer counts"
expect 0 "files failing --fail-on high:  1, 1 of them on a finding judged true" "files failing CI are counted"

report "$(finding a.json 3 5 IAM201 critical)" "$(finding b.json 1 1 IAM401 high)"
verdicts 'a.json\t3\t5\tIAM201\t/Statement/0\tcritical\ttrue\tAction * on *' 'b.json\t1\t1\tIAM401\t/Statement/0\tcritical\tfalse\t[C2 vpc-endpoint] no grant'
expect 1 "judged false:                  1 (50.0 %), critical 0 (0.0 %)" "a false finding back at high fails"
expect 1 "1	C2 vpc-endpoint" "false findings are counted by class"

report "$(finding b.json 1 1 IAM401 medium)"
verdicts 'b.json\t1\t1\tIAM401\t/Statement/0\tcritical\tfalse\t[C2 vpc-endpoint] no grant'
expect 0 "PASS" "a false finding lowered to medium passes"

report "$(finding b.json 1 1 IAM401 critical)"
verdicts 'b.json\t1\t1\tIAM401\t/Statement/0\tcritical\tfalse-open\t[C10 scp-rcp] no grant'
expect 0 "known false findings still reported at high or critical (false-open, 1)" "a false-open finding is listed, not failed"
expect 0 "judged false:                  1 (100.0 %), critical 1 (100.0 %)" "a false-open finding counts in the figures"

report "$(finding b.json 1 1 IAM401 medium)"
verdicts 'b.json\t1\t1\tIAM401\t/Statement/0\tcritical\tfalse-open\t[C10 scp-rcp] no grant'
expect 1 "no longer reported at high or critical: mark them false (1)" "a fixed false-open finding must be marked false"

report "$(finding a.json 3 5 IAM201 critical)" "$(finding c.json 7 1 IAM013 high)"
verdicts 'a.json\t3\t5\tIAM201\t/Statement/0\tcritical\ttrue\tAction * on *'
expect 1 "c.json:7:1 IAM013 high" "an unjudged high finding fails"

report "$(finding a.json 3 5 IAM201 low)"
verdicts 'a.json\t3\t5\tIAM201\t/Statement/0\tcritical\ttrue\tAction * on *'
expect 1 "no longer reported at their severity (1)" "a true finding dropped below medium fails"

report
verdicts 'a.json\t3\t5\tIAM201\t/Statement/0\tcritical\ttrue\tAction * on *'
expect 1 "a.json:3:5 IAM201 judged true" "a true finding that disappeared fails"

report "$(finding c.json 7 1 IAM013 high 9)"
verdicts 'c.json\t7\t1\tIAM013\t/Statement/0\thigh\ttrue\tplaceholder' 'c.json\t9\t1\tIAM013\t/Statement/0\thigh\ttrue\tplaceholder'
expect 0 "true verdicts still reported:  2 of 2" "a repeat merged into a finding's related locations is still reported"

report "$(finding d.json 4 4 IAM301 critical)"
verdicts 'd.json\t4\t4\tIAM202\t/Statement/0\thigh\ttrue\tiam:*' 'd.json\t4\t4\tIAM301\t/Statement/0\tcritical\ttrue\tiam:*'
expect 0 "1 of them by another rule on the same token or statement" "a breadth finding replaced by a more specific rule on its token is still reported"

report "$(finding d.json 2 4 IAM301 critical)"
verdicts 'd.json\t2\t4\tIAM301\t/Statement/0\tcritical\ttrue\tescalation' \
  'd.json\t3\t9\tIAM204\t/Statement/0\thigh\ttoo-severe:medium\tWrite on *'
expect 0 "1 of them by another rule on the same token or statement" "a breadth finding replaced by a more specific rule in its statement is still reported"
report "$(finding d.json 2 4 IAM301 critical 0 1)"
expect 1 "d.json:3:9 IAM204 judged too-severe" "a finding in another statement does not keep it"
report "$(finding d.json 2 4 IAM306 medium)"
verdicts 'd.json\t3\t9\tIAM204\t/Statement/0\thigh\ttoo-severe:medium\tWrite on *'
expect 0 "1 of them by another rule on the same token or statement" "another rule at the deserved severity keeps a too-severe one"
report "$(finding d.json 2 4 IAM306 low)"
expect 1 "d.json:3:9 IAM204 judged too-severe" "another rule below the deserved severity does not keep it"
report "$(finding e.json 2 4 IAM304 medium)"
verdicts 'e.json\t3\t9\tIAM202\t/Statement/0\thigh\ttrue\ts3:*'
expect 1 "e.json:3:9 IAM202 judged true" "another rule below the severity of a true verdict does not keep it"

report "$(finding a.json 3 5 IAM201 critical)"
verdicts 'a.json\t3\t5\tIAM201\t/Statement/0\tcritical\tmaybe\tunsure'
expect 2 "verdicts.tsv:2: the verdict is \"maybe\"" "an unknown verdict is an error with its line"
verdicts 'a.json\t3\t5\tIAM201\t/Statement/0\tcritical\ttrue'
expect 2 "expected 8 tab-separated fields" "a line without a reason is an error"
verdicts 'a.json\t3\t5\tIAM201\t/Statement/0\thigh\ttoo-severe:critical\twrong way'
expect 2 "must name a severity below high" "too-severe must name a lower severity"

[ "$failures" -eq 0 ] && echo "PASS" || { echo "$failures failed"; exit 1; }
