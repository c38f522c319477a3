/*-------------------------------------------------------------------------
 *
 * jsonb_report.c
 *	  report_from_jsonb(jsonb): the strict reader of the canonical JSON.
 *
 * The JSON document nests exactly like the report type; the reader walks
 * it with the layout and refuses anything the layout does not declare.
 * Every leaf it does not see stays NULL, and every composite is present.
 *
 * extension/jsonb_report.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "fmgr.h"
#include "lib/stringinfo.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"
#include "utils/numeric.h"

#include "message.h"
#include "report.h"

PG_FUNCTION_INFO_V1(report_from_jsonb);

static char *
clip_numeric(Numeric num)
{
	char	   *s = numeric_normalize(num);

	return gd_clip(s, strlen(s));
}

static const char *
jbv_type_name(const JsonbValue *v)
{
	switch (v->type)
	{
		case jbvNull:
			return "null";
		case jbvString:
			return "a string";
		case jbvNumeric:
			return "a number";
		case jbvBool:
			return "a boolean";
		default:
			return "a container";
	}
}

static const char *
kind_expectation(GdKind kind)
{
	switch (kind)
	{
		case GD_TEXT:
			return "a string";
		case GD_INT4:
		case GD_INT8:
			return "an integer";
		case GD_NUMERIC:
			return "a number";
		case GD_ROW:
			return "an object";
	}
	return "?";
}

static void
wrong_type(const GdNode *n, const char *found)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid report JSON at \"%s\": expected %s, found %s",
					n->path, kind_expectation(n->field->kind), found)));
}

/* A JSON number as a count: integral, within the range of the kind. */
static Datum
number_to_integer(const GdNode *n, Numeric num)
{
	Numeric		trunc;
	bool		have_error = false;
	int64		v;

	trunc = DatumGetNumeric(DirectFunctionCall2(numeric_trunc, NumericGetDatum(num),
												Int32GetDatum(0)));
	if (DatumGetInt32(DirectFunctionCall2(numeric_cmp, NumericGetDatum(num),
										  NumericGetDatum(trunc))) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid report JSON at \"%s\": %s is not an integer",
						n->path, clip_numeric(num))));
	{
		char	   *digits = DatumGetCString(DirectFunctionCall1(numeric_out,
																 NumericGetDatum(trunc)));
		char	   *end;

		errno = 0;
		v = strtoll(digits, &end, 10);
		have_error = (errno == ERANGE || *end != '\0');
	}
	if (have_error || (n->field->kind == GD_INT4 && (v < PG_INT32_MIN || v > PG_INT32_MAX)))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("value %s at \"%s\" is out of range for type %s",
						clip_numeric(num), n->path,
						n->field->kind == GD_INT4 ? "integer" : "bigint")));
	return n->field->kind == GD_INT4 ? Int32GetDatum((int32) v) : Int64GetDatum(v);
}

static void
read_scalar(const GdNode *n, const JsonbValue *v, GdValues *out)
{
	if (v->type == jbvNull)
		return;					/* the leaf, or every leaf below, stays NULL */
	if (n->leaf < 0)
		wrong_type(n, jbv_type_name(v));

	switch (n->field->kind)
	{
		case GD_TEXT:
			if (v->type != jbvString)
				wrong_type(n, jbv_type_name(v));
			out->values[n->leaf] =
				PointerGetDatum(cstring_to_text_with_len(v->val.string.val,
														 v->val.string.len));
			break;
		case GD_INT4:
		case GD_INT8:
			if (v->type != jbvNumeric)
				wrong_type(n, jbv_type_name(v));
			out->values[n->leaf] = number_to_integer(n, v->val.numeric);
			break;
		case GD_NUMERIC:
			if (v->type != jbvNumeric)
				wrong_type(n, jbv_type_name(v));
			out->values[n->leaf] =
				PointerGetDatum(DatumGetNumericCopy(NumericGetDatum(v->val.numeric)));
			break;
		case GD_ROW:
			break;
	}
	out->isnull[n->leaf] = false;
}

static int
find_child(const GdLayout *L, int node, const char *key, int len)
{
	for (GD_EACH_CHILD(L, node, i))
	{
		const GdNode *c = &L->nodes[i];

		if (strlen(c->field->key) == (size_t) len &&
			memcmp(c->field->key, key, len) == 0)
			return i;
	}
	return -1;
}

static void
unknown_key(const GdLayout *L, int node, const JsonbValue *k)
{
	StringInfoData keys;
	const GdNode *n = &L->nodes[node];

	initStringInfo(&keys);
	for (GD_EACH_CHILD(L, node, i))
		appendStringInfo(&keys, "%s%s", keys.len ? ", " : "", L->nodes[i].field->key);
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("unknown key \"%s%s%s\" in report JSON",
					n->path, node == 0 ? "" : ".",
					gd_clip(k->val.string.val, k->val.string.len)),
			 errdetail("The keys of %s are: %s.",
					   node == 0 ? "a report" : n->path, keys.data)));
}

/* Read the members of an object whose WJB_BEGIN_OBJECT was just returned. */
static void
read_object(JsonbIterator **it, const GdLayout *L, int node, GdValues *out)
{
	JsonbValue	k,
				v;
	JsonbIteratorToken tok;

	while ((tok = JsonbIteratorNext(it, &k, false)) == WJB_KEY)
	{
		int			child = find_child(L, node, k.val.string.val, k.val.string.len);
		const GdNode *c;

		if (child < 0)
			unknown_key(L, node, &k);
		c = &L->nodes[child];

		tok = JsonbIteratorNext(it, &v, false);
		if (tok == WJB_BEGIN_OBJECT)
		{
			if (c->leaf >= 0)
				wrong_type(c, "an object");
			read_object(it, L, child, out);
		}
		else if (tok == WJB_BEGIN_ARRAY)
			wrong_type(c, "an array");
		else
			read_scalar(c, &v, out);
	}
	if (tok != WJB_END_OBJECT)
		elog(ERROR, "unexpected jsonb token %d", (int) tok);
}

/*
 * report_from_jsonb(jsonb) returns govdisclose.report
 */
Datum
report_from_jsonb(PG_FUNCTION_ARGS)
{
	Jsonb	   *jb = PG_GETARG_JSONB_P(0);
	const GdLayout *L = gd_layout();
	GdAccess   *a = gd_access_fn(fcinfo, gd_result_report_type(fcinfo));
	GdValues   *vals = palloc(sizeof(GdValues));
	JsonbIterator *it;
	JsonbValue	v;
	JsonbIteratorToken tok;

	if (!JB_ROOT_IS_OBJECT(jb))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("report JSON must be an object, not %s",
						JB_ROOT_IS_SCALAR(jb) ? "a scalar" : "an array")));

	gd_values_clear(vals);
	it = JsonbIteratorInit(&jb->root);
	tok = JsonbIteratorNext(&it, &v, false);
	Assert(tok == WJB_BEGIN_OBJECT);
	(void) tok;
	read_object(&it, L, 0, vals);

	PG_RETURN_DATUM(gd_report_form(a, vals->values, vals->isnull));
}
