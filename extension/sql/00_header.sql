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

-- CREATE EXTENSION makes the schema, owned by the role that runs it, unless
-- it exists already.  Its owner could later put functions into it that our
-- callers' calls would reach (an overload taking text), so a role that is
-- not a superuser may install only into a schema it owns itself or a
-- superuser owns.  A superuser may install into another role's schema (a
-- restore by pg_dump does: it makes the schema, owned by the role that
-- installed the extension, before CREATE EXTENSION), with a warning.
DO $$
DECLARE
	schema_owner pg_catalog.oid;
	installer	pg_catalog.oid;
BEGIN
	SELECT n.nspowner INTO schema_owner
	FROM pg_catalog.pg_namespace n
	WHERE n.nspname OPERATOR(pg_catalog.=) 'govdisclose';
	SELECT e.extowner INTO installer
	FROM pg_catalog.pg_extension e
	WHERE e.extname OPERATOR(pg_catalog.=) 'govdisclose';
	IF schema_owner OPERATOR(pg_catalog.=) installer
		OR (SELECT r.rolsuper FROM pg_catalog.pg_roles r
			WHERE r.oid OPERATOR(pg_catalog.=) schema_owner) THEN
		RETURN;
	END IF;
	IF (SELECT r.rolsuper FROM pg_catalog.pg_roles r
		WHERE r.oid OPERATOR(pg_catalog.=) installer) THEN
		RAISE WARNING USING
			MESSAGE = pg_catalog.format('schema govdisclose is owned by role %s, not by the role installing the extension',
										pg_catalog.quote_ident(pg_catalog.pg_get_userbyid(schema_owner))),
			DETAIL = 'The owner of the schema can add functions to it that calls of govdisclose functions would reach.',
			HINT = 'Unless this is a restore of that role''s database, drop the extension and the schema and install again.';
	ELSE
		RAISE EXCEPTION USING
			ERRCODE = 'insufficient_privilege',
			MESSAGE = pg_catalog.format('schema govdisclose is owned by role %s, not by the role installing the extension',
										pg_catalog.quote_ident(pg_catalog.pg_get_userbyid(schema_owner))),
			DETAIL = 'The owner of the schema could add functions to it that calls of govdisclose functions would reach.',
			HINT = 'Have the owner of the schema or a superuser install govdisclose, or drop the schema first.';
	END IF;
END
$$;

-- Every role may use the types and functions.
GRANT USAGE ON SCHEMA govdisclose TO PUBLIC;

