#!/bin/sh
# govdisclose-parse, the command-line program: output shape, exit status,
# bad files, and the \copy pipeline into PostgreSQL (its JSON must equal
# what parse_report gives in SQL for the same text).
# Uses PGHOST/PGPORT/PGUSER; creates and drops its own database.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cli="$top/tools/govdisclose-parse"
fx="$top/tests/fixtures"
make -s -C "$top" tools/govdisclose-parse >/dev/null
work=$(mktemp -d)
db="govdisclose_cli_$$"
trap 'rm -rf "$work"; psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok - $1"; }
bad() { fail=$((fail + 1)); echo "not ok - $1"; }
check() { if eval "$2"; then ok "$1"; else bad "$1"; fi; }

# one JSON line per report, exit 0, a summary on stderr
"$cli" "$fx"/*.txt > "$work/out.jsonl" 2> "$work/err" && rc=0 || rc=$?
n=$(ls "$fx"/*.txt | wc -l)
check "exit status 0 when every file is a report" '[ $rc -eq 0 ]'
check "one line per file" '[ $(wc -l < "$work/out.jsonl") -eq $n ]'
check "summary line" 'grep -q "^govdisclose-parse: $n files read, [0-9]* cells filled, [0-9]* repairs, 0 files refused$" "$work/err"'
check "notes name file and line" 'grep -q "tabs_2021.txt:34: recovered requests.new_received" "$work/err"'
check "no progress line when stderr is not a terminal" '! grep -q "$(printf "\033")" "$work/err"'
if command -v script >/dev/null 2>&1; then
	script -qc "$cli -q $fx/tabs_2021.txt $fx/pipes_2019.txt > /dev/null" /dev/null > "$work/tty" 2>&1 || true
	check "a progress line when stderr is a terminal" 'grep -q "\[2/2\] .*pipes_2019.txt" "$work/tty"'
fi
check "-q keeps only the summary" '[ $("$cli" -q "$fx/tabs_2021.txt" 2>&1 >/dev/null | wc -l) -eq 1 ]'

# bad files
: > "$work/empty.txt"
awk 'BEGIN { for (i = 0; i < 40000; i++) printf "%c", (i * 7919) % 256 }' > "$work/binary.bin"
"$cli" "$work/empty.txt" "$work/binary.bin" > "$work/out2" 2> "$work/err2" && rc=0 || rc=$?
check "refused files: exit status 1, no output" '[ $rc -eq 1 ] && [ ! -s "$work/out2" ]'
check "refusal says what was looked for" 'grep -q "binary.bin: not an annual report: No title" "$work/err2"'
check "summary counts refusals" 'grep -q "2 files read, 0 cells filled, 0 repairs, 2 files refused" "$work/err2"'
# encodings: UTF-16 with a byte order mark, GBK (GB18030) where UTF-8 gives
# no report, --encoding to force one; the same report as the UTF-8 text
"$cli" -q "$fx/tabs_2021.txt" > "$work/utf8.json" 2>/dev/null
iconv -f UTF-8 -t UTF-16 "$fx/tabs_2021.txt" > "$work/utf16.txt"
iconv -f UTF-8 -t GB18030 "$fx/tabs_2021.txt" > "$work/gbk.txt"
"$cli" "$work/utf16.txt" "$work/gbk.txt" > "$work/enc.jsonl" 2> "$work/enc.err" && rc=0 || rc=$?
check "UTF-16 and GB18030 files are read: exit status 0" '[ $rc -eq 0 ]'
check "UTF-16 with a byte order mark reads as the UTF-8 text" '[ "$(sed -n 1p "$work/enc.jsonl")" = "$(cat "$work/utf8.json")" ]'
check "GB18030 reads as the UTF-8 text" '[ "$(sed -n 2p "$work/enc.jsonl")" = "$(cat "$work/utf8.json")" ]'
check "the encoding read is noted" 'grep -q "gbk.txt: info: the file is not UTF-8; read as GB18030" "$work/enc.err" && grep -q "utf16.txt: info: the file is not UTF-8; read as UTF-16" "$work/enc.err"'
"$cli" -q --encoding GBK "$work/gbk.txt" > "$work/enc2.json" 2>/dev/null && rc=0 || rc=$?
check "--encoding GBK reads the GBK text" '[ $rc -eq 0 ] && [ "$(cat "$work/enc2.json")" = "$(cat "$work/utf8.json")" ]'
head -c -2 "$work/gbk.txt" > "$work/gbk_cut.txt"   # the last line break and half of 。
"$cli" "$work/gbk_cut.txt" > "$work/enc3.json" 2> "$work/enc3.err" && rc=0 || rc=$?
check "GB18030 cut inside its last character: read, the bad byte noted" '[ $rc -eq 0 ] && grep -q "gbk_cut.txt: repaired: 1 byte not valid GB18030 read as U+FFFD" "$work/enc3.err"'
"$cli" --encoding UTF-16 "$fx/tabs_2021.txt" > /dev/null 2> "$work/enc6.err" && rc=0 || rc=$?
check "--encoding with text not in it: refused, exit status 1" '[ $rc -eq 1 ] && grep -q "tabs_2021.txt: not an annual report" "$work/enc6.err"'
"$cli" --encoding NO-SUCH-ENCODING "$fx/tabs_2021.txt" > /dev/null 2> "$work/enc4.err" && rc=0 || rc=$?
check "--encoding with an unknown name: exit status 2" '[ $rc -eq 2 ] && grep -q "unknown encoding NO-SUCH-ENCODING" "$work/enc4.err"'
printf '\351\232\217\346\234\272 \377\376 noise' > "$work/notutf8.txt"
"$cli" "$work/notutf8.txt" > /dev/null 2> "$work/enc5.err" && rc=0 || rc=$?
check "invalid UTF-8 that is no report in GB18030 either: refused, said so" '[ $rc -eq 1 ] && grep -q "notutf8.txt: not an annual report: .*not valid UTF-8, and does not read as a report as GB18030" "$work/enc5.err"'

"$cli" "$work/missing.txt" > /dev/null 2> "$work/err3" && rc=0 || rc=$?
check "unreadable file: exit status 2" '[ $rc -eq 2 ] && grep -q "cannot read" "$work/err3"'
"$cli" > /dev/null 2>&1 && rc=0 || rc=$?
check "no file: usage, exit status 2" '[ $rc -eq 2 ]'
# invalid UTF-8 and control bytes inside a report: still read, valid JSON out
{ head -c 300 "$fx/tabs_2021.txt"; printf '\377\376\300\200\001\002'; tail -c +301 "$fx/tabs_2021.txt"; } > "$work/broken.txt"
"$cli" -q "$work/broken.txt" > "$work/broken.json" 2>/dev/null && rc=0 || rc=$?
check "invalid UTF-8 inside a report is read" '[ $rc -eq 0 ] && [ $(wc -l < "$work/broken.json") -eq 1 ]'

# the \copy pipelines
psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "CREATE DATABASE $db"
"$cli" -q --copy "$fx"/*.txt > "$work/copy.tsv" 2>/dev/null
psql -X -q -v ON_ERROR_STOP=1 -d "$db" > "$work/sql.out" 2>&1 <<SQL || { cat "$work/sql.out"; bad "SQL part ran"; }
CREATE EXTENSION govdisclose;
CREATE TABLE reports (file text, doc jsonb);
\copy reports FROM '$work/copy.tsv'
CREATE TABLE lines (doc jsonb);
\copy lines FROM '$work/out.jsonl' WITH (FORMAT csv, QUOTE E'\x01', DELIMITER E'\x02')
\copy lines FROM '$work/broken.json' WITH (FORMAT csv, QUOTE E'\x01', DELIMITER E'\x02')
\pset tuples_only on
SELECT 'copied ' || count(*) FROM reports;
SELECT 'lines ' || count(*) FROM lines;
CREATE TABLE files (path text, b64 text);
\copy files FROM PROGRAM 'sh $top/tests/lib/files-b64 $fx/*.txt'
SELECT 'same as SQL ' || count(*) FILTER (WHERE govdisclose.report_from_jsonb(doc) =
       govdisclose.parse_report(convert_from(decode(b64, 'base64'), 'UTF8')))
FROM reports JOIN files ON files.path = reports.file;
SELECT 'canonical ' || count(*) FILTER (WHERE doc = to_jsonb(govdisclose.report_from_jsonb(doc))) FROM lines;
SQL
check "--copy output loads with psql copy" 'grep -q "copied $n" "$work/sql.out"'
check "JSON lines load with psql copy (csv, no quote)" 'grep -q "lines $((n + 1))" "$work/sql.out"'
check "every report equals parse_report of the same file" 'grep -q "same as SQL $n" "$work/sql.out"'
check "the JSON is canonical (to_jsonb of the report it reads back to)" 'grep -q "canonical $((n + 1))" "$work/sql.out"'

# make install-cli puts the program where the README's examples call it
make -s -C "$top" install-cli DESTDIR="$work/dest" CLI_BINDIR=/usr/local/bin >/dev/null
"$cli" -q "$fx/tabs_2021.txt" > "$work/tabs.json" 2>/dev/null
check "make install-cli installs govdisclose-parse, which runs" \
	'"$work/dest/usr/local/bin/govdisclose-parse" -q "$fx/tabs_2021.txt" 2>/dev/null | cmp -s - "$work/tabs.json"'

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
