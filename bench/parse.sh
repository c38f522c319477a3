#!/bin/sh
# Parse throughput of the parser core, on one core, against a baseline in
# the same run that only splits the same bytes into lines (bench/parse_bench.c):
#   1. the seed report replicated to >= 50 MB (seed-sized reports per second)
#   2. the seed, ../shared/corpus and ../shared/complete replicated to >= 50 MB
#   3. parse_report() in SQL on 20,000 copies of the seed, when PGHOST etc.
#      point at a server with govdisclose installed
# Uses the invented fixtures (tests/fixtures) when ../shared is absent.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
shared="$top/../shared"
out="$top/bench/out"
mkdir -p "$out"
${HOST_CC:-cc} -O2 -I"$top/extension" -o "$out/parse_bench" "$top/bench/parse_bench.c" \
	"$top/extension/parse.c" "$top/extension/fold.c" "$top/extension/fold_table.c" \
	"$top/extension/layout.c" "$top/extension/rules.c" "$top/extension/render.c"
if [ -d "$shared/seed" ]; then
	seed="$shared/seed/zhumadian-police-2021.txt"
	all="$shared/seed/zhumadian-police-2021.txt $shared/corpus/*.txt $shared/complete/*.txt"
else
	echo "SKIP: $shared is absent; measuring on tests/fixtures instead"
	seed="$top/tests/fixtures/tabs_2021.txt"
	all="$top/tests/fixtures/*.txt"
fi
# single-threaded: one core; on a shared machine, run it when the machine is idle
run=""
echo "== seed-sized reports ($(basename "$seed"), $(wc -c < "$seed") bytes)"
$run "$out/parse_bench" 50 "$seed"
echo "== every shape (seed, corpus, complete)"
# shellcheck disable=SC2086
$run "$out/parse_bench" 50 $all

if [ -n "${PGHOST:-}${PGPORT:-}" ] && psql -X -q -d postgres -c 'SELECT 1' >/dev/null 2>&1; then
	db="govdisclose_bench_$$"
	psql -X -q -d postgres -c "CREATE DATABASE $db" >/dev/null
	trap 'psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1' EXIT
	echo "== parse_report() in SQL, 20000 copies of $(basename "$seed")"
	psql -X -q -d "$db" <<SQL
CREATE EXTENSION govdisclose;
CREATE TABLE texts AS SELECT pg_read_file('$seed') AS t FROM generate_series(1, 20000);
SET max_parallel_workers_per_gather = 0;
SELECT count(*) FROM texts;  -- warm the cache
\timing on
SELECT count(govdisclose.parse_report(t)) FROM texts;
SQL
else
	echo "SKIP: no PostgreSQL server (PGHOST/PGPORT); SQL throughput not measured"
fi
