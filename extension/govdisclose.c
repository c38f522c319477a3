/*-------------------------------------------------------------------------
 *
 * govdisclose.c
 *	  Module entry, and the layout and rules as SQL-visible tables.
 *
 * extension/govdisclose.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"

#include "layout.h"
#include "rules.h"

PG_MODULE_MAGIC;

PG_FUNCTION_INFO_V1(layout_cells);
PG_FUNCTION_INFO_V1(layout_rules);
PG_FUNCTION_INFO_V1(layout_equations);

static const char *
kind_name(const GdNode *n)
{
	switch (n->field->kind)
	{
		case GD_TEXT:
			return "text";
		case GD_INT4:
			return "integer";
		case GD_INT8:
			return (n->flags & GD_SIGNED) ? "signed count" : "count";
		case GD_NUMERIC:
			return "amount";
		case GD_ROW:
			break;
	}
	return "row";
}

static Datum
text_or_null(const char *s, bool *isnull)
{
	*isnull = (s == NULL || s[0] == '\0');
	return *isnull ? (Datum) 0 : CStringGetTextDatum(s);
}

/*
 * layout_cells() returns SETOF record: the rows of view govdisclose.layout
 *
 * One row per cell of each format, in the order of the report.
 */
Datum
layout_cells(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	const GdLayout *L = gd_layout();
	static const unsigned formats[2] = {GD_FMT_2019, GD_FMT_2021};

	InitMaterializedSRF(fcinfo, 0);
	for (int f = 0; f < 2; f++)
	{
		int			position = 0;

		for (int leaf = 0; leaf < L->nleaves; leaf++)
		{
			const GdNode *n = &L->nodes[L->leaf_node[leaf]];
			const GdNode *row = n->depth >= 2 ? &L->nodes[n->parent] : NULL;
			Datum		values[11];
			bool		nulls[11];
			char		label[512],
						rowlabel[256],
						collabel[128];
			bool		required;

			if (!gd_node_in_format(n, formats[f]))
				continue;
			position++;
			gd_node_label(L->leaf_node[leaf], formats[f], false, label, sizeof(label));
			gd_node_label_parts(L->leaf_node[leaf], formats[f], false,
								rowlabel, sizeof(rowlabel), collabel, sizeof(collabel));
			required = !(n->flags & GD_OPTIONAL) &&
				((n->section >= 2 && n->section <= 4) ||
				 leaf == L->leaf_agency || leaf == L->leaf_year);

			values[0] = CStringGetTextDatum(gd_format_name(formats[f]));
			nulls[0] = false;
			values[1] = text_or_null(n->section ? gd_sections[n->section - 1].heading : NULL,
									 &nulls[1]);
			values[2] = CStringGetTextDatum(n->path);
			nulls[2] = false;
			values[3] = CStringGetTextDatum(label);
			nulls[3] = false;
			values[4] = text_or_null(rowlabel, &nulls[4]);
			values[5] = text_or_null(collabel, &nulls[5]);
			values[6] = text_or_null(row && row->field->heading ? row->field->heading :
									 (row && row->parent > 0 &&
									  L->nodes[row->parent].field->heading ?
									  L->nodes[row->parent].field->heading : NULL),
									 &nulls[6]);
			values[7] = CStringGetTextDatum(kind_name(n));
			nulls[7] = false;
			values[8] = BoolGetDatum(required);
			nulls[8] = false;
			values[9] = Int32GetDatum(position);
			nulls[9] = false;
			values[10] = Int32GetDatum(leaf + 1);
			nulls[10] = false;
			tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		}
	}
	return (Datum) 0;
}

/*
 * layout_rules() returns SETOF record: the rows of view govdisclose.rules
 */
Datum
layout_rules(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;

	InitMaterializedSRF(fcinfo, 0);
	for (int r = 0; r < gd_nrules; r++)
	{
		const GdRule *rule = &gd_rules[r];
		Datum		values[6];
		bool		nulls[6] = {false, false, false, false, false, false};
		Datum		fmts[2];
		int			nf = 0;
		static const char *const scopes[] = {
			"each column", "each row or group", "each cell", "whole report", "each row"
		};

		if (rule->formats & GD_FMT_2019)
			fmts[nf++] = CStringGetTextDatum("2019");
		if (rule->formats & GD_FMT_2021)
			fmts[nf++] = CStringGetTextDatum("2021");
		values[0] = CStringGetTextDatum(rule->id);
		values[1] = CStringGetTextDatum(gd_severity_names[rule->severity]);
		values[2] = CStringGetTextDatum(scopes[rule->shape]);
		values[3] = PointerGetDatum(construct_array(fmts, nf, TEXTOID, -1, false,
													TYPALIGN_INT));
		values[4] = CStringGetTextDatum(rule->statement);
		values[5] = CStringGetTextDatum(rule->description);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}

static Datum
leaf_paths(const int *leaves, int n)
{
	const GdLayout *L = gd_layout();
	Datum	   *paths = palloc(sizeof(Datum) * Max(n, 1));

	for (int i = 0; i < n; i++)
		paths[i] = CStringGetTextDatum(L->nodes[L->leaf_node[leaves[i]]].path);
	return PointerGetDatum(construct_array(paths, n, TEXTOID, -1, false, TYPALIGN_INT));
}

/*
 * layout_equations() returns SETOF record: the rows of view
 * govdisclose.equations, every equation of every rule expanded over the
 * cells of each format (sum of expected = sum of actual)
 */
Datum
layout_equations(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	static const unsigned formats[2] = {GD_FMT_2019, GD_FMT_2021};

	InitMaterializedSRF(fcinfo, 0);
	for (int f = 0; f < 2; f++)
	{
		int			n;
		const GdEquation *eqs = gd_equations(formats[f], &n);

		for (int e = 0; e < n; e++)
		{
			Datum		values[6];
			bool		nulls[6] = {false, false, false, false, false, false};

			values[0] = CStringGetTextDatum(gd_rules[eqs[e].rule].id);
			values[1] = CStringGetTextDatum(gd_format_name(formats[f]));
			values[2] = CStringGetTextDatum(eqs[e].scope);
			values[3] = leaf_paths(eqs[e].expected, eqs[e].nexpected);
			values[4] = leaf_paths(eqs[e].actual, eqs[e].nactual);
			values[5] = CStringGetTextDatum(gd_rules[eqs[e].rule].severity == GD_SEV_WARNING ?
											">=" : "=");
			tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		}
	}
	return (Datum) 0;
}
