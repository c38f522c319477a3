/*-------------------------------------------------------------------------
 *
 * sumstate.h
 *	  The running sum of reports: a bigint block, driven by the layout.
 *
 * report_sum keeps one block (with the agency beside it, in the composite
 * govdisclose.report_sum_state); report_trend keeps one block per year.
 * A block is a bigint array that SQL can see and print:
 *
 *	 [0] tag (GD_SUM_TAG)
 *	 [1] reports added
 *	 [2] format of the reports (GD_FMT_2019 or GD_FMT_2021; 0 before the first)
 *	 [3] year status, [4] the year (when status is GD_STATUS_VALUE)
 *	 [5] agency status (the agency itself is kept outside the block)
 *	 [6] unit status of the amounts that have a unit (GD_UNIT_*)
 *	 then, for every leaf of the layout in order:
 *		a count:	[reports that filled it, sum]
 *		an amount:	[reports that filled it, scale, hi, lo] (see decimal.h)
 *		text, and the year: nothing
 *
 * A block of just [tag, 0] is the empty sum (the aggregates' INITCOND).
 * Amounts whose row has a unit cell (procurement.amount) are added in the
 * canonical unit when their unit is known (GD_UNIT_CANONICAL), or as they
 * are when every one of them has no unit (GD_UNIT_UNSTATED).
 *
 * extension/sumstate.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef GOVDISCLOSE_SUMSTATE_H
#define GOVDISCLOSE_SUMSTATE_H

#include "utils/array.h"

#include "report.h"

/*
 * The elements of a one-dimensional bigint array without NULLs (checked by
 * the caller).  ARR_DATA_PTR trips -Wsign-compare in PostgreSQL 15's
 * headers; this is the same offset for arrays without a NULL bitmap.
 */
static inline int64 *
gd_int8_array_data(ArrayType *arr)
{
	return (int64 *) ((char *) arr + ARR_OVERHEAD_NONULLS(1));
}

#define GD_SUM_TAG 1

enum
{
	GD_SUM_I_TAG,
	GD_SUM_I_N,
	GD_SUM_I_FORMAT,
	GD_SUM_I_YEAR_STATUS,
	GD_SUM_I_YEAR,
	GD_SUM_I_AGENCY_STATUS,
	GD_SUM_I_UNIT_STATUS,
	GD_SUM_HEADER
};

/* What the inputs had in a cell that must agree (year, agency). */
#define GD_STATUS_NONE		0	/* no report yet */
#define GD_STATUS_NULL		1	/* every report left it NULL */
#define GD_STATUS_VALUE		2	/* every report had the same value */
#define GD_STATUS_DIFFER	3	/* the reports differ */

/* Unit of the amounts that have a unit cell. */
#define GD_UNIT_NONE		0	/* no such amount yet */
#define GD_UNIT_UNSTATED	1	/* every such amount had no unit */
#define GD_UNIT_CANONICAL	2	/* all in known units, added in the first */

#define GD_SUM_EMPTY_LEN 2

/* A one-dimensional bigint array of len zeros, without NULLs (palloc'd). */
extern ArrayType *gd_int8_array_new(int len);

/*
 * Raise 22023 for element index (0-based) of a state that came from
 * outside: errmsg names the element and its value, fmt the rule it breaks.
 */
extern void gd_bad_state(const char *what, int index, int64 value, const char *fmt,...)
			pg_attribute_printf(4, 5) pg_attribute_noreturn();

/* Length of a full block. */
extern int	gd_sum_block_len(void);

/* A new, full, empty block (palloc'd). */
extern int64 *gd_sum_block_new(void);

/*
 * Check a block (len elements) that came from outside; raises 22023 naming
 * what is wrong.  what names the state in messages ("report_sum state"),
 * at is the block's position in it (0-based, for element numbers).
 * with_agency: the block's agency status is kept (report_sum); otherwise it
 * must be GD_STATUS_NONE (report_trend).
 */
extern void gd_sum_block_check(const int64 *block, int len, bool with_agency,
							   const char *what, int at);

/* Status of the agency cell after adding one with this status. */
extern int	gd_status_merge(int a, int b, bool same);

/*
 * Add one report (its leaves in v; v->cells is not used) to a full, checked
 * block.  fname is the
 * aggregate's name for messages.  The agency status is left to the caller.
 */
extern void gd_sum_block_add(int64 *block, const GdValues *v, const char *fname);

/* Add block src into full block dst (both checked). */
extern void gd_sum_block_merge(int64 *dst, const int64 *src, const char *fname);

/*
 * The leaves of the summed report; agency is set to NULL (the caller fills
 * it).  The block must hold at least one report.
 */
extern void gd_sum_block_values(const int64 *block, GdValues *out);

#endif							/* GOVDISCLOSE_SUMSTATE_H */
