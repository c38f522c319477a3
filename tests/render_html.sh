#!/bin/sh
# render_report(r, 'html') is a well-formed document (xmllint --noout, as
# XHTML-compatible XML; xmllint --html --noout, as HTML) whose tables have the
# official geometry: laid out by the HTML table model (rowspan/colspan), every
# row of a table covers the same width (4, 10, 15 columns), and the number of
# figure cells (<td>) of each table is the number of cells the layout gives
# that section in that format.  Reports: invented ones of both formats, a
# hostile one, an empty one, and the seed when ../shared is present.
# Needs xmllint (Debian libxml2-utils) and python3.  Uses PGHOST/PGPORT/PGUSER;
# creates and drops its own database.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
for tool in xmllint python3 psql; do
	command -v $tool >/dev/null 2>&1 || { echo "FAIL: $tool is not installed (make test installs it: tools/debian-packages)"; exit 1; }
done
db_prefix=gd_render_html
. "$top/tests/lib/scratch_db.sh"
psql -X -q -v ON_ERROR_STOP=1 -d $db >/dev/null <<'EOF'
CREATE TABLE reports (name text, r govdisclose.report);
INSERT INTO reports
SELECT 'invented-' || f, govdisclose.report_from_jsonb(jsonb_set(gd_test_invent(f, 3)
	|| '{"overview": "全年主动公开信息86条。", "processing_fee_yuan": 20}',
	'{proactive,procurement,amount_unit}', CASE f WHEN '2019' THEN '"万元"' ELSE 'null' END::jsonb))
FROM unnest(ARRAY['2019', '2021']) AS f;
INSERT INTO reports VALUES
	('empty-2019', govdisclose.report_from_jsonb('{"format": "2019"}')),
	('empty-2021', govdisclose.report_from_jsonb('{"format": "2021"}')),
	('hostile', govdisclose.report_from_jsonb(jsonb_build_object(
		'format', '2019', 'agency', E'<b>&amp;</b>"\'\u0001局',
		'overview', E']]> <![CDATA[ x ]]> <!-- c --> &nbsp; &#0; \u0002\u007f\u0085\u2028\uFFFF\n</p></div></body>',
		'proactive', jsonb_build_object('procurement', jsonb_build_object(
			'amount', 1, 'amount_unit', E'</td><td>\u0003')))));
EOF
if [ -f "$top/../shared/seed/zhumadian-police-2021.expected.json" ]; then
	psql -X -q -v ON_ERROR_STOP=1 -d $db -v f="$top/../shared/seed/zhumadian-police-2021.expected.json" >/dev/null <<'EOF'
\set content `cat :'f'`
INSERT INTO reports VALUES ('seed', govdisclose.report_from_jsonb(:'content'::jsonb));
EOF
else
	echo "SKIP: ../shared is absent; the seed report is not rendered"
fi
# 2 invented, 2 empty, 1 hostile, and the seed when it is there: a setup that
# loaded fewer would let the loop below check nothing
want=5
[ -f "$top/../shared/seed/zhumadian-police-2021.expected.json" ] && want=6
have=$(psql -X -At -d $db -c "SELECT count(*) FROM reports")
if [ "$have" -ne "$want" ]; then
	echo "FAIL: $have reports loaded, $want wanted"
	exit 1
fi

# the number of figure cells (<td>) each table must have, from the layout
psql -X -At -F ' ' -d $db -c "
	SELECT format, section, count(*) FILTER (WHERE kind <> 'text')
	FROM govdisclose.layout WHERE section ~ '^[二三四]、'
	GROUP BY 1, 2 ORDER BY 1, min(\"position\")" > "$tmp/cells"

fail=0
checked=0
for name in $(psql -X -At -d $db -c "SELECT name FROM reports ORDER BY name"); do
	psql -X -At -d $db -c "SELECT govdisclose.render_report(r, 'html') FROM reports WHERE name = '$name'" > "$tmp/$name.html"
	format=$(psql -X -At -d $db -c "SELECT (r).format FROM reports WHERE name = '$name'")
	if ! xmllint --noout "$tmp/$name.html"; then
		echo "FAIL: $name: not well-formed XML"; fail=1
	fi
	if ! xmllint --html --noout "$tmp/$name.html"; then
		echo "FAIL: $name: HTML parser errors"; fail=1
	fi
	if ! python3 - "$tmp/$name.html" "$format" "$tmp/cells" <<'EOF'
import sys
import xml.etree.ElementTree as ET

path, fmt, cells_file = sys.argv[1:4]
ns = "{http://www.w3.org/1999/xhtml}"
doc = ET.parse(path).getroot()
want = {}
with open(cells_file) as f:
    for line in f:
        f_, section, n = line.split()
        if f_ == fmt:
            want.setdefault("order", []).append((section, int(n)))
errors = []
head = doc.find(ns + "head")
if head.find(ns + "meta").get("charset") != "utf-8":
    errors.append("no <meta charset=utf-8>")
sections = [d for d in doc.iter(ns + "div") if d.get("class") == "gd-section"]
if len(sections) != 6:
    errors.append("%d sections, not 6" % len(sections))
tables = list(doc.iter(ns + "table"))
widths = [4, 10, 15]
if len(tables) != 3:
    errors.append("%d tables, not 3" % len(tables))
for t, (heading, ncells), width in zip(tables, want["order"], widths):
    occupied = {}
    rows = list(t.iter(ns + "tr"))
    tds = 0
    for r, tr in enumerate(rows):
        c = 0
        for cell in tr:
            while (r, c) in occupied:
                c += 1
            cs, rs = int(cell.get("colspan", 1)), int(cell.get("rowspan", 1))
            for i in range(r, r + rs):
                for j in range(c, c + cs):
                    if (i, j) in occupied:
                        errors.append("%s: cells overlap at row %d col %d" % (heading, i, j))
                    occupied[(i, j)] = True
            if cell.tag == ns + "td":
                tds += 1
            c += cs
    for r in range(len(rows)):
        w = sum(1 for (i, j) in occupied if i == r)
        if w != width or any((r, j) not in occupied for j in range(width)):
            errors.append("%s: row %d covers %d columns, not %d" % (heading, r + 1, w, width))
    if max(i for (i, j) in occupied) >= len(rows):
        errors.append("%s: a rowspan runs past the last row" % heading)
    if tds != ncells:
        errors.append("%s: %d figure cells, the layout has %d" % (heading, tds, ncells))
for e in errors:
    print("FAIL:", path.rsplit("/", 1)[-1], e)
sys.exit(1 if errors else 0)
EOF
	then
		fail=1
	else
		echo "ok: $name ($format): well-formed, table geometry as in the layout"
	fi
	checked=$((checked + 1))
done
if [ "$checked" -ne "$want" ]; then
	echo "FAIL: $checked reports checked, $want wanted"
	fail=1
fi
exit $fail
