/*-------------------------------------------------------------------------
 *
 * trend.c
 *	  The aggregates trend(year, value) and report_trend(report).
 *
 * trend keeps the total of each year in a bigint array, sorted by year:
 *
 *		[GD_TREND_TAG, years, (year, scale, hi, lo) ...]
 *
 * (the amount in the decimal slots of decimal.h), so its result does not
 * depend on the order of the rows, and values of one year add up.
 *
 * report_trend keeps one report_sum block (sumstate.h) per year:
 *
 *		[GD_REPORT_TREND_TAG, years, block ...]
 *
 * and computes the indicators of each year's summed report at the end,
 * so a rate's trend is the trend of the pooled rate (the ratio of sums).
 *
 * Both update in place when the year is already there, and build a
 * larger array when it is not.
 *
 * extension/trend.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "common/shortest_dec.h"
#include "fmgr.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/typcache.h"

#include "analysis.h"
#include "decimal.h"
#include "message.h"
#include "sumstate.h"

PG_FUNCTION_INFO_V1(trend_accum);
PG_FUNCTION_INFO_V1(trend_combine);
PG_FUNCTION_INFO_V1(trend_final);
PG_FUNCTION_INFO_V1(report_trend_accum);
PG_FUNCTION_INFO_V1(report_trend_combine);
PG_FUNCTION_INFO_V1(report_trend_final);

#define GD_TREND_TAG 2
#define GD_REPORT_TREND_TAG 3
#define TREND_ENTRY (1 + GD_DEC_SLOTS)
#define STATE_HEADER 2
#define TREND_SPARE 6			/* years of room a growing trend state gets */

/* ---------------------------------------------------------------------
 * Shared: checked result types, years
 * ---------------------------------------------------------------------
 */
/*
 * The first column of desc that is not as expected (names[i] of type
 * types[i], or of a composite type where types[i] is InvalidOid), or -1.
 */
static int
rowtype_mismatch(TupleDesc desc, int natts, const char *const *names, const Oid *types)
{
	if (desc->natts != natts)
		return Min(desc->natts, natts);
	for (int i = 0; i < natts; i++)
	{
		Form_pg_attribute att = TupleDescAttr(desc, i);

		if (att->attisdropped || strcmp(NameStr(att->attname), names[i]) != 0 ||
			(types[i] != InvalidOid && att->atttypid != types[i]) ||
			(types[i] == InvalidOid && get_typtype(att->atttypid) != TYPTYPE_COMPOSITE))
			return i;
	}
	return -1;
}

/* Columns of desc that are not dropped. */
static int
live_columns(TupleDesc desc)
{
	int			n = 0;

	for (int i = 0; i < desc->natts; i++)
		if (!TupleDescAttr(desc, i)->attisdropped)
			n++;
	return n;
}

static void
rowtype_error(Oid typid, int bad, int natts, const char *const *names,
			  const Oid *types, int found, int live)
{
	if (live != found)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("type %s does not have the columns govdisclose expects",
						format_type_be(typid)),
				 errdetail("It keeps a dropped column, and govdisclose reads the columns by position.")));
	if (bad >= natts)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("type %s does not have the columns govdisclose expects",
						format_type_be(typid)),
				 errdetail("It has %d columns, not %d.", found, natts)));
	ereport(ERROR,
			(errcode(ERRCODE_DATATYPE_MISMATCH),
			 errmsg("type %s does not have the columns govdisclose expects",
					format_type_be(typid)),
			 errdetail("Expected column %d to be \"%s\" (%s).", bad + 1, names[bad],
					   types[bad] != InvalidOid ? format_type_be(types[bad]) : "a composite type")));
}

void
gd_check_rowtype(TupleDesc desc, int natts, const char *const *names, const Oid *types)
{
	int			bad = rowtype_mismatch(desc, natts, names, types);

	if (bad >= 0)
		rowtype_error(desc->tdtypeid, bad, natts, names, types, desc->natts, live_columns(desc));
}

TupleDesc
gd_checked_rowtype(Oid typid, int natts, const char *const *names,
				   const Oid *types, MemoryContext mcxt)
{
	TupleDesc	desc = lookup_rowtype_tupdesc(typid, -1);
	TupleDesc	copy;
	MemoryContext old;
	int			bad = rowtype_mismatch(desc, natts, names, types);

	if (bad >= 0)
	{
		int			found = desc->natts,
					live = live_columns(desc);

		ReleaseTupleDesc(desc);
		rowtype_error(typid, bad, natts, names, types, found, live);
	}
	old = MemoryContextSwitchTo(mcxt);
	copy = CreateTupleDescCopy(desc);
	MemoryContextSwitchTo(old);
	ReleaseTupleDesc(desc);
	return copy;
}

TupleDesc
gd_trend_desc(Oid typid, MemoryContext mcxt)
{
	const char *names[GD_TREND_NCOLUMNS];
	Oid			types[GD_TREND_NCOLUMNS];

	for (int i = 0; i < GD_TREND_NCOLUMNS; i++)
	{
		const char *t = gd_trend_columns[i].sql_type;

		names[i] = gd_trend_columns[i].name;
		types[i] = strcmp(t, "pg_catalog.int4") == 0 ? INT4OID :
			strcmp(t, "pg_catalog.numeric") == 0 ? NUMERICOID :
			strcmp(t, "pg_catalog.float8") == 0 ? FLOAT8OID :
			strcmp(t, "pg_catalog.int4[]") == 0 ? INT4ARRAYOID : InvalidOid;
		if (types[i] == InvalidOid)
			elog(ERROR, "unexpected type %s in gd_trend_columns", t);
	}
	return gd_checked_rowtype(typid, GD_TREND_NCOLUMNS, names, types, mcxt);
}

void
gd_check_trend_year(int64 year, const char *fname)
{
	if (year < GD_TREND_MIN_YEAR || year > GD_TREND_MAX_YEAR)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s: year " INT64_FORMAT " is out of range", fname, year),
				 errdetail("Years are between %d and %d.", GD_TREND_MIN_YEAR,
						   GD_TREND_MAX_YEAR)));
}

/* ---------------------------------------------------------------------
 * The statistics
 * ---------------------------------------------------------------------
 */
Datum
gd_trend_datum(TupleDesc desc, const GdPoint *p, int n)
{
	Datum		values[GD_TREND_NCOLUMNS];
	bool		nulls[GD_TREND_NCOLUMNS];
	const GdPoint *first = &p[0];
	const GdPoint *last = &p[n - 1];
	int			span = last->year - first->year;
	Datum	   *missing;
	int			nmissing = 0;

	for (int i = 0; i < GD_TREND_NCOLUMNS; i++)
	{
		values[i] = (Datum) 0;
		nulls[i] = true;
	}
#define SET(col, d) (values[col] = (d), nulls[col] = false)

	SET(GD_TREND_YEARS, Int32GetDatum(n));
	SET(GD_TREND_FIRST_YEAR, Int32GetDatum(first->year));
	SET(GD_TREND_LAST_YEAR, Int32GetDatum(last->year));
	SET(GD_TREND_FIRST_VALUE, NumericGetDatum(first->value));
	SET(GD_TREND_LAST_VALUE, NumericGetDatum(last->value));
	SET(GD_TREND_CHANGE, DirectFunctionCall2(numeric_sub, NumericGetDatum(last->value),
											 NumericGetDatum(first->value)));
	if (first->dvalue != 0)
		SET(GD_TREND_CHANGE_RATIO, Float8GetDatum(last->dvalue / first->dvalue - 1));
	if (span > 0 && first->dvalue > 0 && last->dvalue >= 0)
		SET(GD_TREND_CAGR,
			Float8GetDatum(pow(last->dvalue / first->dvalue, 1.0 / span) - 1));
	if (n >= 2)
	{
		double		xm = 0,
					ym = 0,
					sxx = 0,
					sxy = 0,
					syy = 0;

		/* two passes over centred values: exact enough for a few dozen years */
		for (int i = 0; i < n; i++)
		{
			xm += p[i].year;
			ym += p[i].dvalue;
		}
		xm /= n;
		ym /= n;
		for (int i = 0; i < n; i++)
		{
			double		dx = p[i].year - xm;
			double		dy = p[i].dvalue - ym;

			sxx += dx * dx;
			sxy += dx * dy;
			syy += dy * dy;
		}
		SET(GD_TREND_SLOPE, Float8GetDatum(sxy / sxx));
		/* as regr_r2(): 1 for a flat series */
		SET(GD_TREND_R2, Float8GetDatum(syy == 0 ? 1.0 : (sxy * sxy) / (sxx * syy)));
	}

	missing = palloc(sizeof(Datum) * (span + 1));
	for (int i = 0, y = first->year; y <= last->year; y++)
	{
		while (i < n && p[i].year < y)
			i++;
		if (i < n && p[i].year == y)
			continue;
		missing[nmissing++] = Int32GetDatum(y);
	}
	SET(GD_TREND_MISSING_YEARS,
		PointerGetDatum(construct_array(missing, nmissing, INT4OID, sizeof(int32),
										true, TYPALIGN_INT)));
#undef SET
	return HeapTupleGetDatum(heap_form_tuple(desc, values, nulls));
}

/* ---------------------------------------------------------------------
 * A bigint array state
 * ---------------------------------------------------------------------
 */
/* Check the shape of an array state; its elements and length. */
static int64 *
state_elements(ArrayType *arr, const char *what, int *len)
{
	if (ARR_NDIM(arr) != 1 || ARR_HASNULL(arr) || ARR_ELEMTYPE(arr) != INT8OID)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid %s: it must be a one-dimensional bigint array without NULLs",
						what)));
	*len = ARR_DIMS(arr)[0];
	if (*len < STATE_HEADER)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid %s: it has %d elements", what, *len),
				 errdetail("A state has at least %d elements.", STATE_HEADER)));
	return gd_int8_array_data(arr);
}

/*
 * Check the header: tag, number of entries, and the length they need.  With
 * spare, the state may have room for more entries than it uses (zeros).
 */
static int
check_header(const int64 *e, int len, int64 tag, int entry, bool spare, const char *what)
{
	if (e[0] != tag)
		gd_bad_state(what, 0, e[0],
					 "The first element tells the kind of state; it must be " INT64_FORMAT ".",
					 tag);
	if ((len - STATE_HEADER) % entry != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid %s: it has %d elements", what, len),
				 errdetail("A state has %d elements and then %d for each year.",
						   STATE_HEADER, entry)));
	if (e[1] < 0 || e[1] > (len - STATE_HEADER) / entry ||
		(!spare && len != STATE_HEADER + e[1] * entry))
		gd_bad_state(what, 1, e[1],
					 "The second element counts the years of the state, each of %d elements; "
					 "the state has %d elements.", entry, len);
	return (int) e[1];
}

/* ---------------------------------------------------------------------
 * trend(year integer, value numeric)
 * ---------------------------------------------------------------------
 */
#define TREND_STATE "trend state"

/*
 * Check a trend state.  The room for more years is only ever overwritten,
 * never read, so inside an aggregate (spare = false) it is not looked at;
 * called directly, it must be zeros.  Without entries, only the shape and
 * the header are checked (for the state trend_accum itself returned last).
 */
static int
trend_check(ArrayType *arr, int64 **elems, int *capacity, bool spare, bool entries)
{
	int			len;
	int64	   *e = state_elements(arr, TREND_STATE, &len);
	int			n = check_header(e, len, GD_TREND_TAG, TREND_ENTRY, true, TREND_STATE);

	*elems = e;
	*capacity = (len - STATE_HEADER) / TREND_ENTRY;
	if (!entries)
		return n;

	for (int i = STATE_HEADER + n * TREND_ENTRY; spare && i < len; i++)
		if (e[i] != 0)
			gd_bad_state(TREND_STATE, i, e[i],
						 "Element %d is room for a year not yet seen; it must be 0.", i + 1);
	for (int i = 0; i < n; i++)
	{
		int64	   *y = &e[STATE_HEADER + i * TREND_ENTRY];
		GdDecimal	d;
		const char *why;
		int			bad;

		if (y[0] < GD_TREND_MIN_YEAR || y[0] > GD_TREND_MAX_YEAR ||
			(i > 0 && y[0] <= y[-TREND_ENTRY]))
			gd_bad_state(TREND_STATE, (int) (y - e), y[0],
						 "Element %d is a year: between %d and %d, and after the year before it.",
						 (int) (y - e) + 1, GD_TREND_MIN_YEAR, GD_TREND_MAX_YEAR);
		why = gd_decimal_load(&y[1], &d, &bad);
		if (why != NULL)
			gd_bad_state(TREND_STATE, (int) (y - e) + 1 + bad, y[1 + bad],
						 "Elements %d to %d hold the total of year " INT64_FORMAT
						 " as [decimal places, high digits, low digits]; %s.",
						 (int) (y - e) + 2, (int) (y - e) + 1 + GD_DEC_SLOTS, y[0], why);
	}
	return n;
}

/*
 * Position of year among n entries (the year at offset key of each), or
 * the position to insert it, as -pos - 1.
 */
static int
find_year(const int64 *e, int n, int entry, int key, int64 year)
{
	int			lo = 0,
				hi = n - 1;

	while (lo <= hi)
	{
		int			mid = (lo + hi) / 2;
		int64		y = e[STATE_HEADER + mid * entry + key];

		if (y == year)
			return mid;
		if (y < year)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -lo - 1;
}

/* A copy of an array state with entry init inserted at pos. */
static ArrayType *
insert_entry(const int64 *e, int n, int entry, int pos, const int64 *init)
{
	ArrayType  *arr = gd_int8_array_new(STATE_HEADER + (n + 1) * entry);
	int64	   *d = gd_int8_array_data(arr);
	int			before = STATE_HEADER + pos * entry;

	memcpy(d, e, sizeof(int64) * before);
	memcpy(d + before, init, sizeof(int64) * entry);
	memcpy(d + before + entry, e + before, sizeof(int64) * (n - pos) * entry);
	d[1] = n + 1;
	return arr;
}

static void
trend_value_error(Numeric num)
{
	char	   *digits;

	if (numeric_is_nan(num) || numeric_is_inf(num))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("trend cannot add %s", numeric_is_nan(num) ? "NaN" : "an infinite value")));
	digits = numeric_normalize(num);
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("trend value %s is out of range", gd_clip(digits, strlen(digits))),
			 errdetail("Values are added exactly with at most %d digits in all "
					   "(integer digits and decimal places together).", GD_DEC_DIGITS)));
}

/* Add x into the decimal slots at y, or raise 22003. */
static void
add_into(int64 *slots, GdDecimal x, int64 year)
{
	GdDecimal	acc;

	(void) gd_decimal_load(slots, &acc, NULL);
	if (!gd_decimal_add(&acc, x))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("trend overflows at year " INT64_FORMAT, year),
				 errdetail("Values are added exactly with at most %d digits in all "
						   "(integer digits and decimal places together).", GD_DEC_DIGITS)));
	gd_decimal_store(acc, slots);
}

/*
 * trend_accum(bigint[], integer, numeric) returns bigint[]
 *
 * Strict: a row whose year or value is NULL is skipped.
 */
Datum
trend_accum(PG_FUNCTION_ARGS)
{
	ArrayType  *arr = PG_GETARG_ARRAYTYPE_P(0);
	int32		year = PG_GETARG_INT32(1);
	Numeric		num = PG_GETARG_NUMERIC(2);
	int64	   *e;
	int			cap;
	bool		in_place = AggCheckCallContext(fcinfo, NULL);

	/*
	 * The state this call site last updated in place: its entries were
	 * checked then and only written here since (see report_sum_accum).
	 */
	ArrayType **known = (ArrayType **) &fcinfo->flinfo->fn_extra;
	int			n = trend_check(arr, &e, &cap, !in_place, !(in_place && arr == *known));
	ArrayType  *given = arr;
	GdDecimal	x;
	int			pos;

	gd_check_trend_year(year, "trend");
	if (!gd_decimal_from_numeric(num, &x))
		trend_value_error(num);

	pos = find_year(e, n, TREND_ENTRY, 0, year);
	if (pos < 0)
	{
		int64	   *at;

		pos = -pos - 1;
		if (!in_place || n == cap)
		{
			/* room for TREND_SPARE more years, so most series grow in place */
			ArrayType  *grown = gd_int8_array_new(STATE_HEADER + (n + TREND_SPARE) * TREND_ENTRY);

			memcpy(gd_int8_array_data(grown), e, sizeof(int64) * (STATE_HEADER + n * TREND_ENTRY));
			arr = grown;
			e = gd_int8_array_data(arr);
		}
		at = &e[STATE_HEADER + pos * TREND_ENTRY];
		memmove(at + TREND_ENTRY, at, sizeof(int64) * (n - pos) * TREND_ENTRY);
		memset(at, 0, sizeof(int64) * TREND_ENTRY);
		at[0] = year;
		e[1] = n + 1;
	}
	else if (!in_place)
	{
		arr = DatumGetArrayTypePCopy(PointerGetDatum(arr));
		e = gd_int8_array_data(arr);
	}
	add_into(&e[STATE_HEADER + pos * TREND_ENTRY + 1], x, year);
	*known = in_place && arr == given ? arr : NULL;
	PG_RETURN_ARRAYTYPE_P(arr);
}

/*
 * Merge two states whose n1 and n2 entries of entry elements are sorted by
 * the year at offset key of each: entries of one year are added with add,
 * the others copied.  The result has exactly the entries it needs.
 */
typedef void (*AddEntry) (int64 *into, const int64 *from);

static ArrayType *
merge_states(int64 tag, const int64 *e1, int n1, const int64 *e2, int n2,
			 int entry, int key, AddEntry add)
{
	ArrayType  *res = gd_int8_array_new(STATE_HEADER + (n1 + n2) * entry);
	int64	   *d = gd_int8_array_data(res);
	int			i = 0,
				j = 0,
				k = 0;

	d[0] = tag;
	while (i < n1 || j < n2)
	{
		const int64 *x1 = &e1[STATE_HEADER + i * entry];
		const int64 *x2 = &e2[STATE_HEADER + j * entry];
		int64	   *out = &d[STATE_HEADER + k * entry];

		if (j >= n2 || (i < n1 && x1[key] < x2[key]))
		{
			memcpy(out, x1, sizeof(int64) * entry);
			i++;
		}
		else if (i >= n1 || x2[key] < x1[key])
		{
			memcpy(out, x2, sizeof(int64) * entry);
			j++;
		}
		else
		{
			memcpy(out, x1, sizeof(int64) * entry);
			add(out, x2);
			i++;
			j++;
		}
		k++;
	}
	d[1] = k;
	ARR_DIMS(res)[0] = STATE_HEADER + k * entry;
	SET_VARSIZE(res, ARR_OVERHEAD_NONULLS(1) + sizeof(int64) * (STATE_HEADER + k * entry));
	return res;
}

/* Add the total of one trend entry into another of the same year. */
static void
add_trend_entry(int64 *into, const int64 *from)
{
	GdDecimal	x;

	(void) gd_decimal_load(&from[1], &x, NULL);
	add_into(&into[1], x, into[0]);
}

/*
 * trend_combine(bigint[], bigint[]) returns bigint[]
 */
Datum
trend_combine(PG_FUNCTION_ARGS)
{
	ArrayType  *a1 = PG_GETARG_ARRAYTYPE_P(0);
	ArrayType  *a2 = PG_GETARG_ARRAYTYPE_P(1);
	int64	   *e1,
			   *e2;
	int			cap1,
				cap2;
	int			n1 = trend_check(a1, &e1, &cap1, true, true);
	int			n2 = trend_check(a2, &e2, &cap2, true, true);

	if (n2 == 0)
		PG_RETURN_ARRAYTYPE_P(a1);
	if (n1 == 0)
		PG_RETURN_ARRAYTYPE_P(a2);
	PG_RETURN_ARRAYTYPE_P(merge_states(GD_TREND_TAG, e1, n1, e2, n2, TREND_ENTRY, 0,
									   add_trend_entry));
}

/*
 * trend_final(bigint[]) returns govdisclose.trend
 *
 * NULL when no row had a year and a value.
 */
Datum
trend_final(PG_FUNCTION_ARGS)
{
	int64	   *e;
	int			cap;
	int			n = trend_check(PG_GETARG_ARRAYTYPE_P(0), &e, &cap, true, true);
	TupleDesc	desc = fcinfo->flinfo->fn_extra;
	GdPoint    *p;

	if (n == 0)
		PG_RETURN_NULL();
	if (desc == NULL)
	{
		Oid			typid;
		TupleDesc	dummy;

		if (get_call_result_type(fcinfo, &typid, &dummy) != TYPEFUNC_COMPOSITE)
			elog(ERROR, "trend_final must return a composite type");
		desc = gd_trend_desc(typid, fcinfo->flinfo->fn_mcxt);
		fcinfo->flinfo->fn_extra = desc;
	}
	p = palloc(sizeof(GdPoint) * n);
	for (int i = 0; i < n; i++)
	{
		int64	   *y = &e[STATE_HEADER + i * TREND_ENTRY];
		GdDecimal	d;

		(void) gd_decimal_load(&y[1], &d, NULL);
		p[i].year = (int32) y[0];
		p[i].value = gd_decimal_to_numeric(d);
		p[i].dvalue = gd_decimal_to_double(d);
	}
	PG_RETURN_DATUM(gd_trend_datum(desc, p, n));
}

/* ---------------------------------------------------------------------
 * report_trend(report)
 * ---------------------------------------------------------------------
 */
#define REPORT_TREND_STATE "report_trend state"

/* Check one block of a report_trend state (at its position at). */
static void
report_trend_check_block(const int64 *b, int at)
{
	gd_sum_block_check(b, gd_sum_block_len(), false, REPORT_TREND_STATE, at);
	if (b[GD_SUM_I_N] == 0)
		gd_bad_state(REPORT_TREND_STATE, at + GD_SUM_I_N, 0,
					 "Element %d counts the reports of a year; it is at least 1.",
					 at + GD_SUM_I_N + 1);
}

/*
 * Check a report_trend state: its header and the order of its years, and
 * with blocks, every block (otherwise the caller checks the block it uses).
 */
static int
report_trend_check(ArrayType *arr, int64 **elems, bool blocks)
{
	int			len;
	int64	   *e = state_elements(arr, REPORT_TREND_STATE, &len);
	int			entry = gd_sum_block_len();
	int			n = check_header(e, len, GD_REPORT_TREND_TAG, entry, false, REPORT_TREND_STATE);

	for (int i = 0; i < n; i++)
	{
		int64	   *b = &e[STATE_HEADER + i * entry];
		int			at = (int) (b - e);

		if (blocks)
			report_trend_check_block(b, at);
		if (b[GD_SUM_I_YEAR_STATUS] != GD_STATUS_VALUE ||
			b[GD_SUM_I_YEAR] < GD_TREND_MIN_YEAR || b[GD_SUM_I_YEAR] > GD_TREND_MAX_YEAR ||
			(i > 0 && b[GD_SUM_I_YEAR] <= b[GD_SUM_I_YEAR - entry]))
			gd_bad_state(REPORT_TREND_STATE, at + GD_SUM_I_YEAR, b[GD_SUM_I_YEAR],
						 "Element %d is the year of a block of reports: between %d and %d, "
						 "and after the year before it.",
						 at + GD_SUM_I_YEAR + 1, GD_TREND_MIN_YEAR, GD_TREND_MAX_YEAR);
	}
	*elems = e;
	return n;
}

/*
 * report_trend_accum(bigint[], report) returns bigint[]
 *
 * Strict: a NULL report is skipped; so is a report without a year.
 */
Datum
report_trend_accum(PG_FUNCTION_ARGS)
{
	ArrayType  *arr = PG_GETARG_ARRAYTYPE_P(0);
	HeapTupleHeader rec = PG_GETARG_HEAPTUPLEHEADER(1);
	int64	   *e;
	int			n = report_trend_check(arr, &e, false);
	int			entry = gd_sum_block_len();
	GdAccess   *a = gd_access_fn(fcinfo, HeapTupleHeaderGetTypeId(rec));
	GdValues   *v = gd_access_scratch(a, sizeof(GdValues));
	const GdLayout *L = gd_layout();
	int32		year;
	int			pos;

	gd_report_deform(a, rec, v);
	if (v->isnull[L->leaf_year])
		PG_RETURN_ARRAYTYPE_P(arr);
	year = DatumGetInt32(v->values[L->leaf_year]);
	gd_check_trend_year(year, "report_trend");

	pos = find_year(e, n, entry, GD_SUM_I_YEAR, year);
	if (pos >= 0)
		report_trend_check_block(&e[STATE_HEADER + pos * entry], STATE_HEADER + pos * entry);
	if (pos < 0 || !AggCheckCallContext(fcinfo, NULL))
	{
		if (pos < 0)
		{
			pos = -pos - 1;
			arr = insert_entry(e, n, entry, pos, gd_sum_block_new());
		}
		else
			arr = DatumGetArrayTypePCopy(PointerGetDatum(arr));
		e = gd_int8_array_data(arr);
	}
	gd_sum_block_add(&e[STATE_HEADER + pos * entry], v, "report_trend");
	PG_RETURN_ARRAYTYPE_P(arr);
}

/* Add the reports of one year's block into another's. */
static void
add_report_block(int64 *into, const int64 *from)
{
	gd_sum_block_merge(into, from, "report_trend");
}

/*
 * report_trend_combine(bigint[], bigint[]) returns bigint[]
 */
Datum
report_trend_combine(PG_FUNCTION_ARGS)
{
	ArrayType  *a1 = PG_GETARG_ARRAYTYPE_P(0);
	ArrayType  *a2 = PG_GETARG_ARRAYTYPE_P(1);
	int64	   *e1,
			   *e2;
	int			n1 = report_trend_check(a1, &e1, true);
	int			n2 = report_trend_check(a2, &e2, true);

	if (n2 == 0)
		PG_RETURN_ARRAYTYPE_P(a1);
	if (n1 == 0)
		PG_RETURN_ARRAYTYPE_P(a2);
	PG_RETURN_ARRAYTYPE_P(merge_states(GD_REPORT_TREND_TAG, e1, n1, e2, n2,
									   gd_sum_block_len(), GD_SUM_I_YEAR,
									   add_report_block));
}

/* Result types of report_trend_final, checked once. */
typedef struct ReportTrendCache
{
	Oid			elemtype;		/* govdisclose.indicator_trend */
	int16		elemlen;
	bool		elembyval;
	char		elemalign;
	TupleDesc	it_desc;
	TupleDesc	trend_desc;
	void	   *access;
} ReportTrendCache;

static ReportTrendCache *
report_trend_cache(FunctionCallInfo fcinfo)
{
	ReportTrendCache *c = fcinfo->flinfo->fn_extra;
	static const char *const names[2] = {"indicator", "trend"};
	static const Oid types[2] = {TEXTOID, InvalidOid};
	Oid			rettype;

	if (c != NULL)
		return c;
	c = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(ReportTrendCache));
	rettype = get_func_rettype(fcinfo->flinfo->fn_oid);
	c->elemtype = get_element_type(rettype);
	if (c->elemtype == InvalidOid || get_typtype(c->elemtype) != TYPTYPE_COMPOSITE)
		elog(ERROR, "report_trend_final must return an array of a composite type");
	get_typlenbyvalalign(c->elemtype, &c->elemlen, &c->elembyval, &c->elemalign);
	c->it_desc = gd_checked_rowtype(c->elemtype, 2, names, types, fcinfo->flinfo->fn_mcxt);
	c->trend_desc = gd_trend_desc(TupleDescAttr(c->it_desc, 1)->atttypid,
								  fcinfo->flinfo->fn_mcxt);
	fcinfo->flinfo->fn_extra = c;
	return c;
}

/*
 * report_trend_final(bigint[]) returns govdisclose.indicator_trend[]
 *
 * One element per indicator, in the order of govdisclose.indicators; its
 * trend is NULL when no year has a value of it.  NULL when no report had
 * a year.
 */
Datum
report_trend_final(PG_FUNCTION_ARGS)
{
	int64	   *e;
	int			n = report_trend_check(PG_GETARG_ARRAYTYPE_P(0), &e, true);
	int			entry = gd_sum_block_len();
	ReportTrendCache *c;
	GdValues   *v;
	Datum	   *vals;
	bool	   *nulls;
	Datum	   *elems;
	GdPoint    *p;

	if (n == 0)
		PG_RETURN_NULL();
	c = report_trend_cache(fcinfo);
	v = palloc(sizeof(GdValues));
	vals = palloc(sizeof(Datum) * n * gd_nindicators);
	nulls = palloc(sizeof(bool) * n * gd_nindicators);
	for (int y = 0; y < n; y++)
	{
		gd_sum_block_values(&e[STATE_HEADER + y * entry], v);
		gd_indicator_datums(v, "report_trend", &vals[y * gd_nindicators],
							&nulls[y * gd_nindicators]);
	}

	elems = palloc(sizeof(Datum) * gd_nindicators);
	p = palloc(sizeof(GdPoint) * n);
	for (int i = 0; i < gd_nindicators; i++)
	{
		int			np = 0;
		Datum		it[2];
		bool		itnull[2] = {false, false};

		for (int y = 0; y < n; y++)
		{
			Datum		d = vals[y * gd_nindicators + i];

			if (nulls[y * gd_nindicators + i])
				continue;
			p[np].year = (int32) e[STATE_HEADER + y * entry + GD_SUM_I_YEAR];
			switch (gd_indicators[i].kind)
			{
				case GD_MEASURE_COUNT:
					p[np].value = int64_to_numeric(DatumGetInt64(d));
					p[np].dvalue = (double) DatumGetInt64(d);
					break;
				case GD_MEASURE_AMOUNT:
					p[np].value = DatumGetNumeric(d);
					p[np].dvalue = DatumGetFloat8(DirectFunctionCall1(numeric_float8, d));
					break;
				case GD_MEASURE_RATE:
					{
						/*
						 * the shortest text that reads back as the same
						 * double, whatever extra_float_digits says (float8out
						 * follows it, and this function is IMMUTABLE)
						 */
						char		buf[DOUBLE_SHORTEST_DECIMAL_LEN];

						double_to_shortest_decimal_buf(DatumGetFloat8(d), buf);
						p[np].value = DatumGetNumeric(DirectFunctionCall3(numeric_in,
																		  CStringGetDatum(buf),
																		  ObjectIdGetDatum(InvalidOid),
																		  Int32GetDatum(-1)));
						p[np].dvalue = DatumGetFloat8(d);
					}
					break;
			}
			np++;
		}
		it[0] = CStringGetTextDatum(gd_indicators[i].name);
		if (np > 0)
			it[1] = gd_trend_datum(c->trend_desc, p, np);
		else
		{
			it[1] = (Datum) 0;
			itnull[1] = true;
		}
		elems[i] = HeapTupleGetDatum(heap_form_tuple(c->it_desc, it, itnull));
	}
	PG_RETURN_ARRAYTYPE_P(construct_array(elems, gd_nindicators, c->elemtype,
										  c->elemlen, c->elembyval, c->elemalign));
}
