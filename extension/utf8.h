/*-------------------------------------------------------------------------
 *
 * utf8.h
 *	  UTF-8 decoding and encoding shared by the parser, the folding and the
 *	  renderer.  Plain C, no PostgreSQL headers.
 *
 * extension/utf8.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef GOVDISCLOSE_UTF8_H
#define GOVDISCLOSE_UTF8_H

#include <stddef.h>
#include <stdint.h>

#define GD_REPLACEMENT_CHAR 0xFFFD

/*
 * Decode one character of UTF-8 at s (len > 0 bytes available).  Returns
 * the number of bytes consumed (at least 1); an invalid or truncated
 * sequence, an overlong form or a surrogate consumes one byte and gives
 * U+FFFD.
 */
static inline int
gd_utf8_decode(const unsigned char *s, size_t len, uint32_t *cp)
{
	unsigned char c = s[0];

	if (c < 0x80)
	{
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF && len >= 2 && (s[1] & 0xC0) == 0x80)
	{
		*cp = ((uint32_t) (c & 0x1F) << 6) | (s[1] & 0x3F);
		return 2;
	}
	if (c >= 0xE0 && c <= 0xEF && len >= 3 &&
		(s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80)
	{
		uint32_t	v = ((uint32_t) (c & 0x0F) << 12) |
			((uint32_t) (s[1] & 0x3F) << 6) | (s[2] & 0x3F);

		if (v >= 0x800 && (v < 0xD800 || v > 0xDFFF))
		{
			*cp = v;
			return 3;
		}
	}
	else if (c >= 0xF0 && c <= 0xF4 && len >= 4 && (s[1] & 0xC0) == 0x80 &&
			 (s[2] & 0xC0) == 0x80 && (s[3] & 0xC0) == 0x80)
	{
		uint32_t	v = ((uint32_t) (c & 0x07) << 18) |
			((uint32_t) (s[1] & 0x3F) << 12) |
			((uint32_t) (s[2] & 0x3F) << 6) | (s[3] & 0x3F);

		if (v >= 0x10000 && v <= 0x10FFFF)
		{
			*cp = v;
			return 4;
		}
	}
	*cp = GD_REPLACEMENT_CHAR;
	return 1;
}

/*
 * Strict decoding: the length of the well-formed character at s (no
 * overlong form, no surrogate, at most U+10FFFF), or 0 if it is malformed
 * or truncated (or len is 0).
 */
static inline int
gd_utf8_decode_strict(const unsigned char *s, size_t len, uint32_t *cp)
{
	if (len == 0)
		return 0;
	{
		int			n = gd_utf8_decode(s, len, cp);

		/* the lenient decoder gives U+FFFD for one bad byte */
		if (n == 1 && s[0] >= 0x80)
			return 0;
		return n;
	}
}

/* Encode a code point; buf needs 4 bytes.  Returns the length. */
static inline int
gd_utf8_encode(uint32_t cp, char *buf)
{
	if (cp < 0x80)
	{
		buf[0] = (char) cp;
		return 1;
	}
	if (cp < 0x800)
	{
		buf[0] = (char) (0xC0 | (cp >> 6));
		buf[1] = (char) (0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000)
	{
		buf[0] = (char) (0xE0 | (cp >> 12));
		buf[1] = (char) (0x80 | ((cp >> 6) & 0x3F));
		buf[2] = (char) (0x80 | (cp & 0x3F));
		return 3;
	}
	buf[0] = (char) (0xF0 | (cp >> 18));
	buf[1] = (char) (0x80 | ((cp >> 12) & 0x3F));
	buf[2] = (char) (0x80 | ((cp >> 6) & 0x3F));
	buf[3] = (char) (0x80 | (cp & 0x3F));
	return 4;
}

/*
 * How many of the len bytes of UTF-8 at s to quote in a message that shows
 * at most limit bytes: all of them if they fit, else limit cut back to a
 * character boundary (never half a character).
 */
static inline int
gd_utf8_clip_len(const char *s, int len, int limit)
{
	int			cut;

	if (len <= limit)
		return len;
	cut = limit;
	while (cut > 0 && ((unsigned char) s[cut] & 0xC0) == 0x80)
		cut--;
	return cut;
}

#endif							/* GOVDISCLOSE_UTF8_H */
