
/* ---------------------------------------------------------------------
 * Printing reports in the official layout
 * ---------------------------------------------------------------------
 */
CREATE FUNCTION govdisclose.render_report(
	report govdisclose.report,
	style pg_catalog.text DEFAULT 'markdown')
RETURNS pg_catalog.text
AS 'MODULE_PATHNAME', 'render_report'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION govdisclose.render_report(govdisclose.report, pg_catalog.text) IS
'the report in the official layout (six sections, tables 二 三 四 with their spans), as ''markdown'', ''html'' or ''text''';
