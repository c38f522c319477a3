--
-- parse_report(render_report(r, style)) = r: the conventions that make the
-- round trip exact (docs/render.md, docs/parser.md).  The property test over
-- thousands of generated reports is tests/roundtrip.sh.
--
-- the invented-report helper of tests/invent_report.sql (sql/render.sql
-- may have made it already)
SET client_min_messages = warning;
DROP FUNCTION IF EXISTS gd_test_invent(text, integer);
\set ECHO none
\i tests/invent_report.sql
\set ECHO all
RESET client_min_messages;

CREATE TABLE cases (name text PRIMARY KEY, r govdisclose.report);
INSERT INTO cases VALUES
	-- blank cells among figures, and a blank row
	('blanks-2021', govdisclose.report_from_jsonb(jsonb_set(jsonb_set(jsonb_set(
		gd_test_invent('2021', 3), '{requests,new_received,commercial_enterprise}', 'null'),
		'{requests,carried_forward}', '{}'), '{appeals,litigation_direct,total}', 'null'))),
	-- 2019: signed changes, the bigint extremes, an amount with many
	-- decimals in 万元, a unit without an amount
	('edges-2019', govdisclose.report_from_jsonb(jsonb_set(jsonb_set(jsonb_set(jsonb_set(
		gd_test_invent('2019', 5), '{proactive,fees,change}', '-9223372036854775808'),
		'{requests,granted,total}', '9223372036854775807'),
		'{proactive,procurement}', '{"projects": 3, "amount": null, "amount_unit": "万元"}'),
		'{proactive,licensing,change}', '-17')
		|| '{"processing_fee_yuan": 0.000000000000000000001}')),
	-- hostile narratives, an agency ending in a digit, no year
	('text-2021', govdisclose.report_from_jsonb(gd_test_invent('2021', 7) - 'year'
		|| jsonb_build_object('agency', '第3',
			'overview', E'二、主动公开政府信息情况\n\n  缩进  \n\\开头\t制表|竖线<b>',
			'problems', E'情况如下。三、收到和处理政府信息公开申请情况',
			'other_matters', E'本年度收取信息处理费100元。\n本年度未收取信息处理费。',
			'processing_fee_yuan', 25))),
	-- an empty report: every field NULL but the format
	('empty-2019', govdisclose.report_from_jsonb('{"format": "2019"}'));

-- every case reads back exactly in every style
SELECT name, s AS style,
	   to_jsonb(govdisclose.parse_report(govdisclose.render_report(r, s))) = to_jsonb(r) AS same
FROM cases, unnest(ARRAY['markdown', 'html', 'text']) AS s
ORDER BY name, s;

-- a blank figure is '-' in text and markdown (an empty field there could
-- be a spanned label's padding); html keeps the empty <td>
SELECT s AS style, l AS line
FROM cases, unnest(ARRAY['text', 'markdown', 'html']) AS s,
	 regexp_split_to_table(govdisclose.render_report(r, s), E'\n') AS l
WHERE name = 'blanks-2021' AND (l LIKE '%一、本年新收%' OR l LIKE '%四、结转%'
	OR (s = 'html' AND l LIKE '<tr><td%'));
SELECT l AS line
FROM cases, regexp_split_to_table(govdisclose.render_report(r, 'text'), E'\n') AS l
WHERE name = 'edges-2019' AND (l LIKE '政府集中采购%' OR l LIKE '行政事业性收费%');

-- what the parser does with them: escaped lines decoded, never structure;
-- the fee statement ends section 六 and is not part of other_matters
SELECT govdisclose.render_report(r, 'text') FROM cases WHERE name = 'text-2021';
SELECT (p).agency, (p).year, (p).overview, (p).problems, (p).other_matters,
	   (p).processing_fee_yuan
FROM (SELECT govdisclose.parse_report(govdisclose.render_report(r, 'text')) AS p
	  FROM cases WHERE name = 'text-2021') x;
SELECT line, key_path, note
FROM cases, govdisclose.parse_notes(govdisclose.render_report(r, 'text'))
WHERE name IN ('text-2021', 'edges-2019') ORDER BY name, line, key_path;

-- an agency a reader of published titles would misread (a sentence, a
-- year, the report's own words, too long, nothing) is written escaped and
-- comes back as it was; a name is written as it is
CREATE TABLE agencies (a text);
INSERT INTO agencies VALUES ('青山县交通运输局'), ('县委办公室、县政府办公室'), ('某局:办公室'),
	('我局'), ('关于某局'), ('某局2020年度'), ('某市政府信息公开办公室'),
	('某局年政府信息公开工作年度报告'), ('“某局”'), (E'某局\n办公室'), ('<b>某局</b>'), (''),
	('二.主动公开政府信息情况局'), ('现公布区统计局'), ('编制办公室'), ('现代农业局'),
	('中国共产党某某省某某市某某县纪律检查委员会某某县监察委员会派驻第一纪检监察组');
SELECT a AS agency, split_part(govdisclose.render_report(r, 'text'), E'\n', 1) AS title,
	   bool_and((govdisclose.parse_report(govdisclose.render_report(r, s))).agency
				IS NOT DISTINCT FROM a) AS same_in_every_style
FROM agencies,
	 LATERAL (SELECT govdisclose.report_from_jsonb(
		jsonb_build_object('format', '2021', 'year', 2022, 'agency', a)) AS r) x,
	 unnest(ARRAY['markdown', 'html', 'text']) AS s
GROUP BY a, r ORDER BY a;

-- published text: the canonical statement as the last line of 六 is the fee
-- (noted, left out of other_matters); elsewhere the narrative stays whole
-- and the fee is read from the first sentence that states it
CREATE TABLE published (name text, t text);
INSERT INTO published VALUES
	('statement last', E'青山县交通运输局2022年政府信息公开工作年度报告\n一、总体情况\n无。\n六、其他需要报告的事项\n无其他事项。\n本年度收取信息处理费 1,200 元。\n'),
	('statement first', E'青山县交通运输局2022年政府信息公开工作年度报告\n一、总体情况\n无。\n六、其他需要报告的事项\n本年度收取信息处理费120元。\n无其他事项。\n'),
	('no fee charged', E'青山县交通运输局2022年政府信息公开工作年度报告\n一、总体情况\n无。\n六、其他需要报告的事项\n本年度未收取信息处理费。\n'),
	('escaped line', E'青山县交通运输局2022年政府信息公开工作年度报告\n一、总体情况\n无。\n六、其他需要报告的事项\n\\本年度未收取信息处理费。\n'),
	('blank year', E'青山县交通运输局年政府信息公开工作年度报告\n一、总体情况\n本报告统计期限为2022年1月1日至12月31日。\n'),
	('year on the line before', E'青山县交通运输局2022\n年政府信息公开工作年度报告\n一、总体情况\n无。\n');
SELECT name, (r).agency, (r).year, (r).other_matters, (r).processing_fee_yuan
FROM (SELECT name, govdisclose.parse_report(t) AS r FROM published) x ORDER BY name;
SELECT name, line, key_path, note
FROM published, govdisclose.parse_notes(t)
WHERE key_path IN ('processing_fee_yuan', 'year') ORDER BY name, line;

-- leave the database as it was
DROP TABLE cases, published, agencies;
