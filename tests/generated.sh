#!/bin/sh
# The committed types part of the install script
# (extension/sql/01_types.generated.sql) is what extension/gentypes.c makes
# of the layout today: a change to the layout that is not carried into the
# SQL (`make sql-types`) fails here.  No database needed.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$top"
${HOST_CC:-cc} -std=c99 -O2 -Wall -Wextra -o "$work/gentypes" \
	extension/gentypes.c extension/layout.c extension/indicators.c extension/rules.c
"$work/gentypes" > "$work/types.sql"
if ! diff -u extension/sql/01_types.generated.sql "$work/types.sql" > "$work/diff"; then
	head -n 40 "$work/diff"
	echo "FAIL: extension/sql/01_types.generated.sql is stale: run make sql-types and commit it" >&2
	exit 1
fi
echo "ok - extension/sql/01_types.generated.sql is what gentypes makes of the layout ($(wc -l < "$work/types.sql") lines)"
