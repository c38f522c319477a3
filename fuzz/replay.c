/*-------------------------------------------------------------------------
 *
 * replay.c
 *	  Run a libFuzzer harness on given inputs without libFuzzer:
 *	  replay FILE|DIR...  calls LLVMFuzzerTestOneInput once per file (the
 *	  files of a directory in name order), so that the inputs kept in
 *	  tests/fuzz-regressions/ are replayed by an ordinary build (gcc with
 *	  AddressSanitizer and UndefinedBehaviorSanitizer when it has them).
 *	  A harness aborts on a broken property, which ends the run with a
 *	  failure; otherwise prints how many inputs passed.
 *
 * fuzz/replay.c
 *
 *-------------------------------------------------------------------------
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static long ran = 0;

static int
run_file(const char *path)
{
	FILE	   *f = fopen(path, "rb");
	uint8_t    *buf = NULL;
	size_t		len = 0,
				cap = 0,
				got;

	if (f == NULL)
	{
		perror(path);
		return 1;
	}
	do
	{
		if (cap - len < 65536)
		{
			cap = cap ? cap * 2 : 65536;
			buf = realloc(buf, cap);
			if (buf == NULL)
			{
				fprintf(stderr, "replay: out of memory\n");
				exit(2);
			}
		}
		got = fread(buf + len, 1, cap - len, f);
		len += got;
	} while (got > 0);
	fclose(f);
	/* an exact copy, so that a read past the input's end is caught */
	{
		uint8_t    *exact = malloc(len ? len : 1);

		memcpy(exact, buf, len);
		free(buf);
		fprintf(stderr, "replay: %s (%zu bytes)\n", path, len);
		LLVMFuzzerTestOneInput(exact, len);
		free(exact);
	}
	ran++;
	return 0;
}

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *) a, *(char *const *) b);
}

static int
run_path(const char *path)
{
	struct stat st;
	DIR		   *d;
	struct dirent *e;
	char	  **names = NULL;
	size_t		n = 0,
				cap = 0;
	int			bad = 0;

	if (stat(path, &st) != 0)
	{
		perror(path);
		return 1;
	}
	if (!S_ISDIR(st.st_mode))
		return run_file(path);
	d = opendir(path);
	if (d == NULL)
	{
		perror(path);
		return 1;
	}
	while ((e = readdir(d)) != NULL)
	{
		if (e->d_name[0] == '.')
			continue;
		if (n == cap)
		{
			cap = cap ? cap * 2 : 64;
			names = realloc(names, cap * sizeof(char *));
		}
		names[n] = malloc(strlen(path) + strlen(e->d_name) + 2);
		sprintf(names[n], "%s/%s", path, e->d_name);
		n++;
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof(char *), cmp_names);
	for (size_t i = 0; i < n; i++)
	{
		bad |= run_path(names[i]);
		free(names[i]);
	}
	free(names);
	return bad;
}

int
main(int argc, char **argv)
{
	int			bad = 0;

	if (argc < 2)
	{
		fprintf(stderr, "Usage: %s FILE|DIR...\n", argv[0]);
		return 2;
	}
	for (int i = 1; i < argc; i++)
		bad |= run_path(argv[i]);
	printf("%ld inputs replayed\n", ran);
	return bad;
}
