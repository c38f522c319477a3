--
-- The seed report (../shared/seed, a real published report): its expected
-- JSON is read, checked and stored.  Skipped where ../shared is absent.
--
\set have_shared `test -f ../shared/seed/zhumadian-police-2021.expected.json && echo 1 || echo 0`
\if :have_shared
\set seed `cat ../shared/seed/zhumadian-police-2021.expected.json`
-- the canonical JSON comes back (after dropping null leaves: the expected
-- file leaves the narratives out)
SELECT jsonb_strip_nulls(to_jsonb(govdisclose.report_from_jsonb(:'seed'))) = jsonb_strip_nulls(:'seed') AS round_trip;
SELECT (r).agency, (r).year, (r).format, (r).requests.new_received.total,
       (r).proactive.fees.amount_10k_yuan, (r).processing_fee_yuan
FROM (SELECT govdisclose.report_from_jsonb(:'seed') AS r) s;
-- consistent as published, accepted by the domain
SELECT count(*) AS findings FROM govdisclose.violations(govdisclose.report_from_jsonb(:'seed'));
CREATE TABLE seed_filed (r govdisclose.valid_report);
INSERT INTO seed_filed VALUES (govdisclose.report_from_jsonb(:'seed'));
-- and a one-cell change is refused with the official labels
INSERT INTO seed_filed VALUES (govdisclose.report_from_jsonb(jsonb_set(:'seed', '{requests,total_handled,total}', '6')));
DROP TABLE seed_filed;
\else
\echo 'SKIP: ../shared/seed not found; the seed report tests are skipped'
\endif
