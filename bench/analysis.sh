#!/bin/bash
# Benchmark of the analysis aggregates (issue 4), against baselines in the
# same run:
#
#   1. report_sum over N reports (default 1,000,000), serial, against the
#      floor: the built-in sum() over every one of the same cells stored as
#      plain bigint columns of a flat table.                target: <= 1.5x
#   2. report_sum with 2 parallel workers against serial.   target: >= 1.7x
#   3. trend over N/10 agencies x 6 years (100,000 x 6), one trend per
#      agency, against the built-in regr_slope over the same numbers.
#                                                           target: <= 1.3x
#
# The reports are the 2021-format reports of tools/gen-reports (1,000
# distinct ones, repeated), stored with lz4 compression where the server
# has it (a report is ~2.6 kB; pglz, the default, decompresses slower).
# The same sum is also timed over uncompressed reports (STORAGE PLAIN), for
# comparison.  Every query runs BENCH_REPS times (default 5), interleaved
# with its baseline, and the fastest run counts: on a shared machine the
# minimum is the best estimate of what a query costs.  Prints a table of
# ratios; never fails on a missed target, only when a query fails.
#
# PGHOST/PGPORT/PGUSER of a server with govdisclose installed; creates and
# drops the database gd_bench_analysis.  tools/bench runs it.
set -eu
. "$(dirname "$0")/lib/common.sh"
top=${GD_TOP:-$(cd "$(dirname "$0")/.." && pwd)}
N=${BENCH_N:-1000000}
REPS=${BENCH_REPS:-5}
AGENCIES=$((N / 10))
DISTINCT=$((N < 1000 ? N : 1000))
db=gd_bench_analysis
scratch=$(bench_scratch)
trap 'rm -rf "$scratch"; dropdb --if-exists $db >/dev/null 2>&1 || true' EXIT

q() { psql -X -q -v ON_ERROR_STOP=1 -d $db "$@"; }

dropdb --if-exists $db >/dev/null 2>&1
createdb -T template0 -E UTF8 $db
q -c 'CREATE EXTENSION govdisclose'

compression=pglz
if q -c "CREATE TEMP TABLE probe (r text COMPRESSION lz4)" >/dev/null 2>&1; then
	compression=lz4
fi

echo "generating $DISTINCT distinct 2021-format reports, $N rows (compression $compression) ..."
[ -x "$top/tools/gen-reports" ] || make -s -C "$top" tools/gen-reports
"$top/tools/gen-reports" --count $DISTINCT --seed 4 --format 2021 >"$scratch/reports.jsonl"
q <<SQL
SET client_min_messages = warning;
CREATE UNLOGGED TABLE stage (j jsonb);
\copy stage FROM '$scratch/reports.jsonl'
CREATE UNLOGGED TABLE base (r govdisclose.report COMPRESSION $compression);
INSERT INTO base SELECT govdisclose.report_from_jsonb(j) FROM stage;
DROP TABLE stage;

CREATE UNLOGGED TABLE reports (r govdisclose.report COMPRESSION $compression);
INSERT INTO reports
	SELECT b.r FROM base b, generate_series(1, ($N + $DISTINCT - 1) / $DISTINCT) g LIMIT $N;
CREATE UNLOGGED TABLE reports_plain (r govdisclose.report);
ALTER TABLE reports_plain ALTER COLUMN r SET STORAGE PLAIN;
INSERT INTO reports_plain
	SELECT b.r FROM (SELECT row((r).*)::govdisclose.report AS r FROM base) b,
		generate_series(1, ($N + $DISTINCT - 1) / $DISTINCT) g LIMIT $N;

-- the floor: every count and amount cell of the format as a bigint column
-- (amounts in 1/10,000), built from the same reports
SELECT format('CREATE UNLOGGED TABLE flat_base AS SELECT %s FROM base',
	string_agg(format('((r).%s%s)::bigint AS c%s', key_path,
					  CASE kind WHEN 'amount' THEN ' * 10000' ELSE '' END, "position"),
			   ', ' ORDER BY "position"))
FROM govdisclose.layout
WHERE format = '2021' AND kind IN ('count', 'signed count', 'amount') \gexec
CREATE UNLOGGED TABLE flat AS
	SELECT f.* FROM flat_base f, generate_series(1, ($N + $DISTINCT - 1) / $DISTINCT) g LIMIT $N;

-- trend: AGENCIES x 6 years of numeric values
CREATE UNLOGGED TABLE series AS
	SELECT a AS agency, 2019 + y AS year,
		   ((a * 7919 + y * 104729) % 100000)::numeric AS value
	FROM generate_series(1, $AGENCIES) a, generate_series(0, 5) y;

VACUUM ANALYZE base, reports, reports_plain, flat, series;
SQL

cells=$(q -Atc "SELECT count(*) FROM govdisclose.layout WHERE format = '2021' AND kind IN ('count', 'signed count', 'amount')")
floor_sql=$(q -Atc "SELECT 'SELECT ' || string_agg(format('sum(c%s)', \"position\"), ', ') || ' FROM flat'
	FROM govdisclose.layout WHERE format = '2021' AND kind IN ('count', 'signed count', 'amount')")
size() { q -Atc "SELECT pg_size_pretty(pg_table_size('$1'))"; }
echo "tables: reports $(size reports), reports_plain $(size reports_plain), flat $(size flat)"

common="SET jit = off; SET work_mem = '256MB';"
serial="$common SET max_parallel_workers_per_gather = 0;"
parallel="$common SET max_parallel_workers_per_gather = 2; SET parallel_setup_cost = 0;
	SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;"

echo "checking plans and results ..."
q -Atc "$parallel EXPLAIN (COSTS OFF) SELECT govdisclose.report_sum(r) FROM reports" |
	grep -q "Partial Aggregate" || { echo "report_sum did not get a parallel plan" >&2; exit 1; }
same=$(q -Atc "$serial CREATE TEMP TABLE s1 AS SELECT govdisclose.report_sum(r)::text v FROM reports;
	$parallel SELECT (SELECT v FROM s1) = (SELECT govdisclose.report_sum(r)::text FROM reports)
		AND (SELECT v FROM s1) = (SELECT govdisclose.report_sum(r)::text FROM reports_plain)")
[ "$same" = t ] || { echo "report_sum: parallel, serial and uncompressed results differ" >&2; exit 1; }

# name -> SQL; all run REPS times, interleaved, best counts
declare -A sql best
sql[floor]="$serial $floor_sql"
sql[sum]="$serial SELECT govdisclose.report_sum(r) FROM reports"
sql[sum_plain]="$serial SELECT govdisclose.report_sum(r) FROM reports_plain"
sql[sum_par]="$parallel SELECT govdisclose.report_sum(r) FROM reports"
sql[regr]="$serial SELECT sum(s) FROM (SELECT regr_slope(value, year) s FROM series GROUP BY agency) x"
sql[trend]="$serial SELECT sum((t).slope) FROM (SELECT govdisclose.trend(year, value) t FROM series GROUP BY agency) x"
order="floor sum sum_plain sum_par regr trend"

echo "measuring (best of $REPS) ..."
for rep in $(seq "$REPS"); do
	for name in $order; do
		ms=$(bench_ms $db "${sql[$name]}")
		[ -n "$ms" ] || { echo "query $name failed" >&2; exit 1; }
		if [ -z "${best[$name]:-}" ] || awk -v a="$ms" -v b="${best[$name]}" 'BEGIN {exit !(a < b)}'; then
			best[$name]=$ms
		fi
	done
	echo "  round $rep: $(for name in $order; do printf '%s %s ms  ' "$name" "${best[$name]}"; done)"
done

row() {
	# what, ours, base, ratio, target, met?
	printf '%-62s %10s %10s %7sx %8s  %s\n' "$1" "$2" "$3" "$4" "$5" "$6"
}
met() { awk -v r="$1" -v t="$2" -v op="$3" 'BEGIN {print ((op == "le" ? r <= t : r >= t) ? "met" : "MISSED")}'; }

r1=$(bench_ratio "${best[sum]}" "${best[floor]}")
r1p=$(bench_ratio "${best[sum_plain]}" "${best[floor]}")
r2=$(bench_ratio "${best[sum]}" "${best[sum_par]}")
r3=$(bench_ratio "${best[trend]}" "${best[regr]}")
echo
printf '%-62s %10s %10s %8s %8s\n' "measure" "ours ms" "base ms" "ratio" "target"
row "report_sum, $N reports ($compression) vs sum() of $cells bigint columns" \
	"${best[sum]}" "${best[floor]}" "$r1" "<= 1.5x" "$(met "$r1" 1.5 le)"
row "report_sum, $N reports (uncompressed) vs the same floor" \
	"${best[sum_plain]}" "${best[floor]}" "$r1p" "<= 1.5x" "$(met "$r1p" 1.5 le)"
row "report_sum, 2 parallel workers vs serial (speed-up)" \
	"${best[sum_par]}" "${best[sum]}" "$r2" ">= 1.7x" "$(met "$r2" 1.7 ge)"
row "trend, $AGENCIES agencies x 6 years vs regr_slope" \
	"${best[trend]}" "${best[regr]}" "$r3" "<= 1.3x" "$(met "$r3" 1.3 le)"
echo "($(nproc) CPUs; load average at the end $(cut -d' ' -f1-3 /proc/loadavg))"
