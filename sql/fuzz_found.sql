--
-- Bugs the fuzzers found (docs/fuzzing.md), each shown where SQL sees it.
-- The inputs themselves are replayed by tests/fuzz_regressions.sh.
--

-- rules.c quoted at most 40 bytes of an unknown format, and cut a
-- character in half: violations() returned text that is not UTF-8
-- (convert_to raised "invalid byte sequence") and check_report's message
-- and detail carried the broken byte.  38 ASCII bytes, then （ (3 bytes).
SELECT rule, convert_to(message, 'UTF8') IS NOT NULL AS utf8, message
FROM govdisclose.violations(govdisclose.report_from_jsonb(
       jsonb_build_object('format', '20' || repeat('=', 37) || '（五）')))
WHERE rule = 'format_fields';
\set VERBOSITY default
SELECT govdisclose.check_report(govdisclose.report_from_jsonb(
       jsonb_build_object('format', '20' || repeat('=', 37) || '（五）')));
\set VERBOSITY terse

-- parse.c limited a title's agency to 40 characters counting the year
-- that stands between it and 政府信息公开 (and each \u{H} of an escaped
-- name as 6): an agency of 36 to 40 characters did not come back from
-- render_report.  Found by the round-trip fuzzer.
SELECT a.n, (govdisclose.parse_report(govdisclose.render_report(r, s))).agency = a.name AS same, s
FROM (VALUES (36), (40)) v(n),
     LATERAL (SELECT n, '青石县' || repeat('林', n - 4) || '局' AS name) a,
     LATERAL (SELECT govdisclose.report_from_jsonb(
                jsonb_build_object('format', '2021', 'year', 2021, 'agency', a.name)) AS r) x,
     unnest(ARRAY['markdown', 'html', 'text']) s
ORDER BY 1, 3;
-- 41 characters is more than a published title's agency is read as
-- (GD_AGENCY_MAX_CHARS): render_report writes it escaped, and it comes back
SELECT left(t, 1) AS first_char,
       (govdisclose.parse_report(t)).agency = '青石县' || repeat('林', 37) || '局' AS same
FROM (SELECT govdisclose.render_report(govdisclose.report_from_jsonb(
          jsonb_build_object('format', '2021', 'year', 2021,
                             'agency', '青石县' || repeat('林', 37) || '局')), 'text') AS t) r;

-- The fee statement that ends section 六 was read only up to 40
-- characters of its amount, where a table cell reads 60 digits: a fee of
-- 41 to 60 digits rendered by render_report stayed in other_matters.
-- Found by the round-trip fuzzer.  61 digits is beyond what the parser
-- reads anywhere: the statement stays text.
SELECT d, r.processing_fee_yuan = f AS fee_read, r.other_matters
FROM (VALUES (41), (60), (61)) v(d),
     LATERAL (SELECT ('-' || repeat('2', d))::numeric AS f) x,
     LATERAL (SELECT (govdisclose.parse_report(govdisclose.render_report(govdisclose.report_from_jsonb(
                jsonb_build_object('format', '2021', 'year', 2021, 'other_matters', '无。',
                                   'processing_fee_yuan', f)), 'text'))).*) r
ORDER BY 1;

-- parse.c let a section heading's words run into the numbering of the next
-- heading: in a title without a year, an agency holding 二． followed by
-- words of section 二's heading took the title's line for that heading
-- (its 情况 borrowed from 一、总体情况 below), and the agency came back
-- NULL.  Found by the round-trip fuzzer.
SELECT s, (govdisclose.parse_report(govdisclose.render_report(r, s))).agency = (r).agency AS same
FROM (SELECT govdisclose.report_from_jsonb(jsonb_build_object('format', '2021',
		'agency', '青石县自然人)管理二．慬开万元息', 'processing_fee_yuan', 5)) AS r) x,
	 unnest(ARRAY['markdown', 'html', 'text']) s
ORDER BY 1;

-- render.c escaped an agency starting with * - > (marks a reader strips
-- before a title) but not one starting with a character the parser folds
-- to them (＊, －, —): the agency came back without it.  Found by the
-- round-trip fuzzer.
SELECT a, s, (govdisclose.parse_report(govdisclose.render_report(r, s))).agency = a AS same
FROM unnest(ARRAY['＊青石县局', '－青石县局', '—青石县局']) a,
	 LATERAL (SELECT govdisclose.report_from_jsonb(jsonb_build_object('format', '2021', 'agency', a)) AS r) x,
	 unnest(ARRAY['markdown', 'html', 'text']) s
ORDER BY 1, 2;
