#!/bin/bash
# tests/load.sh: govdisclose under load, with nothing lost.
#
# A bounded pgbench run (8 clients, 2 threads, loopback only; 60 s, or
# GD_LOAD_SECONDS) mixing four transactions on a table whose column is a
# govdisclose.valid_report (the CHECK runs check_report on every write):
#
#   insert    a valid report (from tools/gen-reports) is inserted       weight 5
#   break     an existing report is updated so that it breaks a rule    weight 3
#             (a total off by one, a negative count, a blank required
#             cell, a cell of the other format): the update must fail
#             with 23514; the function catches exactly that SQLSTATE and
#             records it as an expected error, so any other error (or a
#             broken report accepted) aborts the pgbench client
#   update    an existing report is replaced by another valid one       weight 1
#   roll-up   report_sum, indicators and report_trend over 100 rows,    weight 1
#             per format; a roll-up that is not consistent aborts
#
# Every insert and update also writes a ledger row (in the same
# transaction): the report's id, the md5 of its text, and an order.  pgbench
# logs every transaction it saw committed (-l, client side).  Afterwards:
#
#   - pgbench exited 0 with no failed transaction (no unexpected error);
#   - per client, the committed inserts, updates and breaks in pgbench's log
#     equal the ledger's and the expected-error table's counts;
#   - every inserted row is present, no row is there that no transaction
#     committed, and each row holds exactly the last report committed for
#     it (md5 against the ledger);
#   - every stored report is consistent (is_consistent and check_report
#     over the whole table).
#
# PGHOST/PGPORT/PGUSER of a server with govdisclose installed (loopback or
# a Unix socket only); creates and drops its own database.  Exits non-zero
# when a check fails.
set -euo pipefail
top=${GD_TOP:-$(cd "$(dirname "$0")/.." && pwd)}
seconds=${GD_LOAD_SECONDS:-60}
clients=8
threads=2
. "$top/tests/lib/common.sh"

case "${PGHOST:-/}" in
	/* | localhost | 127.0.0.1 | ::1) ;;
	*) fail "PGHOST=$PGHOST is not the loopback interface or a Unix socket" ;;
esac
command -v pgbench >/dev/null || fail "pgbench is not installed (postgresql-client-15)"
need_gen_reports

db_prefix=gd_test_load
. "$top/tests/lib/scratch_db.sh"
q() { psql -X -q -v ON_ERROR_STOP=1 -d $db "$@"; }

"$gen" --count 2000 --seed 7 --format mixed >"$tmp/pool.jsonl"

q <<SQL
CREATE TABLE stage (j jsonb);
\copy stage FROM '$tmp/pool.jsonl'
CREATE TABLE pool (id serial PRIMARY KEY, r govdisclose.valid_report NOT NULL);
INSERT INTO pool (r) SELECT govdisclose.report_from_jsonb(j) FROM stage;
DROP TABLE stage;

CREATE TABLE reports (
	id bigserial PRIMARY KEY,
	client int NOT NULL,
	r govdisclose.valid_report NOT NULL
);
-- what each committed transaction wrote: the report's id, the md5 of the
-- report's text, and the order of the writes to one row (taken under its
-- row lock, so it is the commit order)
CREATE TABLE ledger (
	seq bigserial PRIMARY KEY,
	client int NOT NULL,
	kind text NOT NULL CHECK (kind IN ('insert', 'update')),
	report_id bigint NOT NULL,
	md5 text NOT NULL
);
CREATE TABLE expected_errors (
	client int NOT NULL,
	report_id bigint,			-- NULL: there was no row to break yet
	mutation text NOT NULL,
	sqlstate text NOT NULL,
	message text
);

CREATE FUNCTION load_insert(c int, p int) RETURNS void LANGUAGE plpgsql AS \$\$
DECLARE
	rid bigint;
	rep govdisclose.report;
BEGIN
	rep := (SELECT r FROM pool WHERE id = p);
	INSERT INTO reports (client, r) VALUES (c, rep) RETURNING id INTO rid;
	INSERT INTO ledger (client, kind, report_id, md5) VALUES (c, 'insert', rid, md5(rep::text));
END \$\$;

-- an existing row (or NULL), at random
CREATE FUNCTION load_pick() RETURNS bigint LANGUAGE sql AS \$\$
	SELECT id FROM reports
	WHERE id >= (SELECT (random() * max(id))::bigint FROM reports)
	ORDER BY id LIMIT 1
\$\$;

-- Break an existing report in one of four ways; the CHECK of valid_report
-- must refuse it with 23514, which is recorded.  Any other outcome is an
-- error that aborts the client.
CREATE FUNCTION load_break(c int, how int) RETURNS void LANGUAGE plpgsql AS \$\$
DECLARE
	rid bigint := load_pick();
	j jsonb;
	path text[];
	mutation text;
	st text;
	msg text;
BEGIN
	IF rid IS NULL THEN
		INSERT INTO expected_errors VALUES (c, NULL, 'no row yet', '-', NULL);
		RETURN;
	END IF;
	SELECT to_jsonb(r) INTO j FROM reports WHERE id = rid;
	CASE how
		WHEN 1 THEN
			mutation := 'requests.new_received.total + 1';
			path := '{requests,new_received,total}';
			j := jsonb_set(j, path, to_jsonb((j #>> path)::bigint + 1));
		WHEN 2 THEN
			mutation := 'appeals.reconsideration.upheld = -1';
			j := jsonb_set(j, '{appeals,reconsideration,upheld}', '-1');
		WHEN 3 THEN
			mutation := 'agency blank';
			j := jsonb_set(j, '{agency}', 'null');
		ELSE
			mutation := 'a cell of the other format';
			IF j ->> 'format' = '2021' THEN
				j := jsonb_set(j, '{proactive,regulations,made}', '1');
			ELSE
				j := jsonb_set(j, '{requests,other_handling,unpaid_fee,total}', '0');
			END IF;
	END CASE;
	BEGIN
		UPDATE reports SET r = govdisclose.report_from_jsonb(j) WHERE id = rid;
	EXCEPTION WHEN check_violation THEN
		GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT;
		INSERT INTO expected_errors VALUES (c, rid, mutation, st, msg);
		RETURN;
	END;
	RAISE EXCEPTION 'report % accepted with %', rid, mutation USING ERRCODE = 'GDL01';
END \$\$;

-- replace an existing report by another valid one
CREATE FUNCTION load_update(c int, p int) RETURNS void LANGUAGE plpgsql AS \$\$
DECLARE
	rid bigint := load_pick();
	rep govdisclose.report;
BEGIN
	rep := (SELECT r FROM pool WHERE id = p);
	IF rid IS NULL THEN
		rid := 0;		-- nothing to update yet: a ledger row of its own kind
	END IF;
	UPDATE reports SET r = rep WHERE id = rid;
	IF FOUND THEN
		INSERT INTO ledger (client, kind, report_id, md5) VALUES (c, 'update', rid, md5(rep::text));
	ELSE
		INSERT INTO expected_errors VALUES (c, NULL, 'no row to update yet', '-', NULL);
	END IF;
END \$\$;

-- roll up 100 rows per format; the sum of consistent reports is consistent
CREATE FUNCTION load_rollup() RETURNS void LANGUAGE plpgsql AS \$\$
DECLARE
	lo bigint := coalesce(load_pick(), 0);
	f text;
	s govdisclose.report;
	n bigint;
BEGIN
	FOREACH f IN ARRAY ARRAY['2019', '2021'] LOOP
		SELECT count(*) INTO n
		FROM reports WHERE id BETWEEN lo AND lo + 99 AND (r).format = f;
		s := (SELECT govdisclose.report_sum(r)
			  FROM reports WHERE id BETWEEN lo AND lo + 99 AND (r).format = f);
		CONTINUE WHEN n = 0;
		IF NOT govdisclose.is_consistent(s) THEN
			RAISE EXCEPTION 'the roll-up of % reports from % is not consistent', n, lo USING ERRCODE = 'GDL02';
		END IF;
		IF (govdisclose.indicators(s)).handled IS NULL THEN
			RAISE EXCEPTION 'the roll-up of % reports from % has no total', n, lo USING ERRCODE = 'GDL03';
		END IF;
		PERFORM govdisclose.report_trend(r) FROM reports
		WHERE id BETWEEN lo AND lo + 99 AND (r).format = f;
	END LOOP;
END \$\$;
SQL

# the four transactions, one function call each
printf '%s\n' '\set p random(1, 2000)' 'SELECT load_insert(:client_id, :p);' >"$tmp/insert.sql"
printf '%s\n' '\set how random(1, 4)' 'SELECT load_break(:client_id, :how);' >"$tmp/break.sql"
printf '%s\n' '\set p random(1, 2000)' 'SELECT load_update(:client_id, :p);' >"$tmp/update.sql"
printf '%s\n' 'SELECT load_rollup();' >"$tmp/rollup.sql"

echo "pgbench: $clients clients, $threads threads, $seconds s"
status=0
(cd "$tmp" && pgbench -n -c $clients -j $threads -T "$seconds" -l --log-prefix="$tmp/log" \
	-f insert.sql@5 -f break.sql@3 -f update.sql@1 -f rollup.sql@1 $db) >"$tmp/pgbench.out" 2>&1 || status=$?
cat "$tmp/pgbench.out"
[ $status -eq 0 ] || fail "pgbench exited with status $status (an unexpected error aborted a client)"
if grep -q 'number of failed transactions: [1-9]' "$tmp/pgbench.out"; then
	fail "pgbench reports failed transactions"
fi

# the client-side log: client, transaction, time (or "failed"), script, ...
cat "$tmp"/log.* >"$tmp/pgbench-log.txt"
awk '$3 !~ /^[0-9]+$/ { bad++ } END { exit bad > 0 }' "$tmp/pgbench-log.txt" ||
	fail "pgbench's log has transactions that did not complete"
q <<SQL
CREATE TABLE pgbench_log (client int, txn bigint, usec text, script int, epoch bigint, us int);
\copy pgbench_log FROM '$tmp/pgbench-log.txt' WITH (FORMAT text, DELIMITER ' ')
SQL

# 1. per client and kind: pgbench's committed transactions = what the
#    database holds
mismatch=$(q -At <<'SQL'
WITH logged AS (
	SELECT client, count(*) FILTER (WHERE script = 0) AS inserts,
		   count(*) FILTER (WHERE script = 1) AS breaks,
		   count(*) FILTER (WHERE script = 2) AS updates
	FROM pgbench_log GROUP BY client),
db AS (
	SELECT c AS client,
		   (SELECT count(*) FROM ledger WHERE client = c AND kind = 'insert') AS inserts,
		   (SELECT count(*) FROM expected_errors WHERE client = c AND mutation NOT LIKE 'no row to update%') AS breaks,
		   (SELECT count(*) FROM ledger WHERE client = c AND kind = 'update')
		   + (SELECT count(*) FROM expected_errors WHERE client = c AND mutation LIKE 'no row to update%') AS updates
	FROM generate_series(0, 7) c)
SELECT format('client %s: pgbench %s/%s/%s, database %s/%s/%s (inserts/breaks/updates)',
			  client, l.inserts, l.breaks, l.updates, d.inserts, d.breaks, d.updates)
FROM db d FULL JOIN logged l USING (client)
WHERE (l.inserts, l.breaks, l.updates) IS DISTINCT FROM (d.inserts, d.breaks, d.updates);
SQL
)
[ -z "$mismatch" ] || fail "the ledger does not match pgbench's log: $mismatch"

# 2. every inserted row present, none that no transaction committed, and
#    each holding the last report committed for it
q -c "CREATE INDEX ON ledger (report_id, seq)" -c "ANALYZE ledger" -c "ANALYZE reports"
lost=$(q -At -c "SELECT count(*) FROM ledger l WHERE kind = 'insert' AND NOT EXISTS (SELECT FROM reports r WHERE r.id = l.report_id)")
extra=$(q -At -c "SELECT count(*) FROM reports r WHERE NOT EXISTS (SELECT FROM ledger l WHERE l.kind = 'insert' AND l.report_id = r.id)")
wrong=$(q -At -c "SELECT count(*) FROM reports r JOIN LATERAL (SELECT md5 FROM ledger l WHERE l.report_id = r.id ORDER BY seq DESC LIMIT 1) l ON true WHERE l.md5 <> md5(r.r::text)")
[ "$lost" = 0 ] || fail "$lost committed inserts are missing"
[ "$extra" = 0 ] || fail "$extra rows are there that no transaction committed"
[ "$wrong" = 0 ] || fail "$wrong rows do not hold the last report committed for them"

# 3. every stored report consistent
inconsistent=$(q -At -c "SELECT count(*) FROM reports WHERE NOT govdisclose.is_consistent(r)")
[ "$inconsistent" = 0 ] || fail "$inconsistent stored reports are not consistent"
q -At -c "SELECT bool_and(govdisclose.check_report(r)) FROM reports" | grep -qx t ||
	fail "check_report refuses a stored report"

# 4. the breaking updates all failed with 23514
bad_state=$(q -At -c "SELECT count(*) FROM expected_errors WHERE sqlstate NOT IN ('23514', '-')")
[ "$bad_state" = 0 ] || fail "$bad_state breaking updates failed with another SQLSTATE"

q -At <<'SQL'
SELECT format('held: %s transactions in %s s by 8 clients (%s inserts, %s valid updates, %s breaking updates refused with 23514, %s roll-ups); %s rows, each consistent and as committed; unexpected errors: 0',
	(SELECT count(*) FROM pgbench_log),
	(SELECT round((max(epoch + us / 1e6) - min(epoch + us / 1e6))::numeric, 1) FROM pgbench_log),
	(SELECT count(*) FROM ledger WHERE kind = 'insert'),
	(SELECT count(*) FROM ledger WHERE kind = 'update'),
	(SELECT count(*) FROM expected_errors WHERE sqlstate = '23514'),
	(SELECT count(*) FROM pgbench_log WHERE script = 3),
	(SELECT count(*) FROM reports));
SQL
echo "ok"
