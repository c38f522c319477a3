#!/bin/bash
# tests/shards.sh: report_sum and trend beyond one machine.
#
# Starts two more PostgreSQL clusters (the "shards": initdb into a temporary
# directory, loopback only, free ports), installs govdisclose in each, and
# builds on the existing server (the coordinator, from PGHOST/PGPORT/PGUSER)
# a partitioned table whose partitions are postgres_fdw foreign tables on the
# shards (server option extensions 'govdisclose').  Then it shows that
#
#   - report_sum over the whole table equals the single-node result, with
#     the aggregation pushed down to the shards (EXPLAIN VERBOSE shows
#     govdisclose.report_sum in each shard's Remote SQL);
#   - trend over the whole table equals the single-node result, with the
#     yearly sums pushed down (trend adds up values of the same year), and
#     trend per agency is pushed down whole;
#   - report_trend equals the single-node result; postgres_fdw does not ship
#     it (its result type, an array of an extension type, is not a member of
#     the extension), so the yearly report_sum is pushed down instead.
#
# The coordinator must have govdisclose installed (make install), and the
# shards use the binaries of the same installation: `pg_config --bindir`,
# honouring PG_CONFIG.  Works as root (the clusters run as user postgres)
# and as an ordinary user.  Everything it starts is stopped and removed on
# exit, also on failure.  Exits non-zero when a check fails; prints SKIP and
# exits 0 when postgres_fdw is not available.
set -euo pipefail

PG_CONFIG=${PG_CONFIG:-pg_config}
bindir=$("$PG_CONFIG" --bindir)
top=$(cd "$(dirname "$0")/.." && pwd)
coord_db=gd_shards_$$
shard_db=gdshard
tmp=
started=()

. "$top/tests/lib/common.sh"

cleanup() {
	set +e
	for dir in "${started[@]}"; do
		as_owner "'$bindir/pg_ctl' -D '$dir' -m immediate stop" >/dev/null 2>&1
	done
	psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $coord_db" >/dev/null 2>&1
	[ -n "$tmp" ] && rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

coord() { psql -X -q -v ON_ERROR_STOP=1 -d "$coord_db" "$@"; }

# --- prerequisites -----------------------------------------------------------
[ -x "$bindir/initdb" ] || fail "no initdb in $bindir (PG_CONFIG=$PG_CONFIG)"
if [ ! -f "$("$PG_CONFIG" --sharedir)/extension/postgres_fdw.control" ]; then
	say "SKIP: postgres_fdw is not installed in $("$PG_CONFIG" --sharedir)"
	exit 0
fi
psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "CREATE DATABASE $coord_db" >/dev/null
coord -c "CREATE EXTENSION govdisclose" -c "CREATE EXTENSION postgres_fdw"

# --- the shards --------------------------------------------------------------
tmp=$(mktemp -d /tmp/gd-shards.XXXXXX)
[ "$(id -u)" = 0 ] && chown postgres "$tmp"

port_free() {
	# nothing listens on the loopback port, and no socket file is in the way
	! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && [ "$1" != "${PGPORT:-5432}" ]
}

ports=()
p=$((20000 + $$ % 20000))
while [ ${#ports[@]} -lt 2 ]; do
	p=$((p + 1))
	port_free "$p" && ports+=("$p")
done

for i in 1 2; do
	dir="$tmp/shard$i"
	port=${ports[$((i - 1))]}
	as_owner "'$bindir/initdb' -D '$dir' -A trust -U postgres -E UTF8 --locale=C.UTF-8 >'$tmp/initdb$i.log' 2>&1" ||
		fail "initdb of shard $i failed: $(cat "$tmp/initdb$i.log")"
	start_cluster "-D '$dir' -l '$tmp/shard$i.log' -w -o \"-p $port -k $tmp -c listen_addresses=127.0.0.1\" start >/dev/null" ||
		fail "shard $i did not start: $(cat "$tmp/shard$i.log")"
	started+=("$dir")
	shard="psql -X -q -v ON_ERROR_STOP=1 -h $tmp -p $port -U postgres"
	$shard -d postgres -c "CREATE DATABASE $shard_db" >/dev/null
	$shard -d "$shard_db" -c "CREATE EXTENSION govdisclose" \
		-c "CREATE TABLE reports (part int, agency text, year int, format text, handled bigint, r govdisclose.report)"
	say "shard $i: port $port"
done

# --- the coordinator: a partitioned table over foreign partitions -----------
coord <<SQL
CREATE SERVER shard1 FOREIGN DATA WRAPPER postgres_fdw
	OPTIONS (host '127.0.0.1', port '${ports[0]}', dbname '$shard_db', extensions 'govdisclose');
CREATE SERVER shard2 FOREIGN DATA WRAPPER postgres_fdw
	OPTIONS (host '127.0.0.1', port '${ports[1]}', dbname '$shard_db', extensions 'govdisclose');
CREATE USER MAPPING FOR CURRENT_USER SERVER shard1 OPTIONS (user 'postgres');
CREATE USER MAPPING FOR CURRENT_USER SERVER shard2 OPTIONS (user 'postgres');
CREATE TABLE reports (part int, agency text, year int, format text, handled bigint, r govdisclose.report)
	PARTITION BY LIST (part);
CREATE FOREIGN TABLE reports_1 PARTITION OF reports FOR VALUES IN (0)
	SERVER shard1 OPTIONS (table_name 'reports');
CREATE FOREIGN TABLE reports_2 PARTITION OF reports FOR VALUES IN (1)
	SERVER shard2 OPTIONS (table_name 'reports');
SQL
coord -f "$top/tests/gen_reports.sql" >/dev/null

# 12 agencies x 5 years (2019-2020 in the 2019 format, then 2021), each agency
# on one shard; the reports travel to the shards as text
coord <<'SQL'
CREATE TABLE local_reports AS
	SELECT a % 2 AS part, 'Agency ' || a AS agency, y AS year, (g.r).format AS format,
		   (govdisclose.indicators(g.r)).handled AS handled, g.r
	FROM generate_series(1, 12) a, generate_series(2019, 2023) y,
		 LATERAL (SELECT gdgen.report(a * 100 + y, CASE WHEN y < 2021 THEN '2019' ELSE '2021' END) AS r) g;
INSERT INTO reports SELECT * FROM local_reports;
ANALYZE local_reports;
SQL
n=$(coord -Atc "SELECT count(*) FROM reports_1")","$(coord -Atc "SELECT count(*) FROM reports_2")
say "rows on the shards: $n"
same=$(coord -Atc "SELECT (SELECT array_agg(r::text ORDER BY agency, year) FROM reports) =
					(SELECT array_agg(r::text ORDER BY agency, year) FROM local_reports)")
[ "$same" = t ] || fail "the reports do not read back from the shards as written"

check() {
	# check NAME DISTRIBUTED-QUERY SINGLE-NODE-QUERY [REMOTE-PATTERN COUNT]
	local name=$1 dist=$2 single=$3 pattern=${4:-} want=${5:-0}
	local a b plan got
	a=$(coord -Atc "SET enable_partitionwise_aggregate = on; $dist")
	b=$(coord -Atc "$single")
	[ -n "$a" ] || fail "$name: no result"
	[ "$a" = "$b" ] || fail "$name: the shards give a different result
  distributed: $a
  single node: $b"
	if [ -n "$pattern" ]; then
		plan=$(coord -Atc "SET enable_partitionwise_aggregate = on; EXPLAIN (VERBOSE, COSTS OFF) $dist")
		got=$(printf '%s\n' "$plan" | grep -c "Remote SQL: .*$pattern" || true)
		[ "$got" -eq "$want" ] || fail "$name: expected $want shard(s) to run $pattern, the plan is:
$plan"
		say "ok: $name (pushed down to $got shards)"
		printf '%s\n' "$plan" | grep -m1 "Remote SQL" | sed 's/^ */      /'
	else
		say "ok: $name"
	fi
}

# report_sum, pushed down per shard (GROUP BY the partition key), then the
# shards' sums added: a sum of sums is the sum
check "report_sum over the whole table" \
	"SELECT format, govdisclose.report_sum(s)::text FROM (
		SELECT part, format, govdisclose.report_sum(r) s FROM reports GROUP BY part, format) x
	 GROUP BY format ORDER BY format" \
	"SELECT format, govdisclose.report_sum(r)::text FROM local_reports GROUP BY format ORDER BY format" \
	"govdisclose.report_sum(" 2
# the same without grouping by the partition key: rows travel, result the same
check "report_sum, not pushed down" \
	"SELECT format, govdisclose.report_sum(r)::text FROM reports GROUP BY format ORDER BY format" \
	"SELECT format, govdisclose.report_sum(r)::text FROM local_reports GROUP BY format ORDER BY format"
# trend over the whole table: yearly sums on the shards, trend adds up the years
check "trend over the whole table" \
	"SELECT govdisclose.trend(year, h)::text FROM (
		SELECT part, year, sum(handled) h FROM reports GROUP BY part, year) x" \
	"SELECT govdisclose.trend(year, handled)::text FROM local_reports" \
	"sum(handled)" 2
# trend per agency: each agency lives on one shard, so the whole trend is remote
check "trend per agency" \
	"SELECT agency, govdisclose.trend(year, handled)::text FROM reports GROUP BY part, agency ORDER BY agency" \
	"SELECT agency, govdisclose.trend(year, handled)::text FROM local_reports GROUP BY agency ORDER BY agency" \
	"govdisclose.trend(" 2
# report_trend: its result (an array of an extension type) is not shippable,
# so postgres_fdw does not push it down; the reports of each agency and year
# are summed on the shards instead, and report_trend adds up the years
check "report_trend per agency, yearly sums pushed down" \
	"SELECT agency, govdisclose.report_trend(s)::text FROM (
		SELECT part, agency, year, govdisclose.report_sum(r) s FROM reports GROUP BY part, agency, year) x
	 GROUP BY agency ORDER BY agency" \
	"SELECT agency, govdisclose.report_trend(r)::text FROM local_reports GROUP BY agency ORDER BY agency" \
	"govdisclose.report_sum(" 2
check "report_trend over the whole table, yearly sums pushed down" \
	"SELECT govdisclose.report_trend(s)::text FROM (
		SELECT part, year, govdisclose.report_sum(r) s FROM reports GROUP BY part, year) x" \
	"SELECT govdisclose.report_trend(r)::text FROM local_reports" \
	"govdisclose.report_sum(" 2
check "report_trend per agency, not pushed down" \
	"SELECT agency, govdisclose.report_trend(r)::text FROM reports GROUP BY part, agency ORDER BY agency" \
	"SELECT agency, govdisclose.report_trend(r)::text FROM local_reports GROUP BY agency ORDER BY agency"

say "PASS: tests/shards.sh"
