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
 * Files are read as UTF-8.  A file that starts with a UTF-16 byte order
 * mark is converted from UTF-16; one that is not valid UTF-8 and is not
 * read as a report is tried as GB18030 (which covers GBK and GB2312, what
 * many saved Chinese pages are in), and is read so if that gives a report,
 * noted.  --encoding ENC converts every file from ENC (any name iconv
 * knows) instead.
 *
 * Exit status: 0 when every file was read as a report, 1 when some were
 * refused, 2 on a usage or read error.
 *
 * With --check, each file is instead read as a report's canonical JSON,
 * by the reader report_from_jsonb uses (report_json.c), and the findings
 * of the rules (rules.c) are printed as violations() gives them.
 *
 * No PostgreSQL headers: this links layout.c, rules.c, fold.c, parse.c,
 * render.c (gd_unescape, for the escaped values of rendered reports),
 * report_json.c and json_text.c (JSON text in and out).
 *
 * tools/govdisclose-parse.c
 *
 *-------------------------------------------------------------------------
 */
#include <errno.h>
#include <iconv.h>
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
#include "utf8.h"
#include "report_json.h"

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

/* Append s as a field of COPY's text format. */
static void
out_copy_field(Out *o, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
	{
		const char *esc = NULL;

		switch (s[i])
		{
			case '\\':
				esc = "\\\\";
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
		}
		if (esc)
			out_str(o, esc);
		else
			out_add(o, &s[i], 1);
	}
}

static void *
grow(void *ptr, size_t size, void *arg)
{
	(void) arg;
	return realloc(ptr, size);
}

/* The canonical JSON of a parsed report (json_text.c writes it). */
static void
out_report(Out *o, const GdLayout *L, const GdParseResult *r)
{
	const char *value[256];
	size_t		len[256];
	char		ints[256][24];
	GdBuf		b;

	for (int l = 0; l < L->nleaves && l < 256; l++)
	{
		const GdParsedValue *v = &r->values[l];

		value[l] = NULL;
		len[l] = 0;
		switch (v->kind)
		{
			case GD_V_NULL:
				break;
			case GD_V_INT:
				len[l] = snprintf(ints[l], sizeof(ints[l]), "%" PRId64, v->ival);
				value[l] = ints[l];
				break;
			case GD_V_NUMERIC:
			case GD_V_TEXT:
				value[l] = v->str;
				len[l] = v->len;
				break;
		}
	}
	gd_buf_init(&b, 0, 8192, 0, grow, NULL);
	gd_json_write_report(value, len, &b);
	if (b.failed)
	{
		fprintf(stderr, "govdisclose-parse: out of memory\n");
		exit(2);
	}
	out_add(o, b.data, b.len);
	free(b.data);
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

/*
 * The len bytes at in, converted from encoding enc to UTF-8 (malloc'd,
 * *outlen bytes), or NULL if enc is unknown.  A byte that is not valid
 * there (or a sequence cut by the end) becomes U+FFFD, as the parser reads
 * an invalid UTF-8 byte; *nbad counts them.
 */
static char *
to_utf8(const char *enc, const char *in, size_t len, size_t *outlen, size_t *nbad)
{
	iconv_t		cd = iconv_open("UTF-8", enc);
	size_t		cap = len * 2 + 16;
	char	   *out;
	char	   *ip = (char *) in,
			   *op;
	size_t		il = len,
				ol;

	if (cd == (iconv_t) -1)
		return NULL;
	out = malloc(cap);
	if (out == NULL)
	{
		fprintf(stderr, "govdisclose-parse: out of memory\n");
		exit(2);
	}
	op = out;
	ol = cap;
	while (il > 0)
	{
		if (iconv(cd, &ip, &il, &op, &ol) != (size_t) -1)
			continue;
		if (errno == E2BIG || ol < 3)
		{
			size_t		used = (size_t) (op - out);

			cap *= 2;
			out = realloc(out, cap);
			if (out == NULL)
			{
				fprintf(stderr, "govdisclose-parse: out of memory\n");
				exit(2);
			}
			op = out + used;
			ol = cap - used;
			continue;
		}
		/* EILSEQ or EINVAL: not text in enc here; U+FFFD, and on */
		memcpy(op, "\xEF\xBF\xBD", 3);
		op += 3;
		ol -= 3;
		ip++;
		il--;
		(*nbad)++;
		iconv(cd, NULL, NULL, NULL, NULL);
	}
	iconv_close(cd);
	*outlen = (size_t) (op - out);
	return out;
}

/* Is the text valid UTF-8? */
static bool
valid_utf8(const char *s, size_t len)
{
	size_t		i = 0;

	while (i < len)
	{
		uint32_t	cp;
		int			k = gd_utf8_decode_strict((const unsigned char *) s + i, len - i, &cp);

		if (k == 0)
			return false;
		i += (size_t) k;
	}
	return true;
}

/*
 * --check: read each file as a report's canonical JSON (what
 * report_from_jsonb reads) and print its findings, as violations() lists
 * them.  Returns the exit status: 0 when every report would pass
 * check_report, 1 when some would not or are not report JSON, 2 when a
 * file cannot be read.
 */
static int
check_files(int nfiles, char **files)
{
	const GdLayout *L = gd_layout();
	static GdFinding findings[GD_MAX_FINDINGS];
	GdCell		cells[256];
	char		msg[4096];
	long		refused = 0,
				errors = 0,
				consistent = 0;

	for (int i = 0; i < nfiles; i++)
	{
		const char *path = files[i];
		size_t		len = 0;
		char	   *text = read_all(path, &len);
		GdJsonReport rep;
		unsigned	mask;
		int			n;

		if (text == NULL)
		{
			fprintf(stderr, "govdisclose-parse: cannot read %s: %s\n", path, strerror(errno));
			errors++;
			continue;
		}
		if (!gd_json_read_report(text, len, &rep))
		{
			fprintf(stderr, "%s: not report JSON: %s%s%s\n", path, rep.message,
					rep.detail[0] ? "\n" : "", rep.detail);
			refused++;
		}
		else
		{
			gd_json_report_cells(&rep, cells);
			n = gd_check(cells, rep.value[L->leaf_format], rep.len[L->leaf_format],
						 findings, &mask);
			for (int k = 0; k < n; k++)
			{
				gd_finding_message(&findings[k], cells, mask, rep.value[L->leaf_format],
								   msg, sizeof(msg));
				printf("%s: %s %s: %s\n", path, gd_rules[findings[k].rule].id,
					   gd_severity_names[findings[k].severity], msg);
			}
			if (gd_first_refusal(findings, n) >= 0)
				refused++;
			else
				consistent++;
			if (!gd_findings_consistent(findings, n))
				fprintf(stderr, "%s: inconsistent\n", path);
		}
		gd_json_report_free(&rep);
		free(text);
	}
	fflush(stdout);
	fprintf(stderr, "govdisclose-parse: %ld report%s complete and consistent, %ld refused%s\n",
			consistent, consistent == 1 ? "" : "s", refused,
			errors ? ", some files could not be read" : "");
	if (errors)
		return 2;
	return refused ? 1 : 0;
}

static void
usage(void)
{
	fprintf(stderr,
			"Usage: govdisclose-parse [-q] [--copy] [--encoding ENC] FILE...\n"
			"       govdisclose-parse --check FILE.json...\n"
			"Reads the text of published 政府信息公开工作年度报告 and prints, for each FILE\n"
			"(\"-\" is standard input), the report as canonical JSON on one line.\n"
			"  -q        do not print the parser's notes\n"
			"  --copy    print \"FILE<TAB>JSON\" lines in COPY text format\n"
			"  --encoding ENC  convert every FILE from ENC (GB18030, GBK, UTF-16, ...);\n"
			"            by default files are UTF-8, UTF-16 with a byte order mark, or\n"
			"            GB18030 where they are not UTF-8 and read as a report only so\n"
			"  --check   read each FILE as a report's canonical JSON, as report_from_jsonb\n"
			"            does, and print every finding of the rules, as violations() does;\n"
			"            exit status 0 when every report is complete and consistent\n"
			"Notes, refusals, progress and a summary go to standard error.\n");
}

int
main(int argc, char **argv)
{
	const GdLayout *L = gd_layout();
	bool		quiet = false,
				copy = false,
				check = false;
	const char *encoding = NULL;
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
		else if (strcmp(argv[i], "--check") == 0)
			check = true;
		else if (strcmp(argv[i], "--encoding") == 0)
		{
			iconv_t		cd;

			if (i + 1 >= argc)
			{
				fprintf(stderr, "govdisclose-parse: --encoding needs an encoding name\n");
				return 2;
			}
			cd = iconv_open("UTF-8", argv[++i]);

			if (cd == (iconv_t) -1)
			{
				fprintf(stderr, "govdisclose-parse: unknown encoding %s\n", argv[i]);
				return 2;
			}
			iconv_close(cd);
			encoding = argv[i];
		}
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
	if (check)
		return check_files(nfiles, argv + first_file);
	for (int i = first_file; i < argc; i++)
	{
		const char *path = argv[i];
		size_t		len = 0;
		char	   *text = read_all(path, &len);
		const char *read_as;
		size_t		nbad = 0;
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
		read_as = NULL;
		if (encoding != NULL ||
			(len >= 2 && ((unsigned char) text[0] == 0xFF && (unsigned char) text[1] == 0xFE)) ||
			(len >= 2 && ((unsigned char) text[0] == 0xFE && (unsigned char) text[1] == 0xFF)))
		{
			const char *from = encoding ? encoding : "UTF-16";
			size_t		clen;
			char	   *conv = to_utf8(from, text, len, &clen, &nbad);

			if (conv == NULL)
			{
				fprintf(stderr, "govdisclose-parse: cannot convert %s from %s\n", path, from);
				exit(2);
			}
			free(text);
			text = conv;
			len = clen;
			read_as = from;
		}
		files_read++;
		gd_parse(text, len, NULL, &res);
		if (!res.is_report && encoding == NULL && read_as == NULL && !valid_utf8(text, len))
		{
			/* GBK and the like: tried only where UTF-8 gives no report */
			size_t		clen,
						bad = 0;
			char	   *conv = to_utf8("GB18030", text, len, &clen, &bad);
			GdParseResult again;

			/* a text of GB18030, a few bad bytes at most (a cut character) */
			if (conv != NULL && bad * 100 > len)
			{
				free(conv);
				conv = NULL;
			}
			if (conv != NULL)
			{
				gd_parse(conv, clen, NULL, &again);
				if (again.is_report)
				{
					gd_parse_free(&res, NULL);
					res = again;
					free(text);
					text = conv;
					len = clen;
					read_as = "GB18030";
					nbad = bad;
				}
				else
				{
					gd_parse_free(&again, NULL);
					free(conv);
				}
			}
		}
		if (progress && (!quiet || !res.is_report))
			fprintf(stderr, "\r\033[K");
		if (!res.is_report)
		{
			fprintf(stderr, "%s: not an annual report: %s%s\n", path, res.refusal,
					read_as == NULL && encoding == NULL && !valid_utf8(text, len) ?
					" The file is not valid UTF-8, and does not read as a report as GB18030 either (--encoding names another)." : "");
			refused++;
		}
		else
		{
			o.len = 0;
			if (copy)
			{
				Out			j = {NULL, 0, 0};

				out_copy_field(&o, path, strlen(path));
				out_add(&o, "\t", 1);
				out_report(&j, L, &res);
				out_copy_field(&o, j.s, j.len);
				free(j.s);
			}
			else
				out_report(&o, L, &res);
			out_add(&o, "\n", 1);
			fwrite(o.s, 1, o.len, stdout);
			cells += res.cells_filled;
			repairs += res.repairs;
			if (!quiet && read_as != NULL && encoding == NULL)
				fprintf(stderr, "%s: info: the file is not UTF-8; read as %s\n", path, read_as);
			if (!quiet && nbad > 0)
				fprintf(stderr, "%s: repaired: %zu byte%s not valid %s read as U+FFFD\n",
						path, nbad, nbad == 1 ? "" : "s", read_as);
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
