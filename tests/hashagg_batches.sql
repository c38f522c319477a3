-- pg_temp.hashagg_batches(query): the batches of the HashAggregate at the
-- top of the query's plan, run with EXPLAIN ANALYZE (more than 1: it
-- spilled).  Shared by sql/aggregates.sql and sql/trend.sql.
CREATE FUNCTION pg_temp.hashagg_batches(q text) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
	plan json;
BEGIN
	EXECUTE 'EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) ' || q INTO plan;
	RETURN (plan -> 0 -> 'Plan' ->> 'HashAgg Batches')::integer;
END
$$;
