/*-------------------------------------------------------------------------
 *
 * seeds.c
 *	  Seed inputs and dictionaries for the fuzzers, made from the layout
 *	  and from generated reports, so that nothing here spells a label.
 *
 *	  seeds dict parse|json		a libFuzzer dictionary on stdout: the
 *								official labels, headings, aliases and
 *								units (parse), or the keys (json)
 *	  seeds split JSONDIR TEXTDIR	reads canonical JSON lines (tools/gen-reports)
 *								on stdin; writes each report to JSONDIR and
 *								its rendering in every style to TEXTDIR
 *
 * fuzz/seeds.c
 *
 *-------------------------------------------------------------------------
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "render.h"
#include "report_json.h"

/* libFuzzer's longest dictionary entry */
#define DICT_MAX 64

static void
dict_word(const char *s)
{
	size_t		n;

	if (s == NULL || (n = strlen(s)) == 0 || n > DICT_MAX)
		return;
	putchar('"');
	for (size_t i = 0; i < n; i++)
	{
		unsigned char c = (unsigned char) s[i];

		if (c == '"' || c == '\\' || c < 0x20 || c >= 0x7F)
			printf("\\x%02X", c);
		else
			putchar(c);
	}
	fputs("\"\n", stdout);
}

static void
dict_parse(void)
{
	const GdLayout *L = gd_layout();

	for (int i = 1; i < L->nnodes; i++)
	{
		const GdField *f = L->nodes[i].field;

		dict_word(f->label);
		dict_word(f->label_2019);
		dict_word(f->short_label);
		dict_word(f->heading);
		dict_word(f->header_group);
		for (int k = 0; f->aliases && f->aliases[k]; k++)
			dict_word(f->aliases[k]);
	}
	for (int s = 0; s < 6; s++)
	{
		dict_word(gd_sections[s].heading);
		dict_word(gd_sections[s].numeral);
	}
	for (int u = 0; u < gd_namount_units; u++)
		dict_word(gd_amount_units[u].label);
	dict_word(gd_requests_note);
	dict_word(gd_requests_header);
	dict_word(gd_proactive_first_column);
	dict_word(gd_title_suffix);
	dict_word(gd_fee_statement_prefix);
	dict_word(gd_fee_statement_suffix);
	dict_word(gd_format_name(GD_FMT_2019));
	dict_word(gd_format_name(GD_FMT_2021));
}

static void
dict_json(void)
{
	const GdLayout *L = gd_layout();
	char		buf[128];

	for (int i = 1; i < L->nnodes; i++)
	{
		snprintf(buf, sizeof(buf), "\"%s\":", L->nodes[i].field->key);
		dict_word(buf);
	}
	dict_word(gd_format_name(GD_FMT_2019));
	dict_word(gd_format_name(GD_FMT_2021));
}

static void *
grow(void *ptr, size_t size, void *arg)
{
	(void) arg;
	return realloc(ptr, size);
}

static void
write_file(const char *path, const char *data, size_t len)
{
	FILE	   *f = fopen(path, "wb");

	if (f == NULL || fwrite(data, 1, len, f) != len || fclose(f) != 0)
	{
		perror(path);
		exit(1);
	}
}

static int
split(const char *jsondir, const char *textdir)
{
	char	   *line = NULL;
	size_t		cap = 0;
	ssize_t		n;
	int			count = 0;

	while ((n = getline(&line, &cap, stdin)) > 0)
	{
		GdJsonReport rep;
		char		path[4096];

		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			n--;
		if (!gd_json_read_report(line, n, &rep))
		{
			fprintf(stderr, "seeds: line %d is not report JSON: %s\n", count + 1, rep.message);
			gd_json_report_free(&rep);
			return 1;
		}
		count++;
		snprintf(path, sizeof(path), "%s/gen-%04d.json", jsondir, count);
		write_file(path, line, n);
		for (int s = 0; s < GD_NSTYLES; s++)
		{
			GdBuf		out;
			int			bad;

			gd_buf_init(&out, 0, 8192, 0, grow, NULL);
			if (gd_render((const char *const *) rep.value, rep.len, (GdStyle) s, &out, &bad) ==
				GD_RENDER_OK)
			{
				snprintf(path, sizeof(path), "%s/gen-%04d-%s.txt", textdir, count,
						 gd_style_names[s]);
				write_file(path, out.data, out.len);
			}
			free(out.data);
		}
		gd_json_report_free(&rep);
	}
	free(line);
	fprintf(stderr, "seeds: %d reports\n", count);
	return 0;
}

int
main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "dict") == 0 && strcmp(argv[2], "parse") == 0)
		dict_parse();
	else if (argc == 3 && strcmp(argv[1], "dict") == 0 && strcmp(argv[2], "json") == 0)
		dict_json();
	else if (argc == 4 && strcmp(argv[1], "split") == 0)
		return split(argv[2], argv[3]);
	else
	{
		fprintf(stderr, "Usage: seeds dict parse|json | seeds split JSONDIR TEXTDIR\n");
		return 2;
	}
	return 0;
}
