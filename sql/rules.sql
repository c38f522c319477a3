--
-- Every rule of the contract, in both formats: a passing and a failing case
--
\set r21 `cat tests/fixtures/report-2021.json`
\set r19 `cat tests/fixtures/report-2019.json`

-- findings of a JSON document, and check_report's verdict on it
CREATE FUNCTION pg_temp.v(j jsonb) RETURNS SETOF govdisclose.violation
LANGUAGE sql AS $$ SELECT * FROM govdisclose.violations(govdisclose.report_from_jsonb(j)) $$;
CREATE FUNCTION pg_temp.c(j jsonb) RETURNS boolean
LANGUAGE sql AS $$ SELECT govdisclose.check_report(govdisclose.report_from_jsonb(j)) $$;
CREATE FUNCTION pg_temp.ok(j jsonb) RETURNS boolean
LANGUAGE sql AS $$ SELECT govdisclose.is_consistent(govdisclose.report_from_jsonb(j)) $$;

-- passing: both fixtures are complete and consistent
SELECT * FROM pg_temp.v(:'r21');
SELECT * FROM pg_temp.v(:'r19');
SELECT pg_temp.ok(:'r21'), pg_temp.c(:'r21'), pg_temp.ok(:'r19'), pg_temp.c(:'r19');

-- requests_balance: 一 + 二 = （七） + 四, per column
-- (2021: one more application carried forward by a natural person)
SELECT jsonb_set(jsonb_set(:'r21', '{requests,carried_forward,natural_person}', '2'),
                 '{requests,carried_forward,total}', '3') AS broken \gset
SELECT rule, severity, cells, expected, actual, message FROM pg_temp.v(:'broken');
SELECT pg_temp.ok(:'broken');
SELECT pg_temp.c(:'broken');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- (2019: two more new applications from natural persons)
SELECT jsonb_set(jsonb_set(:'r19', '{requests,new_received,natural_person}', '14'),
                 '{requests,new_received,total}', '15') AS broken \gset
SELECT rule, expected, actual, message FROM pg_temp.v(:'broken');
SELECT pg_temp.c(:'broken');

-- requests_row_total: 总计 = the six applicant columns, per row
SELECT jsonb_set(:'r21', '{requests,granted,total}', '22') AS broken \gset
SELECT rule, expected, actual, message FROM pg_temp.v(:'broken');
SELECT pg_temp.c(:'broken');
SELECT jsonb_set(:'r19', '{requests,partially_granted,commercial_enterprise}', '1') AS broken \gset
SELECT rule, expected, actual, message FROM pg_temp.v(:'broken');

-- requests_outcomes: （七）总计 = the outcome rows, per column; the sub-rows
-- of a group count, the group label does not
SELECT jsonb_set(jsonb_set(:'r21', '{requests,denied,state_secret,natural_person}', '1'),
                 '{requests,denied,state_secret,total}', '1') AS broken \gset
SELECT rule, cells[1:3], expected, actual, message FROM pg_temp.v(:'broken');
SELECT pg_temp.c(:'broken');
-- 2019: （六）其他处理 is one row, requests.other_handling.other
SELECT jsonb_set(jsonb_set(:'r19', '{requests,other_handling,other,natural_person}', '3'),
                 '{requests,other_handling,other,total}', '3') AS broken \gset
SELECT rule, array_length(cells, 1) AS ncells, expected, actual, message FROM pg_temp.v(:'broken');

-- appeals_total: 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结, per group
SELECT jsonb_set(:'r21', '{appeals,reconsideration,total}', '5') AS broken \gset
SELECT rule, cells, expected, actual, message FROM pg_temp.v(:'broken');
SELECT pg_temp.c(:'broken');
SELECT jsonb_set(:'r19', '{appeals,litigation_after_reconsideration,corrected}', '2') AS broken \gset
SELECT rule, expected, actual, message FROM pg_temp.v(:'broken');

-- nonnegative: counts and amounts are never negative ...
SELECT jsonb_set(jsonb_set(:'r21', '{appeals,litigation_direct,upheld}', '-1'),
                 '{appeals,litigation_direct,other}', '2') AS broken \gset
SELECT rule, cells, expected, actual, message FROM pg_temp.v(:'broken');
SELECT pg_temp.c(:'broken');
SELECT rule, cells, actual, message
FROM pg_temp.v(jsonb_set(jsonb_set(:'r21', '{proactive,fees,amount_10k_yuan}', '-0.5'),
                         '{processing_fee_yuan}', '-20'));
-- ... except the 2019 本年增/减 cells, which the fixture has at -4, -1, -2
SELECT pg_temp.ok(:'r19') AS signed_changes_allowed;
SELECT rule, cells, actual, message
FROM pg_temp.v(jsonb_set(:'r19', '{proactive,penalties,decisions}', '-96'));
-- a fee that is not a finite number (only possible through a row constructor)
SELECT v.rule, v.cells, v.expected, v.actual, v.message
FROM (SELECT govdisclose.report_from_jsonb(:'r21') AS r) s,
     LATERAL govdisclose.violations(ROW((s.r).format, (s.r).agency, (s.r).year, (s.r).overview,
            ROW((s.r).proactive.regulations, (s.r).proactive.normative_documents,
                (s.r).proactive.licensing, (s.r).proactive.other_services,
                (s.r).proactive.penalties, (s.r).proactive.enforcement,
                ROW('NaN'::numeric, NULL, NULL)::govdisclose.fee_figures,
                (s.r).proactive.procurement)::govdisclose.proactive,
            (s.r).requests, (s.r).appeals, (s.r).problems, (s.r).other_matters,
            'Infinity'::numeric)::govdisclose.report) v;

-- format_fields: format is 2019 or 2021, and no cell of the other format is filled
SELECT rule, cells, expected, actual, message
FROM pg_temp.v(jsonb_set(jsonb_set(:'r21', '{proactive,regulations,made}', '4'),
                         '{proactive,procurement,amount_unit}', '"元"'));
SELECT pg_temp.c(jsonb_set(:'r21', '{proactive,regulations,made}', '4'));
SELECT rule, cells, message
FROM pg_temp.v(jsonb_set(:'r19', '{requests,other_handling,overdue_amendment,total}', '0'));
SELECT pg_temp.c(jsonb_set(:'r19', '{proactive,fees,amount_10k_yuan}', '1.5'));
SELECT rule, severity, cells, message FROM pg_temp.v(jsonb_set(:'r21', '{format}', '"2020"'));
SELECT pg_temp.ok(jsonb_set(:'r21', '{format}', '"2020"'));
SELECT pg_temp.c(jsonb_set(:'r21', '{format}', '"2020"'));
SELECT rule, severity, cells, message FROM pg_temp.v(:'r21'::jsonb - 'format');
SELECT pg_temp.c(:'r21'::jsonb - 'format');

-- required_cells: a blank cell is unassessable, and so is every equation
-- that needs it; is_consistent looks at errors only, check_report refuses
SELECT jsonb_set(:'r21', '{requests,carried_over,total}', 'null') AS blank \gset
SELECT rule, severity, cells, expected, actual, message FROM pg_temp.v(:'blank');
SELECT pg_temp.ok(:'blank') AS consistent_as_far_as_can_be_told;
SELECT pg_temp.c(:'blank');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT rule, severity, cells, message FROM pg_temp.v(:'r19'::jsonb - 'agency' - 'year');
SELECT pg_temp.c(:'r19'::jsonb - 'year');
SELECT rule, severity, cells, message
FROM pg_temp.v(jsonb_set(:'r19', '{proactive,procurement,projects}', 'null'));
-- optional: the procurement unit, the narratives and the processing fee
SELECT pg_temp.c(jsonb_set(:'r19', '{proactive,procurement,amount_unit}', 'null') - 'overview' - 'problems' - 'other_matters'),
       pg_temp.c(:'r21'::jsonb - 'processing_fee_yuan');
-- a blank cell with a broken equation elsewhere: the error comes first
SELECT pg_temp.c(jsonb_set(:'blank', '{appeals,reconsideration,total}', '9'));
-- an empty report: every required cell is listed
SELECT rule, severity, count(*) FROM pg_temp.v('{"format": "2021"}') GROUP BY 1, 2 ORDER BY 1, 2;
SELECT rule, severity, count(*) FROM pg_temp.v('{"format": "2019"}') GROUP BY 1, 2 ORDER BY 1, 2;

-- a NULL composite anywhere counts as blank cells, never a crash
SELECT rule, severity, count(*)
FROM (SELECT govdisclose.report_from_jsonb(:'r21') AS r) s,
     LATERAL govdisclose.violations(ROW((s.r).format, (s.r).agency, (s.r).year, NULL, NULL,
             ROW(((s.r).requests).new_received, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
                 ((s.r).requests).total_handled, ((s.r).requests).carried_forward)::govdisclose.requests,
             NULL, NULL, NULL, NULL)::govdisclose.report) v
GROUP BY 1, 2 ORDER BY 1, 2;
SELECT govdisclose.violations(NULL::govdisclose.report), govdisclose.is_consistent(NULL), govdisclose.check_report(NULL);

-- sums beyond bigint are compared exactly, never wrapped
SELECT rule, expected, actual, message
FROM pg_temp.v(jsonb_set(jsonb_set(:'r21', '{requests,new_received,natural_person}', '9223372036854775807'),
               '{requests,new_received,total}', '9223372036854775807'))
WHERE rule = 'requests_balance';

-- warnings never decide a verdict: 2021 现行有效件数 below 本年制发件数
SELECT jsonb_set(:'r21', '{proactive,normative_documents,in_force}', '2') AS odd \gset
SELECT rule, severity, cells, expected, actual, message FROM pg_temp.v(:'odd');
SELECT pg_temp.ok(:'odd'), pg_temp.c(:'odd');
-- but a refused report's detail lists them too, marked as warnings
SELECT pg_temp.c(jsonb_set(:'odd', '{appeals,reconsideration,total}', '9'));
