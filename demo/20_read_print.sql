-- make demo, part 3: reading reports from their published text
-- (parse_report, parse_notes, govdisclose-parse) and printing them in the
-- official layout (render_report).  The texts are the project's own
-- fixtures (tests/fixtures: invented figures, in the shapes published
-- reports take) and, where ../shared is beside the clone, the real seed
-- report.  psql runs in the top directory of the project.
\pset null '∅'
\pset footer off

-- the texts go into a table first, so that the queries below show only
-- their SQL (psql echoes a query with its variables filled in)
CREATE TABLE demo.published (file text PRIMARY KEY, shape text, body text, expected jsonb);
\set ECHO none
\set body `cat tests/fixtures/tabs_2021.txt`
INSERT INTO demo.published VALUES ('tabs_2021', 'tab-separated, a row lost a cell', :'body');
\set body `cat tests/fixtures/pdf_2021.txt`
INSERT INTO demo.published VALUES ('pdf_2021', 'from a PDF: rows broken across lines, page numbers, cut short', :'body');
\set body `cat tests/fixtures/runon_2019.txt`
INSERT INTO demo.published VALUES ('runon_2019', 'crawler text: the cells of a row ran together', :'body');
\set body `cat tests/fixtures/trad_2021.txt`
INSERT INTO demo.published VALUES ('trad_2021', 'traditional characters with inline pinyin', :'body');
\set body `cat tests/fixtures/html_2019.txt`
INSERT INTO demo.published VALUES ('html_2019', 'a raw HTML page', :'body');
\set have_seed `test -f ../shared/seed/zhumadian-police-2021.txt && test -f ../shared/seed/zhumadian-police-2021.expected.json && echo 1 || echo 0`
\if :have_seed
\set body `cat ../shared/seed/zhumadian-police-2021.txt`
\set expected `cat ../shared/seed/zhumadian-police-2021.expected.json`
INSERT INTO demo.published VALUES ('seed', 'the real seed report (../shared)', :'body', :'expected');
\endif
\set ECHO queries

\echo
\echo '=== Read published text: row 一、本年新收 as it appears in each text'
SELECT file, shape,
       replace(replace(substring(body FROM '[^\n]{0,12}本年新收[^\n]{0,50}(?:\n[^\n]{0,30})?'),
                       E'\n', ' ⏎ '), E'\t', ' ⇥ ') AS "the row in the text (⏎ line break, ⇥ tab)"
FROM demo.published ORDER BY file;

\echo
\echo '=== parse_report: the same cells, typed, whatever the shape'
SELECT file, (r).agency, (r).year, (r).format,
       (r).requests.new_received.total AS "一、本年新收",
       (r).requests.new_received.commercial_enterprise AS "商业企业",
       (r).requests.total_handled.total AS "（七）总计",
       (r).proactive.licensing.decisions AS "行政许可",
       govdisclose.is_consistent(r) AS consistent
FROM demo.published, LATERAL (SELECT govdisclose.parse_report(body) AS r) p
ORDER BY file;

\echo
\echo '=== parse_notes: every repair, guess, unreadable cell, dropped fragment and truncation'
\echo '    a cell that the text leaves ambiguous stays NULL; the parser never guesses a number'
SELECT file, line, key_path, left(note, 150) AS note
FROM demo.published, govdisclose.parse_notes(body)
WHERE file IN ('tabs_2021', 'pdf_2021', 'runon_2019')
ORDER BY file, line, key_path;

\if :have_seed
\echo
\echo '=== The real seed report: every cell its expected JSON lists, compared with what was read'
WITH RECURSIVE listed(path, v) AS (
    SELECT ARRAY[key], value FROM demo.published, jsonb_each(expected) WHERE file = 'seed'
  UNION ALL
    SELECT l.path || k.key, k.value
    FROM listed l, jsonb_each(l.v) k WHERE jsonb_typeof(l.v) = 'object'
)
SELECT count(*) AS cells_listed,
       count(*) FILTER (WHERE to_jsonb(p.r) #> path = v) AS read_exactly,
       count(*) FILTER (WHERE to_jsonb(p.r) #> path <> v) AS read_differently
FROM listed,
     (SELECT govdisclose.parse_report(body) AS r FROM demo.published WHERE file = 'seed') p
WHERE jsonb_typeof(v) <> 'object';
\else
\echo
\echo 'SKIP: ../shared/seed not found beside the project; the real seed report is not shown'
\endif

\echo
\echo '=== A text that is not an annual report is refused (an intended ERROR)'
\set ON_ERROR_STOP 0
SELECT govdisclose.parse_report('本店今日特价：苹果每斤5元，香蕉每斤3元。');
\set ON_ERROR_STOP 1

\echo
\echo '=== The same parser without a database: govdisclose-parse, loaded with \\copy'
CREATE TABLE demo.imported (file text, doc jsonb);
\copy demo.imported FROM PROGRAM 'tools/govdisclose-parse -q --copy tests/fixtures/*.txt 2>/dev/null'
SELECT regexp_replace(file, '^.*/', '') AS file, (r).agency, (r).year, (r).format,
       govdisclose.is_consistent(r) AS consistent
FROM demo.imported, LATERAL (SELECT govdisclose.report_from_jsonb(doc) AS r) x
ORDER BY 1;

\echo
\echo '=== render_report: a demo report printed in the official layout (style text, as agencies paste it)'
\set QUIET on
\pset format unaligned
\pset tuples_only on
\set QUIET off
SELECT govdisclose.render_report(report, 'text')
FROM demo.reports WHERE agency = '南岭市教育局' AND year = 2025;
\set QUIET on
\pset format aligned
\pset tuples_only off
\set QUIET off

\echo
\echo '=== The same report in markdown: the head of table 三'
WITH md AS (
    SELECT l, n
    FROM demo.reports,
         regexp_split_to_table(govdisclose.render_report(report, 'markdown'), E'\n') WITH ORDINALITY AS t(l, n)
    WHERE agency = '南岭市教育局' AND year = 2025
)
SELECT l AS line FROM md
WHERE n BETWEEN (SELECT min(n) FROM md WHERE l LIKE '|%申请人情况%')
            AND (SELECT min(n) FROM md WHERE l LIKE '|%二、上年结转%')
ORDER BY n;

\echo
\echo '=== And in html: a complete, printable HTML document'
\set html_file `d=${TMPDIR:-/tmp}/govdisclose-demo; mkdir -p "$d" && echo "$d/南岭市教育局-2025.html"`
\set QUIET on
\pset format unaligned
\pset tuples_only on
\set QUIET off
\o :html_file
SELECT govdisclose.render_report(report, 'html')
FROM demo.reports WHERE agency = '南岭市教育局' AND year = 2025;
\o
\set QUIET on
\pset format aligned
\pset tuples_only off
\set QUIET off
\echo 'written to' :html_file '(open it in a browser; it prints on A4)'

\echo
\echo '=== Print, then read back: parse_report(render_report(r, style)) = r for every demo report and style'
SELECT s AS style, count(*) AS reports,
       count(*) FILTER (WHERE to_jsonb(govdisclose.parse_report(govdisclose.render_report(report, s)))
                              = to_jsonb(report)) AS read_back_identical
FROM demo.reports, unnest(ARRAY['text', 'markdown', 'html']) AS s
GROUP BY s ORDER BY s;
