/* govdisclose install script, assembled by the Makefile from extension/sql/ */

-- complain if script is sourced in psql, rather than via CREATE EXTENSION
\echo Use "CREATE EXTENSION govdisclose" to load this file. \quit

-- Labels, messages and rendered reports are UTF-8 text.
DO $$
BEGIN
	IF pg_catalog.getdatabaseencoding() OPERATOR(pg_catalog.<>) 'UTF8' THEN
		RAISE EXCEPTION USING
			ERRCODE = 'feature_not_supported',
			MESSAGE = pg_catalog.format('govdisclose needs a UTF8 database, not %s',
										pg_catalog.getdatabaseencoding()),
			HINT = 'Create the database with ENCODING ''UTF8'' (clients may still use GBK or GB18030).';
	END IF;
END
$$;

-- The extension is trusted: this script may run as the bootstrap superuser
-- on behalf of an unprivileged role.  Every reference below is therefore
-- schema-qualified, and the script refuses a schema that already holds
-- objects (they could capture our references, or be ours impersonated).
DO $$
BEGIN
	IF EXISTS (SELECT
			   FROM pg_catalog.pg_depend d
			   WHERE d.refclassid OPERATOR(pg_catalog.=) 'pg_catalog.pg_namespace'::pg_catalog.regclass
				 AND d.refobjid OPERATOR(pg_catalog.=) 'govdisclose'::pg_catalog.regnamespace
				 AND d.classid OPERATOR(pg_catalog.<>) 'pg_catalog.pg_extension'::pg_catalog.regclass) THEN
		RAISE EXCEPTION USING
			ERRCODE = 'object_not_in_prerequisite_state',
			MESSAGE = 'schema govdisclose already contains objects',
			DETAIL = 'The extension must be installed into its own, empty schema.',
			HINT = 'Drop or rename the existing schema govdisclose, then run CREATE EXTENSION govdisclose again.';
	END IF;
END
$$;

-- Every role may use the types and functions (the extension owns the schema).
GRANT USAGE ON SCHEMA govdisclose TO PUBLIC;

