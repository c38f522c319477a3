/*-------------------------------------------------------------------------
 *
 * parse_sql.c
 *	  SQL interface of the parser core: parse_report(text) and
 *	  parse_notes(text).
 *
 * The core (parse.c) is plain C; here it allocates in a memory context of
 * its own, checks for query cancel through its interrupt callback, and
 * its result is turned into a govdisclose.report through report.c.
 *
 * extension/parse_sql.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "funcapi.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/memutils.h"
#include "utils/numeric.h"

#include "parse.h"
#include "report.h"

PG_FUNCTION_INFO_V1(parse_report);
PG_FUNCTION_INFO_V1(parse_notes);

static void *
parse_alloc(void *arg, size_t size)
{
	return MemoryContextAllocHuge((MemoryContext) arg, size);
}

static void
parse_release(void *arg, void *ptr)
{
	pfree(ptr);
}

static void
parse_interrupt(void *arg)
{
	CHECK_FOR_INTERRUPTS();
}

/* Text in the database encoding, from the parser's UTF-8. */
static char *
to_server(const char *s, size_t len)
{
	if (GetDatabaseEncoding() == PG_UTF8)
		return pnstrdup(s, len);
	return pg_any_to_server(s, (int) len, PG_UTF8);
}

/*
 * Run the parser on a text argument, in memory context mcxt, with notes or
 * not.  Raises 22P02 when the text holds no trace of an annual report.
 */
static void
run_parser(text *t, MemoryContext mcxt, bool notes, GdParseResult *res)
{
	GdParseOptions opt = {parse_alloc, parse_release, parse_interrupt, mcxt, !notes};
	const char *s = VARDATA_ANY(t);
	size_t		len = VARSIZE_ANY_EXHDR(t);

	if (GetDatabaseEncoding() != PG_UTF8 && GetDatabaseEncoding() != PG_SQL_ASCII)
	{
		s = pg_server_to_any(s, (int) len, PG_UTF8);
		len = strlen(s);
	}
	gd_parse(s, len, &opt, res);
	if (!res->is_report)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("text is not a government information disclosure annual report (政府信息公开工作年度报告)"),
				 errdetail("%s", res->refusal)));
}

/*
 * parse_report(text) returns govdisclose.report
 *
 * Reads the text of a published report, of either format.
 */
Datum
parse_report(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);
	GdAccess   *a = gd_access_fn(fcinfo, gd_result_report_type(fcinfo));
	const GdLayout *L = gd_layout();
	MemoryContext mcxt = AllocSetContextCreate(CurrentMemoryContext,
											   "govdisclose parse",
											   ALLOCSET_DEFAULT_SIZES);
	GdParseResult res;
	GdValues   *v = gd_access_scratch(a, sizeof(GdValues));
	Datum		result;

	run_parser(t, mcxt, false, &res);
	gd_values_clear(v);
	for (int l = 0; l < L->nleaves; l++)
	{
		const GdParsedValue *pv = &res.values[l];
		const GdNode *n = &L->nodes[L->leaf_node[l]];

		switch (pv->kind)
		{
			case GD_V_NULL:
				continue;
			case GD_V_INT:
				v->values[l] = n->field->kind == GD_INT4 ?
					Int32GetDatum((int32) pv->ival) : Int64GetDatum(pv->ival);
				break;
			case GD_V_NUMERIC:
				v->values[l] = DirectFunctionCall3(numeric_in, CStringGetDatum(pv->str),
												   ObjectIdGetDatum(InvalidOid),
												   Int32GetDatum(-1));
				break;
			case GD_V_TEXT:
				{
					char	   *s = to_server(pv->str, pv->len);

					v->values[l] = PointerGetDatum(cstring_to_text(s));
				}
				break;
		}
		v->isnull[l] = false;
	}
	result = gd_report_form(a, v->values, v->isnull);
	MemoryContextDelete(mcxt);
	PG_RETURN_DATUM(result);
}

/*
 * parse_notes(text) returns SETOF (line integer, key_path text, note text)
 *
 * Every repair, recovery, ambiguity, unreadable cell, dropped fragment and
 * truncation of parse_report on the same text, in the order found.
 */
Datum
parse_notes(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	MemoryContext mcxt;
	GdParseResult res;

	InitMaterializedSRF(fcinfo, 0);
	mcxt = AllocSetContextCreate(CurrentMemoryContext, "govdisclose parse",
								 ALLOCSET_DEFAULT_SIZES);
	run_parser(t, mcxt, true, &res);
	for (int i = 0; i < res.nnotes; i++)
	{
		const GdParseNote *n = &res.notes[i];
		Datum		values[3];
		bool		nulls[3] = {false, false, false};
		char	   *note = psprintf("%s: %s", gd_note_kind_name(n->kind), n->text);

		values[0] = Int32GetDatum(n->line);
		nulls[0] = n->line <= 0;
		if (n->key_path)
			values[1] = CStringGetTextDatum(n->key_path);
		else
			nulls[1] = true;
		values[2] = PointerGetDatum(cstring_to_text(to_server(note, strlen(note))));
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	MemoryContextDelete(mcxt);
	return (Datum) 0;
}
