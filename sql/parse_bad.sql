--
-- parse_report / parse_notes on bad input: a clear error or a report with
-- notes, never a crash, never a silent change.
--
SET client_min_messages = warning;
CREATE TEMP TABLE files (path text, b64 text);
\copy files FROM PROGRAM 'sh tests/lib/files-b64 tests/fixtures/tabs_2021.txt'
CREATE TEMP TABLE src AS SELECT convert_from(decode(b64, 'base64'), 'UTF8') AS t FROM files;

-- no trace of an annual report: 22P02, saying what was looked for
SELECT govdisclose.parse_report('');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT govdisclose.parse_report(E'  \n\t\n ');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT govdisclose.parse_report('Quarterly sales figures: 12 34 56');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT * FROM govdisclose.parse_notes('just some text');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- the report's words alone, with no year: no title either, and the detail says so
SELECT govdisclose.parse_report('政府信息公开工作年度报告');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT govdisclose.parse_report(repeat('噪声 noise 123 ', 200000));
SELECT govdisclose.parse_report(E'\x01\x02\x03\x7f' || repeat(chr(65533), 1000) || chr(1114111));

-- NULL in, NULL out (STRICT)
SELECT govdisclose.parse_report(NULL) IS NULL AS null_in_null_out;

-- the same report twice in one text: the first is read, the second noted
SELECT govdisclose.parse_report(t || t) = govdisclose.parse_report(t) AS first_report_read
FROM src;
SELECT line, note FROM govdisclose.parse_notes((SELECT t || t FROM src))
WHERE note LIKE '%second report%';

-- a number of 30 digits in a count: NULL, with a note
SELECT (r).proactive.penalties FROM (
	SELECT govdisclose.parse_report(replace(t, E'行政处罚\t56', E'行政处罚\t123456789012345678901234567890')) AS r
	FROM src) s;
SELECT line, key_path, note FROM govdisclose.parse_notes(
	(SELECT replace(t, E'行政处罚\t56', E'行政处罚\t123456789012345678901234567890') FROM src))
WHERE key_path LIKE 'proactive.%';
-- ... in an amount it is a number like any other
SELECT (govdisclose.parse_report(replace(t, E'\t3.2500', E'\t123456789012345678901234567890.5'))).proactive.fees.amount_10k_yuan
FROM src;

-- a negative count is read as published (the checks report it), with a note
SELECT (r).proactive.enforcement, govdisclose.is_consistent(r) FROM (
	SELECT govdisclose.parse_report(replace(t, E'行政强制\t7', E'行政强制\t-7')) AS r FROM src) s;
SELECT key_path, note FROM govdisclose.parse_notes((SELECT replace(t, E'行政强制\t7', E'行政强制\t-7') FROM src))
WHERE key_path LIKE 'proactive.%';

-- a row of table 三 with 9 cells: not guessed, NULL with a note
SELECT (r).requests.granted FROM (
	SELECT govdisclose.parse_report(replace(t, E'（一）予以公开\t8\t1\t0\t0\t0\t0\t9',
											E'（一）予以公开\t8\t1\t0\t0\t0\t0\t9\t5\t6')) AS r FROM src) s;
SELECT key_path, note FROM govdisclose.parse_notes(
	(SELECT replace(t, E'（一）予以公开\t8\t1\t0\t0\t0\t0\t9', E'（一）予以公开\t8\t1\t0\t0\t0\t0\t9\t5\t6') FROM src))
WHERE key_path = 'requests.granted';

-- unreadable cells: a fraction in a count, yuan in a 万元 column, words
SELECT (r).proactive.normative_documents, (r).proactive.fees, (r).proactive.licensing FROM (
	SELECT govdisclose.parse_report(replace(replace(replace(t,
		E'行政规范性文件\t3\t1\t12', E'行政规范性文件\t3\t1.5\t12'),
		E'\t3.2500', E'\t32500元'),
		E'行政许可\t1,234', E'行政许可\t12,34')) AS r FROM src) s;
SELECT key_path, note FROM govdisclose.parse_notes((SELECT replace(replace(replace(t,
		E'行政规范性文件\t3\t1\t12', E'行政规范性文件\t3\t1.5\t12'),
		E'\t3.2500', E'\t32500元'),
		E'行政许可\t1,234', E'行政许可\t12,34') FROM src))
WHERE key_path LIKE 'proactive.%' ORDER BY line;

-- a lost cell that the equations cannot place (the rows that would decide
-- are missing): every reading is noted, the cells they disagree on are NULL
SELECT (r).requests.new_received, (r).requests.carried_over FROM (
	SELECT govdisclose.parse_report(E'青山县交通运输局2022年政府信息公开工作年度报告\n'
		'三、收到和处理政府信息公开申请情况\n'
		'一、本年新收政府信息公开申请数量\t\t37\t0\t0\t0\t4\t43\n'
		'二、上年结转政府信息公开申请数量\t\t2\t0\t0\t0\t0\t0\t2\n') AS r) s;
SELECT line, key_path, note FROM govdisclose.parse_notes(E'青山县交通运输局2022年政府信息公开工作年度报告\n'
		'三、收到和处理政府信息公开申请情况\n'
		'一、本年新收政府信息公开申请数量\t\t37\t0\t0\t0\t4\t43\n'
		'二、上年结转政府信息公开申请数量\t\t2\t0\t0\t0\t0\t0\t2\n');

-- a lost cell is recovered only where every equation of the table through
-- its row holds: the row 2.其他法律行政法规禁止公开 lost its 总计; as
-- published (1 0 0 0 0 0) it is recovered, but written 2 0 0 0 0 0 (wrong as
-- published) its own equation would give 总计 2, which the column 总计 of
-- the table shows wrong: the row is left NULL, noted
SELECT replace(v, E'\t', ' ') AS published, (r).requests.denied.prohibited_by_law FROM (
	SELECT v, govdisclose.parse_report(replace(t, E'禁止公开\t1\t0\t0\t0\t0\t0\t1', E'禁止公开\t' || v)) AS r
	FROM src, (VALUES ('1	0	0	0	0	0'), ('2	0	0	0	0	0')) AS c(v)) s;
SELECT line, key_path, note FROM govdisclose.parse_notes((
	SELECT replace(t, E'禁止公开\t1\t0\t0\t0\t0\t0\t1', E'禁止公开\t2\t0\t0\t0\t0\t0') FROM src))
WHERE key_path LIKE 'requests.denied%';

-- a long text: read in a window around its report, with a note
SELECT (r).requests.total_handled FROM (
	SELECT govdisclose.parse_report(repeat(E'页面导航 首页 政务公开\n', 300000) || t) AS r FROM src) s;
SELECT note FROM govdisclose.parse_notes((SELECT repeat(E'页面导航 首页 政务公开\n', 300000) || t FROM src))
WHERE note LIKE '%were read%';

-- a stray '?' or letter inside the fee of a sentence: NULL, not the digits
-- after it, nor 0 for a 无 elsewhere in the sentence
SELECT (govdisclose.parse_report(replace(t, '信息处理费120元', '信息处理费1?20元'))).processing_fee_yuan AS stray,
	   (govdisclose.parse_report(replace(t, '信息处理费120元。', '信息处理费12O元，无其他收费。'))).processing_fee_yuan AS letter,
	   (govdisclose.parse_report(t)).processing_fee_yuan AS whole
FROM src;
SELECT line, key_path, note
FROM govdisclose.parse_notes((SELECT replace(t, '信息处理费120元。', '信息处理费12O元，无其他收费。') FROM src))
WHERE key_path = 'processing_fee_yuan';

-- a space inside a tab-separated figure (43 as "4 3"): one figure or two
-- cells; no equation of the row takes "4 3" as cells, so the row is NULL
SELECT (r).requests.new_received FROM (
	SELECT govdisclose.parse_report(replace(t, E'\t4\t43\t', E'\t4\t4 3\t')) AS r FROM src) s;
SELECT line, key_path, note
FROM govdisclose.parse_notes((SELECT replace(t, E'\t4\t43\t', E'\t4\t4 3\t') FROM src))
WHERE key_path = 'requests.new_received';

-- HTML with 200,000 comments that never end: read in linear time (each
-- '<!--' once searched for its end, the whole rest of the text, took
-- minutes), the '<!--' kept as text
SET statement_timeout = '20s';
SELECT (r).year, (r).agency FROM (
	SELECT govdisclose.parse_report('<p>青山县交通运输局2022年政府信息公开工作年度报告</p>'
		'<table><tr><td>行政许可</td><td>12</td></tr></table>' || repeat('<!--', 200000)) AS r) s;
RESET statement_timeout;

-- a page whose head is longer than the 200,000 bytes looked at for <td> or
-- <p>: <!DOCTYPE html> first says it is HTML (its title was read as text)
SELECT (r).agency, (r).year FROM (
	SELECT govdisclose.parse_report('<!DOCTYPE html><html><head><style>' || repeat('p{margin:0}', 25000)
		|| '</style></head><body><p>青山县交通运输局2022年政府信息公开工作年度报告</p>'
		'<table><tr><td>行政许可</td><td>12</td></tr></table></body></html>') AS r) s;

-- statement_timeout and cancel are honoured on a long text
CREATE TEMP TABLE big AS SELECT repeat(t, 400) AS t FROM src;
SET statement_timeout = '1ms';
SELECT govdisclose.parse_report(t) IS NOT NULL FROM big;
RESET statement_timeout;
-- ... inside the parse, not only after it: the backend cancels itself in
-- the expression that then parses, which checks for interrupts nowhere
-- else; a parse that did not check would return, and set "returned"
-- (num_nulls(...) >= 0 is true whatever the report holds)
DO $$
DECLARE
	t text := (SELECT big.t FROM big);
	returned boolean := false;
BEGIN
	returned := pg_catalog.pg_cancel_backend(pg_catalog.pg_backend_pid())
		AND pg_catalog.num_nulls(govdisclose.parse_report(t)) >= 0;
	PERFORM 1;
EXCEPTION WHEN query_canceled THEN
	RAISE WARNING 'parse_report was cancelled %',
		CASE WHEN returned THEN 'after it returned' ELSE 'inside the parse' END;
END
$$;
