/*-------------------------------------------------------------------------
 *
 * json_fuzzer.c
 *	  libFuzzer harness of the JSON-to-report reader (extension/report_json.c,
 *	  the logic of report_from_jsonb), fed by the tokenizer of JSON text
 *	  (extension/json_text.c), and of what runs on the cells it reads: the
 *	  rules (rules.c) with their messages, and the indicators
 *	  (indicators.c).
 *
 * Besides not crashing, leaking, hanging or hitting undefined behaviour,
 * every input must satisfy these properties:
 *
 *	- a refusal is one the SQL function can raise (22P02, 22003) or a
 *	  syntax error of the text, never a token the reader did not expect,
 *	  and its message and detail are UTF-8 (a key quoted in a message is
 *	  cut at a character boundary);
 *	- every value read has the kind of its leaf: a count within its type,
 *	  an amount in numeric_out's form (read back unchanged by numeric_in),
 *	  text in valid UTF-8 without NUL bytes;
 *	- the canonical JSON written from the values reads back to the same
 *	  values and is written again byte for byte;
 *	- the rules' findings have valid rules, cells and UTF-8 messages;
 *	  is_consistent and check_report's first refusal agree with them.
 *
 * fuzz/json_fuzzer.c
 *
 *-------------------------------------------------------------------------
 */
#include <inttypes.h>

#include "fuzz_common.h"
#include "indicators.h"
#include "layout.h"
#include "report_json.h"
#include "rules.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_values(const GdJsonReport *rep)
{
	const GdLayout *L = gd_layout();

	for (int l = 0; l < L->nleaves; l++)
	{
		const GdNode *n = &L->nodes[L->leaf_node[l]];
		const char *v = rep->value[l];
		size_t		len = rep->len[l];
		char	   *end;
		long long	x;

		if (v == NULL)
			continue;
		PROPERTY(v[len] == '\0', "%s: not NUL-terminated", n->path);
		switch (n->field->kind)
		{
			case GD_INT4:
			case GD_INT8:
				x = strtoll(v, &end, 10);
				PROPERTY(*end == '\0' && len > 0 &&
						 (n->field->kind == GD_INT8 || (x >= INT32_MIN && x <= INT32_MAX)),
						 "%s: count \"%s\"", n->path, v);
				break;
			case GD_NUMERIC:
				PROPERTY(fuzz_numeric_text(v, len), "%s: amount \"%s\"", n->path, v);
				break;
			case GD_TEXT:
				PROPERTY(fuzz_utf8_text(v, len), "%s: text not UTF-8", n->path);
				break;
			case GD_ROW:
				PROPERTY(false, "%s: a composite has a value", n->path);
		}
	}
}

static void
check_rewrite(const GdJsonReport *rep)
{
	const GdLayout *L = gd_layout();
	GdBuf		a,
				b;
	GdJsonReport again;

	gd_buf_init(&a, 0, 4096, 0, fuzz_grow, NULL);
	gd_json_write_report((const char *const *) rep->value, rep->len, &a);
	PROPERTY(!a.failed, "writing failed");
	PROPERTY(gd_json_read_report(a.data, a.len, &again), "the written JSON does not read back: %s",
			 again.message);
	for (int l = 0; l < L->nleaves; l++)
		PROPERTY((rep->value[l] == NULL) == (again.value[l] == NULL) &&
				 (rep->value[l] == NULL ||
				  (rep->len[l] == again.len[l] &&
				   memcmp(rep->value[l], again.value[l], rep->len[l]) == 0)),
				 "%s differs after writing and reading", L->nodes[L->leaf_node[l]].path);
	gd_buf_init(&b, 0, 4096, 0, fuzz_grow, NULL);
	gd_json_write_report((const char *const *) again.value, again.len, &b);
	PROPERTY(a.len == b.len && memcmp(a.data, b.data, a.len) == 0,
			 "not written again the same");
	gd_json_report_free(&again);
	free(a.data);
	free(b.data);
}

static void
check_rules(const GdJsonReport *rep)
{
	const GdLayout *L = gd_layout();
	static GdFinding findings[GD_MAX_FINDINGS];
	GdCell		cells[256];
	int			leaves[256];
	char		msg[4096];
	unsigned	mask;
	int			n,
				first;
	bool		has_error = false;
	GdIndicatorValue *ind = malloc(sizeof(GdIndicatorValue) * gd_nindicators);

	gd_json_report_cells(rep, cells);
	n = gd_check(cells, rep->value[L->leaf_format], rep->len[L->leaf_format], findings, &mask);
	PROPERTY(n >= 0 && n <= GD_MAX_FINDINGS, "%d findings", n);
	for (int i = 0; i < n; i++)
	{
		const GdFinding *f = &findings[i];
		int			nc;

		PROPERTY(f->rule >= 0 && f->rule < GD_NRULES, "finding %d: rule %d", i, f->rule);
		PROPERTY(f->severity <= GD_SEV_UNASSESSABLE, "finding %d: severity", i);
		has_error |= f->severity == GD_SEV_ERROR;
		nc = gd_finding_cells(f, cells, mask, leaves, 256);
		PROPERTY(nc >= 0 && nc <= 256, "finding %d: %d cells", i, nc);
		for (int c = 0; c < nc; c++)
			PROPERTY(leaves[c] >= 0 && leaves[c] < L->nleaves, "finding %d: leaf %d", i,
					 leaves[c]);
		gd_finding_message(f, cells, mask, rep->value[L->leaf_format], msg, sizeof(msg));
		PROPERTY(msg[0] != '\0' && fuzz_utf8_cstring(msg), "finding %d: message", i);
		gd_finding_summary(f, cells, mask, rep->value[L->leaf_format], msg, sizeof(msg));
		PROPERTY(msg[0] != '\0' && fuzz_utf8_cstring(msg), "finding %d: summary", i);
	}
	PROPERTY(gd_findings_consistent(findings, n) == !has_error, "is_consistent");
	first = gd_first_refusal(findings, n);
	PROPERTY(first >= -1 && first < n, "first refusal %d of %d", first, n);
	PROPERTY(!has_error || (first >= 0 && findings[first].severity == GD_SEV_ERROR),
			 "check_report would not refuse an inconsistent report");
	if (mask == GD_FMT_2019 || mask == GD_FMT_2021)
		gd_indicators_eval(cells, mask, ind);
	free(ind);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	GdJsonReport rep;

	if (!gd_json_read_report((const char *) data, size, &rep))
	{
		PROPERTY(rep.error == GD_JSON_INVALID || rep.error == GD_JSON_OUT_OF_RANGE ||
				 rep.error == GD_JSON_SYNTAX,
				 "error %d: %s", (int) rep.error, rep.message);
		PROPERTY(rep.message[0] != '\0' && fuzz_utf8_cstring(rep.message),
				 "message not UTF-8");
		PROPERTY(fuzz_utf8_cstring(rep.detail), "detail not UTF-8");
	}
	else
	{
		check_values(&rep);
		check_rewrite(&rep);
		check_rules(&rep);
	}
	gd_json_report_free(&rep);
	return 0;
}
