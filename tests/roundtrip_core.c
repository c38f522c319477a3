/*-------------------------------------------------------------------------
 *
 * roundtrip_core.c
 *	  Property test of the round trip through the plain-C renderer and
 *	  parser, without PostgreSQL: for random reports of both formats with
 *	  hostile text (tests/lib/random_report.h), blank cells and figures at
 *	  the ends of their types, in every style, gd_parse(gd_render(r)) gives
 *	  back every leaf of r exactly.
 *
 * Built and run by tests/roundtrip.sh:
 *	  cc -Iextension -Itests/lib tests/roundtrip_core.c extension/render.c \
 *		 extension/parse.c extension/fold.c extension/fold_table.c \
 *		 extension/layout.c extension/rules.c
 *	  ./roundtrip_core [iterations] [seed]
 * It prints the first differing leaves (key path, style, written, read) and
 * the rendered document of the first failure, and exits 1 on a failure.
 *
 * What the round trip does not cover, by design (docs/parser.md): amounts
 * NaN and ±Infinity, years outside 1990–2100, and 2019 procurement units
 * other than 元 and 万元.  Agencies are any text, hostile text included.
 *
 * tests/roundtrip_core.c
 *
 *-------------------------------------------------------------------------
 */
#include "layout.h"
#include "parse.h"
#include "render.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "random_report.h"

static void *
grow(void *ptr, size_t size, void *arg)
{
	(void) arg;
	return realloc(ptr, size);
}

/* Names of agencies, as titles show them and as a reader of titles would misread them. */
static const char *const agencies[] = {
	"驻马店市公安局", "青山县人民政府办公室", "某县人民", "第3", "西河县教育局１",
	"政府信息公开办公室", "北京市朝阳區(qū)人民政府", "南岭区\xe2\x80\x8b财政局",
	"\\开头的局", "#井号局", "|边框局|", "局\xef\xbd\x9c", "白沙县统一办",
	"临江市2", "松原区-", "长宁市+", "安和县.", "望湖区自然资源局\xc2\xad",
	" 前后空格局 ", "\xe3\x80\x80全角空格局", "区 局", "A&B局", "quote'局", "-横杠局", "*星号局",
	"\xe2\x80\xa2点局", "青年局", "某年", "人民",
	/* what a reader of published titles would misread: written escaped */
	"县委办公室、县政府办公室", "某局:办公室", "某局，办", "我局", "本局办公室", "关于某局",
	"某局报送组", "印发", "某局2020年度", "某县２０２０年", "某市政府信息公开办公室",
	"某局年政府信息公开工作年度报告", "某局《办公室》", "“某局”", "某局>办", "某局<办", "某局。",
	"中国共产党某某省某某市某某县纪律检查委员会某某县监察委员会派驻第一纪检监察组", "",
	"某局\n办公室", "我", "2021年", "某局政府信息公开",
	"二.主动公开政府信息情况局", "六．其他需要报告的事项",
	"现将某局", "现公布区统计局", "编制组", "发布中心", "现代农业局", "编制办公室",
	"特编制城关镇", "特发布中心", "特色农业局", "特将某局",
};

#define NAGENCIES (sizeof(agencies) / sizeof(agencies[0]))

/* A figure the parser must give back: random_number without NaN, ±Infinity. */
static char *
figure(const GdNode *n)
{
	for (;;)
	{
		char	   *v = random_number(n->field->kind, n->flags & GD_SIGNED);

		if (strcmp(v, "NaN") != 0 && strstr(v, "Infinity") == NULL)
			return v;
		free(v);
	}
}

/* A random report of format F: value[leaf], NULL for SQL NULL. */
static void
random_report(unsigned F, char **value, int blank_percent)
{
	const GdLayout *L = gd_layout();

	for (int leaf = 0; leaf < L->nleaves; leaf++)
	{
		const GdNode *n = &L->nodes[L->leaf_node[leaf]];
		char		buf[32];

		value[leaf] = NULL;
		if (leaf == L->leaf_format)
			value[leaf] = strdup(gd_format_name(F));
		else if (!gd_node_in_format(n, F) || (int) rnd(100) < blank_percent)
			continue;
		else if (leaf == L->leaf_agency)
			value[leaf] = rnd(4) == 0 ? hostile_text() : strdup(agencies[rnd(NAGENCIES)]);
		else if (leaf == L->leaf_year)
		{
			snprintf(buf, sizeof(buf), "%u", 1990 + rnd(111));
			value[leaf] = strdup(buf);
		}
		else if (n->field->flags & GD_UNIT)
			value[leaf] = strdup(rnd(2) ? "元" : "万元");
		else if (n->field->kind == GD_TEXT)
			value[leaf] = hostile_text();
		else
			value[leaf] = figure(n);
	}
}

/* The parsed value of a leaf as text (NULL for NULL), in buf or the result. */
static const char *
parsed_text(const GdParsedValue *v, char *buf, size_t len)
{
	switch (v->kind)
	{
		case GD_V_NULL:
			return NULL;
		case GD_V_INT:
			snprintf(buf, len, "%" PRId64, v->ival);
			return buf;
		case GD_V_NUMERIC:
		case GD_V_TEXT:
			return v->str;
	}
	return NULL;
}

static int	failures = 0;

/* Render value in style st, parse it back; count and show differences. */
static void
round_trip(char **value, GdStyle st, bool *shown_doc)
{
	const GdLayout *L = gd_layout();
	size_t		len[MAXLEAVES];
	GdBuf		out;
	GdParseResult res;
	int			bad;
	GdRenderError err;
	int			before = failures;

	for (int leaf = 0; leaf < L->nleaves; leaf++)
		len[leaf] = value[leaf] ? strlen(value[leaf]) : 0;
	gd_buf_init(&out, 0, 4096, 0, grow, NULL);
	err = gd_render((const char *const *) value, len, st, &out, &bad);
	if (err != GD_RENDER_OK)
	{
		fprintf(stderr, "FAIL: render error %d at leaf %d\n", err, bad);
		failures++;
		free(out.data);
		return;
	}
	if (!gd_parse(out.data, out.len, NULL, &res))
	{
		fprintf(stderr, "FAIL (%s): not read as a report: %s\n", gd_style_names[st],
				res.refusal);
		failures++;
	}
	else
		for (int leaf = 0; leaf < L->nleaves; leaf++)
		{
			char		buf[32];
			const char *got = parsed_text(&res.values[leaf], buf, sizeof(buf));
			const char *want = value[leaf];

			if ((want == NULL) != (got == NULL) || (want && strcmp(want, got) != 0))
			{
				if (failures < 30)
					fprintf(stderr, "FAIL (%s) %s: wrote [%s], read [%s]\n",
							gd_style_names[st], L->nodes[L->leaf_node[leaf]].path,
							want ? want : "NULL", got ? got : "NULL");
				failures++;
			}
		}
	if (failures > before && !*shown_doc)
	{
		fprintf(stderr, "---- the %s document ----\n%.*s\n---- its notes ----\n",
				gd_style_names[st], (int) out.len, out.data);
		for (int i = 0; i < res.nnotes; i++)
			fprintf(stderr, "%d: %s %s: %s\n", res.notes[i].line,
					gd_note_kind_name(res.notes[i].kind),
					res.notes[i].key_path ? res.notes[i].key_path : "-",
					res.notes[i].text);
		*shown_doc = true;
	}
	/* without notes (as parse_report asks) the values are the same */
	{
		GdParseOptions quiet = {NULL, NULL, NULL, NULL, true};
		GdParseResult res2;

		gd_parse(out.data, out.len, &quiet, &res2);
		for (int leaf = 0; leaf < L->nleaves && res.is_report; leaf++)
		{
			char		b1[32],
						b2[32];
			const char *x = parsed_text(&res.values[leaf], b1, sizeof(b1));
			const char *y = parsed_text(&res2.values[leaf], b2, sizeof(b2));

			if ((x == NULL) != (y == NULL) || (x && strcmp(x, y) != 0) || res2.nnotes != 0)
			{
				fprintf(stderr, "FAIL (%s) %s: read [%s] with notes, [%s] without (%d notes)\n",
						gd_style_names[st], L->nodes[L->leaf_node[leaf]].path,
						x ? x : "NULL", y ? y : "NULL", res2.nnotes);
				failures++;
				break;
			}
		}
		gd_parse_free(&res2, NULL);
	}
	gd_parse_free(&res, NULL);
	free(out.data);
}

int
main(int argc, char **argv)
{
	const GdLayout *L = gd_layout();
	int			iterations = argc > 1 ? atoi(argv[1]) : 2000;
	char	   *value[MAXLEAVES];
	bool		shown_doc = false;

	if (argc > 2)
		rng_state = strtoull(argv[2], NULL, 10) | 1;
	for (int it = 0; it < iterations && failures < 30; it++)
	{
		unsigned	F = rnd(2) ? GD_FMT_2021 : GD_FMT_2019;
		/* complete reports, some blanks, many blanks, empty ones */
		static const int blanks[] = {0, 0, 10, 10, 40, 100};

		random_report(F, value, blanks[rnd(6)]);
		for (int st = 0; st < GD_NSTYLES; st++)
			round_trip(value, (GdStyle) st, &shown_doc);
		for (int leaf = 0; leaf < L->nleaves; leaf++)
			free(value[leaf]);
	}
	if (failures)
	{
		fprintf(stderr, "%d differences\n", failures);
		return 1;
	}
	printf("ok: %d random reports (both formats, hostile text, blanks) read back exactly in %d styles\n",
		   iterations, GD_NSTYLES);
	return 0;
}
