#!/bin/bash
# Build the libFuzzer harnesses and run each for a bounded time.
#
#   fuzz/run.sh SECONDS [NAME...]        (make fuzz FUZZ_SECONDS=600 FUZZERS="parse json")
#
# NAMEs are harnesses fuzz/NAME_fuzzer.c (default: all of them).  Each is
# built with clang -fsanitize=fuzzer,address,undefined and run for SECONDS
# on its corpus: what earlier runs found (fuzz/work/corpus-NAME, kept
# between runs), seeds made from the layout and tools/gen-reports, the
# fixtures, the regression inputs (tests/fuzz-regressions/NAME) and, when
# present, the real reports of ../shared (read where they are, never
# copied).  An input that crashes, leaks, hangs (-timeout), runs out of
# memory or breaks a property is kept in fuzz/work/artifacts-NAME/; the run
# then fails.  Executions and coverage of every run are appended to
# fuzz/work/stats.tsv.  FUZZ_JOBS=N runs N processes of each harness on
# one corpus; FUZZ_OPTS adds libFuzzer options.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
secs=${1:?usage: fuzz/run.sh SECONDS [NAME...]}
shift
names=("$@")
if [ ${#names[@]} -eq 0 ]; then
	for f in fuzz/*_fuzzer.c; do
		n=$(basename "$f" _fuzzer.c)
		names+=("$n")
	done
fi

clang=${CLANG:-}
if [ -z "$clang" ]; then
	for c in clang-14 clang; do
		command -v "$c" >/dev/null 2>&1 && { clang=$c; break; }
	done
fi
if [ -z "$clang" ] || ! echo 'int LLVMFuzzerTestOneInput(const char *d, long n){(void)d;(void)n;return 0;}' |
	"$clang" -fsanitize=fuzzer -x c - -o /dev/null 2>/dev/null; then
	echo "fuzz: clang with libFuzzer is needed (Debian: apt-get install clang-14 libclang-rt-14-dev)" >&2
	exit 1
fi

work=fuzz/work
mkdir -p "$work/bin"
core=(extension/parse.c extension/fold.c extension/fold_table.c extension/layout.c
	extension/rules.c extension/render.c extension/report_json.c extension/json_text.c extension/indicators.c)
# -DGD_PARSE_INTERRUPT_WORK=1: the parser calls its interrupt callback at
# every place it may, so that the harness can cut a parse short there
cflags=(-std=c11 -D_GNU_SOURCE -g -O2 -fno-omit-frame-pointer
	-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
	-DGD_PARSE_INTERRUPT_WORK=1 -Wall -Wextra -Werror -Iextension)

# seeds: dictionaries from the layout, generated reports and their renderings
${HOST_CC:-cc} -std=c11 -D_GNU_SOURCE -O2 -Wall -Wextra -Werror -Iextension \
	-o "$work/bin/seeds" fuzz/seeds.c "${core[@]}" || exit 1
for d in parse json; do
	"$work/bin/seeds" dict $d | sort -u > "$work/$d.dict"
done
# the round trip reads JSON whose narratives may hold the labels
sort -u "$work/parse.dict" "$work/json.dict" > "$work/roundtrip.dict"
if [ ! -d "$work/seed-json" ]; then
	[ -x tools/gen-reports ] || make -s tools/gen-reports || exit 1
	mkdir -p "$work/seed-json.tmp" "$work/seed-parse"
	{
		tools/gen-reports --count 20 --seed 101 --format 2021
		tools/gen-reports --count 20 --seed 102 --format 2019
		tools/gen-reports --count 20 --seed 103 --format mixed --blanks 10
		tools/gen-reports --count 10 --seed 104 --format mixed --blanks 60
	} | "$work/bin/seeds" split "$work/seed-json.tmp" "$work/seed-parse" || exit 1
	mv "$work/seed-json.tmp" "$work/seed-json"
fi

status=0
for name in "${names[@]}"; do
	src=fuzz/${name}_fuzzer.c
	bin=$work/bin/${name}_fuzzer
	if [ ! -f "$src" ]; then
		echo "fuzz: no harness $src" >&2
		exit 2
	fi
	echo "== building $name"
	extra=()
	# The parser compares code points by the million: tracing every
	# comparison halves its speed, and the dictionary gives the labels
	# that tracing would find.
	[ "$name" = parse ] && extra=(-fno-sanitize-coverage=trace-cmp)
	"$clang" "${cflags[@]}" "${extra[@]}" -o "$bin" "$src" "${core[@]}" || exit 1

	corpus=$work/corpus-$name
	artifacts=$work/artifacts-$name
	mkdir -p "$corpus" "$artifacts" "tests/fuzz-regressions/$name"
	dirs=("$corpus" tests/fixtures "tests/fuzz-regressions/$name")
	case $name in
		json | roundtrip) dirs+=("$work/seed-json") ;;
		*) dirs+=("$work/seed-parse") ;;
	esac
	for d in ../shared/seed ../shared/corpus ../shared/complete; do
		[ -d "$d" ] && dirs+=("$d")
	done
	before=$(ls "$artifacts" | wc -l)
	dict=()
	[ -s "$work/$name.dict" ] && dict=(-dict="$work/$name.dict")
	# a complete report in its compact renderings takes 3 to 9 KB, and the
	# tables of real ones start within their first 8 KB; longer inputs
	# only slow the parser's harness down
	maxlen=()
	[ "$name" = parse ] && maxlen=(-max_len=8192)
	jobs=${FUZZ_JOBS:-1}
	log=$work/$name.log
	echo "== fuzzing $name for ${secs}s in $jobs process(es) (log: $log)"
	# leaks are errors; a hang is an input that takes more than 10 s.
	# ASan neither fills new blocks (the parser allocates per object
	# under ASan: filling them was a third of the time) nor records long
	# allocation stacks; a found input replays with full reports
	# (tests/fuzz_regressions.sh).  FUZZ_JOBS processes share the corpus
	# directory and pick up each other's finds (libFuzzer rereads it).
	pids=()
	logs=()
	for j in $(seq "$jobs"); do
		l=$log
		[ "$j" -gt 1 ] && l=$work/$name.$j.log
		logs+=("$l")
		ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:quarantine_size_mb=16:max_malloc_fill_size=0:malloc_context_size=4} \
		UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
			"$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
			-print_final_stats=1 -artifact_prefix="$artifacts/" "${dict[@]}" "${maxlen[@]}" \
			${FUZZ_OPTS:-} "${dirs[@]}" > "$l" 2>&1 &
		pids+=($!)
	done
	rc=0
	for pid in "${pids[@]}"; do
		wait "$pid" || rc=$?
	done
	# executions: the sum of libFuzzer's final statistics of every process
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "${logs[@]}" | awk '{s += $1} END {print s + 0}')
	last=$(grep -hE '^#[0-9]+.*cov: ' "${logs[@]}" | tail -n 1)
	cov=$(echo "$last" | sed -n 's/.*cov: \([0-9]*\).*/\1/p')
	ft=$(echo "$last" | sed -n 's/.*ft: \([0-9]*\).*/\1/p')
	corp=$(echo "$last" | sed -n 's/.*corp: \([0-9]*\).*/\1/p')
	found=$(($(ls "$artifacts" | wc -l) - before))
	printf '%s\t%s\t%ss\t%s executions\t%s edges\t%s features\t%s inputs in corpus\t%s new artifacts\n' \
		"$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$name" "$secs" "$execs" "${cov:-?}" "${ft:-?}" \
		"${corp:-?}" "$found" | tee -a "$work/stats.tsv"
	if [ "$rc" -ne 0 ] || [ "$found" -ne 0 ]; then
		echo "fuzz: $name FAILED (exit $rc); the input is in $artifacts/:" >&2
		grep -hE 'ERROR|property failed|SUMMARY|Test unit written' "${logs[@]}" | head -n 20 >&2
		status=1
	fi
done
exit $status
