/*-------------------------------------------------------------------------
 *
 * jsonb_report.c
 *	  report_from_jsonb(jsonb): the strict reader of the canonical JSON.
 *
 * What a document may hold, and every error, is decided by the plain-C
 * reader of report_json.c; here the jsonb iterator feeds it tokens, and
 * the values it accepts become the leaves' Datums.  Every leaf it does not
 * see stays NULL, and every composite is present.
 *
 * extension/jsonb_report.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "fmgr.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"
#include "utils/numeric.h"

#include "report.h"
#include "report_json.h"

PG_FUNCTION_INFO_V1(report_from_jsonb);

/* The reader's clip: whole characters of the database encoding. */
static int
clip_server(const char *s, int len, int limit)
{
	return pg_mbcliplen(s, len, limit);
}

/* A leaf the reader accepted: its Datum, from the jsonb value. */
static void
set_leaf(void *arg, int leaf, const GdJsonToken *tok, int64_t ival)
{
	GdValues   *vals = arg;
	const GdLayout *L = gd_layout();
	const JsonbValue *v = tok->src;

	switch (L->nodes[L->leaf_node[leaf]].field->kind)
	{
		case GD_TEXT:
			vals->values[leaf] =
				PointerGetDatum(cstring_to_text_with_len(tok->str, (int) tok->len));
			break;
		case GD_INT4:
			vals->values[leaf] = Int32GetDatum((int32) ival);
			break;
		case GD_INT8:
			vals->values[leaf] = Int64GetDatum(ival);
			break;
		case GD_NUMERIC:
			vals->values[leaf] =
				PointerGetDatum(DatumGetNumericCopy(NumericGetDatum(v->val.numeric)));
			break;
		case GD_ROW:
			elog(ERROR, "report JSON reader gave a value to a composite");
	}
	vals->isnull[leaf] = false;
}

/* The reader's token for what the jsonb iterator returned. */
static void
to_token(JsonbIteratorToken r, const JsonbValue *v, GdJsonToken *t)
{
	t->str = NULL;
	t->len = 0;
	t->src = v;
	switch (r)
	{
		case WJB_BEGIN_OBJECT:
			t->kind = GD_JSON_BEGIN_OBJECT;
			return;
		case WJB_END_OBJECT:
			t->kind = GD_JSON_END_OBJECT;
			return;
		case WJB_BEGIN_ARRAY:
			t->kind = GD_JSON_BEGIN_ARRAY;
			return;
		case WJB_END_ARRAY:
			t->kind = GD_JSON_END_ARRAY;
			return;
		case WJB_KEY:
			t->kind = GD_JSON_KEY;
			t->str = v->val.string.val;
			t->len = v->val.string.len;
			return;
		case WJB_VALUE:
		case WJB_ELEM:
			switch (v->type)
			{
				case jbvNull:
					t->kind = GD_JSON_NULL;
					return;
				case jbvString:
					t->kind = GD_JSON_STRING;
					t->str = v->val.string.val;
					t->len = v->val.string.len;
					return;
				case jbvNumeric:
					/* the reader takes numbers as text, as numeric_out prints them */
					t->kind = GD_JSON_NUMBER;
					t->str = DatumGetCString(DirectFunctionCall1(numeric_out,
																 NumericGetDatum(v->val.numeric)));
					t->len = strlen(t->str);
					return;
				case jbvBool:
					t->kind = GD_JSON_BOOL;
					return;
				default:
					break;
			}
			break;
		default:
			break;
	}
	elog(ERROR, "unexpected jsonb token %d", (int) r);
}

/*
 * report_from_jsonb(jsonb) returns govdisclose.report
 */
Datum
report_from_jsonb(PG_FUNCTION_ARGS)
{
	Jsonb	   *jb = PG_GETARG_JSONB_P(0);
	GdAccess   *a = gd_access_fn(fcinfo, gd_result_report_type(fcinfo));
	GdValues   *vals = palloc(sizeof(GdValues));
	GdJsonReader reader;
	GdJsonToken t;
	bool		ok = true;

	gd_values_clear(vals);
	gd_json_reader_init(&reader, set_leaf, clip_server, vals);
	if (JB_ROOT_IS_SCALAR(jb))
	{
		/* the iterator would show a raw scalar as an array of one */
		t.kind = GD_JSON_NULL;
		t.str = NULL;
		t.len = 0;
		t.src = NULL;
		ok = gd_json_reader_feed(&reader, &t);
	}
	else
	{
		JsonbIterator *it = JsonbIteratorInit(&jb->root);
		JsonbValue	v;
		JsonbIteratorToken r;

		while (ok && (r = JsonbIteratorNext(&it, &v, false)) != WJB_DONE)
		{
			CHECK_FOR_INTERRUPTS();
			to_token(r, &v, &t);
			ok = gd_json_reader_feed(&reader, &t);
		}
	}
	if (!ok)
	{
		if (reader.error == GD_JSON_TOKEN)
			elog(ERROR, "%s", reader.message);
		ereport(ERROR,
				(errcode(reader.error == GD_JSON_OUT_OF_RANGE ?
						 ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE :
						 ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg_internal("%s", reader.message),
				 reader.detail[0] ? errdetail_internal("%s", reader.detail) : 0));
	}
	if (!gd_json_reader_done(&reader))
		elog(ERROR, "report JSON ended inside an object");

	PG_RETURN_DATUM(gd_report_form(a, vals->values, vals->isnull));
}
