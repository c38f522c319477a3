#!/bin/sh
# Render throughput on one core: render_report(r, style) for every style over
# a table of reports, against baselines measured in the same run on the same
# rows: the composite's own text output (r::text) and its canonical JSON
# (to_jsonb(r)::text), plus a bare scan (count(r)).  Then the plain-C core
# alone (tests/render_core.c bench), without PostgreSQL.
#
# The reports: the seed (驻马店市公安局 2021, with its narratives read from
# ../shared/seed/*.txt at run time) when ../shared is present, and invented
# reports of both formats with narratives of the same size.
#
# Each query runs 3 times; the best time counts.  Parallel query and JIT are
# off, so one backend (one core) does the work.
# Uses PGHOST/PGPORT/PGUSER; creates and drops its own database.
#   bench/render.sh [reports]          (default 30000)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-30000}
db_prefix=gd_bench_render
. "$top/tests/lib/scratch_db.sh"

seed="$top/../shared/seed/zhumadian-police-2021"
if [ -f "$seed.expected.json" ] && [ -f "$seed.txt" ]; then
	json=$(cat "$seed.expected.json")
	text=$(cat "$seed.txt")
	echo "reports: the seed and invented reports of both formats, $n rows"
else
	echo "SKIP: ../shared is absent; benchmarking invented reports only"
	json='{"format": "2021"}'
	text=""
fi

psql -X -q -d $db -v n="$n" -v json="$json" -v text="$text" >/dev/null <<'EOF'
-- narratives: the seed's sections 一, 五 and 六 (or an invented paragraph
-- repeated to the same size when the seed is absent)
CREATE TABLE narrative AS
SELECT coalesce(nullif(btrim(substring(:'text' FROM '一、总体情况(.*?)\n#* *二、')), ''),
				repeat(E'（一）主动公开情况。全年共主动公开政府信息300条，其中门户网站公开227条。\n', 30)) AS overview,
	   coalesce(nullif(btrim(substring(:'text' FROM '五、存在的主要问题及改进情况(.*?)\n#* *六、')), ''),
				repeat('一是主动公开意识仍需加强。二是公开的广度和深度仍需拓展。', 8)) AS problems,
	   coalesce(nullif(btrim(substring(:'text' FROM '六、其他需要报告的事项(.*)$')), ''),
				'无。') AS other_matters;
-- 150 distinct reports, replicated to n rows
CREATE TABLE base AS
SELECT i, govdisclose.report_from_jsonb(
		   CASE i % 3 WHEN 0 THEN :'json'::jsonb
					  WHEN 1 THEN gd_test_invent('2021', i % 50 + 1)
					  ELSE jsonb_set(gd_test_invent('2019', i % 50 + 1),
									 '{proactive,procurement,amount_unit}', '"万元"') END
		   || jsonb_build_object('overview', overview, 'problems', problems,
								 'other_matters', other_matters)) AS r
FROM generate_series(0, 149) AS i, narrative;
CREATE TABLE bench AS
SELECT r FROM generate_series(1, :n) AS k JOIN base ON base.i = k % 150;
VACUUM ANALYZE bench;

CREATE FUNCTION bench(q text, OUT seconds float8, OUT bytes bigint)
LANGUAGE plpgsql AS $$
DECLARE
	t0 timestamptz;
	b bigint;
BEGIN
	seconds := 'Infinity';
	FOR i IN 1 .. 3 LOOP
		t0 := clock_timestamp();
		EXECUTE q INTO b;
		seconds := least(seconds, extract(epoch FROM clock_timestamp() - t0)::float8);
		bytes := b;
	END LOOP;
END $$;
EOF

psql -X -d $db -v n="$n" <<'EOF'
SET max_parallel_workers_per_gather = 0;
SET jit = off;
\pset footer off
\echo
\echo 'one backend, best of 3 runs; MB = 10^6 bytes of output text'
WITH q(what, sql) AS (VALUES
	('scan: count(r)', 'SELECT count(r) FROM bench'),
	('baseline: r::text', 'SELECT sum(octet_length(r::text)) FROM bench'),
	('baseline: to_jsonb(r)::text', 'SELECT sum(octet_length(to_jsonb(r)::text)) FROM bench'),
	('render_report(r, ''markdown'')', 'SELECT sum(octet_length(govdisclose.render_report(r, ''markdown''))) FROM bench'),
	('render_report(r, ''html'')', 'SELECT sum(octet_length(govdisclose.render_report(r, ''html''))) FROM bench'),
	('render_report(r, ''text'')', 'SELECT sum(octet_length(govdisclose.render_report(r, ''text''))) FROM bench')),
m AS (SELECT what, b.* FROM q, LATERAL bench(sql) b)
SELECT what AS query,
	   round(seconds::numeric, 3) AS seconds,
	   round(:n / seconds) AS "reports/s",
	   CASE WHEN what LIKE 'scan%' THEN NULL ELSE round(bytes / :n) END AS "bytes/report",
	   CASE WHEN what LIKE 'scan%' THEN NULL ELSE round((bytes / seconds / 1e6)::numeric, 1) END AS "MB/s",
	   round((seconds / (SELECT seconds FROM m WHERE what = 'baseline: r::text'))::numeric, 2) AS "time x r::text",
	   round((seconds / (SELECT seconds FROM m WHERE what = 'baseline: to_jsonb(r)::text'))::numeric, 2) AS "time x to_jsonb"
FROM m;
EOF

echo
echo "plain-C core (extension/render.c) alone, one report rendered repeatedly:"
cc=${HOST_CC:-cc}
$cc -std=c99 -D_GNU_SOURCE -O2 -I"$top/extension" -I"$top/tests/lib" -o "$tmp/render_core" \
	"$top/tests/render_core.c" "$top/extension/render.c" "$top/extension/layout.c" \
	"$top/extension/fold.c" "$top/extension/fold_table.c"
printf 'core\tformat\tstyle\treports\tseconds\treports/s\tMB/s\n'
"$tmp/render_core" bench 50000
