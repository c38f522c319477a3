/*-------------------------------------------------------------------------
 *
 * report.c
 *	  Report datum <-> array of leaves, driven by the layout.
 *
 * extension/report.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "access/tupdesc.h"
#include "catalog/pg_type.h"
#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/numeric.h"
#include "utils/typcache.h"

#include "report.h"

#define GD_MAX_NODES 320

struct GdAccess
{
	Oid			typid[GD_MAX_NODES];	/* composite nodes: their type */
	TypeCacheEntry *tce[GD_MAX_NODES];	/* composite nodes: typcache entry */
	uint64		ident[GD_MAX_NODES];	/* tupDesc_identifier when checked */
	int			attidx[GD_MAX_NODES];	/* index within the parent tuple */
	int			natts[GD_MAX_NODES];	/* composite nodes: attributes */
	bool		count_row[GD_MAX_NODES];	/* read by deform_count_row */
	MemoryContext mcxt;			/* where this lives */
	void	   *scratch;		/* caller's scratch space */
	Size		scratch_size;
};

/*
 * What the per-row paths want to know of the layout, found once: the
 * composite nodes, the kind of every leaf, and the rows whose cells are all
 * counts (with their number of cells).  The layout is constant.
 */
typedef struct GdTree
{
	int			ncomposites;
	int			composites[GD_MAX_NODES];
	GdKind		leaf_kind[GD_MAX_LEAVES];
	int			nchildren[GD_MAX_NODES];
	bool		all_counts[GD_MAX_NODES];	/* every child a bigint leaf */
} GdTree;

static const GdTree *
gd_tree(void)
{
	static GdTree tree;
	static bool built = false;
	const GdLayout *L;

	if (built)
		return &tree;
	L = gd_layout();
	if (L->nnodes > GD_MAX_NODES || L->nleaves > GD_MAX_LEAVES)
		elog(ERROR, "the layout has more nodes than report.c can hold");
	for (int node = 0; node < L->nnodes; node++)
	{
		const GdNode *n = &L->nodes[node];

		if (n->leaf >= 0)
		{
			tree.leaf_kind[n->leaf] = n->field->kind;
			continue;
		}
		tree.composites[tree.ncomposites++] = node;
		tree.all_counts[node] = true;
		for (GD_EACH_CHILD(L, node, i))
		{
			tree.nchildren[node]++;
			if (L->nodes[i].leaf < 0 || L->nodes[i].field->kind != GD_INT8)
				tree.all_counts[node] = false;
		}
	}
	built = true;
	return &tree;
}

static Oid
kind_oid(GdKind kind)
{
	switch (kind)
	{
		case GD_TEXT:
			return TEXTOID;
		case GD_INT4:
			return INT4OID;
		case GD_INT8:
			return INT8OID;
		case GD_NUMERIC:
			return NUMERICOID;
		case GD_ROW:
			break;
	}
	return InvalidOid;
}

/* The position of attribute i of desc as \d shows it: dropped ones left out. */
static int
live_position(TupleDesc desc, int i)
{
	int			n = 1;

	for (int k = 0; k < i && k < desc->natts; k++)
		if (!TupleDescAttr(desc, k)->attisdropped)
			n++;
	return n;
}

/*
 * Check a composite type against the layout node that should have it, and
 * record its attributes' positions and the types of nested composites.
 */
static void
validate_node(GdAccess *a, const GdLayout *L, int node, Oid typid)
{
	const GdNode *n = &L->nodes[node];
	TypeCacheEntry *tce;
	TupleDesc	desc;
	int			next = 0;

	tce = lookup_type_cache(typid, TYPECACHE_TUPDESC);
	if (tce->typtype != TYPTYPE_COMPOSITE || tce->tupDesc == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("type %s is not a composite type", format_type_be(typid)),
				 errdetail("govdisclose expects type govdisclose.%s at \"%s\".",
						   n->type->sql_name, node == 0 ? "report" : n->path)));
	desc = tce->tupDesc;
	a->typid[node] = typid;
	a->tce[node] = tce;
	a->ident[node] = tce->tupDesc_identifier;
	a->natts[node] = desc->natts;

	for (GD_EACH_CHILD(L, node, i))
	{
		const GdNode *c = &L->nodes[i];
		Form_pg_attribute att = NULL;

		while (next < desc->natts && TupleDescAttr(desc, next)->attisdropped)
			next++;
		if (next < desc->natts)
			att = TupleDescAttr(desc, next);
		if (att == NULL || strcmp(NameStr(att->attname), c->field->key) != 0 ||
			(c->field->kind != GD_ROW && att->atttypid != kind_oid(c->field->kind)) ||
			(c->field->kind == GD_ROW && get_typtype(att->atttypid) != TYPTYPE_COMPOSITE))
			ereport(ERROR,
					(errcode(ERRCODE_DATATYPE_MISMATCH),
					 errmsg("type %s does not have the layout of govdisclose.%s",
							format_type_be(typid), n->type->sql_name),
					 att ? errdetail("Expected attribute \"%s\" (%s) at position %d, found \"%s\" (%s).",
									 c->field->key,
									 c->field->kind == GD_ROW ? "a composite type" :
									 format_type_be(kind_oid(c->field->kind)),
									 live_position(desc, next), NameStr(att->attname),
									 format_type_be(att->atttypid)) :
					 errdetail("Expected attribute \"%s\" at position %d, after the last attribute of the type.",
							   c->field->key, live_position(desc, next))));
		a->attidx[i] = next;
		if (c->field->kind == GD_ROW)
			validate_node(a, L, i, att->atttypid);
		next++;
	}
	while (next < desc->natts && TupleDescAttr(desc, next)->attisdropped)
		next++;
	if (next != desc->natts)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("type %s does not have the layout of govdisclose.%s",
						format_type_be(typid), n->type->sql_name),
				 errdetail("It has attributes the layout does not declare.")));

	/* a row of counts without dropped attributes is read in place */
	a->count_row[node] = gd_tree()->all_counts[node] &&
		desc->natts == gd_tree()->nchildren[node];
}

/* Is the cached validation still good for this type? */
static bool
access_current(GdAccess *a, Oid report_typid)
{
	const GdTree *t = gd_tree();

	if (a->typid[0] != report_typid)
		return false;
	for (int k = 0; k < t->ncomposites; k++)
	{
		int			i = t->composites[k];

		if (a->tce[i]->tupDesc_identifier != a->ident[i])
			return false;
	}
	return true;
}

GdAccess *
gd_access_get(void **extra, MemoryContext mcxt, Oid report_typid)
{
	GdAccess   *a = extra ? (GdAccess *) *extra : NULL;

	if (a != NULL && access_current(a, report_typid))
		return a;
	if (a == NULL)
	{
		a = MemoryContextAllocZero(mcxt, sizeof(GdAccess));
		a->mcxt = mcxt;
		if (extra)
			*extra = a;
	}
	validate_node(a, gd_layout(), 0, report_typid);
	return a;
}

GdAccess *
gd_access_fn(FunctionCallInfo fcinfo, Oid report_typid)
{
	return gd_access_get(&fcinfo->flinfo->fn_extra, fcinfo->flinfo->fn_mcxt,
						 report_typid);
}

void *
gd_access_scratch(GdAccess *a, Size size)
{
	if (a->scratch == NULL || a->scratch_size < size)
	{
		if (a->scratch)
			pfree(a->scratch);
		a->scratch = MemoryContextAlloc(a->mcxt, size);
		a->scratch_size = size;
	}
	return a->scratch;
}

Oid
gd_access_typid(GdAccess *a)
{
	return a->typid[0];
}

Oid
gd_result_report_type(FunctionCallInfo fcinfo)
{
	Oid			typid;
	TupleDesc	desc;

	if (get_call_result_type(fcinfo, &typid, &desc) != TYPEFUNC_COMPOSITE)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("function returning a report called in a context that cannot accept it")));
	return typid;
}

void
gd_values_clear(GdValues *v)
{
	const GdLayout *L = gd_layout();

	for (int i = 0; i < L->nleaves; i++)
	{
		v->values[i] = (Datum) 0;
		v->isnull[i] = true;
	}
}

static void
set_null_leaves(const GdNode *n, GdValues *out)
{
	for (int l = n->first_leaf; l < n->first_leaf + n->nleaves; l++)
	{
		out->values[l] = (Datum) 0;
		out->isnull[l] = true;
	}
}

/*
 * A row of counts (every attribute bigint, none dropped) read where it
 * lies: a short varlena inside its parent tuple is neither copied nor
 * aligned, the header fields and the counts are read with memcpy, and
 * heap_deform_tuple is not needed.  Returns false for a compressed or
 * external value, which the caller deforms the usual way.
 */
static bool
deform_count_row(GdAccess *a, const GdLayout *L, const GdTree *t, int node,
				 Datum d, GdValues *out)
{
	const char *p = DatumGetPointer(d);
	const char *body;			/* the header from its byte VARHDRSZ on */
	Size		len;			/* length of the whole header and data */
	Oid			typid;
	uint16		infomask,
				infomask2;
	uint8		hoff;
	const bits8 *bits;
	int			natts;
	Size		off = 0;

/* address of the header field at byte offset x (x >= VARHDRSZ) */
#define FIELD(x) (body + (x) - VARHDRSZ)

	if (VARATT_IS_SHORT(p))
	{
		/* the 4-byte length word became 1 byte; the rest follows it */
		body = p + VARHDRSZ_SHORT;
		len = VARSIZE_SHORT(p) - VARHDRSZ_SHORT + VARHDRSZ;
	}
	else if (VARATT_IS_4B_U(p))
	{
		body = p + VARHDRSZ;
		len = VARSIZE(p);
	}
	else
		return false;

	if (len < offsetof(HeapTupleHeaderData, t_bits))
		elog(ERROR, "report value at \"%s\" is too short", L->nodes[node].path);
	memcpy(&typid, FIELD(offsetof(HeapTupleHeaderData, t_choice.t_datum.datum_typeid)),
		   sizeof(Oid));
	memcpy(&infomask2, FIELD(offsetof(HeapTupleHeaderData, t_infomask2)), sizeof(uint16));
	memcpy(&infomask, FIELD(offsetof(HeapTupleHeaderData, t_infomask)), sizeof(uint16));
	hoff = *(const uint8 *) FIELD(offsetof(HeapTupleHeaderData, t_hoff));
	bits = (const bits8 *) FIELD(offsetof(HeapTupleHeaderData, t_bits));
	natts = infomask2 & HEAP_NATTS_MASK;

	if (typid != a->typid[node])
		elog(ERROR, "report value at \"%s\" has type %u, expected %u",
			 L->nodes[node].path, typid, a->typid[node]);
	if (natts > t->nchildren[node] || hoff > len)
		elog(ERROR, "report value at \"%s\" has %d attributes, its type %d",
			 L->nodes[node].path, natts, t->nchildren[node]);

	for (int j = 0, c = L->nodes[node].first_child; c >= 0; j++, c = L->nodes[c].next_sibling)
	{
		int			leaf = L->nodes[c].leaf;
		int64		v;

		if (j >= natts || ((infomask & HEAP_HASNULL) && att_isnull(j, bits)))
		{
			out->values[leaf] = (Datum) 0;
			out->isnull[leaf] = true;
			continue;
		}
		off = TYPEALIGN(ALIGNOF_DOUBLE, off);	/* bigint is aligned 'd' */
		if (hoff + off + sizeof(int64) > len)
			elog(ERROR, "report value at \"%s\" is too short", L->nodes[node].path);
		memcpy(&v, FIELD(hoff + off), sizeof(int64));
		out->values[leaf] = Int64GetDatum(v);
		out->isnull[leaf] = false;
		off += sizeof(int64);
	}
#undef FIELD
	return true;
}

static void
deform_node(GdAccess *a, const GdLayout *L, const GdTree *t, int node,
			HeapTupleHeader rec, GdValues *out)
{
	const GdNode *n = &L->nodes[node];
	TupleDesc	desc = a->tce[node]->tupDesc;
	HeapTupleData tuple;
	Datum		values[16];
	bool		nulls[16];

	if (HeapTupleHeaderGetNatts(rec) > desc->natts || desc->natts > 16)
		elog(ERROR, "report value at \"%s\" has %d attributes, its type %d",
			 n->path, HeapTupleHeaderGetNatts(rec), desc->natts);

	tuple.t_len = HeapTupleHeaderGetDatumLength(rec);
	ItemPointerSetInvalid(&(tuple.t_self));
	tuple.t_tableOid = InvalidOid;
	tuple.t_data = rec;
	heap_deform_tuple(&tuple, desc, values, nulls);

	for (GD_EACH_CHILD(L, node, i))
	{
		const GdNode *c = &L->nodes[i];
		int			k = a->attidx[i];

		if (c->leaf >= 0)
		{
			out->values[c->leaf] = values[k];
			out->isnull[c->leaf] = nulls[k];
		}
		else if (nulls[k])
			set_null_leaves(c, out);
		else if (!(a->count_row[i] && deform_count_row(a, L, t, i, values[k], out)))
		{
			HeapTupleHeader sub = DatumGetHeapTupleHeader(values[k]);

			if (HeapTupleHeaderGetTypeId(sub) != a->typid[i])
				elog(ERROR, "report value at \"%s\" has type %u, expected %u",
					 c->path, HeapTupleHeaderGetTypeId(sub), a->typid[i]);
			deform_node(a, L, t, i, sub, out);
		}
	}
}

/* A numeric zero, made once. */
static Numeric
numeric_zero(void)
{
	static Numeric zero = NULL;

	if (zero == NULL)
	{
		MemoryContext old = MemoryContextSwitchTo(TopMemoryContext);

		zero = int64_to_numeric(0);
		MemoryContextSwitchTo(old);
	}
	return zero;
}

void
gd_values_to_cells(GdValues *v)
{
	const GdLayout *L = gd_layout();
	const GdTree *t = gd_tree();

	for (int l = 0; l < L->nleaves; l++)
	{
		GdCell	   *c = &v->cells[l];
		GdKind		kind = t->leaf_kind[l];

		c->isnull = v->isnull[l];
		c->not_finite = false;
		c->value = 0;
		c->text = NULL;
		if (c->isnull)
			continue;
		switch (kind)
		{
			case GD_INT8:
				c->value = DatumGetInt64(v->values[l]);
				break;
			case GD_INT4:
				c->value = DatumGetInt32(v->values[l]);
				break;
			case GD_NUMERIC:
				{
					Numeric		num = DatumGetNumeric(v->values[l]);

					if (numeric_is_nan(num) || numeric_is_inf(num))
						c->not_finite = true;
					else
						c->value = DatumGetInt32(DirectFunctionCall2(numeric_cmp,
																	 NumericGetDatum(num),
																	 NumericGetDatum(numeric_zero())));
				}
				break;
			case GD_TEXT:
			case GD_ROW:
				break;
		}
	}
}

void
gd_report_deform_values(GdAccess *a, HeapTupleHeader rec, GdValues *out)
{
	if (HeapTupleHeaderGetTypeId(rec) != a->typid[0])
		elog(ERROR, "report value has type %u, expected %u",
			 HeapTupleHeaderGetTypeId(rec), a->typid[0]);
	deform_node(a, gd_layout(), gd_tree(), 0, rec, out);
}

void
gd_report_deform(GdAccess *a, HeapTupleHeader rec, GdValues *out)
{
	gd_report_deform_values(a, rec, out);
	gd_values_to_cells(out);
}

static Datum
form_node(GdAccess *a, const GdLayout *L, int node, const Datum *leaves,
		  const bool *leafnull)
{
	TupleDesc	desc = a->tce[node]->tupDesc;
	Datum		values[16];
	bool		nulls[16];

	for (int k = 0; k < desc->natts && k < 16; k++)
	{
		values[k] = (Datum) 0;
		nulls[k] = true;
	}
	for (GD_EACH_CHILD(L, node, i))
	{
		const GdNode *c = &L->nodes[i];
		int			k = a->attidx[i];

		if (c->leaf >= 0)
		{
			values[k] = leaves[c->leaf];
			nulls[k] = leafnull[c->leaf];
		}
		else
		{
			values[k] = form_node(a, L, i, leaves, leafnull);
			nulls[k] = false;
		}
	}
	return HeapTupleGetDatum(heap_form_tuple(desc, values, nulls));
}

Datum
gd_report_form(GdAccess *a, const Datum *values, const bool *isnull)
{
	return form_node(a, gd_layout(), 0, values, isnull);
}
