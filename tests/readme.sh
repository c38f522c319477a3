#!/bin/bash
# README.md's tables of keys and official labels are exactly what
# tools/readme-layout.sql prints from govdisclose.layout.
set -eu
top=${GD_TOP:-$(cd "$(dirname "$0")/.." && pwd)}
db=gd_readme
dropdb --if-exists $db >/dev/null 2>&1
createdb -T template0 -E UTF8 $db
trap 'dropdb --if-exists $db >/dev/null 2>&1' EXIT
psql -X -q -d $db -c 'CREATE EXTENSION govdisclose'
want=$(psql -X -q -d $db -f "$top/tools/readme-layout.sql")
have=$(sed -n '/<!-- layout:begin -->/,/<!-- layout:end -->/p' "$top/README.md" | sed '1d;$d')
if [ "$want" != "$have" ]; then
	echo "README.md's key/label tables differ from govdisclose.layout:"
	diff <(echo "$have") <(echo "$want") | head -20
	exit 1
fi
echo "README.md key/label tables match govdisclose.layout"
