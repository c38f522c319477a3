/*-------------------------------------------------------------------------
 *
 * gen-reports.c
 *	  Generate realistic, consistent annual reports of both formats, as
 *	  canonical JSON lines, for benchmarks and property tests.
 *
 *	  gen-reports [--count N] [--seed S] [--format 2019|2021|mixed]
 *				  [--blanks P] [--narrative CHARS] [--agency NAME] [--year Y]
 *
 * Every report satisfies every rule of the contract (the fix-ups below use
 * the equations of rules.c, so nothing here restates them).  --blanks P
 * leaves each cell blank with probability P percent (such reports are then
 * incomplete, but never break an equation that can be checked).  Agencies,
 * places and narratives are invented.  The output has no tab, newline or
 * backslash inside a line, so `\copy t(j) FROM PROGRAM ...` reads it as is.
 * --agency and --year fix those fields (the format then follows the year:
 * 2019 and 2020 reports use the 2019 trial format).
 *
 * tools/gen-reports.c
 *
 *-------------------------------------------------------------------------
 */
#include "layout.h"
#include "rules.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng_state;

static uint64_t
rng(void)
{
	uint64_t	z = (rng_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static int64_t
uniform(int64_t lo, int64_t hi)
{
	return lo + (int64_t) (rng() % (uint64_t) (hi - lo + 1));
}

/* Mostly small counts with many zeros, as in published reports. */
static int64_t
small_count(int scale)
{
	int			r = (int) uniform(0, 99);

	if (r < 55)
		return 0;
	if (r < 85)
		return uniform(1, 3 * scale);
	if (r < 97)
		return uniform(3 * scale, 12 * scale);
	return uniform(12 * scale, 60 * scale);
}

static const char *const places[] = {
	"东川市", "西河县", "南岭区", "北源市", "青石县", "云岗区", "临江市", "白沙县",
	"望湖区", "长宁市", "安和县", "松原区"
};
static const char *const bureaus[] = {
	"人民政府", "公安局", "教育局", "财政局", "自然资源局", "生态环境局",
	"住房和城乡建设局", "交通运输局", "农业农村局", "卫生健康委员会",
	"市场监督管理局", "民政局", "人力资源和社会保障局", "应急管理局"
};
static const char *const phrases[] = {
	"坚持以公开为常态、不公开为例外，", "持续完善政府信息公开制度，",
	"加强政策解读和回应关切，", "规范依申请公开办理流程，",
	"推进重点领域信息公开，", "强化政府网站和政务新媒体管理，",
	"做好信息发布的保密审查，", "提升公开工作人员业务能力，"
};

#define NPLACES (sizeof(places) / sizeof(places[0]))
#define NBUREAUS (sizeof(bureaus) / sizeof(bureaus[0]))
#define NPHRASES (sizeof(phrases) / sizeof(phrases[0]))

typedef struct Report
{
	GdCell		cells[256];
	char		agency[128];
	char		overview[4096];
	char		problems[1024];
	char		fee[32];		/* fees.amount_10k_yuan */
	char		procurement[32];	/* procurement.amount */
	char		processing_fee[32];
	const char *unit;
	unsigned	format;
	int			year;
} Report;

static void
narrative(char *buf, size_t len, int chars)
{
	size_t		n = 0;

	buf[0] = '\0';
	while ((int) n < chars * 3 && n + 64 < len)
	{
		const char *p = phrases[rng() % NPHRASES];
		size_t		l = strlen(p);

		memcpy(buf + n, p, l);
		n += l;
	}
	/* end with 。 instead of the last ， */
	if (n >= 3)
		memcpy(buf + n - 3, "。", 3);
	buf[n] = '\0';
}

static void
set(Report *r, const char *path, int64_t v)
{
	int			node = gd_find_path(path);
	const GdLayout *L = gd_layout();

	if (node < 0 || L->nodes[node].leaf < 0)
	{
		fprintf(stderr, "gen-reports: no cell %s\n", path);
		exit(2);
	}
	r->cells[L->nodes[node].leaf].isnull = false;
	r->cells[L->nodes[node].leaf].value = v;
}

static void
set_leaf(Report *r, int leaf, int64_t v)
{
	r->cells[leaf].isnull = false;
	r->cells[leaf].value = v;
}

static int64_t
sum_of(const Report *r, const int *terms, int n)
{
	int64_t		s = 0;

	for (int i = 0; i < n; i++)
		s += r->cells[terms[i]].value;
	return s;
}

/* The equations of one rule (they are contiguous in gd_equations()). */
static const GdEquation *
equations(GdRuleId rule, unsigned format, int *count)
{
	const GdEquation *all;
	int			n;
	int			first = -1;

	all = gd_equations(format, &n);
	*count = 0;
	for (int i = 0; i < n; i++)
		if (all[i].rule == (int) rule)
		{
			if (first < 0)
				first = i;
			(*count)++;
		}
	return first >= 0 ? &all[first] : NULL;
}

static void
generate(Report *r, unsigned format, int narrative_chars)
{
	const GdLayout *L = gd_layout();
	int			n;
	const GdEquation *eq;
	int			scale = (int) uniform(1, 5);

	memset(r, 0, sizeof(*r));
	for (int i = 0; i < L->nleaves; i++)
		r->cells[i].isnull = true;
	r->format = format;
	r->year = format == GD_FMT_2019 ? (int) uniform(2019, 2020) : (int) uniform(2021, 2025);
	snprintf(r->agency, sizeof(r->agency), "%s%s", places[rng() % NPLACES],
			 bureaus[rng() % NBUREAUS]);
	narrative(r->overview, sizeof(r->overview), narrative_chars);
	narrative(r->problems, sizeof(r->problems), narrative_chars / 4);

	/* table 三: every non-total cell of the outcome rows and carry-overs */
	for (int leaf = 0; leaf < L->nleaves; leaf++)
	{
		const GdNode *node = &L->nodes[L->leaf_node[leaf]];

		if (node->section != 3 || !gd_node_in_format(node, format) ||
			(node->field->flags & GD_TOTAL))
			continue;
		r->cells[leaf].isnull = false;
		/* natural persons file most applications */
		if (strcmp(node->field->key, "natural_person") == 0)
			r->cells[leaf].value = small_count(scale);
		else
			r->cells[leaf].value = uniform(0, 99) < 75 ? 0 : small_count(1);
	}
	/* handled = the outcomes; carried_over at most handled + forward */
	eq = equations(GD_RULE_REQUESTS_OUTCOMES, format, &n);
	for (int i = 0; i < n; i++)
		if (!(L->nodes[L->leaf_node[eq[i].actual[0]]].field->flags & GD_TOTAL))
			r->cells[eq[i].actual[0]].value = sum_of(r, eq[i].expected, eq[i].nexpected);
	eq = equations(GD_RULE_REQUESTS_BALANCE, format, &n);
	for (int i = 0; i < n; i++)
	{
		int64_t		out = sum_of(r, eq[i].actual, eq[i].nactual);

		if (L->nodes[L->leaf_node[eq[i].expected[0]]].field->flags & GD_TOTAL)
			continue;
		/* expected = {new_received, carried_over} */
		r->cells[eq[i].expected[1]].value = out > 0 ? uniform(0, out / 4) : 0;
		r->cells[eq[i].expected[0]].value = out - r->cells[eq[i].expected[1]].value;
	}
	/* totals of every row, in table 三 and table 四 */
	for (int leaf = 0; leaf < L->nleaves; leaf++)
	{
		const GdNode *node = &L->nodes[L->leaf_node[leaf]];

		if (node->section == 4)
		{
			r->cells[leaf].isnull = false;
			r->cells[leaf].value = uniform(0, 99) < 80 ? 0 : uniform(1, 6);
		}
	}
	eq = equations(GD_RULE_REQUESTS_ROW_TOTAL, format, &n);
	for (int i = 0; i < n; i++)
		set_leaf(r, eq[i].actual[0], sum_of(r, eq[i].expected, eq[i].nexpected));
	eq = equations(GD_RULE_APPEALS_TOTAL, format, &n);
	for (int i = 0; i < n; i++)
		set_leaf(r, eq[i].actual[0], sum_of(r, eq[i].expected, eq[i].nexpected));

	/* table 二 */
	if (format == GD_FMT_2021)
	{
		int64_t		issued = uniform(0, 99) < 90 ? 0 : uniform(1, 3);

		set(r, "proactive.regulations.issued", issued);
		set(r, "proactive.regulations.repealed", uniform(0, 99) < 95 ? 0 : 1);
		set(r, "proactive.regulations.in_force", issued + (uniform(0, 99) < 70 ? 0 : uniform(0, 40)));
		issued = small_count(2);
		set(r, "proactive.normative_documents.issued", issued);
		set(r, "proactive.normative_documents.repealed", small_count(1));
		set(r, "proactive.normative_documents.in_force", issued + uniform(0, 300));
		snprintf(r->fee, sizeof(r->fee), "%" PRId64 ".%04" PRId64,
				 uniform(0, 99) < 50 ? 0 : uniform(0, 20000), uniform(0, 9999));
	}
	else
	{
		const char *const docs[] = {"proactive.regulations", "proactive.normative_documents"};
		const char *const rows[] = {"proactive.licensing", "proactive.other_services",
		"proactive.penalties", "proactive.enforcement"};
		char		path[GD_MAX_PATH];

		for (int d = 0; d < 2; d++)
		{
			int64_t		made = small_count(1);

			snprintf(path, sizeof(path), "%s.made", docs[d]);
			set(r, path, made);
			snprintf(path, sizeof(path), "%s.published", docs[d]);
			set(r, path, made);
			snprintf(path, sizeof(path), "%s.published_total", docs[d]);
			set(r, path, made + uniform(0, 200));
		}
		for (int i = 0; i < 4; i++)
		{
			snprintf(path, sizeof(path), "%s.prior_items", rows[i]);
			set(r, path, uniform(0, 400));
			snprintf(path, sizeof(path), "%s.change", rows[i]);
			set(r, path, uniform(-20, 30));
		}
		set(r, "proactive.other_services.decisions", uniform(0, 3000));
		set(r, "proactive.fees.prior_items", uniform(0, 40));
		set(r, "proactive.fees.change", uniform(-5, 5));
		set(r, "proactive.procurement.projects", uniform(0, 400));
		r->unit = uniform(0, 2) == 0 ? "万元" : "元";
		snprintf(r->procurement, sizeof(r->procurement), "%" PRId64 ".%02" PRId64,
				 uniform(0, 9000000), uniform(0, 99));
	}
	set(r, "proactive.licensing.decisions", uniform(0, 99) < 30 ? 0 : uniform(0, 900000));
	set(r, "proactive.penalties.decisions", uniform(0, 5000));
	set(r, "proactive.enforcement.decisions", uniform(0, 1000));
	snprintf(r->processing_fee, sizeof(r->processing_fee), "%d",
			 uniform(0, 9) == 0 ? (int) uniform(1, 50) * 10 : 0);
}

static void
blank(Report *r, int percent)
{
	const GdLayout *L = gd_layout();

	if (percent <= 0)
		return;
	for (int leaf = 0; leaf < L->nleaves; leaf++)
		if (uniform(0, 99) < percent)
			r->cells[leaf].isnull = true;
	if (uniform(0, 99) < percent)
		r->fee[0] = '\0';
	if (uniform(0, 99) < percent)
		r->procurement[0] = '\0';
}

/* Print the cell or composite at node as JSON. */
static void
print_node(const Report *r, int node)
{
	const GdLayout *L = gd_layout();
	const GdNode *n = &L->nodes[node];

	if (n->leaf < 0)
	{
		bool		first = true;

		putchar('{');
		for (GD_EACH_CHILD(L, node, i))
		{
			printf("%s\"%s\":", first ? "" : ",", L->nodes[i].field->key);
			print_node(r, i);
			first = false;
		}
		putchar('}');
		return;
	}
	if (!gd_node_in_format(n, r->format))
	{
		fputs("null", stdout);
		return;
	}
	if (n->leaf == L->leaf_format)
		printf("\"%s\"", gd_format_name(r->format));
	else if (n->leaf == L->leaf_agency)
		printf("\"%s\"", r->agency);
	else if (n->leaf == L->leaf_year)
		printf("%d", r->year);
	else if (strcmp(n->path, "overview") == 0)
		printf("\"%s\"", r->overview);
	else if (strcmp(n->path, "problems") == 0)
		printf("\"%s\"", r->problems);
	else if (strcmp(n->path, "other_matters") == 0)
		fputs("\"无。\"", stdout);
	else if (strcmp(n->path, "processing_fee_yuan") == 0)
		fputs(r->processing_fee, stdout);
	else if (strcmp(n->path, "proactive.fees.amount_10k_yuan") == 0)
		fputs(r->fee[0] ? r->fee : "null", stdout);
	else if (strcmp(n->path, "proactive.procurement.amount") == 0)
		fputs(r->procurement[0] ? r->procurement : "null", stdout);
	else if (strcmp(n->path, "proactive.procurement.amount_unit") == 0)
	{
		if (r->procurement[0])
			printf("\"%s\"", r->unit);
		else
			fputs("null", stdout);
	}
	else if (r->cells[n->leaf].isnull)
		fputs("null", stdout);
	else
		printf("%" PRId64, r->cells[n->leaf].value);
}

static void
usage(void)
{
	fprintf(stderr,
			"usage: gen-reports [--count N] [--seed S] [--format 2019|2021|mixed]\n"
			"                   [--blanks PERCENT] [--narrative CHARS]\n"
			"                   [--agency NAME] [--year YEAR]\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	long		count = 10;
	unsigned long long seed = 1;
	int			formats = 0;	/* 0 mixed */
	int			blanks = 0;
	int			chars = 120;
	const char *agency = NULL;
	int			year = 0;
	Report	   *r = malloc(sizeof(Report));

	for (int i = 1; i < argc; i++)
	{
		if (i + 1 >= argc)
			usage();
		if (strcmp(argv[i], "--count") == 0)
			count = atol(argv[++i]);
		else if (strcmp(argv[i], "--seed") == 0)
			seed = strtoull(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "--format") == 0)
		{
			i++;
			formats = strcmp(argv[i], "2019") == 0 ? GD_FMT_2019 :
				strcmp(argv[i], "2021") == 0 ? GD_FMT_2021 :
				strcmp(argv[i], "mixed") == 0 ? 0 : -1;
			if (formats < 0)
				usage();
		}
		else if (strcmp(argv[i], "--blanks") == 0)
			blanks = atoi(argv[++i]);
		else if (strcmp(argv[i], "--narrative") == 0)
			chars = atoi(argv[++i]);
		else if (strcmp(argv[i], "--agency") == 0)
			agency = argv[++i];
		else if (strcmp(argv[i], "--year") == 0)
			year = atoi(argv[++i]);
		else
			usage();
	}
	if (r == NULL || count < 0 || chars < 0 || chars > 1000 || blanks < 0 || blanks > 100 ||
		(agency && strlen(agency) >= sizeof(r->agency)) || (year && (year < 2019 || year > 2100)))
		usage();
	if (year && !formats)
		formats = year <= 2020 ? GD_FMT_2019 : GD_FMT_2021;
	rng_state = seed;
	for (long i = 0; i < count; i++)
	{
		unsigned	format = formats ? (unsigned) formats :
			(uniform(0, 3) == 0 ? GD_FMT_2019 : GD_FMT_2021);

		generate(r, format, chars);
		if (agency)
			snprintf(r->agency, sizeof(r->agency), "%s", agency);
		if (year)
			r->year = year;
		blank(r, blanks);
		print_node(r, 0);
		putchar('\n');
	}
	free(r);
	return 0;
}
