--
-- indicators(report) and the view indicator_definitions
--
-- every indicator with its formula
SELECT "position", indicator, kind, numerator, denominator
FROM govdisclose.indicator_definitions ORDER BY "position";
-- the composite type has exactly these columns, in this order
SELECT array_agg(attname::text ORDER BY attnum) =
	   (SELECT array_agg(indicator ORDER BY "position") FROM govdisclose.indicator_definitions)
	   AS type_matches_definitions
FROM pg_attribute WHERE attrelid = 'govdisclose.indicators'::regclass AND attnum > 0;

-- A 2021 report written by hand (invented figures): every column of table 三
-- is 总计 only, the applicant columns blank, except 自然人 of 一、本年新收.
CREATE TABLE r2021 AS SELECT govdisclose.report_from_jsonb('{
	"format": "2021", "agency": "甲市公安局", "year": 2022,
	"proactive": {
		"regulations": {"issued": 2, "repealed": 1, "in_force": 30},
		"normative_documents": {"issued": 5, "repealed": 0, "in_force": 41},
		"licensing": {"decisions": 120}, "penalties": {"decisions": 35},
		"enforcement": {"decisions": 4}, "fees": {"amount_10k_yuan": 12.5}},
	"requests": {
		"new_received": {"natural_person": 80, "total": 100},
		"carried_over": {"total": 10},
		"granted": {"total": 40}, "partially_granted": {"total": 20},
		"denied": {"state_secret": {"total": 1}, "prohibited_by_law": {"total": 0},
				   "endangers_security": {"total": 0}, "third_party_rights": {"total": 2},
				   "internal_affairs": {"total": 0}, "process_information": {"total": 3},
				   "enforcement_case_files": {"total": 0}, "administrative_inquiry": {"total": 4}},
		"unable_to_provide": {"not_held": {"total": 15}, "requires_compilation": {"total": 2},
							  "unclear_after_amendment": {"total": 1}},
		"not_processed": {"petition_or_complaint": {"total": 3}, "duplicate": {"total": 2},
						  "publication": {"total": 0}, "excessive_repeated": {"total": 0},
						  "confirm_or_reissue": {"total": 1}},
		"other_handling": {"overdue_amendment": {"total": 1}, "unpaid_fee": {"total": 0},
						   "other": {"total": 1}},
		"total_handled": {"total": 96},
		"carried_forward": {"total": 14}},
	"appeals": {
		"reconsideration": {"upheld": 3, "corrected": 1, "other": 0, "pending": 1, "total": 5},
		"litigation_direct": {"upheld": 2, "corrected": 1, "other": 0, "pending": 2, "total": 5},
		"litigation_after_reconsideration": {"upheld": 1, "corrected": 0, "other": 0, "pending": 0, "total": 1}}
}') AS r;
SELECT (govdisclose.indicators(r)).* FROM r2021 \gx

-- the same figures in a 2019 report: *_issued from .made, no fee amount,
-- 其他处理 a single row
CREATE TABLE r2019 AS SELECT govdisclose.report_from_jsonb('{
	"format": "2019", "agency": "甲市公安局", "year": 2020,
	"proactive": {
		"regulations": {"made": 2, "published": 2, "published_total": 30},
		"normative_documents": {"made": 5, "published": 5, "published_total": 41},
		"licensing": {"prior_items": 10, "change": -1, "decisions": 120},
		"fees": {"prior_items": 3, "change": 0}},
	"requests": {
		"new_received": {"natural_person": 0, "total": 0},
		"carried_over": {"total": 0},
		"granted": {"total": 0}, "partially_granted": {"total": 0},
		"other_handling": {"other": {"total": 0}},
		"total_handled": {"total": 0}, "carried_forward": {"total": 0}},
	"appeals": {
		"reconsideration": {"upheld": 0, "corrected": 0, "other": 0, "pending": 2, "total": 2}}
}') AS r;
SELECT i.regulations_issued, i.normative_documents_issued, i.licensing_decisions,
	   i.penalty_decisions, i.fees_10k_yuan, i.other_handling, i.handled,
	   i.disclosure_rate, i.carry_forward_rate, i.natural_person_share,
	   i.denied, i.denial_rate, i.reconsideration_total, i.reconsideration_correction_rate,
	   i.litigation_total, i.combined_correction_rate
FROM r2019, govdisclose.indicators(r) i;

-- rates of a roll-up are pooled: the ratio of the sums, not the mean of the rates
SELECT i.handled, i.granted, i.partially_granted, i.disclosure_rate
FROM (SELECT govdisclose.report_sum(r) s FROM (
	SELECT r FROM r2021
	UNION ALL SELECT govdisclose.report_from_jsonb('{"format": "2021", "requests": {
		"granted": {"total": 4}, "partially_granted": {"total": 0}, "total_handled": {"total": 4}}}')) y) x,
	govdisclose.indicators(s) i;

-- a rate with a zero or blank denominator is NULL; a count with a blank cell is NULL
SELECT i.handled, i.disclosure_rate, i.granted, i.denied
FROM govdisclose.indicators(govdisclose.report_from_jsonb('{"format": "2021", "requests": {
	"granted": {"total": 0}, "partially_granted": {"total": 0}, "total_handled": {"total": 0},
	"denied": {"state_secret": {"total": 1}}}}')) i;
-- a report of neither format has no indicators
SELECT govdisclose.indicators(govdisclose.report_from_jsonb('{"agency": "甲市公安局"}'));
SELECT govdisclose.indicators(govdisclose.report_from_jsonb('{"format": "2023"}'));
-- a count beyond bigint is an error, not a wrap
SELECT govdisclose.indicators(govdisclose.report_from_jsonb('{"format": "2021", "appeals": {
	"litigation_direct": {"total": 9223372036854775807},
	"litigation_after_reconsideration": {"total": 1}}}'));
-- rates of counts near the limit are still computed exactly enough
SELECT (govdisclose.indicators(govdisclose.report_from_jsonb('{"format": "2021", "requests": {
	"granted": {"total": 9223372036854775807}, "partially_granted": {"total": 9223372036854775807},
	"total_handled": {"total": 9223372036854775807}}}'))).disclosure_rate;

-- clean up: later tests drop and re-create the extension
DROP TABLE r2021, r2019;
