/*-------------------------------------------------------------------------
 *
 * roundtrip_fuzzer.c
 *	  libFuzzer harness of the round trip parse(render(r)) = r
 *	  (docs/render.md, "Round trip"): the input is a report's canonical
 *	  JSON, read by report_json.c; the report is rendered (render.c) in a
 *	  style chosen from the input and parsed back (parse.c), and every
 *	  leaf must come back exactly.
 *
 * The round trip holds for the reports docs/render.md describes; before
 * rendering, whatever lies outside that domain is blanked, so that the
 * property is exact on everything else:
 *	- a report whose format is neither 2019 nor 2021 is skipped, and
 *	  cells of the other format are blanked;
 *	- a year outside 1990-2100, a 2019 procurement unit other than
 *	  元/万元, an amount of more than GD_PARSE_NUMBER_DIGITS digits.
 * Agencies are kept whatever they hold (render_report escapes the ones a
 * reader of titles would misread).
 * Narratives are kept whatever they hold: control characters, markup,
 * headings, backslashes, invalid-looking escapes must all come back.
 *
 * fuzz/roundtrip_fuzzer.c
 *
 *-------------------------------------------------------------------------
 */
#include <inttypes.h>

#include "fold.h"
#include "fuzz_common.h"
#include "layout.h"
#include "parse.h"
#include "render.h"
#include "report_json.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t
digits_in(const char *s, size_t len)
{
	size_t		n = 0;

	for (size_t i = 0; i < len; i++)
		n += (s[i] >= '0' && s[i] <= '9');
	return n;
}

static bool
unit_known(const char *s, size_t len)
{
	for (int u = 0; u < gd_namount_units; u++)
		if (strlen(gd_amount_units[u].label) == len &&
			memcmp(gd_amount_units[u].label, s, len) == 0)
			return true;
	return false;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const GdLayout *L = gd_layout();
	GdJsonReport rep;
	const char *value[256];
	size_t		len[256];
	unsigned	format;
	GdStyle		style;
	GdBuf		out;
	GdParseResult res;
	GdRenderError err;
	int			bad = -1;

	if (!gd_json_read_report((const char *) data, size, &rep))
	{
		gd_json_report_free(&rep);
		return 0;
	}
	format = rep.value[L->leaf_format] ?
		gd_format_mask(rep.value[L->leaf_format], rep.len[L->leaf_format]) : 0;
	if (format != GD_FMT_2019 && format != GD_FMT_2021)
	{
		gd_json_report_free(&rep);
		return 0;
	}

	/* the report, with what lies outside the round trip's domain blanked */
	for (int l = 0; l < L->nleaves; l++)
	{
		const GdNode *n = &L->nodes[L->leaf_node[l]];
		const char *v = rep.value[l];
		size_t		vl = rep.len[l];

		value[l] = v;
		len[l] = vl;
		if (v == NULL)
			continue;
		if (!gd_node_in_format(n, format) ||
			(l == L->leaf_year && (strtoll(v, NULL, 10) < 1990 || strtoll(v, NULL, 10) > 2100)) ||
			((n->field->flags & GD_UNIT) && !unit_known(v, vl)) ||
			(n->field->kind == GD_NUMERIC && digits_in(v, vl) > GD_PARSE_NUMBER_DIGITS))
		{
			value[l] = NULL;
			len[l] = 0;
		}
	}

	style = (GdStyle) fuzz_pick(data, size, GD_NSTYLES);
	gd_buf_init(&out, 0, 4096, 0, fuzz_grow, NULL);
	err = gd_render(value, len, style, &out, &bad);
	PROPERTY(err == GD_RENDER_OK, "render error %d at leaf %d", (int) err, bad);
	PROPERTY(gd_parse(out.data, out.len, NULL, &res),
			 "the rendered report (%s) is not read as a report: %s",
			 gd_style_names[style], res.refusal);
	for (int l = 0; l < L->nleaves; l++)
	{
		const GdParsedValue *pv = &res.values[l];
		char		buf[32];
		const char *got = NULL;
		size_t		gl = 0;

		if (pv->kind == GD_V_INT)
		{
			gl = snprintf(buf, sizeof(buf), "%" PRId64, pv->ival);
			got = buf;
		}
		else if (pv->kind != GD_V_NULL)
		{
			got = pv->str;
			gl = pv->len;
		}
		PROPERTY((value[l] == NULL) == (got == NULL) &&
				 (got == NULL || (gl == len[l] && memcmp(got, value[l], gl) == 0)),
				 "%s (%s): wrote [%.*s], read [%.*s]\n---- rendered ----\n%.*s",
				 L->nodes[L->leaf_node[l]].path, gd_style_names[style],
				 (int) len[l], value[l] ? value[l] : "NULL",
				 (int) gl, got ? got : "NULL", (int) out.len, out.data);
	}
	gd_parse_free(&res, NULL);
	free(out.data);
	gd_json_report_free(&rep);
	return 0;
}
