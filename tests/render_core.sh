#!/bin/sh
# Property test of the plain-C renderer (extension/render.c) without
# PostgreSQL: random hostile reports, every style, read back by the rules of
# docs/render.md (tests/render_core.c).  Needs only a C compiler.
#   tests/render_core.sh [iterations] [seed]
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$top/tests/lib/common.sh"
cc=${HOST_CC:-cc}
# sanitizers where the compiler has them
san=$(sanitize_flags "$tmp")
# shellcheck disable=SC2086
$cc -std=c99 -D_GNU_SOURCE -O1 -g $san -Wall -Wextra -Werror -I"$top/extension" -I"$top/tests/lib" \
	-o "$tmp/render_core" "$top/tests/render_core.c" \
	"$top/extension/render.c" "$top/extension/layout.c" "$top/extension/fold.c" \
	"$top/extension/fold_table.c"
"$tmp/render_core" "${1:-3000}" "${2:-1}"
