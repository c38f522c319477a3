#!/bin/bash
# tests/analysis.sh: properties of report_sum, trend and report_trend over
# reports from tools/gen-reports (an independent generator: the regression
# tests use their own, tests/gen_reports.sql), at a size where parallel
# plans pay off:
#
#   1. the sum of consistent, complete reports is consistent, for many
#      groupings; with blank cells (--blanks), every rule a sum breaks
#      involves a cell that some report of the group left blank;
#   2. every cell of report_sum is the sum() of that cell (through JSON);
#   3. report_sum, trend and report_trend give the serial result in forced
#      parallel plans, also grouped, also with workers that see no row;
#   4. docs/analysis.md (or README.md, once folded in) gives the formula of
#      every indicator as the view govdisclose.indicator_definitions has it.
#
# PGHOST/PGPORT/PGUSER of a server with govdisclose installed; creates and
# drops its own database.  Exits non-zero when a property fails.
set -euo pipefail
top=${GD_TOP:-$(cd "$(dirname "$0")/.." && pwd)}
db=gd_test_analysis_$$
tmp=$(mktemp -d /tmp/gd-analysis.XXXXXX)
chmod 755 "$tmp"
trap 'rm -rf "$tmp"; dropdb --if-exists $db >/dev/null 2>&1 || true' EXIT

q() { psql -X -q -v ON_ERROR_STOP=1 -d $db "$@"; }

. "$top/tests/lib/common.sh"
need_gen_reports

createdb -T template0 -E UTF8 $db
q -c 'CREATE EXTENSION govdisclose'
"$gen" --count 3000 --seed 11 --format mixed >"$tmp/full.jsonl"
"$gen" --count 1000 --seed 12 --format mixed --blanks 3 >"$tmp/blanks.jsonl"
q <<SQL
CREATE TABLE stage (j jsonb);
\copy stage FROM '$tmp/full.jsonl'
CREATE TABLE full_reports AS
	SELECT row_number() OVER () AS id, govdisclose.report_from_jsonb(j) AS r FROM stage;
TRUNCATE stage;
\copy stage FROM '$tmp/blanks.jsonl'
CREATE TABLE blank_reports AS
	SELECT row_number() OVER () AS id, govdisclose.report_from_jsonb(j) AS r FROM stage;
DROP TABLE stage;
-- a bigger table for parallel plans, with plain columns to group by
CREATE TABLE many AS
	SELECT f.id * 10 + k AS id, (f.r).format AS format, (f.r).year AS year,
		   (f.r).agency AS agency, f.r
	FROM full_reports f, generate_series(1, 10) k;
ANALYZE full_reports, blank_reports, many;
SQL

# 1. consistency is kept by adding
bad=$(q -Atc "SELECT count(*) FROM full_reports WHERE NOT govdisclose.is_consistent(r)")
[ "$bad" = 0 ] || fail "$bad generated reports are not consistent to begin with"
for modulus in 1 2 7 50 500; do
	res=$(q -Atc "SELECT count(*), count(*) FILTER (WHERE NOT govdisclose.is_consistent(s))
		FROM (SELECT govdisclose.report_sum(r) s FROM full_reports GROUP BY (r).format, id % $modulus) x")
	[ "${res#*|}" = 0 ] || fail "report_sum of consistent reports, grouped by id % $modulus: ${res#*|} of ${res%|*} sums break a rule"
done
echo "ok: the sum of consistent, complete reports is consistent (5 groupings)"
# With blank cells a cell adds up what was filled, so an equation between
# cells that different reports left blank need not hold in the sum; every
# error of such a sum must involve a cell that some report of the group left
# blank.
res=$(q -Atc "
WITH sums AS (
	SELECT (r).format AS f, id % 20 AS g, govdisclose.report_sum(r) AS s
	FROM blank_reports GROUP BY 1, 2),
errors AS (
	SELECT x.f, x.g, v.cells FROM sums x, govdisclose.violations(x.s) v WHERE v.severity = 'error')
SELECT count(*), count(*) FILTER (WHERE NOT EXISTS (
	SELECT 1 FROM blank_reports b, unnest(e.cells) c
	WHERE (b.r).format = e.f AND b.id % 20 = e.g
	  AND jsonb_typeof(to_jsonb(b.r) #> string_to_array(c, '.')) IS DISTINCT FROM 'number'))
FROM errors e")
[ "${res#*|}" = 0 ] || fail "report_sum of reports with blanks: ${res#*|} of ${res%|*} broken rules involve no blank cell"
echo "ok: with blank cells, every rule a sum breaks involves a cell some report left blank (${res%|*} such findings)"

# 2. every cell is the sum() of that cell
diff=$(q -Atc "
WITH RECURSIVE cells(f, s, path, value) AS (
	SELECT f, s, e.key, e.value FROM (
		SELECT 'each' AS s, (r).format AS f, to_jsonb(r) AS j FROM blank_reports
		UNION ALL
		SELECT 'sum', (r).format, to_jsonb(govdisclose.report_sum(r)) FROM blank_reports GROUP BY (r).format) x,
		jsonb_each(x.j) e
	UNION ALL
	SELECT c.f, c.s, c.path || '.' || e.key, e.value
	FROM cells c, jsonb_each(c.value) e WHERE jsonb_typeof(c.value) = 'object'),
nums AS (
	SELECT f, s, path, (value #>> '{}')::numeric AS v FROM cells
	WHERE jsonb_typeof(value) = 'number' AND path NOT IN ('year', 'proactive.procurement.amount')),
expected AS (SELECT f, path, sum(v) v FROM nums WHERE s = 'each' GROUP BY 1, 2),
actual AS (SELECT f, path, v FROM nums WHERE s = 'sum')
SELECT count(*) FILTER (WHERE e.v IS DISTINCT FROM a.v) || ' of ' || count(*)
FROM expected e FULL JOIN actual a USING (f, path)")
[ "${diff%% *}" = 0 ] || fail "report_sum differs from sum() in $diff cells"
echo "ok: every cell of report_sum is the sum() of the cell ($diff differ)"

# 3. parallel plans give the serial result
serial="SET max_parallel_workers_per_gather = 0;"
parallel="SET max_parallel_workers_per_gather = 2; SET parallel_setup_cost = 0;
	SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0; SET force_parallel_mode = on;"
check_parallel() {
	local name=$1 sql=$2 a b plan
	plan=$(q -Atc "$parallel EXPLAIN (COSTS OFF) $sql")
	grep -q "Partial" <<<"$plan" || fail "$name: no partial aggregation in the parallel plan:
$plan"
	a=$(q -Atc "$serial $sql" | md5sum)
	b=$(q -Atc "$parallel $sql" | md5sum)
	[ "$a" = "$b" ] || fail "$name: the parallel result differs from the serial one"
	echo "ok: $name in a parallel plan equals the serial result"
}
check_parallel "report_sum" \
	"SELECT format, govdisclose.report_sum(r)::text FROM many GROUP BY format ORDER BY format"
check_parallel "report_sum, one matching row per 997" \
	"SELECT govdisclose.report_sum(r)::text FROM many WHERE id % 997 = 3 AND format = '2021'"
check_parallel "trend" \
	"SELECT format, govdisclose.trend(year, (r).requests.total_handled.total)::text FROM many GROUP BY format ORDER BY format"
check_parallel "report_trend" \
	"SELECT govdisclose.report_trend(r)::text FROM many WHERE id % 3 = 0"
check_parallel "empty input" \
	"SELECT govdisclose.report_sum(r) IS NULL, govdisclose.trend(year, 1) IS NULL, govdisclose.report_trend(r) IS NULL FROM many WHERE (r).year > 3000"

# 4. the documentation gives every formula as the view does
docs=
for f in "$top/docs/analysis.md" "$top/README.md"; do
	[ -f "$f" ] && docs="$docs $f"
done
missing=$(q -Atc "SELECT format('| \`%s\` | %s | %s |', indicator, kind,
		CASE kind WHEN 'rate' THEN format('(%s) / (%s)', numerator, denominator) ELSE numerator END)
	FROM govdisclose.indicator_definitions ORDER BY position" |
	while IFS= read -r line; do
		grep -qF -- "$line" $docs || printf '%s\n' "$line"
	done)
[ -z "$missing" ] || fail "these indicator formulas are not in the documentation ($docs):
$missing"
echo "ok: the documentation gives the formula of every indicator"
echo "PASS: tests/analysis.sh"
