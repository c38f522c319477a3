--
-- trend(year, value) and report_trend(report)
--
SET client_min_messages = warning;
\set ECHO none
\i tests/gen_reports.sql
\set ECHO all
RESET client_min_messages;

-- A series with a gap; values of one year add up; rows in any order.
CREATE TABLE series (agency text, year int, value numeric);
INSERT INTO series VALUES
	('甲', 2019, 10), ('甲', 2020, 12), ('甲', 2020, 1), ('甲', 2022, 15),
	('乙', 2021, 0), ('乙', 2022, 4), ('乙', 2023, 8.5),
	('丙', 2020, 7), ('丙', NULL, 100), ('丙', 2021, NULL),
	('丁', 2019, -4), ('丁', 2021, 2),
	('戊', 2020, 5), ('戊', 2021, 5), ('戊', 2022, 5);
SELECT agency, (govdisclose.trend(year, value)).*
FROM series GROUP BY agency ORDER BY agency;
-- row order does not matter
SELECT (SELECT govdisclose.trend(year, value ORDER BY year) FROM series WHERE agency = '甲')::text =
	   (SELECT govdisclose.trend(year, value ORDER BY year DESC, value) FROM series WHERE agency = '甲')::text
	   AS order_independent;
-- slope and r2 are those of regr_slope / regr_r2 over the yearly totals
SELECT t.agency, round((t.tr).slope::numeric, 12) = round(r.slope::numeric, 12) AS slope_same,
	   round((t.tr).r2::numeric, 12) = round(r.r2::numeric, 12) AS r2_same
FROM (SELECT agency, govdisclose.trend(year, value) tr FROM series GROUP BY agency) t
JOIN (SELECT agency, regr_slope(v, year) slope, regr_r2(v, year) r2
	  FROM (SELECT agency, year, sum(value) v FROM series WHERE year IS NOT NULL AND value IS NOT NULL
			GROUP BY 1, 2) y GROUP BY agency) r USING (agency)
WHERE (t.tr).years > 1 ORDER BY agency;
-- no values: NULL, as sum()
SELECT govdisclose.trend(year, value) IS NULL AS empty FROM series WHERE false;
SELECT govdisclose.trend(year, value) IS NULL AS only_nulls FROM series WHERE agency = '丙' AND value IS NULL;
-- exact totals, scale kept as numeric addition keeps it
SELECT (govdisclose.trend(y, v)).first_value, (govdisclose.trend(y, v)).change
FROM (VALUES (2020, 0.1), (2020, 0.20), (2021, 1e-12), (2021, 123456789012345)) t(y, v);
-- years out of range, values not finite or too large
SELECT govdisclose.trend(0, 1);
SELECT govdisclose.trend(10000, 1);
SELECT govdisclose.trend(2020, 'NaN');
SELECT govdisclose.trend(2020, '-Infinity');
SELECT govdisclose.trend(2020, 1e40);
SELECT govdisclose.trend(2020, 0.0000000000000000000000000000000000001);
-- trailing zeros of the decimal places do not count: 1 with 38 decimal places is 1
SELECT (govdisclose.trend(2020, 1.00000000000000000000000000000000000000)).last_value;
-- ... and adds up like 1 (none of those zeros is kept to overflow a sum)
SELECT (govdisclose.trend(y, v)).last_value
FROM (VALUES (2020, 1.0000000000000000000000000000000000000000), (2020, 10)) t(y, v);
SELECT govdisclose.trend(y, v) FROM (VALUES (2020, 999999999999999999999999999999999999), (2020, 1)) t(y, v);
-- a trend needs a cast for double precision values, as sum() over numeric would
SELECT govdisclose.trend(2020, 0.5::float8);
SELECT (govdisclose.trend(2020, 0.5::float8::numeric)).last_value;

-- as a window function
SELECT year, (govdisclose.trend(year, value) OVER w).years,
	   (govdisclose.trend(year, value) OVER w).last_value,
	   round((govdisclose.trend(year, value) OVER w).slope::numeric, 6) AS slope
FROM series WHERE agency = '甲'
WINDOW w AS (ORDER BY year, value ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
ORDER BY year, value;

-- parallel: Partial Aggregate, and the serial result; empty partial states
CREATE TABLE big_series AS
	SELECT a, 2015 + (a * 7 + k) % 9 AS year, ((a * 31 + k * 17) % 1000)::numeric / 10 AS value
	FROM generate_series(1, 400) a, generate_series(1, 30) k;
ANALYZE big_series;
SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE trend_serial AS
	SELECT a % 5 AS g, govdisclose.trend(year, value)::text AS t FROM big_series GROUP BY 1;
CREATE TEMP TABLE trend_serial_all AS
	SELECT govdisclose.trend(year, value)::text AS t FROM big_series WHERE a = 77;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET force_parallel_mode = regress;
EXPLAIN (COSTS OFF) SELECT govdisclose.trend(year, value) FROM big_series WHERE a = 77;
SELECT govdisclose.trend(year, value)::text = (SELECT t FROM trend_serial_all) AS same_as_serial
FROM big_series WHERE a = 77;
EXPLAIN (COSTS OFF) SELECT a % 5, govdisclose.trend(year, value) FROM big_series GROUP BY 1;
SELECT bool_and(x.t::text = s.t) AS same_as_serial
FROM (SELECT a % 5 AS g, govdisclose.trend(year, value) t FROM big_series GROUP BY 1) x
JOIN trend_serial s USING (g);
SELECT govdisclose.trend(year, value) IS NULL AS no_rows FROM big_series WHERE a < 0;
RESET force_parallel_mode;
RESET max_parallel_workers_per_gather;
RESET min_parallel_table_scan_size;
RESET parallel_tuple_cost;
RESET parallel_setup_cost;

-- the state: [2, years, (year, decimal places, high digits, low digits) ..., room]
SELECT govdisclose.trend_accum('{2,0}', 2021, 5);
SELECT govdisclose.trend_accum(govdisclose.trend_accum('{2,0}', 2021, 5), 2019, -1.50);
SELECT govdisclose.trend_final('{2,0}') IS NULL AS empty_is_null;
SELECT govdisclose.trend_final('{2,2,2019,0,0,5,2021,2,0,150}');
SELECT govdisclose.trend_combine('{2,0}', '{2,1,2020,0,0,3}') AS left_identity,
	   govdisclose.trend_combine('{2,1,2020,0,0,3}', '{2,0}') AS right_identity,
	   govdisclose.trend_combine('{2,1,2020,0,0,3,0,0,0,0}', '{2,2,2019,1,0,5,2020,0,0,4}') AS merged;
-- malformed states: a clear error, never a crash
SELECT govdisclose.trend_final('{}');
SELECT govdisclose.trend_final('{2}');
SELECT govdisclose.trend_final('{{2,0},{0,0}}');
SELECT govdisclose.trend_final('{2,NULL}');
SELECT govdisclose.trend_final('{3,0}');
SELECT govdisclose.trend_final('{2,0,0}');
SELECT govdisclose.trend_final('{2,-1}');
SELECT govdisclose.trend_final('{2,2,2019,0,0,5}');
SELECT govdisclose.trend_final('{2,2,2021,0,0,5,2019,0,0,5}');
SELECT govdisclose.trend_final('{2,1,12019,0,0,5}');
SELECT govdisclose.trend_final('{2,1,2019,0,0,5,7,0,0,0}');
SELECT govdisclose.trend_final('{2,1,2019,40,0,5}');
SELECT govdisclose.trend_final('{2,1,2019,0,1000000000000000000,5}');
SELECT govdisclose.trend_final('{2,1,2019,0,-1,5}');
SELECT govdisclose.trend_accum('{2,1,2019,0,-1,5}', 2020, 1);
SELECT govdisclose.trend_combine('{2,0}', '{2,1,0,0,0,5}');
-- the element type is fixed by the signature
SELECT govdisclose.trend_final('{2,0}'::numeric[]);

--
-- report_trend: the trend of every indicator, over the reports of each year
--
CREATE TABLE yearly AS
	SELECT a AS agency, y AS year,
		   (SELECT row(r.format, 'Agency ' || a, y, r.overview, r.proactive, r.requests,
					   r.appeals, r.problems, r.other_matters, r.processing_fee_yuan)::govdisclose.report
			FROM (SELECT (gdgen.report(a * 100 + y, CASE WHEN y < 2021 THEN '2019' ELSE '2021' END)).*) r) AS r
	FROM generate_series(1, 4) a, generate_series(2019, 2023) y;
SELECT array_length(govdisclose.report_trend(r), 1) = (SELECT count(*) FROM govdisclose.indicator_definitions)
	   AS one_per_indicator
FROM yearly;
-- the trend of a count is the trend of its yearly totals
SELECT (t).indicator, ((t).trend).years, ((t).trend).first_year, ((t).trend).last_year,
	   ((t).trend).first_value, ((t).trend).last_value
FROM (SELECT unnest(govdisclose.report_trend(r)) t FROM yearly WHERE agency = 1) x
WHERE (t).indicator IN ('handled', 'regulations_issued', 'fees_10k_yuan', 'disclosure_rate')
ORDER BY 1;
SELECT count(*) AS agencies, bool_and(((x.t).trend)::text = c.tr::text) AS counts_match_trend_of_totals
FROM (SELECT agency, unnest(govdisclose.report_trend(r)) t FROM yearly GROUP BY agency) x
JOIN (SELECT agency, govdisclose.trend(year, (govdisclose.indicators(r)).handled) tr
	  FROM yearly GROUP BY agency) c USING (agency)
WHERE (x.t).indicator = 'handled';
-- a rate's trend is the trend of the pooled rate (ratio of the yearly sums)
SELECT round((((t).trend).last_value)::numeric, 12) =
	   round((SELECT (govdisclose.indicators(govdisclose.report_sum(r))).disclosure_rate
			  FROM yearly WHERE year = 2023)::numeric, 12) AS pooled_rate
FROM (SELECT unnest(govdisclose.report_trend(r)) t FROM yearly) x
WHERE (t).indicator = 'disclosure_rate';
-- a rate's numeric values do not depend on extra_float_digits (report_trend is IMMUTABLE)
SET extra_float_digits = 0;
CREATE TEMP TABLE rate_efd0 AS
SELECT ((t).trend).first_value, ((t).trend).last_value, ((t).trend).change
FROM (SELECT unnest(govdisclose.report_trend(r)) t FROM yearly) x
WHERE (t).indicator = 'disclosure_rate';
SET extra_float_digits = 3;
SELECT ((t).trend).first_value, ((t).trend).last_value, ((t).trend).change,
	   (((t).trend).first_value, ((t).trend).last_value, ((t).trend).change) =
	   (SELECT first_value, last_value, change FROM rate_efd0) AS same_with_extra_float_digits_0
FROM (SELECT unnest(govdisclose.report_trend(r)) t FROM yearly) x
WHERE (t).indicator = 'disclosure_rate';
RESET extra_float_digits;
-- reports without a year are left out; a NULL report too; no reports: NULL
SELECT (t).indicator, ((t).trend).years
FROM (SELECT unnest(govdisclose.report_trend(r)) t FROM (
	SELECT r FROM yearly WHERE agency = 1 AND year = 2022
	UNION ALL SELECT govdisclose.report_from_jsonb('{"format": "2021", "requests": {"total_handled": {"total": 5}}}')
	UNION ALL SELECT NULL) y) x
WHERE (t).indicator = 'handled';
SELECT govdisclose.report_trend(r) IS NULL AS empty FROM yearly WHERE false;
-- the formats must agree within a year, not across years
SELECT govdisclose.report_trend(r) FROM (
	SELECT r FROM yearly WHERE year = 2021 AND agency = 1
	UNION ALL SELECT govdisclose.report_from_jsonb('{"format": "2019", "year": 2021}')) y;
SELECT govdisclose.report_trend(govdisclose.report_from_jsonb('{"format": "2021", "year": 0}'));

-- parallel report_trend equals serial
CREATE TABLE yearly_many AS SELECT y.*, k FROM yearly y, generate_series(1, 40) k;
ANALYZE yearly_many;

-- hash aggregation that spills its states and reads them back (at other
-- addresses) gives what sorted grouping gives, for trend and report_trend
\set ECHO none
\i tests/hashagg_batches.sql
\set ECHO all
SET work_mem = '64kB';
SET enable_sort = off;
SELECT pg_temp.hashagg_batches('SELECT a, govdisclose.trend(year, value) FROM big_series GROUP BY 1') > 1 AS trend_spilled,
	   pg_temp.hashagg_batches('SELECT agency, k, govdisclose.report_trend(r) FROM yearly_many GROUP BY 1, 2') > 1 AS report_trend_spilled;
CREATE TEMP TABLE hashed AS
	SELECT a::text AS g, govdisclose.trend(year, value)::text AS t FROM big_series GROUP BY 1
	UNION ALL SELECT agency || '/' || k, govdisclose.report_trend(r)::text FROM yearly_many GROUP BY agency, k;
RESET enable_sort;
SET enable_hashagg = off;
CREATE TEMP TABLE sorted AS
	SELECT a::text AS g, govdisclose.trend(year, value)::text AS t FROM big_series GROUP BY 1
	UNION ALL SELECT agency || '/' || k, govdisclose.report_trend(r)::text FROM yearly_many GROUP BY agency, k;
RESET enable_hashagg;
RESET work_mem;
SELECT count(*) AS groups, count(*) FILTER (WHERE h.t = o.t) AS same FROM hashed h JOIN sorted o USING (g);

SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE rt_serial AS SELECT govdisclose.report_trend(r)::text AS t FROM yearly_many;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET force_parallel_mode = regress;
EXPLAIN (COSTS OFF) SELECT govdisclose.report_trend(r) FROM yearly_many;
SELECT govdisclose.report_trend(r)::text = (SELECT t FROM rt_serial) AS same_as_serial FROM yearly_many;
RESET force_parallel_mode;
RESET max_parallel_workers_per_gather;
RESET min_parallel_table_scan_size;
RESET parallel_tuple_cost;
RESET parallel_setup_cost;

-- the report_trend state: [3, years, one report_sum block per year]
SELECT s[1:2] AS header, array_length(s, 1) AS elements, s[3 + 3] AS year_status, s[3 + 4] AS year
FROM (SELECT govdisclose.report_trend_accum('{3,0}', r) s FROM yearly WHERE agency = 1 AND year = 2022) x;
SELECT govdisclose.report_trend_final('{3,0}') IS NULL AS empty_is_null;
SELECT govdisclose.report_trend_final('{3,1}');
SELECT govdisclose.report_trend_final('{2,0}');
SELECT govdisclose.report_trend_final('{3,NULL}');
CREATE TEMP TABLE rts AS
	SELECT govdisclose.report_trend_accum('{3,0}', r) s FROM yearly WHERE agency = 1 AND year = 2022;
SELECT govdisclose.report_trend_combine('{3,0}', s) = s AS left_identity,
	   govdisclose.report_trend_combine(s, '{3,0}') = s AS right_identity FROM rts;
-- a block of no reports, a year out of range, the same year twice, a forged cell count
SELECT govdisclose.report_trend_final(s[1:2] || 1::bigint || 0::bigint || s[5:]) FROM rts;
SELECT govdisclose.report_trend_final(s[1:6] || 0::bigint || s[8:]) FROM rts;
SELECT govdisclose.report_trend_final(s || s[3:]) FROM rts;
SELECT govdisclose.report_trend_final(s[1:1] || 2::bigint || s[3:] || s[3:]) FROM rts;
SELECT govdisclose.report_trend_final(s[1:9] || 5::bigint || s[11:]) FROM rts;
-- a year's block that counts no report
SELECT govdisclose.report_trend_final(ARRAY[3, 1, 1] || array_fill(0::bigint, ARRAY[452]));
SELECT govdisclose.report_trend_accum(s[1:9] || 5::bigint || s[11:], r)
FROM rts, yearly WHERE agency = 2 AND year = 2022;

-- clean up: later tests drop and re-create the extension
DROP TABLE series, big_series, yearly, yearly_many;
SET client_min_messages = warning;
DROP SCHEMA gdgen CASCADE;
RESET client_min_messages;
