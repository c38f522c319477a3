/*-------------------------------------------------------------------------
 *
 * rules.h
 *	  The arithmetic rules (勾稽关系) of the report, as data, and their
 *	  evaluator over an array of cells.
 *
 * Plain C without PostgreSQL headers: the SQL checks, the parser's
 * arithmetic repairs and the documentation all use it.
 *
 * extension/rules.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef GOVDISCLOSE_RULES_H
#define GOVDISCLOSE_RULES_H

#include "layout.h"

/*
 * One cell of a report, as the rules see it.  Counts carry their value;
 * numeric amounts carry only their sign (-1, 0, 1) and whether they are
 * finite; text cells only whether they are NULL.
 */
typedef struct GdCell
{
	bool		isnull;
	bool		not_finite;		/* numeric NaN or infinity */
	int64_t		value;
	const char *text;			/* numeric: its published text, when known
								 * (for messages); else NULL */
} GdCell;

/* A 128-bit sum of int64 values: value = hi * 2^64 + lo. */
typedef struct GdSum
{
	int64_t		hi;
	uint64_t	lo;
} GdSum;

static inline void
gd_sum_add(GdSum *s, int64_t v)
{
	uint64_t	lo = s->lo + (uint64_t) v;

	s->hi += (lo < s->lo) ? 1 : 0;
	s->hi += (v < 0) ? -1 : 0;
	s->lo = lo;
}

static inline bool
gd_sum_eq(GdSum a, GdSum b)
{
	return a.hi == b.hi && a.lo == b.lo;
}

/* Decimal text of a sum; buf needs 41 bytes. */
extern char *gd_sum_to_string(GdSum s, char *buf);
/* Does the sum fit an int64?  If so, store it. */
extern bool gd_sum_to_int64(GdSum s, int64_t *out);

typedef enum GdSeverity
{
	GD_SEV_ERROR,
	GD_SEV_WARNING,
	GD_SEV_UNASSESSABLE
} GdSeverity;

extern const char *const gd_severity_names[3];

typedef enum GdRuleShape
{
	GD_RULE_PER_COLUMN,			/* an equation between rows, per column */
	GD_RULE_PER_ROW,			/* total column = the other columns */
	GD_RULE_PER_CELL,			/* a condition on each cell */
	GD_RULE_WHOLE_REPORT,
	GD_RULE_AT_LEAST			/* per row: column actual >= column expected */
} GdRuleShape;

typedef struct GdRule
{
	const char *id;				/* stable rule id */
	GdRuleShape shape;
	const char *section;		/* key of the table it applies to, or NULL */
	const char *const *expected;	/* rows adding up to the expected side */
	const char *const *actual;	/* rows adding up to the checked side */
	unsigned	formats;
	GdSeverity	severity;		/* when broken */
	const char *statement;		/* the rule, with official labels */
	const char *description;	/* English */
} GdRule;

/* The rules, in the order of the contract's §3 table; warnings last. */
typedef enum GdRuleId
{
	GD_RULE_REQUESTS_BALANCE,
	GD_RULE_REQUESTS_ROW_TOTAL,
	GD_RULE_REQUESTS_OUTCOMES,
	GD_RULE_APPEALS_TOTAL,
	GD_RULE_NONNEGATIVE,
	GD_RULE_FORMAT_FIELDS,
	GD_RULE_REQUIRED_CELLS,
	GD_RULE_IN_FORCE_BELOW_ISSUED,
	GD_NRULES
} GdRuleId;

extern const GdRule gd_rules[GD_NRULES];
extern const int gd_nrules;

/* An equation of a rule, expanded over the layout for one format. */
#define GD_MAX_TERMS 32

typedef struct GdEquation
{
	int			rule;
	char		scope[192];		/* "column 总计", "row （七）总计", ... */
	int			nexpected;
	int			nactual;
	int			expected[GD_MAX_TERMS]; /* leaf indexes */
	int			actual[4];
} GdEquation;

/* Equations of a format (a single GD_FMT_* bit). */
extern const GdEquation *gd_equations(unsigned format, int *count);

/* A broken or unassessable rule. */
typedef struct GdFinding
{
	int			rule;
	GdSeverity	severity;
	int			equation;		/* index into gd_equations(), or -1 */
	int			leaf;			/* for per-cell rules, or -1 */
	bool		has_figures;
	GdSum		expected;
	GdSum		actual;
} GdFinding;

#define GD_MAX_FINDINGS 1024

/*
 * Evaluate every rule on a report.
 *
 * cells has gd_layout()->nleaves entries; format/format_len give the text
 * of the format cell (format NULL when that cell is NULL).  Findings are
 * written to out in rule order; returns their number.  *format_mask gets
 * the report's format, or 0 when it is missing or unknown.
 */
extern int	gd_check(const GdCell *cells, const char *format, size_t format_len,
					 GdFinding *out, unsigned *format_mask);

/* True when no finding is an error. */
extern bool gd_findings_consistent(const GdFinding *f, int n);

/*
 * Which finding check_report reports first: the first error in rule order;
 * failing that, the first blank cell; failing that, the first finding that
 * is not a warning.  -1 when nothing is to be refused.
 */
extern int	gd_first_refusal(const GdFinding *f, int n);

/* Key paths a finding involves, written to cells[] (leaf indexes). */
extern int	gd_finding_cells(const GdFinding *f, const GdCell *cells,
							 unsigned format_mask, int *out, int max);

/*
 * Text of a finding: the full sentence with official labels and figures
 * (for errdetail and violation.message), and a short one for errmsg.
 * format_text is the report's format cell (may be NULL).
 */
extern void gd_finding_message(const GdFinding *f, const GdCell *cells,
							   unsigned format_mask, const char *format_text,
							   char *buf, size_t buflen);
extern void gd_finding_summary(const GdFinding *f, const GdCell *cells,
							   unsigned format_mask, const char *format_text,
							   char *buf, size_t buflen);

#endif							/* GOVDISCLOSE_RULES_H */
