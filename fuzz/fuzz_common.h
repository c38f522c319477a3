/*-------------------------------------------------------------------------
 *
 * fuzz_common.h
 *	  What the libFuzzer harnesses share: a property check that aborts (so
 *	  that libFuzzer keeps the input as a crash), UTF-8 and number checks,
 *	  and a growable buffer on malloc.
 *
 * fuzz/fuzz_common.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef GD_FUZZ_COMMON_H
#define GD_FUZZ_COMMON_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "render.h"
#include "report_json.h"

/* A property that must hold: on failure say which, and abort. */
#define PROPERTY(cond, ...) \
	do { \
		if (!(cond)) \
		{ \
			fprintf(stderr, "property failed (%s:%d): %s\n  ", __FILE__, __LINE__, #cond); \
			fprintf(stderr, __VA_ARGS__); \
			fputc('\n', stderr); \
			abort(); \
		} \
	} while (0)

/* Is s[0..len) valid UTF-8 without a NUL byte? */
static inline bool
fuzz_utf8_text(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *) s;
	size_t		i = 0;

	while (i < len)
	{
		int			n;
		uint32_t	cp;

		if (p[i] == 0)
			return false;
		if (p[i] < 0x80)
		{
			i++;
			continue;
		}
		if (p[i] >= 0xC2 && p[i] <= 0xDF)
			n = 2, cp = p[i] & 0x1F;
		else if (p[i] >= 0xE0 && p[i] <= 0xEF)
			n = 3, cp = p[i] & 0x0F;
		else if (p[i] >= 0xF0 && p[i] <= 0xF4)
			n = 4, cp = p[i] & 0x07;
		else
			return false;
		if (len - i < (size_t) n)
			return false;
		for (int k = 1; k < n; k++)
		{
			if ((p[i + k] & 0xC0) != 0x80)
				return false;
			cp = (cp << 6) | (p[i + k] & 0x3F);
		}
		if ((n == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
			(n == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
			return false;
		i += n;
	}
	return true;
}

/* A NUL-terminated string that is valid UTF-8. */
static inline bool
fuzz_utf8_cstring(const char *s)
{
	return s != NULL && fuzz_utf8_text(s, strlen(s));
}

/*
 * Is s[0..len) an amount as numeric_out prints it, which numeric_in reads
 * back unchanged and which is a JSON number: the same text from
 * gd_json_number_text.
 */
static inline bool
fuzz_numeric_text(const char *s, size_t len)
{
	char	   *buf;
	size_t		n;
	bool		same;

	if (len == 0 || strlen(s) != len)
		return false;
	if (!gd_json_number_text(s, len, NULL, &n) || n != len)
		return false;
	buf = malloc(n + 1);
	gd_json_number_text(s, len, buf, &n);
	same = memcmp(buf, s, len) == 0;
	free(buf);
	return same;
}

static inline void *
fuzz_grow(void *ptr, size_t size, void *arg)
{
	(void) arg;
	return realloc(ptr, size);
}

/* A stable choice from the input, for what is tried on it (a style...). */
static inline unsigned
fuzz_pick(const uint8_t *data, size_t size, unsigned n)
{
	uint32_t	h = 2166136261u;

	for (size_t i = 0; i < size; i += 1 + size / 64)
		h = (h ^ data[i]) * 16777619u;
	h ^= (uint32_t) size;
	return h % n;
}

#endif							/* GD_FUZZ_COMMON_H */
