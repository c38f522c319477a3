/*-------------------------------------------------------------------------
 *
 * render_core.c
 *	  Property test of the plain-C renderer, without PostgreSQL.
 *
 * Renders reports with random, hostile text values (control characters,
 * tabs, newlines, pipes, markup, headings, backslashes, white space at the
 * ends, the fee sentence, digits next to the year) and random figures in
 * every style, then reads the output back by the rules of docs/render.md
 * alone and checks that every text value, the year and the fee come back
 * exactly, and that every table row has its full number of fields.
 *
 * Built and run by tests/render_core.sh:
 *	  cc -Iextension -Itests/lib tests/render_core.c extension/render.c extension/layout.c
 *	  ./render_core [iterations] [seed]
 * and by bench/render.sh as a benchmark of the core alone:
 *	  ./render_core bench [reports]
 *
 * tests/render_core.c
 *
 *-------------------------------------------------------------------------
 */
#include "layout.h"
#include "render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "random_report.h"

static void *
grow(void *ptr, size_t size, void *arg)
{
	(void) arg;
	return realloc(ptr, size);
}

static int	failures = 0;

#define FAIL(...) do { \
	fprintf(stderr, "FAIL: " __VA_ARGS__); fputc('\n', stderr); \
	failures++; } while (0)

/* ---------------------------------------------------------------------
 * A reader of rendered output, written from docs/render.md
 * ---------------------------------------------------------------------
 */
typedef struct Line
{
	const char *s;
	size_t		len;
} Line;

static int
split_lines(const char *s, size_t len, Line *out, int max)
{
	int			n = 0;
	size_t		start = 0;

	for (size_t i = 0; i <= len && n < max; i++)
		if (i == len || s[i] == '\n')
		{
			if (i == len && start == len)
				break;
			out[n].s = s + start;
			out[n].len = i - start;
			n++;
			start = i + 1;
		}
	return n;
}

static bool
starts_with(const char *s, size_t len, const char *p)
{
	size_t		pl = strlen(p);

	return len >= pl && memcmp(s, p, pl) == 0;
}

static bool
ends_with(const char *s, size_t len, const char *p)
{
	size_t		pl = strlen(p);

	return len >= pl && memcmp(s + len - pl, p, pl) == 0;
}

/* Decode HTML entities of the five kinds the renderer writes. */
static void
html_decode(const char *s, size_t len, GdBuf *out)
{
	static const char *const ent[][2] = {
		{"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"},
	};

	for (size_t i = 0; i < len;)
	{
		bool		done = false;

		if (s[i] == '&')
			for (int e = 0; e < 5; e++)
				if (starts_with(s + i, len - i, ent[e][0]))
				{
					gd_buf_put(out, ent[e][1], 1);
					i += strlen(ent[e][0]);
					done = true;
					break;
				}
		if (!done)
			gd_buf_put(out, s + i++, 1);
	}
}

/* A text value as written: plain, or "\" + escaped form. */
static bool
decode_value(const char *s, size_t len, GdBuf *out)
{
	if (len > 0 && s[0] == '\\')
		return gd_unescape(s + 1, len - 1, out);
	gd_buf_put(out, s, len);
	return true;
}

typedef struct ReadBack
{
	char	   *agency;			/* NULL for absent */
	char	   *year;
	char	   *narrative[7];	/* by section */
	char	   *fee;
	char	   *unit;			/* 2019 procurement unit, text style only */
	bool		unit_seen;
} ReadBack;

static char *
buf_string(GdBuf *b)
{
	char	   *s = malloc(b->len + 1);

	memcpy(s, b->data, b->len);
	s[b->len] = '\0';
	free(b->data);
	return s;
}

/* The narrative lines read so far, by section. */
typedef struct Narratives
{
	GdBuf		text[7];
	bool		has[7];
} Narratives;

static void
narratives_init(Narratives *n)
{
	for (int s = 0; s < 7; s++)
	{
		gd_buf_init(&n->text[s], 0, 64, 0, grow, NULL);
		n->has[s] = false;
	}
}

/* One more line of a section's narrative, decoded. */
static void
narratives_add(Narratives *n, int section, const char *s, size_t len)
{
	if (n->has[section])
		gd_buf_put(&n->text[section], "\n", 1);
	n->has[section] = true;
	if (!decode_value(s, len, &n->text[section]))
		FAIL("line does not decode: %.*s", (int) len, s);
}

/* Hand the narratives to rb: NULL for a section without lines. */
static void
narratives_finish(Narratives *n, ReadBack *rb)
{
	for (int s = 0; s < 7; s++)
	{
		if (n->has[s])
			rb->narrative[s] = buf_string(&n->text[s]);
		else
			free(n->text[s].data);
	}
}

static void
read_title(const char *s, size_t len, ReadBack *rb)
{
	size_t		end;
	size_t		y;
	GdBuf		b;

	if (!ends_with(s, len, gd_title_suffix))
	{
		FAIL("title does not end with the suffix: %.*s", (int) len, s);
		return;
	}
	end = len - strlen(gd_title_suffix);
	y = end;
	while (y > 0 && s[y - 1] >= '0' && s[y - 1] <= '9')
		y--;
	if (y < end && y > 0 && s[y - 1] == '-')
		y--;
	rb->year = y < end ? strndup(s + y, end - y) : NULL;
	if (y == 0)
	{
		rb->agency = NULL;
		return;
	}
	gd_buf_init(&b, 0, 64, 0, grow, NULL);
	if (!decode_value(s, y, &b))
		FAIL("agency does not decode: %.*s", (int) y, s);
	rb->agency = buf_string(&b);
}

static int
section_of_heading(const char *s, size_t len)
{
	for (int i = 0; i < 6; i++)
		if (strlen(gd_sections[i].heading) == len &&
			memcmp(gd_sections[i].heading, s, len) == 0)
			return i + 1;
	return 0;
}

/*
 * Read a text or markdown rendering: title, headings, narrative lines (not
 * blank, not table rows), the fee line, table rows.
 */
static void
read_lines(const char *doc, size_t len, GdStyle style, int width[7],
		   ReadBack *rb)
{
	static Line lines[8192];
	int			n = split_lines(doc, len, lines, 8192);
	bool		md = style == GD_STYLE_MARKDOWN;
	int			section = 0;
	Narratives	narr;
	int			fee_section = 6;

	narratives_init(&narr);
	if (n == 0)
	{
		FAIL("empty output");
		return;
	}
	if (md)
	{
		if (!starts_with(lines[0].s, lines[0].len, "# "))
			FAIL("markdown title without #");
		read_title(lines[0].s + 2, lines[0].len - 2, rb);
	}
	else
		read_title(lines[0].s, lines[0].len, rb);

	for (int i = 1; i < n; i++)
	{
		const char *s = lines[i].s;
		size_t		l = lines[i].len;
		int			h;

		if (md && starts_with(s, l, "## ") &&
			(h = section_of_heading(s + 3, l - 3)) > 0)
		{
			section = h;
			continue;
		}
		if (!md && (h = section_of_heading(s, l)) > 0)
		{
			section = h;
			continue;
		}
		if (l == 0)
			continue;
		if (section == 0)
		{
			FAIL("text before the first heading: %.*s", (int) l, s);
			continue;
		}
		if (width[section] > 0)
		{
			/* a table row */
			int			fields = 1;

			if (md)
			{
				if (!starts_with(s, l, "| ") || !ends_with(s, l, " |"))
					FAIL("markdown table row not in pipes: %.*s", (int) l, s);
				fields = 0;
				for (size_t k = 0; k < l; k++)
					fields += s[k] == '|';
				fields--;
				if (starts_with(s, l, "| --- |"))
					continue;
			}
			else
				for (size_t k = 0; k < l; k++)
					fields += s[k] == '\t';
			if (fields != width[section])
				FAIL("table row of section %d has %d fields, not %d: %.*s",
					 section, fields, width[section], (int) l, s);
			/* the 2019 procurement row: label, projects, amount+unit, "" */
			if (!md && starts_with(s, l, "政府集中采购\t"))
			{
				const char *f = memchr(s, '\t', l) + 1;
				const char *amount = memchr(f, '\t', l - (f - s)) + 1;
				const char *end = memchr(amount, '\t', l - (amount - s));
				const char *u = amount;
				GdBuf		b;

				while (u < end && ((*u >= '0' && *u <= '9') || *u == '.' ||
								   *u == '-' || *u == 'N' || *u == 'a' ||
								   *u == 'I' || *u == 'n' || *u == 'f' ||
								   *u == 'i' || *u == 't' || *u == 'y'))
					u++;
				rb->unit_seen = true;
				if (u < end)
				{
					gd_buf_init(&b, 0, 16, 0, grow, NULL);
					if (!decode_value(u, end - u, &b))
						FAIL("unit does not decode: %.*s", (int) (end - u), u);
					rb->unit = buf_string(&b);
				}
			}
			continue;
		}
		if (section == fee_section && starts_with(s, l, gd_fee_statement_prefix) &&
			ends_with(s, l, gd_fee_statement_suffix))
		{
			size_t		p = strlen(gd_fee_statement_prefix);

			rb->fee = strndup(s + p, l - p - strlen(gd_fee_statement_suffix));
			continue;
		}
		if (rb->fee)
			FAIL("text after the fee statement: %.*s", (int) l, s);
		narratives_add(&narr, section, s, l);
	}
	narratives_finish(&narr, rb);
}

/* Read an HTML rendering: <h1>, <h2> per section, <p> per line. */
static void
read_html(const char *doc, size_t len, ReadBack *rb)
{
	const char *p = strstr(doc, "<h1>");
	const char *e;
	int			section = 0;
	Narratives	narr;
	GdBuf		t;

	(void) len;
	narratives_init(&narr);
	if (!p || !(e = strstr(p, "</h1>")))
	{
		FAIL("no h1");
		return;
	}
	gd_buf_init(&t, 0, 64, 0, grow, NULL);
	html_decode(p + 4, e - p - 4, &t);
	read_title(t.data, t.len, rb);
	free(t.data);
	p = e;
	for (;;)
	{
		const char *h2 = strstr(p, "<h2>");
		const char *para = strstr(p, "<p>");

		if (h2 && (!para || h2 < para))
		{
			e = strstr(h2, "</h2>");
			section = section_of_heading(h2 + 4, e - h2 - 4);
			p = e;
			continue;
		}
		if (!para)
			break;
		e = strstr(para, "</p>");
		gd_buf_init(&t, 0, 64, 0, grow, NULL);
		html_decode(para + 3, e - para - 3, &t);
		p = e;
		if (section == 6 && starts_with(t.data, t.len, gd_fee_statement_prefix))
		{
			size_t		pl = strlen(gd_fee_statement_prefix);

			rb->fee = strndup(t.data + pl, t.len - pl - strlen(gd_fee_statement_suffix));
			free(t.data);
			continue;
		}
		narratives_add(&narr, section, t.data, t.len);
		free(t.data);
	}
	narratives_finish(&narr, rb);
}

static void
expect_same(const char *what, const char *style, const char *want, const char *got)
{
	if ((want == NULL) != (got == NULL) || (want && strcmp(want, got) != 0))
		FAIL("%s (%s): wrote [%s], read back [%s]", what, style,
			 want ? want : "NULL", got ? got : "NULL");
}

/*
 * Render one report of each format, narratives of a few KB of ordinary
 * text, n times per style; print reports/s and MB/s of output.
 */
static int
bench(int n)
{
	const GdLayout *L = gd_layout();
	static const char para[] =
		"（一）主动公开情况。全年共主动公开政府信息300条，其中门户网站公开227条，"
		"官方微博公开19条，官方微信公开34条。一是强化安全管理，二是严格信息审核。";

	for (int f = 0; f < 2; f++)
	{
		unsigned	F = f ? GD_FMT_2021 : GD_FMT_2019;
		char	   *value[MAXLEAVES];
		size_t		len[MAXLEAVES];
		char		narrative[4096] = "";

		for (int i = 0; i < 12; i++)
			strcat(narrative, i % 3 == 2 ? "\n" : para);
		for (int leaf = 0; leaf < L->nleaves; leaf++)
		{
			const GdNode *nd = &L->nodes[L->leaf_node[leaf]];

			value[leaf] = NULL;
			if (leaf == L->leaf_format)
				value[leaf] = strdup(gd_format_name(F));
			else if (!gd_node_in_format(nd, F))
				continue;
			else if (leaf == L->leaf_agency)
				value[leaf] = strdup("示例县人民政府办公室");
			else if (nd->field->flags & GD_UNIT)
				value[leaf] = strdup("万元");
			else if (nd->field->kind == GD_TEXT)
				value[leaf] = strdup(narrative);
			else
				value[leaf] = random_number(nd->field->kind, false);
			len[leaf] = value[leaf] ? strlen(value[leaf]) : 0;
		}
		for (int st = 0; st < GD_NSTYLES; st++)
		{
			GdBuf		out;
			int			bad;
			struct timespec t0,
						t1;
			double		secs;
			size_t		bytes = 0;

			gd_buf_init(&out, 0, 65536, 0, grow, NULL);
			clock_gettime(CLOCK_MONOTONIC, &t0);
			for (int i = 0; i < n; i++)
			{
				out.len = 0;
				if (gd_render((const char *const *) value, len, (GdStyle) st,
							  &out, &bad) != GD_RENDER_OK)
					return 1;
				bytes += out.len;
			}
			clock_gettime(CLOCK_MONOTONIC, &t1);
			secs = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
			printf("core\t%s\t%s\t%d\t%.3f\t%.0f\t%.1f\n", gd_format_name(F),
				   gd_style_names[st], n, secs, n / secs, bytes / secs / 1e6);
			free(out.data);
		}
		for (int leaf = 0; leaf < L->nleaves; leaf++)
			free(value[leaf]);
	}
	return 0;
}

int
main(int argc, char **argv)
{
	const GdLayout *L = gd_layout();
	int			iterations;
	char	   *value[MAXLEAVES];
	size_t		len[MAXLEAVES];
	int			unit_leaf = -1;
	int			fee_leaf = -1;
	int			narrative_leaf[7] = {-1, -1, -1, -1, -1, -1, -1};

	if (argc > 1 && strcmp(argv[1], "bench") == 0)
		return bench(argc > 2 ? atoi(argv[2]) : 100000);
	iterations = argc > 1 ? atoi(argv[1]) : 3000;
	if (argc > 2)
		rng_state = strtoull(argv[2], NULL, 10) | 1;
	for (int leaf = 0; leaf < L->nleaves; leaf++)
	{
		const GdNode *n = &L->nodes[L->leaf_node[leaf]];

		if (n->field->flags & GD_UNIT)
			unit_leaf = leaf;
		else if (n->depth == 1 && n->field->kind == GD_TEXT && n->section > 0)
			narrative_leaf[n->section] = leaf;
		else if (n->depth == 1 && n->field->kind == GD_NUMERIC && n->section > 0)
			fee_leaf = leaf;
	}

	for (int it = 0; it < iterations; it++)
	{
		unsigned	F = rnd(2) ? GD_FMT_2021 : GD_FMT_2019;

		for (int leaf = 0; leaf < L->nleaves; leaf++)
		{
			const GdNode *n = &L->nodes[L->leaf_node[leaf]];

			value[leaf] = NULL;
			if (leaf == L->leaf_format)
				value[leaf] = strdup(gd_format_name(F));
			else if (!gd_node_in_format(n, F) || rnd(8) == 0)
				continue;
			else if (n->field->kind == GD_TEXT)
				value[leaf] = hostile_text();
			else
				value[leaf] = random_number(n->field->kind, n->flags & GD_SIGNED);
		}
		for (int leaf = 0; leaf < L->nleaves; leaf++)
			len[leaf] = value[leaf] ? strlen(value[leaf]) : 0;

		for (int st = 0; st < GD_NSTYLES; st++)
		{
			GdBuf		out;
			int			bad;
			GdRenderError err;
			ReadBack	rb;
			int			width[7] = {0};

			memset(&rb, 0, sizeof(rb));
			gd_buf_init(&out, 0, 1024, 0, grow, NULL);
			err = gd_render((const char *const *) value, len, (GdStyle) st, &out, &bad);
			if (err != GD_RENDER_OK)
			{
				FAIL("render error %d at leaf %d", err, bad);
				free(out.data);
				continue;
			}
			gd_buf_put(&out, "", 1);
			/* table widths: label columns + figures, as in the layout */
			width[2] = 4;
			width[3] = 10;
			width[4] = 15;
			if (st == GD_STYLE_HTML)
				read_html(out.data, out.len - 1, &rb);
			else
				read_lines(out.data, out.len - 1, (GdStyle) st, width, &rb);

			expect_same("agency", gd_style_names[st], value[L->leaf_agency], rb.agency);
			expect_same("year", gd_style_names[st], value[L->leaf_year], rb.year);
			expect_same("fee", gd_style_names[st], value[fee_leaf], rb.fee);
			for (int s = 1; s <= 6; s++)
				if (narrative_leaf[s] >= 0)
					expect_same(gd_sections[s - 1].heading, gd_style_names[st],
								value[narrative_leaf[s]], rb.narrative[s]);
			if (st == GD_STYLE_TEXT && F == GD_FMT_2019)
			{
				if (!rb.unit_seen)
					FAIL("no procurement row in the 2019 table");
				expect_same("amount_unit", "text", value[unit_leaf], rb.unit);
			}
			if (failures > 20)
			{
				fprintf(stderr, "output was:\n%s\n", out.data);
				return 1;
			}
			free(rb.agency);
			free(rb.year);
			free(rb.fee);
			free(rb.unit);
			for (int s = 0; s < 7; s++)
				free(rb.narrative[s]);
			free(out.data);
		}
		for (int leaf = 0; leaf < L->nleaves; leaf++)
			free(value[leaf]);
	}
	/* refusals: each bad input gives its error and names the leaf */
	{
		static const struct
		{
			const char *path;
			const char *value;
			GdRenderError want;
		}			bad[] = {
			{"overview", "\xe4\xb8", GD_RENDER_BAD_UTF8},
			{"agency", "\xc0\xaf", GD_RENDER_BAD_UTF8},
			{"problems", "\xed\xa0\x80", GD_RENDER_BAD_UTF8},
			{"other_matters", "\xf4\x90\x80\x80", GD_RENDER_BAD_UTF8},
			{"year", "20x1", GD_RENDER_BAD_NUMBER},
			{"requests.new_received.total", "1.5", GD_RENDER_BAD_NUMBER},
			{"requests.new_received.total", "", GD_RENDER_BAD_NUMBER},
			{"processing_fee_yuan", "1e5", GD_RENDER_BAD_NUMBER},
			{"processing_fee_yuan", "1.", GD_RENDER_BAD_NUMBER},
			{"proactive.other_services.decisions", "1", GD_RENDER_FOREIGN_CELL},
			{"format", "2020", GD_RENDER_BAD_FORMAT},
			{"format", NULL, GD_RENDER_NO_FORMAT},
		};

		for (size_t b = 0; b < sizeof(bad) / sizeof(bad[0]); b++)
		{
			int			node = gd_find_path(bad[b].path);
			int			leaf = L->nodes[node].leaf;
			GdBuf		out;
			int			at;
			GdRenderError err;

			for (int l = 0; l < L->nleaves; l++)
			{
				value[l] = NULL;
				len[l] = 0;
			}
			value[L->leaf_format] = (char *) "2021";
			len[L->leaf_format] = 4;
			value[leaf] = (char *) bad[b].value;
			len[leaf] = bad[b].value ? strlen(bad[b].value) : 0;
			gd_buf_init(&out, 0, 1024, 0, grow, NULL);
			err = gd_render((const char *const *) value, len, GD_STYLE_TEXT, &out, &at);
			if (err != bad[b].want || at != leaf)
				FAIL("%s = %s: error %d at leaf %d, expected %d at %d", bad[b].path,
					 bad[b].value ? bad[b].value : "NULL", err, at, bad[b].want, leaf);
			free(out.data);
		}
	}
	/* a buffer limit is a clean failure */
	{
		GdBuf		out;
		int			at;

		for (int l = 0; l < L->nleaves; l++)
			value[l] = NULL;
		value[L->leaf_format] = (char *) "2019";
		len[L->leaf_format] = 4;
		gd_buf_init(&out, 0, 64, 1000, grow, NULL);
		if (gd_render((const char *const *) value, len, GD_STYLE_HTML, &out, &at) !=
			GD_RENDER_NO_MEMORY || out.cap > 1000)
			FAIL("a render past the buffer limit did not fail cleanly");
		free(out.data);
	}

	if (failures)
	{
		fprintf(stderr, "%d failures\n", failures);
		return 1;
	}
	printf("ok: %d random reports read back exactly in %d styles\n",
		   iterations, GD_NSTYLES);
	return 0;
}
