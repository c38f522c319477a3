#!/bin/bash
# tests/crash.sh: nothing committed is lost, nothing half-written is kept.
#
# Starts its own PostgreSQL cluster (initdb into a temporary directory,
# Unix socket only, default durability: fsync and synchronous_commit on),
# with the binaries of `pg_config --bindir` (honouring PG_CONFIG) and the
# govdisclose installed there.  Then, GD_CRASH_ROUNDS times (default 3):
#
#   1. a bulk COPY of 1,000 valid reports into a valid_report table is
#      committed and acknowledged; its row count and checksum go to a
#      client-side ledger;
#   2. a second bulk COPY (20,000 reports, some large enough to be TOASTed)
#      is started and kept open: every row sent, none committed;
#   3. four writers insert valid reports one row per transaction; each
#      acknowledged insert goes to the writer's client-side ledger;
#   4. with the COPY in flight (pg_stat_progress_copy shows its rows) and
#      the writers running, the server is killed: pg_ctl stop -m immediate;
#   5. the server is started again (crash recovery, seen in its log), and
#      the data are checked:
#        - every acknowledged COPY is there, with the same rows (checksum);
#        - the COPY in flight left no row;
#        - every acknowledged insert is there, holding the report it was
#          given; rows beyond the ledger are at most the inserts in flight
#          (one per writer, committed but not yet acknowledged);
#        - every row is consistent (is_consistent, check_report), every
#          value reads in full (TOAST), and the primary-key indexes match
#          their tables (amcheck, heapallindexed).
#
# Works as root (the cluster runs as user postgres, through su) and as an
# ordinary user.  Everything it starts is stopped and removed on exit, also
# on failure.  Exits non-zero when a check fails.
set -euo pipefail

PG_CONFIG=${PG_CONFIG:-pg_config}
bindir=$("$PG_CONFIG" --bindir)
top=${GD_TOP:-$(cd "$(dirname "$0")/.." && pwd)}
rounds=${GD_CRASH_ROUNDS:-3}
writers=4
tmp=
data=
writer_pids=()
copy_pid=

. "$top/tests/lib/common.sh"

stop_clients() {
	local p
	for p in "${writer_pids[@]}" $copy_pid; do
		kill "$p" 2>/dev/null || true
	done
	for p in "${writer_pids[@]}" $copy_pid; do
		wait "$p" 2>/dev/null || true
	done
	writer_pids=()
	copy_pid=
}

cleanup() {
	set +e
	exec 7>&- 2>/dev/null
	stop_clients
	[ -n "$data" ] && as_owner "'$bindir/pg_ctl' -D '$data' -m immediate stop" >/dev/null 2>&1
	[ -n "$tmp" ] && rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- prerequisites -----------------------------------------------------------
[ -x "$bindir/initdb" ] || fail "no initdb in $bindir (PG_CONFIG=$PG_CONFIG)"
[ -f "$("$PG_CONFIG" --sharedir)/extension/govdisclose.control" ] ||
	fail "govdisclose is not installed in $("$PG_CONFIG" --sharedir) (make install)"
need_gen_reports

# --- the cluster ---------------------------------------------------------------
tmp=$(mktemp -d /tmp/gd-crash.XXXXXX)
chmod 755 "$tmp"
[ "$(id -u)" = 0 ] && chown postgres "$tmp"
data=$tmp/data
port=$((20000 + $$ % 20000))
as_owner "'$bindir/initdb' -D '$data' -A trust -U postgres -E UTF8 --locale=C.UTF-8 >'$tmp/initdb.log' 2>&1" ||
	fail "initdb failed: $(cat "$tmp/initdb.log")"
cat >>"$data/postgresql.conf" <<EOF
listen_addresses = ''
unix_socket_directories = '$tmp'
port = $port
fsync = on
synchronous_commit = on
full_page_writes = on
EOF

start() {
	start_cluster "-D '$data' -l '$tmp/server.log' -w -t 120 start >/dev/null" ||
		fail "the server did not start: $(tail -20 "$tmp/server.log")"
}
start

PSQL=("$bindir/psql" -X -q -v ON_ERROR_STOP=1 -h "$tmp" -p "$port" -U postgres)
q() { "${PSQL[@]}" -d crash "$@"; }
"${PSQL[@]}" -d postgres -c "CREATE DATABASE crash" >/dev/null
q -c "CREATE EXTENSION govdisclose" -c "CREATE EXTENSION amcheck"

# --- the data ------------------------------------------------------------------
"$gen" --count 2000 --seed 21 --format mixed >"$tmp/pool.jsonl"
"$gen" --count 600 --seed 22 --format mixed --narrative 1000 >>"$tmp/pool.jsonl"
q <<SQL
CREATE TABLE stage (j jsonb);
\copy stage FROM '$tmp/pool.jsonl'
CREATE TABLE pool (id serial PRIMARY KEY, r govdisclose.valid_report NOT NULL);
INSERT INTO pool (r) SELECT govdisclose.report_from_jsonb(j) FROM stage ORDER BY random();
DROP TABLE stage;
-- bulk loads: batch b is COPY number b
CREATE TABLE bulk (id bigint PRIMARY KEY, batch int NOT NULL, r govdisclose.valid_report NOT NULL);
-- the stream of single-row inserts, its reports stored out of line (TOAST)
CREATE TABLE stream (id bigint PRIMARY KEY, pool_id int NOT NULL, r govdisclose.valid_report NOT NULL);
ALTER TABLE stream ALTER r SET STORAGE EXTERNAL;
\copy (SELECT id, r FROM pool ORDER BY id) TO '$tmp/pool.copy'
SQL
npool=$(q -At -c "SELECT count(*) FROM pool")
say "cluster on port $port; $npool valid reports to load"

# COPY data for batch b: n rows, ids b * 1,000,000 + 1 ...
copy_data() {
	local b=$1 n=$2
	awk -v b="$b" -v n="$n" -F '\t' 'BEGIN { OFS = "\t" }
		{ line[NR] = $2 }
		END { for (i = 1; i <= n; i++) print b * 1000000 + i, b, line[(i - 1) % NR + 1] }' "$tmp/pool.copy"
}

# one writer: single-row inserts, each acknowledged one appended to its ledger
writer() {
	local k=$1 round=$2 i=0 id got
	coproc P { "${PSQL[@]}" -At -d crash 2>>"$tmp/writer$k.err"; }
	while :; do
		i=$((i + 1))
		id=$((round * 1000000000 + k * 10000000 + i))
		printf 'INSERT INTO stream SELECT %s, id, r FROM pool WHERE id = %s RETURNING id;\n' \
			"$id" $(( (id % npool) + 1 )) >&"${P[1]}" 2>/dev/null || break
		if read -r -t 30 got <&"${P[0]}" && [ "$got" = "$id" ]; then
			printf '%s %s\n' "$id" $(( (id % npool) + 1 )) >>"$tmp/ledger.$k"
		else
			break
		fi
	done
}

total_acked=0 total_copied=0 total_discarded=0
for round in $(seq 1 "$rounds"); do
	# 1. a committed, acknowledged bulk COPY
	committed=$((round * 2 - 1)) open=$((round * 2))
	copy_data $committed 1000 | q -c "COPY bulk FROM STDIN" ||
		fail "round $round: the committed COPY failed"
	q -At -c "SELECT $committed, count(*), md5(string_agg(r::text, '|' ORDER BY id)) FROM bulk WHERE batch = $committed" \
		>>"$tmp/ledger.copy"
	total_copied=$((total_copied + 1000))

	# 2. a bulk COPY kept open: all its rows sent, no end of data
	rm -f "$tmp/copy.fifo"
	mkfifo "$tmp/copy.fifo"
	q -c "COPY bulk FROM STDIN" <"$tmp/copy.fifo" >"$tmp/copy$round.out" 2>&1 &
	copy_pid=$!
	exec 7>"$tmp/copy.fifo"
	copy_data $open 20000 >&7

	# 3. the writers
	for k in $(seq 1 $writers); do
		writer "$k" "$round" &
		writer_pids+=($!)
	done

	# 4. wait until the COPY has processed rows and the writers have
	#    acknowledged some inserts, then kill the server
	inflight=0
	acked_before=$(cat "$tmp"/ledger.[0-9]* 2>/dev/null | wc -l || true)
	for _ in $(seq 1 300); do
		inflight=$(q -At -c "SELECT coalesce(max(tuples_processed), 0) FROM pg_stat_progress_copy")
		acked=$(cat "$tmp"/ledger.[0-9]* 2>/dev/null | wc -l || true)
		[ "$inflight" -ge 19000 ] && [ "$acked" -ge $((round * 200)) ] && break
		sleep 0.1
	done
	[ "$inflight" -gt 0 ] || fail "round $round: the open COPY processed no row"
	# without acknowledged inserts the checks below would hold vacuously
	[ "$acked" -gt "$acked_before" ] ||
		fail "round $round: no single-row insert was acknowledged before the crash; the writers said: $(tail -n 3 "$tmp"/writer*.err 2>/dev/null)"
	as_owner "'$bindir/pg_ctl' -D '$data' -m immediate stop >/dev/null" ||
		fail "round $round: pg_ctl stop -m immediate failed"
	exec 7>&-
	# the clients see the connection go and stop on their own
	for _ in $(seq 1 300); do
		alive=0
		for p in "${writer_pids[@]}" $copy_pid; do
			kill -0 "$p" 2>/dev/null && alive=1
		done
		[ $alive = 0 ] && break
		sleep 0.1
	done
	stop_clients
	if grep -q '^COPY ' "$tmp/copy$round.out"; then
		fail "round $round: the open COPY was acknowledged"
	fi

	# 5. crash recovery, and the checks
	lines_before=$(wc -l <"$tmp/server.log")
	start
	tail -n +"$((lines_before + 1))" "$tmp/server.log" | grep -q 'not properly shut down; automatic recovery in progress' ||
		fail "round $round: the restart did not run crash recovery"
	cat "$tmp"/ledger.[0-9]* >"$tmp/ledger.stream"
	acked=$(wc -l <"$tmp/ledger.stream")
	result=$(q -At <<SQL
SET client_min_messages = warning;
CREATE TEMP TABLE ledger_copy (batch int, n bigint, md5 text);
\copy ledger_copy FROM '$tmp/ledger.copy' WITH (DELIMITER '|')
CREATE TEMP TABLE ledger_stream (id bigint, pool_id int);
\copy ledger_stream FROM '$tmp/ledger.stream' WITH (DELIMITER ' ')
SELECT concat_ws(';',
	-- acknowledged COPYs changed or lost
	(SELECT 'acknowledged COPYs changed: ' || string_agg(l.batch::text, ',') FROM ledger_copy l,
		LATERAL (SELECT count(*) AS n, md5(string_agg(r::text, '|' ORDER BY id)) AS md5
				 FROM bulk b WHERE b.batch = l.batch) b
	 WHERE (l.n, l.md5) IS DISTINCT FROM (b.n, b.md5)),
	-- rows of a COPY that was never acknowledged
	(SELECT 'unacknowledged copy rows ' || count(*) FROM bulk b
	 WHERE NOT EXISTS (SELECT FROM ledger_copy l WHERE l.batch = b.batch) HAVING count(*) > 0),
	-- acknowledged inserts lost, or not holding their report
	(SELECT 'lost inserts ' || count(*) FROM ledger_stream l
	 WHERE NOT EXISTS (SELECT FROM stream s WHERE s.id = l.id) HAVING count(*) > 0),
	(SELECT 'changed inserts ' || count(*) FROM ledger_stream l JOIN stream s USING (id) JOIN pool p ON p.id = l.pool_id
	 WHERE s.pool_id <> l.pool_id OR s.r::text <> p.r::text HAVING count(*) > 0),
	-- committed but unacknowledged: at most one in flight per writer and round
	(SELECT 'unacknowledged inserts ' || count(*) FROM stream s
	 WHERE NOT EXISTS (SELECT FROM ledger_stream l WHERE l.id = s.id) HAVING count(*) > $writers * $round),
	-- every row complete and consistent
	(SELECT 'inconsistent ' || count(*) FROM (SELECT r FROM bulk UNION ALL SELECT r FROM stream) x
	 WHERE NOT govdisclose.is_consistent(r) OR NOT govdisclose.check_report(r) HAVING count(*) > 0));
SELECT bt_index_check('bulk_pkey', true), bt_index_check('stream_pkey', true), bt_index_check('pool_pkey', true);
SELECT format('%s bulk rows, %s stream rows (%s acknowledged), every value read in full: %s bytes',
	(SELECT count(*) FROM bulk), (SELECT count(*) FROM stream), (SELECT count(*) FROM ledger_stream),
	(SELECT sum(octet_length(r::text)) FROM (SELECT r FROM bulk UNION ALL SELECT r FROM stream) x));
SQL
) || fail "round $round: the checks after recovery failed: $result"
	problems=$(printf '%s\n' "$result" | sed -n 1p)
	[ -z "$problems" ] || fail "round $round: after crash recovery: $problems"
	total_discarded=$((total_discarded + inflight))
	say "round $round: killed with a COPY of 20000 rows in flight ($inflight processed) and $acked inserts acknowledged so far; after recovery: $(printf '%s\n' "$result" | tail -n 1)"
	total_acked=$acked
done

say "PASS: $rounds crashes (pg_ctl stop -m immediate); $total_copied acknowledged COPY rows and $total_acked acknowledged single-row inserts all intact and consistent; $total_discarded rows of COPYs in flight left nothing"
