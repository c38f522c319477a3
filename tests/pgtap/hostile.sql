-- pgTAP: hostile SQL, tabulated.
--
-- Every bad input tried against every public function and every aggregate
-- support function of govdisclose, with the outcome expected: a result
-- (or "ok": any result that is not an error), or the documented SQLSTATE.
-- The table `cases` holds the inputs; most are generated from the catalog
-- and from the view govdisclose.layout, so a new function or a new cell is
-- covered (or the coverage checks at the end fail):
--
--   NULL argument     each argument of each function NULL in turn (pg_proc)
--   NULL node         each composite of a report NULL in turn (the layout),
--                     which must behave exactly as the same node with every
--                     leaf blank
--   hostile value     NaN, infinite, negative, huge and tiny amounts, 100,000
--                     character texts in every text cell that matters
--   overflow          bigint limits in every summed cell (the layout), in
--                     report_sum, report_trend, their combine functions, and
--                     every indicator that adds cells
--   forged state      aggregate states of the wrong length, element type,
--                     dimensions, bounds, tag, NULL elements, negative counts,
--                     huge values; every element of a full state set to -1,
--                     bigint max and bigint min in turn; aggregates of our own
--                     that reuse the support functions with a forged INITCOND
--   altered type      every composite type of the extension altered (an
--                     attribute added, the last one renamed) under every
--                     function: 42804 where the function uses the type
--   hostile JSON      wrong shapes, deep nesting, enormous documents
--   hostile text      empty, control characters, endless lines
--   type confusion    other composites where a report is expected
--   huge input        100 MB inputs to parse_report, parse_notes,
--                     report_from_jsonb, render_report and the checks, in a
--                     second session (dblink): the outcome, the peak memory
--                     of that backend, statement_timeout and
--                     pg_cancel_backend within a bound
--
-- An error must also have a bounded message (no 100 MB echo of the input)
-- in valid UTF-8.  At the end: the server is still the one that started
-- the file (no crash), and every function of the extension is covered.
--
-- Runs in a transaction that is rolled back; needs dblink (postgresql-15's
-- contrib) for the huge inputs, and skips that part without it.
\set r21 `cat tests/fixtures/report-2021.json`
\set r19 `cat tests/fixtures/report-2019.json`
\set txt21 `cat tests/fixtures/lines_2021.txt`
SELECT pg_postmaster_start_time() AS started_at \gset
SET client_min_messages = warning;
BEGIN;
SET LOCAL statement_timeout = '15min';
SELECT * FROM no_plan();

-- ---------------------------------------------------------------------------
-- Helpers
-- ---------------------------------------------------------------------------

-- Run setup statements and a query returning one value, in a
-- subtransaction that is always rolled back.  Returns the value as text
-- ('NULL' for NULL), or 'ERROR <sqlstate>'; an error whose message, detail
-- and hint exceed 100,000 bytes, or are not valid UTF-8, is reported as such
-- (so it matches no expectation).
CREATE FUNCTION pg_temp.outcome(sql text, setup text[] DEFAULT '{}')
RETURNS text LANGUAGE plpgsql AS $f$
DECLARE
	res text;
	s text;
	st text;
	msg text;
	det text;
	hnt text;
BEGIN
	BEGIN
		FOREACH s IN ARRAY setup LOOP
			EXECUTE s;
		END LOOP;
		EXECUTE sql INTO res;
		RAISE EXCEPTION USING ERRCODE = 'GDOK0', MESSAGE = coalesce(res, 'NULL');
	EXCEPTION WHEN query_canceled OR OTHERS THEN
		GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT,
			det = PG_EXCEPTION_DETAIL, hnt = PG_EXCEPTION_HINT;
	END;
	IF st = 'GDOK0' THEN
		RETURN msg;
	END IF;
	IF octet_length(msg) + coalesce(octet_length(det), 0) + coalesce(octet_length(hnt), 0) > 100000 THEN
		RETURN format('ERROR %s with a message of %s bytes', st,
					  octet_length(msg) + coalesce(octet_length(det), 0) + coalesce(octet_length(hnt), 0));
	END IF;
	BEGIN
		PERFORM convert_to(msg || coalesce(det, '') || coalesce(hnt, ''), 'UTF8');
	EXCEPTION WHEN OTHERS THEN
		RETURN format('ERROR %s with a message that is not valid UTF-8', st);
	END;
	RETURN 'ERROR ' || st;
END
$f$;

-- Does an outcome meet the expectation (a list of outcomes; 'ok' stands for
-- any outcome that is not an error)?
CREATE FUNCTION pg_temp.meets(o text, expected text[])
RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
	SELECT o = ANY (expected) OR ('ok' = ANY (expected) AND o NOT LIKE 'ERROR%')
$$;

-- j with v at path, creating the objects on the way.
CREATE FUNCTION pg_temp.put(j jsonb, path text[], v jsonb)
RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
	FOR i IN 1 .. array_length(path, 1) - 1 LOOP
		IF jsonb_typeof(j #> path[1:i]) IS DISTINCT FROM 'object' THEN
			j := jsonb_set(j, path[1:i], '{}');
		END IF;
	END LOOP;
	RETURN jsonb_set(j, path, v);
END
$$;

-- j with every scalar replaced by null (the keys kept).
CREATE FUNCTION pg_temp.nulls(j jsonb)
RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE WHEN jsonb_typeof(j) = 'object'
		THEN (SELECT coalesce(jsonb_object_agg(key, pg_temp.nulls(value)), '{}')
			  FROM jsonb_each(j))
		ELSE 'null' END
$$;

-- The two complete fixtures, and their canonical JSON with every key.
CREATE TEMP TABLE fixture (format text PRIMARY KEY, j jsonb NOT NULL, full_j jsonb);
INSERT INTO fixture VALUES ('2021', :'r21'), ('2019', :'r19');
UPDATE fixture SET full_j = to_jsonb(govdisclose.report_from_jsonb(j));

-- A fixture report with the value at path replaced (JSON: null, a number,
-- or a string read by the type's input function, e.g. "NaN"); a composite
-- set to null becomes a NULL composite.  Plain SQL: no govdisclose function
-- is called, so it works under altered types.
CREATE FUNCTION pg_temp.rep(fmt text, path text, v jsonb)
RETURNS govdisclose.report LANGUAGE sql STABLE AS $$
	SELECT jsonb_populate_record(NULL::govdisclose.report,
		CASE WHEN path IS NULL THEN full_j
			 ELSE jsonb_set(full_j, string_to_array(path, '.'), v) END)
	FROM pg_temp.fixture WHERE format = fmt
$$;

-- The same report with every leaf below path blank (the composite present).
CREATE FUNCTION pg_temp.blank(fmt text, path text)
RETURNS govdisclose.report LANGUAGE sql STABLE AS $$
	SELECT jsonb_populate_record(NULL::govdisclose.report,
		jsonb_set(full_j, string_to_array(path, '.'),
				  pg_temp.nulls(full_j #> string_to_array(path, '.'))))
	FROM pg_temp.fixture WHERE format = fmt
$$;

-- a report of format fmt (year 2020) with one cell set
CREATE FUNCTION pg_temp.cell(fmt text, path text, v text)
RETURNS govdisclose.report LANGUAGE sql STABLE AS $$
	SELECT govdisclose.report_from_jsonb(pg_temp.put(
		jsonb_build_object('format', fmt, 'year', 2020), string_to_array(path, '.'), v::jsonb))
$$;

-- an array with element i replaced by v
CREATE FUNCTION pg_temp.forge(a bigint[], i int, v bigint)
RETURNS bigint[] LANGUAGE sql IMMUTABLE AS $$
	SELECT a[1:i - 1] || v || a[i + 1:]
$$;

-- Aggregate states made by the support functions themselves, stored
-- before any type is altered.
CREATE TEMP TABLE st (k text PRIMARY KEY, s govdisclose.report_sum_state, a bigint[]);
INSERT INTO st (k, s)
SELECT 'sum' || format, govdisclose.report_sum_accum('("{1,0}",)', govdisclose.report_from_jsonb(j))
FROM fixture;
INSERT INTO st (k, a) VALUES
	('trend', govdisclose.trend_accum(govdisclose.trend_accum(govdisclose.trend_accum(
		'{2,0}', 2019, 5), 2020, 1.25), 2022, 7)),
	('rtrend', (SELECT govdisclose.report_trend_accum(govdisclose.report_trend_accum(
		'{3,0}', govdisclose.report_from_jsonb(f19.j)), govdisclose.report_from_jsonb(f21.j))
		FROM fixture f19, fixture f21 WHERE f19.format = '2019' AND f21.format = '2021'));

-- The functions of the extension, from the catalog.
CREATE TEMP TABLE fns AS
	SELECT p.oid::regprocedure AS fn, p.proname::text AS name, p.prokind, p.proretset,
		   p.proargtypes::oid[] AS args, p.prorettype
	FROM pg_depend d JOIN pg_proc p ON p.oid = d.objid
	WHERE d.classid = 'pg_proc'::regclass AND d.deptype = 'e'
	  AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'govdisclose');

-- One call of each function, with a fixture report where it takes one
-- (%1$s: an expression giving a report).  Functions without a report
-- argument are given literals and stored states only, so that the altered
-- types below reach them only through their own signature.
CREATE TEMP TABLE calls (name text PRIMARY KEY, fn regprocedure NOT NULL, tpl text NOT NULL);
INSERT INTO calls VALUES
	('layout_cells', 'govdisclose.layout_cells()',
	 'SELECT count(*) FROM govdisclose.layout_cells()'),
	('layout_rules', 'govdisclose.layout_rules()',
	 'SELECT count(*) FROM govdisclose.layout_rules()'),
	('layout_equations', 'govdisclose.layout_equations()',
	 'SELECT count(*) FROM govdisclose.layout_equations()'),
	('layout_indicators', 'govdisclose.layout_indicators()',
	 'SELECT count(*) FROM govdisclose.layout_indicators()'),
	('report_from_jsonb', 'govdisclose.report_from_jsonb(jsonb)',
	 'SELECT md5(govdisclose.report_from_jsonb(to_jsonb(%1$s))::text)'),
	('violations', 'govdisclose.violations(govdisclose.report)',
	 'SELECT md5(string_agg(convert_to(v::text, ''UTF8'')::text, ''|'')) FROM govdisclose.violations(%1$s) v'),
	('is_consistent', 'govdisclose.is_consistent(govdisclose.report)',
	 'SELECT govdisclose.is_consistent(%1$s)'),
	('check_report', 'govdisclose.check_report(govdisclose.report)',
	 'SELECT govdisclose.check_report(%1$s)'),
	('parse_report', 'govdisclose.parse_report(text)',
	 'SELECT md5(govdisclose.parse_report((SELECT t FROM pg_temp.texts WHERE k = ''fixture''))::text)'),
	('parse_notes', 'govdisclose.parse_notes(text)',
	 'SELECT md5(string_agg(n::text, ''|'')) FROM govdisclose.parse_notes((SELECT t FROM pg_temp.texts WHERE k = ''fixture'')) n'),
	('render_report markdown', 'govdisclose.render_report(govdisclose.report,text)',
	 'SELECT md5(govdisclose.render_report(%1$s, ''markdown''))'),
	('render_report html', 'govdisclose.render_report(govdisclose.report,text)',
	 'SELECT md5(govdisclose.render_report(%1$s, ''html''))'),
	('render_report text', 'govdisclose.render_report(govdisclose.report,text)',
	 'SELECT md5(govdisclose.render_report(%1$s, ''text''))'),
	('report_sum_accum', 'govdisclose.report_sum_accum(govdisclose.report_sum_state,govdisclose.report)',
	 'SELECT md5(govdisclose.report_sum_accum((SELECT s FROM pg_temp.st WHERE k IN (''sum2021'', ''sum'' || (%1$s).format) ORDER BY k = ''sum2021'' LIMIT 1), %1$s)::text)'),
	('report_sum_combine', 'govdisclose.report_sum_combine(govdisclose.report_sum_state,govdisclose.report_sum_state)',
	 'SELECT md5(govdisclose.report_sum_combine(s, s)::text) FROM pg_temp.st WHERE k = ''sum2021'''),
	('report_sum_final', 'govdisclose.report_sum_final(govdisclose.report_sum_state)',
	 'SELECT md5(govdisclose.report_sum_final(s)::text) FROM pg_temp.st WHERE k = ''sum2021'''),
	('report_sum', 'govdisclose.report_sum(govdisclose.report)',
	 'SELECT md5(govdisclose.report_sum(r)::text) FROM (VALUES (%1$s), (%1$s)) v(r)'),
	('indicators', 'govdisclose.indicators(govdisclose.report)',
	 'SELECT md5(govdisclose.indicators(%1$s)::text)'),
	('trend_accum', 'govdisclose.trend_accum(bigint[],integer,numeric)',
	 'SELECT md5(govdisclose.trend_accum(a, 2021, 3)::text) FROM pg_temp.st WHERE k = ''trend'''),
	('trend_combine', 'govdisclose.trend_combine(bigint[],bigint[])',
	 'SELECT md5(govdisclose.trend_combine(a, a)::text) FROM pg_temp.st WHERE k = ''trend'''),
	('trend_final', 'govdisclose.trend_final(bigint[])',
	 'SELECT md5(govdisclose.trend_final(a)::text) FROM pg_temp.st WHERE k = ''trend'''),
	('trend', 'govdisclose.trend(integer,numeric)',
	 'SELECT md5(govdisclose.trend(y, v)::text) FROM (VALUES (2019, 5), (2020, 1.25), (2022, 7)) t(y, v)'),
	('report_trend_accum', 'govdisclose.report_trend_accum(bigint[],govdisclose.report)',
	 'SELECT md5(govdisclose.report_trend_accum(''{3,0}'', %1$s)::text)'),
	('report_trend_combine', 'govdisclose.report_trend_combine(bigint[],bigint[])',
	 'SELECT md5(govdisclose.report_trend_combine(a, a)::text) FROM pg_temp.st WHERE k = ''rtrend'''),
	('report_trend_final', 'govdisclose.report_trend_final(bigint[])',
	 'SELECT md5(govdisclose.report_trend_final(a)::text) FROM pg_temp.st WHERE k = ''rtrend'''),
	('report_trend', 'govdisclose.report_trend(govdisclose.report)',
	 'SELECT md5(govdisclose.report_trend(r)::text) FROM (VALUES (%1$s), (%1$s)) v(r)'),
	('continuity previous', 'govdisclose.continuity(govdisclose.report,govdisclose.report)',
	 'SELECT md5(string_agg(convert_to(c::text, ''UTF8'')::text, ''|'')) FROM govdisclose.continuity(%1$s, pg_temp.rep(''2021'', NULL, NULL)) c'),
	('continuity current', 'govdisclose.continuity(govdisclose.report,govdisclose.report)',
	 'SELECT md5(string_agg(convert_to(c::text, ''UTF8'')::text, ''|'')) FROM govdisclose.continuity(pg_temp.rep(''2021'', NULL, NULL), %1$s) c');

CREATE TEMP TABLE texts (k text PRIMARY KEY, t text);
INSERT INTO texts VALUES ('fixture', :'txt21');

CREATE TEMP TABLE cases (
	n serial PRIMARY KEY,
	fn regprocedure NOT NULL,		-- the function under test
	class text NOT NULL,
	input text NOT NULL,			-- what is tried
	sql text NOT NULL,				-- a query returning one value
	setup text[] NOT NULL DEFAULT '{}',
	expected text[] NOT NULL,		-- allowed outcomes ('ok': any non-error)
	outcome text
);

-- calls whose function takes a report
CREATE TEMP VIEW report_calls AS
	SELECT c.* FROM calls c JOIN fns f ON f.fn = c.fn
	WHERE 'govdisclose.report'::regtype = ANY (f.args);

-- ---------------------------------------------------------------------------
-- NULL argument: each argument NULL in turn, and all of them; every
-- function is strict (an aggregate skips the row), so the result is NULL,
-- or no rows from a set-returning function.
-- ---------------------------------------------------------------------------
CREATE FUNCTION pg_temp.sample(t regtype, fname text)
RETURNS text LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE t
		WHEN 'govdisclose.report'::regtype THEN 'pg_temp.rep(''2021'', NULL, NULL)'
		WHEN 'govdisclose.report_sum_state'::regtype THEN '''("{1,0}",)''::govdisclose.report_sum_state'
		WHEN 'bigint[]'::regtype THEN CASE WHEN fname LIKE 'report_trend%' THEN '''{3,0}''::bigint[]' ELSE '''{2,0}''::bigint[]' END
		WHEN 'jsonb'::regtype THEN '''{"format": "2021"}''::jsonb'
		WHEN 'text'::regtype THEN '''markdown'''
		WHEN 'integer'::regtype THEN '2020'
		WHEN 'numeric'::regtype THEN '1::numeric'
	END
$$;

INSERT INTO cases (fn, class, input, sql, expected)
SELECT f.fn, 'NULL argument',
	   CASE WHEN k = 0 THEN 'every argument NULL' ELSE format('argument %s NULL', k) END,
	   format(CASE WHEN f.proretset THEN 'SELECT count(*) FROM %s(%s)' ELSE 'SELECT %s(%s)' END,
			  f.fn::oid::regproc,
			  (SELECT string_agg(CASE WHEN k = 0 OR i = k THEN 'NULL::' || format_type(a, NULL)
									  ELSE pg_temp.sample(a, f.name) END, ', ' ORDER BY i)
			   FROM unnest(f.args) WITH ORDINALITY u(a, i))),
	   CASE WHEN f.proretset THEN '{0}'::text[] ELSE '{"NULL"}'::text[] END
FROM fns f, generate_series(0, cardinality(f.args)) k
WHERE cardinality(f.args) > 0 AND NOT (k = 0 AND cardinality(f.args) = 1);

-- functions without arguments: a plain call
INSERT INTO cases (fn, class, input, sql, expected)
SELECT c.fn, 'no argument', 'a call', c.tpl, '{ok}'
FROM calls c JOIN fns f ON f.fn = c.fn WHERE cardinality(f.args) = 0;

-- ---------------------------------------------------------------------------
-- NULL node: each composite node of a report NULL in turn (from the layout),
-- under every call that takes a report, in both formats.  It must read as
-- the same node with every leaf blank (the composite present): the same
-- result, or the same error.
-- ---------------------------------------------------------------------------
CREATE TEMP TABLE nodes AS
	SELECT DISTINCT l.format, array_to_string(p[1:i], '.') AS path
	FROM govdisclose.layout l, string_to_array(l.key_path, '.') p, generate_series(1, cardinality(p) - 1) i;

INSERT INTO cases (fn, class, input, sql, expected)
SELECT c.fn, 'NULL node', format('%s: %s (%s) NULL', c.name, n.path, n.format),
	   format(c.tpl, format('pg_temp.rep(%L, %L, ''null'')', n.format, n.path)),
	   ARRAY[pg_temp.outcome(format(c.tpl, format('pg_temp.blank(%L, %L)', n.format, n.path)))]
FROM report_calls c, nodes n;

-- ---------------------------------------------------------------------------
-- hostile value: amounts that are NaN, infinite, negative, huge or tiny, and
-- 100,000-character texts, in the cells where they matter, under every call
-- that takes a report.
-- ---------------------------------------------------------------------------
CREATE TEMP TABLE hostile_values (tag text, v jsonb);
INSERT INTO hostile_values VALUES
	('nonfinite', '"NaN"'), ('nonfinite', '"Infinity"'), ('nonfinite', '"-Infinity"'),
	('negative', '-1'), ('negative', '-0.0001'), ('zero', '"-0.0"'),
	('huge', '1e300'), ('tiny', '1e-300');

CREATE TEMP TABLE hostile_cells AS
	SELECT format, key_path, 'amount' AS kind FROM govdisclose.layout WHERE kind = 'amount'
	UNION ALL
	SELECT format, key_path, 'text ' || key_path FROM govdisclose.layout
	WHERE key_path IN ('format', 'agency', 'overview', 'proactive.procurement.amount_unit');

-- the outcome documented for each call and kind of value
CREATE FUNCTION pg_temp.hostile_expected(call text, tag text)
RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE
		WHEN call = 'is_consistent' THEN
			CASE WHEN tag IN ('nonfinite', 'negative', 'long format') THEN '{false}' ELSE '{true}' END
		WHEN call = 'check_report' THEN
			CASE WHEN tag IN ('nonfinite', 'negative', 'long format') THEN '{"ERROR 23514"}' ELSE '{true}' END
		WHEN call = 'report_from_jsonb' THEN
			-- to_jsonb writes NaN and infinities as strings, which are not numbers
			CASE WHEN tag = 'nonfinite' THEN '{"ERROR 22P02"}' ELSE '{ok}' END
		WHEN call LIKE 'render_report%' THEN
			CASE WHEN tag = 'long format' THEN '{"ERROR 22023"}' ELSE '{ok}' END
		WHEN call LIKE 'report_sum%' OR call LIKE 'report_trend%' THEN
			CASE WHEN tag IN ('nonfinite', 'long format', 'long unit') THEN '{"ERROR 22023"}'
				 WHEN tag IN ('huge', 'tiny') THEN '{"ERROR 22003"}'
				 ELSE '{ok}' END
		WHEN call = 'indicators' THEN
			CASE WHEN tag = 'long format' THEN '{"ERROR 22023"}' ELSE '{ok}' END
		ELSE '{ok}'
	END::text[]
$$;

INSERT INTO cases (fn, class, input, sql, expected)
SELECT c.fn, 'hostile value', format('%s: %s = %s (%s)', c.name, h.key_path, v.v, h.format),
	   format(c.tpl, format('pg_temp.rep(%L, %L, %L)', h.format, h.key_path, v.v)),
	   pg_temp.hostile_expected(c.name, v.tag)
FROM report_calls c, hostile_cells h, hostile_values v
WHERE h.kind = 'amount';

INSERT INTO cases (fn, class, input, sql, expected)
SELECT c.fn, 'hostile value', format('%s: %s of 100,000 characters (%s)', c.name, h.key_path, h.format),
	   format(c.tpl, format('pg_temp.rep(%L, %L, to_jsonb(repeat(''格'', 100000)))', h.format, h.key_path)),
	   pg_temp.hostile_expected(c.name,
		   CASE h.key_path WHEN 'format' THEN 'long format'
						   WHEN 'proactive.procurement.amount_unit' THEN 'long unit'
						   ELSE 'long text' END)
FROM report_calls c, hostile_cells h
WHERE h.kind LIKE 'text%' AND (h.key_path <> 'proactive.procurement.amount_unit' OR h.format = '2019');

-- ---------------------------------------------------------------------------
-- overflow: bigint limits in every summed cell (every count cell of the
-- layout, both formats), and every amount beyond 36 digits.
-- ---------------------------------------------------------------------------
CREATE TEMP TABLE count_cells AS
	SELECT format, key_path FROM govdisclose.layout WHERE kind IN ('count', 'signed count');

-- how two reports with one cell set each (%1$s, %2$s) are added; the
-- value of the cell (path %3$L) in the result, or true for report_trend
CREATE TEMP TABLE adders (fn regprocedure, tpl text);
INSERT INTO adders VALUES
	('govdisclose.report_sum(govdisclose.report)',
	 'SELECT to_jsonb(govdisclose.report_sum(r)) #>> %3$L FROM (VALUES (%1$s), (%2$s)) v(r)'),
	('govdisclose.report_sum_combine(govdisclose.report_sum_state,govdisclose.report_sum_state)',
	 'SELECT to_jsonb(govdisclose.report_sum_final(govdisclose.report_sum_combine(govdisclose.report_sum_accum(''("{1,0}",)'', %1$s), govdisclose.report_sum_accum(''("{1,0}",)'', %2$s)))) #>> %3$L'),
	('govdisclose.report_trend(govdisclose.report)',
	 'SELECT num_nulls(govdisclose.report_trend(r)) = 0 FROM (VALUES (%1$s), (%2$s)) v(r)'),
	('govdisclose.report_trend_combine(bigint[],bigint[])',
	 'SELECT govdisclose.report_trend_combine(govdisclose.report_trend_accum(''{3,0}'', %1$s), govdisclose.report_trend_accum(''{3,0}'', %2$s)) IS NOT NULL');

-- the two values, and the sum (counts: bigint; amounts: exact up to 36 digits)
CREATE TEMP TABLE addends (kind text, a text, b text, e text, every_adder boolean);
INSERT INTO addends VALUES
	('count', '9223372036854775807', '1', 'ERROR 22003', true),
	('count', '-9223372036854775808', '-1', 'ERROR 22003', true),
	('count', '9223372036854775807', '0', '9223372036854775807', false),
	('count', '9223372036854775807', '-9223372036854775808', '-1', false),
	('amount', '999999999999999999999999999999999999', '1', 'ERROR 22003', true),
	('amount', '-999999999999999999999999999999999999', '-1', 'ERROR 22003', true),
	('amount', '99999999999999999999999999999999.9999', '0.0001', 'ERROR 22003', true),
	('amount', '999999999999999999999999999999999998', '1', '999999999999999999999999999999999999', false),
	('amount', '0.000000000000000000000000000000000001', '0', '0.000000000000000000000000000000000001', false);

INSERT INTO cases (fn, class, input, sql, expected)
SELECT d.fn, 'overflow', format('%s (%s): %s + %s', l.key_path, l.format, x.a, x.b),
	   format(d.tpl, format('pg_temp.cell(%L, %L, %L)', l.format, l.key_path, x.a),
			  format('pg_temp.cell(%L, %L, %L)', l.format, l.key_path, x.b), string_to_array(l.key_path, '.')),
	   ARRAY[CASE WHEN d.tpl LIKE 'SELECT to_jsonb%' OR x.e LIKE 'ERROR%' THEN x.e ELSE 'true' END]
FROM adders d, govdisclose.layout l
JOIN addends x ON x.kind = CASE WHEN l.kind = 'amount' THEN 'amount' ELSE 'count' END
WHERE l.kind IN ('count', 'signed count', 'amount')
  AND (x.every_adder OR d.fn = 'govdisclose.report_sum(govdisclose.report)'::regprocedure);

INSERT INTO cases (fn, class, input, sql, expected)
SELECT 'govdisclose.trend(integer,numeric)', 'overflow', format('%s + %s in one year', a, b),
	   format('SELECT (govdisclose.trend(y, v)).last_value FROM (VALUES (2020, %s::numeric), (2020, %s)) t(y, v)', a, b),
	   ARRAY[e]
FROM (VALUES ('999999999999999999999999999999999999', '1', 'ERROR 22003'),
			 ('-999999999999999999999999999999999999', '-1', 'ERROR 22003'),
			 ('9223372036854775807', '9223372036854775807', '18446744073709551614'),
			 ('1e-36', '0', '0.000000000000000000000000000000000001'),
			 ('1e-37', '0', 'ERROR 22003'),
			 ('1e100000', '0', 'ERROR 22003')) x(a, b, e);

INSERT INTO cases (fn, class, input, sql, expected)
SELECT 'govdisclose.trend_combine(bigint[],bigint[])', 'overflow', format('%s + %s in one year', a, b),
	   format('SELECT govdisclose.trend_combine(govdisclose.trend_accum(''{2,0}'', 2020, %s), govdisclose.trend_accum(''{2,0}'', 2020, %s)) IS NOT NULL', a, b),
	   '{"ERROR 22003"}'
FROM (VALUES ('999999999999999999999999999999999999', '1'),
			 ('-999999999999999999999999999999999999', '-1')) x(a, b);

-- every indicator that adds cells: those cells at bigint max
CREATE TEMP TABLE indicator_cells AS
	WITH parts AS (
		SELECT d.indicator, d.numerator, f.format,
			   CASE WHEN d.numerator ~ '^[0-9]{4}: '
					THEN (SELECT substring(p FROM 7) FROM unnest(string_to_array(d.numerator, '; ')) p
						  WHERE p LIKE f.format || ': %')
					ELSE d.numerator END AS terms
		FROM govdisclose.indicator_definitions d, (VALUES ('2019'), ('2021')) f(format)
		WHERE d.kind = 'count')
	SELECT p.indicator, p.format,
		   array_agg(l.key_path ORDER BY l.key_path) FILTER (WHERE l.key_path IS NOT NULL) AS cells
	FROM parts p
	LEFT JOIN govdisclose.layout l
	  ON l.format = p.format AND p.terms IS NOT NULL
	 AND l.key_path LIKE ANY (SELECT replace(t, '*', '%') FROM unnest(string_to_array(p.terms, ' + ')) t)
	GROUP BY p.indicator, p.format;

CREATE FUNCTION pg_temp.cells_at(fmt text, paths text[], v text)
RETURNS govdisclose.report LANGUAGE plpgsql STABLE AS $$
DECLARE
	j jsonb := jsonb_build_object('format', fmt, 'year', 2020);
	p text;
BEGIN
	FOREACH p IN ARRAY coalesce(paths, '{}') LOOP
		j := pg_temp.put(j, string_to_array(p, '.'), v::jsonb);
	END LOOP;
	RETURN govdisclose.report_from_jsonb(j);
END
$$;

INSERT INTO cases (fn, class, input, sql, expected)
SELECT 'govdisclose.indicators(govdisclose.report)', 'overflow',
	   format('%s (%s): its %s cells at bigint max', indicator, format, coalesce(cardinality(cells), 0)),
	   format('SELECT (govdisclose.indicators(pg_temp.cells_at(%L, %L, ''9223372036854775807''))).%I',
			  format, cells, indicator),
	   CASE WHEN cardinality(cells) >= 2 THEN '{"ERROR 22003"}'
			WHEN cardinality(cells) = 1 THEN '{9223372036854775807}'
			ELSE '{"NULL"}' END::text[]
FROM indicator_cells;

-- rates are taken from 128-bit sums: bigint max over bigint max is 1
INSERT INTO cases (fn, class, input, sql, expected)
SELECT 'govdisclose.indicators(govdisclose.report)', 'overflow',
	   format('disclosure_rate (%s): granted and handled at bigint max', f), 
	   format('SELECT (govdisclose.indicators(pg_temp.cells_at(%L, ''{requests.granted.total,requests.partially_granted.total,requests.total_handled.total}'', ''4611686018427387903''))).disclosure_rate', f),
	   '{2}'
FROM (VALUES ('2019'), ('2021')) x(f);

-- continuity compares figures exactly, beyond bigint
INSERT INTO cases (fn, class, input, sql, expected)
SELECT 'govdisclose.continuity(govdisclose.report,govdisclose.report)', 'overflow',
	   format('in_force_continuity: %s + %s - %s against %s', a, b, c, d),
	   format($q$SELECT expected || ' ' || actual FROM govdisclose.continuity(
		govdisclose.report_from_jsonb('{"format": "2021", "year": 2021, "proactive": {"regulations": {"in_force": %s}}}'),
		govdisclose.report_from_jsonb('{"format": "2021", "year": 2022, "proactive": {"regulations": {"issued": %s, "repealed": %s, "in_force": %s}}}'))
		WHERE rule = 'in_force_continuity' AND severity = 'warning'$q$, a, b, c, d),
	   ARRAY[e]
FROM (VALUES ('9223372036854775807', '9223372036854775807', '-9223372036854775808', '0', '27670116110564327422 0'),
			 ('-9223372036854775808', '0', '9223372036854775807', '1', '-18446744073709551615 1'),
			 ('5', '2', '1', '7', '6 7')) x(a, b, c, d, e);

-- the checks add up whole rows and columns at bigint limits without overflow
INSERT INTO cases (fn, class, input, sql, expected)
SELECT c.fn, 'overflow', format('%s: every count cell of a %s report at %s', c.name, f, v),
	   format(c.tpl, format('pg_temp.cells_at(%L, (SELECT array_agg(key_path) FROM pg_temp.count_cells WHERE format = %L), %L)', f, f, v)),
	   CASE WHEN c.name = 'is_consistent' THEN '{false}'
			WHEN c.name = 'check_report' THEN '{"ERROR 23514"}'
			-- two such reports added
			WHEN c.name IN ('report_sum', 'report_trend', 'indicators') THEN '{"ERROR 22003"}'
			-- added to the fixture's state: past the top, or past the bottom
			-- where the fixture has a negative count (a 2019 本年增/减)
			WHEN c.name = 'report_sum_accum' THEN
				CASE WHEN v NOT LIKE '-%' OR EXISTS (
						SELECT FROM pg_temp.count_cells cc, pg_temp.fixture fx
						WHERE cc.format = f AND fx.format = f
						  AND (fx.full_j #>> string_to_array(cc.key_path, '.'))::bigint < 0)
					 THEN '{"ERROR 22003"}' ELSE '{ok}' END
			ELSE '{ok}' END::text[]
FROM report_calls c, (VALUES ('2019'), ('2021')) x(f),
	 (VALUES ('9223372036854775807'), ('-9223372036854775808')) y(v);

-- ---------------------------------------------------------------------------
-- forged state: named malformed states, under each support function that
-- takes one (the final function, either side of the combine function, the
-- transition function).
-- ---------------------------------------------------------------------------
CREATE TEMP TABLE named_states (
	agg text,			-- report_sum, trend or report_trend
	input text,
	state text,			-- an SQL expression of the state type
	e_final text,
	e_combine text,		-- the state on either side, a valid full state on the other
	e_accum text
);

-- the 2021 fixture's report_sum state, with element i set to v
CREATE FUNCTION pg_temp.sum_forged(i int, v bigint, k text DEFAULT 'sum2021')
RETURNS govdisclose.report_sum_state LANGUAGE sql STABLE AS $$
	SELECT row(pg_temp.forge((s).sums, i, v), (s).agency)::govdisclose.report_sum_state
	FROM pg_temp.st WHERE st.k = sum_forged.k
$$;

INSERT INTO named_states VALUES
	('report_sum', 'an empty array', $$'("{}",)'$$, 'ERROR 22023', 'ERROR 22023', 'ERROR 22023'),
	('report_sum', 'one element', $$'("{1}",)'$$, 'ERROR 22023', 'ERROR 22023', 'ERROR 22023'),
	('report_sum', 'three elements', $$'("{1,0,0}",)'$$, 'ERROR 22023', 'ERROR 22023', 'ERROR 22023'),
	('report_sum', 'a full state one element short',
	 $$(SELECT row((s).sums[1:cardinality((s).sums) - 1], (s).agency)::govdisclose.report_sum_state FROM pg_temp.st WHERE k = 'sum2021')$$,
	 'ERROR 22023', 'ERROR 22023', 'ERROR 22023'),
	('report_sum', 'a full state one element long',
	 $$(SELECT row((s).sums || 0::bigint, (s).agency)::govdisclose.report_sum_state FROM pg_temp.st WHERE k = 'sum2021')$$,
	 'ERROR 22023', 'ERROR 22023', 'ERROR 22023'),
	('report_sum', 'ten million elements',
	 $$row(array_fill(0::bigint, ARRAY[10000000]), NULL)::govdisclose.report_sum_state$$,
	 'ERROR 22023', 'ERROR 22023', 'ERROR 22023'),
	('report_sum', 'a NULL element', $$'("{1,NULL}",)'$$, 'ERROR 22023', 'ERROR 22023', 'ERROR 22023'),
	('report_sum', 'a NULL element in a full state',
	 $$(SELECT row(pg_temp.forge((s).sums, 9, NULL), (s).agency)::govdisclose.report_sum_state FROM pg_temp.st WHERE k = 'sum2021')$$,
	 'ERROR 22023', 'ERROR 22023', 'ERROR 22023'),
	('report_sum', 'NULL sums', $$'(,)'$$, 'ERROR 22023', 'ERROR 22023', 'ERROR 22023'),
	('report_sum', 'two dimensions', $$'("{{1,0},{0,0}}",)'$$, 'ERROR 22023', 'ERROR 22023', 'ERROR 22023'),
	('report_sum', 'two dimensions of one row', $$'("{{1,0}}",)'$$, 'ERROR 22023', 'ERROR 22023', 'ERROR 22023'),
	('report_sum', 'the tag of a trend state', $$'("{2,0}",)'$$, 'ERROR 22023', 'ERROR 22023', 'ERROR 22023'),
	('report_sum', 'a negative count of reports', $$'("{1,-1}",)'$$, 'ERROR 22023', 'ERROR 22023', 'ERROR 22023'),
	('report_sum', 'an empty state counting reports', $$'("{1,9223372036854775807}",)'$$, 'ERROR 22023', 'ERROR 22023', 'ERROR 22023'),
	('report_sum', 'an empty state with an agency', $$'("{1,0}",甲市公安局)'$$, 'ERROR 22023', 'ERROR 22023', 'ERROR 22023'),
	('report_sum', 'an agency without its status', $$pg_temp.sum_forged(6, 3)$$, 'ERROR 22023', 'ERROR 22023', 'ERROR 22023'),
	('report_sum', 'agency NULL where its status says kept',
	 $$(SELECT row((s).sums, NULL)::govdisclose.report_sum_state FROM pg_temp.st WHERE k = 'sum2021')$$,
	 'ERROR 22023', 'ERROR 22023', 'ERROR 22023'),
	('report_sum', 'a full state of zeros (no report yet)',
	 $$(SELECT row(pg_temp.forge(array_fill(0::bigint, ARRAY[cardinality((s).sums)]), 1, 1), NULL)::govdisclose.report_sum_state FROM pg_temp.st WHERE k = 'sum2021')$$,
	 'false', 'true', 'true'),
	('report_sum', 'a full state of zeros with a cell filled',
	 $$(SELECT row(pg_temp.forge(pg_temp.forge(array_fill(0::bigint, ARRAY[cardinality((s).sums)]), 1, 1), 8, 1), NULL)::govdisclose.report_sum_state FROM pg_temp.st WHERE k = 'sum2021')$$,
	 'ERROR 22023', 'ERROR 22023', 'ERROR 22023'),
	-- the array's lower bound is not part of the state: elements are read by position
	('report_sum', 'lower bound 0', $$'("[0:1]={1,0}",)'$$, 'false', 'true', 'true'),
	('report_sum', 'lower bound 5 on a full state',
	 $$(SELECT row(('[5:' || cardinality((s).sums) + 4 || ']=' || (s).sums::text)::bigint[], (s).agency)::govdisclose.report_sum_state FROM pg_temp.st WHERE k = 'sum2021')$$,
	 'true', 'true', 'true'),
	-- a cast happens before the function: it sees bigint elements, or the cast fails
	('report_sum', 'numeric elements cast to bigint (rounded)', $$row('{1.4,0.2}'::numeric[]::bigint[], NULL)::govdisclose.report_sum_state$$, 'false', 'true', 'true'),
	('report_sum', 'numeric elements beyond bigint', $$row('{1e19,0}'::numeric[]::bigint[], NULL)::govdisclose.report_sum_state$$, 'ERROR 22003', 'ERROR 22003', 'ERROR 22003'),
	('report_sum', 'text elements', $$row('{x,0}'::text::bigint[], NULL)::govdisclose.report_sum_state$$, 'ERROR 22P02', 'ERROR 22P02', 'ERROR 22P02'),
	('report_sum', 'a 2019 state against a 2021 one', $$(SELECT s FROM pg_temp.st WHERE k = 'sum2019')$$, 'true', 'ERROR 22023', 'ERROR 22023'),
	('report_sum', 'bigint max reports', $$pg_temp.sum_forged(2, 9223372036854775807)$$, 'true', 'ERROR 22003', 'ERROR 22003'),
	('report_sum', 'format 0', $$pg_temp.sum_forged(3, 0)$$, 'ERROR 22023', 'ERROR 22023', 'ERROR 22023'),
	('report_sum', 'format 3', $$pg_temp.sum_forged(3, 3)$$, 'ERROR 22023', 'ERROR 22023', 'ERROR 22023'),
	('report_sum', 'year status 4', $$pg_temp.sum_forged(4, 4)$$, 'ERROR 22023', 'ERROR 22023', 'ERROR 22023'),
	('report_sum', 'a year beyond integer', $$pg_temp.sum_forged(5, 2147483648)$$, 'ERROR 22023', 'ERROR 22023', 'ERROR 22023'),
	('report_sum', 'unit status 3', $$pg_temp.sum_forged(7, 3)$$, 'ERROR 22023', 'ERROR 22023', 'ERROR 22023'),
	('report_sum', 'a cell filled by more reports than were added', $$pg_temp.sum_forged(8, 2)$$, 'ERROR 22023', 'ERROR 22023', 'ERROR 22023'),
	('report_sum', 'a cell filled by -1 reports', $$pg_temp.sum_forged(8, -1)$$, 'ERROR 22023', 'ERROR 22023', 'ERROR 22023'),

	('trend', 'an empty array', $$'{}'::bigint[]$$, 'ERROR 22023', 'ERROR 22023', 'ERROR 22023'),
	('trend', 'one element', $$'{2}'::bigint[]$$, 'ERROR 22023', 'ERROR 22023', 'ERROR 22023'),
	('trend', 'a NULL element', $$'{2,NULL}'::bigint[]$$, 'ERROR 22023', 'ERROR 22023', 'ERROR 22023'),
	('trend', 'two dimensions', $$'{{2,0},{0,0}}'::bigint[]$$, 'ERROR 22023', 'ERROR 22023', 'ERROR 22023'),
	('trend', 'the tag of a report_trend state', $$'{3,0}'::bigint[]$$, 'ERROR 22023', 'ERROR 22023', 'ERROR 22023'),
	('trend', 'a negative number of years', $$'{2,-1}'::bigint[]$$, 'ERROR 22023', 'ERROR 22023', 'ERROR 22023'),
	('trend', 'a year without room for it', $$'{2,1}'::bigint[]$$, 'ERROR 22023', 'ERROR 22023', 'ERROR 22023'),
	('trend', 'bigint max years', $$'{2,9223372036854775807,2020,0,0,1}'::bigint[]$$, 'ERROR 22023', 'ERROR 22023', 'ERROR 22023'),
	('trend', 'a length that is no number of years', $$'{2,0,0}'::bigint[]$$, 'ERROR 22023', 'ERROR 22023', 'ERROR 22023'),
	('trend', 'years out of order', $$'{2,2,2021,0,0,1,2020,0,0,1}'::bigint[]$$, 'ERROR 22023', 'ERROR 22023', 'ERROR 22023'),
	('trend', 'a year twice', $$'{2,2,2020,0,0,1,2020,0,0,1}'::bigint[]$$, 'ERROR 22023', 'ERROR 22023', 'ERROR 22023'),
	('trend', 'year 0', $$'{2,1,0,0,0,1}'::bigint[]$$, 'ERROR 22023', 'ERROR 22023', 'ERROR 22023'),
	('trend', 'year 10000', $$'{2,1,10000,0,0,1}'::bigint[]$$, 'ERROR 22023', 'ERROR 22023', 'ERROR 22023'),
	('trend', 'negative decimal places', $$'{2,1,2020,-1,0,1}'::bigint[]$$, 'ERROR 22023', 'ERROR 22023', 'ERROR 22023'),
	('trend', '37 decimal places', $$'{2,1,2020,37,0,1}'::bigint[]$$, 'ERROR 22023', 'ERROR 22023', 'ERROR 22023'),
	('trend', 'low digits of 10^18', $$'{2,1,2020,0,0,1000000000000000000}'::bigint[]$$, 'ERROR 22023', 'ERROR 22023', 'ERROR 22023'),
	('trend', 'bigint max high digits', $$'{2,1,2020,0,9223372036854775807,0}'::bigint[]$$, 'ERROR 22023', 'ERROR 22023', 'ERROR 22023'),
	('trend', 'digits of both signs', $$'{2,1,2020,0,1,-1}'::bigint[]$$, 'ERROR 22023', 'ERROR 22023', 'ERROR 22023'),
	('trend', 'room for a year that is not zeros', $$'{2,1,2020,0,0,5,7,7,7,7}'::bigint[]$$, 'ERROR 22023', 'ERROR 22023', 'ERROR 22023'),
	('trend', 'lower bound 0', $$'[0:1]={2,0}'::bigint[]$$, 'NULL', 'ok', 'ok'),
	('trend', 'room for 2,500,000 years', $$pg_temp.forge(array_fill(0::bigint, ARRAY[10000002]), 1, 2)$$, 'NULL', 'ok', 'ok'),
	('trend', 'numeric elements cast to bigint (rounded)', $$'{2.4,0.1}'::numeric[]::bigint[]$$, 'NULL', 'ok', 'ok'),
	('trend', 'a valid negative total', $$'{2,1,2020,0,0,-5}'::bigint[]$$, 'ok', 'ok', 'ok'),

	('report_trend', 'an empty array', $$'{}'::bigint[]$$, 'ERROR 22023', 'ERROR 22023', 'ERROR 22023'),
	('report_trend', 'one element', $$'{3}'::bigint[]$$, 'ERROR 22023', 'ERROR 22023', 'ERROR 22023'),
	('report_trend', 'a NULL element', $$'{3,NULL}'::bigint[]$$, 'ERROR 22023', 'ERROR 22023', 'ERROR 22023'),
	('report_trend', 'two dimensions', $$'{{3,0},{0,0}}'::bigint[]$$, 'ERROR 22023', 'ERROR 22023', 'ERROR 22023'),
	('report_trend', 'the tag of a trend state', $$'{2,0}'::bigint[]$$, 'ERROR 22023', 'ERROR 22023', 'ERROR 22023'),
	('report_trend', 'a negative number of years', $$'{3,-1}'::bigint[]$$, 'ERROR 22023', 'ERROR 22023', 'ERROR 22023'),
	('report_trend', 'a year without its block', $$'{3,1}'::bigint[]$$, 'ERROR 22023', 'ERROR 22023', 'ERROR 22023'),
	('report_trend', 'a short block', $$'{3,1,1,0}'::bigint[]$$, 'ERROR 22023', 'ERROR 22023', 'ERROR 22023'),
	('report_trend', 'a block without a year',
	 $$(SELECT pg_temp.forge(pg_temp.forge(a, 5, 1), 6, 0) FROM pg_temp.st WHERE k = 'rtrend')$$,
	 'ERROR 22023', 'ERROR 22023', 'ERROR 22023'),
	('report_trend', 'two blocks of one year',
	 $$(SELECT a[1:2] || a[3:(cardinality(a) - 2) / 2 + 2] || a[3:(cardinality(a) - 2) / 2 + 2] FROM pg_temp.st WHERE k = 'rtrend')$$,
	 'ERROR 22023', 'ERROR 22023', 'ERROR 22023'),
	('report_trend', 'blocks out of order',
	 $$(SELECT a[1:2] || a[(cardinality(a) - 2) / 2 + 3:] || a[3:(cardinality(a) - 2) / 2 + 2] FROM pg_temp.st WHERE k = 'rtrend')$$,
	 'ERROR 22023', 'ERROR 22023', 'ERROR 22023'),
	('report_trend', 'lower bound 0', $$'[0:1]={3,0}'::bigint[]$$, 'NULL', 'ok', 'ok'),
	('report_trend', 'the two-year state of the fixtures', $$(SELECT a FROM pg_temp.st WHERE k = 'rtrend')$$, 'ok', 'ok', 'ok');

-- how each support function is called with a state (%s)
CREATE TEMP TABLE state_calls (agg text, role text, fn regprocedure, tpl text);
INSERT INTO state_calls VALUES
	('report_sum', 'final', 'govdisclose.report_sum_final(govdisclose.report_sum_state)',
	 'SELECT num_nulls(govdisclose.report_sum_final(%s)) = 0'),
	('report_sum', 'combine', 'govdisclose.report_sum_combine(govdisclose.report_sum_state,govdisclose.report_sum_state)',
	 'SELECT num_nulls(govdisclose.report_sum_combine(%s, (SELECT s FROM pg_temp.st WHERE k = ''sum2021''))) = 0'),
	('report_sum', 'combine', 'govdisclose.report_sum_combine(govdisclose.report_sum_state,govdisclose.report_sum_state)',
	 'SELECT num_nulls(govdisclose.report_sum_combine((SELECT s FROM pg_temp.st WHERE k = ''sum2021''), %s)) = 0'),
	('report_sum', 'accum', 'govdisclose.report_sum_accum(govdisclose.report_sum_state,govdisclose.report)',
	 'SELECT num_nulls(govdisclose.report_sum_accum(%s, pg_temp.rep(''2021'', NULL, NULL))) = 0'),
	('trend', 'final', 'govdisclose.trend_final(bigint[])',
	 'SELECT govdisclose.trend_final(%s)'),
	('trend', 'combine', 'govdisclose.trend_combine(bigint[],bigint[])',
	 'SELECT govdisclose.trend_combine(%s, (SELECT a FROM pg_temp.st WHERE k = ''trend''))'),
	('trend', 'combine', 'govdisclose.trend_combine(bigint[],bigint[])',
	 'SELECT govdisclose.trend_combine((SELECT a FROM pg_temp.st WHERE k = ''trend''), %s)'),
	('trend', 'accum', 'govdisclose.trend_accum(bigint[],integer,numeric)',
	 'SELECT govdisclose.trend_accum(%s, 2021, 3)'),
	('report_trend', 'final', 'govdisclose.report_trend_final(bigint[])',
	 'SELECT md5(govdisclose.report_trend_final(%s)::text)'),
	('report_trend', 'combine', 'govdisclose.report_trend_combine(bigint[],bigint[])',
	 'SELECT govdisclose.report_trend_combine(%s, (SELECT a FROM pg_temp.st WHERE k = ''rtrend''))'),
	('report_trend', 'combine', 'govdisclose.report_trend_combine(bigint[],bigint[])',
	 'SELECT govdisclose.report_trend_combine((SELECT a FROM pg_temp.st WHERE k = ''rtrend''), %s)'),
	('report_trend', 'accum', 'govdisclose.report_trend_accum(bigint[],govdisclose.report)',
	 'SELECT govdisclose.report_trend_accum(%s, pg_temp.rep(''2021'', NULL, NULL))');

INSERT INTO cases (fn, class, input, sql, expected)
SELECT c.fn, 'forged state', format('%s: %s', c.role, s.input), format(c.tpl, s.state),
	   ARRAY[CASE c.role WHEN 'final' THEN s.e_final WHEN 'combine' THEN s.e_combine ELSE s.e_accum END]
FROM named_states s JOIN state_calls c USING (agg);

-- Every element of a full state set to -1, bigint max and bigint min in
-- turn: refused with 22023 (or an overflow, 22003, where it is added), or
-- accepted as a state that could have been made.  Under the final function
-- and the left side of the combine function (which writes into its left
-- state inside an aggregate); the right side and the transition function
-- check states with the same code, so they get bigint max only.
INSERT INTO cases (fn, class, input, sql, expected)
SELECT c.fn, 'forged state', format('%s: element %s of the %s state is %s', c.role, i, k, v),
	   format(c.tpl, CASE WHEN c.agg = 'report_sum' THEN format('pg_temp.sum_forged(%s, %s, %L)', i, v, k)
						  ELSE format('(SELECT pg_temp.forge(a, %s, %s) FROM pg_temp.st WHERE k = %L)', i, v, k) END),
	   CASE WHEN c.role = 'final' AND c.agg <> 'report_trend' THEN '{ok,"ERROR 22023"}'
			ELSE '{ok,"ERROR 22023","ERROR 22003"}' END::text[]
FROM state_calls c
JOIN (SELECT 'report_sum' AS agg, k, cardinality((s).sums) AS len FROM st WHERE k LIKE 'sum%'
	  UNION ALL SELECT k, k, cardinality(a) FROM st WHERE a IS NOT NULL) x
  ON x.agg = replace(c.agg, 'report_trend', 'rtrend'),
	 generate_series(1, x.len) i,
	 (VALUES (-1::bigint), (9223372036854775807), (-9223372036854775808)) y(v)
WHERE NOT (x.k = 'sum2019' AND c.role <> 'final')
  AND (c.role = 'final' OR (c.role = 'combine' AND c.tpl LIKE '%(\%s, %') OR v = 9223372036854775807);

-- Aggregates of our own that reuse the support functions, with a forged
-- INITCOND or forged states as their input.
INSERT INTO cases (fn, class, input, sql, setup, expected) VALUES
	('govdisclose.report_sum_accum(govdisclose.report_sum_state,govdisclose.report)', 'forged state',
	 'an aggregate with INITCOND ("{1,5}",)',
	 $$SELECT num_nulls(public.gd_evil(r)) = 0 FROM (VALUES (pg_temp.rep('2021', NULL, NULL))) v(r)$$,
	 ARRAY[$$CREATE AGGREGATE public.gd_evil(govdisclose.report) (SFUNC = govdisclose.report_sum_accum,
		STYPE = govdisclose.report_sum_state, INITCOND = '("{1,5}",)')$$],
	 '{"ERROR 22023"}'),
	('govdisclose.report_sum_accum(govdisclose.report_sum_state,govdisclose.report)', 'forged state',
	 'an aggregate whose INITCOND is a full state with a forged count',
	 $$SELECT num_nulls(public.gd_evil(r)) = 0 FROM (VALUES (pg_temp.rep('2021', NULL, NULL)), (pg_temp.rep('2021', NULL, NULL))) v(r)$$,
	 ARRAY[format($$CREATE AGGREGATE public.gd_evil(govdisclose.report) (SFUNC = govdisclose.report_sum_accum,
		STYPE = govdisclose.report_sum_state, INITCOND = %L)$$, pg_temp.sum_forged(8, 5)::text)],
	 '{"ERROR 22023"}'),
	('govdisclose.report_sum_combine(govdisclose.report_sum_state,govdisclose.report_sum_state)', 'forged state',
	 'report_sum_combine as the transition function of forged states',
	 $$SELECT num_nulls(public.gd_evil(s)) = 0 FROM (VALUES (pg_temp.sum_forged(2, 0)), (pg_temp.sum_forged(2, 0))) v(s)$$,
	 ARRAY[$$CREATE AGGREGATE public.gd_evil(govdisclose.report_sum_state) (SFUNC = govdisclose.report_sum_combine,
		STYPE = govdisclose.report_sum_state, INITCOND = '("{1,0}",)')$$],
	 '{"ERROR 22023"}'),
	('govdisclose.report_sum_combine(govdisclose.report_sum_state,govdisclose.report_sum_state)', 'forged state',
	 'report_sum_combine as the transition function of valid states: the sum',
	 $$SELECT public.gd_evil(s)::text = (SELECT govdisclose.report_sum_combine(s, s)::text FROM pg_temp.st WHERE k = 'sum2021')
	   FROM (SELECT s FROM pg_temp.st WHERE k = 'sum2021' UNION ALL SELECT s FROM pg_temp.st WHERE k = 'sum2021') v$$,
	 ARRAY[$$CREATE AGGREGATE public.gd_evil(govdisclose.report_sum_state) (SFUNC = govdisclose.report_sum_combine,
		STYPE = govdisclose.report_sum_state, INITCOND = '("{1,0}",)')$$],
	 '{true}'),
	('govdisclose.trend_accum(bigint[],integer,numeric)', 'forged state',
	 'an aggregate with a year out of range in its INITCOND',
	 $$SELECT public.gd_evil(y, v) IS NOT NULL FROM (VALUES (2021, 1)) t(y, v)$$,
	 ARRAY[$$CREATE AGGREGATE public.gd_evil(integer, numeric) (SFUNC = govdisclose.trend_accum,
		STYPE = bigint[], INITCOND = '{2,1,20200,0,0,5}')$$],
	 '{"ERROR 22023"}'),
	-- inside an aggregate the room for more years is only ever overwritten
	('govdisclose.trend_accum(bigint[],integer,numeric)', 'forged state',
	 'an aggregate whose INITCOND has garbage in the room for a year',
	 $$SELECT (govdisclose.trend_final(public.gd_evil(y, v))).years FROM (VALUES (2021, 1)) t(y, v)$$,
	 ARRAY[$$CREATE AGGREGATE public.gd_evil(integer, numeric) (SFUNC = govdisclose.trend_accum,
		STYPE = bigint[], INITCOND = '{2,1,2020,0,0,5,7,7,7,7}')$$],
	 '{2}'),
	('govdisclose.trend_combine(bigint[],bigint[])', 'forged state',
	 'trend_combine as the transition function of forged states',
	 $$SELECT public.gd_evil(a) IS NOT NULL FROM (VALUES ('{2,1,2020,0,0,5}'::bigint[]), ('{2,1,2020,40,0,5}')) v(a)$$,
	 ARRAY[$$CREATE AGGREGATE public.gd_evil(bigint[]) (SFUNC = govdisclose.trend_combine,
		STYPE = bigint[], INITCOND = '{2,0}')$$],
	 '{"ERROR 22023"}'),
	('govdisclose.report_trend_accum(bigint[],govdisclose.report)', 'forged state',
	 'an aggregate with INITCOND {3,1}',
	 $$SELECT num_nulls(public.gd_evil(r)) = 0 FROM (VALUES (pg_temp.rep('2021', NULL, NULL))) v(r)$$,
	 ARRAY[$$CREATE AGGREGATE public.gd_evil(govdisclose.report) (SFUNC = govdisclose.report_trend_accum,
		STYPE = bigint[], INITCOND = '{3,1}')$$],
	 '{"ERROR 22023"}'),
	('govdisclose.report_trend_combine(bigint[],bigint[])', 'forged state',
	 'report_trend_combine as the transition function of forged states',
	 $$SELECT public.gd_evil(a) IS NOT NULL FROM (SELECT a FROM pg_temp.st WHERE k = 'rtrend' UNION ALL SELECT pg_temp.forge(a, 4, -7) FROM pg_temp.st WHERE k = 'rtrend') v$$,
	 ARRAY[$$CREATE AGGREGATE public.gd_evil(bigint[]) (SFUNC = govdisclose.report_trend_combine,
		STYPE = bigint[], INITCOND = '{3,0}')$$],
	 '{"ERROR 22023"}');

-- ---------------------------------------------------------------------------
-- altered type: every composite type of the extension with an attribute
-- added, and with its last attribute renamed, under every call.  A function
-- that uses the type (in its arguments, result or state, at any depth)
-- refuses it with 42804; the others are not affected.  (No function takes
-- record or a polymorphic type: checked at the end.)
-- ---------------------------------------------------------------------------
CREATE TEMP TABLE ext_types AS
	SELECT t.oid::regtype AS t, t.typrelid
	FROM pg_depend d JOIN pg_type t ON t.oid = d.objid
	WHERE d.classid = 'pg_type'::regclass AND d.deptype = 'e' AND t.typtype = 'c'
	  AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'govdisclose');

-- the types a function uses: its signature and aggregate state, at any depth
CREATE TEMP TABLE fn_types AS
	WITH RECURSIVE used(fn, t) AS (
		SELECT f.fn, u.t
		FROM fns f, pg_proc p,
			 unnest(p.proargtypes::oid[] || coalesce(p.proallargtypes, '{}') || p.prorettype
					|| coalesce((SELECT a.aggtranstype FROM pg_aggregate a WHERE a.aggfnoid = p.oid), p.prorettype)) u(t)
		WHERE p.oid = f.fn
		UNION
		SELECT u.fn, x.t
		FROM used u JOIN pg_type ty ON ty.oid = u.t,
			 LATERAL (SELECT ty.typelem AS t WHERE ty.typelem <> 0
					  UNION ALL
					  SELECT a.atttypid FROM pg_attribute a
					  WHERE a.attrelid = ty.typrelid AND ty.typrelid <> 0 AND a.attnum > 0
						AND NOT a.attisdropped) x)
	SELECT DISTINCT fn, t::regtype AS t FROM used;

CREATE TEMP TABLE baseline AS
	SELECT c.name, pg_temp.outcome(format(c.tpl, 'pg_temp.rep(''2021'', NULL, NULL)')) AS outcome
	FROM calls c;

INSERT INTO cases (fn, class, input, sql, setup, expected)
SELECT c.fn, 'altered type', format('%s: %s with %s', c.name, e.t, a.what),
	   format(c.tpl, 'pg_temp.rep(''2021'', NULL, NULL)'),
	   ARRAY[format(a.ddl, e.t,
					(SELECT quote_ident(attname) FROM pg_attribute
					 WHERE attrelid = e.typrelid AND attnum > 0 AND NOT attisdropped
					 ORDER BY attnum DESC LIMIT 1))],
	   CASE WHEN EXISTS (SELECT FROM fn_types u WHERE u.fn = c.fn AND u.t = e.t)
			THEN CASE WHEN a.what = 'an attribute added'
						   AND e.t = (SELECT aggtranstype::regtype FROM pg_aggregate WHERE aggfnoid = c.fn)
					  -- the aggregate's INITCOND no longer reads as its state type
					  THEN '{"ERROR 42804","ERROR 22P02"}'
					  ELSE '{"ERROR 42804"}' END::text[]
			ELSE ARRAY[b.outcome] END
FROM calls c JOIN baseline b USING (name), ext_types e,
	 (VALUES ('an attribute added', 'ALTER TYPE %s ADD ATTRIBUTE zz_added integer'),
			 ('its last attribute renamed', 'ALTER TYPE %s RENAME ATTRIBUTE %s TO zz_renamed')) a(what, ddl);

-- the result type of violations and continuity, changed in place
INSERT INTO cases (fn, class, input, sql, setup, expected)
SELECT c.fn, 'altered type', format('%s: %s', c.name, a.what),
	   format(c.tpl, 'pg_temp.rep(''2021'', NULL, NULL)'), ARRAY[a.ddl], '{"ERROR 42804"}'
FROM calls c,
	 (VALUES ('violation.message of type text[]', 'ALTER TYPE govdisclose.violation ALTER ATTRIBUTE message TYPE text[]'),
			 ('violation.expected of type text', 'ALTER TYPE govdisclose.violation ALTER ATTRIBUTE expected TYPE text'),
			 ('violation.cells dropped', 'ALTER TYPE govdisclose.violation DROP ATTRIBUTE cells')) a(what, ddl)
WHERE c.name IN ('violations', 'continuity previous', 'continuity current');

-- a report type with a dropped attribute and the same one added again at
-- the end is still the layout (dropped attributes are skipped)
INSERT INTO cases (fn, class, input, sql, setup, expected)
SELECT c.fn, 'altered type', format('%s: appeal_outcomes.total dropped and added again', c.name),
	   'SELECT govdisclose.is_consistent(pg_temp.rep(''2021'', NULL, NULL))',
	   '{"ALTER TYPE govdisclose.appeal_outcomes DROP ATTRIBUTE total","ALTER TYPE govdisclose.appeal_outcomes ADD ATTRIBUTE total bigint"}',
	   '{true}'
FROM calls c WHERE c.name = 'is_consistent';

-- ---------------------------------------------------------------------------
-- type confusion: other composites where a report is expected are refused
-- by PostgreSQL before any C code runs.
-- ---------------------------------------------------------------------------
INSERT INTO cases (fn, class, input, sql, expected) VALUES
	('govdisclose.is_consistent(govdisclose.report)', 'type confusion', 'an anonymous record',
	 $$SELECT govdisclose.is_consistent(ROW('2021', 'x', 2020))$$, '{"ERROR 42846"}'),
	('govdisclose.is_consistent(govdisclose.report)', 'type confusion', 'a record literal with too few columns',
	 $$SELECT govdisclose.is_consistent('(2021)'::govdisclose.report)$$, '{"ERROR 22P02"}'),
	('govdisclose.is_consistent(govdisclose.report)', 'type confusion', 'a record cast to report',
	 $$SELECT govdisclose.is_consistent(ROW('2021')::govdisclose.report)$$, '{"ERROR 42846"}'),
	('govdisclose.check_report(govdisclose.report)', 'type confusion', 'the indicators of a report',
	 $$SELECT govdisclose.check_report(govdisclose.indicators(pg_temp.rep('2021', NULL, NULL)))$$, '{"ERROR 42883"}'),
	('govdisclose.render_report(govdisclose.report,text)', 'type confusion', 'a report_sum state',
	 $$SELECT govdisclose.render_report('("{1,0}",)'::govdisclose.report_sum_state)$$, '{"ERROR 42883"}'),
	('govdisclose.report_sum_final(govdisclose.report_sum_state)', 'type confusion', 'a three-column record',
	 $$SELECT govdisclose.report_sum_final(ROW('{1,0}'::bigint[], NULL::text, 1))$$, '{"ERROR 42846"}'),
	('govdisclose.report_sum_final(govdisclose.report_sum_state)', 'type confusion', 'a report',
	 $$SELECT govdisclose.report_sum_final(pg_temp.rep('2021', NULL, NULL))$$, '{"ERROR 42883"}'),
	('govdisclose.trend_final(bigint[])', 'type confusion', 'a numeric array',
	 $$SELECT govdisclose.trend_final('{2,0}'::numeric[])$$, '{"ERROR 42883"}'),
	('govdisclose.trend_final(bigint[])', 'type confusion', 'an integer array (cast to bigint[])',
	 $$SELECT govdisclose.trend_final('{2,0}'::integer[])$$, '{"NULL"}'),
	('govdisclose.report_trend_final(bigint[])', 'type confusion', 'a text array',
	 $$SELECT govdisclose.report_trend_final('{3,0}'::text[])$$, '{"ERROR 42883"}'),
	('govdisclose.continuity(govdisclose.report,govdisclose.report)', 'type confusion', 'a report and a violation',
	 $$SELECT count(*) FROM govdisclose.continuity(pg_temp.rep('2021', NULL, NULL), NULL::govdisclose.violation)$$, '{"ERROR 42883"}'),
	('govdisclose.report_sum(govdisclose.report)', 'type confusion', 'the sum of report_sum states',
	 $$SELECT govdisclose.report_sum(s) FROM pg_temp.st$$, '{"ERROR 42883"}');

-- ---------------------------------------------------------------------------
-- hostile JSON for report_from_jsonb
-- ---------------------------------------------------------------------------
INSERT INTO cases (fn, class, input, sql, expected)
SELECT 'govdisclose.report_from_jsonb(jsonb)', 'hostile JSON', input,
	   format('SELECT md5(govdisclose.report_from_jsonb(%s)::text)', j), ARRAY[e]
FROM (VALUES
	('an array', $$'[]'$$, 'ERROR 22P02'),
	('a number', $$'1'$$, 'ERROR 22P02'),
	('a string', $$'"{}"'$$, 'ERROR 22P02'),
	('JSON null', $$'null'$$, 'ERROR 22P02'),
	('an empty object', $$'{}'$$, 'ok'),
	('an unknown key', $$'{"nope": 1}'$$, 'ERROR 22P02'),
	('an unknown nested key', $$'{"requests": {"granted": {"nope": 1}}}'$$, 'ERROR 22P02'),
	('a key of 100,000 characters', $$jsonb_build_object(repeat('键', 100000), 1)$$, 'ERROR 22P02'),
	('a nested key of 100,000 characters', $$jsonb_build_object('requests', jsonb_build_object(repeat('k', 100000), 1))$$, 'ERROR 22P02'),
	('a string for a count', $$'{"requests": {"granted": {"total": "7"}}}'$$, 'ERROR 22P02'),
	('a boolean for a count', $$'{"requests": {"granted": {"total": true}}}'$$, 'ERROR 22P02'),
	('an array for a count', $$'{"requests": {"granted": {"total": [7]}}}'$$, 'ERROR 22P02'),
	('an object for a count', $$'{"requests": {"granted": {"total": {"v": 7}}}}'$$, 'ERROR 22P02'),
	('a fraction for a count', $$'{"requests": {"granted": {"total": 7.5}}}'$$, 'ERROR 22P02'),
	('7.0 for a count', $$'{"requests": {"granted": {"total": 7.0}}}'$$, 'ok'),
	('-0 for a count', $$'{"requests": {"granted": {"total": -0}}}'$$, 'ok'),
	('bigint max for a count', $$'{"requests": {"granted": {"total": 9223372036854775807}}}'$$, 'ok'),
	('bigint max + 1 for a count', $$'{"requests": {"granted": {"total": 9223372036854775808}}}'$$, 'ERROR 22003'),
	('bigint min - 1 for a count', $$'{"requests": {"granted": {"total": -9223372036854775809}}}'$$, 'ERROR 22003'),
	('1e19 for a count', $$'{"requests": {"granted": {"total": 1e19}}}'$$, 'ERROR 22003'),
	('1e100000 for a count', $$('{"requests": {"granted": {"total": 1' || repeat('0', 100000) || '}}}')::jsonb$$, 'ERROR 22003'),
	('1e-16000 for a count', $$('{"requests": {"granted": {"total": 0.' || repeat('0', 15999) || '1}}}')::jsonb$$, 'ERROR 22P02'),
	('integer max + 1 for the year', $$'{"year": 2147483648}'$$, 'ERROR 22003'),
	('a fraction for the year', $$'{"year": 2020.5}'$$, 'ERROR 22P02'),
	('a string for an amount', $$'{"processing_fee_yuan": "NaN"}'$$, 'ERROR 22P02'),
	('1e-1000 for an amount', $$'{"processing_fee_yuan": 1e-1000}'$$, 'ok'),
	('a number for a text', $$'{"agency": 5}'$$, 'ERROR 22P02'),
	('an object for a text', $$'{"agency": {"name": "x"}}'$$, 'ERROR 22P02'),
	('an array for a section', $$'{"requests": []}'$$, 'ERROR 22P02'),
	('a string for a section', $$'{"requests": "none"}'$$, 'ERROR 22P02'),
	('a number for a row', $$'{"requests": {"granted": 7}}'$$, 'ERROR 22P02'),
	('null for a section', $$'{"requests": null}'$$, 'ok'),
	('a key twice (the last one counts)', $$'{"year": "x", "year": 2020}'$$, 'ok'),
	('arrays nested 10,000 deep at a section', $$('{"requests": ' || repeat('[', 10000) || repeat(']', 10000) || '}')::jsonb$$, 'ERROR 22P02'),
	('objects nested 10,000 deep at a text', $$('{"overview": ' || repeat('{"a": ', 10000) || '1' || repeat('}', 10000) || '}')::jsonb$$, 'ERROR 22P02'),
	('objects nested 10,000 deep at a count', $$('{"requests": {"granted": {"total": ' || repeat('{"a": ', 10000) || '1' || repeat('}', 10000) || '}}}')::jsonb$$, 'ERROR 22P02'),
	('objects nested 10,000 deep under an unknown key', $$('{"zz": ' || repeat('{"a": ', 10000) || '1' || repeat('}', 10000) || '}')::jsonb$$, 'ERROR 22P02'),
	('200,000 unknown keys', $$(SELECT jsonb_object_agg('k' || i, i) FROM generate_series(1, 200000) i)$$, 'ERROR 22P02'),
	('an array of a million elements at a count', $$jsonb_build_object('requests', jsonb_build_object('granted', jsonb_build_object('total', (SELECT jsonb_agg(i) FROM generate_series(1, 1000000) i))))$$, 'ERROR 22P02'),
	('a text of 10 MB', $$jsonb_build_object('overview', repeat('总体情况。', 700000))$$, 'ok')
) x(input, j, e);

-- beyond what jsonb input reads: refused before the function
INSERT INTO cases (fn, class, input, sql, expected) VALUES
	('govdisclose.report_from_jsonb(jsonb)', 'hostile JSON', 'objects nested 1,000,000 deep',
	 $$SELECT num_nulls(govdisclose.report_from_jsonb(('{"overview": ' || repeat('{"a": ', 1000000) || '1' || repeat('}', 1000000) || '}')::jsonb)) = 0$$,
	 '{"ERROR 54001"}'),
	('govdisclose.report_from_jsonb(jsonb)', 'hostile JSON', '1e-100000: beyond what numeric holds',
	 $$SELECT num_nulls(govdisclose.report_from_jsonb(('{"requests": {"granted": {"total": 0.' || repeat('0', 99999) || '1}}}')::jsonb)) = 0$$,
	 '{"ERROR 22003"}'),
	('govdisclose.report_from_jsonb(jsonb)', 'hostile JSON', 'a NUL character in a string',
	 $$SELECT num_nulls(govdisclose.report_from_jsonb('{"agency": "a\u0000b"}')) = 0$$, '{"ERROR 22P05"}');

-- ---------------------------------------------------------------------------
-- hostile text for parse_report and parse_notes
-- ---------------------------------------------------------------------------
INSERT INTO texts VALUES
	('empty', ''),
	('spaces', repeat(E' \t\r\n', 1000)),
	('control characters', (SELECT string_agg(chr(c), '') FROM generate_series(1, 31) c)),
	('a million empty lines', repeat(E'\n', 1000000)),
	('a line of 4 MB', repeat('表', 1400000)),
	('headings only', '一、总体情况' || E'\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况\n六、其他需要报告的事项\n'),
	('the fixture with every line repeated 1,000 times',
	 (SELECT string_agg(repeat(l || E'\n', 1000), '') FROM regexp_split_to_table(:'txt21', E'\n') l)),
	('table rows without labels', repeat(E'| 1 | 2 | 3 | 4 | 5 | 6 | 7 |\n', 100000)),
	('digits only', repeat('1234567890', 400000)),
	('a title and 50,000 headings', '某局2022年政府信息公开工作年度报告' || repeat(E'\n一、总体情况\n三、收到和处理政府信息公开申请情况', 50000));

INSERT INTO cases (fn, class, input, sql, expected)
SELECT c.fn, 'hostile text', format('%s: %s', c.name, t.k),
	   replace(c.tpl, '''fixture''', quote_literal(t.k)),
	   CASE WHEN t.k IN ('empty', 'spaces', 'control characters', 'a million empty lines',
						 'a line of 4 MB', 'table rows without labels', 'digits only')
			THEN '{"ERROR 22P02"}' ELSE '{ok}' END::text[]
FROM calls c, texts t
WHERE c.name IN ('parse_report', 'parse_notes') AND t.k <> 'fixture';

-- render_report's style argument
INSERT INTO cases (fn, class, input, sql, expected)
SELECT 'govdisclose.render_report(govdisclose.report,text)', 'hostile value', format('style %s', s),
	   format('SELECT length(govdisclose.render_report(pg_temp.rep(''2021'', NULL, NULL), %s)) > 0', s), ARRAY[e]
FROM (VALUES ($$''$$, 'ERROR 22023'), ($$'pdf'$$, 'ERROR 22023'), ($$'HTML'$$, 'true'),
			 ($$' html'$$, 'ERROR 22023'), ($$repeat('样', 100000)$$, 'ERROR 22023'),
			 ($$E'html\n'$$, 'ERROR 22023')) x(s, e);

-- ---------------------------------------------------------------------------
-- huge input: 100 MB inputs, in a second session (dblink) so that its peak
-- memory can be measured on its own (Linux: /proc/self/status VmHWM, reset
-- through /proc/self/clear_refs), and so that it can be cancelled.
-- For each input: the outcome; the peak memory of that backend above where
-- it started, at most 3 x (input + result) + 64 MB; and for some, the same
-- call repeated 1,000 times under statement_timeout = 500 ms, and cancelled
-- with pg_cancel_backend 0.5 s after it started: SQLSTATE 57014 within
-- 2 s + the time of one call.
-- ---------------------------------------------------------------------------
\set pgpass ''
\getenv pgpass PGPASSWORD
CREATE TEMP TABLE huge_cases (
	n serial PRIMARY KEY,
	fn regprocedure NOT NULL,
	input text NOT NULL,
	k text NOT NULL,			-- the row of the remote table big
	call text NOT NULL,			-- an expression over b (a row of big)
	expected text[] NOT NULL,
	interrupt boolean NOT NULL DEFAULT false,
	need_mb int NOT NULL DEFAULT 0,	-- memory the machine must have free to try it
	outcome text, input_bytes bigint, output_bytes bigint, growth_kb bigint, seconds float8,
	timeout_outcome text, timeout_seconds float8, cancel_outcome text, cancel_seconds float8
);
INSERT INTO huge_cases (fn, input, k, call, expected, interrupt, need_mb) VALUES
	('govdisclose.parse_report(text)', 'a rendered report with a 100 MB overview', 'rendered',
	 'govdisclose.parse_report(b.t)', '{ok}', true, 0),
	('govdisclose.parse_notes(text)', 'a rendered report with a 100 MB overview', 'rendered',
	 '(SELECT count(*) FROM govdisclose.parse_notes(b.t))', '{ok}', false, 0),
	('govdisclose.parse_report(text)', '100 MB of text that is not a report', 'junk',
	 'govdisclose.parse_report(b.t)', '{"ERROR 22P02"}', false, 0),
	('govdisclose.parse_report(text)', '100 MB of section headings', 'headings',
	 'govdisclose.parse_report(b.t)', '{ok}', false, 0),
	('govdisclose.report_from_jsonb(jsonb)', 'a report with a 100 MB overview', 'json',
	 'govdisclose.report_from_jsonb(b.j)', '{ok}', true, 0),
	('govdisclose.report_from_jsonb(jsonb)', 'a 100 MB string under an unknown key', 'json unknown',
	 'govdisclose.report_from_jsonb(b.j)', '{"ERROR 22P02"}', false, 0),
	('govdisclose.report_from_jsonb(jsonb)', 'a 100 MB string for a count', 'json count',
	 'govdisclose.report_from_jsonb(b.j)', '{"ERROR 22P02"}', false, 0),
	('govdisclose.render_report(govdisclose.report,text)', 'markdown of a report with a 100 MB overview', 'report',
	 'govdisclose.render_report(b.r, ''markdown'')', '{ok}', false, 0),
	('govdisclose.render_report(govdisclose.report,text)', 'html of a report with a 100 MB overview', 'report',
	 'govdisclose.render_report(b.r, ''html'')', '{ok}', true, 0),
	('govdisclose.render_report(govdisclose.report,text)', 'text of a report with a 100 MB overview', 'report',
	 'govdisclose.render_report(b.r, ''text'')', '{ok}', false, 0),
	('govdisclose.render_report(govdisclose.report,text)', 'html of 100 MB of & (500 MB escaped)', 'ampersands',
	 'govdisclose.render_report(b.r, ''html'')', '{ok}', false, 0),
	('govdisclose.render_report(govdisclose.report,text)', 'html of 220 MB of & (over 1 GB escaped)', 'ampersands 220',
	 'govdisclose.render_report(b.r, ''html'')', '{"ERROR 54000"}', false, 3072),
	('govdisclose.check_report(govdisclose.report)', 'a report with a 100 MB overview', 'report',
	 'govdisclose.check_report(b.r)', '{true}', false, 0),
	('govdisclose.is_consistent(govdisclose.report)', 'a report with a 100 MB overview', 'report',
	 'govdisclose.is_consistent(b.r)', '{true}', false, 0),
	('govdisclose.violations(govdisclose.report)', 'a report with a 100 MB overview', 'report',
	 '(SELECT count(*) FROM govdisclose.violations(b.r))', '{0}', false, 0),
	('govdisclose.report_sum(govdisclose.report)', 'a report with a 100 MB overview', 'report',
	 '(SELECT govdisclose.report_sum(x) FROM (VALUES (b.r), (b.r)) v(x))', '{ok}', true, 0),
	('govdisclose.indicators(govdisclose.report)', 'a report with a 100 MB overview', 'report',
	 'govdisclose.indicators(b.r)', '{ok}', false, 0),
	('govdisclose.continuity(govdisclose.report,govdisclose.report)', 'a report with a 100 MB overview', 'report',
	 '(SELECT count(*) FROM govdisclose.continuity(b.r, b.r))', '{4}', false, 0);

-- the inputs, built in the remote session
CREATE FUNCTION pg_temp.huge_build() RETURNS text LANGUAGE sql AS $$
	SELECT format($b$
		CREATE TEMP TABLE big (k text PRIMARY KEY, t text, j jsonb, r govdisclose.report, bytes bigint);
		INSERT INTO big (k, j) VALUES ('json', jsonb_set(%1$L::jsonb, '{overview}',
			to_jsonb(repeat(E'本机关认真贯彻《中华人民共和国政府信息公开条例》，全年主动公开政府信息。\n', 1000000))));
		UPDATE big SET r = govdisclose.report_from_jsonb(j), bytes = octet_length(j::text);
		INSERT INTO big (k, r, bytes) SELECT 'report', r, bytes FROM big WHERE k = 'json';
		INSERT INTO big (k, t) SELECT 'rendered', govdisclose.render_report(r, 'text') FROM big WHERE k = 'report';
		INSERT INTO big (k, t) VALUES
			('junk', repeat(E'No report here, only words and 12345 numbers.\n', 2200000)),
			('headings', repeat(E'一、总体情况\n三、收到和处理政府信息公开申请情况\n', 1400000));
		UPDATE big SET bytes = octet_length(t) WHERE t IS NOT NULL;
		INSERT INTO big (k, j) VALUES
			('json unknown', jsonb_build_object('zz', repeat('x', 100000000))),
			('json count', jsonb_build_object('requests', jsonb_build_object('granted',
				jsonb_build_object('total', repeat('7', 100000000)))));
		UPDATE big SET bytes = 100000000 WHERE k LIKE 'json %%';
		INSERT INTO big (k, r, bytes) VALUES
			('ampersands', govdisclose.report_from_jsonb(jsonb_set(%1$L::jsonb, '{overview}', to_jsonb(repeat('&', 100000000)))), 100000000),
			('ampersands 220', govdisclose.report_from_jsonb(jsonb_set(%1$L::jsonb, '{overview}', to_jsonb(repeat('&', 220000000)))), 220000000);
		$b$, (SELECT j FROM pg_temp.fixture WHERE format = '2021'))
$$;

-- a remote query returning one value, as pg_temp.outcome does
CREATE FUNCTION pg_temp.remote(sql text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	res text;
BEGIN
	SELECT v INTO res FROM dblink('gd_hostile', sql) AS t(v text);
	RETURN coalesce(res, 'NULL');
EXCEPTION WHEN query_canceled OR OTHERS THEN
	RETURN 'ERROR ' || SQLSTATE;
END
$$;

CREATE FUNCTION pg_temp.remote_kb(field text) RETURNS bigint LANGUAGE sql AS $$
	SELECT substring(pg_temp.remote('SELECT pg_read_file(''/proc/self/status'')') FROM field || ':\s*(\d+)')::bigint
$$;

CREATE FUNCTION pg_temp.huge_run() RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	c record;
	pid int;
	t0 timestamptz;
	base bigint;
	res text;
	memory boolean;
	one text;
	many text;
	free_mb bigint;
BEGIN
	free_mb := substring(pg_read_file('/proc/meminfo') FROM 'MemAvailable:\s*(\d+)')::bigint / 1024;
	BEGIN
		PERFORM dblink_connect('gd_hostile', format('host=%s port=%s dbname=%s user=%s%s',
			split_part(current_setting('unix_socket_directories'), ',', 1),
			current_setting('port'), current_database(), current_user,
			CASE WHEN current_setting('gd.pgpass', true) <> ''
				 THEN ' password=' || current_setting('gd.pgpass', true) ELSE '' END));
	EXCEPTION WHEN OTHERS THEN
		RETURN 'no connection: ' || SQLERRM;
	END;
	pid := pg_temp.remote('SELECT pg_backend_pid()')::int;
	PERFORM dblink_exec('gd_hostile', 'SET client_min_messages = error');
	PERFORM dblink_exec('gd_hostile', pg_temp.huge_build());
	memory := pg_temp.remote(format('COPY (SELECT 5) TO %L', '/proc/' || pid || '/clear_refs')) NOT LIKE 'ERROR%'
		AND pg_temp.remote_kb('VmHWM') IS NOT NULL;
	FOR c IN SELECT * FROM pg_temp.huge_cases ORDER BY n LOOP
		IF c.need_mb > coalesce(free_mb, 0) THEN
			UPDATE pg_temp.huge_cases SET outcome = format('skipped: %s MB available, %s MB needed', free_mb, c.need_mb)
			WHERE n = c.n;
			CONTINUE;
		END IF;
		-- the result's size, and the result itself when it is small
		one := format('SELECT pg_column_size(x) || '' '' || CASE WHEN pg_column_size(x) <= 200 THEN x::text ELSE ''(large)'' END '
					  'FROM (SELECT %s AS x FROM big b WHERE b.k = %L OFFSET 0) s', c.call, c.k);
		many := format('SELECT sum(pg_column_size(%s)) FROM big b, generate_series(1, 1000) g WHERE b.k = %L',
					   c.call, c.k);
		-- one call: outcome, time, memory
		IF memory THEN
			PERFORM pg_temp.remote(format('COPY (SELECT 5) TO %L', '/proc/' || pid || '/clear_refs'));
			base := pg_temp.remote_kb('VmHWM');
		END IF;
		t0 := clock_timestamp();
		res := pg_temp.remote(one);
		UPDATE pg_temp.huge_cases SET
			outcome = CASE WHEN res LIKE 'ERROR%' THEN res ELSE substr(res, strpos(res, ' ') + 1) END,
			seconds = extract(epoch FROM clock_timestamp() - t0),
			output_bytes = CASE WHEN res NOT LIKE 'ERROR%' THEN split_part(res, ' ', 1)::bigint END,
			input_bytes = pg_temp.remote(format('SELECT bytes FROM big WHERE k = %L', c.k))::bigint,
			growth_kb = CASE WHEN memory THEN pg_temp.remote_kb('VmHWM') - base END
		WHERE n = c.n;
		CONTINUE WHEN NOT c.interrupt;

		-- statement_timeout
		PERFORM dblink_exec('gd_hostile', 'SET statement_timeout = ''500ms''');
		t0 := clock_timestamp();
		res := pg_temp.remote(many);
		UPDATE pg_temp.huge_cases SET timeout_outcome = res,
			timeout_seconds = extract(epoch FROM clock_timestamp() - t0) WHERE n = c.n;
		PERFORM dblink_exec('gd_hostile', 'SET statement_timeout = 0');

		-- pg_cancel_backend
		PERFORM dblink_send_query('gd_hostile', many);
		PERFORM pg_sleep(0.5);
		t0 := clock_timestamp();
		PERFORM pg_cancel_backend(pid);
		BEGIN
			SELECT v INTO res FROM dblink_get_result('gd_hostile') AS t(v text);
			res := coalesce(res, 'NULL');
		EXCEPTION WHEN query_canceled OR OTHERS THEN
			res := 'ERROR ' || SQLSTATE;
		END;
		UPDATE pg_temp.huge_cases SET cancel_outcome = res,
			cancel_seconds = extract(epoch FROM clock_timestamp() - t0) WHERE n = c.n;
		BEGIN
			PERFORM * FROM dblink_get_result('gd_hostile') AS t(v text);
		EXCEPTION WHEN query_canceled OR OTHERS THEN
			NULL;
		END;
	END LOOP;
	PERFORM dblink_disconnect('gd_hostile');
	RETURN CASE WHEN memory THEN 'ok' ELSE 'ok, memory not measured' END;
END
$$;

SELECT set_config('gd.pgpass', :'pgpass', true) AS ignored \gset
SELECT count(*) > 0 AS have_dblink
FROM pg_available_extensions WHERE name = 'dblink' \gset
\if :have_dblink
CREATE EXTENSION IF NOT EXISTS dblink;
SELECT pg_temp.huge_run() AS huge_status \gset
\else
\set huge_status 'dblink is not installed'
\endif

-- ---------------------------------------------------------------------------
-- Run the table, one test per input.
-- ---------------------------------------------------------------------------
UPDATE cases SET outcome = pg_temp.outcome(sql, setup);

SELECT CASE WHEN pg_temp.meets(outcome, expected)
			THEN pass(format('%s · %s · %s', fn, class, input))
			ELSE fail(format('%s · %s · %s', fn, class, input)) || E'\n' ||
				 diag(format(E'    have: %s\n    want: %s\n    sql: %s', outcome,
							 array_to_string(expected, ' or '), left(sql, 400)))
	   END
FROM cases ORDER BY n;

-- a NULL node never gives an error but check_report's refusal of blank cells
SELECT is((SELECT count(*) FROM cases
		   WHERE class = 'NULL node' AND outcome LIKE 'ERROR%'
			 AND NOT (fn = 'govdisclose.check_report(govdisclose.report)'::regprocedure AND outcome = 'ERROR 23514')),
		  0::bigint, 'no NULL node gives an error other than check_report''s 23514');

-- the huge inputs
\if :have_dblink
SELECT is(:'huge_status' LIKE 'ok%', true, 'huge inputs: a second session through dblink (' || :'huge_status' || ')');
SELECT CASE WHEN outcome LIKE 'skipped%' THEN skip(format('%s · huge input · %s: %s', fn, input, outcome), 2)
			WHEN pg_temp.meets(outcome, expected)
			THEN pass(format('%s · huge input · %s: %s in %s s', fn, input, left(outcome, 40), round(seconds::numeric, 2)))
			ELSE fail(format('%s · huge input · %s', fn, input)) || E'\n' ||
				 diag(format(E'    have: %s\n    want: %s', outcome, array_to_string(expected, ' or ')))
	   END
FROM huge_cases ORDER BY n;
-- an output refused for its size (54000) may have been built up to 1 GB.
-- Under AddressSanitizer (make check-sanitize starts its server with
-- gd_tests.sanitizer = 'address') a backend also holds shadow memory, an
-- eighth of what it allocates, and up to 256 MB of freed blocks in
-- quarantine: the bound grows by that much.
SELECT coalesce(current_setting('gd_tests.sanitizer', true), '') = 'address' AS asan \gset
SELECT CASE WHEN outcome LIKE 'skipped%' THEN NULL
			WHEN growth_kb IS NULL THEN skip('memory not measured: ' || :'huge_status', 1)
			WHEN growth_kb * 1024 <= (3 * (input_bytes + coalesce(output_bytes, 0)) + 64 * 1024 * 1024) *
					 CASE WHEN :'asan' THEN 1.125 ELSE 1 END +
					 CASE WHEN :'asan' THEN 256 * 1024 * 1024 ELSE 0 END
				 OR (outcome = 'ERROR 54000' AND
					 growth_kb * 1024 <= (input_bytes + 1073741824 + 64 * 1024 * 1024) *
					 CASE WHEN :'asan' THEN 1.125 ELSE 1 END +
					 CASE WHEN :'asan' THEN 256 * 1024 * 1024 ELSE 0 END)
			THEN pass(format('%s · huge input · %s: peak memory %s MB for %s MB in, %s MB out', fn, input,
							 growth_kb / 1024, input_bytes / 1048576, coalesce(output_bytes, 0) / 1048576))
			ELSE fail(format('%s · huge input · %s: peak memory', fn, input)) || E'\n' ||
				 diag(format('    %s MB above the start, for %s MB in and %s MB out', growth_kb / 1024,
							 input_bytes / 1048576, coalesce(output_bytes, 0) / 1048576))
	   END
FROM huge_cases ORDER BY n;
SELECT CASE WHEN timeout_outcome = 'ERROR 57014' AND timeout_seconds <= 0.5 + seconds + 2
			THEN pass(format('%s · huge input · %s: statement_timeout 500 ms honoured after %s s', fn, input,
							 round(timeout_seconds::numeric, 2)))
			ELSE fail(format('%s · huge input · %s: statement_timeout', fn, input)) || E'\n' ||
				 diag(format('    have %s after %s s; want 57014 within %s s', timeout_outcome,
							 round(timeout_seconds::numeric, 2), round((0.5 + seconds + 2)::numeric, 2)))
	   END
FROM huge_cases WHERE interrupt ORDER BY n;
SELECT CASE WHEN cancel_outcome = 'ERROR 57014' AND cancel_seconds <= seconds + 2
			THEN pass(format('%s · huge input · %s: pg_cancel_backend honoured after %s s', fn, input,
							 round(cancel_seconds::numeric, 2)))
			ELSE fail(format('%s · huge input · %s: pg_cancel_backend', fn, input)) || E'\n' ||
				 diag(format('    have %s after %s s; want 57014 within %s s', cancel_outcome,
							 round(cancel_seconds::numeric, 2), round((seconds + 2)::numeric, 2)))
	   END
FROM huge_cases WHERE interrupt ORDER BY n;
\else
SELECT skip('huge inputs need dblink: ' || :'huge_status', 1);
\endif

-- ---------------------------------------------------------------------------
-- Coverage: every function of the extension is in the table, with the
-- classes its signature calls for.
-- ---------------------------------------------------------------------------
CREATE TEMP VIEW required_classes AS
	SELECT f.fn, c.class
	FROM fns f, LATERAL (
		SELECT 'NULL argument' AS class WHERE cardinality(f.args) > 0
		UNION ALL SELECT 'no argument' WHERE cardinality(f.args) = 0
		UNION ALL SELECT 'altered type'
		UNION ALL SELECT 'NULL node' WHERE 'govdisclose.report'::regtype = ANY (f.args)
		UNION ALL SELECT 'hostile value' WHERE 'govdisclose.report'::regtype = ANY (f.args)
		UNION ALL SELECT 'type confusion' WHERE f.name IN ('is_consistent', 'check_report', 'render_report',
														  'report_sum_final', 'trend_final', 'report_trend_final',
														  'continuity', 'report_sum')
		UNION ALL SELECT 'forged state' WHERE f.args && ARRAY['govdisclose.report_sum_state'::regtype, 'bigint[]'::regtype]::oid[]
		UNION ALL SELECT 'overflow' WHERE f.name ~ '^(report_sum|report_trend|trend)(_combine)?$' OR f.name = 'indicators'
		UNION ALL SELECT 'hostile JSON' WHERE 'jsonb'::regtype = ANY (f.args)
		UNION ALL SELECT 'hostile text' WHERE f.name IN ('parse_report', 'parse_notes')
	) c;

SELECT is_empty($$
	SELECT format('%s has no %s case', r.fn, r.class) FROM required_classes r
	WHERE NOT EXISTS (SELECT FROM cases c WHERE c.fn = r.fn AND c.class = r.class)
	ORDER BY 1$$,
	'every function of the extension has a case of each class its signature calls for');

SELECT is_empty($$
	SELECT f.fn::text FROM fns f WHERE NOT EXISTS (SELECT FROM calls c WHERE c.fn = f.fn)$$,
	'every function of the extension has a call in the table of calls');

SELECT is_empty($$
	SELECT f.fn::text FROM fns f
	WHERE EXISTS (SELECT FROM unnest(f.args) a JOIN pg_type t ON t.oid = a WHERE t.typtype = 'p')$$,
	'no function takes record or a polymorphic type (would need cases of its own)');

SELECT is_empty($$
	SELECT f.fn::text FROM fns f
	WHERE ('text'::regtype = ANY (f.args) OR 'jsonb'::regtype = ANY (f.args)
		   OR 'govdisclose.report'::regtype = ANY (f.args))
	  AND f.name NOT IN ('is_consistent', 'report_trend_accum', 'report_trend', 'report_sum_accum')
	  AND NOT EXISTS (SELECT FROM huge_cases h WHERE h.fn = f.fn)$$,
	'every function reading text, JSON or a report has a huge input (or is listed as sharing one)');

SELECT diag(format('%s inputs tried (%s), %s huge inputs', (SELECT count(*) FROM cases),
	(SELECT string_agg(format('%s %s', n, class), ', ' ORDER BY n DESC)
	 FROM (SELECT class, count(*) AS n FROM cases GROUP BY class) x),
	(SELECT count(*) FROM huge_cases)));

-- no crash: still the server that started this file
SELECT is(pg_postmaster_start_time(), :'started_at'::timestamptz,
		  'the server did not restart (no backend crashed)');

SELECT * FROM finish();
ROLLBACK;
