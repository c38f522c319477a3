/*-------------------------------------------------------------------------
 *
 * check.h
 *	  Checking one report datum against the rules.
 *
 * extension/check.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef GOVDISCLOSE_CHECK_H
#define GOVDISCLOSE_CHECK_H

#include "report.h"

typedef struct GdCheckResult
{
	GdValues	values;
	char	   *format_text;
	unsigned	format_mask;
	int			nfindings;
	GdFinding	findings[GD_MAX_FINDINGS];
} GdCheckResult;

extern GdCheckResult *gd_check_report_datum(FunctionCallInfo fcinfo,
											HeapTupleHeader rec);

/*
 * Check the descriptor of a function's result rows against
 * govdisclose.violation as the C code fills it (six columns by position):
 * an altered type is 42804, never filled wrongly.
 */
extern void gd_check_violation_desc(TupleDesc desc);

/* A 128-bit sum of the rules (rules.h) as a numeric datum. */
extern Datum gd_sum_numeric(GdSum s);

#endif							/* GOVDISCLOSE_CHECK_H */
