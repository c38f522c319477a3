/*-------------------------------------------------------------------------
 *
 * sumstate.c
 *	  The running sum of reports as a bigint block (see sumstate.h).
 *
 * extension/sumstate.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "common/int.h"
#include "lib/stringinfo.h"
#include "utils/builtins.h"

#include "decimal.h"
#include "message.h"
#include "sumstate.h"

/* Where each leaf lives in a block, built once from the layout. */
typedef struct SumPlan
{
	int			len;			/* elements of a full block */
	int			slot[GD_MAX_LEAVES];	/* first element of a leaf, or -1 */
	int			unit_of[GD_MAX_LEAVES]; /* amount leaf -> its unit leaf, or -1 */
	int			unit_leaf;		/* the unit cell, or -1 */
	/* the leaves that have elements, in order, for the per-row loops */
	int			nsummed;
	int			summed_leaf[GD_MAX_LEAVES];
	int			summed_slot[GD_MAX_LEAVES];
	bool		summed_amount[GD_MAX_LEAVES];
} SumPlan;

static SumPlan plan;
static bool plan_built = false;

static const SumPlan *
sum_plan(void)
{
	const GdLayout *L;
	int			next = GD_SUM_HEADER;

	if (plan_built)
		return &plan;
	L = gd_layout();
	plan.unit_leaf = -1;
	for (int leaf = 0; leaf < L->nleaves; leaf++)
	{
		const GdNode *n = &L->nodes[L->leaf_node[leaf]];

		plan.slot[leaf] = -1;
		plan.unit_of[leaf] = -1;
		if (n->field->kind == GD_INT8 || n->field->kind == GD_NUMERIC)
		{
			plan.slot[leaf] = next;
			plan.summed_leaf[plan.nsummed] = leaf;
			plan.summed_slot[plan.nsummed] = next;
			plan.summed_amount[plan.nsummed++] = n->field->kind == GD_NUMERIC;
			next += n->field->kind == GD_INT8 ? 2 : 1 + GD_DEC_SLOTS;
		}
		else if (n->field->kind == GD_TEXT && (n->field->flags & GD_UNIT))
		{
			/* the unit of the amount just before it; one unit status in the
			 * header serves one unit cell */
			if (plan.unit_leaf >= 0 || leaf == 0 ||
				L->nodes[L->leaf_node[leaf - 1]].field->kind != GD_NUMERIC)
				elog(ERROR, "the layout's unit cells are not as report_sum expects");
			plan.unit_leaf = leaf;
			plan.unit_of[leaf - 1] = leaf;
		}
	}
	plan.len = next;
	plan_built = true;
	return &plan;
}

int
gd_sum_block_len(void)
{
	return sum_plan()->len;
}

ArrayType *
gd_int8_array_new(int len)
{
	Size		nbytes = ARR_OVERHEAD_NONULLS(1) + sizeof(int64) * len;
	ArrayType  *arr = palloc0(nbytes);

	SET_VARSIZE(arr, nbytes);
	arr->ndim = 1;
	arr->dataoffset = 0;
	arr->elemtype = INT8OID;
	ARR_DIMS(arr)[0] = len;
	ARR_LBOUND(arr)[0] = 1;
	return arr;
}

int64 *
gd_sum_block_new(void)
{
	int64	   *b = palloc0(sizeof(int64) * sum_plan()->len);

	b[GD_SUM_I_TAG] = GD_SUM_TAG;
	return b;
}

/* ---------------------------------------------------------------------
 * Checking a block from outside
 * ---------------------------------------------------------------------
 */
void
gd_bad_state(const char *what, int index, int64 value, const char *fmt,...)
{
	StringInfoData why;

	initStringInfo(&why);
	for (;;)
	{
		va_list		args;
		int			needed;

		va_start(args, fmt);
		needed = appendStringInfoVA(&why, fmt, args);
		va_end(args);
		if (needed == 0)
			break;
		enlargeStringInfo(&why, needed);
	}
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("invalid %s: element %d is " INT64_FORMAT, what, index + 1, value),
			 errdetail("%s", why.data),
			 errhint("Aggregate states are made by the aggregate's own functions; "
					 "pass them on unchanged.")));
}

static const char *
leaf_path(int leaf)
{
	const GdLayout *L = gd_layout();

	return L->nodes[L->leaf_node[leaf]].path;
}

void
gd_sum_block_check(const int64 *b, int len, bool with_agency, const char *what,
				   int at)
{
	const SumPlan *p = sum_plan();
	int64		n;

/* element i of the block: its position in the state, counted from 1 */
#define POS(i) (at + (i) + 1)
#define BAD(i, ...) gd_bad_state(what, at + (i), b[i], __VA_ARGS__)

	if (len < GD_SUM_EMPTY_LEN || (len != GD_SUM_EMPTY_LEN && len != p->len))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid %s: it has %d elements", what, len),
				 errdetail("A state has %d elements, or %d when it is empty.",
						   p->len, GD_SUM_EMPTY_LEN)));
	if (b[GD_SUM_I_TAG] != GD_SUM_TAG)
		BAD(GD_SUM_I_TAG, "Element %d tells the kind of state; it must be %d.",
			POS(GD_SUM_I_TAG), GD_SUM_TAG);
	n = b[GD_SUM_I_N];
	if (n < 0)
		BAD(GD_SUM_I_N, "Element %d counts the reports added; it cannot be negative.",
			POS(GD_SUM_I_N));
	if (len == GD_SUM_EMPTY_LEN)
	{
		if (n != 0)
			BAD(GD_SUM_I_N, "A state of %d elements is empty; it counts no reports.",
				GD_SUM_EMPTY_LEN);
		return;
	}
	if (n == 0)
	{
		for (int i = GD_SUM_I_FORMAT; i < len; i++)
			if (b[i] != 0)
				BAD(i, "A sum of no reports has only zeros after element %d.",
					POS(GD_SUM_I_N));
		return;
	}

	if (b[GD_SUM_I_FORMAT] != GD_FMT_2019 && b[GD_SUM_I_FORMAT] != GD_FMT_2021)
		BAD(GD_SUM_I_FORMAT, "Element %d is the format of the reports: %d for 2019, %d for 2021.",
			POS(GD_SUM_I_FORMAT), GD_FMT_2019, GD_FMT_2021);
	if (b[GD_SUM_I_YEAR_STATUS] < GD_STATUS_NULL || b[GD_SUM_I_YEAR_STATUS] > GD_STATUS_DIFFER)
		BAD(GD_SUM_I_YEAR_STATUS,
			"Element %d tells whether the reports' years agree: %d (all blank), %d (all the same) or %d (they differ).",
			POS(GD_SUM_I_YEAR_STATUS), GD_STATUS_NULL, GD_STATUS_VALUE, GD_STATUS_DIFFER);
	if (b[GD_SUM_I_YEAR_STATUS] == GD_STATUS_VALUE ?
		(b[GD_SUM_I_YEAR] < PG_INT32_MIN || b[GD_SUM_I_YEAR] > PG_INT32_MAX) :
		b[GD_SUM_I_YEAR] != 0)
		BAD(GD_SUM_I_YEAR,
			"Element %d is the reports' common year (an integer), or 0 when they have none.",
			POS(GD_SUM_I_YEAR));
	if (with_agency ?
		(b[GD_SUM_I_AGENCY_STATUS] < GD_STATUS_NULL || b[GD_SUM_I_AGENCY_STATUS] > GD_STATUS_DIFFER) :
		b[GD_SUM_I_AGENCY_STATUS] != GD_STATUS_NONE)
		BAD(GD_SUM_I_AGENCY_STATUS,
			with_agency ?
			"Element %d tells whether the reports' agencies agree: 1 (all blank), 2 (all the same) or 3 (they differ)." :
			"Element %d is 0: this state does not keep agencies.",
			POS(GD_SUM_I_AGENCY_STATUS));
	if (b[GD_SUM_I_UNIT_STATUS] < GD_UNIT_NONE || b[GD_SUM_I_UNIT_STATUS] > GD_UNIT_CANONICAL)
		BAD(GD_SUM_I_UNIT_STATUS,
			"Element %d tells the unit of the amounts that have one: 0 (none yet), 1 (no unit) or 2 (in %s).",
			POS(GD_SUM_I_UNIT_STATUS), gd_amount_units[0].label);

	for (int k = 0; k < p->nsummed; k++)
	{
		int			leaf = p->summed_leaf[k];
		int			s = p->summed_slot[k];
		int64		cnt = b[s];

		if (cnt < 0 || cnt > n)
			BAD(s, "Element %d counts the reports that filled %s; it must be between 0 and the number of reports, " INT64_FORMAT ".",
				POS(s), leaf_path(leaf), n);
		if (!p->summed_amount[k])
		{
			if (cnt == 0 && b[s + 1] != 0)
				BAD(s + 1, "Element %d is the sum of %s, which no report filled; it must be 0.",
					POS(s + 1), leaf_path(leaf));
		}
		else
		{
			GdDecimal	d;
			int			bad;
			const char *why = gd_decimal_load(&b[s + 1], &d, &bad);

			if (why != NULL)
				BAD(s + 1 + bad,
					"Elements %d to %d hold the sum of %s as [decimal places, high digits, low digits]; %s.",
					POS(s + 1), POS(s + GD_DEC_SLOTS), leaf_path(leaf), why);
			if (cnt == 0 && (d.v != 0 || d.scale != 0))
				BAD(s + 1, "Elements %d to %d hold the sum of %s, which no report filled; they must be 0.",
					POS(s + 1), POS(s + GD_DEC_SLOTS), leaf_path(leaf));
			if (p->unit_of[leaf] >= 0 &&
				(cnt == 0) != (b[GD_SUM_I_UNIT_STATUS] == GD_UNIT_NONE))
				BAD(GD_SUM_I_UNIT_STATUS,
					"Element %d tells the unit of %s; it is 0 exactly when no report filled that cell.",
					POS(GD_SUM_I_UNIT_STATUS), leaf_path(leaf));
		}
	}
#undef BAD
#undef POS
}

/* ---------------------------------------------------------------------
 * Adding
 * ---------------------------------------------------------------------
 */
int
gd_status_merge(int a, int b, bool same)
{
	if (a == GD_STATUS_NONE)
		return b;
	if (b == GD_STATUS_NONE)
		return a;
	if (a == GD_STATUS_NULL && b == GD_STATUS_NULL)
		return GD_STATUS_NULL;
	if (a == GD_STATUS_VALUE && b == GD_STATUS_VALUE && same)
		return GD_STATUS_VALUE;
	return GD_STATUS_DIFFER;
}

static char *
leaf_label(int leaf, unsigned fmt)
{
	const GdLayout *L = gd_layout();
	char		label[512];

	gd_node_label(L->leaf_node[leaf], fmt ? fmt : GD_FMT_2021, true, label, sizeof(label));
	return psprintf("%s (%s)", label, leaf_path(leaf));
}

static void
count_overflow(const char *fname, int leaf, unsigned fmt)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("%s overflows at %s", fname, leaf_label(leaf, fmt)),
			 errdetail("The sum is outside the range of bigint.")));
}

static void
amount_overflow(const char *fname, int leaf, unsigned fmt)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("%s overflows at %s", fname, leaf_label(leaf, fmt)),
			 errdetail("Amounts are added exactly with at most %d digits in all "
					   "(integer digits and decimal places together).", GD_DEC_DIGITS)));
}

static const char *
unit_list(void)
{
	StringInfoData s;

	initStringInfo(&s);
	for (int i = 0; i < gd_namount_units; i++)
		appendStringInfo(&s, "%s%s", i ? ", " : "", gd_amount_units[i].label);
	return s.data;
}

static void
mixed_units(const char *fname, int leaf, unsigned fmt)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("%s cannot add %s without a unit to amounts in known units",
					fname, leaf_label(leaf, fmt)),
			 errdetail("Amounts in %s are added in %s; an amount whose unit is not stated "
					   "cannot be converted.", unit_list(), gd_amount_units[0].label)));
}

static const char *
format_text_name(unsigned fmt)
{
	return gd_format_name(fmt);
}

void
gd_sum_block_add(int64 *b, const GdValues *v, const char *fname)
{
	const SumPlan *p = sum_plan();
	const GdLayout *L = gd_layout();
	unsigned	fmt = 0;
	int			unit_status = GD_UNIT_NONE;
	int			unit_exponent = 0;
	bool		year_null;
	int32		year = 0;
	int			st;

	/* the format */
	if (!v->isnull[L->leaf_format])
	{
		text	   *t = DatumGetTextPP(v->values[L->leaf_format]);

		fmt = gd_format_mask(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t));
		if (fmt == 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s cannot add a report of format \"%s\"", fname,
							gd_clip(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t))),
					 errdetail("A report's format is 2019 or 2021.")));
	}
	else
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s cannot add a report without a format", fname),
				 errdetail("A report's format is 2019 or 2021; the cells mean different things in each.")));
	if (b[GD_SUM_I_N] > 0 && b[GD_SUM_I_FORMAT] != (int64) fmt)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s cannot mix formats: a %s-format report among %s-format reports",
						fname, format_text_name(fmt),
						format_text_name((unsigned) b[GD_SUM_I_FORMAT])),
				 errhint("Add the reports of each format separately, e.g. GROUP BY (report).format.")));

	/* the unit of amounts that have one */
	if (p->unit_leaf >= 0 && !v->isnull[p->unit_leaf])
	{
		text	   *t = DatumGetTextPP(v->values[p->unit_leaf]);
		const char *u = VARDATA_ANY(t);
		int			ulen = VARSIZE_ANY_EXHDR(t);
		int			k;

		for (k = 0; k < gd_namount_units; k++)
			if (strlen(gd_amount_units[k].label) == (size_t) ulen &&
				memcmp(gd_amount_units[k].label, u, ulen) == 0)
				break;
		if (k == gd_namount_units)
		{
			/* only an error when an amount is there to be converted */
			for (int leaf = 0; leaf < L->nleaves; leaf++)
				if (p->unit_of[leaf] == p->unit_leaf && !v->isnull[leaf])
					ereport(ERROR,
							(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
							 errmsg("%s cannot add %s written in unknown unit \"%s\"",
									fname, leaf_label(leaf, fmt), gd_clip(u, ulen)),
							 errhint("The unit is one of %s, or NULL.", unit_list())));
		}
		else
		{
			unit_status = GD_UNIT_CANONICAL;
			unit_exponent = gd_amount_units[k].exponent;
		}
	}
	else
		unit_status = GD_UNIT_UNSTATED;

	if (pg_add_s64_overflow(b[GD_SUM_I_N], 1, &b[GD_SUM_I_N]))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s has added too many reports", fname)));
	b[GD_SUM_I_FORMAT] = fmt;

	/* the year */
	year_null = v->isnull[L->leaf_year];
	if (!year_null)
		year = DatumGetInt32(v->values[L->leaf_year]);
	st = gd_status_merge((int) b[GD_SUM_I_YEAR_STATUS],
						 year_null ? GD_STATUS_NULL : GD_STATUS_VALUE,
						 b[GD_SUM_I_YEAR] == year);
	b[GD_SUM_I_YEAR] = st == GD_STATUS_VALUE ? year : 0;
	b[GD_SUM_I_YEAR_STATUS] = st;

	/* the cells */
	for (int k = 0; k < p->nsummed; k++)
	{
		int			leaf = p->summed_leaf[k];
		int			s = p->summed_slot[k];

		if (v->isnull[leaf])
			continue;
		if (!p->summed_amount[k])
		{
			if (unlikely(pg_add_s64_overflow(b[s + 1], DatumGetInt64(v->values[leaf]),
											 &b[s + 1])))
				count_overflow(fname, leaf, fmt);
			b[s]++;
		}
		else
		{
			Numeric		num = DatumGetNumeric(v->values[leaf]);
			GdDecimal	acc,
						x;

			if (numeric_is_nan(num) || numeric_is_inf(num))
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("%s cannot add %s at %s", fname,
								numeric_is_nan(num) ? "NaN" : "an infinite amount",
								leaf_label(leaf, fmt))));
			if (!gd_decimal_from_numeric(num, &x))
				amount_overflow(fname, leaf, fmt);
			if (p->unit_of[leaf] >= 0)
			{
				if (b[GD_SUM_I_UNIT_STATUS] != GD_UNIT_NONE &&
					b[GD_SUM_I_UNIT_STATUS] != unit_status)
					mixed_units(fname, leaf, fmt);
				b[GD_SUM_I_UNIT_STATUS] = unit_status;
				if (unit_status == GD_UNIT_CANONICAL &&
					!gd_decimal_mul_pow10(&x, unit_exponent))
					amount_overflow(fname, leaf, fmt);
			}
			(void) gd_decimal_load(&b[s + 1], &acc, NULL);
			if (!gd_decimal_add(&acc, x))
				amount_overflow(fname, leaf, fmt);
			gd_decimal_store(acc, &b[s + 1]);
			b[s]++;
		}
	}
}

void
gd_sum_block_merge(int64 *d, const int64 *s, const char *fname)
{
	const SumPlan *p = sum_plan();
	unsigned	fmt = (unsigned) d[GD_SUM_I_FORMAT];
	int			st;

	if (s[GD_SUM_I_N] == 0)
		return;
	if (d[GD_SUM_I_N] == 0)
	{
		memcpy(d, s, sizeof(int64) * p->len);
		return;
	}
	if (d[GD_SUM_I_FORMAT] != s[GD_SUM_I_FORMAT])
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s cannot mix formats: a sum of %s-format reports and a sum of %s-format reports",
						fname, format_text_name(fmt),
						format_text_name((unsigned) s[GD_SUM_I_FORMAT])),
				 errhint("Add the reports of each format separately, e.g. GROUP BY (report).format.")));
	if (pg_add_s64_overflow(d[GD_SUM_I_N], s[GD_SUM_I_N], &d[GD_SUM_I_N]))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s has added too many reports", fname)));

	st = gd_status_merge((int) d[GD_SUM_I_YEAR_STATUS], (int) s[GD_SUM_I_YEAR_STATUS],
						 d[GD_SUM_I_YEAR] == s[GD_SUM_I_YEAR]);
	d[GD_SUM_I_YEAR] = st == GD_STATUS_VALUE ? d[GD_SUM_I_YEAR] : 0;
	d[GD_SUM_I_YEAR_STATUS] = st;

	for (int i = 0; i < p->nsummed; i++)
	{
		int			leaf = p->summed_leaf[i];
		int			k = p->summed_slot[i];

		if (s[k] == 0)
			continue;
		if (!p->summed_amount[i])
		{
			if (unlikely(pg_add_s64_overflow(d[k + 1], s[k + 1], &d[k + 1])))
				count_overflow(fname, leaf, fmt);
		}
		else
		{
			GdDecimal	acc,
						x;

			if (p->unit_of[leaf] >= 0 && d[GD_SUM_I_UNIT_STATUS] != GD_UNIT_NONE &&
				d[GD_SUM_I_UNIT_STATUS] != s[GD_SUM_I_UNIT_STATUS])
				mixed_units(fname, leaf, fmt);
			(void) gd_decimal_load(&d[k + 1], &acc, NULL);
			(void) gd_decimal_load(&s[k + 1], &x, NULL);
			if (!gd_decimal_add(&acc, x))
				amount_overflow(fname, leaf, fmt);
			gd_decimal_store(acc, &d[k + 1]);
		}
		d[k] += s[k];			/* both at most their n, whose sum fits */
	}
	if (d[GD_SUM_I_UNIT_STATUS] == GD_UNIT_NONE)
		d[GD_SUM_I_UNIT_STATUS] = s[GD_SUM_I_UNIT_STATUS];
}

void
gd_sum_block_values(const int64 *b, GdValues *out)
{
	const SumPlan *p = sum_plan();
	const GdLayout *L = gd_layout();

	gd_values_clear(out);
	out->values[L->leaf_format] =
		CStringGetTextDatum(gd_format_name((unsigned) b[GD_SUM_I_FORMAT]));
	out->isnull[L->leaf_format] = false;
	if (b[GD_SUM_I_YEAR_STATUS] == GD_STATUS_VALUE)
	{
		out->values[L->leaf_year] = Int32GetDatum((int32) b[GD_SUM_I_YEAR]);
		out->isnull[L->leaf_year] = false;
	}
	if (p->unit_leaf >= 0 && b[GD_SUM_I_UNIT_STATUS] == GD_UNIT_CANONICAL)
	{
		out->values[p->unit_leaf] = CStringGetTextDatum(gd_amount_units[0].label);
		out->isnull[p->unit_leaf] = false;
	}
	for (int k = 0; k < p->nsummed; k++)
	{
		int			leaf = p->summed_leaf[k];
		int			s = p->summed_slot[k];

		if (b[s] == 0)
			continue;
		if (!p->summed_amount[k])
			out->values[leaf] = Int64GetDatum(b[s + 1]);
		else
		{
			GdDecimal	d;

			(void) gd_decimal_load(&b[s + 1], &d, NULL);
			out->values[leaf] = NumericGetDatum(gd_decimal_to_numeric(d));
		}
		out->isnull[leaf] = false;
	}
	gd_values_to_cells(out);
}
