--
-- report_from_jsonb: the strict reader of the canonical JSON
--
\set r21 `cat tests/fixtures/report-2021.json`
\set r19 `cat tests/fixtures/report-2019.json`

-- canonical documents come back exactly, in both formats
SELECT to_jsonb(govdisclose.report_from_jsonb(:'r21')) = :'r21'::jsonb AS same_2021,
       to_jsonb(govdisclose.report_from_jsonb(:'r19')) = :'r19'::jsonb AS same_2019;
-- through the text form too (what COPY and pg_dump use)
SELECT to_jsonb(govdisclose.report_from_jsonb(:'r21')::text::govdisclose.report) = :'r21'::jsonb AS same_via_text;
-- money keeps its scale exactly as published
SELECT (govdisclose.report_from_jsonb('{"proactive": {"fees": {"amount_10k_yuan": 9.63211}}}')).proactive.fees.amount_10k_yuan,
       (govdisclose.report_from_jsonb('{"proactive": {"fees": {"amount_10k_yuan": 86.2500}}}')).proactive.fees.amount_10k_yuan;

-- a missing key, a JSON null and an object of nulls read alike: every block
-- is a composite of NULL leaves, never a NULL composite
SELECT to_jsonb(govdisclose.report_from_jsonb('{}')) = to_jsonb(govdisclose.report_from_jsonb('{"requests": null, "appeals": {"reconsideration": {}}}')) AS alike,
       (govdisclose.report_from_jsonb('{}')).requests.denied.state_secret IS NOT DISTINCT FROM ROW(NULL,NULL,NULL,NULL,NULL,NULL,NULL)::govdisclose.applicant_counts AS all_null_leaves,
       (govdisclose.report_from_jsonb('{}')).requests.denied IS NOT NULL AS composite_present;
SELECT jsonb_pretty(to_jsonb(govdisclose.report_from_jsonb('{"format": "2019", "appeals": {"litigation_direct": {"pending": 2}}}')) -> 'appeals');
-- 7.0 is the integer 7; -0 is 0; bigint limits are accepted
SELECT (r).requests.new_received.total, (r).year, (r).appeals.reconsideration.upheld, (r).appeals.reconsideration.corrected
FROM (SELECT govdisclose.report_from_jsonb('{"year": 2021.000, "requests": {"new_received": {"total": 7.0}},
      "appeals": {"reconsideration": {"upheld": 9223372036854775807, "corrected": -9223372036854775808}}}') AS r) s;
-- a signed change keeps its sign
SELECT (govdisclose.report_from_jsonb(:'r19')).proactive.licensing.change;
-- NULL in, NULL out
SELECT govdisclose.report_from_jsonb(NULL) IS NULL AS null_report;

-- errors: 22P02 with the key path, 22003 outside bigint
\set VERBOSITY default
SELECT govdisclose.report_from_jsonb('[]');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT govdisclose.report_from_jsonb('"2021"');
SELECT govdisclose.report_from_jsonb('null');
SELECT govdisclose.report_from_jsonb('{"formt": "2021"}');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT govdisclose.report_from_jsonb('{"requests": {"new_received": {"totl": 1}}}');
SELECT govdisclose.report_from_jsonb('{"requests": {"denied": {"state_secret": {"total": 1, "extra": 2}}}}');
SELECT govdisclose.report_from_jsonb('{"requests": {"new_received": {"total": "7"}}}');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT govdisclose.report_from_jsonb('{"requests": {"new_received": {"total": true}}}');
SELECT govdisclose.report_from_jsonb('{"requests": {"new_received": {"total": [7]}}}');
SELECT govdisclose.report_from_jsonb('{"requests": {"new_received": {"total": {"value": 7}}}}');
SELECT govdisclose.report_from_jsonb('{"requests": {"new_received": 7}}');
SELECT govdisclose.report_from_jsonb('{"requests": [1, 2]}');
SELECT govdisclose.report_from_jsonb('{"requests": {"new_received": {"total": 7.5}}}');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT govdisclose.report_from_jsonb('{"requests": {"new_received": {"total": 1e-3}}}');
SELECT govdisclose.report_from_jsonb('{"requests": {"new_received": {"total": 9223372036854775808}}}');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT govdisclose.report_from_jsonb('{"requests": {"new_received": {"total": -9223372036854775809}}}');
SELECT govdisclose.report_from_jsonb('{"requests": {"new_received": {"total": 1e30}}}');
SELECT govdisclose.report_from_jsonb('{"year": 2147483648}');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT govdisclose.report_from_jsonb('{"year": "2021"}');
SELECT govdisclose.report_from_jsonb('{"agency": 12}');
SELECT govdisclose.report_from_jsonb('{"proactive": {"fees": {"amount_10k_yuan": "12.5万元"}}}');
SELECT govdisclose.report_from_jsonb('{"overview": {"text": "x"}}');
-- the message shows at most 200 bytes of a hostile key
SELECT govdisclose.report_from_jsonb(jsonb_build_object(repeat('k', 5000), 1));
SELECT govdisclose.report_from_jsonb(jsonb_build_object(repeat('键', 100), 1));
SELECT govdisclose.report_from_jsonb('{"year": 1e1000}');

-- a 2021 report carrying 2019 fields, and an unknown format: read as
-- written, and the checks give the verdict (see rules.sql)
SELECT (govdisclose.report_from_jsonb(jsonb_set(:'r21', '{proactive,regulations,made}', '4'))).proactive.regulations;
SELECT (govdisclose.report_from_jsonb('{"format": "2020"}')).format;
