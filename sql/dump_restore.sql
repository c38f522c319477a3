--
-- pg_dump and pg_restore of a database holding reports: the restore runs
-- with an empty search_path and re-checks every stored report
--
\set r21 `cat tests/fixtures/report-2021.json`
\set r19 `cat tests/fixtures/report-2019.json`
SELECT current_database() AS home \gset
SET client_min_messages = warning;
DROP DATABASE IF EXISTS regress_gd_src;
DROP DATABASE IF EXISTS regress_gd_dst;
DROP DATABASE IF EXISTS regress_gd_plain;
RESET client_min_messages;
CREATE DATABASE regress_gd_src TEMPLATE template0 ENCODING 'UTF8';
\c regress_gd_src
CREATE EXTENSION govdisclose;
CREATE SCHEMA office;
CREATE TABLE office.filed (id int PRIMARY KEY, r govdisclose.valid_report NOT NULL);
CREATE TABLE office.checked (id int PRIMARY KEY,
    r govdisclose.report CONSTRAINT report_adds_up CHECK (govdisclose.check_report(r)));
CREATE TABLE office.published (id int PRIMARY KEY, r govdisclose.report);
CREATE INDEX ON office.filed ((((r).agency)));
CREATE VIEW office.audit AS
    SELECT p.id, v.rule, v.severity FROM office.published p, govdisclose.violations(p.r) v;
INSERT INTO office.filed VALUES (1, govdisclose.report_from_jsonb(:'r21')), (2, govdisclose.report_from_jsonb(:'r19'));
INSERT INTO office.checked SELECT * FROM office.filed;
INSERT INTO office.published SELECT id, r FROM office.filed
    UNION ALL SELECT 3, govdisclose.report_from_jsonb(jsonb_set(:'r21', '{appeals,reconsideration,total}', '7'));

\! pg_dump --format=custom --file=results/dump_restore.custom regress_gd_src
\! pg_dump --format=plain --file=results/dump_restore.sql regress_gd_src
\c :home
CREATE DATABASE regress_gd_dst TEMPLATE template0 ENCODING 'UTF8';
CREATE DATABASE regress_gd_plain TEMPLATE template0 ENCODING 'UTF8';
\! pg_restore --exit-on-error --dbname=regress_gd_dst results/dump_restore.custom
\! psql -X -q -v ON_ERROR_STOP=1 --dbname=regress_gd_plain --file=results/dump_restore.sql >/dev/null

\c regress_gd_dst
SELECT extname, extversion, extnamespace::regnamespace FROM pg_extension WHERE extname = 'govdisclose';
SELECT (SELECT count(*) FROM office.filed) AS filed, (SELECT count(*) FROM office.checked) AS checked,
       (SELECT count(*) FROM office.published) AS published;
SELECT * FROM office.audit ORDER BY id, rule;
SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint
WHERE conrelid = 'office.checked'::regclass AND contype = 'c';
-- the constraints still refuse a broken report after the restore
INSERT INTO office.filed VALUES (9, govdisclose.report_from_jsonb(jsonb_set(:'r19', '{appeals,reconsideration,total}', '0')));
INSERT INTO office.checked VALUES (9, govdisclose.report_from_jsonb(jsonb_set(:'r19', '{appeals,reconsideration,total}', '0')));
-- and the restored reports are the dumped ones
SELECT count(*) FROM office.filed f WHERE to_jsonb(f.r) IN (:'r21'::jsonb, :'r19'::jsonb);

\c regress_gd_plain
SELECT (SELECT count(*) FROM office.filed) AS filed, (SELECT count(*) FROM office.checked) AS checked;
INSERT INTO office.filed VALUES (9, govdisclose.report_from_jsonb(jsonb_set(:'r19', '{appeals,reconsideration,total}', '0')));

-- a restore with an empty search_path checks data the same way
SET search_path = '';
INSERT INTO office.checked VALUES (10, govdisclose.report_from_jsonb(jsonb_set(:'r21', '{requests,granted,total}', '1')));
INSERT INTO office.checked VALUES (10, govdisclose.report_from_jsonb(:'r21'));
RESET search_path;

\c :home
DROP DATABASE regress_gd_src;
DROP DATABASE regress_gd_dst;
DROP DATABASE regress_gd_plain;
