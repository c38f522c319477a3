# govdisclose: PGXS build.  See README.md for `make demo` and `make test`.

EXTENSION = govdisclose
EXTVERSION = $(shell sed -n "s/^default_version *= *'\(.*\)'/\1/p" $(EXTENSION).control)

MODULE_big = govdisclose
# every .c in extension/ except the host-side generator and the JSON text
# reader and writer, which only the command-line program and the fuzzers use
OBJS = $(patsubst %.c,%.o,$(sort $(filter-out extension/gentypes.c extension/json_text.c,$(wildcard extension/*.c))))
PGFILEDESC = "govdisclose - government information disclosure annual reports"

DATA_built = extension/$(EXTENSION)--$(EXTVERSION).sql
DATA = $(wildcard extension/$(EXTENSION)--*--*.sql)

REGRESS = $(patsubst sql/%.sql,%,$(sort $(wildcard sql/*.sql)))
REGRESS_OPTS = --load-extension=$(EXTENSION) --encoding=UTF8

# warnings are errors here and in CI; a packager whose newer compiler warns
# of something new can build with `make WERROR=`
WERROR ?= -Werror
PG_CFLAGS += -Wall -Wextra $(WERROR) -Wno-unused-parameter
# plain C parts (layout, rules, parser core) are built for the host too
HOST_CC ?= cc
HOST_CFLAGS ?= -std=c99 -O2 -Wall -Wextra $(WERROR)

SQL_GENERATED = extension/sql/01_types.generated.sql
SQL_PARTS = extension/sql/00_header.sql $(SQL_GENERATED) \
	$(sort $(filter-out extension/sql/00_% extension/sql/01_%,$(wildcard extension/sql/*.sql)))

EXTRA_CLEAN = extension/gentypes tools/gen-reports

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs 2>/dev/null)
ifneq ($(PGXS),)
include $(PGXS)
else
# No PostgreSQL build environment yet: `make test`, `make demo` and
# `make bench` install it first (tools/ensure-deps); anything else says how.
.DEFAULT_GOAL := no-pgxs
no-pgxs all install installcheck:
	@echo "pg_config not found: install postgresql-server-dev-15 (make deps does it as root)," >&2
	@echo "or set PG_CONFIG=/path/to/pg_config" >&2
	@exit 1
endif

# PGXS does not track header dependencies; every object depends on them all
$(OBJS): $(wildcard extension/*.h)

GENTYPES_SRC = extension/gentypes.c extension/layout.c extension/indicators.c extension/rules.c
extension/gentypes: $(GENTYPES_SRC) extension/layout.h extension/indicators.h extension/rules.h
	$(HOST_CC) $(HOST_CFLAGS) -o $@ $(GENTYPES_SRC)

# The types part of the install script is generated from the layout and
# committed, so that what a version installs is in the repository and a
# change to the layout shows as a change to the SQL: `make sql-types`
# writes it again after such a change; tests/generated.sh fails while it
# is stale.
.PHONY: sql-types
sql-types: extension/gentypes
	./extension/gentypes > $(SQL_GENERATED)

$(DATA_built): $(SQL_PARTS) $(EXTENSION).control
	cat $(SQL_PARTS) > $@

# ---------------------------------------------------------------------
# govdisclose-parse: the parser core as a command-line program, built
# without PostgreSQL (plain C: parser, layout, rules, folding).
#   make tools/govdisclose-parse       (also built by `make`)
# ---------------------------------------------------------------------
PARSE_CLI = tools/govdisclose-parse
PARSE_CORE = extension/parse.c extension/fold.c extension/fold_table.c \
	extension/layout.c extension/rules.c extension/render.c extension/report_json.c \
	extension/json_text.c

all: $(PARSE_CLI)

$(PARSE_CLI): tools/govdisclose-parse.c $(PARSE_CORE) $(wildcard extension/*.h)
	$(HOST_CC) $(HOST_CFLAGS) -D_POSIX_C_SOURCE=200809L -Iextension -o $@ \
		tools/govdisclose-parse.c $(PARSE_CORE)

EXTRA_CLEAN += $(PARSE_CLI)

# the command-line program on the PATH (not part of the extension's install)
CLI_BINDIR ?= /usr/local/bin
.PHONY: install-cli
install-cli: $(PARSE_CLI)
	install -d '$(DESTDIR)$(CLI_BINDIR)'
	install -m 755 $(PARSE_CLI) '$(DESTDIR)$(CLI_BINDIR)/govdisclose-parse'


# Generator of consistent reports, for benchmarks and property tests.
tools/gen-reports: tools/gen-reports.c extension/layout.c extension/rules.c extension/layout.h extension/rules.h
	$(HOST_CC) $(HOST_CFLAGS) -Iextension -o $@ tools/gen-reports.c extension/layout.c extension/rules.c

# ---------------------------------------------------------------------
# The two commands (see README.md): both work on a fresh Debian 12 machine
# as root, installing what they need, and use a throwaway cluster.
# ---------------------------------------------------------------------
.PHONY: deps test demo bench

deps:
	tools/ensure-deps

test: deps
	$(MAKE) all tools/gen-reports
	$(MAKE) install
	tools/run-tests $(TESTS)

demo: deps
	$(MAKE) all tools/gen-reports
	$(MAKE) install
	tools/demo

bench: deps
	$(MAKE) all tools/gen-reports
	$(MAKE) install
	tools/bench $(BENCH)

# ---------------------------------------------------------------------
# Hardening (docs/fuzzing.md): libFuzzer harnesses of the plain-C core,
# and the whole test suite against a build with AddressSanitizer and
# UndefinedBehaviorSanitizer.  Both need clang/libFuzzer or gcc's
# sanitizer runtimes (tools/debian-packages.fuzz, tools/debian-packages), neither is part of `make test`.
#   make fuzz [FUZZ_SECONDS=600] [FUZZERS="parse json"] [FUZZ_JOBS=2] [FUZZ_OPTS=...]
#   make check-sanitize
# ---------------------------------------------------------------------
.PHONY: fuzz check-sanitize

FUZZ_SECONDS ?= 60
FUZZERS ?=
FUZZ_JOBS ?= 1
FUZZ_OPTS ?=

fuzz:
	tools/ensure-deps fuzz
	$(MAKE) tools/gen-reports
	FUZZ_JOBS=$(FUZZ_JOBS) FUZZ_OPTS='$(FUZZ_OPTS)' fuzz/run.sh $(FUZZ_SECONDS) $(FUZZERS)

check-sanitize: deps
	tools/check-sanitize
