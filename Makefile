# govdisclose: PGXS build.  See README.md for `make demo` and `make test`.

EXTENSION = govdisclose
EXTVERSION = $(shell sed -n "s/^default_version *= *'\(.*\)'/\1/p" $(EXTENSION).control)

MODULE_big = govdisclose
# every .c in extension/ except the host-side generator
OBJS = $(patsubst %.c,%.o,$(sort $(filter-out extension/gentypes.c,$(wildcard extension/*.c))))
PGFILEDESC = "govdisclose - government information disclosure annual reports"

DATA_built = extension/$(EXTENSION)--$(EXTVERSION).sql
DATA = $(wildcard extension/$(EXTENSION)--*--*.sql)

REGRESS = $(patsubst sql/%.sql,%,$(sort $(wildcard sql/*.sql)))
REGRESS_OPTS = --load-extension=$(EXTENSION)

PG_CFLAGS += -Wall -Wextra -Werror -Wno-unused-parameter
# plain C parts (layout, rules, parser core) are built for the host too
HOST_CC ?= cc
HOST_CFLAGS ?= -std=c99 -O2 -Wall -Wextra -Werror

SQL_GENERATED = extension/sql/01_types.generated.sql
SQL_PARTS = extension/sql/00_header.sql $(SQL_GENERATED) \
	$(sort $(filter-out extension/sql/00_% extension/sql/01_%,$(wildcard extension/sql/*.sql)))

EXTRA_CLEAN = extension/gentypes $(SQL_GENERATED)

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

extension/gentypes: extension/gentypes.c extension/layout.c extension/layout.h
	$(HOST_CC) $(HOST_CFLAGS) -o $@ extension/gentypes.c extension/layout.c

$(SQL_GENERATED): extension/gentypes
	./extension/gentypes > $@

$(DATA_built): $(SQL_PARTS) $(EXTENSION).control
	cat $(SQL_PARTS) > $@

# ---------------------------------------------------------------------
# govdisclose-parse: the parser core as a command-line program, built
# without PostgreSQL (plain C: parser, layout, rules, folding).
#   make tools/govdisclose-parse       (also built by `make`)
# ---------------------------------------------------------------------
PARSE_CLI = tools/govdisclose-parse
PARSE_CORE = extension/parse.c extension/fold.c extension/fold_table.c \
	extension/layout.c extension/rules.c

all: $(PARSE_CLI)

$(PARSE_CLI): tools/govdisclose-parse.c $(PARSE_CORE) $(wildcard extension/*.h)
	$(HOST_CC) $(HOST_CFLAGS) -D_POSIX_C_SOURCE=200809L -Iextension -o $@ \
		tools/govdisclose-parse.c $(PARSE_CORE)

EXTRA_CLEAN += $(PARSE_CLI)

# Parse throughput (bench/parse.sh; figures in docs/parser.md)
bench-parse: $(PARSE_CLI)
	bench/parse.sh

bench: bench-parse

.PHONY: bench bench-parse
