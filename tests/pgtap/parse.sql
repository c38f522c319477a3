-- Catalog contract of the parser's SQL functions (docs/parser.md).
BEGIN;
SELECT plan(16);

SELECT has_function('govdisclose', 'parse_report', ARRAY['text']);
SELECT function_returns('govdisclose', 'parse_report', ARRAY['text'], 'govdisclose.report');
SELECT volatility_is('govdisclose', 'parse_report', ARRAY['text'], 'immutable');
SELECT is_strict('govdisclose', 'parse_report', ARRAY['text']);
SELECT is((SELECT proparallel FROM pg_proc WHERE oid = 'govdisclose.parse_report(text)'::regprocedure),
		  's', 'parse_report is parallel safe');
SELECT isnt(obj_description('govdisclose.parse_report(text)'::regprocedure, 'pg_proc'), NULL,
			'parse_report has a comment');

SELECT has_function('govdisclose', 'parse_notes', ARRAY['text']);
SELECT function_returns('govdisclose', 'parse_notes', ARRAY['text'], 'setof record');
SELECT volatility_is('govdisclose', 'parse_notes', ARRAY['text'], 'immutable');
SELECT is_strict('govdisclose', 'parse_notes', ARRAY['text']);
SELECT is((SELECT proparallel FROM pg_proc WHERE oid = 'govdisclose.parse_notes(text)'::regprocedure),
		  's', 'parse_notes is parallel safe');
SELECT is((SELECT array_agg(n || ' ' || format_type(t, NULL) ORDER BY o)
		   FROM pg_proc p, unnest(p.proargnames, p.proallargtypes::oid[], p.proargmodes::text[])
				WITH ORDINALITY AS a(n, t, m, o)
		   WHERE p.oid = 'govdisclose.parse_notes(text)'::regprocedure AND m = 'o'),
		  ARRAY['line integer', 'key_path text', 'note text'],
		  'parse_notes returns (line integer, key_path text, note text)');
SELECT isnt(obj_description('govdisclose.parse_notes(text)'::regprocedure, 'pg_proc'), NULL,
			'parse_notes has a comment');

-- errors
SELECT throws_ok($$SELECT govdisclose.parse_report('no report here')$$, '22P02',
				 'text is not a government information disclosure annual report (政府信息公开工作年度报告)',
				 'a text without a report is 22P02');
SELECT throws_ok($$SELECT * FROM govdisclose.parse_notes('')$$, '22P02', NULL,
				 'parse_notes on an empty text is 22P02');
-- search_path does not matter
SET LOCAL search_path = '';
CREATE TEMP TABLE sp AS
SELECT (govdisclose.parse_report(E'青山县交通运输局2022年政府信息公开工作年度报告\n一、总体情况\n略。\n')).year AS y;
RESET search_path;
SELECT is((SELECT y FROM sp), 2022, 'parse_report works with an empty search_path');

SELECT * FROM finish();
ROLLBACK;
