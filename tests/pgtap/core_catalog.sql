-- pgTAP: the catalog contract of the core (types, functions, views, markings)
BEGIN;
SELECT plan(69);

SELECT has_extension('govdisclose');
SELECT is((SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = 'govdisclose'),
          'govdisclose', 'the extension lives in schema govdisclose');
SELECT is((SELECT trusted FROM pg_available_extension_versions WHERE name = 'govdisclose' AND version = '1.0'),
          true, 'the extension is trusted (see sql/security.sql)');
SELECT is((SELECT relocatable FROM pg_available_extension_versions WHERE name = 'govdisclose' AND version = '1.0'),
          false, 'the extension is not relocatable');
SELECT schema_privs_are('govdisclose', 'public', ARRAY['USAGE'], 'every role may use schema govdisclose');
SELECT is((SELECT requires FROM pg_available_extension_versions WHERE name = 'govdisclose' AND version = '1.0'),
          ARRAY['plpgsql']::name[], 'the extension requires plpgsql (its install checks are DO blocks)');
SELECT matches((SELECT comment FROM pg_available_extensions WHERE name = 'govdisclose'),
               '^[ -~]+$', 'the control file''s comment is printable ASCII (shown in databases of any encoding)');

-- the types of the contract's tree
SELECT has_composite('govdisclose', t, 'composite type govdisclose.' || t)
FROM unnest(ARRAY['report', 'proactive', 'document_counts', 'decision_counts', 'fee_figures',
                  'procurement_figures', 'requests', 'applicant_counts', 'denied_reasons',
                  'unable_reasons', 'not_processed_reasons', 'other_handling_reasons',
                  'appeals', 'appeal_outcomes', 'violation']) AS t;
SELECT has_domain('govdisclose'::name, 'valid_report'::name, 'domain govdisclose.valid_report');
SELECT is((SELECT format_type(typbasetype, typtypmod) FROM pg_type
           WHERE oid = 'govdisclose.valid_report'::regtype),
          'govdisclose.report', 'valid_report is a domain over report');
SELECT is((SELECT pg_get_constraintdef(c.oid) FROM pg_constraint c
           WHERE c.contypid = 'govdisclose.valid_report'::regtype),
          'CHECK (govdisclose.check_report(VALUE))', 'valid_report checks with check_report');
SELECT col_type_is('govdisclose', 'report', 'format', 'text', 'report.format is text');
SELECT col_type_is('govdisclose', 'report', 'year', 'integer', 'report.year is integer');
SELECT col_type_is('govdisclose', 'report', 'processing_fee_yuan', 'numeric', 'report.processing_fee_yuan is numeric');
SELECT col_type_is('govdisclose', 'applicant_counts', 'total', 'bigint', 'counts are bigint');
SELECT col_type_is('govdisclose', 'fee_figures', 'amount_10k_yuan', 'numeric', 'money is numeric');
SELECT col_type_is('govdisclose', 'violation', 'cells', 'text[]', 'violation.cells is text[]');
SELECT columns_are('govdisclose', 'violation',
                   ARRAY['rule', 'severity', 'cells', 'expected', 'actual', 'message'],
                   'violation has the contract''s fields');

-- functions: signature, return type, language, markings
SELECT has_function('govdisclose', 'report_from_jsonb', ARRAY['jsonb']);
SELECT function_returns('govdisclose', 'report_from_jsonb', ARRAY['jsonb'], 'govdisclose.report');
SELECT has_function('govdisclose', 'violations', ARRAY['govdisclose.report']);
SELECT function_returns('govdisclose', 'violations', ARRAY['govdisclose.report'], 'setof govdisclose.violation');
SELECT has_function('govdisclose', 'is_consistent', ARRAY['govdisclose.report']);
SELECT function_returns('govdisclose', 'is_consistent', ARRAY['govdisclose.report'], 'boolean');
SELECT has_function('govdisclose', 'check_report', ARRAY['govdisclose.report']);
SELECT function_returns('govdisclose', 'check_report', ARRAY['govdisclose.report'], 'boolean');

SELECT volatility_is('govdisclose', f, a, 'immutable', f || ' is IMMUTABLE')
FROM (VALUES ('report_from_jsonb', ARRAY['jsonb']), ('violations', ARRAY['govdisclose.report']),
             ('is_consistent', ARRAY['govdisclose.report']), ('check_report', ARRAY['govdisclose.report']),
             ('layout_cells', ARRAY[]::text[]), ('layout_rules', ARRAY[]::text[]),
             ('layout_equations', ARRAY[]::text[])) AS x(f, a);
SELECT is_strict('govdisclose', f, a, f || ' is STRICT')
FROM (VALUES ('report_from_jsonb', ARRAY['jsonb']), ('violations', ARRAY['govdisclose.report']),
             ('is_consistent', ARRAY['govdisclose.report']), ('check_report', ARRAY['govdisclose.report'])) AS x(f, a);
SELECT function_lang_is('govdisclose', f, a, 'c', f || ' is written in C')
FROM (VALUES ('report_from_jsonb', ARRAY['jsonb']), ('violations', ARRAY['govdisclose.report']),
             ('is_consistent', ARRAY['govdisclose.report']), ('check_report', ARRAY['govdisclose.report'])) AS x(f, a);
SELECT is(p.proparallel, 's', p.oid::regprocedure::text || ' is PARALLEL SAFE')
FROM pg_proc p
WHERE p.oid IN ('govdisclose.report_from_jsonb(jsonb)'::regprocedure,
                'govdisclose.violations(govdisclose.report)'::regprocedure,
                'govdisclose.is_consistent(govdisclose.report)'::regprocedure,
                'govdisclose.check_report(govdisclose.report)'::regprocedure,
                'govdisclose.layout_cells()'::regprocedure,
                'govdisclose.layout_rules()'::regprocedure,
                'govdisclose.layout_equations()'::regprocedure)
ORDER BY p.oid;

-- every C function of the extension has a comment, and no function is
-- SECURITY DEFINER (the extension is trusted)
SELECT is((SELECT count(*)::int FROM pg_proc p JOIN pg_depend d ON d.objid = p.oid
           WHERE d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'govdisclose')
             AND d.deptype = 'e' AND obj_description(p.oid, 'pg_proc') IS NULL),
          0, 'every function of the extension has a comment');
SELECT is((SELECT count(*)::int FROM pg_proc p JOIN pg_depend d ON d.objid = p.oid
           WHERE d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'govdisclose')
             AND d.deptype = 'e' AND p.prosecdef),
          0, 'no function of the extension is SECURITY DEFINER');

-- the views
SELECT has_view('govdisclose', 'layout', 'view govdisclose.layout');
SELECT columns_are('govdisclose', 'layout',
                   ARRAY['format', 'section', 'key_path', 'label', 'row_label', 'column_label',
                         'heading', 'kind', 'required', 'position', 'cell']);
SELECT has_view('govdisclose', 'rules', 'view govdisclose.rules');
SELECT has_view('govdisclose', 'equations', 'view govdisclose.equations');
SELECT set_eq('SELECT rule FROM govdisclose.rules WHERE severity <> ''warning''',
              ARRAY['requests_balance', 'requests_row_total', 'requests_outcomes', 'appeals_total',
                    'nonnegative', 'format_fields', 'required_cells'],
              'the rules view lists every rule id of the contract');

SELECT * FROM finish();
ROLLBACK;
