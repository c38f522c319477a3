--
-- govdisclose is a trusted extension: an unprivileged role with CREATE on
-- the database may install it, and the install script (which then runs as
-- the bootstrap superuser) must not be capturable through search_path.
-- Modelled on contrib/seg's security test.
--
DROP EXTENSION govdisclose;
CREATE ROLE regress_gd_owner;
SELECT current_database() AS datname \gset
GRANT CREATE ON DATABASE :"datname" TO regress_gd_owner;
SET ROLE regress_gd_owner;
CREATE SCHEMA regress_gd_trap;
-- traps: anything the script might call without a schema, first in the path
CREATE FUNCTION regress_gd_trap.trap(oid, regclass) RETURNS boolean LANGUAGE plpgsql AS
  'BEGIN RAISE EXCEPTION ''trap called by %'', current_user; END';
CREATE OPERATOR regress_gd_trap.= (LEFTARG = oid, RIGHTARG = regclass, PROCEDURE = regress_gd_trap.trap);
CREATE FUNCTION regress_gd_trap.trap2(oid, oid) RETURNS boolean LANGUAGE plpgsql AS
  'BEGIN RAISE EXCEPTION ''trap2 called by %'', current_user; END';
CREATE OPERATOR regress_gd_trap.= (LEFTARG = oid, RIGHTARG = oid, PROCEDURE = regress_gd_trap.trap2);
CREATE OPERATOR regress_gd_trap.<> (LEFTARG = oid, RIGHTARG = oid, PROCEDURE = regress_gd_trap.trap2);
CREATE FUNCTION regress_gd_trap.regclass(text) RETURNS regclass LANGUAGE plpgsql AS
  'BEGIN RAISE EXCEPTION ''regclass() called by %'', current_user; END';
CREATE FUNCTION regress_gd_trap.jsonb_typeof(jsonb) RETURNS text LANGUAGE plpgsql AS
  'BEGIN RAISE EXCEPTION ''jsonb_typeof() called by %'', current_user; END';
SET search_path = regress_gd_trap, public;

-- install it from inside a function, as the seg test does
CREATE FUNCTION regress_gd_trap.install() RETURNS int LANGUAGE plpgsql AS $$
BEGIN
  CREATE EXTENSION govdisclose;
  RETURN 1;
END $$;
SELECT regress_gd_trap.install();
RESET search_path;

-- installed, usable by the role, its objects owned by the bootstrap superuser
SELECT e.extname, pg_get_userbyid(e.extowner) AS extension_owner,
       (SELECT count(*) FROM pg_proc p WHERE p.pronamespace = 'govdisclose'::regnamespace
          AND pg_get_userbyid(p.proowner) = 'regress_gd_owner') AS functions_owned_by_caller
FROM pg_extension e WHERE e.extname = 'govdisclose';
SELECT govdisclose.is_consistent(govdisclose.report_from_jsonb('{"format": "2021"}'));
RESET ROLE;

-- a schema govdisclose that already holds objects is refused: they could
-- impersonate ours (here the role made the schema before the extension)
DROP EXTENSION govdisclose;
DROP SCHEMA govdisclose;
SET ROLE regress_gd_owner;
CREATE SCHEMA govdisclose;
CREATE FUNCTION govdisclose.check_report(anyelement) RETURNS boolean LANGUAGE sql AS 'SELECT true';
RESET ROLE;
CREATE EXTENSION govdisclose;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT count(*) AS installed FROM pg_extension WHERE extname = 'govdisclose';
DROP SCHEMA govdisclose CASCADE;

-- an empty schema govdisclose made by another role: a role that is not a
-- superuser may not install into it (its owner could add overloads that
-- our callers would reach); a superuser may, with a warning (a restore)
CREATE ROLE regress_gd_other;
GRANT CREATE ON DATABASE :"datname" TO regress_gd_other;
SET ROLE regress_gd_owner;
CREATE SCHEMA govdisclose;
SET ROLE regress_gd_other;
CREATE EXTENSION govdisclose;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
RESET ROLE;
SELECT count(*) AS installed FROM pg_extension WHERE extname = 'govdisclose';
CREATE EXTENSION govdisclose;
SELECT count(*) AS installed FROM pg_extension WHERE extname = 'govdisclose';
DROP EXTENSION govdisclose;
DROP SCHEMA govdisclose;
-- a schema the installing role owns itself, made before, is fine
SET ROLE regress_gd_other;
CREATE SCHEMA govdisclose;
CREATE EXTENSION govdisclose;
SELECT pg_get_userbyid(e.extowner) AS extension_owner,
       pg_get_userbyid(n.nspowner) AS schema_owner
FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
WHERE e.extname = 'govdisclose';
DROP EXTENSION govdisclose;
DROP SCHEMA govdisclose;
RESET ROLE;
REVOKE CREATE ON DATABASE :"datname" FROM regress_gd_other;
DROP ROLE regress_gd_other;

-- put things back as the other tests expect them
DROP SCHEMA regress_gd_trap CASCADE;
DROP OWNED BY regress_gd_owner;
DROP ROLE regress_gd_owner;
CREATE EXTENSION govdisclose;
