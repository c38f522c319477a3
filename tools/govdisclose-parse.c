/*-------------------------------------------------------------------------
 *
 * govdisclose-parse.c
 *	  Command-line front end of the parser core: govdisclose-parse FILE...
 *
 * For every file, prints the canonical JSON of the parsed report on one
 * line of standard output (the shape to_jsonb(govdisclose.report) gives:
 * every key of the layout, in order, nulls included) and the parser's
 * notes on standard error.  A file that holds no annual report prints no
 * line; its reason goes to standard error.  With --copy each line is
 * "file<TAB>json" in PostgreSQL's COPY text format.
 *
 * Exit status: 0 when every file was read as a report, 1 when some were
 * refused, 2 on a usage or read error.
 *
 * No PostgreSQL headers: this links layout.c, rules.c, fold.c, parse.c and
 * render.c (gd_unescape, for the escaped values of rendered reports).
 *
 * tools/govdisclose-parse.c
 *
 *-------------------------------------------------------------------------
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <unistd.h>

#include "layout.h"
#include "parse.h"

typedef struct Out
{
	char	   *s;
	size_t		len;
	size_t		cap;
} Out;

static void
out_add(Out *o, const char *s, size_t n)
{
	if (o->len + n + 1 > o->cap)
	{
		size_t		cap = o->cap ? o->cap * 2 : 8192;

		while (cap < o->len + n + 1)
			cap *= 2;
		o->s = realloc(o->s, cap);
		if (o->s == NULL)
		{
			fprintf(stderr, "govdisclose-parse: out of memory\n");
			exit(2);
		}
		o->cap = cap;
	}
	memcpy(o->s + o->len, s, n);
	o->len += n;
	o->s[o->len] = '\0';
}

static void
out_str(Out *o, const char *s)
{
	out_add(o, s, strlen(s));
}

/*
 * Append s escaped: as a JSON string (the escapes of PostgreSQL's jsonb
 * output), or as a field of COPY's text format.
 */
static void
out_escaped(Out *o, const char *s, size_t n, bool json)
{
	if (json)
		out_add(o, "\"", 1);
	for (size_t i = 0; i < n; i++)
	{
		unsigned char c = (unsigned char) s[i];
		const char *esc = NULL;
		char		buf[8];

		switch (c)
		{
			case '"':
				esc = json ? "\\\"" : NULL;
				break;
			case '\\':
				esc = "\\\\";
				break;
			case '\b':
				esc = json ? "\\b" : NULL;
				break;
			case '\f':
				esc = json ? "\\f" : NULL;
				break;
			case '\n':
				esc = "\\n";
				break;
			case '\r':
				esc = "\\r";
				break;
			case '\t':
				esc = "\\t";
				break;
			default:
				if (json && c < 0x20)
				{
					snprintf(buf, sizeof(buf), "\\u%04x", c);
					esc = buf;
				}
		}
		if (esc)
			out_str(o, esc);
		else
			out_add(o, (const char *) &s[i], 1);
	}
	if (json)
		out_add(o, "\"", 1);
}

static void
out_json_string(Out *o, const char *s, size_t n)
{
	out_escaped(o, s, n, true);
}

/* The object of layout node `node`, recursively. */
static void
out_node(Out *o, const GdLayout *L, int node, const GdParseResult *r)
{
	const GdNode *n = &L->nodes[node];
	bool		first = true;

	out_add(o, "{", 1);
	for (int i = node + 1; i < L->nnodes && L->nodes[i].depth > n->depth; i++)
	{
		const GdNode *c = &L->nodes[i];

		if (c->parent != node)
			continue;
		if (!first)
			out_add(o, ", ", 2);
		first = false;
		out_json_string(o, c->field->key, strlen(c->field->key));
		out_add(o, ": ", 2);
		if (c->leaf < 0)
			out_node(o, L, i, r);
		else
		{
			const GdParsedValue *v = &r->values[c->leaf];
			char		buf[32];

			switch (v->kind)
			{
				case GD_V_NULL:
					out_str(o, "null");
					break;
				case GD_V_INT:
					snprintf(buf, sizeof(buf), "%" PRId64, v->ival);
					out_str(o, buf);
					break;
				case GD_V_NUMERIC:
					out_add(o, v->str, v->len);
					break;
				case GD_V_TEXT:
					out_json_string(o, v->str, v->len);
					break;
			}
		}
	}
	out_add(o, "}", 1);
}

static char *
read_all(const char *path, size_t *len)
{
	FILE	   *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	char	   *buf = NULL;
	size_t		cap = 0,
				n = 0;

	if (f == NULL)
		return NULL;
	for (;;)
	{
		size_t		got;

		if (n + 65536 > cap)
		{
			cap = cap ? cap * 2 : 65536;
			buf = realloc(buf, cap);
			if (buf == NULL)
			{
				fprintf(stderr, "govdisclose-parse: out of memory reading %s\n", path);
				exit(2);
			}
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(f))
	{
		if (f != stdin)
			fclose(f);
		free(buf);
		return NULL;
	}
	if (f != stdin)
		fclose(f);
	*len = n;
	return buf ? buf : calloc(1, 1);
}

static void
usage(void)
{
	fprintf(stderr,
			"Usage: govdisclose-parse [-q] [--copy] FILE...\n"
			"Reads the text of published 政府信息公开工作年度报告 and prints, for each FILE\n"
			"(\"-\" is standard input), the report as canonical JSON on one line.\n"
			"  -q        do not print the parser's notes\n"
			"  --copy    print \"FILE<TAB>JSON\" lines in COPY text format\n"
			"Notes, refusals, progress and a summary go to standard error.\n");
}

int
main(int argc, char **argv)
{
	const GdLayout *L = gd_layout();
	bool		quiet = false,
				copy = false;
	int			nfiles = 0,
				first_file = 0;
	long		files_read = 0,
				refused = 0,
				cells = 0,
				repairs = 0,
				errors = 0;
	bool		progress = isatty(2);
	Out			o = {NULL, 0, 0};

#ifdef __GLIBC__
	/* keep freed memory for the next file instead of returning it */
	mallopt(M_TRIM_THRESHOLD, 256 * 1024 * 1024);
	mallopt(M_MMAP_THRESHOLD, 64 * 1024 * 1024);
#endif
	for (int i = 1; i < argc; i++)
	{
		if (strcmp(argv[i], "-q") == 0)
			quiet = true;
		else if (strcmp(argv[i], "--copy") == 0)
			copy = true;
		else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0)
		{
			usage();
			return 0;
		}
		else if (strcmp(argv[i], "--") == 0)
		{
			first_file = i + 1;
			break;
		}
		else if (argv[i][0] == '-' && argv[i][1] != '\0')
		{
			fprintf(stderr, "govdisclose-parse: unknown option %s\n", argv[i]);
			usage();
			return 2;
		}
		else
		{
			first_file = i;
			break;
		}
	}
	if (first_file == 0 || first_file >= argc)
	{
		usage();
		return 2;
	}
	nfiles = argc - first_file;
	for (int i = first_file; i < argc; i++)
	{
		const char *path = argv[i];
		size_t		len = 0;
		char	   *text = read_all(path, &len);
		GdParseResult res;

		if (progress)
			fprintf(stderr, "\r\033[K[%d/%d] %s", i - first_file + 1, nfiles, path);
		if (text == NULL)
		{
			if (progress)
				fputc('\n', stderr);
			fprintf(stderr, "govdisclose-parse: cannot read %s: %s\n", path, strerror(errno));
			errors++;
			continue;
		}
		files_read++;
		gd_parse(text, len, NULL, &res);
		if (progress && (!quiet || !res.is_report))
			fprintf(stderr, "\r\033[K");
		if (!res.is_report)
		{
			fprintf(stderr, "%s: not an annual report: %s\n", path, res.refusal);
			refused++;
		}
		else
		{
			o.len = 0;
			if (copy)
			{
				Out			j = {NULL, 0, 0};

				out_escaped(&o, path, strlen(path), false);
				out_add(&o, "\t", 1);
				out_node(&j, L, 0, &res);
				out_escaped(&o, j.s, j.len, false);
				free(j.s);
			}
			else
				out_node(&o, L, 0, &res);
			out_add(&o, "\n", 1);
			fwrite(o.s, 1, o.len, stdout);
			cells += res.cells_filled;
			repairs += res.repairs;
			if (!quiet)
				for (int k = 0; k < res.nnotes; k++)
					fprintf(stderr, "%s:%d: %s%s%s: %s\n", path, res.notes[k].line,
							gd_note_kind_name(res.notes[k].kind),
							res.notes[k].key_path ? " " : "",
							res.notes[k].key_path ? res.notes[k].key_path : "",
							res.notes[k].text);
		}
		gd_parse_free(&res, NULL);
		free(text);
	}
	if (progress)
		fprintf(stderr, "\r\033[K");
	fflush(stdout);
	fprintf(stderr, "govdisclose-parse: %ld file%s read, %ld cell%s filled, %ld repair%s, %ld file%s refused%s\n",
			files_read, files_read == 1 ? "" : "s", cells, cells == 1 ? "" : "s",
			repairs, repairs == 1 ? "" : "s", refused, refused == 1 ? "" : "s",
			errors ? ", some files could not be read" : "");
	free(o.s);
	if (errors)
		return 2;
	return refused ? 1 : 0;
}
