/*-------------------------------------------------------------------------
 *
 * indicators.c
 *	  The indicators of a report and the fields of a trend, as data, and
 *	  the evaluator of count and rate indicators over an array of cells.
 *
 * To add an indicator, add a row below: the SQL type, the view
 * govdisclose.indicator_definitions, indicators() and report_trend() all
 * follow.
 *
 * extension/indicators.c
 *
 *-------------------------------------------------------------------------
 */
#include "indicators.h"

#include <stdio.h>
#include <string.h>

#define TERMS(...) ((const char *const[]) {__VA_ARGS__, NULL})

/* In the order of the columns of govdisclose.indicators. */
const GdIndicator gd_indicators[] = {
	/* section 三: applications, counts */
	{"new_received", GD_MEASURE_COUNT, TERMS("requests.new_received.total"), NULL,
	"applications received this year"},
	{"carried_over", GD_MEASURE_COUNT, TERMS("requests.carried_over.total"), NULL,
	"applications carried over from the previous year"},
	{"handled", GD_MEASURE_COUNT, TERMS("requests.total_handled.total"), NULL,
	"applications handled this year"},
	{"granted", GD_MEASURE_COUNT, TERMS("requests.granted.total"), NULL,
	"applications granted"},
	{"partially_granted", GD_MEASURE_COUNT, TERMS("requests.partially_granted.total"), NULL,
	"applications partially granted"},
	{"denied", GD_MEASURE_COUNT, TERMS("requests.denied.*.total"), NULL,
	"applications denied, all eight reasons"},
	{"unable_to_provide", GD_MEASURE_COUNT, TERMS("requests.unable_to_provide.*.total"), NULL,
	"applications the agency could not answer, all three reasons"},
	{"not_held", GD_MEASURE_COUNT, TERMS("requests.unable_to_provide.not_held.total"), NULL,
	"applications for information the agency does not hold"},
	{"not_processed", GD_MEASURE_COUNT, TERMS("requests.not_processed.*.total"), NULL,
	"applications not processed, all five reasons"},
	{"other_handling", GD_MEASURE_COUNT, TERMS("requests.other_handling.*.total"), NULL,
	"applications handled otherwise (the single 2019 row, or the three 2021 rows)"},
	{"carried_forward", GD_MEASURE_COUNT, TERMS("requests.carried_forward.total"), NULL,
	"applications carried forward to the next year"},
	{"new_received_natural_person", GD_MEASURE_COUNT,
		TERMS("requests.new_received.natural_person"), NULL,
	"applications received from natural persons"},
	/* section 三: rates */
	{"disclosure_rate", GD_MEASURE_RATE, TERMS("granted", "partially_granted"),
		TERMS("handled"),
	"公开率: applications granted in full or in part, per application handled"},
	{"granted_rate", GD_MEASURE_RATE, TERMS("granted"), TERMS("handled"),
	"applications granted, per application handled"},
	{"partially_granted_rate", GD_MEASURE_RATE, TERMS("partially_granted"),
		TERMS("handled"),
	"applications partially granted, per application handled"},
	{"denial_rate", GD_MEASURE_RATE, TERMS("denied"), TERMS("handled"),
	"applications denied, per application handled"},
	{"unable_rate", GD_MEASURE_RATE, TERMS("unable_to_provide"), TERMS("handled"),
	"applications the agency could not answer, per application handled"},
	{"not_held_rate", GD_MEASURE_RATE, TERMS("not_held"), TERMS("handled"),
	"applications for information not held, per application handled"},
	{"not_processed_rate", GD_MEASURE_RATE, TERMS("not_processed"), TERMS("handled"),
	"applications not processed, per application handled"},
	{"other_handling_rate", GD_MEASURE_RATE, TERMS("other_handling"), TERMS("handled"),
	"applications handled otherwise, per application handled"},
	{"carry_forward_rate", GD_MEASURE_RATE, TERMS("carried_forward"),
		TERMS("new_received", "carried_over"),
	"applications carried forward, per application on hand (received plus carried over)"},
	{"natural_person_share", GD_MEASURE_RATE, TERMS("new_received_natural_person"),
		TERMS("new_received"),
	"share of the applications received that came from natural persons"},
	/* section 四 */
	{"reconsideration_total", GD_MEASURE_COUNT, TERMS("appeals.reconsideration.total"),
	NULL, "administrative reconsideration cases"},
	{"reconsideration_corrected", GD_MEASURE_COUNT,
		TERMS("appeals.reconsideration.corrected"), NULL,
	"reconsideration cases in which the decision was corrected"},
	{"reconsideration_pending", GD_MEASURE_COUNT,
		TERMS("appeals.reconsideration.pending"), NULL,
	"reconsideration cases not yet decided"},
	{"reconsideration_correction_rate", GD_MEASURE_RATE,
		TERMS("reconsideration_corrected"),
		TERMS("reconsideration_total", "-reconsideration_pending"),
	"reconsideration cases corrected, per decided case"},
	{"litigation_total", GD_MEASURE_COUNT,
		TERMS("appeals.litigation_direct.total",
			  "appeals.litigation_after_reconsideration.total"), NULL,
	"lawsuits, with and without prior reconsideration"},
	{"litigation_corrected", GD_MEASURE_COUNT,
		TERMS("appeals.litigation_direct.corrected",
			  "appeals.litigation_after_reconsideration.corrected"), NULL,
	"lawsuits in which the decision was corrected"},
	{"litigation_pending", GD_MEASURE_COUNT,
		TERMS("appeals.litigation_direct.pending",
			  "appeals.litigation_after_reconsideration.pending"), NULL,
	"lawsuits not yet decided"},
	{"litigation_correction_rate", GD_MEASURE_RATE, TERMS("litigation_corrected"),
		TERMS("litigation_total", "-litigation_pending"),
	"lawsuits corrected, per decided lawsuit"},
	{"combined_correction_rate", GD_MEASURE_RATE,
		TERMS("reconsideration_corrected", "litigation_corrected"),
		TERMS("reconsideration_total", "litigation_total",
			  "-reconsideration_pending", "-litigation_pending"),
	"reconsideration cases and lawsuits corrected, per decided case"},
	/* section 二 */
	{"regulations_issued", GD_MEASURE_COUNT,
		TERMS("proactive.regulations.issued", "proactive.regulations.made"), NULL,
	"规章 issued this year (2019 format: newly made)"},
	{"normative_documents_issued", GD_MEASURE_COUNT,
		TERMS("proactive.normative_documents.issued",
			  "proactive.normative_documents.made"), NULL,
	"normative documents issued this year (2019 format: newly made)"},
	{"licensing_decisions", GD_MEASURE_COUNT, TERMS("proactive.licensing.decisions"),
	NULL, "licensing decisions"},
	{"penalty_decisions", GD_MEASURE_COUNT, TERMS("proactive.penalties.decisions"),
	NULL, "administrative penalty decisions"},
	{"enforcement_decisions", GD_MEASURE_COUNT, TERMS("proactive.enforcement.decisions"),
	NULL, "administrative enforcement decisions"},
	{"fees_10k_yuan", GD_MEASURE_AMOUNT, TERMS("proactive.fees.amount_10k_yuan"), NULL,
	"administrative fees collected, in 万元 (2021 format only)"},
};

const int	gd_nindicators = sizeof(gd_indicators) / sizeof(gd_indicators[0]);

const GdColumn gd_trend_columns[GD_TREND_NCOLUMNS] = {
	{"years", "pg_catalog.int4", "number of distinct years with a value"},
	{"first_year", "pg_catalog.int4", "earliest year with a value"},
	{"last_year", "pg_catalog.int4", "latest year with a value"},
	{"first_value", "pg_catalog.numeric", "value of first_year (values of one year added up)"},
	{"last_value", "pg_catalog.numeric", "value of last_year (values of one year added up)"},
	{"change", "pg_catalog.numeric", "last_value - first_value"},
	{"change_ratio", "pg_catalog.float8",
	"last_value / first_value - 1; NULL when first_value is 0"},
	{"cagr", "pg_catalog.float8",
		"compound annual growth rate (last_value / first_value)^(1 / (last_year - first_year)) - 1; "
	"NULL for one year, or when first_value <= 0 or last_value < 0"},
	{"slope", "pg_catalog.float8",
	"least-squares slope of value over year, per year; NULL for one year"},
	{"r2", "pg_catalog.float8",
		"coefficient of determination of the least-squares line (1 when every value is equal); "
	"NULL for one year"},
	{"missing_years", "pg_catalog.int4[]",
	"years between first_year and last_year without a value, ascending"},
};

const char *
gd_measure_sql_type(GdMeasureKind kind)
{
	switch (kind)
	{
		case GD_MEASURE_COUNT:
			return "pg_catalog.int8";
		case GD_MEASURE_AMOUNT:
			return "pg_catalog.numeric";
		case GD_MEASURE_RATE:
			return "pg_catalog.float8";
	}
	return "?";
}

/* ---------------------------------------------------------------------
 * Expansion over the layout
 * ---------------------------------------------------------------------
 */
static inline size_t
Min_size(size_t a, size_t b)
{
	return a < b ? a : b;
}

static GdIndicatorPlan plans[64];
static bool plans_built = false;
static bool plans_ok = false;

int
gd_indicator_index(const char *name)
{
	for (int i = 0; i < gd_nindicators; i++)
		if (strcmp(gd_indicators[i].name, name) == 0)
			return i;
	return -1;
}

/* Does a key path match a pattern where '*' stands for one key? */
static bool
path_matches(const char *pattern, const char *path)
{
	while (*pattern && *path)
	{
		if (pattern[0] == '*' && (pattern[1] == '.' || pattern[1] == '\0'))
		{
			while (*path && *path != '.')
				path++;
			pattern++;
			continue;
		}
		if (*pattern != *path)
			return false;
		pattern++;
		path++;
	}
	return *pattern == '\0' && *path == '\0';
}

static bool
build_plan(int i)
{
	const GdIndicator *ind = &gd_indicators[i];
	GdIndicatorPlan *p = &plans[i];
	const GdLayout *L = gd_layout();
	static const unsigned formats[2] = {GD_FMT_2019, GD_FMT_2021};

	memset(p, 0, sizeof(*p));
	if (ind->kind != GD_MEASURE_RATE)
	{
		for (int t = 0; ind->numerator[t]; t++)
		{
			bool		found = false;

			for (int leaf = 0; leaf < L->nleaves; leaf++)
			{
				const GdNode *n = &L->nodes[L->leaf_node[leaf]];
				GdKind		want = ind->kind == GD_MEASURE_COUNT ? GD_INT8 : GD_NUMERIC;

				if (!path_matches(ind->numerator[t], n->path))
					continue;
				if (n->field->kind != want)
					return false;
				found = true;
				for (int f = 0; f < 2; f++)
					if (gd_node_in_format(n, formats[f]))
					{
						if (p->nleaves[f] >= GD_MAX_IND_TERMS)
							return false;
						p->leaves[f][p->nleaves[f]++] = leaf;
					}
			}
			if (!found)
				return false;
		}
		return true;
	}

	/* rates: terms are earlier count indicators */
	for (int side = 0; side < 2; side++)
	{
		const char *const *terms = side == 0 ? ind->numerator : ind->denominator;

		if (terms == NULL)
			return false;
		for (int t = 0; terms[t]; t++)
		{
			const char *name = terms[t];
			int			sign = 1;
			int			k;

			if (name[0] == '-')
			{
				sign = -1;
				name++;
			}
			k = gd_indicator_index(name);
			if (k < 0 || k >= i || gd_indicators[k].kind != GD_MEASURE_COUNT ||
				(side == 0 && sign < 0))
				return false;
			if (side == 0)
			{
				if (p->nnum >= GD_MAX_IND_TERMS)
					return false;
				p->num[p->nnum++] = k;
			}
			else
			{
				if (p->nden >= GD_MAX_IND_TERMS)
					return false;
				p->densign[p->nden] = sign;
				p->den[p->nden++] = k;
			}
		}
	}
	return p->nnum > 0 && p->nden > 0;
}

const GdIndicatorPlan *
gd_indicator_plans(void)
{
	if (!plans_built)
	{
		plans_ok = gd_nindicators <= (int) (sizeof(plans) / sizeof(plans[0]));
		for (int i = 0; plans_ok && i < gd_nindicators; i++)
			plans_ok = build_plan(i);
		plans_built = true;
	}
	return plans_ok ? plans : NULL;
}

/* ---------------------------------------------------------------------
 * Evaluation
 * ---------------------------------------------------------------------
 */
static double
sum_to_double(GdSum s)
{
	return (double) s.hi * 18446744073709551616.0 + (double) s.lo;
}

static bool
sum_is_zero(GdSum s)
{
	return s.hi == 0 && s.lo == 0;
}

static void
sum_add_sum(GdSum *a, GdSum b, int sign)
{
	uint64_t	lo;

	if (sign < 0)
	{
		/* negate b in two's complement */
		b.hi = ~b.hi;
		b.lo = ~b.lo + 1;
		if (b.lo == 0)
			b.hi++;
	}
	lo = a->lo + b.lo;
	a->hi += b.hi + (lo < a->lo ? 1 : 0);
	a->lo = lo;
}

void
gd_indicators_eval(const GdCell *cells, unsigned format, GdIndicatorValue *out)
{
	const GdIndicatorPlan *plan = gd_indicator_plans();
	int			f = format == GD_FMT_2019 ? 0 : 1;

	for (int i = 0; i < gd_nindicators; i++)
	{
		const GdIndicator *ind = &gd_indicators[i];
		const GdIndicatorPlan *p = &plan[i];
		GdIndicatorValue *v = &out[i];

		memset(v, 0, sizeof(*v));
		v->isnull = true;
		if (ind->kind == GD_MEASURE_AMOUNT)
			continue;
		if (ind->kind == GD_MEASURE_COUNT)
		{
			int64_t		dummy;

			if (p->nleaves[f] == 0)
				continue;		/* the format has no such cells */
			v->isnull = false;
			for (int t = 0; t < p->nleaves[f]; t++)
			{
				const GdCell *c = &cells[p->leaves[f][t]];

				if (c->isnull)
				{
					v->isnull = true;
					break;
				}
				gd_sum_add(&v->count, c->value);
			}
			v->overflow = !v->isnull && !gd_sum_to_int64(v->count, &dummy);
			continue;
		}

		/* a rate */
		v->isnull = false;
		for (int t = 0; t < p->nnum && !v->isnull; t++)
		{
			if (out[p->num[t]].isnull)
				v->isnull = true;
			else
				sum_add_sum(&v->count, out[p->num[t]].count, 1);
		}
		for (int t = 0; t < p->nden && !v->isnull; t++)
		{
			if (out[p->den[t]].isnull)
				v->isnull = true;
			else
				sum_add_sum(&v->denominator, out[p->den[t]].count, p->densign[t]);
		}
		if (!v->isnull && sum_is_zero(v->denominator))
			v->isnull = true;
		if (!v->isnull)
			v->rate = sum_to_double(v->count) / sum_to_double(v->denominator);
	}
}

/* Formats whose cells a count term names (GD_FMT_* mask). */
static unsigned
term_formats(const char *term)
{
	const GdLayout *L = gd_layout();
	unsigned	mask = 0;

	for (int leaf = 0; leaf < L->nleaves; leaf++)
	{
		const GdNode *n = &L->nodes[L->leaf_node[leaf]];

		if (path_matches(term, n->path))
			mask |= n->formats;
	}
	return mask;
}

/* Append the terms of a list that name cells of format (0: every term). */
static size_t
append_terms(const char *const *terms, unsigned format, char *buf, size_t used,
			 size_t len)
{
	int			k = 0;

	for (int t = 0; terms[t] && used + 1 < len; t++)
	{
		const char *term = terms[t];
		int			w;

		if (format != 0 && !(term_formats(term) & format))
			continue;
		if (k++ == 0)
			w = snprintf(buf + used, len - used, "%s", term);
		else if (term[0] == '-')
			w = snprintf(buf + used, len - used, " - %s", term + 1);
		else
			w = snprintf(buf + used, len - used, " + %s", term);
		if (w < 0)
			break;
		used = Min_size(used + (size_t) w, len - 1);
	}
	return used;
}

void
gd_indicator_formula(int i, int part, char *buf, size_t len)
{
	const GdIndicator *ind = &gd_indicators[i];
	const char *const *terms = part == 0 ? ind->numerator : ind->denominator;
	unsigned	all = GD_FMT_BOTH;
	size_t		used;

	buf[0] = '\0';
	if (terms == NULL)
		return;
	if (ind->kind != GD_MEASURE_RATE)
		for (int t = 0; terms[t]; t++)
			all &= term_formats(terms[t]);
	if (ind->kind == GD_MEASURE_RATE || all == GD_FMT_BOTH)
	{
		append_terms(terms, 0, buf, 0, len);
		return;
	}

	/* the formats name different cells: say which */
	used = 0;
	for (int f = 1; f >= 0; f--)
	{
		unsigned	fmt = f ? GD_FMT_2021 : GD_FMT_2019;
		size_t		before;
		int			w;

		w = snprintf(buf + used, len - used, "%s%s: ", used ? "; " : "",
					 gd_format_name(fmt));
		if (w < 0)
			return;
		before = used;
		used = Min_size(used + (size_t) w, len - 1);
		used = append_terms(terms, fmt, buf, used, len);
		if (used == Min_size(before + (size_t) w, len - 1))
			used = Min_size(used + (size_t) snprintf(buf + used, len - used, "none"),
							len - 1);
	}
}
