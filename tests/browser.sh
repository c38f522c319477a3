#!/bin/sh
# Issue 3 item 6: the seed report rendered with render_report(r, 'html'),
# opened in headless Chromium through chromedriver (Debian packages chromium
# and chromium-driver; python3's standard library speaks WebDriver), a PNG
# screenshot saved, and the live DOM checked:
#   - table 三 has 25 data rows of 7 numeric cells, holding the seed's figures
#     in the layout's order, under the official header spans;
#   - no text overflows its cell anywhere (scrollWidth/Height <= client);
#   - the print stylesheet yields a PDF.
# Uses PGHOST/PGPORT/PGUSER; creates and drops its own database.
#   tests/browser.sh [output-dir]        (default results/browser)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
seed="$top/../shared/seed/zhumadian-police-2021.expected.json"
if [ ! -f "$seed" ]; then
	echo "SKIP: ../shared/seed is absent; the browser test renders the seed report"
	exit 0
fi
for tool in chromium chromedriver python3 psql; do
	if ! command -v $tool >/dev/null 2>&1; then
		echo "FAIL: $tool is not installed (make test installs it: tools/debian-packages)"
		exit 1
	fi
done

out=${1:-$top/results/browser}
mkdir -p "$out"
db_prefix=gd_browser
cleanup_extra='stop_driver'
stop_driver() { [ -n "${driver_pid:-}" ] && kill "$driver_pid" 2>/dev/null || true; }
. "$top/tests/lib/scratch_db.sh"

# The report, its HTML, and what the DOM must show, all from the database:
# the heading of section 三 and the seed's table 三 figures in layout order.
psql -X -q -d $db -v seed="$seed" >/dev/null <<'EOF'
\set content `cat :'seed'`
CREATE TABLE seed AS
	SELECT govdisclose.report_from_jsonb(:'content'::jsonb) AS r, :'content'::jsonb AS j;
EOF
psql -X -At -d $db -c "SELECT govdisclose.render_report(r, 'html') FROM seed" > "$tmp/seed.html"
cp "$tmp/seed.html" "$out/seed.html"
heading=$(psql -X -At -d $db -c "SELECT DISTINCT section FROM govdisclose.layout WHERE format = '2021' AND key_path LIKE 'requests.%'")
figures=$(psql -X -At -d $db -c "
	SELECT string_agg(coalesce(j #>> string_to_array(key_path, '.'), ''), ',' ORDER BY position)
	FROM govdisclose.layout, seed
	WHERE format = '2021' AND key_path LIKE 'requests.%'")

port=$((9515 + $$ % 400))
chromedriver --port=$port >"$tmp/chromedriver.log" 2>&1 &
driver_pid=$!

python3 - "$port" "$tmp/seed.html" "$out" "$heading" "$figures" "$tmp" <<'EOF'
import base64, json, os, subprocess, sys, time, urllib.request

port, html, out, heading, figures, tmp = sys.argv[1:7]
base = "http://127.0.0.1:%s" % port

def call(method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(base + path, data=data, method=method,
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=60) as r:
        return json.loads(r.read().decode())["value"]

for _ in range(100):
    try:
        call("GET", "/status")
        break
    except Exception:
        time.sleep(0.1)
else:
    sys.exit("chromedriver did not start")

flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
         "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync",
         "--user-data-dir=" + os.path.join(tmp, "profile"),
         "--window-size=1100,900", "--hide-scrollbars"]
session = call("POST", "/session", {"capabilities": {"alwaysMatch": {
    "browserName": "chrome",
    "goog:chromeOptions": {"args": flags, "binary": "/usr/bin/chromium"}}}})
sid = session["sessionId"]
failures = []
try:
    call("POST", "/session/%s/url" % sid, {"url": "file://" + html})
    checks = call("POST", "/session/%s/execute/sync" % sid, {"args": [heading], "script": r"""
const heading = arguments[0];
const sec = [...document.querySelectorAll('div.gd-section')]
    .find(d => d.querySelector('h2') && d.querySelector('h2').textContent === heading);
const res = {found: !!sec};
if (!sec) return res;
const t = sec.querySelector('table');
const rows = [...t.querySelectorAll('tr')].filter(r => r.querySelector('td'));
res.dataRows = rows.length;
res.cellsPerRow = [...new Set(rows.map(r => r.querySelectorAll('td').length))];
res.numeric = rows.every(r => [...r.querySelectorAll('td')]
    .every(td => /^-?\d+(\.\d+)?$/.test(td.textContent)));
res.figures = rows.map(r => [...r.querySelectorAll('td')].map(td => td.textContent).join(',')).join(',');
const head = t.querySelector('thead tr').children;
res.note = {colspan: head[0].colSpan, rowspan: head[0].rowSpan};
res.header = {text: head[1].textContent, colspan: head[1].colSpan};
res.labelColumns = Math.max(...rows.map(r => [...r.querySelectorAll('th')]
    .reduce((n, th) => n + th.colSpan, 0)));
res.overflow = [...document.querySelectorAll('th, td, p, h1, h2')]
    .filter(c => c.scrollWidth > c.clientWidth + 1 || c.scrollHeight > c.clientHeight + 1)
    .map(c => c.tagName + ':' + c.textContent.slice(0, 40));
res.tables = document.querySelectorAll('table').length;
res.height = Math.ceil(document.documentElement.scrollHeight);
res.width = Math.ceil(document.documentElement.scrollWidth);
res.viewport = window.innerWidth;
res.font = getComputedStyle(t).fontFamily;
return res;
"""})
    print("DOM:", json.dumps({k: v for k, v in checks.items() if k != "figures"},
                             ensure_ascii=False))
    def expect(cond, what):
        if not cond:
            failures.append(what)
    expect(checks.get("found"), "section 三 (%s) not found" % heading)
    if checks.get("found"):
        expect(checks["dataRows"] == 25, "table 三 has %d data rows, not 25" % checks["dataRows"])
        expect(checks["cellsPerRow"] == [7], "table 三 rows have %s cells, not 7" % checks["cellsPerRow"])
        expect(checks["numeric"], "table 三 has a cell that is not a number")
        expect(checks["figures"] == figures, "table 三 figures differ from the seed:\n  %s\n  %s"
               % (checks["figures"], figures))
        expect(checks["note"] == {"colspan": 3, "rowspan": 3},
               "header note spans %s, not 3 columns x 3 rows" % checks["note"])
        expect(checks["header"]["colspan"] == 7, "header group spans %s columns, not 7"
               % checks["header"]["colspan"])
        expect(checks["labelColumns"] == 3, "rows use %s label columns, not 3" % checks["labelColumns"])
        expect(checks["overflow"] == [], "text overflows its cell: %s" % checks["overflow"])
        expect(checks["width"] <= checks["viewport"], "page is wider (%d) than the window (%d)"
               % (checks["width"], checks["viewport"]))
        expect(checks["tables"] == 3, "%d tables, not 3" % checks["tables"])
    # full-page screenshot: grow the window to the document
    call("POST", "/session/%s/window/rect" % sid,
         {"width": 1100, "height": min(checks.get("height", 900) + 100, 16000)})
    png = base64.b64decode(call("GET", "/session/%s/screenshot" % sid))
    with open(os.path.join(out, "seed.png"), "wb") as f:
        f.write(png)
    expect(png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 10000, "screenshot is not a PNG")
    print("screenshot:", os.path.join(out, "seed.png"), len(png), "bytes")
finally:
    call("DELETE", "/session/%s" % sid)

# the print stylesheet: a PDF of A4 pages
pdf = os.path.join(out, "seed.pdf")
subprocess.run(["chromium"] + [f for f in flags if not f.startswith("--user-data-dir")] +
               ["--user-data-dir=" + os.path.join(tmp, "profile-pdf"),
                "--no-pdf-header-footer", "--print-to-pdf=" + pdf, "file://" + html],
               check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120)
with open(pdf, "rb") as f:
    data = f.read()
pages = data.count(b"/Type /Page") - data.count(b"/Type /Pages")
print("pdf:", pdf, len(data), "bytes,", pages, "pages")
if not data.startswith(b"%PDF") or pages < 1:
    failures.append("print to PDF failed")

if failures:
    for f in failures:
        print("FAIL:", f)
    sys.exit(1)
print("ok: table 三 has 25 data rows x 7 numeric cells in Chromium, nothing overflows")
EOF
