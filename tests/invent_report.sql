-- gd_test_invent(format, k): the canonical JSON of an invented report of
-- that format with every figure cell filled with a made-up number (from the
-- layout view, so it follows the layout), agency and year set.  Test data,
-- shared by sql/render.sql, tests/render_html.sh and bench/render.sh.
CREATE FUNCTION gd_test_invent(fmt text, k integer) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
	j jsonb := jsonb_build_object('format', fmt, 'agency', '示例县人民政府办公室',
								  'year', CASE fmt WHEN '2019' THEN 2020 ELSE 2022 END);
	c record;
	p text[];
BEGIN
	FOR c IN SELECT key_path, kind, "position" FROM govdisclose.layout
			 WHERE format = fmt AND kind IN ('count', 'signed count', 'amount')
			 ORDER BY "position"
	LOOP
		p := string_to_array(c.key_path, '.');
		FOR i IN 1 .. array_length(p, 1) - 1 LOOP
			IF j #> p[1:i] IS NULL THEN
				j := jsonb_set(j, p[1:i], '{}');
			END IF;
		END LOOP;
		j := jsonb_set(j, p, to_jsonb(CASE c.kind
			WHEN 'amount' THEN round(c."position" * k / 7.0, 4)
			WHEN 'signed count' THEN (c."position" * k) % 11 - 5
			ELSE (c."position" * k) % 97 END));
	END LOOP;
	RETURN j;
END $$;
