-- tests/pgtap/analysis.sql: the catalog contract of the analysis functions
-- (report_sum, trend, report_trend, indicators, continuity).
-- Run: pg_prove -d DB tests/pgtap/*.sql   (DB has pgtap and govdisclose)
BEGIN;
SELECT plan(120);

-- the aggregates: signatures, results, markings
SELECT is_aggregate('govdisclose', 'report_sum', ARRAY['govdisclose.report'], 'report_sum(report) is an aggregate');
SELECT is_aggregate('govdisclose', 'trend', ARRAY['integer', 'numeric'], 'trend(integer, numeric) is an aggregate');
SELECT is_aggregate('govdisclose', 'report_trend', ARRAY['govdisclose.report'], 'report_trend(report) is an aggregate');
SELECT function_returns('govdisclose', 'report_sum', ARRAY['govdisclose.report'], 'govdisclose.report');
SELECT function_returns('govdisclose', 'trend', ARRAY['integer', 'numeric'], 'govdisclose.trend');
SELECT function_returns('govdisclose', 'report_trend', ARRAY['govdisclose.report'], 'govdisclose.indicator_trend[]');

-- every aggregate: a combine function, PARALLEL SAFE, a state type SQL can
-- see and print (not internal, not a pseudo-type), text and binary I/O,
-- an INITCOND, a final function that leaves the state alone
CREATE TEMP TABLE aggs AS
	SELECT a.aggfnoid::regprocedure AS agg, a.aggcombinefn, a.aggtranstype, a.agginitval,
		   a.aggfinalmodify, a.aggserialfn, p.proparallel, t.typtype, t.typinput, t.typoutput,
		   t.typsend, t.typreceive
	FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid JOIN pg_type t ON t.oid = a.aggtranstype
	WHERE a.aggfnoid IN ('govdisclose.report_sum(govdisclose.report)'::regprocedure,
						 'govdisclose.trend(integer, numeric)'::regprocedure,
						 'govdisclose.report_trend(govdisclose.report)'::regprocedure);
SELECT is((SELECT count(*)::int FROM aggs), 3, 'three aggregates');
SELECT is(aggcombinefn <> 0, true, agg || ' has a combine function') FROM aggs ORDER BY agg::text;
SELECT is(proparallel, 's', agg || ' is PARALLEL SAFE') FROM aggs ORDER BY agg::text;
SELECT isnt(aggtranstype, 'internal'::regtype::oid, agg || ' has a state type other than internal') FROM aggs ORDER BY agg::text;
SELECT isnt(typtype, 'p', agg || ' state type is not a pseudo-type') FROM aggs ORDER BY agg::text;
SELECT is(typinput <> 0 AND typoutput <> 0 AND typsend <> 0 AND typreceive <> 0, true,
		  agg || ' state type has text and binary I/O') FROM aggs ORDER BY agg::text;
SELECT isnt(agginitval, NULL, agg || ' has an INITCOND (the empty state)') FROM aggs ORDER BY agg::text;
SELECT is(aggfinalmodify, 'r', agg || ' final function is read-only') FROM aggs ORDER BY agg::text;
SELECT is(aggserialfn, 0::regproc, agg || ' needs no serial function') FROM aggs ORDER BY agg::text;
SELECT is(aggtranstype::regtype::text, 'govdisclose.report_sum_state', 'report_sum state type')
FROM aggs WHERE agg = 'govdisclose.report_sum(govdisclose.report)'::regprocedure;
SELECT is(aggtranstype::regtype::text, 'bigint[]', agg || ' state type is bigint[]')
FROM aggs WHERE agg <> 'govdisclose.report_sum(govdisclose.report)'::regprocedure ORDER BY agg::text;

-- the functions: exist, return what they should, IMMUTABLE STRICT PARALLEL SAFE, C
CREATE TEMP TABLE fns (sig text, ret text);
INSERT INTO fns VALUES
	('govdisclose.report_sum_accum(govdisclose.report_sum_state, govdisclose.report)', 'govdisclose.report_sum_state'),
	('govdisclose.report_sum_combine(govdisclose.report_sum_state, govdisclose.report_sum_state)', 'govdisclose.report_sum_state'),
	('govdisclose.report_sum_final(govdisclose.report_sum_state)', 'govdisclose.report'),
	('govdisclose.trend_accum(bigint[], integer, numeric)', 'bigint[]'),
	('govdisclose.trend_combine(bigint[], bigint[])', 'bigint[]'),
	('govdisclose.trend_final(bigint[])', 'govdisclose.trend'),
	('govdisclose.report_trend_accum(bigint[], govdisclose.report)', 'bigint[]'),
	('govdisclose.report_trend_combine(bigint[], bigint[])', 'bigint[]'),
	('govdisclose.report_trend_final(bigint[])', 'govdisclose.indicator_trend[]'),
	('govdisclose.indicators(govdisclose.report)', 'govdisclose.indicators'),
	('govdisclose.continuity(govdisclose.report, govdisclose.report)', 'SETOF govdisclose.violation');
SELECT is(to_regprocedure(sig) IS NOT NULL, true, sig || ' exists') FROM fns ORDER BY sig;
SELECT is(CASE WHEN p.proretset THEN 'SETOF ' ELSE '' END || p.prorettype::regtype::text, f.ret,
		  f.sig || ' returns ' || f.ret)
FROM fns f JOIN pg_proc p ON p.oid = to_regprocedure(f.sig) ORDER BY f.sig;
SELECT is(p.provolatile::text || p.proisstrict::text || p.proparallel::text, 'itrues',
		  f.sig || ' is IMMUTABLE STRICT PARALLEL SAFE')
FROM fns f JOIN pg_proc p ON p.oid = to_regprocedure(f.sig) ORDER BY f.sig;
SELECT is(l.lanname, 'c', f.sig || ' is written in C')
FROM fns f JOIN pg_proc p ON p.oid = to_regprocedure(f.sig) JOIN pg_language l ON l.oid = p.prolang
ORDER BY f.sig;
SELECT isnt(obj_description(to_regprocedure(sig), 'pg_proc'), NULL, sig || ' has a comment') FROM fns ORDER BY sig;
SELECT isnt(obj_description(to_regprocedure(s), 'pg_proc'), NULL, s || ' has a comment')
FROM unnest(ARRAY['govdisclose.report_sum(govdisclose.report)', 'govdisclose.trend(integer, numeric)',
				  'govdisclose.report_trend(govdisclose.report)']) s ORDER BY s;

-- the types
SELECT has_composite('govdisclose', 'indicators', 'composite govdisclose.indicators');
SELECT has_composite('govdisclose', 'trend', 'composite govdisclose.trend');
SELECT has_composite('govdisclose', 'indicator_trend', 'composite govdisclose.indicator_trend');
SELECT has_composite('govdisclose', 'report_sum_state', 'composite govdisclose.report_sum_state');
SELECT is((SELECT array_agg(attname::text || ' ' || format_type(atttypid, atttypmod) ORDER BY attnum)
		   FROM pg_attribute WHERE attrelid = 'govdisclose.trend'::regclass AND attnum > 0),
		  ARRAY['years integer', 'first_year integer', 'last_year integer', 'first_value numeric',
				'last_value numeric', 'change numeric', 'change_ratio double precision',
				'cagr double precision', 'slope double precision', 'r2 double precision',
				'missing_years integer[]'],
		  'govdisclose.trend has the contract''s fields');
SELECT is((SELECT array_agg(attname::text || ' ' || format_type(atttypid, atttypmod) ORDER BY attnum)
		   FROM pg_attribute WHERE attrelid = 'govdisclose.indicator_trend'::regclass AND attnum > 0),
		  ARRAY['indicator text', 'trend govdisclose.trend'], 'govdisclose.indicator_trend is (indicator, trend)');
SELECT is((SELECT array_agg(attname::text || ' ' || format_type(atttypid, atttypmod) ORDER BY attnum)
		   FROM pg_attribute WHERE attrelid = 'govdisclose.report_sum_state'::regclass AND attnum > 0),
		  ARRAY['sums bigint[]', 'agency text'], 'govdisclose.report_sum_state is (sums, agency)');
-- the contract's indicator fields, with their types
SELECT col_type_is('govdisclose', 'indicators', c, t, 'indicators.' || c || ' is ' || t)
FROM (VALUES ('new_received', 'bigint'), ('carried_over', 'bigint'), ('handled', 'bigint'),
			 ('granted', 'bigint'), ('not_held', 'bigint'), ('disclosure_rate', 'double precision'),
			 ('carry_forward_rate', 'double precision'), ('natural_person_share', 'double precision'),
			 ('reconsideration_correction_rate', 'double precision'),
			 ('litigation_correction_rate', 'double precision'),
			 ('combined_correction_rate', 'double precision'), ('regulations_issued', 'bigint'),
			 ('fees_10k_yuan', 'numeric')) v(c, t);
SELECT has_view('govdisclose', 'indicator_definitions', 'view govdisclose.indicator_definitions');

-- the error codes of the contract
SELECT throws_ok($$SELECT govdisclose.report_sum(r) FROM (VALUES
	(govdisclose.report_from_jsonb('{"format": "2019"}')),
	(govdisclose.report_from_jsonb('{"format": "2021"}'))) v(r)$$,
	'22023', NULL, 'mixed formats in report_sum: 22023');
SELECT throws_ok($$SELECT govdisclose.report_sum(r) FROM (VALUES
	(govdisclose.report_from_jsonb('{"format": "2021", "requests": {"granted": {"total": 9223372036854775807}}}')),
	(govdisclose.report_from_jsonb('{"format": "2021", "requests": {"granted": {"total": 1}}}'))) v(r)$$,
	'22003', NULL, 'overflow in report_sum: 22003');
SELECT throws_ok($$SELECT govdisclose.trend(0, 1)$$, '22003', NULL, 'year out of range in trend: 22003');
SELECT throws_ok($$SELECT govdisclose.report_sum_final('("{9,0}",)')$$, '22023', NULL,
	'a forged report_sum state: 22023');
SELECT throws_ok($$SELECT govdisclose.trend_final('{2,1,2019,0,-1,5}')$$, '22023', NULL,
	'a forged trend state: 22023');
SELECT lives_ok($$SELECT govdisclose.report_sum_combine('("{1,0}",)', '("{1,0}",)')$$,
	'combining two empty report_sum states');
SELECT is(govdisclose.trend_combine('{2,0}', '{2,0}'), '{2,0}'::bigint[], 'combining two empty trend states');

SELECT * FROM finish();
ROLLBACK;
