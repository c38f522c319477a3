/*-------------------------------------------------------------------------
 *
 * indicators.h
 *	  The derived figures of a report (indicators) and the fields of a
 *	  trend, declared once as data.
 *
 * Each indicator is a count or amount (cells of the report added up, by key
 * path) or a rate (indicators added up, over indicators added up).  The SQL
 * composite types govdisclose.indicators, govdisclose.trend and
 * govdisclose.indicator_trend are generated from these tables (gentypes.c),
 * the view govdisclose.indicator_definitions shows them, and the SQL
 * functions evaluate them; nothing else spells an indicator's formula.
 *
 * Plain C without PostgreSQL headers, like layout.c and rules.c.
 *
 * extension/indicators.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef GOVDISCLOSE_INDICATORS_H
#define GOVDISCLOSE_INDICATORS_H

#include "layout.h"
#include "rules.h"

typedef enum GdMeasureKind
{
	GD_MEASURE_COUNT,			/* bigint: cells added up */
	GD_MEASURE_AMOUNT,			/* numeric: amount cells added up */
	GD_MEASURE_RATE				/* double precision: indicators over
								 * indicators */
} GdMeasureKind;

typedef struct GdIndicator
{
	const char *name;			/* field of govdisclose.indicators */
	GdMeasureKind kind;

	/*
	 * Counts and amounts: key paths of cells, added up.  A '*' stands for any
	 * key at that level (e.g. requests.denied.*.total).  Only the cells of
	 * the report's format are used, so one list serves both formats (a
	 * 2021 .issued and a 2019 .made).  Rates: names of indicators, added up.
	 */
	const char *const *numerator;
	/* Rates: names of indicators added up; a leading '-' subtracts. */
	const char *const *denominator;
	const char *description;	/* English */
} GdIndicator;

extern const GdIndicator gd_indicators[];
extern const int gd_nindicators;

#define GD_MAX_IND_TERMS 16

/* An indicator expanded over the layout. */
typedef struct GdIndicatorPlan
{
	int			nleaves[2];		/* [0] 2019, [1] 2021: cells of that format */
	int			leaves[2][GD_MAX_IND_TERMS];
	int			nnum;			/* rates: numerator indicators */
	int			num[GD_MAX_IND_TERMS];
	int			nden;			/* rates: denominator indicators */
	int			den[GD_MAX_IND_TERMS];
	int			densign[GD_MAX_IND_TERMS];	/* +1 or -1 */
} GdIndicatorPlan;

/* Expanded indicators (built on first use); NULL if a definition is wrong. */
extern const GdIndicatorPlan *gd_indicator_plans(void);

/* Index of an indicator by name, or -1. */
extern int	gd_indicator_index(const char *name);

/* Value of one count or rate indicator of a report. */
typedef struct GdIndicatorValue
{
	bool		isnull;
	bool		overflow;		/* a count that does not fit a bigint */
	GdSum		count;			/* counts; numerator of rates */
	GdSum		denominator;	/* rates */
	double		rate;			/* rates */
} GdIndicatorValue;

/*
 * Evaluate every count and rate indicator over the cells of a report of
 * the given format (a single GD_FMT_* bit).  Amount indicators are left
 * NULL: their cells are numeric, which only the SQL layer can add.
 */
extern void gd_indicators_eval(const GdCell *cells, unsigned format,
							   GdIndicatorValue *out);

/*
 * The formula of an indicator as text, e.g. "granted + partially_granted"
 * or "requests.denied.*.total"; part 0 the numerator (or the cells), 1 the
 * denominator (empty for counts and amounts).
 */
extern void gd_indicator_formula(int i, int part, char *buf, size_t len);

/* Columns of a composite type generated from these tables. */
typedef struct GdColumn
{
	const char *name;
	const char *sql_type;		/* schema-qualified */
	const char *comment;
} GdColumn;

/* govdisclose.trend */
enum
{
	GD_TREND_YEARS,
	GD_TREND_FIRST_YEAR,
	GD_TREND_LAST_YEAR,
	GD_TREND_FIRST_VALUE,
	GD_TREND_LAST_VALUE,
	GD_TREND_CHANGE,
	GD_TREND_CHANGE_RATIO,
	GD_TREND_CAGR,
	GD_TREND_SLOPE,
	GD_TREND_R2,
	GD_TREND_MISSING_YEARS,
	GD_TREND_NCOLUMNS
};

extern const GdColumn gd_trend_columns[GD_TREND_NCOLUMNS];

/* Years a trend accepts (report years are calendar years). */
#define GD_TREND_MIN_YEAR 1
#define GD_TREND_MAX_YEAR 9999

/* SQL type of an indicator's column. */
extern const char *gd_measure_sql_type(GdMeasureKind kind);

#endif							/* GOVDISCLOSE_INDICATORS_H */
