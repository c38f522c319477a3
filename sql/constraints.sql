--
-- Constraint-enforced storage: the database refuses an inconsistent report
--
\set r21 `cat tests/fixtures/report-2021.json`
\set r19 `cat tests/fixtures/report-2019.json`

-- a column of the domain, and a CHECK on a plain report column
CREATE TABLE filed (id int PRIMARY KEY, r govdisclose.valid_report NOT NULL);
CREATE TABLE checked (id int PRIMARY KEY, r govdisclose.report CHECK (govdisclose.check_report(r)));

INSERT INTO filed VALUES (1, govdisclose.report_from_jsonb(:'r21')), (2, govdisclose.report_from_jsonb(:'r19'));
INSERT INTO checked SELECT * FROM filed;
SELECT id, (r).agency, (r).year, (r).requests.new_received.total FROM filed ORDER BY id;

-- INSERT of a broken report: the error names the rule, cells and figures
INSERT INTO filed VALUES (3, govdisclose.report_from_jsonb(jsonb_set(:'r21', '{requests,total_handled,total}', '50')));
INSERT INTO checked VALUES (3, govdisclose.report_from_jsonb(jsonb_set(:'r21', '{requests,total_handled,total}', '50')));
-- an incomplete one
INSERT INTO filed VALUES (3, govdisclose.report_from_jsonb(jsonb_set(:'r19', '{appeals,reconsideration,upheld}', 'null')));

-- UPDATE that breaks a rule, in the domain column and in the checked column
UPDATE filed SET r = govdisclose.report_from_jsonb(jsonb_set(to_jsonb(r), '{appeals,litigation_direct,total}', '2')) WHERE id = 1;
UPDATE checked SET r = govdisclose.report_from_jsonb(jsonb_set(to_jsonb(r), '{requests,carried_over,other_org}', '1')) WHERE id = 2;
-- UPDATE of a nested field through the composite
UPDATE checked SET r.year = 2024 WHERE id = 1;
UPDATE checked SET r.appeals.reconsideration.total = 3 WHERE id = 1;
-- an UPDATE that keeps the report consistent goes through
UPDATE filed SET r = govdisclose.report_from_jsonb(jsonb_set(to_jsonb(r), '{agency}', '"东川市交通运输局（更正）"')) WHERE id = 1;
SELECT id, (r).agency FROM filed ORDER BY id;

-- COPY: the text form is checked row by row (here the third row breaks
-- requests_balance in column 自然人)
CREATE TABLE staged (id int, j jsonb);
INSERT INTO staged VALUES
  (10, :'r21'),
  (11, :'r19'),
  (12, jsonb_set(jsonb_set(:'r19', '{requests,carried_over,natural_person}', '1'), '{requests,carried_over,total}', '1'));
\copy (SELECT id, govdisclose.report_from_jsonb(j) FROM staged WHERE id < 12 ORDER BY id) TO 'results/constraints_good.copy'
\copy (SELECT id, govdisclose.report_from_jsonb(j) FROM staged ORDER BY id) TO 'results/constraints_bad.copy'
\copy filed FROM 'results/constraints_good.copy'
\copy checked FROM 'results/constraints_good.copy'
\copy filed FROM 'results/constraints_bad.copy'
\copy checked FROM 'results/constraints_bad.copy'
SELECT count(*) FROM filed;
SELECT count(*) FROM checked;
-- binary COPY round-trips the composite
\copy filed TO 'results/constraints.bin' WITH (FORMAT binary)
CREATE TABLE filed_again (LIKE filed);
\copy filed_again FROM 'results/constraints.bin' WITH (FORMAT binary)
SELECT count(*) FROM filed_again a JOIN filed f USING (id) WHERE to_jsonb(a.r) = to_jsonb(f.r);

-- a cast to the domain checks too; NULL passes a CHECK, NOT NULL is the column's business
SELECT govdisclose.report_from_jsonb(jsonb_set(:'r21', '{appeals,reconsideration,total}', '0'))::govdisclose.valid_report;
SELECT NULL::govdisclose.valid_report IS NULL AS null_is_allowed;
INSERT INTO filed VALUES (20, NULL);

-- everything works for a role that is not a superuser
CREATE ROLE regress_gd_clerk;
GRANT INSERT, SELECT, UPDATE ON filed TO regress_gd_clerk;
SET ROLE regress_gd_clerk;
INSERT INTO filed VALUES (30, govdisclose.report_from_jsonb(:'r21'));
INSERT INTO filed VALUES (31, govdisclose.report_from_jsonb(jsonb_set(:'r21', '{requests,granted,natural_person}', '19')));
SELECT count(*), bool_and(govdisclose.is_consistent(r)) FROM filed;
SELECT rule, count(*) FROM filed, govdisclose.violations(r) GROUP BY 1;
SELECT count(*) FROM govdisclose.layout;
RESET ROLE;
DROP TABLE filed, checked, staged, filed_again;
DROP OWNED BY regress_gd_clerk;
DROP ROLE regress_gd_clerk;
