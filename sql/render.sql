--
-- render_report(report, style): the official layout as markdown, html, text
--
-- Reports are invented here: every figure cell of a format is filled from
-- the layout view with made-up numbers, then individual cells are changed.
--
\set SHOW_CONTEXT never

\i tests/invent_report.sql

-- the SQLSTATE and message of a statement, or 'no error'
CREATE FUNCTION pg_temp.sqlstate_of(q text) RETURNS text
LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE q;
	RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
	RETURN SQLSTATE || ': ' || SQLERRM;
END $$;

CREATE TABLE fixtures (name text PRIMARY KEY, r govdisclose.report);
INSERT INTO fixtures VALUES
	('2021', govdisclose.report_from_jsonb(gd_test_invent('2021', 3)
		|| '{"overview": "（一）主动公开情况。全年主动公开政府信息120条。\n（二）依申请公开情况。全年收到申请9件。",
			 "problems": "一是公开内容不够全面。二是解读形式单一。",
			 "other_matters": "无。", "processing_fee_yuan": 0}')),
	('2019', govdisclose.report_from_jsonb(jsonb_set(gd_test_invent('2019', 5),
		'{proactive,procurement,amount_unit}', '"万元"')
		|| '{"overview": "2020年，本机关认真贯彻《条例》。"}'));

\pset format unaligned
\pset tuples_only on

-- 2021 format, every style
SELECT govdisclose.render_report(r, 'text') FROM fixtures WHERE name = '2021';
SELECT govdisclose.render_report(r, 'markdown') FROM fixtures WHERE name = '2021';
SELECT govdisclose.render_report(r, 'html') FROM fixtures WHERE name = '2021';

-- 2019 format: other columns in the 2019 order (上一年项目数量, 本年增/减,
-- 处理决定数量), 其他对外管理服务事项 and 第二十条第（九）项 with the unit in
-- the amount's cell, （六）其他处理 a single row, no fee statement
SELECT govdisclose.render_report(r, 'text') FROM fixtures WHERE name = '2019';
SELECT govdisclose.render_report(r, 'markdown') FROM fixtures WHERE name = '2019';
SELECT substring(h FROM position('<body>' IN h))
FROM (SELECT govdisclose.render_report(r, 'html') AS h FROM fixtures WHERE name = '2019') s;

\pset format aligned
\pset tuples_only off

-- the default style is markdown; style names ignore ASCII case
SELECT govdisclose.render_report(r) = govdisclose.render_report(r, 'markdown') AS default_markdown,
	   govdisclose.render_report(r, 'HTML') = govdisclose.render_report(r, 'html') AS html_any_case,
	   govdisclose.render_report(r, 'Text') = govdisclose.render_report(r, 'text') AS text_any_case
FROM fixtures WHERE name = '2021';

-- every text-style table row has the full number of tab-separated fields
-- (4 in table 二, 3 label columns + 7 in table 三, 15 in table 四)
SELECT name, tabs + 1 AS fields, count(*) AS rows
FROM fixtures,
	 LATERAL regexp_split_to_table(govdisclose.render_report(r, 'text'), E'\n') AS line,
	 LATERAL (SELECT length(line) - length(replace(line, E'\t', '')) AS tabs) t
WHERE tabs > 0
GROUP BY name, tabs ORDER BY name, tabs;

-- NULL arguments: NULL (the function is strict)
SELECT govdisclose.render_report(NULL::govdisclose.report) IS NULL AS null_report,
	   govdisclose.render_report(r, NULL) IS NULL AS null_style
FROM fixtures WHERE name = '2021';

-- an unknown style is 22023
SELECT govdisclose.render_report(r, 'pdf') FROM fixtures WHERE name = '2021';
SELECT pg_temp.sqlstate_of($$SELECT govdisclose.render_report(r, '') FROM fixtures$$);
SELECT pg_temp.sqlstate_of($$SELECT govdisclose.render_report(r, 'markdown ') FROM fixtures$$);

-- a report without a known format cannot be laid out: 22023
SELECT govdisclose.render_report(govdisclose.report_from_jsonb('{"agency": "某局"}'), 'text');
SELECT govdisclose.render_report(govdisclose.report_from_jsonb('{"format": "2020"}'), 'text');
SELECT pg_temp.sqlstate_of($$SELECT govdisclose.render_report(
	govdisclose.report_from_jsonb('{"format": ""}'), 'html')$$);

-- a cell of the other format would be dropped: 22023, never silently
SELECT govdisclose.render_report(govdisclose.report_from_jsonb(
	gd_test_invent('2021', 1) || '{"proactive": {"other_services": {"decisions": 5}}}'), 'text');
SELECT pg_temp.sqlstate_of($$SELECT govdisclose.render_report(govdisclose.report_from_jsonb(
	'{"format": "2019", "requests": {"other_handling": {"unpaid_fee": {"total": 1}}}}'), 'markdown')$$);
SELECT pg_temp.sqlstate_of($$SELECT govdisclose.render_report(govdisclose.report_from_jsonb(
	'{"format": "2019", "proactive": {"fees": {"amount_10k_yuan": 1.5}}}'), 'markdown')$$);
-- its own format's cells are fine
SELECT pg_temp.sqlstate_of($$SELECT govdisclose.render_report(govdisclose.report_from_jsonb(
	'{"format": "2019", "proactive": {"fees": {"change": -3}}}'), 'markdown')$$);

\pset format unaligned
\pset tuples_only on

-- NULL cells are empty cells; a report of nothing but its format still has
-- every heading, every table and every cell
SELECT govdisclose.render_report(govdisclose.report_from_jsonb('{"format": "2021"}'), 'text');
SELECT govdisclose.render_report(govdisclose.report_from_jsonb('{"format": "2019"}'), 'markdown');
-- blanks among figures: the row keeps its width, the blank stays blank
SELECT line
FROM fixtures,
	 LATERAL regexp_split_to_table(govdisclose.render_report(govdisclose.report_from_jsonb(
		 jsonb_set(jsonb_set(jsonb_set(to_jsonb(r),
			'{requests,new_received,total}', 'null'),
			'{requests,denied,state_secret,natural_person}', 'null'),
			'{appeals,litigation_after_reconsideration,pending}', 'null')), 'text'), E'\n') AS line
WHERE name = '2021' AND (line LIKE '%一、本年新收%' OR line LIKE '%1.属于国家秘密%' OR line ~ '^\d');
SELECT line
FROM fixtures,
	 LATERAL regexp_split_to_table(govdisclose.render_report(govdisclose.report_from_jsonb(
		 jsonb_set(to_jsonb(r), '{requests,new_received,total}', 'null')), 'markdown'), E'\n') AS line
WHERE name = '2021' AND line LIKE '%一、本年新收%';

-- numerics exactly as stored: no rounding, trailing zeros kept
SELECT line
FROM regexp_split_to_table(govdisclose.render_report(govdisclose.report_from_jsonb('
	{"format": "2021", "processing_fee_yuan": 0.00010000,
	 "proactive": {"fees": {"amount_10k_yuan": 12345.678901234567890123456789}}}'), 'text'), E'\n') AS line
WHERE line LIKE '%收费%' OR line LIKE '%处理费%';
SELECT line
FROM regexp_split_to_table(govdisclose.render_report(govdisclose.report_from_jsonb('
	{"format": "2019", "proactive": {"procurement": {"projects": 12, "amount": 251000.50}},
	 "requests": {"new_received": {"total": 9223372036854775807, "natural_person": 0}}}'), 'text'), E'\n') AS line
WHERE line LIKE '政府集中采购%' OR line LIKE '一、本年新收%';

-- NaN and infinite amounts print as numeric_out prints them
DO $$
DECLARE
	r govdisclose.report := govdisclose.report_from_jsonb('{"format": "2021"}');
	p govdisclose.proactive;
	f govdisclose.fee_figures;
	out text;
BEGIN
	r.processing_fee_yuan := 'NaN';
	p := r.proactive;
	f := p.fees;
	f.amount_10k_yuan := '-Infinity';
	p.fees := f;
	r.proactive := p;
	SELECT string_agg(line, ' / ') INTO out
	FROM regexp_split_to_table(govdisclose.render_report(r, 'text'), E'\n') AS line
	WHERE line LIKE '%收费%' OR line LIKE '%处理费%';
	RAISE NOTICE '%', out;
END $$;

-- the 2019 procurement unit: written after the amount, escaped when it
-- could be misread (not all CJK ideographs), empty cell when both are NULL
SELECT u AS unit, line
FROM unnest(ARRAY['元', '万元', 'USD', '', ' 元', '1|2', NULL]) AS u,
	 LATERAL regexp_split_to_table(govdisclose.render_report(govdisclose.report_from_jsonb(
		 jsonb_build_object('format', '2019', 'proactive', jsonb_build_object(
			'procurement', jsonb_build_object('projects', 3, 'amount', 17.5, 'amount_unit', u)))),
		 'markdown'), E'\n') AS line
WHERE line LIKE '| 政府集中采购%';
SELECT line
FROM regexp_split_to_table(govdisclose.render_report(govdisclose.report_from_jsonb(
	'{"format": "2019", "proactive": {"procurement": {"amount_unit": "元"}}}'), 'text'), E'\n') AS line
WHERE line LIKE '政府集中采购%';

-- hostile text: markup, entities, quotes, tabs, CR, newlines, pipes,
-- backslashes, white space at the ends, lines that look like headings, the
-- title or the fee statement, control characters
CREATE TABLE hostile AS
SELECT govdisclose.report_from_jsonb(jsonb_build_object(
	'format', '2021',
	'agency', '<script>alert("局")</script> & ''某局''',
	'year', 2023,
	'overview', E'第一段<b>粗</b> &amp; "引号"\n\n　　缩进的段落\n二、主动公开政府信息情况\n# 标题\n| a | b |\n列1\t列2\r\n\\开头的反斜杠 与 中间的\\反斜杠\n行尾空格 \n某局2022年政府信息公开工作年度报告\n<table><tr><td>1</td></tr></table>\n一是加强领导。\n控制\u0001字符',
	'problems', '',
	'other_matters', E'本年度收取信息处理费999元。\n依申请公开收费为零。\n无。',
	'processing_fee_yuan', 12.5)) AS r;
SELECT govdisclose.render_report(r, 'text') FROM hostile;
SELECT govdisclose.render_report(r, 'markdown') FROM hostile;
SELECT substring(h FROM position('<title>' IN h) FOR position('</title>' IN h) - position('<title>' IN h) + 8)
	|| E'\n' || substring(h FROM position('<body>' IN h) FOR position('<h2>二、' IN h) - position('<body>' IN h))
	|| substring(h FROM position('<h2>五、' IN h))
FROM (SELECT govdisclose.render_report(r, 'html') AS h FROM hostile) s;

-- the agency next to the year: a trailing digit or sign is escaped; a NULL
-- agency or year is left out of the title
SELECT a AS agency, y AS year,
	   split_part(govdisclose.render_report(govdisclose.report_from_jsonb(
		   jsonb_build_object('format', '2021', 'agency', a, 'year', y)), 'text'), E'\n', 1) AS title
FROM (VALUES ('第3', 2021), ('某局-', 2021), ('某局', -5), (NULL, 2021), ('某局', NULL),
			 (NULL, NULL), ('', 2021), ('某局１', 2021), (E'某\n局', 2021)) AS v(a, y);

\pset format aligned
\pset tuples_only off

-- structure: one title, the six headings, three tables, in every style
SELECT name, s AS style,
	   (SELECT count(*) FROM regexp_matches(doc, CASE s WHEN 'html' THEN '<h1>' WHEN 'markdown' THEN '^# ' ELSE '^[^\n]+年政府信息公开工作年度报告$' END, 'gn')) AS titles,
	   (SELECT count(*) FROM regexp_matches(doc, CASE s WHEN 'html' THEN '<h2>[一二三四五六]、' WHEN 'markdown' THEN '^## [一二三四五六]、' ELSE '^[一二三四五六]、[^\t\n]+$' END, 'gn')) AS headings,
	   (SELECT count(*) FROM regexp_matches(doc, CASE s WHEN 'html' THEN '<table' WHEN 'markdown' THEN '^\| --- ' ELSE '^第二十条第（一）项|^（本列|^行政复议' END, 'gn')) AS tables
FROM fixtures, unnest(ARRAY['markdown', 'html', 'text']) AS s,
	 LATERAL govdisclose.render_report(r, s) AS doc
ORDER BY name, s;

-- the figures of tables 三 and 四 read row by row are the cells in the
-- layout's order (table 二 of 2019 is in its own column order, shown above)
WITH doc AS (
	SELECT name, r, line, n
	FROM fixtures,
		 LATERAL regexp_split_to_table(govdisclose.render_report(r, 'text'), E'\n')
			 WITH ORDINALITY AS l(line, n)),
start AS (
	SELECT name, min(n) AS n FROM doc WHERE line LIKE '（本列%' GROUP BY name)
SELECT d.name,
	   string_agg(f, ',' ORDER BY d.n, k) FILTER (WHERE f ~ '^\d+$')
	   = (SELECT string_agg(to_jsonb(d2.r) #>> string_to_array(key_path, '.'), ',' ORDER BY "position")
		  FROM govdisclose.layout, (SELECT DISTINCT ON (name) name, r FROM doc) d2
		  WHERE d2.name = d.name AND format = d.name
			AND (key_path LIKE 'requests.%' OR key_path LIKE 'appeals.%')) AS same_order
FROM doc d JOIN start s ON s.name = d.name AND d.n > s.n,
	 LATERAL unnest(string_to_array(d.line, E'\t')) WITH ORDINALITY AS c(f, k)
GROUP BY d.name ORDER BY d.name;

-- leave the database as it was
DROP TABLE fixtures, hostile;
