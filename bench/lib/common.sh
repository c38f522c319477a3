# Shared helpers for the benchmarks (sourced).

# Milliseconds taken by one SQL statement, as psql's \timing reports it.
bench_ms() {
	local db=$1 sql=$2
	psql -X -q -d "$db" -v ON_ERROR_STOP=1 -c '\timing on' -c "$sql" 2>&1 |
		sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | tail -n 1
}

# Median of the arguments.
bench_median() {
	printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'
}

bench_ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", (b > 0) ? a / b : 0}'
}

# A scratch directory the server (user postgres) can read and write.
bench_scratch() {
	local d
	d=$(mktemp -d /tmp/gd-bench.XXXXXX)
	chmod 777 "$d"
	echo "$d"
}
