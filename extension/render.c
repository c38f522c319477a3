/*-------------------------------------------------------------------------
 *
 * render.c
 *	  A report in the official layout: markdown, HTML or tab-separated text.
 *
 * Each official table is first laid out as a grid of cells (labels from the
 * layout, or a leaf's value) with its row and column spans, once per format
 * and section, and cached: the layout is constant.  Every style then prints
 * the same grid: HTML with real rowspan/colspan, text and markdown as a full
 * rectangle in which a spanned cell is written in its top-left position and
 * the positions it covers are empty fields.
 *
 * Text values (the agency, narrative lines, the procurement unit) are
 * written as they are when a reader cannot mistake them for structure, and
 * otherwise in an escaped form that starts with a backslash.  The rules are
 * in docs/render.md; gd_unescape() is the inverse.
 *
 * No PostgreSQL headers here: see render.h.
 *
 * extension/render.c
 *
 *-------------------------------------------------------------------------
 */
#include "render.h"
#include "fold.h"
#include "utf8.h"

#include <stdio.h>
#include <string.h>

const char *const gd_style_names[GD_NSTYLES] = {"markdown", "html", "text"};

/* ---------------------------------------------------------------------
 * Output buffer
 * ---------------------------------------------------------------------
 */
static bool
buf_reserve(GdBuf *b, size_t more)
{
	size_t		limit = b->max ? b->max : ((size_t) -1) / 2;
	size_t		want;
	char	   *p;

	if (b->failed)
		return false;
	if (b->cap - b->len >= more)
		return true;
	if (more > limit - b->len)
	{
		b->failed = true;
		return false;
	}
	want = b->cap ? b->cap : 256;
	while (want - b->len < more)
		want = want > limit / 2 ? limit : want * 2;
	p = b->grow(b->data, want, b->arg);
	if (p == NULL)
	{
		b->failed = true;
		return false;
	}
	b->data = p;
	b->cap = want;
	return true;
}

void
gd_buf_init(GdBuf *b, size_t head, size_t initial, size_t max,
			void *(*grow) (void *ptr, size_t size, void *arg), void *arg)
{
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
	b->max = max;
	b->failed = false;
	b->grow = grow;
	b->arg = arg;
	if (max && head + initial > max)
		initial = max - head;
	if (buf_reserve(b, head + initial))
		b->len = head;
}

void
gd_buf_put(GdBuf *b, const char *s, size_t len)
{
	if (len == 0 || !buf_reserve(b, len))
		return;
	memcpy(b->data + b->len, s, len);
	b->len += len;
}

static inline void
buf_puts(GdBuf *b, const char *s)
{
	gd_buf_put(b, s, strlen(s));
}

/* ---------------------------------------------------------------------
 * Styles
 * ---------------------------------------------------------------------
 */
bool
gd_style_from_name(const char *name, size_t len, GdStyle *style)
{
	for (int s = 0; s < GD_NSTYLES; s++)
	{
		const char *n = gd_style_names[s];
		size_t		i;

		if (strlen(n) != len)
			continue;
		for (i = 0; i < len; i++)
		{
			char		c = name[i];

			if (c >= 'A' && c <= 'Z')
				c += 'a' - 'A';
			if (c != n[i])
				break;
		}
		if (i == len)
		{
			*style = (GdStyle) s;
			return true;
		}
	}
	return false;
}

/* ---------------------------------------------------------------------
 * UTF-8 and character classes
 * ---------------------------------------------------------------------
 */

static bool
utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *) s;
	size_t		i = 0;

	while (i < len)
	{
		uint32_t	c;
		int			n;

		if (p[i] < 0x80)
		{
			i++;
			continue;
		}
		/* the common case: a three-byte sequence without special ranges */
		if (((p[i] >= 0xE1 && p[i] <= 0xEC) || p[i] == 0xEE || p[i] == 0xEF) &&
			i + 2 < len && (p[i + 1] & 0xC0) == 0x80 && (p[i + 2] & 0xC0) == 0x80)
		{
			i += 3;
			continue;
		}
		n = gd_utf8_decode_strict(p + i, len - i, &c);
		if (n == 0)
			return false;
		i += n;
	}
	return true;
}

/*
 * Invisible characters that a reader may drop wherever they are (soft
 * hyphen, zero-width space and joiners, word joiner, byte-order mark).
 */
static bool
is_invisible(uint32_t c)
{
	return c == 0xAD || (c >= 0x200B && c <= 0x200D) || c == 0x2060 || c == 0xFEFF;
}

/*
 * White space that a reader may trim at the ends of a line: Unicode White
 * Space, the ASCII separators Python's str.strip() removes, the Hangul
 * filler, and the invisible characters above.
 */
static bool
is_space(uint32_t c)
{
	return c == 0x20 || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F) ||
		c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) ||
		c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
		c == 0x3000 || c == 0x3164 || is_invisible(c);
}

/* A table border that a reader strips from the ends of a line: | and ｜. */
static bool
is_border(uint32_t c)
{
	return c == '|' || c == 0xFF5C;
}

/*
 * Characters never written as themselves in a text value: control
 * characters (not allowed in XML, or breaking lines and tab-separated
 * fields), Unicode line separators, the XML non-characters; and, outside
 * HTML (where they are entities), the characters that start markup or
 * separate pipe-table cells.
 */
static bool
must_escape(uint32_t c, GdStyle style)
{
	if (c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) ||
		c == 0x2028 || c == 0x2029 || c == 0xFFFE || c == 0xFFFF)
		return true;
	if (style != GD_STYLE_HTML && (c == '<' || c == '&' || c == '|'))
		return true;
	return false;
}

/* A Chinese numeral, or a CJK radical that looks like one. */
static bool
is_numeral(uint32_t c)
{
	static const uint32_t numerals[] = {
		0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03, 0x516B,
		0x4E5D, 0x5341, 0x3007, 0x96F6		/* 一二三四五六七八九十〇零 */
	};

	/* radicals and compatibility ideographs, some of which fold to numerals */
	if ((c >= 0x2E80 && c <= 0x2EFF) || (c >= 0x2F00 && c <= 0x2FDF) ||
		(c >= 0xF900 && c <= 0xFAFF) || (c >= 0x2F800 && c <= 0x2FA1F))
		return true;
	for (size_t i = 0; i < sizeof(numerals) / sizeof(numerals[0]); i++)
		if (c == numerals[i])
			return true;
	return false;
}

/* 、 and the forms NFKC folds into it */
static bool
is_enum_comma(uint32_t c)
{
	return c == 0x3001 || c == 0xFE11 || c == 0xFE51 || c == 0xFF64;
}

/* . and the forms NFKC folds into it */
static bool
is_enum_period(uint32_t c)
{
	return c == 0x2E || c == 0xFF0E || c == 0xFE52;
}

/* , and the forms NFKC folds into it */
static bool
is_comma(uint32_t c)
{
	return c == ',' || c == 0xFF0C || c == 0xFE50 || c == 0xFE10;
}

/* A Latin letter, with or without a tone mark (pinyin). */
static bool
is_latin_letter(uint32_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		(c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) ||
		(c >= 0x1E00 && c <= 0x1EFF);
}

/*
 * Characters a reader could take as part of a number written before or
 * after them: ASCII digits and signs, and the forms NFKC folds into digits.
 */
static bool
is_numberish(uint32_t c)
{
	return (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.' ||
		(c >= 0xFF10 && c <= 0xFF19) || c == 0xFF0B || c == 0xFF0D ||
		c == 0xFF0E || c == 0x2212 || c == 0xB2 || c == 0xB3 || c == 0xB9 ||
		(c >= 0xBC && c <= 0xBE) || (c >= 0x2070 && c <= 0x209F) ||
		(c >= 0x2150 && c <= 0x218F) || (c >= 0x2460 && c <= 0x24FF) ||
		(c >= 0x2776 && c <= 0x2793) || (c >= 0x1D7CE && c <= 0x1D7FF);
}

static bool
is_ideograph(uint32_t c)
{
	return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF);
}

/* ---------------------------------------------------------------------
 * Text values: plain or escaped
 * ---------------------------------------------------------------------
 */

/* Where a text value is written; each has its own idea of "ambiguous". */
typedef enum ValueContext
{
	CTX_LINE,					/* a line of a narrative */
	CTX_FEE_LINE,				/* a narrative line of the fee's section */
	CTX_AGENCY,					/* the agency, before the year in the title */
	CTX_UNIT					/* a unit, after a number in a table cell */
} ValueContext;

static bool
has_substring(const char *s, size_t len, const char *needle)
{
	size_t		n = strlen(needle);
	const char *p = s;
	const char *end = s + len;

	if (n == 0 || n > len)
		return false;
	/* find the needle's first byte, then compare the rest */
	while ((size_t) (end - p) >= n &&
		   (p = memchr(p, needle[0], (end - p) - n + 1)) != NULL)
	{
		if ((n < 2 || p[1] == needle[1]) && memcmp(p + 1, needle + 1, n - 1) == 0)
			return true;
		p++;
	}
	return false;
}

/*
 * Does the value start like a numbered heading: Chinese numerals followed by
 * 、 or a period, or anything followed by 、 within its first three
 * characters?
 */
static bool
heading_like(const unsigned char *s, size_t len)
{
	size_t		i = 0;
	int			k = 0;
	bool		numerals = true;

	while (i < len && k < 4)
	{
		uint32_t	c;
		int			n = gd_utf8_decode_strict(s + i, len - i, &c);

		if (n == 0)
			return false;
		if (k > 0 && (is_enum_comma(c) || (numerals && is_enum_period(c))))
			return true;
		if (!is_numeral(c))
			numerals = false;
		i += n;
		k++;
	}
	return false;
}

/*
 * Does the value hold, anywhere, what a reader of published text takes out
 * or reads as structure: an invisible character (dropped), an opening
 * parenthesis followed by a Latin letter (inline pinyin after a character,
 * 區(qū), is dropped), or, in a narrative line or the agency, a numbered
 * section heading (a Chinese numeral followed by 、 . or , — not after 第,
 * and a comma not after an ideograph, as in 统一,), since headings are found
 * inside lines of text that ran together?
 */
static bool
has_hazard(const unsigned char *s, size_t len, ValueContext ctx)
{
	uint32_t	prev = 0,
				c;
	bool		numeral = false;

	for (size_t i = 0; i < len;)
	{
		int			n = gd_utf8_decode_strict(s + i, len - i, &c);

		if (n == 0)
			return true;		/* not reached: values are checked */
		if (is_invisible(c))
			return true;
		if ((prev == '(' || prev == 0xFF08) && is_latin_letter(c))
			return true;
		if (ctx == CTX_LINE || ctx == CTX_FEE_LINE || ctx == CTX_AGENCY)
		{
			if (numeral && (is_enum_comma(c) || is_enum_period(c) || is_comma(c)))
				return true;
			/* the numeral that may start a heading, and what it follows */
			numeral = is_numeral(c) && prev != 0x7B2C;	/* 第 */
			if (numeral && i + n < len)
			{
				uint32_t	next;

				if (gd_utf8_decode_strict(s + i + n, len - i - n, &next) > 0 && is_comma(next) &&
					(is_ideograph(prev) || is_numeral(prev)))
					numeral = false;
			}
		}
		prev = c;
		i += n;
	}
	return false;
}

/* Do the folded characters cps[s …] of n spell word (folded)? */
static bool
folded_word_at(const uint32_t *cps, int n, int s, const char *word)
{
	size_t		wl = strlen(word);

	for (size_t i = 0; i < wl; s++)
	{
		uint32_t	c;

		i += gd_utf8_decode((const unsigned char *) word + i, wl - i, &c);
		if (s >= n || cps[s] != gd_fold(c))
			return false;
	}
	return true;
}

/*
 * Would a reader of a published title (parse.c, layout.h) take the agency,
 * written plain before the year, for something else: a sentence (sentence
 * punctuation, a first 我 or 本, 关于 报送 印发, a first 现将, 现公布 or 特编制 …),
 * a reference (全县, 该局), the report's year (a digit then 年) or its name
 * (政府信息公开), or too long a name?  Compared after folding, as the
 * reader compares.
 */
static bool
agency_misread(const unsigned char *s, size_t len)
{
	uint32_t	cps[GD_AGENCY_MAX_CHARS];
	int			n = 0;
	bool		digit = false;	/* a digit, perhaps spaces since */
	const char *words[8];
	int			nwords = 0;

	for (size_t i = 0; i < len;)
	{
		uint32_t	c;
		int			k = gd_utf8_decode_strict(s + i, len - i, &c);

		if (k == 0)
			return true;		/* not reached: values are checked */
		i += k;
		c = gd_fold(c);
		if (c == 0)
			continue;
		if (n == GD_AGENCY_MAX_CHARS || gd_is_sentence_punct(c) || c == '\n')
			return true;
		if (c == 0x5E74 && digit)	/* 年 */
			return true;
		if (c >= '0' && c <= '9')
			digit = true;
		else if (c != ' ')
			digit = false;
		cps[n++] = c;
	}
	if (n == 0)
		return false;
	if (gd_folded_in(cps[0], gd_agency_not_first))
		return true;
	if (gd_folded_in(cps[0], gd_report_verb_lead))	/* 现将, 现公布, 特编制 */
		for (int v = 0; gd_report_verbs[v]; v++)
			if (folded_word_at(cps, n, 0, gd_report_verbs[v]) ||
				folded_word_at(cps, n, 1, gd_report_verbs[v]))
				return true;
	if (n == 2 && gd_folded_in(cps[0], gd_agency_generic_first))	/* 全县, 该局 */
		return true;
	words[nwords++] = gd_report_words;
	for (int w = 0; gd_agency_stop_words[w] && nwords < 8; w++)
		words[nwords++] = gd_agency_stop_words[w];
	for (int w = 0; w < nwords; w++)
	{
		uint32_t	wc[16];
		int			wn = 0;
		size_t		wl = strlen(words[w]);

		for (size_t i = 0; i < wl && wn < 16;)
		{
			i += gd_utf8_decode((const unsigned char *) words[w] + i, wl - i, &wc[wn]);
			wc[wn] = gd_fold(wc[wn]);
			wn++;
		}
		for (int k = 0; k + wn <= n; k++)
			if (memcmp(&cps[k], wc, wn * sizeof(uint32_t)) == 0)
				return true;
	}
	return false;
}

/*
 * Can the value be written as it is?  (It is valid UTF-8: checked before.)
 */
static bool
is_plain(const char *s, size_t len, GdStyle style, ValueContext ctx)
{
	const unsigned char *p = (const unsigned char *) s;
	uint32_t	c,
				first;
	size_t		last;

	if (len == 0)
		return false;

	/*
	 * Scan bytes for the characters must_escape() names; the value is valid
	 * UTF-8, so their encodings can be matched without decoding: C1 controls
	 * are C2 80..9F, U+2028/2029 E2 80 A8/A9, U+FFFE/FFFF EF BF BE/BF.
	 */
	for (size_t i = 0; i < len; i++)
	{
		unsigned char b = p[i];

		if (b < 0x80)
		{
			if (b < 0x20 || b == 0x7F ||
				(style != GD_STYLE_HTML && (b == '<' || b == '&' || b == '|')))
				return false;
		}
		else if ((b == 0xC2 && i + 1 < len && p[i + 1] <= 0x9F) ||
				 (b == 0xE2 && i + 2 < len && p[i + 1] == 0x80 &&
				  (p[i + 2] == 0xA8 || p[i + 2] == 0xA9)) ||
				 (b == 0xEF && i + 2 < len && p[i + 1] == 0xBF &&
				  (p[i + 2] == 0xBE || p[i + 2] == 0xBF)))
			return false;
	}

	/* the first character */
	if (gd_utf8_decode_strict(p, len, &c) == 0 ||
		c == '\\' || c == '#' || c == 0xFF03 || is_space(c) || is_border(c))
		return false;

	/* the last character */
	last = len - 1;
	while (last > 0 && (p[last] & 0xC0) == 0x80)
		last--;
	if (gd_utf8_decode_strict(p + last, len - last, &c) == 0 || is_space(c) || is_border(c))
		return false;

	if (has_hazard(p, len, ctx))
		return false;

	switch (ctx)
	{
		case CTX_AGENCY:

			/*
			 * a title's first marks (list, quote, emphasis) are not its text,
			 * in any form the reader folds to them (＊, －, —, ＞ …)
			 */
			gd_utf8_decode_strict(p, len, &first);
			first = gd_fold(first);
			if (first == '-' || first == '*' || first == '>' || first == 0x2022 ||
				heading_like(p, len))
				return false;
			return !is_numberish(c) && !agency_misread(p, len);
		case CTX_UNIT:
			for (size_t i = 0; i < len;)
			{
				int			n = gd_utf8_decode_strict(p + i, len - i, &c);

				if (n == 0 || !is_ideograph(c))
					return false;
				i += n;
			}
			return true;
		case CTX_FEE_LINE:
			if (has_substring(s, len, gd_fee_keyword))
				return false;
			/* FALLTHROUGH */
		case CTX_LINE:
			if (heading_like(p, len) ||
				has_substring(s, len, gd_title_suffix) ||
				(len >= strlen(gd_fee_statement_prefix) &&
				 memcmp(s, gd_fee_statement_prefix,
						strlen(gd_fee_statement_prefix)) == 0))
				return false;
			return true;
	}
	return true;
}

/* Write text, as entities where HTML needs them. */
static void
put_text(GdBuf *b, GdStyle style, const char *s, size_t len)
{
	size_t		run = 0;

	if (style != GD_STYLE_HTML)
	{
		gd_buf_put(b, s, len);
		return;
	}
	for (size_t i = 0; i < len; i++)
	{
		const char *ent;

		switch (s[i])
		{
			case '&':
				ent = "&amp;";
				break;
			case '<':
				ent = "&lt;";
				break;
			case '>':
				ent = "&gt;";
				break;
			case '"':
				ent = "&quot;";
				break;
			case '\'':
				ent = "&#39;";
				break;
			default:
				continue;
		}
		gd_buf_put(b, s + run, i - run);
		buf_puts(b, ent);
		run = i + 1;
	}
	gd_buf_put(b, s + run, len - run);
}

/*
 * Write the escaped form: a backslash, then the value with "\\" for a
 * backslash and "\u{H}" for every character that must not appear as itself,
 * white space at either end included (and, for the agency, a last character
 * that could be read as part of the year).
 */
static void
put_escaped(GdBuf *b, GdStyle style, const char *s, size_t len,
			ValueContext ctx)
{
	const unsigned char *p = (const unsigned char *) s;
	size_t		i = 0;
	size_t		run = 0;

	buf_puts(b, "\\");
	while (i < len)
	{
		uint32_t	c;
		int			n = gd_utf8_decode_strict(p + i, len - i, &c);
		bool		edge = (i == 0 || i + n == len);
		char		esc[16];

		if (n == 0)
			n = 1, c = 0xFFFD;	/* not reached: values are checked */
		if (c == '\\')
			snprintf(esc, sizeof(esc), "\\\\");
		else if (must_escape(c, style) || (edge && (is_space(c) || is_border(c))) ||
				 (ctx == CTX_AGENCY && i + n == len && is_numberish(c)))
			snprintf(esc, sizeof(esc), "\\u{%X}", (unsigned) c);
		else
		{
			i += n;
			continue;
		}
		put_text(b, style, s + run, i - run);
		buf_puts(b, esc);
		i += n;
		run = i;
	}
	put_text(b, style, s + run, len - run);
}

static void
put_value(GdBuf *b, GdStyle style, const char *s, size_t len,
		  ValueContext ctx)
{
	if (is_plain(s, len, style, ctx))
		put_text(b, style, s, len);
	else
		put_escaped(b, style, s, len, ctx);
}

bool
gd_unescape(const char *s, size_t len, GdBuf *out)
{
	size_t		i = 0;

	while (i < len)
	{
		size_t		j = i;

		while (j < len && s[j] != '\\')
			j++;
		gd_buf_put(out, s + i, j - i);
		i = j;
		if (i >= len)
			break;
		if (i + 1 < len && s[i + 1] == '\\')
		{
			gd_buf_put(out, "\\", 1);
			i += 2;
		}
		else if (i + 3 < len && s[i + 1] == 'u' && s[i + 2] == '{')
		{
			uint32_t	c = 0;
			size_t		k = i + 3;
			int			digits = 0;
			char		enc[4];

			for (; k < len && s[k] != '}'; k++, digits++)
			{
				char		h = s[k];

				if (digits >= 6)
					return false;
				if (h >= '0' && h <= '9')
					c = c * 16 + (uint32_t) (h - '0');
				else if (h >= 'A' && h <= 'F')
					c = c * 16 + (uint32_t) (h - 'A' + 10);
				else if (h >= 'a' && h <= 'f')
					c = c * 16 + (uint32_t) (h - 'a' + 10);
				else
					return false;
			}
			if (k >= len || digits == 0 || c > 0x10FFFF ||
				(c >= 0xD800 && c <= 0xDFFF))
				return false;
			gd_buf_put(out, enc, gd_utf8_encode(c, enc));
			i = k + 1;
		}
		else
			return false;
	}
	return true;
}

/* ---------------------------------------------------------------------
 * Table grids, built from the layout once per format and section
 * ---------------------------------------------------------------------
 */
#define GRID_ROWS 40
#define GRID_COLS 16

#define CELL_HEADER	0x01		/* a header or label: <th> */
#define CELL_BLOCK	0x02		/* a block heading across the table */
#define CELL_LABEL	0x04		/* a row label */

typedef struct GridCell
{
	const char *label;			/* fixed text from the layout, or NULL */
	int16_t		leaf;			/* else the leaf whose value it shows */
	int16_t		unit_leaf;		/* and a unit written after it, or -1 */
	uint8_t		colspan;
	uint8_t		rowspan;
	uint8_t		flags;
} GridCell;

/* leaves are numbered below this (the layout has some 200) */
#define GD_MAX_NODES_FOR_GRID 512

#define SLOT_FREE	0
#define SLOT_ORIGIN 1
#define SLOT_COVERED 2

typedef struct Grid
{
	bool		built;
	bool		broken;			/* the layout did not fit, or a leaf is missing */
	int			nrows;
	int			ncols;
	int			nhead;			/* leading header rows */
	int			next_row;		/* while building */
	GridCell	cell[GRID_ROWS][GRID_COLS];
	uint8_t		slot[GRID_ROWS][GRID_COLS];
} Grid;

/* grids[format - 1][section - 1]; format is a single GD_FMT_* bit */
static Grid grids[2][6];

static GridCell
label_cell(const char *label, int colspan, int rowspan, int flags)
{
	GridCell	c = {label, -1, -1, (uint8_t) colspan, (uint8_t) rowspan,
	(uint8_t) (flags | CELL_HEADER)};

	return c;
}

static GridCell
value_cell(int leaf, int unit_leaf, int colspan)
{
	GridCell	c = {NULL, (int16_t) leaf, (int16_t) unit_leaf,
	(uint8_t) colspan, 1, 0};

	return c;
}

static int
grid_new_row(Grid *g)
{
	return g->next_row++;
}

/* Place a cell in the first free position of row r, like an HTML table. */
static void
grid_add(Grid *g, int r, GridCell cell)
{
	int			c = 0;

	if (cell.colspan < 1)
		cell.colspan = 1;
	if (cell.rowspan < 1)
		cell.rowspan = 1;
	while (c < GRID_COLS && g->slot[r][c] != SLOT_FREE)
		c++;
	if (c + cell.colspan > GRID_COLS || r + cell.rowspan > GRID_ROWS)
	{
		g->broken = true;		/* the layout is bigger than the grid */
		return;
	}
	for (int i = r; i < r + cell.rowspan; i++)
		for (int j = c; j < c + cell.colspan; j++)
			g->slot[i][j] = SLOT_COVERED;
	g->slot[r][c] = SLOT_ORIGIN;
	g->cell[r][c] = cell;
	if (r + cell.rowspan > g->nrows)
		g->nrows = r + cell.rowspan;
	if (c + cell.colspan > g->ncols)
		g->ncols = c + cell.colspan;
}

/* Children of a node that belong to format F. */
static int
children(const GdLayout *L, int node, unsigned F, int *out, int max)
{
	int			n = 0;

	for (GD_EACH_CHILD(L, node, i))
		if (gd_node_in_format(&L->nodes[i], F) && n < max)
			out[n++] = i;
	return n;
}

/*
 * The columns of a row: its leaves in format F, in the order of the
 * official table (pos_2019 in the 2019 format), each with the unit leaf
 * written in its cell, if any.
 */
static int
row_columns(const GdLayout *L, int row, unsigned F, int *cols, int *units)
{
	int			kids[GRID_COLS];
	int			keys[GRID_COLS];
	int			nkids = children(L, row, F, kids, GRID_COLS);
	int			n = 0;

	for (int i = 0; i < nkids; i++)
	{
		const GdField *f = L->nodes[kids[i]].field;

		if (L->nodes[kids[i]].leaf < 0)
			continue;
		if ((f->flags & GD_UNIT) && n > 0)
		{
			units[n - 1] = L->nodes[kids[i]].leaf;
			continue;
		}
		cols[n] = kids[i];
		units[n] = -1;
		keys[n] = (F == GD_FMT_2019 && f->pos_2019 > 0) ? f->pos_2019 : n + 1;
		n++;
	}
	/* stable insertion sort by key */
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && keys[j - 1] > keys[j]; j--)
		{
			int			t;

			t = keys[j], keys[j] = keys[j - 1], keys[j - 1] = t;
			t = cols[j], cols[j] = cols[j - 1], cols[j - 1] = t;
			t = units[j], units[j] = units[j - 1], units[j - 1] = t;
		}
	return n;
}

static const char *
label_of(const GdLayout *L, int node, unsigned F)
{
	return gd_field_label(L->nodes[node].field, F);
}

static bool
same_text(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/*
 * Table 二: a heading row per 第二十条 item, a header row (信息内容 and the
 * column labels) whenever the row type changes, a row per field.  A row with
 * fewer columns than the widest spans its last cell to the edge.
 */
static void
build_blocks(Grid *g, const GdLayout *L, int section_node, unsigned F)
{
	int			rows[32];
	int			nrows = children(L, section_node, F, rows, 32);
	int			width = 1;
	const char *heading = NULL;
	const GdType *type = NULL;
	bool		first = true;

	for (int i = 0; i < nrows; i++)
	{
		int			cols[GRID_COLS],
					units[GRID_COLS];
		int			n = row_columns(L, rows[i], F, cols, units);

		if (n + 1 > width)
			width = n + 1;
	}
	for (int i = 0; i < nrows; i++)
	{
		const GdNode *rn = &L->nodes[rows[i]];
		int			cols[GRID_COLS],
					units[GRID_COLS];
		int			n = row_columns(L, rows[i], F, cols, units);
		int			r;

		if (first || !same_text(rn->field->heading, heading))
		{
			heading = rn->field->heading;
			r = grid_new_row(g);
			grid_add(g, r, label_cell(heading, width, 1, CELL_BLOCK));
			type = NULL;
		}
		if (rn->type != type)
		{
			type = rn->type;
			r = grid_new_row(g);
			grid_add(g, r, label_cell(gd_proactive_first_column, 1, 1, 0));
			for (int c = 0; c < n; c++)
				grid_add(g, r, label_cell(label_of(L, cols[c], F),
										  c == n - 1 ? width - n : 1, 1, 0));
		}
		r = grid_new_row(g);
		grid_add(g, r, label_cell(label_of(L, rows[i], F), 1, 1, CELL_LABEL));
		for (int c = 0; c < n; c++)
			grid_add(g, r, value_cell(L->nodes[cols[c]].leaf, units[c],
									  c == n - 1 ? width - n : 1));
		first = false;
	}
	g->nhead = 0;
}

/* One data row of table 三 and where its label sits. */
typedef struct RowItem
{
	int			row;			/* node of the row */
	int			group;			/* node of its label-only group, or -1 */
	const char *heading;		/* group label spanning several rows */
} RowItem;

/*
 * Table 三: the header note over the label columns and header rows, the
 * header over the columns with their header groups; then a row per leaf
 * row, its label nested in up to three label columns (heading, group,
 * row).  A group whose only row in this format carries the group's own
 * label (2019 （六）其他处理) is a single row.
 */
static void
build_rows(Grid *g, const GdLayout *L, int section_node, unsigned F)
{
	int			kids[32];
	int			nkids = children(L, section_node, F, kids, 32);
	RowItem		items[GRID_ROWS];
	int			nitems = 0;
	bool		any_heading = false,
				any_group = false,
				any_header_group = false;
	int			cols[GRID_COLS],
				units[GRID_COLS];
	int			ncols,
				nlabel,
				nhead,
				r;

	for (int i = 0; i < nkids && nitems < GRID_ROWS; i++)
	{
		const GdNode *k = &L->nodes[kids[i]];

		if (k->field->heading)
			any_heading = true;
		if (k->field->flags & GD_GROUP)
		{
			int			subs[32];
			int			nsubs = children(L, kids[i], F, subs, 32);
			const char *glabel = label_of(L, kids[i], F);

			if (nsubs == 1 &&
				strncmp(label_of(L, subs[0], F), glabel, strlen(glabel)) == 0)
			{
				items[nitems++] = (RowItem) {subs[0], -1, k->field->heading};
				continue;
			}
			for (int s = 0; s < nsubs && nitems < GRID_ROWS; s++)
				items[nitems++] = (RowItem) {subs[s], kids[i], k->field->heading};
			any_group = true;
		}
		else
			items[nitems++] = (RowItem) {kids[i], -1, k->field->heading};
	}
	if (nitems == 0)
		return;
	ncols = row_columns(L, items[0].row, F, cols, units);
	for (int c = 0; c < ncols; c++)
		if (L->nodes[cols[c]].field->header_group)
			any_header_group = true;
	nlabel = 1 + (any_heading ? 1 : 0) + (any_group ? 1 : 0);
	nhead = any_header_group ? 3 : 2;

	/* header rows */
	r = grid_new_row(g);
	grid_add(g, r, label_cell(gd_requests_note, nlabel, nhead, 0));
	grid_add(g, r, label_cell(gd_requests_header, ncols, 1, 0));
	r = grid_new_row(g);
	for (int c = 0; c < ncols; c++)
	{
		const char *hg = L->nodes[cols[c]].field->header_group;
		int			run = 1;

		if (hg == NULL)
		{
			grid_add(g, r, label_cell(label_of(L, cols[c], F), 1, nhead - 1, 0));
			continue;
		}
		if (c > 0 && same_text(L->nodes[cols[c - 1]].field->header_group, hg))
			continue;
		while (c + run < ncols &&
			   same_text(L->nodes[cols[c + run]].field->header_group, hg))
			run++;
		grid_add(g, r, label_cell(hg, run, 1, 0));
	}
	if (nhead == 3)
	{
		r = grid_new_row(g);
		for (int c = 0; c < ncols; c++)
			if (L->nodes[cols[c]].field->header_group)
				grid_add(g, r, label_cell(label_of(L, cols[c], F), 1, 1, 0));
	}

	/* data rows */
	for (int i = 0; i < nitems; i++)
	{
		RowItem    *it = &items[i];
		int			rcols[GRID_COLS],
					runits[GRID_COLS];
		int			n = row_columns(L, it->row, F, rcols, runits);
		int			left = nlabel;

		r = grid_new_row(g);
		if (it->heading)
		{
			if (i == 0 || !same_text(items[i - 1].heading, it->heading))
			{
				int			span = 1;

				while (i + span < nitems && same_text(items[i + span].heading, it->heading))
					span++;
				grid_add(g, r, label_cell(it->heading, 1, span, CELL_LABEL));
			}
			left--;
		}
		if (it->group >= 0)
		{
			if (i == 0 || items[i - 1].group != it->group)
			{
				int			span = 1;

				while (i + span < nitems && items[i + span].group == it->group)
					span++;
				grid_add(g, r, label_cell(label_of(L, it->group, F), 1, span,
										  CELL_LABEL));
			}
			left--;
		}
		grid_add(g, r, label_cell(label_of(L, it->row, F), left, 1, CELL_LABEL));
		for (int c = 0; c < n; c++)
			grid_add(g, r, value_cell(L->nodes[rcols[c]].leaf, runits[c], 1));
	}
	g->nhead = nhead;
}

/*
 * Table 四: the rows of the section set side by side as column groups, each
 * under its label, or under its header group with its own label beneath;
 * the column labels below; one data row.
 */
static void
build_column_groups(Grid *g, const GdLayout *L, int section_node, unsigned F)
{
	int			groups[GRID_COLS];
	int			ngroups = children(L, section_node, F, groups, GRID_COLS);
	int			cols[GRID_COLS][GRID_COLS],
				units[GRID_COLS][GRID_COLS],
				ncols[GRID_COLS];
	bool		any_header_group = false;
	int			nhead,
				r;

	for (int i = 0; i < ngroups; i++)
	{
		ncols[i] = row_columns(L, groups[i], F, cols[i], units[i]);
		if (L->nodes[groups[i]].field->header_group)
			any_header_group = true;
	}
	nhead = any_header_group ? 3 : 2;

	r = grid_new_row(g);
	for (int i = 0; i < ngroups; i++)
	{
		const char *hg = L->nodes[groups[i]].field->header_group;
		int			span = ncols[i];

		if (hg == NULL)
		{
			grid_add(g, r, label_cell(label_of(L, groups[i], F), span, 1, 0));
			continue;
		}
		if (i > 0 && same_text(L->nodes[groups[i - 1]].field->header_group, hg))
			continue;
		for (int j = i + 1; j < ngroups &&
			 same_text(L->nodes[groups[j]].field->header_group, hg); j++)
			span += ncols[j];
		grid_add(g, r, label_cell(hg, span, 1, 0));
	}
	r = grid_new_row(g);
	for (int i = 0; i < ngroups; i++)
	{
		if (L->nodes[groups[i]].field->header_group)
			grid_add(g, r, label_cell(label_of(L, groups[i], F), ncols[i], 1, 0));
		else
			for (int c = 0; c < ncols[i]; c++)
				grid_add(g, r, label_cell(label_of(L, cols[i][c], F), 1,
										  nhead - 1, 0));
	}
	if (nhead == 3)
	{
		r = grid_new_row(g);
		for (int i = 0; i < ngroups; i++)
			if (L->nodes[groups[i]].field->header_group)
				for (int c = 0; c < ncols[i]; c++)
					grid_add(g, r, label_cell(label_of(L, cols[i][c], F), 1, 1, 0));
	}
	r = grid_new_row(g);
	for (int i = 0; i < ngroups; i++)
		for (int c = 0; c < ncols[i]; c++)
			grid_add(g, r, value_cell(L->nodes[cols[i][c]].leaf, units[i][c], 1));
	g->nhead = nhead;
}

/*
 * Is the grid a full rectangle that shows every leaf of the section in
 * format F exactly once?
 */
static bool
grid_complete(const Grid *g, const GdLayout *L, int section_node, unsigned F)
{
	const GdNode *sec = &L->nodes[section_node];
	int			shown[GD_MAX_NODES_FOR_GRID] = {0};

	for (int r = 0; r < g->nrows; r++)
		for (int c = 0; c < g->ncols; c++)
		{
			const GridCell *cell = &g->cell[r][c];

			if (g->slot[r][c] == SLOT_FREE)
				return false;
			if (g->slot[r][c] != SLOT_ORIGIN || cell->label)
				continue;
			if (cell->leaf >= 0 && cell->leaf < GD_MAX_NODES_FOR_GRID)
				shown[cell->leaf]++;
			if (cell->unit_leaf >= 0 && cell->unit_leaf < GD_MAX_NODES_FOR_GRID)
				shown[cell->unit_leaf]++;
		}
	for (int leaf = sec->first_leaf; leaf < sec->first_leaf + sec->nleaves; leaf++)
		if (leaf >= GD_MAX_NODES_FOR_GRID ||
			shown[leaf] != (gd_node_in_format(&L->nodes[L->leaf_node[leaf]], F) ? 1 : 0))
			return false;
	return g->nrows > 0;
}

static const Grid *
grid_for(const GdLayout *L, int section_node, unsigned F)
{
	int			s = L->nodes[section_node].section;
	Grid	   *g = &grids[F == GD_FMT_2019 ? 0 : 1][s - 1];

	if (!g->built)
	{
		memset(g, 0, sizeof(Grid));
		switch (gd_sections[s - 1].table)
		{
			case GD_TABLE_BLOCKS:
				build_blocks(g, L, section_node, F);
				break;
			case GD_TABLE_ROWS:
				build_rows(g, L, section_node, F);
				break;
			case GD_TABLE_COLUMN_GROUPS:
				build_column_groups(g, L, section_node, F);
				break;
			case GD_TABLE_NONE:
				break;
		}
		if (!grid_complete(g, L, section_node, F))
			g->broken = true;
		g->built = true;
	}
	return g;
}

/* ---------------------------------------------------------------------
 * The document
 * ---------------------------------------------------------------------
 */
typedef struct Render
{
	const GdLayout *L;
	GdBuf	   *b;
	GdStyle		style;
	unsigned	F;
	const char *const *value;
	const size_t *len;
} Render;

/* Print CSS: A4, ruled tables, labels left, figures centred. */
static const char css[] =
"@page{size:A4;margin:18mm 15mm}\n"
"body{font-family:\"Noto Serif CJK SC\",\"Source Han Serif SC\",\"SimSun\",\"Songti SC\",serif;"
"font-size:12pt;line-height:1.6;color:#000;background:#fff;max-width:60em;margin:2em auto;padding:0 1em}\n"
"h1{font-size:18pt;text-align:center;margin:0 0 1em}\n"
"h2{font-size:14pt;margin:1.2em 0 .5em;break-after:avoid;page-break-after:avoid}\n"
"p{margin:.3em 0;text-indent:2em;white-space:pre-wrap;overflow-wrap:anywhere}\n"
"table{border-collapse:collapse;width:100%;margin:.5em 0 1em;font-size:10.5pt}\n"
"th,td{border:1px solid #000;padding:.25em .35em;vertical-align:middle;"
"text-align:center;font-weight:normal;overflow-wrap:anywhere;word-break:break-word}\n"
"th.gd-block{font-weight:bold;text-align:left}\n"
"th.gd-label{text-align:left}\n"
"td,thead th{min-width:2.2em}\n"
"td{font-variant-numeric:tabular-nums}\n"
"thead{display:table-header-group}\n"
"tr{break-inside:avoid;page-break-inside:avoid}\n"
"@media print{body{max-width:none;margin:0;padding:0}}\n";

static void
put_int(GdBuf *b, int v)
{
	char		tmp[16];

	gd_buf_put(b, tmp, snprintf(tmp, sizeof(tmp), "%d", v));
}

/*
 * A label, or a figure (with its unit).  A blank figure is an empty <td> in
 * HTML, where the cell's borders make it explicit; in text and markdown it
 * is the blank marker, as published reports write it, because an empty
 * field there cannot be told from the padding of a spanned label.
 */
static void
put_cell_text(Render *R, const GridCell *c)
{
	bool		unit = c->unit_leaf >= 0 && R->value[c->unit_leaf];

	if (c->label)
		put_text(R->b, R->style, c->label, strlen(c->label));
	else
	{
		if (R->value[c->leaf])
			gd_buf_put(R->b, R->value[c->leaf], R->len[c->leaf]);
		else if (!unit && R->style != GD_STYLE_HTML)
			buf_puts(R->b, GD_BLANK_CELL);
		if (unit)
			put_value(R->b, R->style, R->value[c->unit_leaf],
					  R->len[c->unit_leaf], CTX_UNIT);
	}
}

static void
put_table_html(Render *R, const Grid *g)
{
	GdBuf	   *b = R->b;

	buf_puts(b, "<table class=\"gd-table\">\n");
	for (int r = 0; r < g->nrows; r++)
	{
		if (r == 0 && g->nhead > 0)
			buf_puts(b, "<thead>\n");
		if (r == g->nhead)
			buf_puts(b, "<tbody>\n");
		buf_puts(b, "<tr>");
		for (int c = 0; c < g->ncols; c++)
		{
			const GridCell *cell = &g->cell[r][c];
			const char *tag = (cell->flags & CELL_HEADER) ? "th" : "td";

			if (g->slot[r][c] != SLOT_ORIGIN)
				continue;
			buf_puts(b, "<");
			buf_puts(b, tag);
			if (cell->flags & CELL_BLOCK)
				buf_puts(b, " class=\"gd-block\"");
			else if (cell->flags & CELL_LABEL)
				buf_puts(b, " class=\"gd-label\"");
			if (cell->colspan > 1)
			{
				buf_puts(b, " colspan=\"");
				put_int(b, cell->colspan);
				buf_puts(b, "\"");
			}
			if (cell->rowspan > 1)
			{
				buf_puts(b, " rowspan=\"");
				put_int(b, cell->rowspan);
				buf_puts(b, "\"");
			}
			buf_puts(b, ">");
			put_cell_text(R, cell);
			buf_puts(b, "</");
			buf_puts(b, tag);
			buf_puts(b, ">");
		}
		buf_puts(b, "</tr>\n");
		if (r + 1 == g->nhead)
			buf_puts(b, "</thead>\n");
	}
	buf_puts(b, "</tbody>\n</table>\n");
}

/* Text and markdown: the full rectangle, covered positions empty. */
static void
put_table_lines(Render *R, const Grid *g)
{
	GdBuf	   *b = R->b;
	bool		md = R->style == GD_STYLE_MARKDOWN;

	if (md)
		buf_puts(b, "\n");
	for (int r = 0; r < g->nrows; r++)
	{
		if (md)
			buf_puts(b, "|");
		for (int c = 0; c < g->ncols; c++)
		{
			if (md)
				buf_puts(b, " ");
			else if (c > 0)
				buf_puts(b, "\t");
			if (g->slot[r][c] == SLOT_ORIGIN)
				put_cell_text(R, &g->cell[r][c]);
			if (md)
				buf_puts(b, " |");
		}
		buf_puts(b, "\n");
		if (md && r == 0)
		{
			buf_puts(b, "|");
			for (int c = 0; c < g->ncols; c++)
				buf_puts(b, " --- |");
			buf_puts(b, "\n");
		}
	}
}

/* The title: <agency><year>年政府信息公开工作年度报告 */
static void
put_title(Render *R)
{
	const GdLayout *L = R->L;
	int			a = L->leaf_agency,
				y = L->leaf_year;

	if (R->value[a])
		put_value(R->b, R->style, R->value[a], R->len[a], CTX_AGENCY);
	if (R->value[y])
		gd_buf_put(R->b, R->value[y], R->len[y]);
	put_text(R->b, R->style, gd_title_suffix, strlen(gd_title_suffix));
}

/* A paragraph: one line of a narrative, or a statement. */
static void
para_open(Render *R)
{
	if (R->style == GD_STYLE_HTML)
		buf_puts(R->b, "<p>");
	else if (R->style == GD_STYLE_MARKDOWN)
		buf_puts(R->b, "\n");
}

static void
para_close(Render *R)
{
	buf_puts(R->b, R->style == GD_STYLE_HTML ? "</p>\n" : "\n");
}

/* A narrative: one paragraph per line, each line plain or escaped. */
static void
put_narrative(Render *R, int leaf, ValueContext ctx)
{
	const char *s = R->value[leaf];
	size_t		len = R->len[leaf];
	size_t		start = 0;

	for (;;)
	{
		const char *nl = memchr(s + start, '\n', len - start);
		size_t		end = nl ? (size_t) (nl - s) : len;

		para_open(R);
		put_value(R->b, R->style, s + start, end - start, ctx);
		para_close(R);
		if (nl == NULL)
			break;
		start = end + 1;
	}
}

/* A figure stated in a narrative section: prefix value suffix. */
static void
put_statement(Render *R, int leaf)
{
	para_open(R);
	put_text(R->b, R->style, gd_fee_statement_prefix, strlen(gd_fee_statement_prefix));
	gd_buf_put(R->b, R->value[leaf], R->len[leaf]);
	put_text(R->b, R->style, gd_fee_statement_suffix, strlen(gd_fee_statement_suffix));
	para_close(R);
}

static void
put_section(Render *R, int s)
{
	const GdLayout *L = R->L;
	const char *heading = gd_sections[s - 1].heading;
	ValueContext ctx = CTX_LINE;

	/* a section that states a figure guards its narrative lines */
	for (int i = 1; i < L->nnodes; i++)
		if (L->nodes[i].depth == 1 && L->nodes[i].section == s &&
			L->nodes[i].leaf >= 0 && L->nodes[i].field->kind != GD_TEXT)
			ctx = CTX_FEE_LINE;

	switch (R->style)
	{
		case GD_STYLE_HTML:
			buf_puts(R->b, "<div class=\"gd-section\">\n<h2>");
			buf_puts(R->b, heading);
			buf_puts(R->b, "</h2>\n");
			break;
		case GD_STYLE_MARKDOWN:
			buf_puts(R->b, "\n## ");
			buf_puts(R->b, heading);
			buf_puts(R->b, "\n");
			break;
		case GD_STYLE_TEXT:
			buf_puts(R->b, "\n");
			buf_puts(R->b, heading);
			buf_puts(R->b, "\n");
			break;
	}
	for (int i = 1; i < L->nnodes; i++)
	{
		const GdNode *n = &L->nodes[i];

		if (n->depth != 1 || n->section != s)
			continue;
		if (n->leaf < 0)
		{
			const Grid *g = grid_for(L, i, R->F);

			if (R->style == GD_STYLE_HTML)
				put_table_html(R, g);
			else
				put_table_lines(R, g);
		}
		else if (R->value[n->leaf] == NULL)
			continue;
		else if (n->field->kind == GD_TEXT)
			put_narrative(R, n->leaf, ctx);
		else
			put_statement(R, n->leaf);
	}
	if (R->style == GD_STYLE_HTML)
		buf_puts(R->b, "</div>\n");
}

static void
put_document(Render *R)
{
	GdBuf	   *b = R->b;

	switch (R->style)
	{
		case GD_STYLE_HTML:
			buf_puts(b, "<!DOCTYPE html>\n"
					 "<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"zh-CN\" xml:lang=\"zh-CN\">\n"
					 "<head>\n<meta charset=\"utf-8\"/>\n"
					 "<meta name=\"generator\" content=\"govdisclose render_report\"/>\n"
					 "<title>");
			put_title(R);
			buf_puts(b, "</title>\n<style>\n");
			buf_puts(b, css);
			buf_puts(b, "</style>\n</head>\n<body>\n<h1>");
			put_title(R);
			buf_puts(b, "</h1>\n");
			break;
		case GD_STYLE_MARKDOWN:
			buf_puts(b, "# ");
			put_title(R);
			buf_puts(b, "\n");
			break;
		case GD_STYLE_TEXT:
			put_title(R);
			buf_puts(b, "\n");
			break;
	}
	for (int s = 1; s <= 6; s++)
		put_section(R, s);
	if (R->style == GD_STYLE_HTML)
		buf_puts(b, "</body>\n</html>\n");
}

/* ---------------------------------------------------------------------
 * Entry point
 * ---------------------------------------------------------------------
 */

/* -?[0-9]+(\.[0-9]+)?, or (for amounts) NaN, Infinity, -Infinity */
static bool
valid_number(const char *s, size_t len, bool fraction)
{
	size_t		i = 0,
				digits = 0;

	if (fraction &&
		((len == 3 && memcmp(s, "NaN", 3) == 0) ||
		 (len == 8 && memcmp(s, "Infinity", 8) == 0) ||
		 (len == 9 && memcmp(s, "-Infinity", 9) == 0)))
		return true;
	if (i < len && s[i] == '-')
		i++;
	for (; i < len && s[i] >= '0' && s[i] <= '9'; i++)
		digits++;
	if (digits == 0)
		return false;
	if (i < len && s[i] == '.' && fraction)
	{
		digits = 0;
		for (i++; i < len && s[i] >= '0' && s[i] <= '9'; i++)
			digits++;
		if (digits == 0)
			return false;
	}
	return i == len;
}

GdRenderError
gd_render(const char *const *value, const size_t *len, GdStyle style,
		  GdBuf *out, int *bad_leaf)
{
	const GdLayout *L = gd_layout();
	Render		R;
	int			fl = L->leaf_format;

	*bad_leaf = -1;
	if (value[fl] == NULL)
	{
		*bad_leaf = fl;
		return GD_RENDER_NO_FORMAT;
	}
	R.F = gd_format_mask(value[fl], len[fl]);
	if (R.F == 0)
	{
		*bad_leaf = fl;
		return GD_RENDER_BAD_FORMAT;
	}
	for (int leaf = 0; leaf < L->nleaves; leaf++)
	{
		const GdNode *n = &L->nodes[L->leaf_node[leaf]];
		bool		ok = true;

		if (value[leaf] == NULL)
			continue;
		*bad_leaf = leaf;
		if (!gd_node_in_format(n, R.F))
			return GD_RENDER_FOREIGN_CELL;
		switch (n->field->kind)
		{
			case GD_INT4:
			case GD_INT8:
				ok = valid_number(value[leaf], len[leaf], false);
				break;
			case GD_NUMERIC:
				ok = valid_number(value[leaf], len[leaf], true);
				break;
			case GD_TEXT:
				if (!utf8_valid(value[leaf], len[leaf]))
					return GD_RENDER_BAD_UTF8;
				break;
			case GD_ROW:
				break;
		}
		if (!ok)
			return GD_RENDER_BAD_NUMBER;
	}
	*bad_leaf = -1;

	/* the tables of this format, laid out from the layout once */
	for (int i = 1; i < L->nnodes; i++)
		if (L->nodes[i].depth == 1 && L->nodes[i].leaf < 0 &&
			grid_for(L, i, R.F)->broken)
			return GD_RENDER_LAYOUT;

	R.L = L;
	R.b = out;
	R.style = style;
	R.value = value;
	R.len = len;
	put_document(&R);
	return out->failed ? GD_RENDER_NO_MEMORY : GD_RENDER_OK;
}
