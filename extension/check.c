/*-------------------------------------------------------------------------
 *
 * check.c
 *	  violations(), is_consistent() and check_report(): the rules of the
 *	  contract applied to one report.
 *
 * extension/check.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "mb/pg_wchar.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/numeric.h"

#include "analysis.h"
#include "check.h"

PG_FUNCTION_INFO_V1(violations);
PG_FUNCTION_INFO_V1(is_consistent);
PG_FUNCTION_INFO_V1(check_report);

#define MESSAGE_LEN 4096

/* bytes of an unknown format that rules.c quotes ("%.40s") */
#define FORMAT_QUOTE_MAX 40

/*
 * The columns of govdisclose.violation, as violations() and continuity()
 * fill them by position.
 */
void
gd_check_violation_desc(TupleDesc desc)
{
	static const char *const names[6] = {
		"rule", "severity", "cells", "expected", "actual", "message"
	};
	static const Oid types[6] = {
		TEXTOID, TEXTOID, TEXTARRAYOID, NUMERICOID, NUMERICOID, TEXTOID
	};

	gd_check_rowtype(desc, lengthof(names), names, types);
}

/* Give numeric cells their text, for the messages of a failing report. */
static void
numeric_texts(GdValues *v)
{
	const GdLayout *L = gd_layout();

	for (int l = 0; l < L->nleaves; l++)
		if (!v->isnull[l] && L->nodes[L->leaf_node[l]].field->kind == GD_NUMERIC)
			v->cells[l].text = DatumGetCString(DirectFunctionCall1(numeric_out,
																   v->values[l]));
}

GdCheckResult *
gd_check_report_datum(FunctionCallInfo fcinfo, HeapTupleHeader rec)
{
	GdAccess   *a = gd_access_fn(fcinfo, HeapTupleHeaderGetTypeId(rec));
	GdCheckResult *r = gd_access_scratch(a, sizeof(GdCheckResult));
	int			leaf = gd_layout()->leaf_format;
	const char *fmt = NULL;
	int			fmtlen = 0;

	gd_report_deform(a, rec, &r->values);
	if (!r->values.isnull[leaf])
	{
		text	   *t = DatumGetTextPP(r->values.values[leaf]);

		fmt = VARDATA_ANY(t);
		fmtlen = VARSIZE_ANY_EXHDR(t);
	}
	r->nfindings = gd_check(r->values.cells, fmt, fmtlen, r->findings, &r->format_mask);
	r->format_text = NULL;
	if (r->nfindings > 0)
	{
		/*
		 * What the messages need: the format as written (as much as they
		 * quote, cut at a character boundary), numeric texts.
		 */
		if (fmt)
			r->format_text = pnstrdup(fmt, pg_mbcliplen(fmt, fmtlen, FORMAT_QUOTE_MAX));
		numeric_texts(&r->values);
	}
	return r;
}

Datum
gd_sum_numeric(GdSum s)
{
	char		buf[48];

	return DirectFunctionCall3(numeric_in, CStringGetDatum(gd_sum_to_string(s, buf)),
							   ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1));
}

/*
 * violations(report) returns SETOF govdisclose.violation
 *
 * (rule text, severity text, cells text[], expected numeric,
 *	actual numeric, message text)
 */
Datum
violations(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	HeapTupleHeader rec = PG_GETARG_HEAPTUPLEHEADER(0);
	GdCheckResult *r;
	const GdLayout *L = gd_layout();
	char	   *msg = palloc(MESSAGE_LEN);

	InitMaterializedSRF(fcinfo, 0);
	gd_check_violation_desc(rsinfo->setDesc);
	r = gd_check_report_datum(fcinfo, rec);

	for (int i = 0; i < r->nfindings; i++)
	{
		const GdFinding *f = &r->findings[i];
		Datum		values[6];
		bool		nulls[6] = {false, false, false, false, false, false};
		int			leaves[GD_MAX_LEAVES];
		Datum		paths[GD_MAX_LEAVES];
		int			ncells;

		ncells = gd_finding_cells(f, r->values.cells, r->format_mask, leaves,
								  GD_MAX_LEAVES);
		for (int c = 0; c < ncells; c++)
			paths[c] = CStringGetTextDatum(L->nodes[L->leaf_node[leaves[c]]].path);
		if (ncells == 0)
			paths[ncells++] = CStringGetTextDatum("format");

		values[0] = CStringGetTextDatum(gd_rules[f->rule].id);
		values[1] = CStringGetTextDatum(gd_severity_names[f->severity]);
		values[2] = PointerGetDatum(construct_array(paths, ncells, TEXTOID, -1,
													false, TYPALIGN_INT));
		if (f->has_figures && f->equation >= 0)
		{
			values[3] = gd_sum_numeric(f->expected);
			values[4] = gd_sum_numeric(f->actual);
		}
		else if (f->has_figures)
		{
			/* per-cell rules: the bound, and the published value or count */
			values[3] = DirectFunctionCall1(int8_numeric, Int64GetDatum(0));
			if (f->leaf >= 0 && L->nodes[L->leaf_node[f->leaf]].field->kind == GD_NUMERIC)
				values[4] = r->values.values[f->leaf];
			else
				values[4] = gd_sum_numeric(f->actual);
		}
		else
			nulls[3] = nulls[4] = true;
		gd_finding_message(f, r->values.cells, r->format_mask, r->format_text,
						   msg, MESSAGE_LEN);
		values[5] = CStringGetTextDatum(msg);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}

/*
 * is_consistent(report) returns boolean: no finding of severity error
 */
Datum
is_consistent(PG_FUNCTION_ARGS)
{
	GdCheckResult *r = gd_check_report_datum(fcinfo, PG_GETARG_HEAPTUPLEHEADER(0));

	PG_RETURN_BOOL(gd_findings_consistent(r->findings, r->nfindings));
}

/*
 * check_report(report) returns boolean
 *
 * True for a complete, consistent report; otherwise raises 23514 naming the
 * first broken rule, with every finding in the detail (warnings marked as
 * such).  Warnings do not refuse a report.
 */
Datum
check_report(PG_FUNCTION_ARGS)
{
	GdCheckResult *r = gd_check_report_datum(fcinfo, PG_GETARG_HEAPTUPLEHEADER(0));
	int			first = gd_first_refusal(r->findings, r->nfindings);
	StringInfoData detail;
	char	   *msg;

	if (first < 0)
		PG_RETURN_BOOL(true);

	msg = palloc(MESSAGE_LEN);
	initStringInfo(&detail);
	appendStringInfo(&detail, "%d finding%s:", r->nfindings, r->nfindings == 1 ? "" : "s");
	for (int i = 0; i < r->nfindings; i++)
	{
		const GdFinding *f = &r->findings[i];

		gd_finding_message(f, r->values.cells, r->format_mask, r->format_text,
						   msg, MESSAGE_LEN);
		appendStringInfo(&detail, "\n%s%s: %s", gd_rules[f->rule].id,
						 f->severity == GD_SEV_UNASSESSABLE ? " (unassessable)" :
						 f->severity == GD_SEV_WARNING ? " (warning)" : "",
						 msg);
	}
	gd_finding_summary(&r->findings[first], r->values.cells, r->format_mask,
					   r->format_text, msg, MESSAGE_LEN);
	ereport(ERROR,
			(errcode(ERRCODE_CHECK_VIOLATION),
			 errmsg("report violates %s", msg),
			 errdetail_internal("%s", detail.data),
			 errhint("govdisclose.violations(report) lists every finding with its cells.")));
	PG_RETURN_BOOL(false);		/* not reached */
}
