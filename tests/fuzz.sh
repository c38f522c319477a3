#!/bin/sh
# Robustness of the parser core: the command-line program, built with
# AddressSanitizer and UndefinedBehaviorSanitizer, reads a few hundred
# mutations of the fixtures (bytes flipped, deleted, duplicated, cut, runs
# of digits, invalid UTF-8) and must never crash, leak or misbehave;
# a refusal (exit status 1) is a correct answer.
# Deterministic: the mutations come from a fixed seed.  No database needed.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. "$top/tests/lib/common.sh"
cc=${HOST_CC:-cc}
san=$(sanitize_flags "$work")
if [ -z "$san" ]; then
	echo "SKIP: $cc cannot build with -fsanitize=address,undefined"
	exit 0
fi
# shellcheck disable=SC2086
$cc -std=c99 -O1 -g $san \
	-D_POSIX_C_SOURCE=200809L -I"$top/extension" -o "$work/gp" \
	"$top/tools/govdisclose-parse.c" "$top/extension/parse.c" "$top/extension/fold.c" \
	"$top/extension/fold_table.c" "$top/extension/layout.c" "$top/extension/rules.c" \
	"$top/extension/render.c" "$top/extension/report_json.c" "$top/extension/json_text.c"
n=0 fail=0
for f in "$top"/tests/fixtures/*.txt; do
	for seed in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30; do
		n=$((n + 1))
		out="$work/m$n.txt"
		LC_ALL=C awk -v seed="$seed" -v kind=$((seed % 6)) 'BEGIN { srand(seed); RS = "\001" }
		{
			s = $0; L = length(s)
			for (k = 0; k < 1 + int(rand() * 20); k++) {
				p = 1 + int(rand() * (L > 0 ? L : 1))
				if (kind == 0) s = substr(s, 1, p - 1) sprintf("%c", int(rand() * 256)) substr(s, p + 1)
				else if (kind == 1) s = substr(s, 1, p - 1) substr(s, p + 1 + int(rand() * 40))
				else if (kind == 2) s = substr(s, 1, p) substr(s, p - int(rand() * 200), 200) substr(s, p + 1)
				else if (kind == 3) s = substr(s, 1, p) "9999999999999999999999999" substr(s, p + 1)
				else if (kind == 4) s = substr(s, 1, p) "\377\376\300" substr(s, p + 1)
				else s = substr(s, 1, p)
				L = length(s)
			}
			printf "%s", s
		}' "$f" > "$out"
		rc=0
		ASAN_OPTIONS=detect_leaks=1 "$work/gp" -q "$out" > /dev/null 2> "$work/err" || rc=$?
		if [ "$rc" -gt 1 ] || grep -q "Sanitizer\|runtime error" "$work/err"; then
			fail=$((fail + 1))
			echo "not ok - $(basename "$f") mutation $seed (exit $rc)"
			head -5 "$work/err"
			cp "$out" "$top/fuzz-failure-$n.txt"
		fi
	done
done
# and the fixtures and the whole of ../shared as they are
if [ ! -d "$top/../shared" ]; then
	echo "SKIP: $top/../shared is absent; its texts are not read unchanged here"
fi
for f in "$top"/tests/fixtures/*.txt "$top"/../shared/*/*.txt; do
	[ -f "$f" ] || continue
	n=$((n + 1))
	rc=0
	"$work/gp" -q "$f" > /dev/null 2> "$work/err" || rc=$?
	if [ "$rc" -gt 1 ] || grep -q "Sanitizer\|runtime error" "$work/err"; then
		fail=$((fail + 1))
		echo "not ok - $f (exit $rc)"
		head -5 "$work/err"
	fi
done
echo "$((n - fail)) passed, $fail failed"
[ "$fail" -eq 0 ]
