/*-------------------------------------------------------------------------
 *
 * parse_fuzzer.c
 *	  libFuzzer harness of the parser core (extension/parse.c): any bytes
 *	  in, as govdisclose-parse and parse_report take a text.
 *
 * Besides not crashing, leaking, hanging or hitting undefined behaviour,
 * every input must satisfy these properties:
 *
 *	- a refusal says why, in UTF-8;
 *	- every value has the kind of its leaf: a count within its type, an
 *	  amount that numeric_in reads back unchanged and that is a JSON
 *	  number, text in valid UTF-8 without NUL bytes (what the SQL layer
 *	  turns into a text Datum); no leaf of the other format is filled;
 *	- every note has a known kind, a line within the text, the key path of
 *	  a layout node or none, and a sentence in UTF-8;
 *	- without notes (as parse_report asks) the values are the same;
 *	- the canonical JSON the CLI prints reads back, through the reader of
 *	  report_from_jsonb (report_json.c), to the same values, and is written
 *	  again byte for byte;
 *	- the report renders (in a style chosen from the input), and the
 *	  rendered text parses back to the same table cells;
 *	- a parse stopped by the interrupt callback (query cancel: a long jump
 *	  out of the parser) leaves nothing behind: the next parse of the same
 *	  text gives the same values and notes.
 *
 * The last three each cost more parses; see checks_for().
 *
 * Built by `make fuzz` (clang -fsanitize=fuzzer,address,undefined); replayed
 * without libFuzzer by fuzz/replay.c (tests/fuzz_regressions.sh).
 *
 * fuzz/parse_fuzzer.c
 *
 *-------------------------------------------------------------------------
 */
#include <inttypes.h>
#include <setjmp.h>
#include <stddef.h>

#include "fuzz_common.h"
#include "layout.h"
#include "parse.h"
#include "render.h"
#include "report_json.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* ---------------------------------------------------------------------
 * An allocator that knows its blocks, for the parse that is cut short
 * ---------------------------------------------------------------------
 */
typedef union Tracked
{
	struct
	{
		union Tracked *prev;
		union Tracked *next;
	}			link;
	max_align_t align;
} Tracked;

typedef struct Pool
{
	Tracked		head;
	long		interrupts;		/* calls of the interrupt callback */
	long		jump_at;		/* long-jump out at this call; 0 never */
	jmp_buf		jump;
} Pool;

static void *
pool_alloc(void *arg, size_t size)
{
	Pool	   *pool = arg;
	Tracked    *t = malloc(sizeof(Tracked) + size);

	if (t == NULL)
		abort();
	t->link.next = pool->head.link.next;
	t->link.prev = &pool->head;
	pool->head.link.next->link.prev = t;
	pool->head.link.next = t;
	return t + 1;
}

static void
pool_release(void *arg, void *ptr)
{
	Tracked    *t = (Tracked *) ptr - 1;

	(void) arg;
	t->link.prev->link.next = t->link.next;
	t->link.next->link.prev = t->link.prev;
	free(t);
}

static void
pool_init(Pool *pool, long jump_at)
{
	pool->head.link.next = pool->head.link.prev = &pool->head;
	pool->interrupts = 0;
	pool->jump_at = jump_at;
}

/* Free whatever a parse that did not finish left allocated. */
static void
pool_free_all(Pool *pool)
{
	while (pool->head.link.next != &pool->head)
		pool_release(pool, pool->head.link.next + 1);
}

static void
pool_interrupt(void *arg)
{
	Pool	   *pool = arg;

	if (++pool->interrupts == pool->jump_at)
		longjmp(pool->jump, 1);
}

/* ---------------------------------------------------------------------
 * Properties
 * ---------------------------------------------------------------------
 */

/* The text of a parsed leaf (NULL for NULL), as render.h and the writer take it. */
static const char *
leaf_text(const GdParsedValue *v, char *buf, size_t buflen, size_t *len)
{
	switch (v->kind)
	{
		case GD_V_NULL:
			*len = 0;
			return NULL;
		case GD_V_INT:
			*len = snprintf(buf, buflen, "%" PRId64, v->ival);
			return buf;
		case GD_V_NUMERIC:
		case GD_V_TEXT:
			*len = v->len;
			return v->str;
	}
	return NULL;
}

typedef struct Texts
{
	const char *value[256];
	size_t		len[256];
	char		ints[256][24];
} Texts;

static void
texts_of(const GdParseResult *res, Texts *t)
{
	const GdLayout *L = gd_layout();

	for (int l = 0; l < L->nleaves; l++)
		t->value[l] = leaf_text(&res->values[l], t->ints[l], sizeof(t->ints[l]),
								&t->len[l]);
}

static bool
same_value(const GdParsedValue *a, const GdParsedValue *b)
{
	if (a->kind != b->kind)
		return false;
	switch (a->kind)
	{
		case GD_V_NULL:
			return true;
		case GD_V_INT:
			return a->ival == b->ival;
		case GD_V_NUMERIC:
		case GD_V_TEXT:
			return a->len == b->len && memcmp(a->str, b->str, a->len) == 0;
	}
	return false;
}

static void
check_values(const GdParseResult *res)
{
	const GdLayout *L = gd_layout();
	const GdParsedValue *fv = &res->values[L->leaf_format];
	unsigned	format = 0;

	if (fv->kind != GD_V_NULL)
	{
		PROPERTY(fv->kind == GD_V_TEXT, "format of kind %d", fv->kind);
		format = gd_format_mask(fv->str, fv->len);
		PROPERTY(format == GD_FMT_2019 || format == GD_FMT_2021,
				 "format \"%s\"", fv->str);
	}
	for (int l = 0; l < L->nleaves; l++)
	{
		const GdParsedValue *v = &res->values[l];
		const GdNode *n = &L->nodes[L->leaf_node[l]];

		if (v->kind == GD_V_NULL)
			continue;
		if (format)
			PROPERTY(gd_node_in_format(n, format), "%s filled in a %s report",
					 n->path, gd_format_name(format));
		switch (n->field->kind)
		{
			case GD_INT4:
				PROPERTY(v->kind == GD_V_INT && v->ival >= INT32_MIN && v->ival <= INT32_MAX,
						 "%s: kind %d value %" PRId64, n->path, v->kind, v->ival);
				break;
			case GD_INT8:
				PROPERTY(v->kind == GD_V_INT, "%s: kind %d", n->path, v->kind);
				break;
			case GD_NUMERIC:
				PROPERTY(v->kind == GD_V_NUMERIC && fuzz_numeric_text(v->str, v->len),
						 "%s: kind %d amount \"%s\"", n->path, v->kind,
						 v->kind == GD_V_NUMERIC ? v->str : "");
				break;
			case GD_TEXT:
				PROPERTY(v->kind == GD_V_TEXT && v->str[v->len] == '\0' &&
						 fuzz_utf8_text(v->str, v->len),
						 "%s: kind %d, not UTF-8 text of its length", n->path, v->kind);
				break;
			case GD_ROW:
				PROPERTY(false, "%s: a composite is a leaf", n->path);
		}
	}
}

static void
check_notes(const GdParseResult *res)
{
	for (int i = 0; i < res->nnotes; i++)
	{
		const GdParseNote *n = &res->notes[i];

		PROPERTY(n->kind >= GD_NOTE_REPAIR && n->kind <= GD_NOTE_INFO,
				 "note %d of kind %d", i, (int) n->kind);
		PROPERTY(fuzz_utf8_cstring(gd_note_kind_name(n->kind)), "note kind name");
		PROPERTY(n->line >= 0 && n->line <= res->lines + 1,
				 "note %d at line %d of %d", i, n->line, res->lines);
		PROPERTY(n->key_path == NULL || gd_find_path(n->key_path) >= 0,
				 "note %d about \"%s\"", i, n->key_path);
		PROPERTY(fuzz_utf8_cstring(n->text) && n->text[0] != '\0',
				 "note %d text not UTF-8", i);
	}
}

/* The CLI's JSON reads back to the same values, and is written again the same. */
static void
check_json(const GdParseResult *res)
{
	const GdLayout *L = gd_layout();
	Texts	   *t = malloc(sizeof(Texts));
	GdBuf		a,
				b;
	GdJsonReport rep;

	texts_of(res, t);
	gd_buf_init(&a, 0, 4096, 0, fuzz_grow, NULL);
	gd_json_write_report(t->value, t->len, &a);
	PROPERTY(!a.failed, "writing the JSON failed");
	PROPERTY(gd_json_read_report(a.data, a.len, &rep),
			 "the CLI's JSON does not read back: %s %s\n%.*s", rep.message, rep.detail,
			 (int) a.len, a.data);
	for (int l = 0; l < L->nleaves; l++)
		PROPERTY((t->value[l] == NULL) == (rep.value[l] == NULL) &&
				 (t->value[l] == NULL ||
				  (t->len[l] == rep.len[l] && memcmp(t->value[l], rep.value[l], t->len[l]) == 0)),
				 "%s: wrote [%s], read [%s]", L->nodes[L->leaf_node[l]].path,
				 t->value[l] ? t->value[l] : "NULL", rep.value[l] ? rep.value[l] : "NULL");
	gd_buf_init(&b, 0, 4096, 0, fuzz_grow, NULL);
	gd_json_write_report((const char *const *) rep.value, rep.len, &b);
	PROPERTY(a.len == b.len && memcmp(a.data, b.data, a.len) == 0,
			 "the JSON is not written again the same");
	gd_json_report_free(&rep);
	free(a.data);
	free(b.data);
	free(t);
}

/*
 * Render in one style and parse again: the same table cells (the title
 * fields and narratives go through the agency and heading heuristics the
 * round trip documents, so only the figures are compared here; the SQL
 * and plain-C round-trip tests cover the rest).
 */
static void
check_render(const GdParseResult *res, GdStyle style)
{
	const GdLayout *L = gd_layout();
	Texts	   *t;
	GdBuf		out;
	GdParseResult again;
	GdRenderError err;
	int			bad = -1;

	if (res->values[L->leaf_format].kind == GD_V_NULL)
		return;
	t = malloc(sizeof(Texts));
	texts_of(res, t);
	gd_buf_init(&out, 0, 4096, 0, fuzz_grow, NULL);
	err = gd_render(t->value, t->len, style, &out, &bad);
	PROPERTY(err == GD_RENDER_OK, "render error %d at leaf %d", (int) err, bad);
	PROPERTY(fuzz_utf8_text(out.data, out.len), "rendered text is not UTF-8");
	PROPERTY(gd_parse(out.data, out.len, NULL, &again),
			 "the rendered report is not read as a report: %s", again.refusal);
	for (int l = 0; l < L->nleaves; l++)
	{
		const GdNode *n = &L->nodes[L->leaf_node[l]];

		if (n->section < 2 || n->section > 4)
			continue;
		PROPERTY(same_value(&res->values[l], &again.values[l]),
				 "%s: [%s] rendered in %s reads back as [%s]", n->path,
				 t->value[l] ? t->value[l] : "NULL", gd_style_names[style],
				 again.values[l].kind == GD_V_NULL ? "NULL" :
				 again.values[l].kind == GD_V_INT ? "(int)" : again.values[l].str);
	}
	gd_parse_free(&again, NULL);
	free(out.data);
	free(t);
}

static void
same_results(const GdParseResult *a, const GdParseResult *b, bool notes, const char *what)
{
	const GdLayout *L = gd_layout();

	PROPERTY(a->is_report == b->is_report, "%s: is_report differs", what);
	for (int l = 0; l < L->nleaves && a->is_report; l++)
		PROPERTY(same_value(&a->values[l], &b->values[l]), "%s: %s differs", what,
				 L->nodes[L->leaf_node[l]].path);
	if (!notes)
		return;
	PROPERTY(a->nnotes == b->nnotes, "%s: %d notes, then %d", what, a->nnotes, b->nnotes);
	for (int i = 0; i < a->nnotes; i++)
		PROPERTY(a->notes[i].line == b->notes[i].line && a->notes[i].kind == b->notes[i].kind &&
				 strcmp(a->notes[i].text, b->notes[i].text) == 0,
				 "%s: note %d differs", what, i);
}

/*
 * Which of the costlier properties an input is checked for: each costs at
 * least one more parse, so while fuzzing an input gets one of them (chosen
 * from its bytes, so a crash replays the same); replayed regression inputs
 * (fuzz/replay.c, built with -DGD_FUZZ_REPLAY) get them all.
 */
#define CHECK_QUIET		0x1
#define CHECK_RENDER	0x2
#define CHECK_INTERRUPT 0x4

static unsigned
checks_for(const uint8_t *data, size_t size)
{
#ifdef GD_FUZZ_REPLAY
	(void) data;
	(void) size;
	return CHECK_QUIET | CHECK_RENDER | CHECK_INTERRUPT;
#else
	static const unsigned choice[4] = {CHECK_QUIET, CHECK_RENDER, CHECK_INTERRUPT, 0};

	return choice[fuzz_pick(data, size, 4)];
#endif
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *) data;
	unsigned	checks = checks_for(data, size);
	Pool		pool;
	GdParseOptions opt = {pool_alloc, pool_release, pool_interrupt, &pool, false};
	GdParseResult res;
	long		interrupts;

	/* 1. with notes, through the caller's allocator and interrupt callback */
	pool_init(&pool, 0);
	gd_parse(text, size, &opt, &res);
	interrupts = pool.interrupts;
	if (!res.is_report)
	{
		PROPERTY(res.refusal[0] != '\0' && fuzz_utf8_cstring(res.refusal),
				 "refusal without a reason in UTF-8");
		PROPERTY(res.nnotes == 0 || res.notes != NULL, "notes");
	}
	else
	{
		check_values(&res);
		check_notes(&res);
		check_json(&res);
	}

	/* 2. without notes, on malloc: the same values, no notes */
	if (checks & CHECK_QUIET)
	{
		GdParseOptions quiet = {NULL, NULL, NULL, NULL, true};
		GdParseResult res2;

		gd_parse(text, size, &quiet, &res2);
		same_results(&res, &res2, false, "without notes");
		PROPERTY(res2.nnotes == 0, "%d notes when none were asked for", res2.nnotes);
		gd_parse_free(&res2, &quiet);
	}

	/* 3. rendered in a style and read again */
	if ((checks & CHECK_RENDER) && res.is_report)
		check_render(&res, (GdStyle) (fuzz_pick(data, size, 12) / 4));

	/* 4. cut short by the interrupt callback, then parsed again */
	if ((checks & CHECK_INTERRUPT) && interrupts > 0)
	{
		Pool		cut;
		GdParseOptions copt = {pool_alloc, pool_release, pool_interrupt, &cut, false};
		GdParseResult res3;

		pool_init(&cut, 1 + (long) (fuzz_pick(data, size, 997) % interrupts));
		if (setjmp(cut.jump) == 0)
		{
			gd_parse(text, size, &copt, &res3);
			PROPERTY(false, "the parse went on after its interrupt call");
		}
		pool_free_all(&cut);
		pool_init(&cut, 0);
		gd_parse(text, size, &copt, &res3);
		same_results(&res, &res3, true, "after an interrupted parse");
		gd_parse_free(&res3, &copt);
		PROPERTY(cut.head.link.next == &cut.head, "gd_parse_free left blocks");
	}

	gd_parse_free(&res, &opt);
	PROPERTY(pool.head.link.next == &pool.head, "gd_parse_free left blocks");
	return 0;
}
