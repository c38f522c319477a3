/* ---------------------------------------------------------------------
 * The layout and the rules, as tables
 * ---------------------------------------------------------------------
 */
CREATE FUNCTION govdisclose.layout_cells(
	OUT format pg_catalog.text,
	OUT section pg_catalog.text,
	OUT key_path pg_catalog.text,
	OUT label pg_catalog.text,
	OUT row_label pg_catalog.text,
	OUT column_label pg_catalog.text,
	OUT heading pg_catalog.text,
	OUT kind pg_catalog.text,
	OUT required pg_catalog.bool,
	OUT "position" pg_catalog.int4,
	OUT cell pg_catalog.int4)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'layout_cells'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 420;

COMMENT ON FUNCTION govdisclose.layout_cells() IS
'the rows of view govdisclose.layout';

CREATE VIEW govdisclose.layout AS
	SELECT format, section, key_path, label, row_label, column_label,
		   heading, kind, required, "position", cell
	FROM govdisclose.layout_cells();

COMMENT ON VIEW govdisclose.layout IS
'one row per cell of each national format: its key path and official Chinese label; position orders the cells of a format, cell numbers them across formats';

CREATE FUNCTION govdisclose.layout_rules(
	OUT rule pg_catalog.text,
	OUT severity pg_catalog.text,
	OUT scope pg_catalog.text,
	OUT formats pg_catalog.text[],
	OUT statement pg_catalog.text,
	OUT description pg_catalog.text)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'layout_rules'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 10;

COMMENT ON FUNCTION govdisclose.layout_rules() IS
'the rows of view govdisclose.rules';

CREATE VIEW govdisclose.rules AS
	SELECT rule, severity, scope, formats, statement, description
	FROM govdisclose.layout_rules();

COMMENT ON VIEW govdisclose.rules IS
'every rule the checks apply, with its id, severity and statement';

CREATE FUNCTION govdisclose.layout_equations(
	OUT rule pg_catalog.text,
	OUT format pg_catalog.text,
	OUT scope pg_catalog.text,
	OUT expected pg_catalog.text[],
	OUT actual pg_catalog.text[],
	OUT relation pg_catalog.text)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'layout_equations'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 90;

COMMENT ON FUNCTION govdisclose.layout_equations() IS
'the rows of view govdisclose.equations';

CREATE VIEW govdisclose.equations AS
	SELECT rule, format, scope, expected, actual, relation
	FROM govdisclose.layout_equations();

COMMENT ON VIEW govdisclose.equations IS
'every equation the checks evaluate, per format: the cells of expected added up must relate to the cells of actual added up';

GRANT SELECT ON govdisclose.layout, govdisclose.rules, govdisclose.equations TO PUBLIC;

/* ---------------------------------------------------------------------
 * Reading and checking reports
 * ---------------------------------------------------------------------
 */
CREATE TYPE govdisclose.violation AS (
	rule pg_catalog.text,
	severity pg_catalog.text,
	cells pg_catalog.text[],
	expected pg_catalog.numeric,
	actual pg_catalog.numeric,
	message pg_catalog.text
);

COMMENT ON TYPE govdisclose.violation IS
'a broken, unassessable or implausible rule of one report';

CREATE FUNCTION govdisclose.report_from_jsonb(pg_catalog.jsonb)
RETURNS govdisclose.report
AS 'MODULE_PATHNAME', 'report_from_jsonb'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION govdisclose.report_from_jsonb(pg_catalog.jsonb) IS
'read a report from its canonical JSON (the inverse of to_jsonb)';

CREATE FUNCTION govdisclose.violations(govdisclose.report)
RETURNS SETOF govdisclose.violation
AS 'MODULE_PATHNAME', 'violations'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 4;

COMMENT ON FUNCTION govdisclose.violations(govdisclose.report) IS
'every broken (error), blank (unassessable) or implausible (warning) rule of a report';

CREATE FUNCTION govdisclose.is_consistent(govdisclose.report)
RETURNS pg_catalog.bool
AS 'MODULE_PATHNAME', 'is_consistent'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION govdisclose.is_consistent(govdisclose.report) IS
'true when no rule of the report is broken (blank cells are not errors)';

CREATE FUNCTION govdisclose.check_report(govdisclose.report)
RETURNS pg_catalog.bool
AS 'MODULE_PATHNAME', 'check_report'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION govdisclose.check_report(govdisclose.report) IS
'true for a complete, consistent report; otherwise raises SQLSTATE 23514 naming the broken rule';

CREATE DOMAIN govdisclose.valid_report AS govdisclose.report
	CONSTRAINT valid_report_check CHECK (govdisclose.check_report(VALUE));

COMMENT ON DOMAIN govdisclose.valid_report IS
'a report that is complete and consistent: every cell filled, every rule holding';

