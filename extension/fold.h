/*-------------------------------------------------------------------------
 *
 * fold.h
 *	  Character folding for matching published text against the layout:
 *	  UTF-8 decoding that never fails, full-width forms to ASCII, radical
 *	  and compatibility look-alikes to unified ideographs, traditional
 *	  characters to simplified ones.
 *
 * Plain C without PostgreSQL headers (used by the parser core and the
 * command-line program).
 *
 * extension/fold.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef GOVDISCLOSE_FOLD_H
#define GOVDISCLOSE_FOLD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "utf8.h"

typedef struct GdFoldPair
{
	uint32_t	from;
	uint32_t	to;				/* 0: drop the character */
} GdFoldPair;

/* The generated table (fold_table.c), sorted by from. */
extern const GdFoldPair gd_fold_pairs[];
extern const int gd_fold_npairs;

/* Fold one character; 0 means the character is to be dropped. */
extern uint32_t gd_fold_slow(uint32_t cp);

/* BMP characters that have a pair (built by gd_fold_init) */
extern uint64_t gd_fold_bmp[65536 / 64];
extern bool gd_fold_ready;
extern void gd_fold_init(void);

static inline uint32_t
gd_fold(uint32_t cp)
{
	if (cp < 0x80)
		return cp;
	if (cp < 65536 && gd_fold_ready &&
		!(gd_fold_bmp[cp >> 6] & ((uint64_t) 1 << (cp & 63))))
		return cp;
	return gd_fold_slow(cp);
}

/* A CJK ideograph (unified, extension or compatibility block)? */
static inline bool
gd_is_ideograph(uint32_t cp)
{
	return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
		cp == 0x3007 || (cp >= 0x20000 && cp <= 0x3FFFF) ||
		(cp >= 0xF900 && cp <= 0xFAFF);
}

/*
 * A "word" character of a folded text: what label matching compares.
 * Punctuation, spaces and symbols are not.
 */
static inline bool
gd_is_word(uint32_t cp)
{
	if (cp < 0x80)
		return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') ||
			(cp >= 'A' && cp <= 'Z');
	return gd_is_ideograph(cp);
}

/*
 * Punctuation of a folded text that a title or an agency's name does not
 * hold: where a reader sees it, the text is a sentence (parse.c reads no
 * agency from it; render.c escapes an agency that holds it).
 */
static inline bool
gd_is_sentence_punct(uint32_t cp)
{
	return cp == ',' || cp == 0x3002 || cp == ';' || cp == ':' || cp == 0x3001 ||
		cp == 0x300A || cp == 0x300B || cp == 0x201C || cp == 0x201D || cp == '"' ||
		cp == 0x3008 || cp == 0x3009 || cp == '<' || cp == '>';
}

/* Is the folded character cp one of the characters of set (UTF-8), folded? */
static inline bool
gd_folded_in(uint32_t cp, const char *set)
{
	size_t		len = strlen(set);

	for (size_t i = 0; i < len;)
	{
		uint32_t	c;

		i += (size_t) gd_utf8_decode((const unsigned char *) set + i, len - i, &c);
		if (cp == gd_fold(c))
			return true;
	}
	return false;
}

#endif							/* GOVDISCLOSE_FOLD_H */
