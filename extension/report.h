/*-------------------------------------------------------------------------
 *
 * report.h
 *	  Access to govdisclose.report values: the only code that knows how the
 *	  composite types are laid out in memory.
 *
 * A report datum is turned into an array of leaves indexed by the layout
 * (and back).  Type descriptors are looked up from the datum itself (never
 * by name, so nothing depends on search_path), checked once against the
 * layout, and cached for the life of the calling expression.
 *
 * extension/report.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef GOVDISCLOSE_REPORT_H
#define GOVDISCLOSE_REPORT_H

#include "postgres.h"

#include "access/htup_details.h"
#include "fmgr.h"

#include "layout.h"
#include "rules.h"

#define GD_MAX_LEAVES 256

/* Every leaf of one report: its datum, and the cell the rules read. */
typedef struct GdValues
{
	Datum		values[GD_MAX_LEAVES];
	bool		isnull[GD_MAX_LEAVES];
	GdCell		cells[GD_MAX_LEAVES];
} GdValues;

typedef struct GdAccess GdAccess;

/*
 * The access structure for a report type, cached in flinfo->fn_extra (or
 * created in the given memory context when extra is NULL).  Raises
 * ERRCODE_DATATYPE_MISMATCH when the type does not have the layout's shape.
 */
extern GdAccess *gd_access_get(void **extra, MemoryContext mcxt, Oid report_typid);

/* Convenience: cache in fcinfo->flinfo->fn_extra. */
extern GdAccess *gd_access_fn(FunctionCallInfo fcinfo, Oid report_typid);

extern Oid	gd_access_typid(GdAccess *a);

/*
 * Scratch memory of at least size bytes that lives as long as the access
 * structure; reused by every call (its content is not kept).
 */
extern void *gd_access_scratch(GdAccess *a, Size size);

/* Report datum -> leaves (datums point into the report). */
extern void gd_report_deform(GdAccess *a, HeapTupleHeader rec, GdValues *out);

/* The same without out->cells (for callers that read only the datums). */
extern void gd_report_deform_values(GdAccess *a, HeapTupleHeader rec, GdValues *out);

/* Leaves -> report datum, with every composite present. */
extern Datum gd_report_form(GdAccess *a, const Datum *values, const bool *isnull);

/* Fill out->cells[] from out->values[] / out->isnull[]. */
extern void gd_values_to_cells(GdValues *v);

/* Initialise all leaves to NULL. */
extern void gd_values_clear(GdValues *v);

/* The report type's OID for a function returning govdisclose.report. */
extern Oid	gd_result_report_type(FunctionCallInfo fcinfo);

#endif							/* GOVDISCLOSE_REPORT_H */
