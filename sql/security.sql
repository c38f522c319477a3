--
-- govdisclose is a trusted extension: an unprivileged role with CREATE on
-- the database may install it, and the install script (which then runs as
-- the bootstrap superuser) must not be capturable.  CREATE EXTENSION runs
-- the script with search_path = govdisclose, pg_temp, so the caller's
-- schemas are never searched; what could capture a reference is an object
-- already in schema govdisclose, refused below.  That every reference of
-- the script is schema-qualified is checked by tests/install_search_path.sh
-- (the script run with look-alikes of pg_catalog searched first).
--
DROP EXTENSION govdisclose;
CREATE ROLE regress_gd_owner;
SELECT current_database() AS datname \gset
GRANT CREATE ON DATABASE :"datname" TO regress_gd_owner;
SET ROLE regress_gd_owner;
CREATE SCHEMA regress_gd_trap;
SET search_path = regress_gd_trap, public;

-- install it from inside a function, with the role's own schema first in
-- its path, as contrib/seg's security test does
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
