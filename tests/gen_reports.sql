-- tests/gen_reports.sql: a small deterministic generator of consistent
-- reports of both formats, for the analysis tests and benchmarks.
--
--   gdgen.report(seed bigint, format text DEFAULT NULL) -> govdisclose.report
--
-- The same seed gives the same report on every platform (plain integer
-- arithmetic, no hash functions).  Every generated report passes
-- govdisclose.check_report: the rows and groups add up, table 三 balances
-- in every column, every cell of its format is filled.  The figures are
-- invented.  The cells come from the view govdisclose.layout, so the
-- generator follows the layout rather than repeating it.
--
-- Load with \i tests/gen_reports.sql from the top of the repository.

CREATE SCHEMA IF NOT EXISTS gdgen;

-- a pseudo-random integer in 0..hi, from a seed and a draw number k
CREATE OR REPLACE FUNCTION gdgen.rnd(seed bigint, k bigint, hi bigint)
RETURNS bigint LANGUAGE sql IMMUTABLE STRICT AS $$
	SELECT ((((((seed % 2147483648) * 1103515245 + (k % 2147483648) * 2654435 + 12345)
			   % 2147483648) * 1103515245 + 12345) % 2147483648) / 7) % (hi + 1)
$$;

-- a nested JSON object from a flat one keyed by dotted paths
CREATE OR REPLACE FUNCTION gdgen.nest(flat jsonb)
RETURNS jsonb LANGUAGE plpgsql IMMUTABLE STRICT AS $$
DECLARE
	r jsonb := '{}';
	k text;
	v jsonb;
	p text[];
BEGIN
	FOR k, v IN SELECT key, value FROM jsonb_each(flat) ORDER BY key LOOP
		p := string_to_array(k, '.');
		FOR i IN 1 .. array_length(p, 1) - 1 LOOP
			IF r #> p[1:i] IS NULL THEN
				r := jsonb_set(r, p[1:i], '{}');
			END IF;
		END LOOP;
		r := jsonb_set(r, p, v);
	END LOOP;
	RETURN r;
END
$$;

CREATE OR REPLACE FUNCTION gdgen.report(seed bigint, fmt text DEFAULT NULL)
RETURNS govdisclose.report LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
	f text := coalesce(fmt, CASE gdgen.rnd(seed, 0, 1) WHEN 0 THEN '2019' ELSE '2021' END);
	flat jsonb;
	k bigint := 100;
	cols text[];
	outcome_rows text[];
	col text;
	r text;
	v bigint;
	handled bigint;
	co bigint;
	cf bigint;
	cell record;
	rowsum jsonb := '{}';
BEGIN
	flat := jsonb_build_object(
		'format', f,
		'agency', 'Agency ' || (seed % 13),
		'year', CASE f WHEN '2019' THEN 2019 + seed % 2 ELSE 2021 + seed % 5 END,
		'overview', 'Generated report ' || seed || '.',
		'processing_fee_yuan',
			CASE WHEN seed % 3 = 0 THEN NULL
				 ELSE to_jsonb(gdgen.rnd(seed, 1, 50000) / 100.0) END);

	-- section 二: every cell of the format
	FOR cell IN SELECT key_path, kind FROM govdisclose.layout
				WHERE format = f AND key_path LIKE 'proactive.%' ORDER BY "position" LOOP
		k := k + 1;
		flat := flat || jsonb_build_object(cell.key_path,
			CASE cell.kind
				WHEN 'count' THEN to_jsonb(gdgen.rnd(seed, k, 30))
				WHEN 'signed count' THEN to_jsonb(gdgen.rnd(seed, k, 10) - 5)
				WHEN 'amount' THEN to_jsonb(gdgen.rnd(seed, k, 1000000) / 10000.0)
				ELSE to_jsonb(CASE gdgen.rnd(seed, k, 1) WHEN 0 THEN '元' ELSE '万元' END)
			END);
	END LOOP;

	-- section 三: outcome rows at random; the balance rows follow from them
	SELECT array_agg(split_part(key_path, '.', 3) ORDER BY "position") INTO cols
	FROM govdisclose.layout
	WHERE format = f AND key_path LIKE 'requests.new_received.%'
	  AND key_path <> 'requests.new_received.total';
	SELECT array_agg(rp ORDER BY pos) INTO outcome_rows
	FROM (SELECT regexp_replace(key_path, '\.[^.]+$', '') AS rp, min("position") AS pos
		  FROM govdisclose.layout
		  WHERE format = f AND key_path LIKE 'requests.%'
		  GROUP BY 1) s
	WHERE rp NOT IN ('requests.new_received', 'requests.carried_over',
					 'requests.total_handled', 'requests.carried_forward');

	FOREACH col IN ARRAY cols LOOP
		handled := 0;
		FOREACH r IN ARRAY outcome_rows LOOP
			k := k + 1;
			-- mostly small figures, many zeros
			v := greatest(gdgen.rnd(seed, k, 12) - 6, 0) * (1 + gdgen.rnd(seed, k + 7, 3));
			flat := flat || jsonb_build_object(r || '.' || col, v);
			rowsum := jsonb_set(rowsum, ARRAY[r], to_jsonb(coalesce((rowsum ->> r)::bigint, 0) + v));
			handled := handled + v;
		END LOOP;
		k := k + 1;
		cf := gdgen.rnd(seed, k, 4);
		co := least(gdgen.rnd(seed, k + 3, 4), handled + cf);
		flat := flat || jsonb_build_object(
			'requests.total_handled.' || col, handled,
			'requests.carried_forward.' || col, cf,
			'requests.carried_over.' || col, co,
			'requests.new_received.' || col, handled + cf - co);
		rowsum := rowsum || jsonb_build_object(
			'requests.total_handled', coalesce((rowsum ->> 'requests.total_handled')::bigint, 0) + handled,
			'requests.carried_forward', coalesce((rowsum ->> 'requests.carried_forward')::bigint, 0) + cf,
			'requests.carried_over', coalesce((rowsum ->> 'requests.carried_over')::bigint, 0) + co,
			'requests.new_received', coalesce((rowsum ->> 'requests.new_received')::bigint, 0) + handled + cf - co);
	END LOOP;
	FOR r IN SELECT key FROM jsonb_each(rowsum) LOOP
		flat := flat || jsonb_build_object(r || '.total', (rowsum ->> r)::bigint);
	END LOOP;

	-- section 四: four outcomes at random, the total their sum
	FOR r IN SELECT DISTINCT regexp_replace(key_path, '\.[^.]+$', '') FROM govdisclose.layout
			 WHERE format = f AND key_path LIKE 'appeals.%' LOOP
		handled := 0;
		FOR col IN SELECT split_part(key_path, '.', 3) FROM govdisclose.layout
				   WHERE format = f AND key_path LIKE r || '.%' AND key_path <> r || '.total' LOOP
			k := k + 1;
			v := gdgen.rnd(seed, k, 3);
			flat := flat || jsonb_build_object(r || '.' || col, v);
			handled := handled + v;
		END LOOP;
		flat := flat || jsonb_build_object(r || '.total', handled);
	END LOOP;

	RETURN govdisclose.report_from_jsonb(gdgen.nest(flat));
END
$$;
