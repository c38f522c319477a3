#!/bin/sh
# bench/analysis.sh: the performance targets of the analysis aggregates,
# measured in one run against baselines in the same run.
#
#   1. report_sum over REPORTS reports (default 1,000,000), serial, against
#      the floor: the built-in sum() over every one of the same cells stored
#      as plain bigint columns of a flat table.            target: <= 1.5x
#   2. report_sum with 2 parallel workers against serial.   target: >= 1.7x
#   3. trend over AGENCIES agencies x 6 years (default 100,000), one trend
#      per agency, against the built-in regr_slope over the same numbers.
#                                                           target: <= 1.3x
#
# Every query runs REPEAT times (default 5), interleaved with its baseline,
# and the fastest run counts: on a shared machine the minimum is the best
# estimate of what the query costs.  Prints a table of ratios.  Never fails
# on a missed target (benchmarks do not gate tests); fails only when a
# query fails.
#
# Uses PGHOST/PGPORT/PGUSER of a server where govdisclose is installed;
# creates (and leaves, for inspection) the database govdisclose_bench.
# Run from the top of the repository:  sh bench/analysis.sh
set -eu

REPORTS=${REPORTS:-1000000}
AGENCIES=${AGENCIES:-100000}
REPEAT=${REPEAT:-5}
DB=${BENCH_DB:-govdisclose_bench}
DISTINCT=1000			# distinct generated reports, repeated to REPORTS
top=$(cd "$(dirname "$0")/.." && pwd)

psql_admin() { psql -X -q -v ON_ERROR_STOP=1 -d postgres "$@"; }
psql_db() { psql -X -q -v ON_ERROR_STOP=1 -d "$DB" "$@"; }

echo "govdisclose analysis benchmark: $REPORTS reports, $AGENCIES agencies x 6 years, best of $REPEAT"
psql_admin -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
psql_db -c "CREATE EXTENSION govdisclose"
psql_db -f "$top/tests/gen_reports.sql" >/dev/null

# lz4 where the server has it: reports are ~3 kB and compressed in the
# table; lz4 decompresses several times faster than the default pglz.
compression=pglz
if psql_db -c "CREATE TEMP TABLE probe (r text COMPRESSION lz4)" >/dev/null 2>&1; then
	compression=lz4
fi

echo "loading (report column compression: $compression) ..."
psql_db <<SQL
SET client_min_messages = warning;
CREATE TABLE base (r govdisclose.report COMPRESSION $compression);
INSERT INTO base SELECT gdgen.report(s, '2021') FROM generate_series(1, $DISTINCT) s;

CREATE TABLE reports (r govdisclose.report COMPRESSION $compression);
INSERT INTO reports
	SELECT b.r FROM base b, generate_series(1, ($REPORTS + $DISTINCT - 1) / $DISTINCT) g
	LIMIT $REPORTS;

-- the floor: the same cells as plain bigint columns (amounts in 1/10000)
SELECT format('CREATE TABLE flat_base AS SELECT %s FROM base',
	string_agg(format('((r).%s%s)::bigint AS c%s', key_path,
					  CASE kind WHEN 'amount' THEN ' * 10000' ELSE '' END, "position"),
			   ', ' ORDER BY "position"))
FROM govdisclose.layout
WHERE format = '2021' AND kind IN ('count', 'signed count', 'amount') \gexec
CREATE TABLE flat AS
	SELECT f.* FROM flat_base f, generate_series(1, ($REPORTS + $DISTINCT - 1) / $DISTINCT) g
	LIMIT $REPORTS;

CREATE TABLE series AS
	SELECT a AS agency, 2019 + y AS year,
		   ((a * 7919 + y * 104729) % 100000)::numeric AS value
	FROM generate_series(1, $AGENCIES) a, generate_series(0, 5) y;

VACUUM ANALYZE base, reports, flat, series;
SQL

cells=$(psql_db -Atc "SELECT count(*) FROM govdisclose.layout WHERE format = '2021' AND kind IN ('count', 'signed count', 'amount')")
floor_sql=$(psql_db -Atc "SELECT 'SELECT ' || string_agg(format('sum(c%s)', \"position\"), ', ') || ' FROM flat'
	FROM govdisclose.layout WHERE format = '2021' AND kind IN ('count', 'signed count', 'amount')")

serial="SET max_parallel_workers_per_gather = 0;"
parallel="SET max_parallel_workers_per_gather = 2; SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;"
common="SET work_mem = '256MB'; SET jit = off;"

# the time in ms of one run of a query (the last statement of $1)
run_ms() {
	printf '%s\n\\timing on\n%s\n' "$common" "$1" |
		psql_db -o /dev/null 2>&1 | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | tail -1
}

# best of REPEAT runs for each of the named queries, interleaved
measure() {
	i=0
	while [ $i -lt "$REPEAT" ]; do
		for name in "$@"; do
			eval "q=\$q_$name"
			t=$(run_ms "$q")
			[ -n "$t" ] || { echo "query $name failed: $q" >&2; exit 1; }
			eval "best=\${best_$name:-}"
			if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then
				eval "best_$name=$t"
			fi
		done
		i=$((i + 1))
	done
}

q_floor="$serial $floor_sql;"
q_sum="$serial SELECT govdisclose.report_sum(r) FROM reports;"
q_sum_par="$parallel SELECT govdisclose.report_sum(r) FROM reports;"
q_regr="$serial SELECT sum(s) FROM (SELECT regr_slope(value, year) s FROM series GROUP BY agency) x;"
q_trend="$serial SELECT sum((t).slope) FROM (SELECT govdisclose.trend(year, value) t FROM series GROUP BY agency) x;"

echo "checking the plans and results ..."
psql_db -Atc "$parallel EXPLAIN (COSTS OFF) SELECT govdisclose.report_sum(r) FROM reports" | grep -q "Partial Aggregate" ||
	{ echo "report_sum did not get a parallel plan" >&2; exit 1; }
same=$(psql_db -Atc "$serial CREATE TEMP TABLE s1 AS SELECT govdisclose.report_sum(r) v FROM reports;
	$parallel SELECT (SELECT v FROM s1)::text = (SELECT govdisclose.report_sum(r) FROM reports)::text")
[ "$same" = t ] || { echo "parallel report_sum differs from serial" >&2; exit 1; }

echo "measuring ..."
measure floor sum sum_par regr trend

ratio() { echo "scale=2; $1 / $2" | bc -l; }
verdict() { if [ "$(echo "$1" | bc -l)" = 1 ]; then echo met; else echo MISSED; fi; }

r1=$(ratio "$best_sum" "$best_floor")
r2=$(ratio "$best_sum" "$best_sum_par")
r3=$(ratio "$best_trend" "$best_regr")
printf '\n%-58s %10s %10s %8s %8s %s\n' "measure" "ours ms" "base ms" "ratio" "target" ""
printf '%-58s %10s %10s %8s %8s %s\n' "report_sum, $REPORTS reports vs sum() of $cells bigint columns" \
	"$best_sum" "$best_floor" "${r1}x" "<=1.5x" "$(verdict "$r1 <= 1.5")"
printf '%-58s %10s %10s %8s %8s %s\n' "report_sum, 2 parallel workers vs serial (speed-up)" \
	"$best_sum_par" "$best_sum" "${r2}x" ">=1.7x" "$(verdict "$r2 >= 1.7")"
printf '%-58s %10s %10s %8s %8s %s\n' "trend, $AGENCIES agencies x 6 years vs regr_slope" \
	"$best_trend" "$best_regr" "${r3}x" "<=1.3x" "$(verdict "$r3 <= 1.3")"
echo
echo "($(nproc) CPUs; load average $(cut -d' ' -f1-3 /proc/loadavg); report compression $compression)"
