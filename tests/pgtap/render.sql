-- Catalog contract of render_report (docs/render.md).
-- pg_prove -d DB tests/pgtap/render.sql, in a database with pgtap and govdisclose.
BEGIN;
SELECT plan(12);

SELECT has_function('govdisclose', 'render_report', ARRAY['govdisclose.report', 'text'],
	'render_report(report, text) exists');
SELECT function_returns('govdisclose', 'render_report', ARRAY['govdisclose.report', 'text'], 'text',
	'render_report returns text');
SELECT is_strict('govdisclose', 'render_report', ARRAY['govdisclose.report', 'text'],
	'render_report is strict');
SELECT volatility_is('govdisclose', 'render_report', ARRAY['govdisclose.report', 'text'], 'immutable',
	'render_report is immutable');
SELECT is((SELECT proparallel FROM pg_catalog.pg_proc
		   WHERE oid = 'govdisclose.render_report(govdisclose.report, text)'::regprocedure),
	's'::"char", 'render_report is parallel safe');
SELECT is((SELECT pg_catalog.pg_get_expr(proargdefaults, 0) FROM pg_catalog.pg_proc
		   WHERE oid = 'govdisclose.render_report(govdisclose.report, text)'::regprocedure),
	'''markdown''::text', 'the style defaults to markdown');
SELECT isnt(pg_catalog.obj_description('govdisclose.render_report(govdisclose.report, text)'::regprocedure,
									   'pg_proc'), NULL, 'render_report has a comment');
SELECT ok(pg_catalog.has_function_privilege('public',
		  'govdisclose.render_report(govdisclose.report, text)', 'EXECUTE'),
	'any role may call render_report');

-- one row per refusal: each style name that is not one, and a bad format
SELECT throws_ok($$SELECT govdisclose.render_report(govdisclose.report_from_jsonb('{"format": "2021"}'), 'pdf')$$,
	'22023', 'unknown render style "pdf"', 'an unknown style is 22023');
SELECT throws_ok($$SELECT govdisclose.render_report(govdisclose.report_from_jsonb('{"format": "1999"}'), 'text')$$,
	'22023', NULL, 'an unknown format is 22023');
SELECT lives_ok($$SELECT govdisclose.render_report(govdisclose.report_from_jsonb('{"format": "2019"}'), s)
				 FROM unnest(ARRAY['markdown', 'html', 'text', 'HTML']) AS s$$,
	'every style renders');
SELECT is(govdisclose.render_report(govdisclose.report_from_jsonb('{"format": "2021"}')),
		  govdisclose.render_report(govdisclose.report_from_jsonb('{"format": "2021"}'), 'markdown'),
	'the one-argument form is markdown');

SELECT * FROM finish();
ROLLBACK;
