#!/bin/sh
# Accuracy of the parser on real published reports (../shared, read at run
# time, never copied): the seed, ../shared/corpus and ../shared/complete.
#
# Every file must be read as a report (no refusal).  Every cell its
# NNN.expected.json lists is compared with what govdisclose-parse read:
#   matched    the same value ("/" and "-" count as NULL, as published blanks)
#   left NULL  the parser left it NULL with a note (acceptable: ambiguous)
#   wrong      any other value (must be 0)
# Rows listed under *_ambiguous (cut by truncation or with their columns
# lost) must not be given positions: all their cells must be NULL.
# format and year count like cells; agency differences are listed (the
# complete/ files annotate the agency, e.g. "（管委会）").  Every truncated
# file (truncated_in) must have a "truncated" note.  A whole report must be
# exactly as consistent as its expected JSON: the parser does not correct.
# The scratch database needs govdisclose installed (make install).
#
# Uses PGHOST/PGPORT/PGUSER for a scratch database (the comparison is SQL).
# Prints "SKIP: ..." and exits 0 when ../shared is absent.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
shared="$top/../shared"
if [ ! -d "$shared/corpus" ] || [ ! -d "$shared/complete" ] || [ ! -d "$shared/seed" ]; then
	echo "SKIP: $shared (corpus, complete, seed) is absent; corpus accuracy not measured"
	exit 0
fi
cli="$top/tools/govdisclose-parse"
make -s -C "$top" tools/govdisclose-parse >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db="govdisclose_corpus_$$"

# one line per file: dir, name, parsed JSON, expected JSON (compact), notes
: > "$work/rows.tsv"
for f in "$shared"/corpus/*.txt "$shared"/complete/*.txt "$shared"/seed/*.txt; do
	dir=$(basename "$(dirname "$f")")
	name=$(basename "$f")
	exp="${f%.txt}.expected.json"
	[ -f "$exp" ] || continue
	json=$("$cli" "$f" 2> "$work/notes") || true
	[ -n "$json" ] || json=null
	truncated=$(grep -c ': truncated' "$work/notes" || true)
	printf '%s\t%s\t%s\t%s\t%s\n' "$dir" "$name" "$json" "$(tr -d '\n' < "$exp")" "$truncated" >> "$work/rows.tsv"
done
for d in corpus complete; do
	tail -n +2 "$shared/$d/INDEX.tsv" | sed "s/^/$d\t/" >> "$work/index.tsv"
done

psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "CREATE DATABASE $db" >/dev/null
trap 'rm -rf "$work"; psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1' EXIT
psql -X -q -v ON_ERROR_STOP=1 -d "$db" <<SQL
\pset footer off
CREATE TABLE f (dir text, name text, got jsonb, expected jsonb, truncation_notes int);
\copy f FROM '$work/rows.tsv' WITH (FORMAT csv, DELIMITER E'\t', QUOTE E'\x01')
CREATE TABLE idx (dir text, name text, c2 text, c3 text, c4 text, c5 text, c6 text, notes text);
\copy idx FROM '$work/index.tsv' WITH (FORMAT csv, DELIMITER E'\t', QUOTE E'\x01')

CREATE TABLE shape AS
SELECT f.dir, f.name,
	   CASE WHEN f.dir = 'seed' THEN 'tab rows (seed)'
			WHEN f.dir = 'complete' THEN 'run-together cells (crawler)'
			WHEN i.notes ILIKE '%raw HTML%' THEN 'raw HTML'
			WHEN i.notes ILIKE '%traditional%' THEN 'traditional characters'
			WHEN i.notes ILIKE '%blank-line%' THEN 'blank-line separated cells'
			WHEN i.notes ~* 'flattened|one cell per line|lone' THEN 'one cell per line'
			WHEN i.notes ILIKE '%pipe%' THEN 'pipe rows'
			ELSE 'no table in the text' END AS shape
FROM f LEFT JOIN idx i USING (dir, name);

-- every leaf of the expected document, with its path
CREATE TABLE leaf AS
WITH RECURSIVE walk(dir, name, path, v, ambiguous) AS (
	SELECT dir, name, ARRAY[k], v, k LIKE '%\_ambiguous'
	FROM f, jsonb_each(expected) AS e(k, v)
	WHERE k NOT IN ('truncated_in', 'tables_present')
  UNION ALL
	SELECT w.dir, w.name, w.path || e.k, e.v, w.ambiguous
	FROM walk w, jsonb_each(w.v) AS e(k, v)
	WHERE jsonb_typeof(w.v) = 'object'
)
SELECT * FROM walk WHERE jsonb_typeof(v) <> 'object';

CREATE TABLE verdict AS
SELECT l.dir, l.name, array_to_string(l.path, '.') AS path, l.v AS expected,
	   CASE WHEN l.ambiguous
			THEN replace(l.path[1], '_ambiguous', '') || '.' || array_to_string(l.path[2:], '.')
			ELSE array_to_string(l.path, '.') END AS got_path,
	   CASE
		 WHEN l.ambiguous THEN
		   CASE WHEN (SELECT bool_and(x.value = 'null')
					  FROM jsonb_each(f.got #> (ARRAY[replace(l.path[1], '_ambiguous', '')] || l.path[2:])) x)
				THEN 'matched' ELSE 'wrong' END
		 WHEN l.path[1] = 'agency' THEN
		   CASE WHEN f.got -> 'agency' = l.v THEN 'matched'
				WHEN f.got -> 'agency' = 'null' THEN 'left NULL' ELSE 'agency differs' END
		 WHEN l.v = 'null' OR l.v IN ('"/"', '"-"') THEN
		   CASE WHEN f.got #> l.path = 'null' THEN 'matched' ELSE 'wrong' END
		 WHEN f.got #> l.path = 'null' THEN 'left NULL'
		 WHEN jsonb_typeof(l.v) = 'number' AND jsonb_typeof(f.got #> l.path) = 'number'
			  AND (l.v #>> '{}')::numeric = (f.got #>> l.path)::numeric THEN 'matched'
		 WHEN f.got #> l.path = l.v THEN 'matched'
		 ELSE 'wrong' END AS verdict,
	   f.got #> l.path AS got
FROM leaf l JOIN f USING (dir, name);

\echo
\echo 'Corpus accuracy, per shape (cells of tables 二, 三, 四 plus format and year)'
CREATE TABLE per_shape AS
SELECT s.shape, count(DISTINCT (s.dir, s.name)) AS files,
	   count(v.*) FILTER (WHERE v.verdict <> 'agency differs' AND v.path <> 'agency') AS compared,
	   count(v.*) FILTER (WHERE v.verdict = 'matched' AND v.path <> 'agency') AS matched,
	   count(v.*) FILTER (WHERE v.verdict = 'left NULL' AND v.path <> 'agency') AS left_null,
	   count(v.*) FILTER (WHERE v.verdict = 'wrong') AS wrong
FROM shape s LEFT JOIN verdict v USING (dir, name)
GROUP BY ROLLUP (s.shape);
SELECT * FROM per_shape ORDER BY shape NULLS LAST;

\echo 'Refused files (must be none):'
SELECT dir || '/' || name AS file FROM f WHERE got = 'null';
\echo 'Wrong cells (must be none):'
SELECT dir || '/' || name AS file, path, expected, got FROM verdict WHERE verdict = 'wrong' ORDER BY 1, 2;
\echo 'Truncated files without a truncation note (must be none):'
SELECT dir || '/' || name AS file FROM f
WHERE expected ? 'truncated_in' AND expected ->> 'truncated_in' IS NOT NULL AND truncation_notes = 0;
CREATE TABLE seed_diff AS
WITH RECURSIVE walk(src, path, v) AS (
	SELECT 'expected', ARRAY[k], v FROM f, jsonb_each(expected) e(k, v) WHERE dir = 'seed'
  UNION ALL
	SELECT 'parsed', ARRAY[k], v FROM f, jsonb_each(got) e(k, v)
	WHERE dir = 'seed' AND k NOT IN ('overview', 'problems', 'other_matters')
  UNION ALL
	SELECT w.src, w.path || e.k, e.v FROM walk w, jsonb_each(w.v) e(k, v)
	WHERE jsonb_typeof(w.v) = 'object'
), leaves AS (
	SELECT src, array_to_string(path, '.') AS path, v FROM walk
	WHERE jsonb_typeof(v) NOT IN ('object', 'null')
)
SELECT coalesce(e.path, p.path) AS path, e.v AS expected, p.v AS parsed
FROM (SELECT * FROM leaves WHERE src = 'expected') e
FULL JOIN (SELECT * FROM leaves WHERE src = 'parsed') p USING (path)
WHERE e.v IS DISTINCT FROM p.v
  AND NOT (jsonb_typeof(e.v) = 'number' AND jsonb_typeof(p.v) = 'number'
		   AND (e.v #>> '{}')::numeric = (p.v #>> '{}')::numeric);
\echo 'The seed: cells of its parse that differ from its expected JSON, nulls dropped (must be none):'
SELECT * FROM seed_diff;
\echo 'Consistency kept as published (whole reports): is_consistent of the parse and of the expected JSON'
CREATE EXTENSION govdisclose;
CREATE TABLE consistency AS
SELECT dir || '/' || name AS file,
	   govdisclose.is_consistent(govdisclose.report_from_jsonb(got)) AS parsed,
	   govdisclose.is_consistent(govdisclose.report_from_jsonb(expected)) AS published
FROM f WHERE dir IN ('complete', 'seed');
SELECT * FROM consistency ORDER BY file;
\echo 'Agency (title field):'
SELECT count(*) FILTER (WHERE verdict = 'matched') AS matched,
	   count(*) FILTER (WHERE verdict = 'left NULL') AS left_null,
	   count(*) FILTER (WHERE verdict = 'agency differs') AS differs
FROM verdict WHERE path = 'agency';
SELECT dir || '/' || name AS file, expected, got FROM verdict WHERE verdict = 'agency differs' ORDER BY 1;

SELECT (SELECT count(*) FROM f WHERE got = 'null') AS refused,
	   (SELECT count(*) FROM verdict WHERE verdict = 'wrong') AS wrong,
	   (SELECT count(*) FROM f WHERE expected ->> 'truncated_in' IS NOT NULL AND truncation_notes = 0) AS untruncated,
	   (SELECT count(*) FROM seed_diff) AS seed_diff,
	   (SELECT count(*) FROM consistency WHERE parsed IS DISTINCT FROM published) AS inconsistent
\gset
SELECT :refused + :wrong + :untruncated + :seed_diff + :inconsistent AS failures \gset
\if :failures
\echo 'corpus: FAILED'
\q
\endif
\echo 'corpus: all files read, no wrong cell'
SQL
out=$(psql -X -q -At -d "$db" -c "SELECT (SELECT count(*) FROM f WHERE got = 'null') + (SELECT count(*) FROM verdict WHERE verdict = 'wrong') + (SELECT count(*) FROM f WHERE expected ->> 'truncated_in' IS NOT NULL AND truncation_notes = 0) + (SELECT count(*) FROM seed_diff) + (SELECT count(*) FROM consistency WHERE parsed IS DISTINCT FROM published)")
if [ "$out" != "0" ]; then
	echo "0 passed, 1 failed"
	exit 1
fi

# The figures the documentation states are the ones measured here:
# docs/parser.md's table row for row, and README's sentence.
doc_table=$(psql -X -q -At -d "$db" -c "
	SELECT CASE WHEN shape IS NULL
				THEN format('| **all** | **%s** | **%s** | **%s** | **%s** | **%s** |',
							files, compared, matched, left_null, wrong)
				ELSE format('| %s | %s | %s | %s | %s | %s |',
							shape, files, compared, matched, left_null, wrong) END
	FROM per_shape ORDER BY shape NULLS LAST")
readme_sentence=$(psql -X -q -At -d "$db" -c "
	SELECT format('%s of %s cells are read exactly, %s are left NULL',
				  to_char(matched, 'FM999,999,999'), to_char(compared, 'FM999,999,999'),
				  to_char(left_null, 'FM999,999,999'))
	FROM per_shape WHERE shape IS NULL")
have_table=$(sed -n '/^| shape | files | compared | matched | left NULL | wrong |$/,/^| \*\*all\*\*/p' \
	"$top/docs/parser.md" | tail -n +3)
stale=0
if [ "$doc_table" != "$have_table" ]; then
	echo "docs/parser.md's corpus table differs from this run; update it:"
	echo "$have_table" > "$work/doc_have"
	echo "$doc_table" > "$work/doc_want"
	diff "$work/doc_have" "$work/doc_want" || true
	stale=1
fi
if ! tr '\n' ' ' < "$top/README.md" | grep -qF "$readme_sentence"; then
	echo "README.md does not say \"$readme_sentence\" (this run's figures); update it"
	stale=1
fi
summary=$("$cli" -q "$shared"/corpus/*.txt "$shared"/complete/*.txt "$shared"/seed/*.txt 2>&1 >/dev/null |
	tail -n 1 | sed 's/^govdisclose-parse: //')
if ! tr '\n' ' ' < "$top/README.md" | grep -qF "\`$summary\` on the texts of \`../shared\`"; then
	echo "README.md does not give govdisclose-parse's summary of ../shared as this run prints it ($summary); update it"
	stale=1
fi
if [ $stale -ne 0 ]; then
	echo "0 passed, 1 failed"
	exit 1
fi
echo "1 passed, 0 failed"
