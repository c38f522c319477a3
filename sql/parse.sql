--
-- parse_report / parse_notes on invented reports in every shape the parser
-- reads (tests/fixtures, written by tests/fixtures/generate.py).  Each
-- fixture is compared cell by cell with the invented figures it was made
-- from (truth_2021.json / truth_2019.json): a cell read differently would
-- be listed as wrong; a cell left NULL is listed with its note.
--
SET client_min_messages = warning;

-- the fixture files, read on the client side
CREATE TEMP TABLE files (path text, b64 text);
\copy files FROM PROGRAM 'sh tests/lib/files-b64 tests/fixtures/*.txt tests/fixtures/truth_*.json'
CREATE TEMP TABLE fixture AS
SELECT name, convert_from(decode(b64, 'base64'), 'UTF8') AS t
FROM unnest(ARRAY['tabs_2021', 'pipes_2019', 'lines_2021', 'blank_2021', 'runon_2019',
				  'html_2019', 'trad_2021', 'pdf_2021', 'headings_only']) AS name
JOIN files ON path = 'tests/fixtures/' || name || '.txt';
CREATE TEMP TABLE truth AS
SELECT fmt, convert_from(decode(b64, 'base64'), 'UTF8')::jsonb AS j
FROM unnest(ARRAY['2019', '2021']) AS fmt
JOIN files ON path = 'tests/fixtures/truth_' || fmt || '.json';
CREATE TEMP TABLE parsed AS
SELECT name, govdisclose.parse_report(t) AS r FROM fixture;

-- every leaf of a JSON document, with its key path
CREATE FUNCTION pg_temp.leaves(doc jsonb) RETURNS TABLE (key_path text, v jsonb)
LANGUAGE sql IMMUTABLE AS $$
	WITH RECURSIVE walk(path, v) AS (
		SELECT ARRAY[k], v FROM jsonb_each(doc) AS e(k, v)
	  UNION ALL
		SELECT w.path || e.k, e.v FROM walk w, jsonb_each(w.v) AS e(k, v)
		WHERE jsonb_typeof(w.v) = 'object'
	)
	SELECT array_to_string(path, '.'), v FROM walk WHERE jsonb_typeof(v) <> 'object'
$$;

-- the title fields and the counts of cells read, per fixture
SELECT name, (r).format, (r).agency, (r).year,
	   (SELECT count(*) FROM pg_temp.leaves(to_jsonb(r))
		WHERE v <> 'null' AND key_path ~ '^(proactive|requests|appeals)\.') AS cells,
	   govdisclose.is_consistent(r) AS consistent,
	   (r).processing_fee_yuan AS fee,
	   length((r).overview) > 0 AS overview, length((r).problems) > 0 AS problems
FROM parsed ORDER BY name;

-- a cell read with a value other than the invented figure: none
SELECT p.name, l.key_path, l.v AS read, t.v AS invented
FROM parsed p
JOIN truth tr ON tr.fmt = (p.r).format
CROSS JOIN LATERAL pg_temp.leaves(to_jsonb(p.r)) l
JOIN LATERAL pg_temp.leaves(tr.j) t ON t.key_path = l.key_path
WHERE l.v <> 'null' AND l.v <> t.v
  AND NOT (jsonb_typeof(l.v) = 'number' AND (l.v #>> '{}')::numeric = (t.v #>> '{}')::numeric)
ORDER BY 1, 2;

-- cells of the invented report left NULL, per fixture and table
SELECT p.name, split_part(t.key_path, '.', 1) AS tbl, count(*) AS left_null
FROM parsed p
JOIN truth tr ON tr.fmt = (p.r).format
CROSS JOIN LATERAL pg_temp.leaves(tr.j) t
WHERE t.key_path ~ '^(proactive|requests|appeals)\.'
  AND to_jsonb(p.r) #> string_to_array(t.key_path, '.') = 'null'
GROUP BY 1, 2 ORDER BY 1, 2;

-- tab rows (the seed's shape): a lost cell recovered from the equations,
-- header typos, a thousands separator, the fee of section 六
SELECT (r).requests.new_received, (r).proactive.licensing, (r).proactive.fees.amount_10k_yuan
FROM parsed WHERE name = 'tabs_2021';
SELECT * FROM govdisclose.parse_notes((SELECT t FROM fixture WHERE name = 'tabs_2021'));

-- pipe rows, 2019 format: signed changes, '/' and '-' and an empty cell are
-- NULL, the unit typed into the procurement amount, the format taken from
-- the headers although the preamble cites the 2021 notice
SELECT (r).format, (r).proactive.regulations, (r).proactive.licensing,
	   (r).proactive.other_services, (r).proactive.penalties, (r).proactive.enforcement,
	   (r).proactive.procurement, (r).requests.other_handling
FROM parsed WHERE name = 'pipes_2019';
SELECT * FROM govdisclose.parse_notes((SELECT t FROM fixture WHERE name = 'pipes_2019'));

-- one cell per line: lone '|' lines are blank cells, a stray '?', the text
-- cut inside a row of table 三
SELECT (r).requests.new_received, (r).requests.carried_over, (r).requests.granted
FROM parsed WHERE name = 'lines_2021';
SELECT * FROM govdisclose.parse_notes((SELECT t FROM fixture WHERE name = 'lines_2021'));
-- a lone '|' right after a label line without its border is the label's
-- border, not a blank cell: with the value line '1 |' lost, the row keeps
-- two values for three cells and is left NULL, not shifted to 3, 1
SELECT (r).proactive.normative_documents FROM parsed WHERE name = 'lines_2021';
SELECT (govdisclose.parse_report(t)).proactive.normative_documents
FROM (SELECT replace(t, E'|\n3 |\n1 |\n12 |', E'|\n3 |\n12 |') AS t
	  FROM fixture WHERE name = 'lines_2021') AS damaged;
SELECT line, key_path, note
FROM govdisclose.parse_notes((SELECT replace(t, E'|\n3 |\n1 |\n12 |', E'|\n3 |\n12 |')
							  FROM fixture WHERE name = 'lines_2021'))
WHERE key_path = 'proactive.normative_documents';

-- blank-line separated cells, header words split over lines, a unit in a cell
SELECT (r).proactive FROM parsed WHERE name = 'blank_2021';
SELECT * FROM govdisclose.parse_notes((SELECT t FROM fixture WHERE name = 'blank_2021'));

-- a crawler's run-together cells: splits the equations make unique are
-- filled, the others left NULL with a note
SELECT (r).proactive, (r).requests.unable_to_provide.not_held, (r).appeals
FROM parsed WHERE name = 'runon_2019';
SELECT line, key_path, note FROM govdisclose.parse_notes((SELECT t FROM fixture WHERE name = 'runon_2019'))
WHERE note NOT LIKE '%0 0 0 0 0 0 0';

-- raw HTML: &nbsp; cells are blank (NULL), <br> inside header cells
SELECT (r).requests.granted, (r).requests.not_processed.petition_or_complaint, (r).appeals.litigation_direct
FROM parsed WHERE name = 'html_2019';
SELECT * FROM govdisclose.parse_notes((SELECT t FROM fixture WHERE name = 'html_2019'));

-- a whole page: <!DOCTYPE> and comments are markup (a heading in a
-- comment is no heading; <!--> is an empty comment), the <title> is a line
-- of its own, and one that names no agency gives way to the <h1> that does
SELECT (r).agency, (r).year, (r).overview, (r).proactive.regulations
FROM (SELECT govdisclose.parse_report(E'<!DOCTYPE html>\n<html><head><meta charset="utf-8">'
		'<title>青山县交通运输局2022年政府信息公开工作年度报告</title></head>\n<body>'
		'<!-- 一、总体情况（旧稿）\n<p>作废</p> -->\n<h2>一、总体情况</h2><p>全年主动公开政府信息186条。</p>'
		'<h2>二、主动公开政府信息情况</h2><table><tr><td>信息内容</td><td>本年制发件数</td>'
		'<td>本年废止件数</td><td>现行有效件数</td></tr><!-- <tr><td>规章</td><td>9</td></tr> -->'
		'<tr><td>规章</td><td>1</td><td>0</td><td>3</td></tr></table></body></html>') AS r) x;
SELECT (r).agency, (r).year, (r).overview
FROM (SELECT govdisclose.parse_report(E'<!DOCTYPE html>\n<html><head><title>2022年政府信息公开工作年度报告</title>'
		'</head>\n<body><h1>青山县交通运输局2022年政府信息公开工作年度报告</h1><!-->'
		'<h2>一、总体情况</h2><p>全年主动公开政府信息186条。</p><!-- 页脚 -->'
		'<h2>二、主动公开政府信息情况</h2><table><tr><td>行政许可</td><td>12</td></tr></table>'
		'</body></html>') AS r) x;

-- no title, no sentence naming the report, no statistics period: the year
-- that opens section 一 is read when it is the section's first words,
-- followed by a comma or by 我/本/全/在, a year of the format the tables
-- show (2019 trial: 2019-2020; 2021: from 2021), and no later year follows
-- in the section; otherwise NULL
SELECT opening, tables, (r).format, (r).year
FROM (VALUES ('2021年，我局全面推进政务公开。', '2021'),
			 ('2022年我局政府信息公开工作运行良好。', '2021'),
			 ('2021年度,在区委、区政府的领导下，我局……', '2021'),
			 ('2020年，我乡明确专人负责政务公开工作。', '2019'),
			 ('2020年，我局全面推进政务公开。', '2021'),
			 ('2022年，我局全面推进政务公开。', '2019'),
			 ('2021年以来，我局全面推进政务公开。', '2021'),
			 ('2021年1月，我局制定了工作要点。', '2021'),
			 ('2021年是“十四五”开局之年。', '2021'),
			 ('我局全面推进政务公开。2021年，我局主动公开信息81条。', '2021'),
			 ('2021年，我局被确定为试点单位。2022年，我局主动公开信息81条。', '2021'),
			 ('2021年，我局全面推进政务公开。本报告统计期限为2022年1月1日至12月31日。', '2021')
	 ) AS c(opening, tables),
	 LATERAL (SELECT govdisclose.parse_report(E'一、总体情况\n' || opening
		|| E'\n二、主动公开政府信息情况\n第二十条第（一）项\n'
		|| CASE tables WHEN '2021' THEN E'信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n'
					   ELSE E'信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量\n' END
		|| E'规章\t1\t0\t3\n') AS r) p;
SELECT * FROM govdisclose.parse_notes(E'一、总体情况\n2021年度,在区委、区政府的领导下，我局……\n'
	'二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t1\t0\t3\n')
WHERE key_path = 'year';

-- no title: a sentence that publishes, compiles or presents the report by
-- name gives agency and year; 我局, 本单位, 全县 or 该局 names no agency; a
-- line starting with 现将, 现公布 or 特编制 is such a sentence, not a title;
-- the year may come first, and the sentence may leave out 政府; a second
-- verb (编制并发布) is not the agency, nor is a notice cited (关于编制公布…)
SELECT s AS sentence, (r).agency, (r).year
FROM (VALUES ('现将信访局2021年度政府信息公开工作报告如下：'),
			 ('现将2020年度市人力资源社会保障局信息公开工作总结报告如下。'),
			 ('根据条例，现将 2020年度县统计局政府信息公开工作报告如下。'),
			 ('现将2020年度全县信息公开工作报告如下。'),
			 ('现将2020年度信息公开工作报告如下。'),
			 ('现将县人民政府2022年信息公开工作年度报告公布如下。'),
			 ('根据规定，现编制并发布本单位2020年政府信息公开工作年度报告，接受社会监督。'),
			 ('特编制发布城关镇2021年度政府信息公开工作报告。'),
			 ('按照《关于编制公布2021年政府信息公开工作年度报告有关事项的通知》要求，编制本报告。'),
			 ('现将2022年度政务信息公开工作报告如下。'),
			 ('现将2022年1月1日至12月31日政府信息公开工作报告如下。'),
			 ('现将2022年度县政府信息公开工作年度报告如下。'),
			 ('现公布区统计局2023年政府信息公开工作年度报告。'),
			 ('现将我局2021年度政府信息公开工作报告如下：'),
			 ('现将全县2021年度政府信息公开工作年度报告公布如下：'),
			 ('现将驻马店市公安局2021年政府信息公开工作年度报告，公布如下。'),
			 ('编制办2021年政府信息公开工作年度报告'),
			 ('全椒县2021年政府信息公开工作年度报告'),
			 ('全县2021年政府信息公开工作年度报告'),
			 ('现将有关情况报告如下：')) AS c(s),
	 LATERAL (SELECT govdisclose.parse_report(s || E'\n一、总体情况\n全年主动公开政府信息186条。\n'
		|| E'二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n'
		|| E'规章\t1\t0\t3\n') AS r) p;

-- traditional characters with inline pinyin, full-width digits, a Kangxi
-- radical in a heading: the agency is kept as written, pinyin removed
SELECT (r).agency, (r).overview, (r).proactive.licensing, (r).requests.new_received
FROM parsed WHERE name = 'trad_2021';

-- the unit a column header states: 本年收费金额 is in 万元, so a header in 元
-- (or 千元) leaves the cell NULL, noted (the parser does not convert); 采购总金额
-- takes 元 or 万元, and a cell that writes no unit has the header's
SELECT h AS header, (r).proactive.fees.amount_10k_yuan
FROM (SELECT h, govdisclose.parse_report(replace(t, '本年收费金额(单位:万元,保留4位小数)', h)) AS r
	  FROM fixture, (VALUES ('本年收费金额（单位：万元）'), ('本年收费金额（单位：元）'),
							('本年收费金额（单位：人民币元）'), ('本年收费金额（单位为元）'),
							('本年收费金额(千元)'), ('本年收费金额')) AS c(h)
	  WHERE name = 'tabs_2021') s;
SELECT line, key_path, note FROM govdisclose.parse_notes((
	SELECT replace(t, '本年收费金额(单位:万元,保留4位小数)', '本年收费金额（单位：元）')
	FROM fixture WHERE name = 'tabs_2021'))
WHERE key_path LIKE 'proactive.fees%';
SELECT h AS header, c AS cell, (r).proactive.procurement
FROM (SELECT h, c, govdisclose.parse_report(replace(replace(t, '| 采购总金额 |', '| ' || h || ' |'),
											 '| 251000元 |', '| ' || c || ' |')) AS r
	  FROM fixture, (VALUES ('采购总金额', '251000元'), ('采购总金额（万元）', '25.1'),
							('采购总金额(元)', '251000'), ('采购总金额（万元）', '251000元'),
							('采购总金额（千元）', '251')) AS v(h, c)
	  WHERE name = 'pipes_2019') s;
SELECT line, key_path, note FROM govdisclose.parse_notes((
	SELECT replace(replace(t, '| 采购总金额 |', '| 采购总金额（千元） |'), '| 251000元 |', '| 251 |')
	FROM fixture WHERE name = 'pipes_2019'))
WHERE key_path LIKE 'proactive.procurement%';

-- 本年增/减 as a spreadsheet prints it: a figure in parentheses is negative,
-- noted; (-2) or a figure with its sign stays as written
SELECT c AS cell, (r).proactive.penalties.change
FROM (SELECT c, govdisclose.parse_report(replace(t, '行政处罚 | 90 | -2 |', '行政处罚 | 90 | ' || c || ' |')) AS r
	  FROM fixture, (VALUES ('-2'), ('(2)'), ('（2）'), ('(-2)'), ('+2'), ('2')) AS v(c)
	  WHERE name = 'pipes_2019') s;
-- in a column that cannot be negative, a figure in parentheses is NULL, noted
SELECT (r).proactive.penalties
FROM (SELECT govdisclose.parse_report(replace(t, '行政处罚 | 90 | -2 | 22 |', '行政处罚 | 90 | -2 | (22) |')) AS r
	  FROM fixture WHERE name = 'pipes_2019') s;
SELECT line, key_path, note FROM govdisclose.parse_notes((
	SELECT replace(t, '行政处罚 | 90 | -2 | 22 |', '行政处罚 | 90 | -2 | (22) |') FROM fixture WHERE name = 'pipes_2019'))
WHERE note LIKE '%parentheses%';
-- "8 / 93" is two cells and a blank one, not the page number 8/93
SELECT (r).proactive.licensing
FROM (SELECT govdisclose.parse_report(replace(t, '行政许可 | 8 | +3 | 93 |', '行政许可 8 / 93')) AS r
	  FROM fixture WHERE name = 'pipes_2019') s;
SELECT line, key_path, note FROM govdisclose.parse_notes((
	SELECT replace(t, '行政处罚 | 90 | -2 |', '行政处罚 | 90 | （2） |') FROM fixture WHERE name = 'pipes_2019'))
WHERE note LIKE '%parentheses%';

-- a page break inside a table, as PDF text keeps it: the page number in its
-- forms, a running title with one, a bare number after a row or before the
-- figures of table 四, and the table 三 header repeated on the new page; the
-- report reads as without the break, each dropped line noted
CREATE TEMP TABLE page_breaks AS
SELECT f AS footer, t AS whole,
	   replace(replace(t, E'\t2.其他法律行政法规禁止公开', f || E'\n\t2.其他法律行政法规禁止公开'),
			   E'\n1\t1\t0\t0\t2\t', E'\n' || split_part(f, E'\n', 1) || E'\n1\t1\t0\t0\t2\t') AS broken
FROM fixture, (VALUES ('- 5 -'), ('— 5 —'), ('第 3 页 共 8 页'), ('第3页/共8页'), ('共8页，第3页'),
					  ('3/8'), ('Page 3 of 8'), ('青山县交通运输局政府信息公开工作年度报告 第 3 页'),
					  ('5'),
					  (E'5\n（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t\t申请人情况\n'
					   '\t\t自然人\t法人或其他组织\t\t\t\t\t总计\n'
					   '\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t')) AS v(f)
WHERE name = 'tabs_2021';
SELECT left(replace(footer, E'\n', ' | '), 30) AS footer,
	   govdisclose.parse_report(broken) = govdisclose.parse_report(whole) AS reads_as_whole,
	   (SELECT count(*) FROM govdisclose.parse_notes(broken) WHERE note LIKE '%page number%') AS page_notes
FROM page_breaks;
SELECT line, key_path, note FROM govdisclose.parse_notes((SELECT broken FROM page_breaks WHERE footer = '5'))
WHERE note LIKE '%page number%';
-- a lone figure is a page number only where the row's other figures satisfy
-- its equations: after a row that does not add up, the row is NULL
SELECT (r).requests.denied.state_secret
FROM (SELECT govdisclose.parse_report(replace(broken, E'属于国家秘密\t0\t0\t0\t0\t0\t0\t0',
												  E'属于国家秘密\t0\t0\t0\t0\t0\t0\t9')) AS r
	  FROM page_breaks WHERE footer = '5') s;

-- cells are read by position, so a header that names the columns in another
-- order than the format leaves its table NULL, noted: table 二 with 现行有效件数
-- first, table 三 with 总计 first.  The official order, the header printed
-- twice, and a sentence that names 法人或其他组织 before 自然人 are no such
-- header
SELECT v AS variant,
	   num_nonnulls((r).proactive.regulations.issued, (r).proactive.normative_documents.in_force) AS table_2_cells,
	   num_nonnulls((r).requests.new_received.natural_person, (r).requests.new_received.total) AS table_3_cells
FROM (SELECT v, govdisclose.parse_report(CASE v
		WHEN 'official' THEN t
		WHEN '二 reordered' THEN replace(t, E'信息内容\t本年制发件数\t本年度止件数\t现行有效件数',
										 E'信息内容\t现行有效件数\t本年制发件数\t本年度止件数')
		WHEN '三 总计 first' THEN replace(t, E'\t\t自然人\t法人或其他组织\t\t\t\t\t总计',
										  E'\t\t总计\t自然人\t法人或其他组织')
		WHEN '三 header twice' THEN replace(t, E'\t\t自然人\t法人或其他组织\t\t\t\t\t总计',
											E'\t\t自然人\t法人或其他组织\t\t\t\t\t总计\n\t\t自然人\t法人或其他组织\t\t\t\t\t总计')
		WHEN 'a sentence' THEN replace(t, E'（本列数据的勾稽关系为',
									   E'申请人中法人或其他组织6件，自然人37件。\n（本列数据的勾稽关系为')
		END) AS r
	  FROM fixture, (VALUES ('official'), ('二 reordered'), ('三 总计 first'), ('三 header twice'),
							('a sentence')) AS c(v)
	  WHERE name = 'tabs_2021') s;
SELECT line, key_path, note FROM govdisclose.parse_notes((
	SELECT replace(t, E'\t\t自然人\t法人或其他组织\t\t\t\t\t总计', E'\t\t总计\t自然人\t法人或其他组织')
	FROM fixture WHERE name = 'tabs_2021'))
WHERE key_path LIKE 'requests%';

-- section headings numbered （一） … （六） (as table 三 numbers its groups):
-- read as the sections, noted, where the numbered headings are missing; a
-- part of 总体情况 named like a section ((二)主动公开情况) is not one
CREATE TEMP TABLE paren_headings AS
SELECT t AS whole,
	   replace(replace(replace(replace(replace(replace(t,
		'## 一、总体情况', '## （一）总体情况'),
		E'\n二、主动公开政府信息情况', E'\n（二）主动公开政府信息情况'),
		'## 三、收到和处理', '## （三）收到和处理'),
		'#### 四、政府信息公开行政复议', '#### （四）政府信息公开行政复议'),
		'#### 五、存在的主要问题', '#### （五）存在的主要问题'),
		E'\n六、其他需要报告的事项', E'\n（六）其他需要报告的事项') AS paren
FROM fixture WHERE name = 'tabs_2021';
SELECT govdisclose.parse_report(paren) = govdisclose.parse_report(whole) AS reads_as_numbered,
	   govdisclose.parse_report(replace(paren, '### （一）主动公开情况', E'### （一）主动公开情况\n（二）主动公开情况')) =
	   govdisclose.parse_report(replace(whole, '### （一）主动公开情况', E'### （一）主动公开情况\n（二）主动公开情况'))
		 AS part_of_overview_kept
FROM paren_headings;
SELECT line, note FROM govdisclose.parse_notes((SELECT paren FROM paren_headings))
WHERE note LIKE '%numbered%' OR note LIKE 'truncated%';

-- PDF text: labels and rows broken across lines, a page number inside
SELECT (r).requests.new_received, (r).requests.carried_over, (r).requests.partially_granted,
	   (r).requests.denied.prohibited_by_law
FROM parsed WHERE name = 'pdf_2021';
SELECT * FROM govdisclose.parse_notes((SELECT t FROM fixture WHERE name = 'pdf_2021'));

-- the report's structure without tables: NULL tables, every composite present
SELECT (r).year, (r).processing_fee_yuan, (r).requests.new_received,
	   (r).appeals IS NOT NULL AS appeals_present
FROM parsed WHERE name = 'headings_only';

-- what parse_report reads, render-free round trip through the JSON reader
SELECT govdisclose.report_from_jsonb(to_jsonb(r)) = r AS json_round_trip
FROM parsed WHERE name = 'tabs_2021';

-- a table without its block headings and column headers: a row label that
-- starts a line is read; one inside a sentence of the section is not
SELECT (r).format, (r).proactive.regulations, (r).proactive.normative_documents
FROM (SELECT govdisclose.parse_report(E'青山县交通运输局2022年政府信息公开工作年度报告\n'
	'二、主动公开政府信息情况\n本局本年制发规章5件。\n'
	'规章\t0\t0\t0\n行政规范性文件\t3\t1\t12\n五、存在的主要问题及改进情况\n') AS r) s;

-- a text that ends right after a figure may have cut it short (273 of
-- 2737, 1 of 1,234), also when a line break was put after it: that cell is
-- left NULL with a note; with its cell closed by a border, a tab or a
-- space, the figure is whole
SELECT t.ending, (r).proactive.licensing.decisions, (r).proactive.penalties.decisions
FROM (VALUES ('end of text', ''), ('line break', E'\n'), ('separator', E',\n'),
			 ('cell border', ' |'), ('tab', E'\t'), ('space', ' ')) t(ending, tail),
	 LATERAL govdisclose.parse_report(E'二、主动公开政府信息情况\n第二十条第（五）项\n信息内容\t本年处理决定数量\n'
		'行政许可\t12\n第二十条第（六）项\n行政处罚\t273' || t.tail) r;
SELECT line, key_path, note
FROM govdisclose.parse_notes(E'二、主动公开政府信息情况\n第二十条第（五）项\n信息内容\t本年处理决定数量\n'
	'行政许可\t12\n第二十条第（六）项\n行政处罚\t273');
-- unless the row's equations show the last figure whole: a longer one
-- would break them (table 三: the 总计 column is the sum of the others);
-- the row's other cells, which the text closes, are kept either way
SELECT t.total, (r).requests.carried_over
FROM (VALUES ('2'), ('1'), ('3')) t(total),
	 LATERAL govdisclose.parse_report(E'三、收到和处理政府信息公开申请情况\n'
		'一、本年新收政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1\n'
		'二、上年结转政府信息公开申请数量\t2\t0\t0\t0\t0\t0\t' || t.total || E'\n') r;
SELECT line, key_path, note
FROM govdisclose.parse_notes(E'三、收到和处理政府信息公开申请情况\n'
	'一、本年新收政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1\n'
	'二、上年结转政府信息公开申请数量\t2\t0\t0\t0\t0\t0\t2\n')
WHERE key_path = 'requests.carried_over';
-- in HTML only an open cell (no </td>) at the end of the text is a cut
SELECT t.ending, (r).proactive.normative_documents.published_total
FROM (VALUES ('cut', ''), ('closed', '</td></tr></tbody></table>')) t(ending, tail),
	 LATERAL govdisclose.parse_report('<table><tr><td>二、主动公开政府信息情况</td></tr>'
		'<tr><td>第二十条第（一）项</td></tr><tr><td>信息内容</td><td>本年新制作数量</td><td>本年新公开数量</td><td>对外公开总数量</td></tr>'
		'<tr><td>规章</td><td>0</td><td>0</td><td>0</td></tr><tr><td>规范性文件</td><td>2</td><td>2</td><td>19' || t.tail) r;
