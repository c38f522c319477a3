/*-------------------------------------------------------------------------
 *
 * rules.c
 *	  The rules of the report contract (§3) and their evaluator.
 *
 * The equations are declared as lists of rows of the layout; they are
 * expanded once per format into lists of cells.  Evaluation walks the
 * cells of one report and records a finding for every rule that is broken
 * (an error), cannot be checked because a cell is blank (unassessable), or
 * looks implausible (a warning).  Messages are written here too, with the
 * official labels, so that the SQL layer and the command-line program say
 * the same thing.
 *
 * extension/rules.c
 *
 *-------------------------------------------------------------------------
 */
#include "rules.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "utf8.h"

const char *const gd_severity_names[3] = {"error", "warning", "unassessable"};

static const char *const balance_expected[] = {"new_received", "carried_over", NULL};
static const char *const balance_actual[] = {"total_handled", "carried_forward", NULL};
static const char *const outcomes_expected[] = {
	"granted", "partially_granted", "denied", "unable_to_provide",
	"not_processed", "other_handling", NULL
};
static const char *const outcomes_actual[] = {"total_handled", NULL};
static const char *const in_force_expected[] = {"issued", NULL};
static const char *const in_force_actual[] = {"in_force", NULL};

/*
 * GD_RULE_AT_LEAST rules use expected/actual as column keys within each row
 * of the section: actual >= expected.
 */
/* In the order of the contract's §3 table; warnings last. */
const GdRule gd_rules[GD_NRULES] = {
	[GD_RULE_REQUESTS_BALANCE] = {"requests_balance", GD_RULE_PER_COLUMN, "requests",
		balance_expected, balance_actual, GD_FMT_BOTH, GD_SEV_ERROR,
		"一、本年新收 + 二、上年结转 = （七）总计 + 四、结转下年度继续办理",
	"the official 勾稽关系 of table 三, in each of its 7 columns"},
	[GD_RULE_REQUESTS_ROW_TOTAL] = {"requests_row_total", GD_RULE_PER_ROW, "requests",
		NULL, NULL, GD_FMT_BOTH, GD_SEV_ERROR,
		"总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他",
	"in each row of table 三, the total is the six applicant columns added"},
	[GD_RULE_REQUESTS_OUTCOMES] = {"requests_outcomes", GD_RULE_PER_COLUMN, "requests",
		outcomes_expected, outcomes_actual, GD_FMT_BOTH, GD_SEV_ERROR,
		"（七）总计 = （一） + （二） + （三）1–8 + （四）1–3 + （五）1–5 + （六）",
	"in each column, the applications handled are the outcome rows added"},
	[GD_RULE_APPEALS_TOTAL] = {"appeals_total", GD_RULE_PER_ROW, "appeals",
		NULL, NULL, GD_FMT_BOTH, GD_SEV_ERROR,
		"总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结",
	"in each group of table 四, the total is the four outcomes added"},
	[GD_RULE_NONNEGATIVE] = {"nonnegative", GD_RULE_PER_CELL, NULL,
		NULL, NULL, GD_FMT_BOTH, GD_SEV_ERROR,
		"cell >= 0, except the 2019 本年增/减 cells",
	"counts and amounts are not negative; only the 2019 本年增/减 cells may be"},
	[GD_RULE_FORMAT_FIELDS] = {"format_fields", GD_RULE_WHOLE_REPORT, NULL,
		NULL, NULL, GD_FMT_BOTH, GD_SEV_ERROR,
		"format in (2019, 2021); cells of the other format are NULL",
	"format is '2019' or '2021', and no cell of the other format is filled"},
	[GD_RULE_REQUIRED_CELLS] = {"required_cells", GD_RULE_PER_CELL, NULL,
		NULL, NULL, GD_FMT_BOTH, GD_SEV_UNASSESSABLE,
		"agency, year and every cell of tables 二, 三, 四 are NOT NULL",
	"agency, year and every cell of tables 二, 三 and 四 are filled"},
	[GD_RULE_IN_FORCE_BELOW_ISSUED] = {"in_force_below_issued", GD_RULE_AT_LEAST, "proactive",
		in_force_expected, in_force_actual, GD_FMT_2021, GD_SEV_WARNING,
		"现行有效件数 ≥ 本年制发件数",
	"documents in force are usually at least those issued this year"},
};

const int	gd_nrules = GD_NRULES;

/* ---------------------------------------------------------------------
 * 128-bit sums
 * ---------------------------------------------------------------------
 */
bool
gd_sum_to_int64(GdSum s, int64_t *out)
{
	if ((s.hi == 0 && s.lo <= (uint64_t) INT64_MAX) ||
		(s.hi == -1 && s.lo > (uint64_t) INT64_MAX))
	{
		*out = (int64_t) s.lo;
		return true;
	}
	return false;
}

char *
gd_sum_to_string(GdSum s, char *buf)
{
	int64_t		v;
	bool		neg = s.hi < 0;
	uint64_t	hi,
				lo;
	char		tmp[48];
	int			n = 0;

	if (gd_sum_to_int64(s, &v))
	{
		snprintf(buf, 41, "%" PRId64, v);
		return buf;
	}
	/* magnitude, in two's complement */
	hi = (uint64_t) s.hi;
	lo = s.lo;
	if (neg)
	{
		hi = ~hi;
		lo = ~lo + 1;
		if (lo == 0)
			hi++;
	}
	/* long division by 10, 32 bits at a time */
	while (hi != 0 || lo != 0)
	{
		uint64_t	parts[4] = {hi >> 32, hi & 0xffffffffu, lo >> 32, lo & 0xffffffffu};
		uint64_t	rem = 0;

		for (int i = 0; i < 4; i++)
		{
			uint64_t	cur = (rem << 32) | parts[i];

			parts[i] = cur / 10;
			rem = cur % 10;
		}
		hi = (parts[0] << 32) | parts[1];
		lo = (parts[2] << 32) | parts[3];
		tmp[n++] = (char) ('0' + rem);
	}
	{
		int			k = 0;

		if (neg)
			buf[k++] = '-';
		while (n > 0)
			buf[k++] = tmp[--n];
		buf[k] = '\0';
	}
	return buf;
}

/* ---------------------------------------------------------------------
 * Expansion of the equations over the layout
 * ---------------------------------------------------------------------
 */
typedef struct EquationSet
{
	bool		built;
	int			count;
	GdEquation	eq[64];
	/* the per-cell rules, as lists of leaves */
	int			nnonneg;		/* counts and amounts of the format */
	int			nforeign;		/* leaves the format does not have */
	int			nrequired;		/* leaves that must be filled */
	int			nonneg[GD_MAX_TERMS * 8];
	int			foreign[GD_MAX_TERMS * 8];
	int			required[GD_MAX_TERMS * 8];
} EquationSet;

static EquationSet eqsets[2];	/* [0] 2019, [1] 2021 */

static int
child_node(int parent, const char *key)
{
	const GdLayout *L = gd_layout();

	for (GD_EACH_CHILD(L, parent, i))
		if (strcmp(L->nodes[i].field->key, key) == 0)
			return i;
	return -1;
}

/* Append leaves under node whose column key is col and that the format has. */
static void
collect_column(int node, const char *col, unsigned format, int *terms, int *n, int max)
{
	const GdLayout *L = gd_layout();
	const GdNode *p = &L->nodes[node];

	for (int leaf = p->first_leaf; leaf < p->first_leaf + p->nleaves; leaf++)
	{
		const GdNode *c = &L->nodes[L->leaf_node[leaf]];

		if (strcmp(c->field->key, col) == 0 && gd_node_in_format(c, format) &&
			*n < max)
			terms[(*n)++] = leaf;
	}
}

/* Is node a row: a composite whose type has a total column? */
static int
row_total_field(const GdNode *n)
{
	if (n->leaf >= 0 || n->type == NULL)
		return -1;
	for (int i = 0; i < n->type->nfields; i++)
		if (n->type->fields[i].flags & GD_TOTAL)
			return i;
	return -1;
}

static bool
is_required(const GdNode *n, const GdLayout *L)
{
	if (n->flags & GD_OPTIONAL)
		return false;
	if (n->section >= 2 && n->section <= 4)
		return true;
	return n->leaf == L->leaf_agency || n->leaf == L->leaf_year;
}

static void
build_equations(unsigned format)
{
	EquationSet *set = &eqsets[format == GD_FMT_2019 ? 0 : 1];
	const GdLayout *L = gd_layout();

	set->count = 0;
	for (int r = 0; r < gd_nrules; r++)
	{
		const GdRule *rule = &gd_rules[r];
		int			section;

		if (!(rule->formats & format) || rule->section == NULL)
			continue;
		section = gd_find_path(rule->section);

		if (rule->shape == GD_RULE_PER_COLUMN)
		{
			/* the columns are those of the first expected row's type */
			int			first = child_node(section, rule->expected[0]);
			const GdType *rowtype = L->nodes[first].type;

			for (int c = 0; c < rowtype->nfields; c++)
			{
				const GdField *col = &rowtype->fields[c];
				GdEquation *eq = &set->eq[set->count++];

				memset(eq, 0, sizeof(*eq));
				eq->rule = r;
				snprintf(eq->scope, sizeof(eq->scope), "column %s",
						 gd_field_label(col, format));
				for (int i = 0; rule->expected[i]; i++)
					collect_column(child_node(section, rule->expected[i]), col->key,
								   format, eq->expected, &eq->nexpected, GD_MAX_TERMS);
				for (int i = 0; rule->actual[i]; i++)
					collect_column(child_node(section, rule->actual[i]), col->key,
								   format, eq->actual, &eq->nactual, 4);
			}
		}
		else if (rule->shape == GD_RULE_PER_ROW || rule->shape == GD_RULE_AT_LEAST)
		{
			const GdNode *s = &L->nodes[section];

			for (int i = section + 1; i < L->nnodes && L->nodes[i].depth > s->depth; i++)
			{
				const GdNode *row = &L->nodes[i];
				GdEquation *eq;
				char		rowlabel[160],
							dummy[8];

				if (row->leaf >= 0 || !gd_node_in_format(row, format))
					continue;
				if (rule->shape == GD_RULE_PER_ROW && row_total_field(row) < 0)
					continue;
				if (rule->shape == GD_RULE_AT_LEAST &&
					(child_node(i, rule->expected[0]) < 0 ||
					 child_node(i, rule->actual[0]) < 0))
					continue;

				eq = &set->eq[set->count++];
				memset(eq, 0, sizeof(*eq));
				eq->rule = r;
				gd_node_label_parts(i, format, true, rowlabel, sizeof(rowlabel),
									dummy, sizeof(dummy));
				snprintf(eq->scope, sizeof(eq->scope), "%s %s",
						 row->depth == 2 && s->depth == 1 &&
						 strcmp(rule->section, "appeals") == 0 ? "group" : "row",
						 rowlabel);
				if (rule->shape == GD_RULE_AT_LEAST)
				{
					eq->expected[eq->nexpected++] =
						L->nodes[child_node(i, rule->expected[0])].leaf;
					eq->actual[eq->nactual++] =
						L->nodes[child_node(i, rule->actual[0])].leaf;
					continue;
				}
				for (int leaf = row->first_leaf; leaf < row->first_leaf + row->nleaves; leaf++)
				{
					const GdNode *c = &L->nodes[L->leaf_node[leaf]];

					if (!gd_node_in_format(c, format))
						continue;
					if (c->field->flags & GD_TOTAL)
						eq->actual[eq->nactual++] = leaf;
					else if (eq->nexpected < GD_MAX_TERMS)
						eq->expected[eq->nexpected++] = leaf;
				}
			}
		}
	}
	/* the per-cell rules */
	set->nnonneg = set->nforeign = set->nrequired = 0;
	for (int leaf = 0; leaf < L->nleaves; leaf++)
	{
		const GdNode *node = &L->nodes[L->leaf_node[leaf]];

		if (!gd_node_in_format(node, format))
			set->foreign[set->nforeign++] = leaf;
		else
		{
			/* title and narratives are not counts */
			if (node->field->kind != GD_TEXT && node->section >= 2)
				set->nonneg[set->nnonneg++] = leaf;
			if (is_required(node, L))
				set->required[set->nrequired++] = leaf;
		}
	}
	set->built = true;
}

static const EquationSet *
equation_set(unsigned format)
{
	EquationSet *set = &eqsets[format == GD_FMT_2019 ? 0 : 1];

	if (!set->built)
		build_equations(format);
	return set;
}

const GdEquation *
gd_equations(unsigned format, int *count)
{
	const EquationSet *set = equation_set(format);

	*count = set->count;
	return set->eq;
}

/* ---------------------------------------------------------------------
 * Evaluation
 * ---------------------------------------------------------------------
 */
static bool
eval_side(const GdCell *cells, const int *terms, int n, GdSum *sum)
{
	bool		complete = true;

	sum->hi = 0;
	sum->lo = 0;
	for (int i = 0; i < n; i++)
	{
		if (cells[terms[i]].isnull)
			complete = false;
		else
			gd_sum_add(sum, cells[terms[i]].value);
	}
	return complete;
}

static inline void
add_finding(GdFinding *out, int *n, int rule, GdSeverity sev, int eq, int leaf)
{
	GdFinding  *f;

	if (*n >= GD_MAX_FINDINGS)
		return;
	f = &out[(*n)++];
	memset(f, 0, sizeof(*f));
	f->rule = rule;
	f->severity = sev;
	f->equation = eq;
	f->leaf = leaf;
}

int
gd_check(const GdCell *cells, const char *format, size_t format_len,
		 GdFinding *out, unsigned *format_mask)
{
	const GdLayout *L = gd_layout();
	unsigned	fmt = format ? gd_format_mask(format, format_len) : 0;
	int			n = 0;
	int			neq;
	const GdEquation *eqs;
	const EquationSet *set;

	*format_mask = fmt;
	if (fmt == 0)
	{
		/* without a format there is no layout to check against */
		add_finding(out, &n, GD_RULE_FORMAT_FIELDS, GD_SEV_ERROR, -1, L->leaf_format);
		return n;
	}

	/* equations, in rule order (nonnegative etc. come after them) */
	set = equation_set(fmt);
	eqs = set->eq;
	neq = set->count;
	for (int e = 0; e < neq; e++)
	{
		const GdEquation *eq = &eqs[e];
		GdSum		exp,
					act;
		bool		complete;

		if (gd_rules[eq->rule].shape == GD_RULE_AT_LEAST)
			continue;			/* warnings go last */
		complete = eval_side(cells, eq->expected, eq->nexpected, &exp);
		complete &= eval_side(cells, eq->actual, eq->nactual, &act);
		if (!complete)
			add_finding(out, &n, eq->rule, GD_SEV_UNASSESSABLE, e, -1);
		else if (!gd_sum_eq(exp, act))
		{
			add_finding(out, &n, eq->rule, GD_SEV_ERROR, e, -1);
			if (n > 0)
			{
				out[n - 1].has_figures = true;
				out[n - 1].expected = exp;
				out[n - 1].actual = act;
			}
		}
	}

	/* nonnegative */
	for (int i = 0; i < set->nnonneg; i++)
	{
		int			leaf = set->nonneg[i];
		const GdCell *c = &cells[leaf];

		if (c->isnull)
			continue;
		if (c->not_finite ||
			(c->value < 0 && !(L->nodes[L->leaf_node[leaf]].flags & GD_SIGNED)))
		{
			add_finding(out, &n, GD_RULE_NONNEGATIVE, GD_SEV_ERROR, -1, leaf);
			out[n - 1].has_figures = !c->not_finite;
			out[n - 1].actual.lo = (uint64_t) c->value;
			out[n - 1].actual.hi = c->value < 0 ? -1 : 0;
		}
	}

	/* format_fields: one finding for every cell of the other format */
	{
		int			count = 0;
		int			first = -1;

		for (int i = 0; i < set->nforeign; i++)
			if (!cells[set->foreign[i]].isnull)
			{
				if (first < 0)
					first = set->foreign[i];
				count++;
			}
		if (count > 0)
		{
			add_finding(out, &n, GD_RULE_FORMAT_FIELDS, GD_SEV_ERROR, -1, first);
			out[n - 1].has_figures = true;
			out[n - 1].actual.lo = (uint64_t) count;
		}
	}

	/* required_cells */
	for (int i = 0; i < set->nrequired; i++)
		if (cells[set->required[i]].isnull)
			add_finding(out, &n, GD_RULE_REQUIRED_CELLS, GD_SEV_UNASSESSABLE, -1, set->required[i]);

	/* warnings */
	for (int e = 0; e < neq; e++)
	{
		const GdEquation *eq = &eqs[e];
		GdSum		exp,
					act;

		if (gd_rules[eq->rule].shape != GD_RULE_AT_LEAST)
			continue;
		if (eval_side(cells, eq->expected, eq->nexpected, &exp) &&
			eval_side(cells, eq->actual, eq->nactual, &act) &&
			(act.hi < exp.hi || (act.hi == exp.hi && act.lo < exp.lo)))
		{
			add_finding(out, &n, eq->rule, GD_SEV_WARNING, e, -1);
			out[n - 1].has_figures = true;
			out[n - 1].expected = exp;
			out[n - 1].actual = act;
		}
	}
	return n;
}

bool
gd_findings_consistent(const GdFinding *f, int n)
{
	for (int i = 0; i < n; i++)
		if (f[i].severity == GD_SEV_ERROR)
			return false;
	return true;
}

int
gd_first_refusal(const GdFinding *f, int n)
{
	for (int i = 0; i < n; i++)
		if (f[i].severity == GD_SEV_ERROR)
			return i;
	for (int i = 0; i < n; i++)
		if (f[i].rule == GD_RULE_REQUIRED_CELLS)
			return i;
	for (int i = 0; i < n; i++)
		if (f[i].severity != GD_SEV_WARNING)
			return i;
	return -1;
}

/* ---------------------------------------------------------------------
 * Cells and messages
 * ---------------------------------------------------------------------
 */
int
gd_finding_cells(const GdFinding *f, const GdCell *cells, unsigned format_mask,
				 int *out, int max)
{
	const GdLayout *L = gd_layout();
	int			n = 0;

	if (f->equation >= 0)
	{
		int			neq;
		const GdEquation *eq = &gd_equations(format_mask, &neq)[f->equation];

		for (int i = 0; i < eq->nexpected && n < max; i++)
			out[n++] = eq->expected[i];
		for (int i = 0; i < eq->nactual && n < max; i++)
			out[n++] = eq->actual[i];
		return n;
	}
	if (f->rule == GD_RULE_FORMAT_FIELDS && format_mask != 0)
	{
		for (int leaf = 0; leaf < L->nleaves && n < max; leaf++)
			if (!cells[leaf].isnull &&
				!gd_node_in_format(&L->nodes[L->leaf_node[leaf]], format_mask))
				out[n++] = leaf;
		return n;
	}
	if (f->leaf >= 0 && n < max)
		out[n++] = f->leaf;
	return n;
}

/* Append to a buffer, never overflowing it. */
typedef struct Buf
{
	char	   *s;
	size_t		len;
	size_t		cap;
	bool		full;			/* truncated: append nothing more */
} Buf;

static void
bprintf(Buf *b, const char *fmt,...) __attribute__((format(printf, 2, 3)));

static void
bprintf(Buf *b, const char *fmt,...)
{
	va_list		ap;
	int			w;

	if (b->full || b->len + 1 >= b->cap)
		return;
	va_start(ap, fmt);
	w = vsnprintf(b->s + b->len, b->cap - b->len, fmt, ap);
	va_end(ap);
	if (w < 0)
		return;
	b->len += (size_t) w;
	if (b->len >= b->cap)
	{
		/* truncated: never leave half a UTF-8 character behind */
		size_t		end = b->cap - 1;
		size_t		lead = end;

		while (lead > 0 && ((unsigned char) b->s[lead - 1] & 0xC0) == 0x80)
			lead--;
		if (lead > 0)
		{
			unsigned char c = (unsigned char) b->s[lead - 1];
			size_t		need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;

			if (lead - 1 + need > end)
				end = lead - 1;
		}
		b->len = end;
		b->s[end] = '\0';
		b->full = true;
	}
}

/* Term label: the row (per-column rules) or the column (per-row rules). */
static void
term_label(const GdRule *rule, int leaf, unsigned fmt, char *buf, size_t len)
{
	const GdLayout *L = gd_layout();
	char		row[256],
				col[128];

	gd_node_label_parts(L->leaf_node[leaf], fmt, true, row, sizeof(row), col, sizeof(col));
	snprintf(buf, len, "%s", rule->shape == GD_RULE_PER_COLUMN ? row : col);
}

static void
side_text(Buf *b, const GdRule *rule, const GdCell *cells, const int *terms,
		  int n, unsigned fmt, GdSum sum, bool with_blanks)
{
	char		label[384];
	char		num[48];
	int			shown = 0;
	int			zeros = 0;

	for (int i = 0; i < n; i++)
	{
		const GdCell *c = &cells[terms[i]];

		/* in long sums, zeros are left out; the sum is still shown */
		if (n > 3 && !c->isnull && c->value == 0)
		{
			zeros++;
			continue;
		}
		if (c->isnull && !with_blanks)
			continue;
		term_label(rule, terms[i], fmt, label, sizeof(label));
		if (c->isnull)
			bprintf(b, "%s%s (blank)", shown ? " + " : "", label);
		else
			bprintf(b, "%s%s %" PRId64, shown ? " + " : "", label, c->value);
		shown++;
	}
	if (shown == 0)
		bprintf(b, "all %d %s 0", n,
				rule->shape == GD_RULE_PER_COLUMN ? "rows" : "columns");
	else if (zeros > 0)
		bprintf(b, " (other %s 0)",
				rule->shape == GD_RULE_PER_COLUMN ? "rows" : "columns");
	if (n > 1)
		bprintf(b, " = %s", gd_sum_to_string(sum, num));
}

static const char *
format_label(unsigned fmt)
{
	return fmt == GD_FMT_2019 ? "2019 trial" : "2021";
}

void
gd_finding_message(const GdFinding *f, const GdCell *cells, unsigned fmt,
				   const char *format_text, char *buf, size_t buflen)
{
	const GdLayout *L = gd_layout();
	const GdRule *rule = &gd_rules[f->rule];
	Buf			b = {buf, 0, buflen, false};
	char		label[512];
	unsigned	lfmt = fmt ? fmt : GD_FMT_2021;

	buf[0] = '\0';
	if (f->equation >= 0)
	{
		int			neq;
		const GdEquation *eq = &gd_equations(fmt, &neq)[f->equation];

		if (f->severity == GD_SEV_UNASSESSABLE)
		{
			int			k = 0;

			bprintf(&b, "%s: cannot be checked, because ", eq->scope);
			for (int i = 0; i < eq->nexpected + eq->nactual; i++)
			{
				int			leaf = i < eq->nexpected ? eq->expected[i] :
					eq->actual[i - eq->nexpected];

				if (!cells[leaf].isnull)
					continue;
				gd_node_label(L->leaf_node[leaf], lfmt, true, label, sizeof(label));
				bprintf(&b, "%s%s", k++ ? ", " : "", label);
			}
			bprintf(&b, " %s blank.", k == 1 ? "is" : "are");
			return;
		}
		bprintf(&b, "%s: ", eq->scope);
		if (rule->shape == GD_RULE_AT_LEAST)
		{
			term_label(rule, eq->actual[0], fmt, label, sizeof(label));
			bprintf(&b, "%s %" PRId64, label, cells[eq->actual[0]].value);
			term_label(rule, eq->expected[0], fmt, label, sizeof(label));
			bprintf(&b, " is less than %s %" PRId64 ".", label, cells[eq->expected[0]].value);
			return;
		}
		side_text(&b, rule, cells, eq->expected, eq->nexpected, fmt, f->expected, false);
		bprintf(&b, ", but ");
		side_text(&b, rule, cells, eq->actual, eq->nactual, fmt, f->actual, false);
		bprintf(&b, ".");
		return;
	}

	if (f->rule == GD_RULE_FORMAT_FIELDS)
	{
		if (fmt == 0)
		{
			if (format_text == NULL)
				bprintf(&b, "The report's format is missing; it must be 2019 or 2021.");
			else
				bprintf(&b, "Format \"%.*s\" is unknown; it must be 2019 or 2021.",
						gd_utf8_clip_len(format_text, (int) strlen(format_text), 40), format_text);
			return;
		}
		bprintf(&b, "A %s-format report fills %" PRIu64 " cell%s of the other format: ",
				gd_format_name(fmt), f->actual.lo, f->actual.lo == 1 ? "" : "s");
		for (int leaf = 0, k = 0; leaf < L->nleaves; leaf++)
		{
			const GdNode *node = &L->nodes[L->leaf_node[leaf]];

			if (cells[leaf].isnull || gd_node_in_format(node, fmt))
				continue;
			if (k == 5)
			{
				bprintf(&b, ", …");
				break;
			}
			gd_node_label(L->leaf_node[leaf], fmt == GD_FMT_2019 ? GD_FMT_2021 : GD_FMT_2019,
						  true, label, sizeof(label));
			bprintf(&b, "%s%s (%s)", k++ ? ", " : "", label, node->path);
		}
		bprintf(&b, ".");
		return;
	}

	gd_node_label(L->leaf_node[f->leaf], lfmt, true, label, sizeof(label));
	if (f->rule == GD_RULE_NONNEGATIVE)
	{
		if (!f->has_figures)
			bprintf(&b, "%s (%s) is not a finite number.", label,
					L->nodes[L->leaf_node[f->leaf]].path);
		else if (cells[f->leaf].text)
			bprintf(&b, "%s (%s) is %s, but it cannot be negative.", label,
					L->nodes[L->leaf_node[f->leaf]].path, cells[f->leaf].text);
		else
			bprintf(&b, "%s (%s) is %" PRId64 ", but it cannot be negative.", label,
					L->nodes[L->leaf_node[f->leaf]].path, cells[f->leaf].value);
		return;
	}
	if (f->rule == GD_RULE_REQUIRED_CELLS)
	{
		bprintf(&b, "%s (%s) is blank in this %s-format report.", label,
				L->nodes[L->leaf_node[f->leaf]].path, format_label(fmt));
		return;
	}
	bprintf(&b, "%s: %s.", rule->id, label);
}

void
gd_finding_summary(const GdFinding *f, const GdCell *cells, unsigned fmt,
				   const char *format_text, char *buf, size_t buflen)
{
	const GdLayout *L = gd_layout();
	const GdRule *rule = &gd_rules[f->rule];
	Buf			b = {buf, 0, buflen, false};
	char		label[512];
	char		n1[48],
				n2[48];
	unsigned	lfmt = fmt ? fmt : GD_FMT_2021;

	buf[0] = '\0';
	if (f->equation >= 0)
	{
		int			neq;
		const GdEquation *eq = &gd_equations(fmt, &neq)[f->equation];

		if (f->severity == GD_SEV_UNASSESSABLE)
			bprintf(&b, "%s in %s cannot be checked because a cell is blank",
					rule->id, eq->scope);
		else
			bprintf(&b, "%s in %s: expected %s, found %s", rule->id, eq->scope,
					gd_sum_to_string(f->expected, n1), gd_sum_to_string(f->actual, n2));
		return;
	}
	if (f->rule == GD_RULE_FORMAT_FIELDS)
	{
		if (fmt == 0 && format_text == NULL)
			bprintf(&b, "format_fields: the format is missing");
		else if (fmt == 0)
			bprintf(&b, "format_fields: unknown format \"%.*s\"",
					gd_utf8_clip_len(format_text, (int) strlen(format_text), 40), format_text);
		else
			bprintf(&b, "format_fields: a %s-format report fills %" PRIu64
					" cell%s of the other format", gd_format_name(fmt), f->actual.lo,
					f->actual.lo == 1 ? "" : "s");
		return;
	}
	gd_node_label(L->leaf_node[f->leaf], lfmt, true, label, sizeof(label));
	if (f->rule == GD_RULE_NONNEGATIVE)
	{
		if (f->has_figures && cells[f->leaf].text)
			bprintf(&b, "nonnegative in %s: %s is negative", label,
					cells[f->leaf].text);
		else if (f->has_figures)
			bprintf(&b, "nonnegative in %s: %" PRId64 " is negative", label,
					cells[f->leaf].value);
		else
			bprintf(&b, "nonnegative in %s: not a finite number", label);
	}
	else if (f->rule == GD_RULE_REQUIRED_CELLS)
		bprintf(&b, "required_cells: %s is blank", label);
	else
		bprintf(&b, "%s in %s", rule->id, label);
}
