-- demo/10_analysis.sql: comparing bureaus, on the demo reports in
-- demo.reports(agency text, city text, year int, report govdisclose.report).
-- Roll-ups (report_sum), indicators, trends, and what a published report breaks.
\pset null '∅'
\pset footer off

\echo
\echo '=== Roll-up: each city''s bureaus added cell by cell, per year (report_sum)'
\echo '    公开率 of the roll-up is pooled: all granted over all handled, not a mean of rates'
SELECT city, year, (s).format,
       (s).requests.new_received.total AS "一、本年新收",
       (s).requests.total_handled.total AS "（七）总计",
       (s).appeals.reconsideration.total AS "行政复议",
       round((govdisclose.indicators(s)).disclosure_rate::numeric, 3) AS "公开率"
FROM (SELECT city, year, govdisclose.report_sum(report) AS s
      FROM demo.reports GROUP BY city, year) t
ORDER BY city, year;

\echo
\echo '=== Rank the bureaus of 2025 by 公开率, only those that handled at least 30 applications'
SELECT rank() OVER (ORDER BY i.disclosure_rate DESC) AS rank, agency,
       i.handled, i.granted, i.partially_granted,
       round(i.disclosure_rate::numeric, 3) AS "公开率",
       round(i.not_held_rate::numeric, 3) AS not_held_rate
FROM demo.reports, govdisclose.indicators(report) i
WHERE year = 2025 AND i.handled >= 30
ORDER BY rank, agency;

\echo
\echo '=== Five-year trend of applications handled, per bureau of 东川市 (trend)'
SELECT agency, (t).years, (t).first_value, (t).last_value, (t).change,
       round((t).cagr::numeric, 3) AS cagr, round((t).slope::numeric, 1) AS slope,
       round((t).r2::numeric, 2) AS r2
FROM (SELECT agency, govdisclose.trend(year, (govdisclose.indicators(report)).handled) AS t
      FROM demo.reports WHERE city = '东川市' AND year BETWEEN 2021 AND 2025
      GROUP BY agency) x
ORDER BY (t).slope DESC;

\echo
\echo '=== Every indicator''s trend for a whole city at once (report_trend), a few shown'
SELECT (it).indicator, ((it).trend).first_year, ((it).trend).last_year,
       ((it).trend).first_value, ((it).trend).last_value, ((it).trend).missing_years
FROM (SELECT unnest(govdisclose.report_trend(report)) AS it
      FROM demo.reports WHERE city = '南岭市') x
WHERE (it).indicator IN ('handled', 'disclosure_rate', 'denial_rate', 'fees_10k_yuan');

\echo
\echo '=== The bureaus whose published reports break a rule, and what breaks'
SELECT agency, year, v.rule, v.expected, v.actual, v.cells[array_length(v.cells, 1)] AS checked_cell
FROM demo.reports, govdisclose.violations(report) v
WHERE v.severity = 'error'
ORDER BY agency, year, v.rule;

\echo
\echo '=== Year to year (continuity): how often each cross-year rule warns, over all consecutive reports'
SELECT c.rule, c.severity, count(*) AS findings, count(DISTINCT cur.agency) AS agencies
FROM demo.reports cur
JOIN demo.reports prev ON prev.agency = cur.agency AND prev.year = cur.year - 1,
     govdisclose.continuity(prev.report, cur.report) c
GROUP BY c.rule, c.severity ORDER BY c.rule, c.severity;
SELECT cur.agency, cur.year, c.rule, c.severity, c.message
FROM demo.reports cur
JOIN demo.reports prev ON prev.agency = cur.agency AND prev.year = cur.year - 1,
     govdisclose.continuity(prev.report, cur.report) c
WHERE cur.agency = '南岭市生态环境局' AND cur.year IN (2021, 2023) AND c.cells[1] LIKE '%total'
   OR (cur.agency = '南岭市生态环境局' AND c.severity = 'unassessable')
ORDER BY cur.year, c.rule;
