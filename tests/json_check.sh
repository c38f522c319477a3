#!/bin/bash
# govdisclose-parse --check FILE.json: the reader of report_from_jsonb and
# the rules, outside PostgreSQL.  The reader and the rules are one code
# (report_json.c, rules.c) fed by jsonb in SQL and by JSON text here, so
# they must agree with SQL exactly:
#   - on ~400 reports (the fixtures, tools/gen-reports with blanks, and the
#     same with cells changed so that rules break), every finding printed
#     is violations()'s row (rule, severity, message), in the same order,
#     and the exit status is check_report's verdict;
#   - on documents of the wrong shape, the refusal is report_from_jsonb's
#     error message;
#   - what only the text reader sees (syntax, duplicate keys, \u0000,
#     numbers outside numeric) is refused with a message.
# Uses PGHOST/PGPORT/PGUSER; creates and drops its own database.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
db_prefix=gd_json_check
. "$top/tests/lib/scratch_db.sh"
make -s -C "$top" tools/govdisclose-parse tools/gen-reports >/dev/null || exit 1
cli=$top/tools/govdisclose-parse
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok - $1"; }
bad() { fail=$((fail + 1)); echo "not ok - $1"; }

# --- reports: findings and verdicts -----------------------------------
mkdir -p "$tmp/r"
psql -X -q -v ON_ERROR_STOP=1 -d "$db" >/dev/null <<EOF || { echo "FAIL: could not make the reports"; exit 1; }
CREATE TABLE r (id serial PRIMARY KEY, j jsonb);
\copy r(j) FROM PROGRAM '$top/tools/gen-reports --count 120 --seed 71 --format mixed'
\copy r(j) FROM PROGRAM '$top/tools/gen-reports --count 80 --seed 72 --format mixed --blanks 10'
\set r21 \`cat $top/tests/fixtures/report-2021.json\`
\set r19 \`cat $top/tests/fixtures/report-2019.json\`
INSERT INTO r(j) VALUES (:'r21'), (:'r19');
-- the same reports with one count changed, one cell of the other format
-- filled, a negative count, or an unknown format: every rule breaks somewhere
INSERT INTO r(j)
SELECT CASE id % 4
		WHEN 0 THEN jsonb_set(j, '{requests,granted,total}', to_jsonb(id % 7 + 1))
		WHEN 1 THEN jsonb_set(j, '{appeals,litigation_direct,upheld}', to_jsonb(-(id % 3 + 1)))
		WHEN 2 THEN jsonb_set(j, '{proactive,fees,amount_10k_yuan}', '12.50')
		ELSE jsonb_set(j, '{format}', to_jsonb('20' || repeat('=', id % 50) || '（五）'))
	END
FROM r WHERE id <= 200;
EOF
psql -X -At -F '	' -d "$db" -c "SELECT id, j FROM r ORDER BY id" |
	while IFS='	' read -r id j; do printf '%s' "$j" > "$tmp/r/$(printf %04d "$id").json"; done
n=$(ls "$tmp/r" | wc -l)

# what SQL says: "file: rule severity: message" lines, and check_report's verdicts
psql -X -At -d "$db" -c "
	SELECT format('$tmp/r/%s.json: %s %s: %s', lpad(id::text, 4, '0'), v.rule, v.severity, v.message)
	FROM r, LATERAL govdisclose.violations(govdisclose.report_from_jsonb(j)) WITH ORDINALITY v
	ORDER BY id, v.ordinality" > "$tmp/sql.out"
refused_sql=$(psql -X -q -At -d "$db" -c "
	CREATE FUNCTION pg_temp.passes(j jsonb) RETURNS boolean LANGUAGE plpgsql AS
	\$\$ BEGIN RETURN govdisclose.check_report(govdisclose.report_from_jsonb(j));
	EXCEPTION WHEN check_violation THEN RETURN false; END \$\$;
	SELECT count(*) FILTER (WHERE NOT pg_temp.passes(j)) FROM r")

"$cli" --check "$tmp"/r/*.json > "$tmp/cli.out" 2> "$tmp/cli.err"
rc=$?
if cmp -s "$tmp/sql.out" "$tmp/cli.out"; then
	ok "findings of $n reports: the same rows as violations() ($(wc -l < "$tmp/sql.out") findings)"
else
	bad "findings of $n reports differ from violations()"
	diff "$tmp/sql.out" "$tmp/cli.out" | head -n 20
fi
if grep -q "^govdisclose-parse: $((n - refused_sql)) reports complete and consistent, $refused_sql refused$" "$tmp/cli.err"; then
	ok "verdicts: $refused_sql of $n refused, as check_report refuses them"
else
	bad "verdicts differ from check_report ($refused_sql refused in SQL)"
	tail -n 1 "$tmp/cli.err"
fi
[ "$refused_sql" -gt 0 ] && [ "$rc" -eq 1 ] && ok "exit status 1 when some report is refused" ||
	bad "exit status $rc"
"$cli" --check "$top/tests/fixtures/report-2021.json" "$top/tests/fixtures/report-2019.json" \
	> "$tmp/good.out" 2>/dev/null
rc=$?
[ "$rc" -eq 0 ] && [ ! -s "$tmp/good.out" ] && ok "complete, consistent reports: no finding, exit status 0" ||
	bad "complete reports: exit status $rc"

# --- documents of the wrong shape: report_from_jsonb's message ----------
long_key=$(printf 'k%.0s' $(seq 5000))
cjk_key=$(printf '键%.0s' $(seq 100))
i=0
while IFS= read -r doc; do
	i=$((i + 1))
	printf '%s' "$doc" > "$tmp/bad$i.json"
	want=$(echo "SELECT govdisclose.report_from_jsonb(:'doc')" |
		psql -X -At -d "$db" -v doc="$doc" 2>&1 >/dev/null | sed -n 's/^ERROR:  //p')
	got=$("$cli" --check "$tmp/bad$i.json" 2>&1 >/dev/null | sed -n "s|^$tmp/bad$i.json: not report JSON: ||p")
	if [ -n "$want" ] && [ "$want" = "$got" ]; then
		ok "refused as in SQL: $want"
	else
		bad "document $i: SQL says [$want], --check says [$got]"
	fi
done <<EOF
[]
"2021"
null
{"formt": "2021"}
{"requests": {"new_received": {"totl": 1}}}
{"requests": {"denied": {"state_secret": {"extra": 2}}}}
{"requests": {"new_received": {"total": "7"}}}
{"requests": {"new_received": {"total": true}}}
{"requests": {"new_received": {"total": [7]}}}
{"requests": {"new_received": {"total": {"value": 7}}}}
{"requests": {"new_received": 7}}
{"requests": [1, 2]}
{"requests": {"new_received": {"total": 7.5}}}
{"requests": {"new_received": {"total": 1e-3}}}
{"requests": {"new_received": {"total": -0.55e1}}}
{"requests": {"new_received": {"total": 9223372036854775808}}}
{"requests": {"new_received": {"total": -9223372036854775809}}}
{"requests": {"new_received": {"total": 1e30}}}
{"year": 2147483648}
{"year": -2147483649}
{"year": "2021"}
{"agency": 12}
{"proactive": {"fees": {"amount_10k_yuan": "12.5万元"}}}
{"overview": {"text": "x"}}
{"$long_key": 1}
{"$cjk_key": 1}
{"year": 1e1000}
{"year": 12345678901234567890123456789012345678901234567890123456789012345678901234567890}
EOF

# --- what only the text reader sees --------------------------------------
j=0
while IFS='|' read -r doc want; do
	j=$((j + 1))
	printf '%s' "$doc" > "$tmp/text$j.json"
	got=$("$cli" --check "$tmp/text$j.json" 2>&1 >/dev/null | sed -n "s|^$tmp/text$j.json: not report JSON: ||p")
	case "$got" in
		*"$want"*) ok "text reader refuses [$doc]: $got" ;;
		*) bad "text reader on [$doc]: [$got], expected [$want]" ;;
	esac
done <<'EOF'
{"format": "2021",}|invalid JSON at byte 18: expected a key
{"format": "2021"} x|invalid JSON at byte 19: text after the end of the document
{"year": 01}|invalid JSON at byte 10: expected "," or "}"
{"agency": "a\u0000b"}|\u0000 cannot be converted to text
{"agency": "\ud800"}|unpaired Unicode high surrogate
{"year": 2021, "year": 2022}|duplicate key "year" in report JSON
{"processing_fee_yuan": 1e200000}|is out of range for type numeric
{"processing_fee_yuan": 1e-20000}|is out of range for type numeric
EOF
printf '{"agency": "\351"}' > "$tmp/latin1.json"
"$cli" --check "$tmp/latin1.json" 2>&1 >/dev/null | grep -q "invalid UTF-8" &&
	ok "Latin-1 text is refused as invalid UTF-8" || bad "Latin-1 text is not refused"
deep=$(printf '[%.0s' $(seq 2000))
printf '%s' "$deep" > "$tmp/deep.json"
"$cli" --check "$tmp/deep.json" 2>&1 >/dev/null | grep -q "nested too deeply" &&
	ok "2000 nested arrays: refused, no recursion" || bad "deep nesting"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
