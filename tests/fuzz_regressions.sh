#!/bin/bash
# Replay, without libFuzzer, every input the fuzzers found a bug with
# (tests/fuzz-regressions/NAME/, one directory per harness fuzz/NAME_fuzzer.c),
# and the seeds the fuzzers start from: each harness is built with its
# every property switched on (-DGD_FUZZ_REPLAY) and fuzz/replay.c as main,
# with AddressSanitizer and UndefinedBehaviorSanitizer (leaks included)
# when the compiler has them.  A broken property, a crash, a leak or
# undefined behaviour fails the test.  The real reports of ../shared are
# replayed too where they are present.  No database needed.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. "$top/tests/lib/common.sh"
cc=${HOST_CC:-cc}
san=$(sanitize_flags "$work")
[ -n "$san" ] || echo "# $cc cannot build with sanitizers: replaying without them"
core=(extension/parse.c extension/fold.c extension/fold_table.c extension/layout.c
	extension/rules.c extension/render.c extension/report_json.c extension/json_text.c extension/indicators.c)
status=0
for src in "$top"/fuzz/*_fuzzer.c; do
	name=$(basename "$src" _fuzzer.c)
	# shellcheck disable=SC2086
	if ! (cd "$top" && $cc -std=c11 -D_GNU_SOURCE -DGD_FUZZ_REPLAY -DGD_PARSE_INTERRUPT_WORK=1 \
		-O1 -g $san -Wall -Wextra -Werror -Iextension -o "$work/$name" \
		"fuzz/${name}_fuzzer.c" fuzz/replay.c "${core[@]}"); then
		echo "not ok - $name: the harness does not build"
		status=1
		continue
	fi
	inputs=()
	[ -d "$top/tests/fuzz-regressions/$name" ] && inputs+=("$top/tests/fuzz-regressions/$name")
	inputs+=("$top/tests/fixtures")
	for d in seed corpus complete; do
		[ -d "$top/../shared/$d" ] && inputs+=("$top/../shared/$d")
	done
	if ASAN_OPTIONS=detect_leaks=1 "$work/$name" "${inputs[@]}" > "$work/out" 2> "$work/err"; then
		echo "ok - $name: $(cat "$work/out") ($(ls "$top/tests/fuzz-regressions/$name" 2>/dev/null | wc -l) regression inputs)"
	else
		echo "not ok - $name"
		grep -v '^replay: ' "$work/err" | head -n 30
		grep '^replay: ' "$work/err" | tail -n 1
		status=1
	fi
done
[ -d "$top/../shared" ] || echo "SKIP: ../shared is absent; its reports were not replayed"
exit $status
