
/* ---------------------------------------------------------------------
 * Roll-ups, indicators and trends
 *
 * Every aggregate has a combine function and is PARALLEL SAFE, and its
 * state is a type SQL can see and print (never internal), so parallel
 * query, postgres_fdw and Citus can all combine partial states.  The
 * support functions check every state they are given.
 * ---------------------------------------------------------------------
 */
CREATE TYPE govdisclose.report_sum_state AS (
	sums pg_catalog.int8[],
	agency pg_catalog.text
);

COMMENT ON TYPE govdisclose.report_sum_state IS
'state of govdisclose.report_sum: the running sums of every cell, and the agency the reports agree on';

CREATE FUNCTION govdisclose.report_sum_accum(govdisclose.report_sum_state, govdisclose.report)
RETURNS govdisclose.report_sum_state
AS 'MODULE_PATHNAME', 'report_sum_accum'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION govdisclose.report_sum_accum(govdisclose.report_sum_state, govdisclose.report) IS
'aggregate transition function of govdisclose.report_sum';

CREATE FUNCTION govdisclose.report_sum_combine(govdisclose.report_sum_state, govdisclose.report_sum_state)
RETURNS govdisclose.report_sum_state
AS 'MODULE_PATHNAME', 'report_sum_combine'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION govdisclose.report_sum_combine(govdisclose.report_sum_state, govdisclose.report_sum_state) IS
'aggregate combine function of govdisclose.report_sum';

CREATE FUNCTION govdisclose.report_sum_final(govdisclose.report_sum_state)
RETURNS govdisclose.report
AS 'MODULE_PATHNAME', 'report_sum_final'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION govdisclose.report_sum_final(govdisclose.report_sum_state) IS
'aggregate final function of govdisclose.report_sum';

CREATE AGGREGATE govdisclose.report_sum(govdisclose.report) (
	SFUNC = govdisclose.report_sum_accum,
	STYPE = govdisclose.report_sum_state,
	FINALFUNC = govdisclose.report_sum_final,
	COMBINEFUNC = govdisclose.report_sum_combine,
	INITCOND = '("{1,0}",)',
	PARALLEL = SAFE
);

COMMENT ON AGGREGATE govdisclose.report_sum(govdisclose.report) IS
'reports added cell by cell (a cell is NULL only if every report left it blank), for roll-ups across agencies';

CREATE FUNCTION govdisclose.indicators(govdisclose.report)
RETURNS govdisclose.indicators
AS 'MODULE_PATHNAME', 'indicators'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION govdisclose.indicators(govdisclose.report) IS
'the derived figures of a report (counts, rates, appeals, proactive disclosure), for comparing agencies';

CREATE FUNCTION govdisclose.layout_indicators(
	OUT "position" pg_catalog.int4,
	OUT indicator pg_catalog.text,
	OUT kind pg_catalog.text,
	OUT numerator pg_catalog.text,
	OUT denominator pg_catalog.text,
	OUT description pg_catalog.text)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'layout_indicators'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 40;

COMMENT ON FUNCTION govdisclose.layout_indicators() IS
'the rows of view govdisclose.indicator_definitions';

CREATE VIEW govdisclose.indicator_definitions AS
	SELECT "position", indicator, kind, numerator, denominator, description
	FROM govdisclose.layout_indicators();

COMMENT ON VIEW govdisclose.indicator_definitions IS
'every column of govdisclose.indicators with its formula: the cells (key paths) a count adds up, or the indicators over indicators of a rate';

GRANT SELECT ON govdisclose.indicator_definitions TO PUBLIC;

CREATE FUNCTION govdisclose.trend_accum(pg_catalog.int8[], pg_catalog.int4, pg_catalog.numeric)
RETURNS pg_catalog.int8[]
AS 'MODULE_PATHNAME', 'trend_accum'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION govdisclose.trend_accum(pg_catalog.int8[], pg_catalog.int4, pg_catalog.numeric) IS
'aggregate transition function of govdisclose.trend';

CREATE FUNCTION govdisclose.trend_combine(pg_catalog.int8[], pg_catalog.int8[])
RETURNS pg_catalog.int8[]
AS 'MODULE_PATHNAME', 'trend_combine'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION govdisclose.trend_combine(pg_catalog.int8[], pg_catalog.int8[]) IS
'aggregate combine function of govdisclose.trend';

CREATE FUNCTION govdisclose.trend_final(pg_catalog.int8[])
RETURNS govdisclose.trend
AS 'MODULE_PATHNAME', 'trend_final'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION govdisclose.trend_final(pg_catalog.int8[]) IS
'aggregate final function of govdisclose.trend';

CREATE AGGREGATE govdisclose.trend(year pg_catalog.int4, value pg_catalog.numeric) (
	SFUNC = govdisclose.trend_accum,
	STYPE = pg_catalog.int8[],
	FINALFUNC = govdisclose.trend_final,
	COMBINEFUNC = govdisclose.trend_combine,
	-- room for 6 years, so that most series are added up in place; the
	-- state then fits in 256 bytes
	INITCOND = '{2,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}',
	PARALLEL = SAFE
);

COMMENT ON AGGREGATE govdisclose.trend(pg_catalog.int4, pg_catalog.numeric) IS
'trend statistics of a yearly series (first and last value, change, CAGR, least-squares slope and r2, missing years); values of one year add up, and row order does not matter';

CREATE FUNCTION govdisclose.report_trend_accum(pg_catalog.int8[], govdisclose.report)
RETURNS pg_catalog.int8[]
AS 'MODULE_PATHNAME', 'report_trend_accum'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION govdisclose.report_trend_accum(pg_catalog.int8[], govdisclose.report) IS
'aggregate transition function of govdisclose.report_trend';

CREATE FUNCTION govdisclose.report_trend_combine(pg_catalog.int8[], pg_catalog.int8[])
RETURNS pg_catalog.int8[]
AS 'MODULE_PATHNAME', 'report_trend_combine'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION govdisclose.report_trend_combine(pg_catalog.int8[], pg_catalog.int8[]) IS
'aggregate combine function of govdisclose.report_trend';

CREATE FUNCTION govdisclose.report_trend_final(pg_catalog.int8[])
RETURNS govdisclose.indicator_trend[]
AS 'MODULE_PATHNAME', 'report_trend_final'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION govdisclose.report_trend_final(pg_catalog.int8[]) IS
'aggregate final function of govdisclose.report_trend';

CREATE AGGREGATE govdisclose.report_trend(govdisclose.report) (
	SFUNC = govdisclose.report_trend_accum,
	STYPE = pg_catalog.int8[],
	FINALFUNC = govdisclose.report_trend_final,
	COMBINEFUNC = govdisclose.report_trend_combine,
	INITCOND = '{3,0}',
	PARALLEL = SAFE
);

COMMENT ON AGGREGATE govdisclose.report_trend(govdisclose.report) IS
'the trend of every indicator at once, keyed by the reports'' year; the reports of one year are added (report_sum) before their indicators are taken';

CREATE FUNCTION govdisclose.continuity(previous govdisclose.report, current govdisclose.report)
RETURNS SETOF govdisclose.violation
AS 'MODULE_PATHNAME', 'continuity'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 4;

COMMENT ON FUNCTION govdisclose.continuity(govdisclose.report, govdisclose.report) IS
'cross-year warnings between a report and the previous year''s: carried-over applications, documents in force, consecutive years, format change';
