-- pgTAP: a table of broken reports, one wrong or blank cell each, spread
-- over tables 二, 三 and 四 and both formats.  Each is refused by
-- check_report with SQLSTATE 23514, and violations() names its rule and cell.
\set r21 `cat tests/fixtures/report-2021.json`
\set r19 `cat tests/fixtures/report-2019.json`
BEGIN;

CREATE TEMP TABLE fixture (format text PRIMARY KEY, j jsonb NOT NULL);
INSERT INTO fixture VALUES ('2021', :'r21'), ('2019', :'r19');

CREATE TEMP TABLE broken (
    n serial PRIMARY KEY,
    format text NOT NULL,
    cell text NOT NULL,         -- the key path of the one changed cell
    value jsonb NOT NULL,       -- its new value
    rule text NOT NULL          -- a rule this breaks
);
INSERT INTO broken (format, cell, value, rule) VALUES
    -- 2021, table 三
    ('2021', 'requests.new_received.natural_person',            '42',   'requests_balance'),
    ('2021', 'requests.carried_over.total',                     '5',    'requests_balance'),
    ('2021', 'requests.carried_forward.other_org',              '1',    'requests_balance'),
    ('2021', 'requests.total_handled.legal_service_org',        '3',    'requests_balance'),
    ('2021', 'requests.granted.commercial_enterprise',          '4',    'requests_row_total'),
    ('2021', 'requests.partially_granted.total',                '3',    'requests_row_total'),
    ('2021', 'requests.denied.state_secret.research_institution', '1',  'requests_outcomes'),
    ('2021', 'requests.denied.process_information.total',       '1',    'requests_outcomes'),
    ('2021', 'requests.unable_to_provide.not_held.natural_person', '9', 'requests_outcomes'),
    ('2021', 'requests.not_processed.excessive_repeated.other_org', '2', 'requests_row_total'),
    ('2021', 'requests.other_handling.unpaid_fee.total',        '1',    'requests_outcomes'),
    ('2021', 'requests.other_handling.overdue_amendment.natural_person', '0', 'requests_outcomes'),
    ('2021', 'requests.carried_forward.total',                  '-1',   'nonnegative'),
    -- 2021, table 四
    ('2021', 'appeals.reconsideration.upheld',                  '3',    'appeals_total'),
    ('2021', 'appeals.litigation_direct.pending',               '1',    'appeals_total'),
    ('2021', 'appeals.litigation_after_reconsideration.total',  '2',    'appeals_total'),
    -- 2021, table 二 and the title
    ('2021', 'proactive.regulations.issued',                    '-1',   'nonnegative'),
    ('2021', 'proactive.licensing.decisions',                   '-5',   'nonnegative'),
    ('2021', 'proactive.fees.amount_10k_yuan',                  '-0.01', 'nonnegative'),
    ('2021', 'proactive.regulations.made',                      '1',    'format_fields'),
    ('2021', 'proactive.normative_documents.in_force',          'null', 'required_cells'),
    ('2021', 'proactive.penalties.decisions',                   'null', 'required_cells'),
    ('2021', 'agency',                                          'null', 'required_cells'),
    ('2021', 'year',                                            'null', 'required_cells'),
    ('2021', 'format',                                          '"2022"', 'format_fields'),
    -- 2019, table 三
    ('2019', 'requests.new_received.total',                     '14',   'requests_balance'),
    ('2019', 'requests.carried_forward.natural_person',         '1',    'requests_balance'),
    ('2019', 'requests.granted.natural_person',                 '7',    'requests_outcomes'),
    ('2019', 'requests.denied.third_party_rights.total',        '0',    'requests_outcomes'),
    ('2019', 'requests.other_handling.other.natural_person',    '2',    'requests_outcomes'),
    ('2019', 'requests.total_handled.total',                    '12',   'requests_outcomes'),
    ('2019', 'requests.other_handling.unpaid_fee.total',        '0',    'format_fields'),
    ('2019', 'requests.unable_to_provide.requires_compilation.legal_service_org', 'null', 'required_cells'),
    -- 2019, table 四
    ('2019', 'appeals.reconsideration.total',                   '2',    'appeals_total'),
    ('2019', 'appeals.litigation_direct.upheld',                '1',    'appeals_total'),
    -- 2019, table 二
    ('2019', 'proactive.licensing.decisions',                   '-1',   'nonnegative'),
    ('2019', 'proactive.procurement.amount',                    '-3',   'nonnegative'),
    ('2019', 'proactive.procurement.projects',                  '-2',   'nonnegative'),
    ('2019', 'proactive.fees.amount_10k_yuan',                  '1',    'format_fields'),
    ('2019', 'proactive.normative_documents.issued',            '2',    'format_fields'),
    ('2019', 'proactive.other_services.prior_items',            'null', 'required_cells');

-- each case as a report document
CREATE TEMP VIEW cases AS
    SELECT b.*, jsonb_set(f.j, string_to_array(b.cell, '.'), b.value) AS doc
    FROM broken b JOIN fixture f USING (format);

SELECT plan(3 + (SELECT count(*)::int FROM fixture) + 3 * (SELECT count(*)::int FROM broken));

SELECT cmp_ok((SELECT count(*)::int FROM broken), '>=', 30, 'at least 30 broken reports');
SELECT is((SELECT count(DISTINCT format)::int FROM broken), 2, 'both formats are covered');
SELECT is((SELECT count(DISTINCT split_part(cell, '.', 1))::int FROM broken
           WHERE split_part(cell, '.', 1) IN ('proactive', 'requests', 'appeals')),
          3, 'tables 二, 三 and 四 are covered');
-- every unbroken fixture passes, so that each refusal below is the changed cell's
SELECT lives_ok(format('SELECT govdisclose.check_report(govdisclose.report_from_jsonb(%L))', j),
                format('the unbroken %s fixture passes', format))
FROM fixture ORDER BY format;

-- each broken case: the cell really changed, check_report refuses it with
-- 23514, and violations() names the rule and the cell
SELECT isnt(c.doc #> string_to_array(c.cell, '.'), f.j #> string_to_array(c.cell, '.'),
            format('case %s (%s): %s changed to %s', c.n, c.format, c.cell, c.value))
FROM cases c JOIN fixture f USING (format) ORDER BY c.n;
SELECT throws_ok(format('SELECT govdisclose.check_report(govdisclose.report_from_jsonb(%L))', c.doc),
                 '23514', NULL,
                 format('case %s (%s): %s = %s is refused with 23514', c.n, c.format, c.cell, c.value))
FROM cases c ORDER BY c.n;
SELECT ok(EXISTS (SELECT FROM govdisclose.violations(govdisclose.report_from_jsonb(c.doc)) v
                  WHERE v.rule = c.rule AND v.severity IN ('error', 'unassessable')
                    AND (c.cell = ANY (v.cells) OR c.rule = 'format_fields')),
          format('case %s (%s): %s breaks %s', c.n, c.format, c.cell, c.rule))
FROM cases c ORDER BY c.n;

SELECT * FROM finish();
ROLLBACK;
