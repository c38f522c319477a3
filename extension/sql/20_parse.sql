
/* ---------------------------------------------------------------------
 * Reading published reports (parse_sql.c, parse.c)
 * ---------------------------------------------------------------------
 */
CREATE FUNCTION govdisclose.parse_report(pg_catalog.text)
RETURNS govdisclose.report
AS 'MODULE_PATHNAME', 'parse_report'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION govdisclose.parse_report(pg_catalog.text) IS
'reads the text of a published 政府信息公开工作年度报告 (either format) into a report; cells that cannot be read with certainty are NULL, see parse_notes';

CREATE FUNCTION govdisclose.parse_notes(pg_catalog.text,
	OUT line pg_catalog.int4,
	OUT key_path pg_catalog.text,
	OUT note pg_catalog.text)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'parse_notes'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 10;

COMMENT ON FUNCTION govdisclose.parse_notes(pg_catalog.text) IS
'every repair, recovered or ambiguous cell, unreadable cell, dropped fragment and truncation of parse_report on the same text';
