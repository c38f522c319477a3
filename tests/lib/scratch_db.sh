# Sourced by the test and bench scripts: a temporary directory $tmp and a
# fresh database $db with govdisclose and the invented-report helper
# (tests/invent_report.sql), both removed on exit.  Uses PGHOST/PGPORT/PGUSER.
# Set $top (the repository) and $db_prefix first; extra cleanup may be put in
# $cleanup_extra (a command).
tmp=$(mktemp -d)
db=${db_prefix:-gd_test}_$$
cleanup() {
	${cleanup_extra:-:}
	psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true
	rm -rf "$tmp"
}
trap cleanup EXIT
psql -X -q -d postgres -c "CREATE DATABASE $db" >/dev/null
psql -X -q -d $db -c "CREATE EXTENSION govdisclose" >/dev/null
psql -X -q -d $db -f "$top/tests/invent_report.sql" >/dev/null
