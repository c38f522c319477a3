#!/bin/bash
# The round trip of issue 3, item 4: for every style ('markdown', 'html',
# 'text') and every report r of either format,
#     to_jsonb(govdisclose.parse_report(govdisclose.render_report(r, style))) = to_jsonb(r)
#
# 1. The plain-C core (tests/roundtrip_core.c, with AddressSanitizer and
#    UndefinedBehaviorSanitizer when the compiler has them): random reports
#    with hostile text, blanks and figures at the ends of their types.
# 2. In SQL: >= 3000 reports of tools/gen-reports (both formats, complete
#    ones and ones with 10% and 60% blank cells), a tenth of them changed
#    into edge cases (no agency, no year, hostile narratives, no fee, many
#    decimals, the bigint extremes, a procurement unit without an amount),
#    and the empty reports of both formats (every field NULL but format).
#
# On a difference it prints, per style, how many reports differ and the
# first differing key paths with what was written and what was read, and
# exits 1.  Uses PGHOST/PGPORT/PGUSER; creates and drops its own database.
#   tests/roundtrip.sh [reports per generated set (default 1000)] [C iterations (default 2000)]
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-1000}
iterations=${2:-2000}
status=0

db_prefix=gd_roundtrip
. "$top/tests/lib/scratch_db.sh"

# --- 1. the plain-C core ------------------------------------------------
cc=${HOST_CC:-cc}
san=""
if echo 'int main(void){return 0;}' | $cc -fsanitize=address,undefined -x c - -o "$tmp/probe" 2>/dev/null; then
	san="-fsanitize=address,undefined -fno-sanitize-recover=all"
fi
if ! $cc -std=c99 -D_GNU_SOURCE -O1 -g $san -Wall -Wextra -Werror \
	-I"$top/extension" -I"$top/tests/lib" -o "$tmp/roundtrip_core" \
	"$top/tests/roundtrip_core.c" "$top/extension/render.c" "$top/extension/parse.c" \
	"$top/extension/fold.c" "$top/extension/fold_table.c" "$top/extension/layout.c" \
	"$top/extension/rules.c"; then
	echo "FAIL: tests/roundtrip_core.c does not build"
	exit 1
fi
ASAN_OPTIONS=detect_leaks=1 "$tmp/roundtrip_core" "$iterations" 7 || status=1

# --- 2. in SQL, over generated reports --------------------------------
gen="$top/tools/gen-reports"
if [ ! -x "$gen" ]; then
	make -s -C "$top" tools/gen-reports >/dev/null || { echo "FAIL: cannot build tools/gen-reports"; exit 1; }
fi
psql -X -q -v ON_ERROR_STOP=1 -d $db >/dev/null <<EOF || { echo "FAIL: could not load the reports"; exit 1; }
CREATE TABLE gen (id serial PRIMARY KEY, j jsonb);
\copy gen(j) FROM PROGRAM '$gen --count $n --seed 31 --format 2021'
\copy gen(j) FROM PROGRAM '$gen --count $n --seed 32 --format 2019 --blanks 10'
\copy gen(j) FROM PROGRAM '$gen --count $n --seed 33 --format mixed --blanks 10'
\copy gen(j) FROM PROGRAM '$gen --count $((n / 5 + 1)) --seed 34 --format mixed --blanks 60'
EOF
psql -X -q -v ON_ERROR_STOP=1 -d $db >/dev/null <<'EOF' || { echo "FAIL: could not make the edge cases"; exit 1; }
-- hostile narrative lines: what a reader trims, drops or takes for structure
CREATE TABLE hostile (k int, t text);
INSERT INTO hostile VALUES
	(0, E'第一段。\n\n第三段，前一段是空的。'),
	(1, E'  前后有空格的一行  '),
	(2, E'\\以反斜杠开头 \\u{41} 不是转义'),
	(3, E'# 像标题的一行\n## 另一行'),
	(4, E'二、主动公开政府信息情况'),
	(5, E'总体情况如下。三、收到和处理政府信息公开申请情况，见下表。'),
	(6, E'本年度收取信息处理费100元。'),
	(7, E'本年度未收取信息处理费。'),
	(8, E'表格\t一行|第二格<b>&amp;</b>\r\n'),
	(9, E'朝阳區(qū)的注音、零宽\u200b空格、软\u00ad连字符'),
	(10, ''),
	(11, E'\n'),
	(12, E'｜全角边框｜'),
	(13, E'驻马店市公安局2021年政府信息公开工作年度报告'),
	(14, E'1.属于国家秘密\t3\t0\t0\t0\t0\t0\t3'),
	(15, E'\u3000\u3000缩进的段落。'),
	(16, E'他说：\\''好\\''，\\"行\\"。'),
	(17, E'统一,规范,一、二季度');
CREATE TABLE cases (id int, j jsonb);
INSERT INTO cases
SELECT id, CASE id % 10
	WHEN 1 THEN j - 'agency'
	WHEN 2 THEN j - 'year'
	WHEN 3 THEN j || jsonb_build_object(
		'overview', (SELECT t FROM hostile WHERE k = id % 18),
		'problems', (SELECT t FROM hostile WHERE k = (id / 10) % 18),
		'other_matters', (SELECT t FROM hostile WHERE k = (id / 100 + 6) % 18))
	WHEN 4 THEN j - 'processing_fee_yuan' - 'other_matters' - 'overview'
	WHEN 5 THEN jsonb_set(jsonb_set(j || '{"processing_fee_yuan": 1234567.891011121314}',
		'{proactive,fees,amount_10k_yuan}',
		CASE WHEN j->>'format' = '2021' THEN '0.000000000000000000001' ELSE 'null' END::jsonb),
		'{proactive,procurement,amount}',
		CASE WHEN j->>'format' = '2019' THEN '123456789012345678901234567890.123456789' ELSE 'null' END::jsonb)
	WHEN 6 THEN jsonb_set(jsonb_set(jsonb_set(j, '{requests,granted,total}', '9223372036854775807'),
		'{appeals,reconsideration,other}', '-9223372036854775808'),
		'{proactive,fees,change}',
		CASE WHEN j->>'format' = '2019' THEN '-9223372036854775808' ELSE 'null' END::jsonb)
	WHEN 7 THEN CASE WHEN j->>'format' = '2019'
		THEN jsonb_set(jsonb_set(j, '{proactive,procurement,amount}', 'null'),
					   '{proactive,procurement,amount_unit}', '"元"')
		ELSE j || '{"agency": "某县人民", "processing_fee_yuan": 0.50}' END
	WHEN 8 THEN j || '{"agency": "第3", "overview": null, "problems": null}'
	ELSE j END
FROM gen;
INSERT INTO cases VALUES (-1, '{"format": "2019"}'), (-2, '{"format": "2021"}'),
	(-3, '{"format": "2021", "agency": "某局"}'), (-4, '{"format": "2019", "year": 2020}');
CREATE TABLE reports AS SELECT id, govdisclose.report_from_jsonb(j) AS r FROM cases;
CREATE TABLE paths AS SELECT DISTINCT key_path, string_to_array(key_path, '.') AS p FROM govdisclose.layout;
CREATE TABLE trips AS
SELECT id, s AS style, to_jsonb(r) AS written,
	   to_jsonb(govdisclose.parse_report(govdisclose.render_report(r, s))) AS read
FROM reports, unnest(ARRAY['markdown', 'html', 'text']) AS s;
EOF
out=$(psql -X -q -A -F ' | ' -d $db <<'EOF'
SELECT 'reports', count(*), count(*) FILTER (WHERE (r).format = '2019'),
	   count(*) FILTER (WHERE (r).format = '2021'),
	   count(*) FILTER (WHERE NOT govdisclose.is_consistent(r) OR EXISTS (
			SELECT 1 FROM govdisclose.violations(r) v WHERE v.rule = 'required_cells'))
FROM reports;
SELECT 'style', style, count(*), count(*) FILTER (WHERE written <> read) FROM trips GROUP BY style ORDER BY style;
SELECT 'differs', t.id, t.style, p.key_path, t.written #> p.p, t.read #> p.p
FROM trips t, paths p
WHERE t.written <> t.read AND (t.written #> p.p) IS DISTINCT FROM (t.read #> p.p)
ORDER BY t.id, t.style, p.key_path LIMIT 20;
EOF
) || { echo "FAIL: the comparison query failed"; exit 1; }
echo "$out" | awk -F ' \\| ' '
	$1 == "reports" { printf "SQL: %d reports (%d of the 2019 format, %d of 2021; %d with blank cells or broken rules)\n", $2, $3, $4, $5 }
	$1 == "style" { printf "  %-8s %d rendered and parsed back, %d differ\n", $2, $3, $4 }'
if echo "$out" | grep -q '^differs'; then
	echo "FAIL: parse_report(render_report(r, style)) differs from r; first differing key paths:"
	echo "$out" | grep '^differs' | awk -F ' \\| ' '{ printf "  report %s, %s: %s written %s, read %s\n", $2, $3, $4, $5, $6 }'
	status=1
fi
total=$(echo "$out" | awk -F ' \\| ' '$1 == "reports" { print $2 }')
if [ "${total:-0}" -lt 3000 ]; then
	echo "FAIL: only ${total:-0} reports compared (at least 3000 wanted)"
	status=1
fi
if [ $status -eq 0 ]; then
	echo "ok: every report reads back exactly in every style"
fi
exit $status
