--
-- The report type, the layout and the rules, as SQL sees them
--
\dT govdisclose.*

-- the report nests like its JSON: one composite per block and row
SELECT a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod)
FROM pg_catalog.pg_attribute a
WHERE a.attrelid = 'govdisclose.report'::pg_catalog.regclass AND a.attnum > 0
ORDER BY a.attnum;

-- cells per format and section: 2021 has 10 cells in 二, 175 in 三, 15 in 四;
-- 2019 has 22 (+ the procurement unit) in 二 and 161 in 三
SELECT format, coalesce(section, '(title)') AS section, count(*) AS cells,
       count(*) FILTER (WHERE required) AS required
FROM govdisclose.layout
GROUP BY format, section ORDER BY format, min("position");

-- the official label of every cell of section 二, in both formats
SELECT format, key_path, heading, label, kind
FROM govdisclose.layout
WHERE section = '二、主动公开政府信息情况'
ORDER BY format, "position";

-- table 三: the rows of each format, with their official labels
SELECT format, row_label, count(*) AS columns
FROM govdisclose.layout
WHERE section = '三、收到和处理政府信息公开申请情况'
GROUP BY format, row_label ORDER BY format, min("position");

-- table 三 columns and table 四 groups
SELECT DISTINCT column_label, "position" % 7 AS p
FROM govdisclose.layout
WHERE format = '2021' AND key_path LIKE 'requests.new_received.%' ORDER BY 2;
SELECT key_path, label FROM govdisclose.layout
WHERE format = '2021' AND key_path LIKE 'appeals.%' ORDER BY "position";

-- every leaf of to_jsonb(report) is a key path of the layout, and back
WITH RECURSIVE leaves(path, value) AS (
    SELECT key, value
    FROM jsonb_each(to_jsonb(govdisclose.report_from_jsonb('{}')))
  UNION ALL
    SELECT l.path || '.' || e.key, e.value
    FROM leaves l, jsonb_each(l.value) e
    WHERE jsonb_typeof(l.value) = 'object'
)
SELECT (SELECT count(*) FROM leaves WHERE jsonb_typeof(value) <> 'object') AS json_leaves,
       (SELECT count(DISTINCT key_path) FROM govdisclose.layout) AS layout_cells,
       (SELECT count(*) FROM leaves l
        WHERE jsonb_typeof(value) <> 'object'
          AND NOT EXISTS (SELECT FROM govdisclose.layout g WHERE g.key_path = l.path)) AS unmatched;

-- the rules, in the order check_report applies them
SELECT rule, severity, scope, formats FROM govdisclose.rules;

-- every equation, expanded over the cells of each format
SELECT format, rule, relation, count(*) AS equations, max(cardinality(expected)) AS max_terms
FROM govdisclose.equations GROUP BY 1, 2, 3 ORDER BY 1, 2;
SELECT scope, expected, actual FROM govdisclose.equations
WHERE format = '2019' AND rule = 'requests_outcomes' AND scope = 'column 总计';

-- the functions read the types as the layout declares them: a type of the
-- extension altered after install is refused (42804), never misread
BEGIN;
ALTER TYPE govdisclose.appeal_outcomes ADD ATTRIBUTE extra integer;
SELECT govdisclose.report_from_jsonb('{"format": "2021"}');
ROLLBACK;
BEGIN;
ALTER TYPE govdisclose.appeal_outcomes RENAME ATTRIBUTE total TO sum;
SELECT govdisclose.report_from_jsonb('{"format": "2021"}');
ROLLBACK;
BEGIN;
ALTER TYPE govdisclose.report_sum_state ADD ATTRIBUTE extra integer;
SELECT govdisclose.report_sum_final(row('{1,0}', NULL, 1)::govdisclose.report_sum_state);
ROLLBACK;
BEGIN;
ALTER TYPE govdisclose.trend ADD ATTRIBUTE extra integer;
SELECT govdisclose.trend(2020, 1);
ROLLBACK;
BEGIN;
ALTER TYPE govdisclose.trend ALTER ATTRIBUTE years TYPE bigint;
SELECT govdisclose.trend(2020, 1);
ROLLBACK;
BEGIN;
ALTER TYPE govdisclose.proactive ALTER ATTRIBUTE regulations TYPE text;
SELECT govdisclose.report_from_jsonb('{"format": "2021"}');
ROLLBACK;
-- a dropped column is not counted where the message shows positions
BEGIN;
ALTER TYPE govdisclose.trend DROP ATTRIBUTE missing_years;
ALTER TYPE govdisclose.trend ADD ATTRIBUTE missing_years integer[];
SELECT govdisclose.trend(2020, 1);
ROLLBACK;
BEGIN;
ALTER TYPE govdisclose.appeal_outcomes DROP ATTRIBUTE total CASCADE;
SELECT govdisclose.report_from_jsonb('{"format": "2021"}');
ROLLBACK;
