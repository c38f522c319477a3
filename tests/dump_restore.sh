#!/bin/sh
# pg_dump and restore of a database holding reports, in the custom format
# (pg_restore) and as plain SQL (psql).  A restore runs with an empty
# search_path and re-checks every stored report, through the domain
# valid_report and a CHECK constraint; afterwards the restored tables hold
# the dumped reports and still refuse a broken one (23514), also with an
# empty search_path.
#
# Uses PGHOST/PGPORT/PGUSER (a role that may create databases) and the
# pg_dump, pg_restore and psql of PG_CONFIG's installation; creates and
# drops its own databases.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/lib/common.sh"
PG_CONFIG=${PG_CONFIG:-pg_config}
bindir=$("$PG_CONFIG" --bindir)
tmp=$(mktemp -d)
src=gd_dump_src_$$
dst=gd_dump_dst_$$
plain=gd_dump_plain_$$
cleanup() {
	for d in $src $dst $plain; do
		psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $d" >/dev/null 2>&1 || true
	done
	rm -rf "$tmp"
}
trap cleanup EXIT

r21=$(cat "$top/tests/fixtures/report-2021.json")
r19=$(cat "$top/tests/fixtures/report-2019.json")
# psql on database $1, the fixtures as :'r21' and :'r19' (interpolated in
# what it reads from standard input, not in -c), stopping at an error
q() {
	db=$1
	shift
	psql -X -q -At -v ON_ERROR_STOP=1 -v r21="$r21" -v r19="$r19" -d "$db" "$@"
}
n=0
nfail=0
check() {
	n=$((n + 1))
	if [ "$2" = "$3" ]; then
		say "ok - $1"
	else
		say "not ok - $1: got '$3', wanted '$2'"
		nfail=$((nfail + 1))
	fi
}
# the SQLSTATE of the last statement run on database $1 (00000: it succeeded)
sqlstate() {
	q "$1" -v ON_ERROR_STOP=0 2>/dev/null <<EOF
$2;
\\echo :SQLSTATE
EOF
}

for d in $src $dst $plain; do
	psql -X -q -d postgres -c "CREATE DATABASE $d TEMPLATE template0 ENCODING 'UTF8'"
done
q "$src" <<'EOF'
CREATE EXTENSION govdisclose;
CREATE SCHEMA office;
CREATE TABLE office.filed (id int PRIMARY KEY, r govdisclose.valid_report NOT NULL);
CREATE TABLE office.checked (id int PRIMARY KEY,
    r govdisclose.report CONSTRAINT report_adds_up CHECK (govdisclose.check_report(r)));
CREATE TABLE office.published (id int PRIMARY KEY, r govdisclose.report);
CREATE INDEX ON office.filed ((((r).agency)));
CREATE VIEW office.audit AS
    SELECT p.id, v.rule, v.severity FROM office.published p, govdisclose.violations(p.r) v;
INSERT INTO office.filed VALUES (1, govdisclose.report_from_jsonb(:'r21')), (2, govdisclose.report_from_jsonb(:'r19'));
INSERT INTO office.checked SELECT * FROM office.filed;
INSERT INTO office.published SELECT id, r FROM office.filed
    UNION ALL SELECT 3, govdisclose.report_from_jsonb(jsonb_set(:'r21', '{appeals,reconsideration,total}', '7'));
EOF

"$bindir/pg_dump" --format=custom --file="$tmp/dump.custom" $src
"$bindir/pg_dump" --format=plain --file="$tmp/dump.sql" $src
"$bindir/pg_restore" --exit-on-error --dbname=$dst "$tmp/dump.custom"
"$bindir/psql" -X -q -v ON_ERROR_STOP=1 -d $plain -f "$tmp/dump.sql" >/dev/null
grep -q "set_config('search_path', '', false)" "$tmp/dump.sql" ||
	fail "the plain dump does not restore with an empty search_path; this test would not show that it works"

broken19="INSERT INTO office.%s VALUES (9, govdisclose.report_from_jsonb(jsonb_set(:'r19', '{appeals,reconsideration,total}', '0')))"
for d in $dst $plain; do
	how=$([ "$d" = "$dst" ] && echo "pg_restore" || echo "plain SQL")
	check "$how: the extension is restored at 1.0 in its schema" "govdisclose|1.0|govdisclose" \
		"$(q "$d" -c "SELECT extname, extversion, extnamespace::regnamespace FROM pg_extension WHERE extname = 'govdisclose'")"
	check "$how: every row is back (filed, checked, published)" "2|2|3" \
		"$(q "$d" -c "SELECT (SELECT count(*) FROM office.filed), (SELECT count(*) FROM office.checked), (SELECT count(*) FROM office.published)")"
	check "$how: the restored reports are the dumped ones" "2" \
		"$(echo "SELECT count(*) FROM office.filed f JOIN office.checked c USING (id)
			WHERE to_jsonb(f.r) IN (:'r21'::jsonb, :'r19'::jsonb) AND c.r = f.r" | q "$d")"
	check "$how: the audit view finds the broken published report" "3|appeals_total|error" \
		"$(q "$d" -c "SELECT * FROM office.audit ORDER BY id, rule")"
	check "$how: the CHECK constraint is restored" "report_adds_up|CHECK (govdisclose.check_report(r))" \
		"$(q "$d" -c "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint
			WHERE conrelid = 'office.checked'::regclass AND contype = 'c'")"
	# shellcheck disable=SC2059  # the statement is the format
	check "$how: the domain refuses a broken report" "23514" "$(sqlstate "$d" "$(printf "$broken19" filed)")"
	# shellcheck disable=SC2059
	check "$how: the CHECK constraint refuses a broken report" "23514" "$(sqlstate "$d" "$(printf "$broken19" checked)")"
	check "$how: with an empty search_path too" "23514" \
		"$(sqlstate "$d" "SET search_path = ''; INSERT INTO office.checked VALUES (10, govdisclose.report_from_jsonb(jsonb_set(:'r21', '{requests,granted,total}', '1')))")"
	check "$how: and a complete report is accepted with an empty search_path" "00000" \
		"$(sqlstate "$d" "SET search_path = ''; INSERT INTO office.checked VALUES (10, govdisclose.report_from_jsonb(:'r21'))")"
done

if [ "$nfail" -gt 0 ]; then
	say "FAIL: $nfail of $n checks failed"
	exit 1
fi
say "PASS: tests/dump_restore.sh ($n checks)"
