/*-------------------------------------------------------------------------
 *
 * report_sum.c
 *	  The aggregate report_sum(report): reports added cell by cell.
 *
 * The state is the composite govdisclose.report_sum_state (sums bigint[],
 * agency text): the block of sumstate.h and the agency the reports agree
 * on.  Inside an aggregate the block is updated in place; called directly,
 * every function works on a copy, and every state is checked first.
 *
 * extension/report_sum.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "fmgr.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/typcache.h"

#include "sumstate.h"

PG_FUNCTION_INFO_V1(report_sum_accum);
PG_FUNCTION_INFO_V1(report_sum_combine);
PG_FUNCTION_INFO_V1(report_sum_final);

#define STATE_NAME "report_sum state"
#define FNAME "report_sum"

/* Per-call-site cache, in fn_extra. */
typedef struct SumCache
{
	void	   *access;			/* GdAccess of the report type */
	Oid			state_typid;
	TupleDesc	state_desc;		/* (sums bigint[], agency text) */

	/*
	 * The state this call site last returned in place, inside an aggregate.
	 * When that state comes back, its block was checked then and only this
	 * function has written to it since, so the element-by-element check is
	 * skipped.  (A different state at the same address would have to be a
	 * forged INITCOND of some other aggregate that reuses this function; at
	 * worst its sums come out wrong, never out of bounds, and the final and
	 * combine functions check every state in full.)
	 */
	HeapTupleHeader known;
} SumCache;

/* A state taken apart. */
typedef struct SumState
{
	HeapTupleHeader rec;
	int64	   *block;
	int			len;
	bool		in_place;		/* block points into rec and may be written */
	text	   *agency;			/* NULL when NULL */
} SumState;

static SumCache *
sum_cache(FunctionCallInfo fcinfo)
{
	SumCache   *c = fcinfo->flinfo->fn_extra;

	if (c == NULL)
	{
		c = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(SumCache));
		fcinfo->flinfo->fn_extra = c;
	}
	return c;
}

/* Check the state's composite type once, and keep its descriptor. */
static TupleDesc
state_desc(FunctionCallInfo fcinfo, SumCache *c, Oid typid)
{
	TupleDesc	desc;
	MemoryContext old;

	if (c->state_desc != NULL && c->state_typid == typid)
		return c->state_desc;
	desc = lookup_rowtype_tupdesc(typid, -1);
	if (desc->natts != 2 ||
		TupleDescAttr(desc, 0)->attisdropped || TupleDescAttr(desc, 0)->atttypid != INT8ARRAYOID ||
		strcmp(NameStr(TupleDescAttr(desc, 0)->attname), "sums") != 0 ||
		TupleDescAttr(desc, 1)->attisdropped || TupleDescAttr(desc, 1)->atttypid != TEXTOID ||
		strcmp(NameStr(TupleDescAttr(desc, 1)->attname), "agency") != 0)
	{
		ReleaseTupleDesc(desc);
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("type %s is not a report_sum state", format_type_be(typid)),
				 errdetail("A report_sum state has two attributes: sums bigint[] and agency text.")));
	}
	if (c->state_desc)
		FreeTupleDesc(c->state_desc);
	old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);
	c->state_desc = CreateTupleDescCopy(desc);
	MemoryContextSwitchTo(old);
	ReleaseTupleDesc(desc);
	c->state_typid = typid;
	return c->state_desc;
}

/*
 * Take a state apart and check it.  writable: the caller may write into
 * the block in place when it lies plainly inside the tuple.
 */
static void
state_open(FunctionCallInfo fcinfo, SumCache *c, HeapTupleHeader rec,
		   bool writable, SumState *s)
{
	bool		known = writable && rec == c->known;
	TupleDesc	desc = state_desc(fcinfo, c, HeapTupleHeaderGetTypeId(rec));
	HeapTupleData tuple;
	Datum		d;
	bool		isnull;
	ArrayType  *arr;

	tuple.t_len = HeapTupleHeaderGetDatumLength(rec);
	ItemPointerSetInvalid(&tuple.t_self);
	tuple.t_tableOid = InvalidOid;
	tuple.t_data = rec;

	s->rec = rec;
	d = heap_getattr(&tuple, 1, desc, &isnull);
	if (isnull)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid %s: its sums are NULL", STATE_NAME)));
	s->in_place = writable && VARATT_IS_4B_U(DatumGetPointer(d));
	arr = s->in_place ? (ArrayType *) DatumGetPointer(d) : DatumGetArrayTypeP(d);
	if (ARR_NDIM(arr) != 1 || ARR_HASNULL(arr) || ARR_ELEMTYPE(arr) != INT8OID)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid %s: its sums must be a one-dimensional bigint array without NULLs",
						STATE_NAME)));
	s->len = ARR_DIMS(arr)[0];
	s->block = gd_int8_array_data(arr);

	d = heap_getattr(&tuple, 2, desc, &isnull);
	s->agency = isnull ? NULL : DatumGetTextPP(d);

	if (!known || !s->in_place || s->len != gd_sum_block_len())
		gd_sum_block_check(s->block, s->len, true, STATE_NAME, 0);
	if (s->len == GD_SUM_EMPTY_LEN)
	{
		/* the empty state has no sixth element: no agency either */
		if (s->agency != NULL)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("invalid %s: it is empty, but its agency is set", STATE_NAME)));
	}
	else if ((s->block[GD_SUM_I_AGENCY_STATUS] == GD_STATUS_VALUE) != (s->agency != NULL))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid %s: its agency is %s, but its element %d is " INT64_FORMAT,
						STATE_NAME, s->agency ? "set" : "NULL", GD_SUM_I_AGENCY_STATUS + 1,
						s->block[GD_SUM_I_AGENCY_STATUS]),
				 errdetail("The agency is kept exactly when element %d is %d.",
						   GD_SUM_I_AGENCY_STATUS + 1, GD_STATUS_VALUE)));
}

/* Make the block a full, private copy (when it cannot be written in place). */
static void
state_make_writable(SumState *s)
{
	int64	   *copy;

	if (s->in_place && s->len != GD_SUM_EMPTY_LEN)
		return;
	if (s->len == GD_SUM_EMPTY_LEN)
		copy = gd_sum_block_new();
	else
	{
		copy = palloc(sizeof(int64) * s->len);
		memcpy(copy, s->block, sizeof(int64) * s->len);
	}
	s->block = copy;
	s->len = gd_sum_block_len();
	s->in_place = false;
}

/* A new state tuple from a block and an agency. */
static Datum
state_form(SumCache *c, const int64 *block, int len, text *agency)
{
	Datum		values[2];
	bool		nulls[2] = {false, agency == NULL};
	ArrayType  *arr = gd_int8_array_new(len);

	memcpy(gd_int8_array_data(arr), block, sizeof(int64) * len);

	values[0] = PointerGetDatum(arr);
	values[1] = agency ? PointerGetDatum(agency) : (Datum) 0;
	return HeapTupleGetDatum(heap_form_tuple(c->state_desc, values, nulls));
}

static bool
text_equal(text *a, text *b)
{
	return VARSIZE_ANY_EXHDR(a) == VARSIZE_ANY_EXHDR(b) &&
		memcmp(VARDATA_ANY(a), VARDATA_ANY(b), VARSIZE_ANY_EXHDR(a)) == 0;
}

/*
 * The agency after merging one with status st (and text agency, when
 * st is GD_STATUS_VALUE) into the state; returns whether the state's
 * agency changes (so the tuple must be formed anew).
 */
static bool
merge_agency(SumState *s, int st, text *agency, text **result)
{
	int			old = (int) s->block[GD_SUM_I_AGENCY_STATUS];
	bool		same = old == GD_STATUS_VALUE && st == GD_STATUS_VALUE &&
		text_equal(s->agency, agency);
	int			now = gd_status_merge(old, st, same);

	s->block[GD_SUM_I_AGENCY_STATUS] = now;
	*result = now == GD_STATUS_VALUE ? (old == GD_STATUS_VALUE ? s->agency : agency) : NULL;
	return (*result == NULL) != (s->agency == NULL);
}

/*
 * report_sum_accum(report_sum_state, report) returns report_sum_state
 *
 * Strict: a NULL report is skipped, and the aggregate starts from the
 * empty state of its INITCOND.
 */
Datum
report_sum_accum(PG_FUNCTION_ARGS)
{
	HeapTupleHeader staterec = PG_GETARG_HEAPTUPLEHEADER(0);
	HeapTupleHeader rec = PG_GETARG_HEAPTUPLEHEADER(1);
	SumCache   *c = sum_cache(fcinfo);
	GdAccess   *a = gd_access_get(&c->access, fcinfo->flinfo->fn_mcxt,
								  HeapTupleHeaderGetTypeId(rec));
	GdValues   *v = gd_access_scratch(a, sizeof(GdValues));
	const GdLayout *L = gd_layout();
	SumState	s;
	text	   *agency;
	bool		agency_null;
	bool		reform;

	state_open(fcinfo, c, staterec, AggCheckCallContext(fcinfo, NULL), &s);
	state_make_writable(&s);
	gd_report_deform_values(a, rec, v);

	gd_sum_block_add(s.block, v, FNAME);
	agency_null = v->isnull[L->leaf_agency];
	reform = merge_agency(&s, agency_null ? GD_STATUS_NULL : GD_STATUS_VALUE,
						  agency_null ? NULL : DatumGetTextPP(v->values[L->leaf_agency]),
						  &agency);
	if (s.in_place && !reform)
	{
		c->known = staterec;
		PG_RETURN_DATUM(PointerGetDatum(staterec));
	}
	c->known = NULL;
	PG_RETURN_DATUM(state_form(c, s.block, s.len, agency));
}

/*
 * report_sum_combine(report_sum_state, report_sum_state) returns report_sum_state
 *
 * Either state may be the empty one; it is the identity.
 */
Datum
report_sum_combine(PG_FUNCTION_ARGS)
{
	HeapTupleHeader rec1 = PG_GETARG_HEAPTUPLEHEADER(0);
	HeapTupleHeader rec2 = PG_GETARG_HEAPTUPLEHEADER(1);
	SumCache   *c = sum_cache(fcinfo);
	SumState	s1,
				s2;
	text	   *agency;
	bool		reform;

	state_open(fcinfo, c, rec1, AggCheckCallContext(fcinfo, NULL), &s1);
	state_open(fcinfo, c, rec2, false, &s2);
	if (s2.block[GD_SUM_I_N] == 0)
	{
		if (s1.in_place || s1.len == GD_SUM_EMPTY_LEN)
			PG_RETURN_DATUM(PointerGetDatum(rec1));
		PG_RETURN_DATUM(state_form(c, s1.block, s1.len, s1.agency));
	}
	if (s1.block[GD_SUM_I_N] == 0)
		PG_RETURN_DATUM(state_form(c, s2.block, s2.len, s2.agency));

	state_make_writable(&s1);
	gd_sum_block_merge(s1.block, s2.block, FNAME);
	reform = merge_agency(&s1, (int) s2.block[GD_SUM_I_AGENCY_STATUS], s2.agency, &agency);
	if (s1.in_place && !reform)
		PG_RETURN_DATUM(PointerGetDatum(rec1));
	PG_RETURN_DATUM(state_form(c, s1.block, s1.len, agency));
}

/*
 * report_sum_final(report_sum_state) returns report
 *
 * NULL for the empty state (no report was added), as sum() of no rows.
 */
Datum
report_sum_final(PG_FUNCTION_ARGS)
{
	SumCache   *c = sum_cache(fcinfo);
	SumState	s;
	GdAccess   *a;
	GdValues   *v;

	state_open(fcinfo, c, PG_GETARG_HEAPTUPLEHEADER(0), false, &s);
	if (s.block[GD_SUM_I_N] == 0)
		PG_RETURN_NULL();
	a = gd_access_get(&c->access, fcinfo->flinfo->fn_mcxt, gd_result_report_type(fcinfo));
	v = gd_access_scratch(a, sizeof(GdValues));
	gd_sum_block_values(s.block, v);
	if (s.agency != NULL)
	{
		v->values[gd_layout()->leaf_agency] = PointerGetDatum(s.agency);
		v->isnull[gd_layout()->leaf_agency] = false;
	}
	PG_RETURN_DATUM(gd_report_form(a, v->values, v->isnull));
}
