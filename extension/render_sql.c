/*-------------------------------------------------------------------------
 *
 * render_sql.c
 *	  render_report(report, style): the SQL face of the renderer.
 *
 * Deforms the report with report.c, prints each leaf as text (counts in
 * decimal, amounts exactly as numeric_out writes them, text converted to
 * UTF-8), and hands the leaves to the plain-C renderer in render.c.
 *
 * extension/render_sql.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "fmgr.h"
#include "lib/stringinfo.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/memutils.h"
#include "utils/numeric.h"

#include "message.h"
#include "render.h"
#include "report.h"

PG_FUNCTION_INFO_V1(render_report);

/* Everything one call needs, kept in the access structure's scratch space. */
typedef struct RenderScratch
{
	GdValues	values;
	const char *text[GD_MAX_LEAVES];
	size_t		len[GD_MAX_LEAVES];
	char		digits[GD_MAX_LEAVES][MAXINT8LEN + 1];
} RenderScratch;

/* GdBuf grow callback: palloc/repalloc in the current memory context. */
static void *
render_grow(void *ptr, size_t size, void *arg)
{
	CHECK_FOR_INTERRUPTS();
	return ptr ? repalloc(ptr, size) : palloc(size);
}

/* The styles, for the hint: 'markdown', 'html' and 'text'. */
static char *
style_list(void)
{
	StringInfoData s;

	initStringInfo(&s);
	for (int i = 0; i < GD_NSTYLES; i++)
		appendStringInfo(&s, "%s'%s'", i == 0 ? "" :
						 i + 1 == GD_NSTYLES ? " and " : ", ", gd_style_names[i]);
	return s.data;
}

static void
render_error(GdRenderError err, int leaf, const RenderScratch *rs)
{
	const GdLayout *L = gd_layout();
	int			fl = L->leaf_format;
	char	   *fmt = rs->text[fl] ? pnstrdup(rs->text[fl], rs->len[fl]) : NULL;

	switch (err)
	{
		case GD_RENDER_OK:
			return;
		case GD_RENDER_NO_FORMAT:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("cannot render a report whose format is NULL"),
					 errdetail("The official tables of the 2019 and 2021 formats differ, so field \"format\" must be '2019' or '2021'.")));
			break;
		case GD_RENDER_BAD_FORMAT:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("cannot render a report of unknown format \"%s\"",
							gd_clip(fmt, strlen(fmt))),
					 errdetail("The official tables of the 2019 and 2021 formats differ, so field \"format\" must be '2019' or '2021'.")));
			break;
		case GD_RENDER_FOREIGN_CELL:
			{
				char		label[512];
				unsigned	other = gd_format_mask(fmt, strlen(fmt)) == GD_FMT_2019 ?
					GD_FMT_2021 : GD_FMT_2019;

				gd_node_label(L->leaf_node[leaf], other, false, label, sizeof(label));
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("cannot render cell \"%s\" in a report of the %s format",
								L->nodes[L->leaf_node[leaf]].path, fmt),
						 errdetail("The %s tables have no place for %s, a cell of the %s format; rendering would drop its value.",
								   fmt, label, gd_format_name(other)),
						 errhint("Set the cells of the other format to NULL, or correct field \"format\".")));
			}
			break;
		case GD_RENDER_BAD_UTF8:
			ereport(ERROR,
					(errcode(ERRCODE_CHARACTER_NOT_IN_REPERTOIRE),
					 errmsg("field \"%s\" of the report is not valid UTF-8",
							L->nodes[L->leaf_node[leaf]].path)));
			break;
		case GD_RENDER_NO_MEMORY:
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("rendered report exceeds the maximum text size of %zu bytes",
							(size_t) (MaxAllocSize - VARHDRSZ))));
			break;
		case GD_RENDER_LAYOUT:
			elog(ERROR, "the layout of a table does not fit the renderer's grid");
			break;
		case GD_RENDER_BAD_NUMBER:
			elog(ERROR, "field \"%s\" of the report does not print as a number",
				 L->nodes[L->leaf_node[leaf]].path);
			break;
	}
}

/*
 * render_report(report, style text) returns text
 *
 * The report in the official layout, as 'markdown', 'html' or 'text'.
 */
Datum
render_report(PG_FUNCTION_ARGS)
{
	HeapTupleHeader rec = PG_GETARG_HEAPTUPLEHEADER(0);
	text	   *style_text = PG_GETARG_TEXT_PP(1);
	const GdLayout *L = gd_layout();
	bool		utf8 = GetDatabaseEncoding() == PG_UTF8;
	GdStyle		style;
	GdAccess   *a;
	RenderScratch *rs;
	GdBuf		out;
	GdRenderError err;
	int			bad_leaf;
	size_t		estimate;
	text	   *result;

	if (!gd_style_from_name(VARDATA_ANY(style_text), VARSIZE_ANY_EXHDR(style_text),
							&style))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown render style \"%s\"",
						gd_clip(VARDATA_ANY(style_text), VARSIZE_ANY_EXHDR(style_text))),
				 errhint("The styles are %s.", style_list())));

	a = gd_access_fn(fcinfo, HeapTupleHeaderGetTypeId(rec));
	rs = gd_access_scratch(a, sizeof(RenderScratch));
	gd_report_deform(a, rec, &rs->values);

	estimate = style == GD_STYLE_HTML ? 24 * 1024 : 8 * 1024;
	for (int leaf = 0; leaf < L->nleaves; leaf++)
	{
		Datum		d = rs->values.values[leaf];

		if (rs->values.isnull[leaf])
		{
			rs->text[leaf] = NULL;
			rs->len[leaf] = 0;
			continue;
		}
		switch (L->nodes[L->leaf_node[leaf]].field->kind)
		{
			case GD_INT8:
				rs->len[leaf] = pg_lltoa(DatumGetInt64(d), rs->digits[leaf]);
				rs->text[leaf] = rs->digits[leaf];
				break;
			case GD_INT4:
				rs->len[leaf] = pg_ltoa(DatumGetInt32(d), rs->digits[leaf]);
				rs->text[leaf] = rs->digits[leaf];
				break;
			case GD_NUMERIC:
				rs->text[leaf] = DatumGetCString(DirectFunctionCall1(numeric_out, d));
				rs->len[leaf] = strlen(rs->text[leaf]);
				break;
			case GD_TEXT:
				{
					text	   *t = DatumGetTextPP(d);
					int			n = VARSIZE_ANY_EXHDR(t);
					const char *s = VARDATA_ANY(t);

					if (!utf8)
					{
						s = pg_server_to_any(s, n, PG_UTF8);
						if (s != VARDATA_ANY(t))
							n = strlen(s);
					}
					rs->text[leaf] = s;
					rs->len[leaf] = n;
					estimate += n + n / 4;
				}
				break;
			case GD_ROW:
				elog(ERROR, "report leaf %d is a row", leaf);
				break;
		}
	}

	gd_buf_init(&out, VARHDRSZ, estimate, MaxAllocSize - 1, render_grow, NULL);
	err = gd_render(rs->text, rs->len, style, &out, &bad_leaf);
	if (err != GD_RENDER_OK)
		render_error(err, bad_leaf, rs);

	if (utf8)
	{
		result = (text *) out.data;
		SET_VARSIZE(result, out.len);
	}
	else
	{
		const char *body;
		int			n = out.len - VARHDRSZ;
		char	   *conv;

		gd_buf_put(&out, "", 1);	/* a terminating NUL */
		if (out.failed)
			render_error(GD_RENDER_NO_MEMORY, -1, rs);
		body = out.data + VARHDRSZ;
		conv = pg_any_to_server(body, n, PG_UTF8);
		result = cstring_to_text_with_len(conv, conv == body ? n : (int) strlen(conv));
	}
	PG_RETURN_TEXT_P(result);
}
