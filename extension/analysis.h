/*-------------------------------------------------------------------------
 *
 * analysis.h
 *	  What indicators(), trend() and report_trend() share: the indicators
 *	  of a report as datums, the trend of a series, and checked result
 *	  types.
 *
 * extension/analysis.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef GOVDISCLOSE_ANALYSIS_H
#define GOVDISCLOSE_ANALYSIS_H

#include "utils/numeric.h"

#include "indicators.h"
#include "report.h"

/*
 * The indicators of a report (its leaves in v): one datum per indicator,
 * of the type of its column (bigint, numeric or double precision).
 * fname names the calling function in messages.
 */
extern void gd_indicator_datums(const GdValues *v, const char *fname,
								Datum *values, bool *isnull);

/* One point of a yearly series: exact value and its double. */
typedef struct GdPoint
{
	int32		year;
	Numeric		value;
	double		dvalue;
} GdPoint;

/*
 * The trend of n > 0 points with distinct, ascending years, as a datum of
 * the composite type desc (govdisclose.trend).
 */
extern Datum gd_trend_datum(TupleDesc desc, const GdPoint *points, int n);

/*
 * A composite type's descriptor, checked against the column names and
 * type OIDs the C code expects (42804 if they differ); a copy in mcxt.
 */
extern TupleDesc gd_checked_rowtype(Oid typid, int natts, const char *const *names,
									const Oid *types, MemoryContext mcxt);

/* The same check of a descriptor at hand (its tdtypeid names it). */
extern void gd_check_rowtype(TupleDesc desc, int natts, const char *const *names,
							 const Oid *types);

/* The descriptor of govdisclose.trend, checked (typid from the catalog). */
extern TupleDesc gd_trend_desc(Oid typid, MemoryContext mcxt);

/* Check a year for trend() / report_trend(): 22003 outside 1..9999. */
extern void gd_check_trend_year(int64 year, const char *fname);

#endif							/* GOVDISCLOSE_ANALYSIS_H */
