--
-- report_sum(report): reports added cell by cell
--
SET client_min_messages = warning;
\set ECHO none
\i tests/gen_reports.sql
\set ECHO all
RESET client_min_messages;

-- Three small 2021 reports written by hand (invented figures); most cells blank.
CREATE TABLE small (id int, r govdisclose.report);
INSERT INTO small VALUES
(1, govdisclose.report_from_jsonb('{"format": "2021", "agency": "甲市公安局", "year": 2022,
	"overview": "总体情况。",
	"requests": {"new_received": {"natural_person": 7, "total": 10},
				 "granted": {"total": 4}},
	"proactive": {"fees": {"amount_10k_yuan": 1.25}},
	"processing_fee_yuan": 30}')),
(2, govdisclose.report_from_jsonb('{"format": "2021", "agency": "甲市公安局", "year": 2022,
	"requests": {"new_received": {"natural_person": 3, "total": 5},
				 "carried_over": {"total": 2}},
	"proactive": {"fees": {"amount_10k_yuan": 0.5}}}')),
(3, NULL),
(4, govdisclose.report_from_jsonb('{"format": "2021", "agency": "甲市公安局", "year": 2022,
	"requests": {"new_received": {"total": 1}},
	"proactive": {"fees": {"amount_10k_yuan": 2.125}},
	"processing_fee_yuan": 0.5,
	"problems": "存在的问题。"}'));

-- A cell is the sum of the reports that filled it, NULL when none did.
SELECT (s).format, (s).agency, (s).year, (s).overview, (s).problems,
	   (s).requests.new_received.natural_person AS nr_natural,
	   (s).requests.new_received.total AS nr_total,
	   (s).requests.carried_over.total AS co_total,
	   (s).requests.granted.total AS granted,
	   (s).requests.denied.state_secret.total AS denied_secret,
	   (s).proactive.fees.amount_10k_yuan AS fees,
	   (s).processing_fee_yuan AS fee_yuan
FROM (SELECT govdisclose.report_sum(r) s FROM small) x;

-- agency and year survive only where every report agrees; a NULL report is skipped
SELECT (s).agency, (s).year
FROM (SELECT govdisclose.report_sum(r) s FROM (
	SELECT r FROM small WHERE id = 1
	UNION ALL SELECT govdisclose.report_from_jsonb('{"format": "2021", "agency": "乙县人民政府", "year": 2022}')
	UNION ALL SELECT NULL) y) x;
SELECT (s).agency, (s).year
FROM (SELECT govdisclose.report_sum(r) s FROM (
	SELECT r FROM small WHERE id = 1
	UNION ALL SELECT govdisclose.report_from_jsonb('{"format": "2021", "agency": "甲市公安局", "year": 2023}')) y) x;
-- a blank agency or year is not agreement with a filled one
SELECT (s).agency, (s).year
FROM (SELECT govdisclose.report_sum(r) s FROM (
	SELECT r FROM small WHERE id = 1
	UNION ALL SELECT govdisclose.report_from_jsonb('{"format": "2021"}')) y) x;
SELECT (s).agency IS NULL AS agency_null, (s).year IS NULL AS year_null
FROM (SELECT govdisclose.report_sum(govdisclose.report_from_jsonb('{"format": "2021"}')) s) x;

-- the same agency twice in one year is added like any two reports
SELECT (s).agency, (s).year, (s).requests.new_received.total
FROM (SELECT govdisclose.report_sum(r) s FROM (
	SELECT r FROM small WHERE id = 1 UNION ALL SELECT r FROM small WHERE id = 1) y) x;

-- no rows, or only NULL reports: NULL, as sum()
SELECT govdisclose.report_sum(r) IS NULL AS empty FROM small WHERE false;
SELECT govdisclose.report_sum(r) IS NULL AS only_nulls FROM small WHERE id = 3;

-- formats are never mixed
SELECT govdisclose.report_sum(r) FROM (
	SELECT r FROM small WHERE id = 1
	UNION ALL SELECT govdisclose.report_from_jsonb('{"format": "2019"}')) y;
SELECT govdisclose.report_sum(govdisclose.report_from_jsonb('{"agency": "甲市公安局"}'));
SELECT govdisclose.report_sum(govdisclose.report_from_jsonb('{"format": "2020"}'));

-- 2019 procurement amounts: 元 and 万元 are added in 元
SELECT (s).proactive.procurement
FROM (SELECT govdisclose.report_sum(govdisclose.report_from_jsonb(j::jsonb)) s FROM (VALUES
	('{"format": "2019", "proactive": {"procurement": {"projects": 2, "amount": 1.5, "amount_unit": "万元"}}}'),
	('{"format": "2019", "proactive": {"procurement": {"projects": 3, "amount": 251000, "amount_unit": "元"}}}'),
	('{"format": "2019", "proactive": {"procurement": {"projects": 1, "amount_unit": "千元"}}}')) v(j)) x;
-- all without a unit: added as they are, the unit stays unknown
SELECT (s).proactive.procurement
FROM (SELECT govdisclose.report_sum(govdisclose.report_from_jsonb(j::jsonb)) s FROM (VALUES
	('{"format": "2019", "proactive": {"procurement": {"amount": 1.5}}}'),
	('{"format": "2019", "proactive": {"procurement": {"amount": 2}}}')) v(j)) x;
-- an unknown unit, or no unit among known ones, cannot be converted
SELECT govdisclose.report_sum(govdisclose.report_from_jsonb(j::jsonb)) FROM (VALUES
	('{"format": "2019", "proactive": {"procurement": {"amount": 1.5, "amount_unit": "元"}}}'),
	('{"format": "2019", "proactive": {"procurement": {"amount": 7, "amount_unit": "千元"}}}')) v(j);
SELECT govdisclose.report_sum(govdisclose.report_from_jsonb(j::jsonb)) FROM (VALUES
	('{"format": "2019", "proactive": {"procurement": {"amount": 1.5, "amount_unit": "元"}}}'),
	('{"format": "2019", "proactive": {"procurement": {"amount": 7}}}')) v(j);
SELECT govdisclose.report_sum(govdisclose.report_from_jsonb(j::jsonb)) FROM (VALUES
	('{"format": "2019", "proactive": {"procurement": {"amount": 7}}}'),
	('{"format": "2019", "proactive": {"procurement": {"amount": 1.5, "amount_unit": "万元"}}}')) v(j);
-- the same through combine, as a parallel plan adds its workers' states
SELECT govdisclose.report_sum_combine(
	govdisclose.report_sum_accum('("{1,0}",)', govdisclose.report_from_jsonb(
		'{"format": "2019", "proactive": {"procurement": {"amount": 7}}}')),
	govdisclose.report_sum_accum('("{1,0}",)', govdisclose.report_from_jsonb(
		'{"format": "2019", "proactive": {"procurement": {"amount": 1.5, "amount_unit": "元"}}}')));

-- overflow is an error, never a wrap: at both ends of bigint
SELECT govdisclose.report_sum(govdisclose.report_from_jsonb(j::jsonb)) FROM (VALUES
	('{"format": "2021", "requests": {"granted": {"total": 9223372036854775807}}}'),
	('{"format": "2021", "requests": {"granted": {"total": 1}}}')) v(j);
SELECT (govdisclose.report_sum(govdisclose.report_from_jsonb(j::jsonb))).requests.granted.total FROM (VALUES
	('{"format": "2021", "requests": {"granted": {"total": 9223372036854775806}}}'),
	('{"format": "2021", "requests": {"granted": {"total": 1}}}')) v(j);
SELECT govdisclose.report_sum(govdisclose.report_from_jsonb(j::jsonb)) FROM (VALUES
	('{"format": "2019", "proactive": {"licensing": {"change": -9223372036854775808}}}'),
	('{"format": "2019", "proactive": {"licensing": {"change": -1}}}')) v(j);
-- amounts are exact up to 36 digits; beyond is an overflow, so is NaN an error
SELECT (govdisclose.report_sum(govdisclose.report_from_jsonb(j::jsonb))).proactive.fees.amount_10k_yuan FROM (VALUES
	('{"format": "2021", "proactive": {"fees": {"amount_10k_yuan": 99999999999999999999999999999999.9999}}}'),
	('{"format": "2021", "proactive": {"fees": {"amount_10k_yuan": 0.0001}}}')) v(j);
SELECT govdisclose.report_sum(govdisclose.report_from_jsonb(j::jsonb)) FROM (VALUES
	('{"format": "2021", "proactive": {"fees": {"amount_10k_yuan": 99999999999999999999999999999999.9999}}}'),
	('{"format": "2021", "proactive": {"fees": {"amount_10k_yuan": 1}}}')) v(j);
SELECT govdisclose.report_sum(govdisclose.report_from_jsonb('{"format": "2021", "proactive": {"fees": {"amount_10k_yuan": 1e-40}}}'));
-- an amount in 万元 is converted to 元, and must fit after that too
SELECT govdisclose.report_sum(govdisclose.report_from_jsonb(
	'{"format": "2019", "proactive": {"procurement": {"amount": 123456789012345678901234567890123, "amount_unit": "万元"}}}'));
-- trailing zeros of the decimal places are not digits that count: what
-- report_from_jsonb stores can be summed (1 written with 38 decimal places)
SELECT (govdisclose.report_sum(govdisclose.report_from_jsonb(
	'{"format": "2021", "processing_fee_yuan": 1.00000000000000000000000000000000000000}'))).processing_fee_yuan;
-- ... and 1 万元 written so is 10000 元
SELECT (govdisclose.report_sum(govdisclose.report_from_jsonb(
	'{"format": "2019", "proactive": {"procurement": {"amount": 1.00000000000000000000000000000000000000, "amount_unit": "万元"}}}'))).proactive.procurement.amount;
SELECT govdisclose.report_sum(row((r).format, (r).agency, (r).year, (r).overview, (r).proactive,
	(r).requests, (r).appeals, (r).problems, (r).other_matters, 'NaN')::govdisclose.report)
FROM small WHERE id = 1;
SELECT govdisclose.report_sum(row((r).format, (r).agency, (r).year, (r).overview, (r).proactive,
	(r).requests, (r).appeals, (r).problems, (r).other_matters, '-Infinity')::govdisclose.report)
FROM small WHERE id = 1;

--
-- Generated consistent reports of both formats
--
CREATE TABLE gen AS
	SELECT s AS id, gdgen.report(s) AS r FROM generate_series(1, 120) s;
SELECT (r).format, count(*), bool_and(govdisclose.check_report(r)) AS all_complete_and_consistent
FROM gen GROUP BY 1 ORDER BY 1;

-- Property: the sum of consistent reports is consistent (any grouping).
SELECT f, count(*) AS sums,
	   bool_and(govdisclose.is_consistent(s)) AS all_consistent,
	   sum((SELECT count(*) FROM govdisclose.violations(s) v WHERE v.severity = 'error')) AS errors
FROM (SELECT (r).format AS f, govdisclose.report_sum(r) s
	  FROM gen GROUP BY (r).format, id % 7) x
GROUP BY f ORDER BY f;

-- Property: every cell equals the sum() of that cell, computed without report_sum.
CREATE FUNCTION pg_temp.cells(j jsonb)
RETURNS TABLE (path text, value jsonb) LANGUAGE sql IMMUTABLE AS $$
	WITH RECURSIVE t(path, value) AS (
		SELECT e.key, e.value FROM jsonb_each(j) e
		UNION ALL
		SELECT t.path || '.' || e.key, e.value
		FROM t, jsonb_each(t.value) e WHERE jsonb_typeof(t.value) = 'object')
	SELECT path, value FROM t WHERE jsonb_typeof(value) <> 'object'
$$;
WITH expected AS (
	SELECT (g.r).format AS f, c.path, sum((c.value #>> '{}')::numeric) AS v
	FROM gen g, pg_temp.cells(to_jsonb(g.r)) c
	WHERE jsonb_typeof(c.value) = 'number' AND c.path <> 'year'
	  AND c.path <> 'proactive.procurement.amount'
	GROUP BY 1, 2),
actual AS (
	SELECT s.f, c.path, (c.value #>> '{}')::numeric AS v
	FROM (SELECT (r).format AS f, govdisclose.report_sum(r) AS s FROM gen GROUP BY 1) s,
		 pg_temp.cells(to_jsonb(s.s)) c
	WHERE jsonb_typeof(c.value) = 'number' AND c.path <> 'proactive.procurement.amount')
SELECT count(*) AS cells_compared,
	   count(*) FILTER (WHERE e.v IS DISTINCT FROM a.v) AS cells_differing
FROM expected e FULL JOIN actual a USING (f, path);
-- procurement amounts, converted to 元 by hand
SELECT sum((r).proactive.procurement.amount *
		   CASE (r).proactive.procurement.amount_unit WHEN '万元' THEN 10000 ELSE 1 END)
	   = (govdisclose.report_sum(r)).proactive.procurement.amount AS procurement_in_yuan
FROM gen WHERE (r).format = '2019';

--
-- Parallel plans: Partial Aggregate, and the serial result
--
CREATE TABLE many AS
	SELECT g.id * 1000 + k AS id, (g.r).format AS f, g.r FROM gen g, generate_series(1, 60) k;
ANALYZE many;
SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE serial AS
	SELECT f, govdisclose.report_sum(r)::text AS s FROM many GROUP BY 1;
CREATE TEMP TABLE serial_filtered AS
	SELECT govdisclose.report_sum(r)::text AS s FROM many WHERE id % 7000 = 1001;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET force_parallel_mode = regress;
EXPLAIN (COSTS OFF) SELECT govdisclose.report_sum(r) FROM many WHERE f = '2021';
EXPLAIN (COSTS OFF) SELECT f, govdisclose.report_sum(r) FROM many GROUP BY 1;
SELECT f, govdisclose.report_sum(r)::text = (SELECT s FROM serial WHERE serial.f = x.f) AS same_as_serial
FROM many x GROUP BY f ORDER BY f;
SELECT (SELECT govdisclose.report_sum(r) FROM many WHERE f = '2021')::text =
	   (SELECT s FROM serial WHERE f = '2021') AS same_as_serial;
-- empty partial states: workers that see no matching row, and a filter matching none
SELECT govdisclose.report_sum(r)::text = (SELECT s FROM serial_filtered) AS same_as_serial
FROM many WHERE id % 7000 = 1001;
SELECT govdisclose.report_sum(r) IS NULL AS no_rows FROM many WHERE id < 0;
RESET force_parallel_mode;
RESET max_parallel_workers_per_gather;
RESET min_parallel_table_scan_size;
RESET parallel_tuple_cost;
RESET parallel_setup_cost;

--
-- Hash aggregation that spills: its states are written out and read back
-- at other addresses, and the transition function, which checks a state it
-- has not returned itself before updating it in place, must tell them from
-- the ones it made (report_sum.c, "known")
--
\set ECHO none
\i tests/hashagg_batches.sql
\set ECHO all
SET work_mem = '64kB';
SET enable_sort = off;
SELECT pg_temp.hashagg_batches('SELECT f, id % 997, govdisclose.report_sum(r) FROM many GROUP BY 1, 2') > 1
	AS spilled;
CREATE TEMP TABLE hashed AS
	SELECT f, id % 997 AS g, govdisclose.report_sum(r)::text AS s FROM many GROUP BY 1, 2;
RESET enable_sort;
SET enable_hashagg = off;
CREATE TEMP TABLE sorted AS
	SELECT f, id % 997 AS g, govdisclose.report_sum(r)::text AS s FROM many GROUP BY 1, 2;
RESET enable_hashagg;
RESET work_mem;
SELECT count(*) AS groups, count(*) FILTER (WHERE h.s = o.s) AS same FROM hashed h JOIN sorted o USING (f, g);

--
-- As a window function: running and moving sums
--
SELECT id, (govdisclose.report_sum(r) OVER w).requests.new_received.total AS running,
	   sum((r).requests.new_received.total) OVER w AS expected
FROM gen WHERE id <= 6 AND (r).format = '2021'
WINDOW w AS (ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
ORDER BY id;
SELECT id, (govdisclose.report_sum(r) OVER w).requests.new_received.total AS moving,
	   sum((r).requests.new_received.total) OVER w AS expected
FROM gen WHERE id <= 8 AND (r).format = '2019'
WINDOW w AS (ORDER BY id ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)
ORDER BY id;

--
-- The state, and its support functions called directly
--
-- the empty state, and a state after one report
SELECT govdisclose.report_sum_final('("{1,0}",)') IS NULL AS empty_is_null;
SELECT array_length((s).sums, 1) AS elements, (s).sums[1:7] AS header, (s).agency
FROM (SELECT govdisclose.report_sum_accum('("{1,0}",)', r) s FROM small WHERE id = 1) x;
-- accum then final gives the report back, without its narratives
SELECT govdisclose.report_sum_final(govdisclose.report_sum_accum('("{1,0}",)', r))::text =
	   row((r).format, (r).agency, (r).year, NULL, (r).proactive, (r).requests, (r).appeals,
		   NULL, NULL, (r).processing_fee_yuan)::govdisclose.report::text AS round_trip
FROM gen WHERE id IN (1, 2);
-- combine: the empty state is the identity on either side
CREATE TEMP TABLE st AS
	SELECT id, govdisclose.report_sum_accum('("{1,0}",)', r) AS s FROM small WHERE id IN (1, 2);
SELECT govdisclose.report_sum_combine('("{1,0}",)', s)::text = s::text AS left_identity,
	   govdisclose.report_sum_combine(s, '("{1,0}",)')::text = s::text AS right_identity
FROM st;
SELECT (govdisclose.report_sum_final(govdisclose.report_sum_combine(a.s, b.s))).requests.new_received
FROM st a, st b WHERE a.id = 1 AND b.id = 2;
SELECT govdisclose.report_sum_combine('("{1,0}",)', '("{1,0}",)');

-- malformed states: a clear error, never a crash
SELECT govdisclose.report_sum_final('(,)');
SELECT govdisclose.report_sum_final('("{1,NULL}",)');
SELECT govdisclose.report_sum_final('("{{1,0},{0,0}}",)');
SELECT govdisclose.report_sum_final('("{1,0,0}",)');
SELECT govdisclose.report_sum_final('("{7,0}",)');
SELECT govdisclose.report_sum_final('("{1,-1}",)');
SELECT govdisclose.report_sum_final('("{1,1}",)');
SELECT govdisclose.report_sum_final('("{}",)');
SELECT govdisclose.report_sum_accum('("{1,0,0}",)', r) FROM small WHERE id = 1;
SELECT govdisclose.report_sum_combine(s, '("{1,5}",)') FROM st WHERE id = 1;
-- forged elements of a full state: each breaks one rule
CREATE FUNCTION pg_temp.forge(i int, v bigint) RETURNS govdisclose.report_sum_state
LANGUAGE sql AS $$
	SELECT row((s).sums[1:i - 1] || v || (s).sums[i + 1:], (s).agency)::govdisclose.report_sum_state
	FROM st WHERE id = 1
$$;
SELECT govdisclose.report_sum_final(pg_temp.forge(2, -1));
SELECT govdisclose.report_sum_final(pg_temp.forge(2, 0));
SELECT govdisclose.report_sum_final(pg_temp.forge(3, 4));
SELECT govdisclose.report_sum_final(pg_temp.forge(4, 9));
SELECT govdisclose.report_sum_final(pg_temp.forge(5, 9223372036854775807));
SELECT govdisclose.report_sum_final(pg_temp.forge(6, 1));
SELECT govdisclose.report_sum_final(pg_temp.forge(7, 5));
-- an empty state that names an agency
SELECT govdisclose.report_sum_final('("{1,0}",甲市公安局)');
-- a state that has added as many reports as bigint holds takes no more,
-- through accum or combine
SELECT govdisclose.report_sum_accum(pg_temp.forge(2, 9223372036854775807), r) FROM small WHERE id = 1;
SELECT govdisclose.report_sum_combine(pg_temp.forge(2, 9223372036854775807), s) FROM st WHERE id = 1;
-- combine: states of two formats, as two workers of a parallel plan could hold
SELECT govdisclose.report_sum_combine(s, govdisclose.report_sum_accum('("{1,0}",)',
	govdisclose.report_from_jsonb('{"format": "2019"}'))) FROM st WHERE id = 1;
-- combine: a count and an amount that overflow
SELECT govdisclose.report_sum_combine(x.s, x.s) FROM (SELECT govdisclose.report_sum_accum('("{1,0}",)',
	govdisclose.report_from_jsonb('{"format": "2021", "requests": {"granted": {"total": 9223372036854775807}}}')) s) x;
SELECT govdisclose.report_sum_combine(x.s, x.s) FROM (SELECT govdisclose.report_sum_accum('("{1,0}",)',
	govdisclose.report_from_jsonb('{"format": "2021", "proactive": {"fees": {"amount_10k_yuan": 999999999999999999999999999999999999}}}')) s) x;
-- element 7, the unit of the 2019 procurement amount, 0 though a report filled the amount
SELECT govdisclose.report_sum_final(row((s).sums[1:6] || 0::bigint || (s).sums[8:], (s).agency)::govdisclose.report_sum_state)
FROM (SELECT govdisclose.report_sum_accum('("{1,0}",)', govdisclose.report_from_jsonb(
	'{"format": "2019", "proactive": {"procurement": {"amount": 1.5, "amount_unit": "万元"}}}')) AS s) x;
-- the count of reports that filled a cell: negative, or more than the reports
SELECT govdisclose.report_sum_final(pg_temp.forge(8, -3));
SELECT govdisclose.report_sum_final(pg_temp.forge(8, 2));
-- a sum in a cell no report filled
SELECT govdisclose.report_sum_final(pg_temp.forge(11, 9223372036854775807));
-- an amount: [count, scale, hi, lo]; 1.25 is {1,2,0,125}
SELECT array_position((s).sums, 125) AS lo FROM st WHERE id = 1 \gset
SELECT (s).sums[(:lo - 3):(:lo)] AS fee_amount FROM st WHERE id = 1;
SELECT govdisclose.report_sum_final(pg_temp.forge(:lo, 1000000000000000000));
SELECT govdisclose.report_sum_final(pg_temp.forge(:lo - 1, -1));
SELECT govdisclose.report_sum_final(pg_temp.forge(:lo - 2, 99));
-- the agency is kept exactly when element 6 says so
SELECT govdisclose.report_sum_final(row((s).sums, NULL)::govdisclose.report_sum_state) FROM st WHERE id = 1;
SELECT govdisclose.report_sum_final(row((s).sums, 'X')::govdisclose.report_sum_state)
FROM (SELECT govdisclose.report_sum_accum('("{1,0}",)', govdisclose.report_from_jsonb('{"format": "2021"}')) s) x;

-- clean up: later tests drop and re-create the extension
DROP TABLE small, gen, many;
SET client_min_messages = warning;
DROP SCHEMA gdgen CASCADE;
RESET client_min_messages;
