#!/bin/sh
# A damaged text never gives a wrong number.  Every fixture
# (tests/fixtures/*.txt) and, where ../shared is present, the seed report
# is damaged as extraction damages text, in every place it can be, and
# each damaged text is read by govdisclose-parse:
#   - cut after each of its bytes, as it is and with a line break put after
#     the cut (as an editor saving it would);
#   - with one cell border lost: each tab, space, '|' and line break deleted
#     in turn, so that two cells may run together ("1 1" as "11");
#   - with a row broken in two (as PDF text breaks rows): a line break put
#     before or after each tab, space and '|' in turn;
#   - with one line lost, each line in turn;
#   - with one line repeated, each line in turn;
#   - with one character other than ASCII lost, each in turn (a character of
#     a label or a heading), except in a figure or its unit (a full-width
#     digit, or a character right after a digit: a lost digit or 万 gives
#     another number, as it would in ASCII); the agency may then differ;
#   - with a stray '?' (what a broken encoding leaves) put in before each
#     character in turn; the agency may then differ;
#   - with a run of Chinese text lost (a header cell, a label, a word), each
#     in turn; the agency may then differ;
#   - with a space or a line break put inside a figure, between each two
#     digits in turn (PDF text spaces digits out and breaks lines), except in
#     the crawler's run-together text (runon_*), where a space is the only
#     cell border there is.
# Every cell a damaged text fills must equal that cell of the whole text
# (the narratives aside, which damage changes).  Filling fewer cells is
# allowed; filling a different value is not.
# Needs python3; builds tools/govdisclose-parse if it is missing.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/lib/common.sh"
command -v python3 >/dev/null 2>&1 || fail "python3 is not installed (make test installs it: tools/debian-packages)"
cli="$top/tools/govdisclose-parse"
[ -x "$cli" ] || make -s -C "$top" tools/govdisclose-parse
set -- "$top"/tests/fixtures/*.txt
seed="$top/../shared/seed/zhumadian-police-2021.txt"
if [ -f "$seed" ]; then
	set -- "$@" "$seed"
else
	say "SKIP: ../shared is absent; the seed report is not cut (the fixtures are)"
fi
python3 - "$cli" "$@" <<'EOF'
import json, os, re, shutil, subprocess, sys, tempfile

cli, files = sys.argv[1], sys.argv[2:]
NARRATIVE = {"overview", "problems", "other_matters"}


def cells(doc, prefix=""):
    for k, v in doc.items():
        path = prefix + k
        if isinstance(v, dict):
            yield from cells(v, path + ".")
        elif v is not None and path not in NARRATIVE:
            yield path, v


def parse(paths):
    """canonical JSON of each path read as a report ({} for a refusal)"""
    out = {}
    for i in range(0, len(paths), 400):
        r = subprocess.run([cli, "-q", "--copy"] + paths[i:i + 400],
                           capture_output=True, text=True)
        if r.returncode not in (0, 1):
            sys.exit("FAIL: govdisclose-parse exited %d: %s" % (r.returncode, r.stderr[-500:]))
        for line in r.stdout.splitlines():
            name, doc = line.split("\t", 1)
            # COPY text format: the JSON's backslashes are doubled
            out[name] = json.loads(doc.replace("\\\\", "\\"))
    return out


def is_digit(ch):
    return ch.isdigit() or "\uff10" <= ch <= "\uff19"


def damages(text, name):
    """(what was done, the damaged texts, what may differ besides the narratives)"""
    yield "cut after each byte", [text[:n] for n in range(1, len(text))]
    yield "cut, a line break after it", [text[:n] + b"\n" for n in range(1, len(text))]
    yield "a cell border lost", [text[:i] + text[i + 1:] for i in range(len(text))
                                 if text[i:i + 1] in (b"\t", b" ", b"|", b"\n")]
    starts = [0] + [i + 1 for i in range(len(text)) if text[i:i + 1] == b"\n"]
    yield "a row broken", [text[:i] + b"\n" + text[i:] for i in range(1, len(text))
                           if text[i - 1:i] in (b"\t", b" ", b"|") or text[i:i + 1] in (b"\t", b" ", b"|")]
    yield "a line lost", [text[:a] + text[b:]
                          for a, b in zip(starts, starts[1:] + [len(text)])]
    yield "a line repeated", [text[:b] + text[a:b] + text[b:]
                              for a, b in zip(starts, starts[1:])]
    chars = text.decode("utf-8", "surrogateescape")
    offsets, o = [], 0
    for ch in chars:
        offsets.append(o)
        o += len(ch.encode("utf-8", "surrogateescape"))
    yield "a character lost", [text[:offsets[i]] + text[offsets[i] + len(ch.encode("utf-8", "surrogateescape")):]
                               for i, ch in enumerate(chars)
                               if ord(ch) >= 0x80 and not is_digit(ch)
                               and not (i > 0 and is_digit(chars[i - 1]))], {"agency"}
    yield "a stray '?' put in", [text[:i] + b"?" + text[i:] for i in range(1, len(text))
                                 if text[i] < 0x80 or text[i] >= 0xC0], {"agency"}
    runs = [m.span() for m in re.finditer("[\u3400-\u9fff\uff08\uff09\u3001\u201c\u201d()]+", chars)]
    yield "a run of Chinese text lost", [
        text[:offsets[a]] + (text[offsets[b]:] if b < len(chars) else b"") for a, b in runs], {"agency"}
    if not name.startswith("runon_"):
        inside = [i for i in range(1, len(text)) if text[i - 1:i].isdigit() and text[i:i + 1].isdigit()]
        yield "a space put in a figure", [text[:i] + b" " + text[i:] for i in inside]
        yield "a line break put in a figure", [text[:i] + b"\n" + text[i:] for i in inside]


tmp = tempfile.mkdtemp()
failures = total = kinds = 0
try:
    for path in files:
        text = open(path, "rb").read()
        whole = dict(cells(parse([path])[path]))
        if not whole:
            sys.exit("FAIL: %s: the whole text fills no cell" % path)
        for how, variants, *ignore in damages(text, os.path.basename(path)):
            ignore = ignore[0] if ignore else set()
            paths = []
            for n, v in enumerate(variants):
                p = os.path.join(tmp, "%07d" % n)
                with open(p, "wb") as f:
                    f.write(v)
                paths.append(p)
            wrong = []
            for p, doc in parse(paths).items():
                for k, v in cells(doc):
                    if k not in ignore and whole.get(k) != v:
                        wrong.append((int(os.path.basename(p)), k, v, whole.get(k)))
            total += len(paths)
            kinds += 1
            name = os.path.basename(path)
            if wrong:
                failures += 1
                print("not ok - %s, %s: %d wrong cells, e.g. %s" % (name, how, len(wrong), wrong[:3]))
            else:
                print("ok - %s, %s: %d texts, no wrong cell" % (name, how, len(paths)))
            for p in paths:
                os.unlink(p)
finally:
    shutil.rmtree(tmp)
if failures:
    sys.exit("FAIL: %d of %d kinds of damage to texts gave a wrong cell" % (failures, kinds))
print("PASS: %d damaged texts made from %d texts, no wrong cell" % (total, len(files)))
EOF
