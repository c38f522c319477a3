/*-------------------------------------------------------------------------
 *
 * parse_bench.c
 *	  Parse throughput of the parser core, against a baseline that only
 *	  splits the same bytes into lines, in the same run, on one core.
 *
 *	  parse_bench MIN_MB FILE...
 *
 * The files are replicated (as separate documents) until they hold at
 * least MIN_MB megabytes.  Every pass reads the same documents in the
 * same order; each is repeated until it has run for a second.  The parser
 * runs twice: with its notes (govdisclose-parse, parse_notes) and without
 * (parse_report, which makes none).
 *
 * bench/parse_bench.c
 *
 *-------------------------------------------------------------------------
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <time.h>

#include "fold.h"
#include "parse.h"

typedef struct Doc
{
	char	   *text;
	size_t		len;
} Doc;

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static char *
slurp(const char *path, size_t *len)
{
	FILE	   *f = fopen(path, "rb");
	char	   *buf;
	long		n;

	if (f == NULL)
	{
		perror(path);
		exit(2);
	}
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t) n + 1);
	if (buf == NULL || fread(buf, 1, (size_t) n, f) != (size_t) n)
	{
		perror(path);
		exit(2);
	}
	fclose(f);
	*len = (size_t) n;
	return buf;
}

static volatile long sink;

int
main(int argc, char **argv)
{
	double		min_mb;
	Doc		   *src,
			   *docs;
	int			nsrc,
				ndocs = 0,
				cap = 1024;
	size_t		total = 0;
	double		t0,
				t_lines,
				t_decode,
				t_parse,
				t_quiet;
	long		reps_lines = 0,
				reps_decode = 0,
				reps_parse = 0,
				reps_quiet = 0,
				cells = 0;

#ifdef __GLIBC__
	/* keep freed memory for the next document instead of returning it */
	mallopt(M_TRIM_THRESHOLD, 256 * 1024 * 1024);
	mallopt(M_MMAP_THRESHOLD, 64 * 1024 * 1024);
#endif
	if (argc < 3)
	{
		fprintf(stderr, "usage: parse_bench MIN_MB FILE...\n");
		return 2;
	}
	min_mb = atof(argv[1]);
	nsrc = argc - 2;
	src = calloc(nsrc, sizeof(Doc));
	for (int i = 0; i < nsrc; i++)
		src[i].text = slurp(argv[i + 2], &src[i].len);
	docs = malloc(sizeof(Doc) * cap);
	while (total < min_mb * 1e6)
		for (int i = 0; i < nsrc; i++)
		{
			if (ndocs == cap)
				docs = realloc(docs, sizeof(Doc) * (cap *= 2));
			/* a copy of its own, as a stream of documents would be */
			docs[ndocs].text = malloc(src[i].len);
			memcpy(docs[ndocs].text, src[i].text, src[i].len);
			docs[ndocs].len = src[i].len;
			total += src[i].len;
			ndocs++;
		}

	/*
	 * baseline: split into lines, as a line reader does: find each line
	 * end and hand the line over in a buffer of its own (getline-like)
	 */
	{
		size_t		bufcap = 1 << 16;
		char	   *buf = malloc(bufcap);

		t0 = now();
		do
		{
			long		lines = 0;

			for (int d = 0; d < ndocs; d++)
			{
				const char *p = docs[d].text,
						   *end = p + docs[d].len;

				while (p < end)
				{
					const char *nl = memchr(p, '\n', (size_t) (end - p));
					size_t		n = nl ? (size_t) (nl - p) : (size_t) (end - p);

					if (n + 1 > bufcap)
					{
						while (n + 1 > bufcap)
							bufcap *= 2;
						buf = realloc(buf, bufcap);
					}
					memcpy(buf, p, n);
					buf[n] = '\0';
					lines += buf[0];
					p += n + 1;
				}
			}
			sink += lines;
			reps_lines++;
		} while (now() - t0 < 1.0);
		free(buf);
	}
	t_lines = (now() - t0) / reps_lines;

	/*
	 * a floor, for reference: decode every character and fold it (the
	 * parser compares every character after folding), and nothing else
	 */
	if (!gd_fold_ready)
		gd_fold_init();
	t0 = now();
	do
	{
		uint32_t	acc = 0;

		for (int d = 0; d < ndocs; d++)
		{
			const unsigned char *p = (const unsigned char *) docs[d].text;
			size_t		n = docs[d].len,
						i = 0;

			while (i < n)
			{
				uint32_t	cp;
				int			k = gd_utf8_decode(p + i, n - i, &cp);

				acc += gd_fold(cp);
				i += (size_t) k;
			}
		}
		sink += acc;
		reps_decode++;
	} while (now() - t0 < 1.0);
	t_decode = (now() - t0) / reps_decode;

	/* the parser */
	t0 = now();
	do
	{
		for (int d = 0; d < ndocs; d++)
		{
			GdParseResult res;

			gd_parse(docs[d].text, docs[d].len, NULL, &res);
			cells += res.cells_filled;
			gd_parse_free(&res, NULL);
		}
		reps_parse++;
	} while (now() - t0 < 1.0);
	t_parse = (now() - t0) / reps_parse;

	/* the parser without notes */
	t0 = now();
	do
	{
		GdParseOptions quiet = {NULL, NULL, NULL, NULL, true};

		for (int d = 0; d < ndocs; d++)
		{
			GdParseResult res;

			gd_parse(docs[d].text, docs[d].len, &quiet, &res);
			cells += res.cells_filled;
			gd_parse_free(&res, NULL);
		}
		reps_quiet++;
	} while (now() - t0 < 1.0);
	t_quiet = (now() - t0) / reps_quiet;
	sink += cells;

	printf("documents %d (%d files), %.1f MB\n", ndocs, nsrc, total / 1e6);
	printf("line splitting: %10.1f MB/s\n", total / 1e6 / t_lines);
	printf("decode+fold:    %10.1f MB/s, %.1fx line splitting (a floor: decoding and folding every character, nothing else)\n",
		   total / 1e6 / t_decode, t_decode / t_lines);
	printf("parsing:        %10.1f MB/s, %.0f reports/s, %.1f us per report\n",
		   total / 1e6 / t_parse, ndocs / t_parse, t_parse / ndocs * 1e6);
	printf("ratio:          parsing takes %.1fx the time of line splitting\n",
		   t_parse / t_lines);
	printf("without notes:  %10.1f MB/s, %.0f reports/s, %.1f us per report, %.1fx line splitting\n",
		   total / 1e6 / t_quiet, ndocs / t_quiet, t_quiet / ndocs * 1e6, t_quiet / t_lines);
	return 0;
}
