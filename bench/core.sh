#!/bin/bash
# Benchmark of the core (issue 2): what the constraint costs.
#
# 1. Bulk COPY of N generated reports (text form) into a table whose column
#    is govdisclose.valid_report, and into one with CHECK (check_report(r)),
#    against the same table with a plain govdisclose.report column.
#    Target: valid_report at most 1.05x plain.
# 2. check_report against the same rules written as a plain SQL expression
#    over the fields and as a PL/pgSQL function.  Both baselines are
#    generated from govdisclose.layout and govdisclose.equations, so they
#    check exactly what check_report checks.  Target: >= 20x faster.
# 3. Storage per report.
#
# BENCH_N (default 1000000) reports; BENCH_REPS (default 3) runs of each COPY.
set -eu
. "$(dirname "$0")/lib/common.sh"
top=${GD_TOP:-$(cd "$(dirname "$0")/.." && pwd)}
N=${BENCH_N:-1000000}
REPS=${BENCH_REPS:-3}
CHECKN=$((N < 200000 ? N : 200000))
db=gd_bench_core
scratch=$(bench_scratch)
trap 'rm -rf "$scratch"; dropdb --if-exists $db >/dev/null 2>&1 || true' EXIT

dropdb --if-exists $db >/dev/null 2>&1
createdb -T template0 -E UTF8 $db
psql -X -q -d $db -c 'CREATE EXTENSION govdisclose'

echo "generating $N reports (both formats) ..."
"$top/tools/gen-reports" --count "$N" --seed 2026 --format mixed >"$scratch/reports.jsonl"
psql -X -q -d $db -v ON_ERROR_STOP=1 <<SQL
CREATE UNLOGGED TABLE stage (j jsonb);
\copy stage FROM '$scratch/reports.jsonl'
CREATE UNLOGGED TABLE src AS SELECT govdisclose.report_from_jsonb(j) AS r FROM stage;
DROP TABLE stage;
COPY src TO '$scratch/reports.copy';
CREATE UNLOGGED TABLE t_plain (r govdisclose.report);
CREATE UNLOGGED TABLE t_valid (r govdisclose.valid_report);
CREATE UNLOGGED TABLE t_checked (r govdisclose.report CHECK (govdisclose.check_report(r)));
VACUUM ANALYZE src;
SQL
rm -f "$scratch/reports.jsonl"
size_mb=$(du -m "$scratch/reports.copy" | cut -f1)
echo "COPY file: ${size_mb} MB of report text"

# the order of the tables turns with each run, so that none always goes
# first (with a cold cache) or last
declare -A runs
tables=(t_plain t_valid t_checked)
for rep in $(seq "$REPS"); do
	for k in 0 1 2; do
		t=${tables[$(((k + rep - 1) % 3))]}
		psql -X -q -d $db -c "TRUNCATE $t" -c "CHECKPOINT"
		ms=$(bench_ms $db "COPY $t FROM '$scratch/reports.copy'")
		runs[$t]="${runs[$t]:-} $ms"
		echo "  run $rep: COPY into $t: $ms ms"
	done
done
plain=$(bench_median ${runs[t_plain]})
valid=$(bench_median ${runs[t_valid]})
checked=$(bench_median ${runs[t_checked]})

# --- check_report against SQL and PL/pgSQL baselines --------------------
psql -X -q -d $db -v ON_ERROR_STOP=1 <<'SQL'
-- the conditions of one format, as SQL text over (r)
CREATE FUNCTION conditions(fmt text) RETURNS SETOF text LANGUAGE sql AS $$
    SELECT format('(r).%s IS NOT NULL', key_path)
    FROM govdisclose.layout WHERE format = fmt AND required
  UNION ALL
    SELECT format('(r).%s >= 0', key_path)
    FROM govdisclose.layout
    WHERE format = fmt AND kind IN ('count', 'amount') AND section IS NOT NULL
  UNION ALL
    SELECT DISTINCT format('(r).%s IS NULL', o.key_path)
    FROM govdisclose.layout o
    WHERE o.format <> fmt
      AND NOT EXISTS (SELECT FROM govdisclose.layout s WHERE s.format = fmt AND s.key_path = o.key_path)
  UNION ALL
    SELECT format('%s = %s',
                  (SELECT string_agg('(r).' || c, ' + ') FROM unnest(expected) c),
                  (SELECT string_agg('(r).' || c, ' + ') FROM unnest(actual) c))
    FROM govdisclose.equations WHERE format = fmt AND relation = '='
$$;
SELECT format('CREATE FUNCTION sql_check(r govdisclose.report) RETURNS boolean
               LANGUAGE sql IMMUTABLE AS $f$ SELECT CASE (r).format WHEN %L THEN %s WHEN %L THEN %s ELSE false END $f$',
              '2021', (SELECT string_agg(c, E'\n AND ') FROM conditions('2021') c),
              '2019', (SELECT string_agg(c, E'\n AND ') FROM conditions('2019') c)) \gexec
SELECT format('CREATE FUNCTION plpgsql_check(r govdisclose.report) RETURNS boolean
               LANGUAGE plpgsql IMMUTABLE AS $f$
               BEGIN
                 IF (r).format = %L THEN
                   %s
                   RETURN true;
                 ELSIF (r).format = %L THEN
                   %s
                   RETURN true;
                 END IF;
                 RETURN false;
               END $f$',
              '2021', (SELECT string_agg(format('IF NOT coalesce(%s, false) THEN RETURN false; END IF;', c), E'\n') FROM conditions('2021') c),
              '2019', (SELECT string_agg(format('IF NOT coalesce(%s, false) THEN RETURN false; END IF;', c), E'\n') FROM conditions('2019') c)) \gexec
SQL
# reports kept uncompressed (STORAGE PLAIN), as a CHECK sees them on INSERT
psql -X -q -d $db -v ON_ERROR_STOP=1 -c "CREATE UNLOGGED TABLE chk (r govdisclose.report)" \
	-c "ALTER TABLE chk ALTER COLUMN r SET STORAGE PLAIN" \
	-c "INSERT INTO chk SELECT r FROM src LIMIT $CHECKN" -c "VACUUM ANALYZE chk"

# the three agree on complete, broken and blank reports
agree=$(psql -X -At -d $db -v ON_ERROR_STOP=1 <<'SQL'
WITH sample AS (
    SELECT govdisclose.report_from_jsonb(
             CASE i % 4
               WHEN 0 THEN j
               WHEN 1 THEN jsonb_set(j, '{requests,granted,total}', to_jsonb(i))
               WHEN 2 THEN jsonb_set(j, '{appeals,reconsideration,upheld}', 'null')
               ELSE jsonb_set(j, '{proactive,licensing,decisions}', '-1') END) AS r
    FROM (SELECT to_jsonb(r) AS j, row_number() OVER () AS i FROM chk LIMIT 2000) s)
SELECT count(*) FILTER (WHERE
         sql_check(r) IS DISTINCT FROM
           NOT EXISTS (SELECT FROM govdisclose.violations(r) WHERE severity <> 'warning')
         OR plpgsql_check(r) IS DISTINCT FROM sql_check(r))
FROM sample;
SQL
)

base_runs="" c_runs="" s_runs="" p_runs=""
for rep in $(seq "$REPS"); do
	base_runs="$base_runs $(bench_ms $db 'SELECT count(r) FROM chk')"
	c_runs="$c_runs $(bench_ms $db 'SELECT count(*) FROM chk WHERE govdisclose.check_report(r)')"
	s_runs="$s_runs $(bench_ms $db 'SELECT count(*) FROM chk WHERE sql_check(r)')"
	p_runs="$p_runs $(bench_ms $db 'SELECT count(*) FROM chk WHERE plpgsql_check(r)')"
done
base=$(bench_median $base_runs)
c=$(bench_median $c_runs)
s=$(bench_median $s_runs)
p=$(bench_median $p_runs)
net() { awk -v a="$1" -v b="$2" 'BEGIN {d = a - b; printf "%.1f", (d > 0) ? d : 0.1}'; }
per_row() { awk -v a="$1" -v b="$2" -v n="$CHECKN" 'BEGIN {printf "%.2f", (a - b) * 1000 / n}'; }

size=$(psql -X -At -d $db -c "SELECT round(avg(pg_column_size(r))) FROM t_plain")
tsize=$(psql -X -At -d $db -c "SELECT round(pg_total_relation_size('t_plain') / $N.0)")
textsize=$(psql -X -At -d $db -c "SELECT round(avg(octet_length(r::text))) FROM chk")

cat <<TABLE

govdisclose core benchmark: $N reports, median of $REPS runs
| measure                                         | time          | ratio   | target  |
|-------------------------------------------------|---------------|---------|---------|
| COPY into plain report column (baseline)        | ${plain} ms   | 1.00    |         |
| COPY into valid_report column                   | ${valid} ms   | $(bench_ratio "$valid" "$plain")    | <= 1.05 |
| COPY into report column with CHECK check_report | ${checked} ms | $(bench_ratio "$checked" "$plain")    |         |
| scan of $CHECKN reports, count(r) (baseline)    | ${base} ms    |         |         |
| check_report, per report                        | $(per_row "$c" "$base") us | 1.00    |         |
| same rules as SQL expression, per report        | $(per_row "$s" "$base") us | $(bench_ratio "$(net "$s" "$base")" "$(net "$c" "$base")")x slower | >= 20x |
| same rules in PL/pgSQL, per report              | $(per_row "$p" "$base") us | $(bench_ratio "$(net "$p" "$base")" "$(net "$c" "$base")")x slower | >= 20x |
| storage: pg_column_size(report), average        | ${size} bytes |         |         |
| storage: table size per report (with TOAST)     | ${tsize} bytes|         |         |
| text form of a report, average                  | ${textsize} bytes |     |         |
verdicts of check_report, SQL and PL/pgSQL that differ on 2000 mixed reports: ${agree}
TABLE
[ "$agree" = 0 ]
