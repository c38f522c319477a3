#!/bin/bash
# Every reference of the install script is schema-qualified.
#
# CREATE EXTENSION runs the script with search_path = govdisclose, pg_temp
# (pg_catalog first, implicitly), so a caller's schemas cannot reach it; the
# script's own guard refuses a schema govdisclose that already holds objects
# (sql/security.sql).  What remains is the promise the script makes, that it
# names everything with its schema: this test checks that promise directly.
# It runs the built script by hand with a schema of look-alikes searched
# BEFORE pg_catalog:
#   - a trap function for every function and plain aggregate of pg_catalog
#     (same name and argument types, set-returning, variadic and polymorphic
#     ones included; it raises an error when called),
#   - a trap operator for every operator of pg_catalog,
#   - a domain over every base type of pg_catalog, with the type's name,
# so that any unqualified function or operator raises "trap: …", and any
# unqualified type name makes an object depend on the look-alike schema
# (checked in pg_depend afterwards).  A control shows that the traps do
# catch an unqualified reference.  The traps cost as little as the built-in
# functions, so a query keeps its written order of conditions; still, an
# operator in a query of one of the script's DO blocks is caught only if
# the query evaluates it (a condition after one that no row meets is not),
# so those few queries also stay qualified by review, as do calls of the
# functions that take "any" (format, concat, num_nulls), which PL/pgSQL
# cannot imitate.
#
# Uses PGHOST/PGPORT/PGUSER (a superuser) for a scratch database.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
script="$top/extension/govdisclose--1.0.sql"
make -s -C "$top" extension/govdisclose--1.0.sql >/dev/null
db="gd_install_sp_$$"
work=$(mktemp -d)
trap 'rm -rf "$work"; dropdb --if-exists "$db" >/dev/null 2>&1' EXIT
createdb -T template0 -E UTF8 "$db"
fail() {
	echo "FAIL: $*"
	echo "0 passed, 1 failed"
	exit 1
}

# the look-alikes, in schema regress_gd_trap
psql -X -q -v ON_ERROR_STOP=1 -d "$db" <<'SQL' > "$work/traps.out" 2>&1 || { cat "$work/traps.out"; fail "could not make the look-alikes"; }
CREATE SCHEMA regress_gd_trap;
CREATE FUNCTION regress_gd_trap.sprung(what text) RETURNS void LANGUAGE plpgsql AS
	$$BEGIN RAISE EXCEPTION 'trap: unqualified reference to %', what; END$$;
DO $$
DECLARE
	r record;
	n integer := 0;
	args text;
BEGIN
	-- types first: a domain named like each base type (not a pseudo-type)
	FOR r IN SELECT t.typname FROM pg_catalog.pg_type t
			 WHERE t.typnamespace = 'pg_catalog'::regnamespace AND t.typtype = 'b'
			   AND t.typcategory <> 'A' AND t.typname NOT LIKE 'pg\_%'
			   AND t.typname NOT IN ('unknown', 'cstring')
	LOOP
		BEGIN
			EXECUTE format('CREATE DOMAIN regress_gd_trap.%I AS pg_catalog.%I', r.typname, r.typname);
		EXCEPTION WHEN OTHERS THEN NULL;	-- a type no domain can be over
		END;
	END LOOP;
	-- functions: same name and argument types (set-returning, variadic and
	-- polymorphic ones too), except those with arguments plpgsql cannot take
	FOR r IN SELECT p.oid, p.proname, p.prorettype, p.proretset, p.provariadic, p.proargtypes
			 FROM pg_catalog.pg_proc p
			 WHERE p.pronamespace = 'pg_catalog'::regnamespace AND p.prokind = 'f'
			   AND NOT EXISTS (SELECT FROM pg_catalog.pg_type t
							   WHERE t.oid = ANY (p.proargtypes::oid[] || p.prorettype)
								 AND t.typtype = 'p' AND t.typname NOT LIKE 'any_%'
								 AND NOT (t.oid = p.prorettype AND t.typname = 'void'))
	LOOP
		SELECT string_agg(CASE WHEN r.provariadic <> 0 AND x.i = cardinality(r.proargtypes::oid[])
							   THEN 'VARIADIC ' ELSE '' END || format_type(x.a, NULL), ', ' ORDER BY x.i)
		INTO args
		FROM unnest(r.proargtypes::oid[]) WITH ORDINALITY AS x(a, i);
		BEGIN
			EXECUTE format('CREATE FUNCTION regress_gd_trap.%I(%s) RETURNS %s%s LANGUAGE plpgsql COST 1 AS '
						   '$t$BEGIN PERFORM regress_gd_trap.sprung(%L); END$t$',
						   r.proname, coalesce(args, ''), CASE WHEN r.proretset THEN 'SETOF ' ELSE '' END,
						   format_type(r.prorettype, NULL), r.oid::regprocedure::text);
			n := n + 1;
		EXCEPTION WHEN OTHERS THEN NULL;	-- a signature plpgsql cannot take
		END;
	END LOOP;
	-- aggregates (plain ones): a transition function that springs the trap
	FOR r IN SELECT p.oid, p.proname, p.prorettype, p.proargtypes
			 FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_aggregate g ON g.aggfnoid = p.oid
			 WHERE p.pronamespace = 'pg_catalog'::regnamespace AND g.aggkind = 'n'
			   AND p.provariadic = 0
			   AND NOT EXISTS (SELECT FROM pg_catalog.pg_type t
							   WHERE t.oid = ANY (p.proargtypes::oid[] || p.prorettype)
								 AND t.typtype = 'p' AND t.typname NOT LIKE 'any_%')
	LOOP
		SELECT string_agg(format_type(x.a, NULL), ', ' ORDER BY x.i) INTO args
		FROM unnest(r.proargtypes::oid[]) WITH ORDINALITY AS x(a, i);
		BEGIN
			EXECUTE format('CREATE FUNCTION regress_gd_trap.agg_%s(%s) RETURNS %s LANGUAGE plpgsql COST 1 AS '
						   '$t$BEGIN PERFORM regress_gd_trap.sprung(%L); END$t$',
						   r.oid, concat_ws(', ', format_type(r.prorettype, NULL), args),
						   format_type(r.prorettype, NULL), r.oid::regprocedure::text);
			EXECUTE format('CREATE AGGREGATE regress_gd_trap.%I(%s) (SFUNC = regress_gd_trap.agg_%s, STYPE = %s)',
						   r.proname, coalesce(args, '*'), r.oid, format_type(r.prorettype, NULL));
			n := n + 1;
		EXCEPTION WHEN OTHERS THEN NULL;
		END;
	END LOOP;
	RAISE NOTICE 'functions: %', n;
	n := 0;
	-- operators: a trap function of the same argument types behind each
	FOR r IN SELECT o.oid, o.oprname, o.oprleft, o.oprright, o.oprresult
			 FROM pg_catalog.pg_operator o
			 WHERE o.oprnamespace = 'pg_catalog'::regnamespace
			   AND NOT EXISTS (SELECT FROM pg_catalog.pg_type t
							   WHERE t.oid IN (o.oprleft, o.oprright, o.oprresult) AND t.typtype = 'p')
	LOOP
		BEGIN
			EXECUTE format('CREATE FUNCTION regress_gd_trap.op_%s(%s) RETURNS %s LANGUAGE plpgsql COST 1 AS '
						   '$t$BEGIN PERFORM regress_gd_trap.sprung(%L); RETURN NULL; END$t$',
						   r.oid,
						   concat_ws(', ',
									 CASE WHEN r.oprleft <> 0 THEN format_type(r.oprleft, NULL) END,
									 CASE WHEN r.oprright <> 0 THEN format_type(r.oprright, NULL) END),
						   format_type(r.oprresult, NULL), r.oid::regoperator::text);
			EXECUTE format('CREATE OPERATOR regress_gd_trap.%s (%s FUNCTION = regress_gd_trap.op_%s)',
						   r.oprname,
						   concat(CASE WHEN r.oprleft <> 0 THEN format('LEFTARG = %s, ', format_type(r.oprleft, NULL)) END,
								  CASE WHEN r.oprright <> 0 THEN format('RIGHTARG = %s, ', format_type(r.oprright, NULL)) END),
						   r.oid);
			n := n + 1;
		EXCEPTION WHEN OTHERS THEN NULL;
		END;
	END LOOP;
	RAISE NOTICE 'operators: %', n;
END
$$;
SQL
echo "ok - look-alikes made: $(sed -n 's/^NOTICE:  //p' "$work/traps.out" | paste -sd ' ')"

# the control: an unqualified operator, function and type are caught
ctl=$(psql -X -q -d "$db" 2>&1 <<'SQL' || true
SET search_path = regress_gd_trap, pg_catalog;
DO $$ BEGIN IF 'a'::pg_catalog.text = 'b'::pg_catalog.text THEN NULL; END IF; END $$;
SELECT upper('a'::pg_catalog.text);
CREATE TABLE public.control (x text);
RESET search_path;
SELECT count(*) AS on_trap_type FROM pg_catalog.pg_depend d
WHERE d.objid = 'public.control'::pg_catalog.regclass
  AND d.refobjid IN (SELECT t.oid FROM pg_catalog.pg_type t
					 WHERE t.typnamespace = 'regress_gd_trap'::pg_catalog.regnamespace);
SQL
)
case "$ctl" in
*"trap: unqualified reference to =(text,text)"*"trap: unqualified reference to upper(text)"*"on_trap_type"*" 1"*) ;;
*)
	echo "$ctl"
	fail "the look-alikes do not catch unqualified references; this test would show nothing"
	;;
esac
echo "ok - an unqualified operator, function and type are caught by the look-alikes"
psql -X -q -d "$db" -c 'DROP TABLE public.control'

# the install script, by hand, with the look-alikes searched first; the
# schema is made beforehand (by CREATE EXTENSION it would be)
sed -e '/^\\echo Use "CREATE EXTENSION/d' \
	-e "s|MODULE_PATHNAME|\$libdir/govdisclose|g" "$script" > "$work/install.sql"
if ! out=$(psql -X -q -v ON_ERROR_STOP=1 -d "$db" 2>&1 <<SQL
CREATE SCHEMA govdisclose;
SET search_path = regress_gd_trap, pg_catalog;
\i $work/install.sql
SQL
); then
	echo "$out" | grep -v '^psql:.*NOTICE' | head -20
	fail "the install script does not run with look-alikes searched before pg_catalog: it has an unqualified reference"
fi
echo "ok - the install script runs with look-alikes searched before pg_catalog"

deps=$(psql -X -q -At -d "$db" <<'SQL'
SELECT pg_catalog.pg_describe_object(d.classid, d.objid, d.objsubid) || ' -> ' ||
	   pg_catalog.pg_describe_object(d.refclassid, d.refobjid, d.refobjsubid)
FROM pg_catalog.pg_depend d
WHERE d.refobjid IN (SELECT t.oid FROM pg_catalog.pg_type t
					 WHERE t.typnamespace = 'regress_gd_trap'::pg_catalog.regnamespace
					 UNION ALL
					 SELECT p.oid FROM pg_catalog.pg_proc p
					 WHERE p.pronamespace = 'regress_gd_trap'::pg_catalog.regnamespace
					 UNION ALL
					 SELECT o.oid FROM pg_catalog.pg_operator o
					 WHERE o.oprnamespace = 'regress_gd_trap'::pg_catalog.regnamespace)
  AND d.classid <> 'pg_catalog.pg_type'::pg_catalog.regclass	-- the domains' own array types
  AND d.objid NOT IN (SELECT o.oid FROM pg_catalog.pg_operator o
					  WHERE o.oprnamespace = 'regress_gd_trap'::pg_catalog.regnamespace)
  AND d.objid NOT IN (SELECT p.oid FROM pg_catalog.pg_proc p
					  WHERE p.pronamespace = 'regress_gd_trap'::pg_catalog.regnamespace);
SQL
)
if [ -n "$deps" ]; then
	echo "$deps" | head -20
	fail "objects of the install script use look-alikes (an unqualified type, function or operator name)"
fi
objects=$(psql -X -q -At -d "$db" -c "
	SELECT (SELECT count(*) FROM pg_catalog.pg_proc WHERE pronamespace = 'govdisclose'::pg_catalog.regnamespace)
		 + (SELECT count(*) FROM pg_catalog.pg_type WHERE typnamespace = 'govdisclose'::pg_catalog.regnamespace)
		 + (SELECT count(*) FROM pg_catalog.pg_class WHERE relnamespace = 'govdisclose'::pg_catalog.regnamespace)")
[ "$objects" -gt 50 ] || fail "the install script made only $objects objects"
echo "ok - none of the $objects objects it made depends on a look-alike"
echo "1 passed, 0 failed"
