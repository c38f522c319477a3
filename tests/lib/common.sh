# shellcheck shell=sh
# shellcheck disable=SC2154  # $top and $bindir are set by the script that sources this
# Sourced by the test scripts (after setting $top, the repository): how
# they report, the generator of reports, and commands run as the owner of
# a cluster a test starts itself.

say() { printf '%s\n' "$*"; }
fail() { say "FAIL: $*" >&2; exit 1; }

# run a command as the owner of the test's own clusters: user postgres
# (through su) when the test runs as root, else the user running it
as_owner() {
	if [ "$(id -u)" = 0 ]; then
		su postgres -s /bin/sh -c "$*"
	else
		sh -c "$*"
	fi
}

# start a cluster a test made itself: pg_ctl start with the arguments
# given (quoted for sh), in the environment its server needs.  That is
# empty, except under make check-sanitize, which sets GD_SERVER_ENV to the
# variables (LD_PRELOAD of the ASan runtime, ASAN_OPTIONS, ...) its own
# postmaster runs with: a server loading the instrumented extension needs
# them too.
start_cluster() {
	as_owner "${GD_SERVER_ENV:+env $GD_SERVER_ENV }'$bindir/pg_ctl' $*"
}

# the flags that build a test program with AddressSanitizer and
# UndefinedBehaviorSanitizer (errors fatal), or nothing where ${HOST_CC:-cc}
# cannot: tried by building an empty program in directory $1
sanitize_flags() {
	if echo 'int main(void){return 0;}' |
		${HOST_CC:-cc} -fsanitize=address,undefined -x c - -o "$1/probe" 2>/dev/null; then
		echo "-fsanitize=address,undefined -fno-sanitize-recover=all"
	fi
}

# set $gen to tools/gen-reports, building it if it is not yet
need_gen_reports() {
	gen=$top/tools/gen-reports
	if [ ! -x "$gen" ]; then
		make -s -C "$top" tools/gen-reports >/dev/null 2>&1 || true
	fi
	[ -x "$gen" ] || fail "tools/gen-reports is not built (make tools/gen-reports)"
}
