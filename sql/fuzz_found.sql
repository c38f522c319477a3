--
-- Bugs the fuzzers found (docs/fuzzing.md), each shown where SQL sees it.
-- The inputs themselves are replayed by tests/fuzz_regressions.sh.
--

-- rules.c quoted at most 40 bytes of an unknown format, and cut a
-- character in half: violations() returned text that is not UTF-8
-- (convert_to raised "invalid byte sequence") and check_report's message
-- and detail carried the broken byte.  38 ASCII bytes, then （ (3 bytes).
SELECT rule, convert_to(message, 'UTF8') IS NOT NULL AS utf8, message
FROM govdisclose.violations(govdisclose.report_from_jsonb(
       jsonb_build_object('format', '20' || repeat('=', 37) || '（五）')))
WHERE rule = 'format_fields';
\set VERBOSITY default
SELECT govdisclose.check_report(govdisclose.report_from_jsonb(
       jsonb_build_object('format', '20' || repeat('=', 37) || '（五）')));
\set VERBOSITY terse
