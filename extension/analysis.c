/*-------------------------------------------------------------------------
 *
 * analysis.c
 *	  indicators(report), layout_indicators() and
 *	  continuity(previous, current).
 *
 * extension/analysis.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "fmgr.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/numeric.h"

#include "analysis.h"
#include "check.h"
#include "message.h"

PG_FUNCTION_INFO_V1(indicators);
PG_FUNCTION_INFO_V1(layout_indicators);
PG_FUNCTION_INFO_V1(continuity);

/* ---------------------------------------------------------------------
 * Indicators
 * ---------------------------------------------------------------------
 */
static unsigned
values_format(const GdValues *v, const char *fname)
{
	int			leaf = gd_layout()->leaf_format;
	unsigned	fmt = 0;
	text	   *t = NULL;

	if (!v->isnull[leaf])
	{
		t = DatumGetTextPP(v->values[leaf]);
		fmt = gd_format_mask(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t));
	}
	if (fmt == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s needs a report of format 2019 or 2021, not %s", fname,
						t == NULL ? "NULL" :
						quote_literal_cstr(gd_clip(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t))))));
	return fmt;
}

void
gd_indicator_datums(const GdValues *v, const char *fname, Datum *values, bool *isnull)
{
	const GdIndicatorPlan *plans = gd_indicator_plans();
	unsigned	fmt = values_format(v, fname);
	int			f = fmt == GD_FMT_2019 ? 0 : 1;
	GdIndicatorValue iv[64];

	if (plans == NULL || gd_nindicators > (int) lengthof(iv))
		elog(ERROR, "an indicator does not resolve over the layout");
	gd_indicators_eval(v->cells, fmt, iv);

	for (int i = 0; i < gd_nindicators; i++)
	{
		const GdIndicatorPlan *p = &plans[i];
		int64		count;

		values[i] = (Datum) 0;
		isnull[i] = true;
		switch (gd_indicators[i].kind)
		{
			case GD_MEASURE_COUNT:
				if (iv[i].isnull)
					break;
				if (iv[i].overflow || !gd_sum_to_int64(iv[i].count, &count))
					ereport(ERROR,
							(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
							 errmsg("%s: indicator %s is out of range for type bigint",
									fname, gd_indicators[i].name)));
				values[i] = Int64GetDatum(count);
				isnull[i] = false;
				break;
			case GD_MEASURE_RATE:
				if (iv[i].isnull)
					break;
				values[i] = Float8GetDatum(iv[i].rate);
				isnull[i] = false;
				break;
			case GD_MEASURE_AMOUNT:
				{
					Datum		sum = (Datum) 0;
					bool		complete = p->nleaves[f] > 0;

					for (int t = 0; t < p->nleaves[f] && complete; t++)
					{
						int			leaf = p->leaves[f][t];

						if (v->isnull[leaf])
							complete = false;
						else if (t == 0)
							sum = v->values[leaf];
						else
							sum = DirectFunctionCall2(numeric_add, sum, v->values[leaf]);
					}
					if (complete)
					{
						values[i] = sum;
						isnull[i] = false;
					}
				}
				break;
		}
	}
}

static Oid
measure_oid(GdMeasureKind kind)
{
	switch (kind)
	{
		case GD_MEASURE_COUNT:
			return INT8OID;
		case GD_MEASURE_AMOUNT:
			return NUMERICOID;
		case GD_MEASURE_RATE:
			return FLOAT8OID;
	}
	return InvalidOid;
}

typedef struct IndicatorsCache
{
	void	   *access;
	Oid			typid;
	TupleDesc	desc;
} IndicatorsCache;

/*
 * indicators(report) returns govdisclose.indicators
 */
Datum
indicators(PG_FUNCTION_ARGS)
{
	HeapTupleHeader rec = PG_GETARG_HEAPTUPLEHEADER(0);
	IndicatorsCache *c = fcinfo->flinfo->fn_extra;
	GdAccess   *a;
	GdValues   *v;
	Datum		values[64];
	bool		nulls[64];
	Oid			typid;
	TupleDesc	dummy;

	if (c == NULL)
	{
		c = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(IndicatorsCache));
		fcinfo->flinfo->fn_extra = c;
	}
	if (get_call_result_type(fcinfo, &typid, &dummy) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "indicators must return a composite type");
	if (c->desc == NULL || c->typid != typid)
	{
		const char *names[64];
		Oid			types[64];

		if (gd_nindicators > (int) lengthof(names))
			elog(ERROR, "too many indicators");
		for (int i = 0; i < gd_nindicators; i++)
		{
			names[i] = gd_indicators[i].name;
			types[i] = measure_oid(gd_indicators[i].kind);
		}
		c->desc = gd_checked_rowtype(typid, gd_nindicators, names, types,
									 fcinfo->flinfo->fn_mcxt);
		c->typid = typid;
	}
	a = gd_access_get(&c->access, fcinfo->flinfo->fn_mcxt, HeapTupleHeaderGetTypeId(rec));
	v = gd_access_scratch(a, sizeof(GdValues));
	gd_report_deform(a, rec, v);
	gd_indicator_datums(v, "indicators", values, nulls);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(c->desc, values, nulls)));
}

/*
 * layout_indicators() returns SETOF record: the rows of view
 * govdisclose.indicator_definitions
 */
Datum
layout_indicators(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	static const char *const kinds[3] = {"count", "amount", "rate"};

	InitMaterializedSRF(fcinfo, 0);
	for (int i = 0; i < gd_nindicators; i++)
	{
		Datum		values[6];
		bool		nulls[6] = {false, false, false, false, false, false};
		char		num[512],
					den[512];

		gd_indicator_formula(i, 0, num, sizeof(num));
		gd_indicator_formula(i, 1, den, sizeof(den));
		values[0] = Int32GetDatum(i + 1);
		values[1] = CStringGetTextDatum(gd_indicators[i].name);
		values[2] = CStringGetTextDatum(kinds[gd_indicators[i].kind]);
		values[3] = CStringGetTextDatum(num);
		values[4] = CStringGetTextDatum(den);
		nulls[4] = den[0] == '\0';
		values[5] = CStringGetTextDatum(gd_indicators[i].description);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}

/* ---------------------------------------------------------------------
 * continuity(previous report, current report) returns SETOF violation
 * ---------------------------------------------------------------------
 */
typedef struct Cont
{
	ReturnSetInfo *rsinfo;
	const GdValues *prev;
	const GdValues *cur;
	unsigned	fprev;			/* format masks, 0 if unknown */
	unsigned	fcur;
	char	   *yprev;			/* "2021" or "the previous report" */
	char	   *ycur;
} Cont;

/* One term of a cross-year equation: a leaf of one of the reports. */
typedef struct Term
{
	bool		previous;
	int			leaf;
	int			sign;
} Term;

static void
emit(Cont *c, const char *rule, const char *severity, const Term *terms, int nterms,
	 bool figures, GdSum expected, GdSum actual, const char *message)
{
	const GdLayout *L = gd_layout();
	Datum		values[6];
	bool		nulls[6] = {false, false, false, !figures, !figures, false};
	Datum	   *paths = palloc(sizeof(Datum) * Max(nterms, 1));

	for (int i = 0; i < nterms; i++)
		paths[i] = CStringGetTextDatum(psprintf("%s.%s",
												terms[i].previous ? "previous" : "current",
												L->nodes[L->leaf_node[terms[i].leaf]].path));
	values[0] = CStringGetTextDatum(rule);
	values[1] = CStringGetTextDatum(severity);
	values[2] = PointerGetDatum(construct_array(paths, nterms, TEXTOID, -1, false,
												TYPALIGN_INT));
	values[3] = figures ? gd_sum_numeric(expected) : (Datum) 0;
	values[4] = figures ? gd_sum_numeric(actual) : (Datum) 0;
	values[5] = CStringGetTextDatum(message);
	tuplestore_putvalues(c->rsinfo->setResult, c->rsinfo->setDesc, values, nulls);
}

static const GdCell *
term_cell(Cont *c, const Term *t)
{
	return &(t->previous ? c->prev : c->cur)->cells[t->leaf];
}

/* Label of a term for messages: the row or column part, per scope. */
static char *
term_label(Cont *c, const Term *t, bool column)
{
	char		row[256],
				col[128];
	unsigned	fmt = t->previous ? c->fprev : c->fcur;

	gd_node_label_parts(gd_layout()->leaf_node[t->leaf], fmt ? fmt : GD_FMT_2021, true,
						row, sizeof(row), col, sizeof(col));
	return pstrdup(column ? col : row);
}

/* A sum of one value. */
static GdSum
sum_of(int64 v)
{
	GdSum		s = {0, 0};

	gd_sum_add(&s, v);
	return s;
}

/*
 * Check expected terms (terms[0..n-2], added with their signs) against the
 * actual term (terms[n-1]); scope is "column 总计" or "row 规章"; by_column
 * tells which part of a cell's label tells the terms apart.  The sums are
 * exact (128 bits), so no figure is out of range.
 */
static void
check_equation(Cont *c, const char *rule, const char *scope, const Term *terms,
			   int n, bool by_column)
{
	StringInfoData msg;
	GdSum		expected = {0, 0};
	GdSum		actual;
	int			blank = 0;
	char		buf[48];

	initStringInfo(&msg);
	for (int i = 0; i < n; i++)
	{
		if (term_cell(c, &terms[i])->isnull)
			appendStringInfo(&msg, "%s%s of %s", blank++ ? ", " : "",
							 term_label(c, &terms[i], by_column),
							 terms[i].previous ? c->yprev : c->ycur);
	}
	if (blank)
	{
		char	   *what = pstrdup(msg.data);

		resetStringInfo(&msg);
		appendStringInfo(&msg, "%s: cannot be checked, because %s %s blank.", scope, what,
						 blank == 1 ? "is" : "are");
		emit(c, rule, "unassessable", terms, n, false, sum_of(0), sum_of(0), msg.data);
		return;
	}
	for (int i = 0; i < n - 1; i++)
	{
		int64		x = term_cell(c, &terms[i])->value;

		if (terms[i].sign >= 0)
			gd_sum_add(&expected, x);
		else
		{
			/* -x is -(x + 1) + 1, which holds for x = PG_INT64_MIN too */
			gd_sum_add(&expected, -(x + 1));
			gd_sum_add(&expected, 1);
		}
	}
	actual = sum_of(term_cell(c, &terms[n - 1])->value);
	if (gd_sum_eq(expected, actual))
		return;

	appendStringInfo(&msg, "%s: ", scope);
	for (int i = 0; i < n - 1; i++)
		appendStringInfo(&msg, "%s%s " INT64_FORMAT " (%s)",
						 i == 0 ? "" : terms[i].sign < 0 ? " − " : " + ",
						 term_label(c, &terms[i], by_column),
						 term_cell(c, &terms[i])->value,
						 terms[i].previous ? c->yprev : c->ycur);
	if (n > 2)
		appendStringInfo(&msg, " = %s", gd_sum_to_string(expected, buf));
	appendStringInfo(&msg, ", but %s (%s) is %s.",
					 term_label(c, &terms[n - 1], by_column), c->ycur,
					 gd_sum_to_string(actual, buf));
	emit(c, rule, "warning", terms, n, true, expected, actual, msg.data);
}

/* Leaf of a key path, or -1. */
static int
path_leaf(const char *path)
{
	int			node = gd_find_path(path);

	return node < 0 ? -1 : gd_layout()->nodes[node].leaf;
}

/* carried_over_continuity: this year's carried_over = last year's carried_forward */
static void
check_carried_over(Cont *c)
{
	const GdLayout *L = gd_layout();
	const GdNode *over = &L->nodes[gd_find_path("requests.carried_over")];
	const GdNode *fwd = &L->nodes[gd_find_path("requests.carried_forward")];

	for (int k = 0; k < over->nleaves; k++)
	{
		Term		t[2] = {{true, fwd->first_leaf + k, 1}, {false, over->first_leaf + k, 1}};
		char	   *scope = psprintf("column %s", term_label(c, &t[1], true));

		check_equation(c, "carried_over_continuity", scope, t, 2, false);
	}
}

/* in_force_continuity: in_force = last year's in_force + issued - repealed (2021) */
static void
check_in_force(Cont *c)
{
	const GdLayout *L = gd_layout();
	int			proactive = gd_find_path("proactive");

	if (c->fprev != GD_FMT_2021 || c->fcur != GD_FMT_2021)
		return;
	for (int i = proactive + 1; i < L->nnodes && L->nodes[i].depth > L->nodes[proactive].depth; i++)
	{
		const GdNode *row = &L->nodes[i];
		char	   *base;
		Term		t[4];
		int			in_force,
					issued,
					repealed;

		if (row->parent != proactive)
			continue;
		base = psprintf("%s.", row->path);
		in_force = path_leaf(psprintf("%sin_force", base));
		issued = path_leaf(psprintf("%sissued", base));
		repealed = path_leaf(psprintf("%srepealed", base));
		if (in_force < 0 || issued < 0 || repealed < 0)
			continue;
		t[0] = (Term) {true, in_force, 1};
		t[1] = (Term) {false, issued, 1};
		t[2] = (Term) {false, repealed, -1};
		t[3] = (Term) {false, in_force, 1};
		{
			char		rowlabel[256],
						dummy[128];

			gd_node_label_parts(L->leaf_node[in_force], GD_FMT_2021, true,
								rowlabel, sizeof(rowlabel), dummy, sizeof(dummy));
			check_equation(c, "in_force_continuity", psprintf("row %s", rowlabel), t, 4, true);
		}
	}
}

static void
check_years(Cont *c)
{
	const GdLayout *L = gd_layout();
	Term		t[2] = {{true, L->leaf_year, 1}, {false, L->leaf_year, 1}};
	int32		yp,
				yc;

	if (c->prev->isnull[L->leaf_year] || c->cur->isnull[L->leaf_year])
	{
		emit(c, "consecutive_years", "unassessable", t, 2, false, sum_of(0), sum_of(0),
			 psprintf("The year of %s is blank.",
					  c->prev->isnull[L->leaf_year] ? "the previous report" : "the current report"));
		return;
	}
	yp = DatumGetInt32(c->prev->values[L->leaf_year]);
	yc = DatumGetInt32(c->cur->values[L->leaf_year]);
	if ((int64) yc == (int64) yp + 1)
		return;
	emit(c, "consecutive_years", "warning", t, 2, true, sum_of((int64) yp + 1), sum_of(yc),
		 psprintf("The previous report is of %d and the current one of %d; expected %lld.",
				  yp, yc, (long long) ((int64) yp + 1)));
}

static void
check_formats(Cont *c)
{
	const GdLayout *L = gd_layout();
	Term		t[2] = {{true, L->leaf_format, 1}, {false, L->leaf_format, 1}};

	if (c->fprev == 0 || c->fcur == 0 || c->fprev == c->fcur)
		return;
	emit(c, "format_change", "warning", t, 2, false, sum_of(0), sum_of(0),
		 psprintf("The previous report uses the %s format and the current one the %s format; "
				  "figures are compared only where both formats have them.",
				  c->fprev == GD_FMT_2019 ? "2019 trial" : "2021",
				  c->fcur == GD_FMT_2019 ? "2019 trial" : "2021"));
}

static unsigned
format_or_zero(const GdValues *v)
{
	int			leaf = gd_layout()->leaf_format;
	text	   *t;

	if (v->isnull[leaf])
		return 0;
	t = DatumGetTextPP(v->values[leaf]);
	return gd_format_mask(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t));
}

/*
 * How messages name a report: by its year, or "the previous report" when
 * the years do not tell the two apart.
 */
static char *
year_name(const GdValues *v, const GdValues *other, const char *which)
{
	int			leaf = gd_layout()->leaf_year;

	if (v->isnull[leaf] || other->isnull[leaf] ||
		DatumGetInt32(v->values[leaf]) == DatumGetInt32(other->values[leaf]))
		return psprintf("the %s report", which);
	return psprintf("%d", DatumGetInt32(v->values[leaf]));
}

/*
 * continuity(previous report, current report) returns SETOF violation
 *
 * Cross-year warnings, in the order of the contract: carried_over_continuity
 * (per column), in_force_continuity (per row, 2021 format), consecutive_years,
 * format_change.  A blank cell makes its check unassessable.
 */
Datum
continuity(PG_FUNCTION_ARGS)
{
	HeapTupleHeader prev = PG_GETARG_HEAPTUPLEHEADER(0);
	HeapTupleHeader cur = PG_GETARG_HEAPTUPLEHEADER(1);
	GdAccess   *a = gd_access_fn(fcinfo, HeapTupleHeaderGetTypeId(cur));
	GdValues   *vprev = gd_access_scratch(a, sizeof(GdValues) * 2);
	GdValues   *vcur = vprev + 1;
	Cont		c;

	InitMaterializedSRF(fcinfo, 0);
	gd_check_violation_desc(((ReturnSetInfo *) fcinfo->resultinfo)->setDesc);
	gd_report_deform(a, prev, vprev);
	gd_report_deform(a, cur, vcur);

	c.rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	c.prev = vprev;
	c.cur = vcur;
	c.fprev = format_or_zero(vprev);
	c.fcur = format_or_zero(vcur);
	c.yprev = year_name(vprev, vcur, "previous");
	c.ycur = year_name(vcur, vprev, "current");

	check_carried_over(&c);
	check_in_force(&c);
	check_years(&c);
	check_formats(&c);
	return (Datum) 0;
}
