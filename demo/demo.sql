-- make demo: what govdisclose does, on invented demo reports
\pset null '∅'
\pset footer off

\echo
\echo '=== 1. A report is a typed value: every cell of the three official tables is a field'
SELECT agency, year, (report).format,
       (report).requests.new_received.total AS "一、本年新收",
       (report).requests.total_handled.total AS "（七）总计",
       (report).proactive.licensing.decisions AS "行政许可",
       (report).appeals.reconsideration.total AS "行政复议"
FROM demo.reports WHERE agency = '东川市公安局' ORDER BY year;

\echo
\echo '=== 2. Every key maps to its official label, in each format'
SELECT format, key_path, label FROM govdisclose.layout
WHERE key_path IN ('proactive.normative_documents.issued', 'proactive.normative_documents.made',
                   'requests.other_handling.other.total', 'appeals.litigation_direct.pending')
ORDER BY key_path, format;

\echo
\echo '=== 3. The database refuses an inconsistent report, naming the cells in the official labels'
CREATE TABLE demo.filings (agency text, year int, report govdisclose.valid_report NOT NULL);
INSERT INTO demo.filings
SELECT agency, year, report FROM demo.reports WHERE agency = '东川市财政局' AND year = 2025;
\set ON_ERROR_STOP 0
-- one cell typed wrong: 予以公开 by natural persons, one more than published
INSERT INTO demo.filings
SELECT agency, year, govdisclose.report_from_jsonb(jsonb_set(to_jsonb(report),
       '{requests,granted,natural_person}', to_jsonb((report).requests.granted.natural_person + 1)))
FROM demo.reports WHERE agency = '东川市财政局' AND year = 2024;
\set ON_ERROR_STOP 1
SELECT agency, year FROM demo.filings;

\echo
\echo '=== 4. Audit the published reports: every broken or uncheckable rule'
SELECT agency, year, rule, severity, message
FROM demo.reports, govdisclose.violations(report)
WHERE severity <> 'warning'
ORDER BY agency, year, rule;

\echo
\echo '=== 5. The same, one line per report'
SELECT agency, year, govdisclose.is_consistent(report) AS consistent,
       count(v.*) FILTER (WHERE v.severity = 'error') AS errors,
       count(v.*) FILTER (WHERE v.severity = 'unassessable') AS unassessable
FROM demo.reports LEFT JOIN LATERAL govdisclose.violations(report) v ON true
GROUP BY agency, year HAVING count(v.*) > 0 ORDER BY agency, year;
