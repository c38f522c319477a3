--
-- continuity(previous, current): cross-year warnings
--
SET client_min_messages = warning;
\set ECHO none
\i tests/gen_reports.sql
\set ECHO all
RESET client_min_messages;

-- Two consecutive 2021-format reports that agree (invented figures).
CREATE TABLE years AS SELECT * FROM (VALUES
(2021, govdisclose.report_from_jsonb('{"format": "2021", "agency": "甲市公安局", "year": 2021,
	"proactive": {"regulations": {"issued": 2, "repealed": 1, "in_force": 30},
				  "normative_documents": {"issued": 5, "repealed": 0, "in_force": 41}},
	"requests": {"carried_forward": {"natural_person": 3, "commercial_enterprise": 1,
		"research_institution": 0, "social_welfare_org": 0, "legal_service_org": 0,
		"other_org": 0, "total": 4}}}')),
(2022, govdisclose.report_from_jsonb('{"format": "2021", "agency": "甲市公安局", "year": 2022,
	"proactive": {"regulations": {"issued": 1, "repealed": 2, "in_force": 29},
				  "normative_documents": {"issued": 6, "repealed": 3, "in_force": 44}},
	"requests": {"carried_over": {"natural_person": 3, "commercial_enterprise": 1,
		"research_institution": 0, "social_welfare_org": 0, "legal_service_org": 0,
		"other_org": 0, "total": 4}}}'))) v(year, r);
SELECT * FROM govdisclose.continuity((SELECT r FROM years WHERE year = 2021),
									 (SELECT r FROM years WHERE year = 2022));

-- carried over against last year's carried forward, in every column
SELECT rule, severity, cells, expected, actual, message
FROM govdisclose.continuity(
	(SELECT r FROM years WHERE year = 2021),
	govdisclose.report_from_jsonb('{"format": "2021", "agency": "甲市公安局", "year": 2022,
	"proactive": {"regulations": {"issued": 1, "repealed": 2, "in_force": 29},
				  "normative_documents": {"issued": 6, "repealed": 3, "in_force": 44}},
	"requests": {"carried_over": {"natural_person": 5, "commercial_enterprise": 1,
		"research_institution": 0, "social_welfare_org": 0, "legal_service_org": 0,
		"other_org": 0, "total": 6}}}'));

-- documents in force: last year's, plus issued, minus repealed (2021 format)
SELECT rule, severity, cells, expected, actual, message
FROM govdisclose.continuity(
	(SELECT r FROM years WHERE year = 2021),
	govdisclose.report_from_jsonb('{"format": "2021", "agency": "甲市公安局", "year": 2022,
	"proactive": {"regulations": {"issued": 1, "repealed": 0, "in_force": 29},
				  "normative_documents": {"issued": 6, "repealed": 3, "in_force": 44}},
	"requests": {"carried_over": {"natural_person": 3, "commercial_enterprise": 1,
		"research_institution": 0, "social_welfare_org": 0, "legal_service_org": 0,
		"other_org": 0, "total": 4}}}'));

-- years not consecutive (also the same year twice), and blank years
SELECT rule, severity, expected, actual, message
FROM govdisclose.continuity((SELECT r FROM years WHERE year = 2021),
	(SELECT row((r).format, (r).agency, 2024, (r).overview, (r).proactive, (r).requests,
				(r).appeals, (r).problems, (r).other_matters, (r).processing_fee_yuan)::govdisclose.report
	 FROM years WHERE year = 2022));
SELECT rule, severity, expected, actual, message
FROM govdisclose.continuity((SELECT r FROM years WHERE year = 2021), (SELECT r FROM years WHERE year = 2021));
SELECT rule, severity, cells, message
FROM govdisclose.continuity((SELECT r FROM years WHERE year = 2021),
	(SELECT row((r).format, (r).agency, NULL, (r).overview, (r).proactive, (r).requests,
				(r).appeals, (r).problems, (r).other_matters, (r).processing_fee_yuan)::govdisclose.report
	 FROM years WHERE year = 2022));

-- 2020 (2019 format) to 2021: the format changes; in_force is not compared
SELECT rule, severity, cells, message
FROM govdisclose.continuity(
	govdisclose.report_from_jsonb('{"format": "2019", "agency": "甲市公安局", "year": 2020,
	"requests": {"carried_forward": {"natural_person": 2, "commercial_enterprise": 0,
		"research_institution": 0, "social_welfare_org": 0, "legal_service_org": 0,
		"other_org": 0, "total": 2}}}'),
	(SELECT r FROM years WHERE year = 2021));

-- blank cells make a check unassessable
SELECT rule, severity, cells, message
FROM govdisclose.continuity(
	govdisclose.report_from_jsonb('{"format": "2021", "year": 2020}'),
	govdisclose.report_from_jsonb('{"format": "2021", "year": 2021,
		"requests": {"carried_over": {"total": 0}}}'))
WHERE 'current.requests.carried_over.total' = ANY (cells) OR rule <> 'carried_over_continuity';

-- generated reports of consecutive years: carried_over is random there, so
-- most columns warn; every warning's figures are the cells' values
WITH pairs AS (
	SELECT gdgen.report(s, '2021') AS prev, gdgen.report(s + 1, '2021') AS cur
	FROM generate_series(1, 20) s)
SELECT count(*) FILTER (WHERE c.severity = 'warning') > 0 AS some_warnings,
	   bool_and(c.expected = ((p.prev).requests.carried_forward.total)
				OR c.cells[1] <> 'previous.requests.carried_forward.total') AS expected_is_previous
FROM pairs p, govdisclose.continuity(p.prev, p.cur) c
WHERE c.rule = 'carried_over_continuity';
-- NULL reports: no rows (the function is strict)
SELECT count(*) FROM govdisclose.continuity(NULL, (SELECT r FROM years WHERE year = 2021));

-- clean up: later tests drop and re-create the extension
DROP TABLE years;
SET client_min_messages = warning;
DROP SCHEMA gdgen CASCADE;
RESET client_min_messages;
