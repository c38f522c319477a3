/*-------------------------------------------------------------------------
 *
 * parse.c
 *	  The parser core: text of a published annual report -> cells + notes.
 *
 * How it reads a text:
 *
 *	1. Prepare.  A very long text is read in a window around its first
 *	   trace of a report.  Raw HTML is turned into lines (table rows) and
 *	   cells.  Every character is decoded (invalid UTF-8 is U+FFFD) and
 *	   folded (fold.h): full-width forms, radical look-alikes, traditional
 *	   characters.  Inline pinyin ("區(qū)") is removed.
 *	2. Find the skeleton.  Section headings 一 to 六 are found by their
 *	   numeral and a fuzzy match with the official heading; the labels of
 *	   the tables (block headings, row labels, group labels, column headers,
 *	   all taken from the layout) are found by exact match of their folded
 *	   "core": the label without its numbering and punctuation, so that
 *	   labels split by spaces, line breaks or cell borders still match.
 *	3. Read the rows.  The text between a row label and the next label
 *	   holds the row's cells.  Cells are separated by tabs, pipes, HTML
 *	   cell borders, line breaks or spaces; blank cells are NULL; '/', '-'
 *	   are NULL.  When a row shows fewer cells than the format has, or
 *	   digit runs with no separator, every reading is enumerated and kept
 *	   only if it satisfies the table's equations (rules.h); a cell is
 *	   filled only when every remaining reading agrees on it.
 *	4. Title fields and narratives: agency and year from the title (or a
 *	   sentence naming the report, or the statistics period), the
 *	   narratives of sections 一, 五 and 六, and the processing fee.
 *
 * Everything the parser did that is not a plain reading is a note.
 *
 * extension/parse.c
 *
 *-------------------------------------------------------------------------
 */
#include "parse.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fold.h"
#include "render.h"
#include "rules.h"

/* ---------------------------------------------------------------------
 * Memory: an arena on top of the caller's allocator
 * ---------------------------------------------------------------------
 */
typedef struct Block
{
	struct Block *next;
	size_t		used;
	size_t		cap;
	/* data follows, aligned */
} Block;

typedef struct Arena
{
	const GdParseOptions *opt;
	Block	   *head;
} Arena;

#define BLOCK_DATA(b) ((char *) (b) + ((sizeof(Block) + 15) & ~(size_t) 15))
#define ARENA_CHUNK (64 * 1024)

/*
 * Under AddressSanitizer (the fuzzers, make check-sanitize) every object
 * is a block of its own, of exactly its size, so that a read or write past
 * its end is caught instead of landing in its neighbour.
 */
#if defined(__SANITIZE_ADDRESS__)
#define ARENA_EXACT 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ARENA_EXACT 1
#endif
#endif

/* Memory from the caller's allocator, or malloc. */
static void *
raw_alloc(const GdParseOptions *opt, size_t size)
{
	void	   *p;

	if (opt && opt->alloc)
		return opt->alloc(opt->arg, size);
	p = malloc(size);
	if (p == NULL)
	{
		fprintf(stderr, "govdisclose parser: out of memory (%zu bytes)\n", size);
		abort();
	}
	return p;
}

/* Give memory back to the caller's allocator, or free. */
static void
raw_free(const GdParseOptions *opt, void *p)
{
	if (opt && opt->release)
		opt->release(opt->arg, p);
	else if (!(opt && opt->alloc))
		free(p);
}

/* Memory from the arena, 16-byte aligned, not zeroed. */
static void *
arena_bump(Arena *a, size_t size)
{
	Block	   *b = a->head;
	char	   *p;

#ifdef ARENA_EXACT
	b = raw_alloc(a->opt, ((sizeof(Block) + 15) & ~(size_t) 15) + size);
	b->used = b->cap = size;
	b->next = a->head;
	a->head = b;
	return BLOCK_DATA(b);
#endif
	size = (size + 15) & ~(size_t) 15;
	if (b == NULL || b->cap - b->used < size)
	{
		size_t		cap = size > ARENA_CHUNK ? size : ARENA_CHUNK;
		Block	   *nb = raw_alloc(a->opt, ((sizeof(Block) + 15) & ~(size_t) 15) + cap);

		nb->used = 0;
		nb->cap = cap;
		if (b != NULL && size > ARENA_CHUNK)
		{
			/* a big block goes behind the current one, which stays open */
			nb->next = b->next;
			b->next = nb;
			nb->used = size;
			return BLOCK_DATA(nb);
		}
		nb->next = b;
		a->head = nb;
		b = nb;
	}
	p = BLOCK_DATA(b) + b->used;
	b->used += size;
	return p;
}

/* Zeroed memory from the arena, 16-byte aligned. */
static void *
arena_alloc(Arena *a, size_t size)
{
	return memset(arena_bump(a, size), 0, size);
}

/* Like arena_alloc, without zeroing: for arrays filled at once. */
static void *
arena_alloc_raw(Arena *a, size_t size)
{
	Block	   *b = a->head;
	char	   *p;

#ifdef ARENA_EXACT
	return arena_bump(a, size);
#endif
	size = (size + 15) & ~(size_t) 15;
	if (size > ARENA_CHUNK / 4)
	{
		/* a big array: a block of its own, behind the current one */
		Block	   *nb = raw_alloc(a->opt, ((sizeof(Block) + 15) & ~(size_t) 15) + size);

		nb->used = size;
		nb->cap = size;
		if (b == NULL)
		{
			nb->next = NULL;
			a->head = nb;
		}
		else
		{
			nb->next = b->next;
			b->next = nb;
		}
		return BLOCK_DATA(nb);
	}
	p = arena_bump(a, size);
	return p;
}

/* A NUL-terminated copy of n bytes, in the arena. */
static char *
arena_strndup(Arena *a, const char *s, size_t n)
{
	char	   *p = arena_bump(a, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/*
 * Make room for one more element in an arena array of *n elements of size
 * elem with room for *cap; returns the (perhaps moved) array.
 */
static void *
arena_grow(Arena *a, void *arr, int n, int *cap, size_t elem, int first)
{
	void	   *na;

	if (n < *cap)
		return arr;
	*cap = *cap ? *cap * 2 : first;
	na = arena_alloc_raw(a, elem * (size_t) *cap);
	if (n)
		memcpy(na, arr, elem * (size_t) n);
	return na;
}

/* A growable string in the arena. */
typedef struct Str
{
	Arena	   *arena;
	char	   *s;
	size_t		len;
	size_t		cap;
} Str;

/* Room for more bytes (and the NUL) in a string. */
static void
str_reserve(Str *b, size_t more)
{
	if (b->len + more + 1 > b->cap)
	{
		size_t		cap = b->cap ? b->cap * 2 : 256;
		char	   *ns;

		while (cap < b->len + more + 1)
			cap *= 2;
		ns = arena_bump(b->arena, cap);
		if (b->len)
			memcpy(ns, b->s, b->len);
		b->s = ns;
		b->cap = cap;
	}
}

/* Append n bytes to a string. */
static void
str_add(Str *b, const char *s, size_t n)
{
	str_reserve(b, n);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

/* Append one byte to a string. */
static void
str_addc(Str *b, char c)
{
	str_add(b, &c, 1);
}

/* Append a code point, UTF-8 encoded, to a string. */
static void
str_addcp(Str *b, uint32_t cp)
{
	char		buf[4];

	str_add(b, buf, (size_t) gd_utf8_encode(cp, buf));
}

/* ---------------------------------------------------------------------
 * The parser's state
 * ---------------------------------------------------------------------
 */

/* One character of the working text, folded. */
typedef struct Ch
{
	uint32_t	cp;				/* folded code point */
	uint32_t	off;			/* byte offset in the working text */
} Ch;

typedef enum EvKind
{
	EV_NONE = 0,
	EV_SECTION,					/* a section heading 一..六 */
	EV_BLOCK,					/* a block heading of table 二 */
	EV_ROW,						/* a row label */
	EV_GROUP,					/* a label-only group label */
	EV_HEADER					/* a column header */
} EvKind;

#define MAX_MEANINGS 4

typedef struct Meaning
{
	EvKind		kind;
	int			node;			/* layout node, or -1 */
	int			table;			/* 2, 3 or 4 */
	unsigned	formats;		/* formats in which the text is this label */
	int			col;			/* a column header: the first of its columns
								 * in a row of the table, or -1 (-2: a label
								 * of headers of two kinds, not checked) */
	bool		grouped;		/* ... a column under a header group
								 * (商业企业 under 法人或其他组织) */
} Meaning;

typedef struct Pattern
{
	uint32_t   *cp;				/* folded core, word characters only */
	int			len;
	uint32_t	numeral[4];		/* the label's numbering, e.g. 三 or 3 */
	int			nnumeral;
	bool		numeral_ascii;
	const char *text;			/* the label as declared */
	int			nm;
	Meaning		m[MAX_MEANINGS];
} Pattern;

typedef struct Event
{
	EvKind		kind;			/* resolved meaning */
	int			pat;			/* pattern, or -1 for sections */
	int			m;				/* chosen meaning */
	int			node;
	int			table;
	int			section;		/* EV_SECTION */
	int			cstart;			/* ch range of the label, numbering included */
	int			cend;
	bool		numbered;		/* its numbering was found before it */
} Event;

typedef enum SlotKind
{
	SL_VALUE,					/* a number (perhaps several, run together) */
	SL_MARKER,					/* '/', '-', 无: a blank cell */
	SL_EMPTY,					/* an explicitly empty cell */
	SL_WEAK,					/* an empty position that may be padding */
	SL_TEXT,					/* words: not a cell of this row */
	SL_DAMAGE					/* '?' or U+FFFD left by a broken encoding */
} SlotKind;

typedef struct Slot
{
	SlotKind	kind;
	int			cstart;
	int			cend;
	char		txt[80];		/* the folded piece, ASCII where numeric */
	int			tlen;
	bool		toolong;		/* the piece did not fit txt */
	bool		spaced;			/* a figure sharing its bordered cell with
								 * another, spaces between ("4 3") */
	bool		paren;			/* a figure in parentheses, (11): txt is -11 */
} Slot;

#define MAX_SLOTS 64
#define MAX_ROW_CELLS 15

/* A reading of a row: a value for each of its cells. */
typedef struct Cand
{
	bool		known[MAX_ROW_CELLS];
	bool		blank[MAX_ROW_CELLS];	/* an explicit blank (NULL) */
	int64_t		iv[MAX_ROW_CELLS];	/* a count's value */
	const char *num[MAX_ROW_CELLS]; /* an amount's canonical text (in the
									 * arena), NULL for a count */
	const char *unit[MAX_ROW_CELLS];	/* unit typed into the cell (one of
										 * the units below), or NULL */
	int			inserted;		/* cell recovered from arithmetic, or -1 */
} Cand;

#define MAX_CANDS 96

/* What verify_repairs needs of a reading: its counts. */
typedef struct AltReading
{
	bool		known[MAX_ROW_CELLS];
	int64_t		iv[MAX_ROW_CELLS];
} AltReading;

typedef struct RowRead
{
	int			node;			/* layout node of the row (or appeals) */
	int			ncells;
	int			leaf[MAX_ROW_CELLS];
	int			first_leaf;		/* the node's first leaf */
	int			nleaves;		/* the node's leaves */
	int8_t		cellmap[MAX_ROW_CELLS + 8]; /* leaf - first_leaf -> cell */
	int			line;
	Arena	   *arena;
	Slot	   *slot;			/* nslots of them, room for slotcap */
	int			nslots;
	int			slotcap;
	bool		overflow_slots;
	bool		at_end;			/* the text ends inside this row */
	bool		delimited;		/* its cells are separated by cell borders or
								 * lines: a piece is never two cells */
	int			value_line;		/* ch index of the line of its last value */
	bool		dropped_text;
	int			html_row;		/* ch index of the HTML row (line) of its
								 * figures, or -1 */
	bool		two_html_rows;	/* figures in two rows of an HTML table: a
								 * row label lost */
	Cand	   *cand;			/* ncand readings, room for candcap */
	int			ncand;
	int			candcap;
	bool		too_many;
	int			hypothesis;		/* 0 direct, 1 positional, 2 split, 3 lost */
	bool		page_number_tried;	/* read once without a lone last figure */
	bool		by_equations;	/* its reading was chosen by equations: a
								 * lost cell, or digits cut more than one way */
	AltReading *alt;			/* nalt cuts of its digits before the
								 * equations, room for altcap */
	int			nalt;
	int			altcap;
	bool		alt_overflow;	/* more than MAX_CANDS of them */
	int			broken_rule;	/* rule its repair broke, left NULL (-1) */
	const char *broken_reading; /* that reading, if it was the only one */
} RowRead;

#define MAX_ROWS 64
#define MAX_EVENTS 20000
#define GD_MAX_NODES_PARSE 320

typedef struct Parser
{
	const GdParseOptions *opt;
	Arena	   *arena;
	GdParseResult *res;

	/* the working text: the input, its window, or HTML turned into text */
	const char *text;
	size_t		len;
	int			base_line;		/* lines before the working text */
	int		   *line_start;		/* byte offset of each working line */
	int			nlines;
	int		   *line_orig;		/* original line of each working line, or
								 * NULL when working line + base_line */

	Ch		   *ch;
	int			nch;
	int		   *w;				/* indexes of word characters in ch */
	int			nw;
	int		   *irr;			/* ascending indexes of characters that are
								 * not copies of the text's bytes right after
								 * the previous one: after dropped bytes, or
								 * standing for an invalid byte */
	int			nirr;
	int			irrcap;
	bool		backslash;		/* the working text has a '\\' byte (an
								 * escaped line needs one) */
	bool		html_cell_open; /* the HTML ends inside a cell (no </td>) */

	/* skeleton */
	Event	   *ev;
	int			nev;
	int			evcap;
	int			sec_start[7];	/* ch index of each section heading, -1 */
	int			sec_end[7];		/* ch index after the heading */
	int			sec_line[7];
	int			report_end;		/* ch index where the report ends */
	int			pre_end;		/* end of the preamble (title region) */
	int			last_section;

	unsigned	format;			/* GD_FMT_2019 / GD_FMT_2021 or 0 */
	bool		tables_seen;

	RowRead    *rows;
	int			nrows;
	int			maxrows;
	bool		disordered[5];	/* tables 2, 3 whose headers name their
								 * columns in another order: left NULL */
	int			hu_leaf[4];		/* amount leaves whose header unit is known */
	const char *hu_unit[4];		/* ... the unit it states, or NULL */
	int			hu_line[4];
	int			nhu;

	/* notes */
	GdParseNote *notes;
	int			nnotes;
	int			notecap;

	/* interrupts */
	long		work;

	bool		no_notes;		/* the caller wants no notes */
} Parser;

/*
 * Work between two calls of the interrupt callback.  The fuzzers build
 * with a small figure, so that a parse is cut short at many more places.
 */
#ifndef GD_PARSE_INTERRUPT_WORK
#define GD_PARSE_INTERRUPT_WORK 65536
#endif

/* Count work done; call the interrupt callback every so often. */
static void
check_interrupt(Parser *p, long amount)
{
	p->work += amount;
	if (p->work >= GD_PARSE_INTERRUPT_WORK)
	{
		p->work = 0;
		if (p->opt && p->opt->interrupt)
			p->opt->interrupt(p->opt->arg);
	}
}

/* English word for a note kind. */
const char *
gd_note_kind_name(GdNoteKind kind)
{
	switch (kind)
	{
		case GD_NOTE_REPAIR:
			return "repaired";
		case GD_NOTE_RECOVERED:
			return "recovered";
		case GD_NOTE_AMBIGUOUS:
			return "ambiguous";
		case GD_NOTE_UNREADABLE:
			return "unreadable";
		case GD_NOTE_DROPPED:
			return "dropped";
		case GD_NOTE_TRUNCATED:
			return "truncated";
		case GD_NOTE_INFO:
			return "info";
	}
	return "note";
}

/* Line (1-based, of the original input) of a working-text byte offset. */
static int
line_of_offset(Parser *p, size_t off)
{
	int			lo = 0,
				hi = p->nlines - 1;

	while (lo < hi)
	{
		int			mid = (lo + hi + 1) / 2;

		if ((size_t) p->line_start[mid] <= off)
			lo = mid;
		else
			hi = mid - 1;
	}
	if (p->line_orig)
		return p->line_orig[lo];
	return p->base_line + lo + 1;
}

/* Line (1-based, of the original input) of a character. */
static int
line_of_ch(Parser *p, int c)
{
	if (p->nch == 0)
		return p->base_line + 1;
	if (c >= p->nch)
		c = p->nch - 1;
	if (c < 0)
		c = 0;
	return line_of_offset(p, p->ch[c].off);
}

#define MAX_NOTES 2000

/* Record a note: line of the input, layout node (or -1), kind, text. */
static void
add_note_text(Parser *p, int line, int node, GdNoteKind kind, const char *fmt,...)
	__attribute__((format(printf, 5, 6)));

/*
 * add_note(p, line, node, kind, fmt, ...): record a note, unless the caller
 * wants none (its arguments, quotations of the text, are then not even
 * made).
 */
#define add_note(p, ...) \
	do { if (!(p)->no_notes) add_note_text((p), __VA_ARGS__); } while (0)

/* Record a note: line of the input, layout node (or -1), kind, text. */
static void
add_note_text(Parser *p, int line, int node, GdNoteKind kind, const char *fmt,...)
{
	va_list		ap;
	char		buf[1024];
	GdParseNote *n;

	if (p->nnotes >= MAX_NOTES)
		return;
	p->notes = arena_grow(p->arena, p->notes, p->nnotes, &p->notecap,
						  sizeof(GdParseNote), 32);
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	n = &p->notes[p->nnotes++];
	n->line = line;
	n->key_path = node > 0 ? gd_layout()->nodes[node].path : NULL;
	n->kind = kind;
	n->text = arena_strndup(p->arena, buf, strlen(buf));
	if (p->nnotes == MAX_NOTES)
	{
		n->text = "too many notes; later ones are not shown";
		n->kind = GD_NOTE_INFO;
		n->key_path = NULL;
	}
}

/* The text of ch range [a, b) as UTF-8 (the folded characters). */
static void
ch_text(Parser *p, int a, int b, Str *out, int maxchars)
{
	int			n = 0;

	for (int i = a; i < b && i < p->nch; i++)
	{
		uint32_t	cp = p->ch[i].cp;

		if (cp == '\n' || cp == '\t' || cp == 0x1f)
			cp = ' ';
		if (cp == ' ' && out->len > 0 && out->s[out->len - 1] == ' ')
			continue;
		if (maxchars > 0 && n >= maxchars)
		{
			str_add(out, "…", strlen("…"));
			break;
		}
		str_addcp(out, cp);
		n++;
	}
}

/* A short quotation of ch range [a, b), for notes. */
static const char *
quote(Parser *p, int a, int b, int maxchars)
{
	Str			s = {p->arena, NULL, 0, 0};

	str_add(&s, "", 0);
	ch_text(p, a, b, &s, maxchars);
	while (s.len > 0 && s.s[s.len - 1] == ' ')
		s.s[--s.len] = '\0';
	{
		size_t		k = 0;

		while (k < s.len && s.s[k] == ' ')
			k++;
		return s.s + k;
	}
}

/* ---------------------------------------------------------------------
 * 1. Prepare the text
 * ---------------------------------------------------------------------
 */

/* First occurrence of needle in hay[0..n), or -1. */
static long
find_bytes(const char *hay, size_t n, const char *needle)
{
	size_t		m = strlen(needle);
	const char *s = hay;
	const char *end = hay + n;

	if (m == 0 || n < m)
		return -1;
	while ((size_t) (end - s) >= m)
	{
		const char *c = memchr(s, needle[0], (size_t) (end - s) - m + 1);

		if (c == NULL)
			return -1;
		if (memcmp(c, needle, m) == 0)
			return (long) (c - hay);
		s = c + 1;
	}
	return -1;
}

/*
 * A text longer than GD_PARSE_WINDOW is read in a window that starts a
 * little before its first trace of a report.
 */
static void
choose_window(Parser *p, const char *text, size_t len, size_t *start, size_t *end)
{
	/*
	 * Byte strings that start a report in either script: the words 政府信息公
	 * and 第二十 (common to simplified and traditional), the heading of
	 * section 一 without its numbering, the header of table 三.
	 */
	const char *needles[] = {
		"政府信息公", "第二十", gd_sections[0].heading + strlen(gd_sections[0].numeral) +
		strlen("、"), gd_requests_header, NULL
	};
	long		first = -1;
	size_t		s,
				e;

	(void) p;
	*start = 0;
	*end = len;
	if (len <= GD_PARSE_WINDOW)
		return;
	for (int i = 0; needles[i]; i++)
	{
		long		f = find_bytes(text, len, needles[i]);

		if (f >= 0 && (first < 0 || f < first))
			first = f;
	}
	s = first > 65536 ? (size_t) first - 65536 : 0;
	/* start at a line, or at least at a character */
	{
		size_t		k = s;

		while (k > 0 && s - k < 4096 && text[k - 1] != '\n')
			k--;
		if (k == 0 || text[k - 1] == '\n')
			s = k;
		while (s < len && ((unsigned char) text[s] & 0xC0) == 0x80)
			s++;
	}
	e = s + GD_PARSE_WINDOW < len ? s + GD_PARSE_WINDOW : len;
	*start = s;
	*end = e;
}

/* Case-insensitive: does s (n bytes) start with the ASCII word w? */
static bool
starts_with_ci(const char *s, size_t n, const char *w)
{
	size_t		m = strlen(w);

	if (n < m)
		return false;
	for (size_t i = 0; i < m; i++)
	{
		char		c = s[i];

		if (c >= 'A' && c <= 'Z')
			c = (char) (c - 'A' + 'a');
		if (c != w[i])
			return false;
	}
	return true;
}

/* Does the text hold HTML (table cells, or paragraphs and breaks)? */
static bool
looks_like_html(const char *t, size_t n)
{
	int			tags = 0;
	size_t		limit = n < 200000 ? n : 200000;
	size_t		b = 0;

	/* a whole page: <!DOCTYPE html> or <html> first */
	if (n >= 3 && memcmp(t, "\xEF\xBB\xBF", 3) == 0)
		b = 3;
	while (b < n && (t[b] == ' ' || t[b] == '\t' || t[b] == '\r' || t[b] == '\n'))
		b++;
	if (starts_with_ci(t + b, n - b, "<!doctype html") || starts_with_ci(t + b, n - b, "<html"))
		return true;

	for (size_t i = 0; i + 3 < limit; i++)
	{
		const char *lt = memchr(t + i, '<', limit - 3 - i);

		if (lt == NULL)
			break;
		i = (size_t) (lt - t);
		if (starts_with_ci(t + i + 1, n - i - 1, "td") ||
			starts_with_ci(t + i + 1, n - i - 1, "table"))
			return true;
		if (starts_with_ci(t + i + 1, n - i - 1, "p>") ||
			starts_with_ci(t + i + 1, n - i - 1, "p ") ||
			starts_with_ci(t + i + 1, n - i - 1, "br") ||
			starts_with_ci(t + i + 1, n - i - 1, "div"))
			tags++;
		if (tags >= 5)
			return true;
	}
	return false;
}

/*
 * Turn HTML into the parser's text: a table row is a line, a cell starts
 * with U+001F, paragraphs and line breaks outside cells are lines, other
 * tags disappear and character references are decoded.  line_orig gets,
 * for each line of the result, its line in the input.
 */
static void
html_to_text(Parser *p, const char *t, size_t n, int first_line, Str *out,
			 int **line_orig, int *nlines)
{
	int			cap = 1024,
				nl = 0;
	int		   *lo = arena_alloc(p->arena, sizeof(int) * cap);
	int			line = first_line;
	bool		in_cell = false;
	bool		comment_unclosed = false;
	size_t		i = 0;

	lo[nl++] = line;
	str_reserve(out, n / 2 + 16);
	while (i < n)
	{
		unsigned char c = (unsigned char) t[i];

		if ((i & 0xFFFF) == 0)
			check_interrupt(p, 4096);
		if (c == '\n')
			line++;
		if (c == '<')
		{
			size_t		j = i + 1;
			bool		closing = false;
			char		name[12];
			int			k = 0;
			const char *gt;

			/*
			 * a comment (<!-- … -->, also <!--> and <!--->) or the
			 * <!DOCTYPE …>: markup, no text.  Once a comment has no end, no
			 * later one has: not searched again.
			 */
			if (j < n && t[j] == '!')
			{
				bool		comment = n - j >= 3 && t[j + 1] == '-' && t[j + 2] == '-';
				long		e = -1;
				const char *end = NULL;

				if (comment && !comment_unclosed)
				{
					e = find_bytes(t + j + 1, n - j - 1, "-->");
					comment_unclosed = (e < 0);
				}
				if (comment && e >= 0)
					end = t + j + 1 + e + 2;
				else if (!comment && starts_with_ci(t + j + 1, n - j - 1, "doctype"))
					end = memchr(t + j, '>', (n - j) < 4096 ? n - j : 4096);
				if (end != NULL)
				{
					for (const char *q = t + i; q < end; q++)
						if (*q == '\n')
							line++;
					i = (size_t) (end - t) + 1;
					continue;
				}
			}
			if (j < n && t[j] == '/')
			{
				closing = true;
				j++;
			}
			while (j < n && k < 11 && ((t[j] >= 'a' && t[j] <= 'z') ||
									   (t[j] >= 'A' && t[j] <= 'Z') ||
									   (t[j] >= '0' && t[j] <= '9')))
			{
				char		ch = t[j];

				if (ch >= 'A' && ch <= 'Z')
					ch = (char) (ch - 'A' + 'a');
				name[k++] = ch;
				j++;
			}
			name[k] = '\0';
			gt = k > 0 ? memchr(t + j, '>', (n - j) < 4096 ? n - j : 4096) : NULL;
			if (gt == NULL)
			{
				str_addc(out, (char) c);
				i++;
				continue;
			}
			for (const char *q = t + i; q < gt; q++)
				if (*q == '\n')
					line++;
			i = (size_t) (gt - t) + 1;
			if (strcmp(name, "script") == 0 || strcmp(name, "style") == 0)
			{
				if (!closing)
				{
					/* skip to the closing tag */
					long		e = find_bytes(t + i, n - i, "</");

					while (e >= 0 && !starts_with_ci(t + i + e + 2, n - i - e - 2, name))
					{
						long		e2 = find_bytes(t + i + e + 2, n - i - e - 2, "</");

						e = e2 < 0 ? -1 : e + 2 + e2;
					}
					if (e >= 0)
					{
						for (long q = 0; q < e; q++)
							if (t[i + q] == '\n')
								line++;
						i += (size_t) e;
					}
				}
				continue;
			}
			if (strcmp(name, "td") == 0 || strcmp(name, "th") == 0)
			{
				if (!closing)
					str_addc(out, 0x1f);
				in_cell = !closing;
				continue;
			}
			if (strcmp(name, "tr") == 0 || strcmp(name, "table") == 0 ||
				strcmp(name, "title") == 0 ||
				(!in_cell && (strcmp(name, "p") == 0 || strcmp(name, "br") == 0 ||
							  strcmp(name, "div") == 0 || strcmp(name, "li") == 0 ||
							  (name[0] == 'h' && name[1] >= '1' && name[1] <= '6' &&
							   name[2] == '\0'))))
			{
				if (out->len > 0 && out->s[out->len - 1] != '\n')
				{
					str_addc(out, '\n');
					if (nl == cap)
					{
						int		   *nlo = arena_alloc(p->arena, sizeof(int) * cap * 2);

						memcpy(nlo, lo, sizeof(int) * cap);
						lo = nlo;
						cap *= 2;
					}
					lo[nl++] = line;
				}
				continue;
			}
			if (in_cell && (strcmp(name, "p") == 0 || strcmp(name, "br") == 0 ||
							strcmp(name, "div") == 0))
				str_addc(out, ' ');
			continue;
		}
		if (c == '&')
		{
			static const struct
			{
				const char *name;
				const char *rep;
			}			ent[] = {
				{"&nbsp;", " "}, {"&lt;", "<"}, {"&gt;", ">"}, {"&amp;", "&"},
				{"&quot;", "\""}, {"&apos;", "'"}, {"&#39;", "'"}, {"&ensp;", " "},
				{"&emsp;", " "}, {"&mdash;", "—"}, {"&ldquo;", "“"}, {"&rdquo;", "”"},
				{NULL, NULL}
			};
			bool		done = false;

			for (int e = 0; ent[e].name; e++)
				if (starts_with_ci(t + i, n - i, ent[e].name))
				{
					str_add(out, ent[e].rep, strlen(ent[e].rep));
					i += strlen(ent[e].name);
					done = true;
					break;
				}
			if (!done && i + 2 < n && t[i + 1] == '#')
			{
				size_t		j = i + 2;
				uint32_t	v = 0;
				bool		hex = (t[j] == 'x' || t[j] == 'X');
				int			digits = 0;

				if (hex)
					j++;
				while (j < n && digits < 7)
				{
					char		d = t[j];
					int			dv;

					if (d >= '0' && d <= '9')
						dv = d - '0';
					else if (hex && d >= 'a' && d <= 'f')
						dv = d - 'a' + 10;
					else if (hex && d >= 'A' && d <= 'F')
						dv = d - 'A' + 10;
					else
						break;
					v = v * (hex ? 16 : 10) + (uint32_t) dv;
					digits++;
					j++;
				}
				if (digits > 0 && j < n && t[j] == ';' && v > 0 && v <= 0x10FFFF &&
					!(v >= 0xD800 && v <= 0xDFFF))
				{
					str_addcp(out, v < 0x20 ? ' ' : v);
					i = j + 1;
					done = true;
				}
			}
			if (done)
				continue;
		}
		if (c == '\n' || c == '\r' || c == '\t')
		{
			str_addc(out, ' ');
			i++;
			continue;
		}
		if (c == '\\' && i + 1 < n && (t[i + 1] == '"' || t[i + 1] == '\''))
		{
			/* a quote escaped by the JavaScript string the page came in */
			i++;
			continue;
		}
		str_addc(out, (char) c);
		i++;
	}
	*line_orig = lo;
	*nlines = nl;
	p->html_cell_open = in_cell;
}

/* Lowercase pinyin letter, with or without tone mark?  *tone if marked. */
static bool
pinyin_letter(uint32_t cp, bool *tone)
{
	static const uint32_t marked[] = {
		0x101, 0xE1, 0x1CE, 0xE0, 0x113, 0xE9, 0x11B, 0xE8, 0x12B, 0xED,
		0x1D0, 0xEC, 0x14D, 0xF3, 0x1D2, 0xF2, 0x16B, 0xFA, 0x1D4, 0xF9,
		0x1D6, 0x1D8, 0x1DA, 0x1DC, 0xFC, 0x144, 0x148, 0x1F9, 0x1E3F, 0
	};

	if (cp >= 'a' && cp <= 'z')
		return true;
	for (int i = 0; marked[i]; i++)
		if (cp == marked[i])
		{
			*tone = true;
			return true;
		}
	return false;
}

/*
 * Inline pinyin after an ideograph: "(qū)".  t points at the byte after
 * the opening parenthesis (ASCII or full-width); returns the bytes to skip
 * from there (closing parenthesis included), or 0.
 */
static size_t
pinyin_annotation(const char *t, size_t n)
{
	size_t		i = 0;
	int			letters = 0;
	bool		tone = false;

	while (i < n && letters <= 7)
	{
		uint32_t	cp;
		int			k = gd_utf8_decode((const unsigned char *) t + i, n - i, &cp);

		if (cp == ')' || cp == 0xFF09)
			return (letters > 0 && tone) ? i + (size_t) k : 0;
		if (!pinyin_letter(cp, &tone))
			return 0;
		letters++;
		i += (size_t) k;
	}
	return 0;
}

/* Mark the next character read as irregular (see Parser.irr). */
static inline void
mark_irregular(Parser *p, int nch)
{
	if (p->nirr == 0 || p->irr[p->nirr - 1] != nch)
	{
		p->irr = arena_grow(p->arena, p->irr, p->nirr, &p->irrcap, sizeof(int), 16);
		p->irr[p->nirr++] = nch;
	}
}

/*
 * A run of ideographs that fold to themselves (three-byte UTF-8, U+4E00 to
 * U+9FFF: most CJK text) from t[i], before lim: each is a character and a
 * word.  Returns where the run ends; *nch and *nw are advanced.
 */
static inline size_t
decode_ideographs(const unsigned char *t, size_t i, size_t lim, Ch *restrict ch,
				  int *restrict w, int *nch, int *nw)
{
	int			c = *nch,
				k = *nw;

	while (i + 2 < lim)
	{
		uint32_t	b0 = t[i],
					b1 = t[i + 1],
					b2 = t[i + 2];
		uint32_t	cp = ((b0 & 0x0F) << 12) | ((b1 & 0x3F) << 6) | (b2 & 0x3F);

		if ((b0 & 0xF0) != 0xE0 || (b1 & 0xC0) != 0x80 || (b2 & 0xC0) != 0x80 ||
			cp - 0x4E00 > 0x9FFF - 0x4E00 || ((gd_fold_bmp[cp >> 6] >> (cp & 63)) & 1))
			break;
		w[k++] = c;
		ch[c].cp = cp;
		ch[c].off = (uint32_t) i;
		c++;
		i += 3;
	}
	*nch = c;
	*nw = k;
	return i;
}

/*
 * Decode and fold the working text into p->ch, and index its lines.  The
 * common characters (ideographs that fold to themselves: most CJK text)
 * take a short path; the rest go through gd_utf8_decode and gd_fold.  The
 * text is read in chunks of 16 KB, between which query cancel is checked.
 */
static void
decode_text(Parser *p)
{
	const unsigned char *t = (const unsigned char *) p->text;
	size_t		n = p->len;
	size_t		i = 0;
	int			lcap = 256;
	Ch		   *ch;
	int		   *w;
	int			nch = 0,
				nw = 0;

	if (!gd_fold_ready)
		gd_fold_init();
	p->backslash = memchr(t, '\\', n) != NULL;
	ch = p->ch = arena_alloc_raw(p->arena, sizeof(Ch) * (n + 1));
	w = p->w = arena_alloc_raw(p->arena, sizeof(int) * (n + 1));
	if (p->line_orig == NULL)
	{
		p->line_start = arena_alloc(p->arena, sizeof(int) * lcap);
		p->nlines = 0;
		p->line_start[p->nlines++] = 0;
	}
	while (i < n)
	{
		size_t		lim = (i | 0x3FFF) + 1;

		if (lim > n)
			lim = n;
		check_interrupt(p, 0x4000);
		while (i < lim)
		{
			uint32_t	cp;
			int			k;
			uint32_t	f;
			unsigned char c = t[i];

			if ((c & 0xF0) == 0xE0)
			{
				size_t		e = decode_ideographs(t, i, n < lim + 2 ? n : lim + 2, ch, w,
												  &nch, &nw);

				if (e != i)
				{
					i = e;
					continue;
				}
				k = gd_utf8_decode(t + i, n - i, &cp);
			}
			else if (c < 0x80)
			{
				cp = c;
				k = 1;
				if (c == '\n')
				{
					if (p->line_orig == NULL)
					{
						if (p->nlines == lcap)
						{
							int		   *nls = arena_alloc(p->arena, sizeof(int) * lcap * 2);

							memcpy(nls, p->line_start, sizeof(int) * lcap);
							p->line_start = nls;
							lcap *= 2;
						}
						p->line_start[p->nlines++] = (int) (i + 1);
					}
					ch[nch].cp = '\n';
					ch[nch].off = (uint32_t) i;
					nch++;
					i++;
					continue;
				}
				if (c == '\r')
				{
					i++;
					mark_irregular(p, nch);
					continue;
				}
			}
			else
				k = gd_utf8_decode(t + i, n - i, &cp);
			if (cp == GD_REPLACEMENT_CHAR && k == 1)
				mark_irregular(p, nch);	/* U+FFFD stands for an invalid byte */
			f = gd_fold(cp);
			if (f == 0)
			{
				i += (size_t) k;
				mark_irregular(p, nch);
				continue;
			}
			if (f < 0x20 && f != '\t' && f != 0x1f)
				f = ' ';
			if (f == '(' && nch > 0 && gd_is_ideograph(ch[nch - 1].cp))
			{
				size_t		skip = pinyin_annotation(p->text + i + k, n - i - (size_t) k);

				if (skip > 0)
				{
					i += (size_t) k + skip;
					mark_irregular(p, nch);
					continue;
				}
			}
			if (gd_is_word(f))
				w[nw++] = nch;
			ch[nch].cp = f;
			ch[nch].off = (uint32_t) i;
			nch++;
			i += (size_t) k;
		}
	}
	ch[nch].cp = 0;
	ch[nch].off = (uint32_t) n;
	p->nch = nch;
	p->nw = nw;
}

/* Working text offsets of lines when the text was produced from HTML. */
static void
index_derived_lines(Parser *p)
{
	int			n = 1;

	for (size_t i = 0; i < p->len; i++)
		if (p->text[i] == '\n')
			n++;
	p->line_start = arena_alloc(p->arena, sizeof(int) * n);
	p->nlines = 0;
	p->line_start[p->nlines++] = 0;
	for (size_t i = 0; i < p->len; i++)
		if (p->text[i] == '\n' && p->nlines < n)
			p->line_start[p->nlines++] = (int) (i + 1);
}

/* ---------------------------------------------------------------------
 * 2. The labels to look for, built once from the layout
 * ---------------------------------------------------------------------
 */
#define MAX_PATTERNS 320
#define PATTERN_POOL 8192
#define FIRST_HASH 1024

static Pattern patterns[MAX_PATTERNS];
static int	npatterns = 0;
static uint32_t pattern_pool[PATTERN_POOL];
static int	pool_used = 0;
static int	by_first[MAX_PATTERNS];	/* pattern ids sorted by first cp, length */
static struct
{
	uint32_t	cp;
	int			start;
	int			count;
}			first_hash[FIRST_HASH];
static uint64_t first_bitmap[65536 / 64];
static int	max_pattern_len = 0;

static bool patterns_built = false;

/* Nodes the parser fills by name, looked up once. */
static int	node_appeals,
			node_fee,
			node_narrative[7];
static const char *first_block_heading;

/* Section heading cores, folded: sec_core[n] for section n (1..6). */
static uint32_t sec_core[7][48];
static int	sec_core_len[7];

/* A Chinese numeral 一 … 十? */
static bool
is_cn_numeral(uint32_t cp)
{
	return cp == 0x4E00 || cp == 0x4E8C || cp == 0x4E09 || cp == 0x56DB ||
		cp == 0x4E94 || cp == 0x516D || cp == 0x4E03 || cp == 0x516B ||
		cp == 0x4E5D || cp == 0x5341;	/* 一二三四五六七八九十 */
}

/*
 * The folded core of a label: its word characters after the leading
 * numbering ("一、", "（一）", "1.") is taken off.  Returns the core length;
 * numeral gets the numbering's characters.
 */
static int
label_core(const char *label, uint32_t *core, int maxcore, uint32_t *numeral,
		   int *nnumeral)
{
	uint32_t	cps[256];
	int			n = 0,
				i = 0,
				len = 0;
	size_t		b = 0,
				blen = strlen(label);

	while (b < blen && n < 256)
	{
		uint32_t	cp,
					f;

		b += (size_t) gd_utf8_decode((const unsigned char *) label + b, blen - b, &cp);
		f = gd_fold(cp);
		if (f)
			cps[n++] = f;
	}
	*nnumeral = 0;
	/* (numeral) */
	if (n > 2 && cps[0] == '(')
	{
		int			j = 1;

		while (j < n && (is_cn_numeral(cps[j]) || (cps[j] >= '0' && cps[j] <= '9')))
			j++;
		if (j > 1 && j < n && cps[j] == ')')
		{
			for (int k = 1; k < j && k < 5; k++)
				numeral[(*nnumeral)++] = cps[k];
			i = j + 1;
		}
	}
	else
	{
		int			j = 0;

		while (j < n && (is_cn_numeral(cps[j]) || (cps[j] >= '0' && cps[j] <= '9')))
			j++;
		if (j > 0 && j < n && (cps[j] == 0x3001 || cps[j] == '.'))
		{
			for (int k = 0; k < j && k < 4; k++)
				numeral[(*nnumeral)++] = cps[k];
			i = j + 1;
		}
	}
	for (; i < n && len < maxcore; i++)
		if (gd_is_word(cps[i]))
			core[len++] = cps[i];
	return len;
}

/* Add a label of the layout to look for, with its meaning. */
static void
add_pattern(const char *text, EvKind kind, int node, int table, unsigned formats,
			int col, bool grouped)
{
	uint32_t	core[128];
	uint32_t	numeral[4];
	int			nnumeral;
	int			len = label_core(text, core, 128, numeral, &nnumeral);
	Pattern    *pt = NULL;

	if (len == 0 || formats == 0)
		return;
	for (int i = 0; i < npatterns; i++)
		if (patterns[i].len == len &&
			memcmp(patterns[i].cp, core, sizeof(uint32_t) * len) == 0)
		{
			pt = &patterns[i];
			break;
		}
	if (pt == NULL)
	{
		if (npatterns >= MAX_PATTERNS || pool_used + len > PATTERN_POOL)
			return;				/* cannot happen with the layout's size */
		pt = &patterns[npatterns++];
		memset(pt, 0, sizeof(*pt));
		pt->cp = &pattern_pool[pool_used];
		memcpy(pt->cp, core, sizeof(uint32_t) * len);
		pool_used += len;
		pt->len = len;
		pt->text = text;
		memcpy(pt->numeral, numeral, sizeof(numeral));
		pt->nnumeral = nnumeral;
		pt->numeral_ascii = nnumeral > 0 && numeral[0] < 0x80;
		if (len > max_pattern_len)
			max_pattern_len = len;
	}
	/* the same meaning twice (a label shared by many rows) once */
	for (int m = 0; m < pt->nm; m++)
		if (pt->m[m].kind == kind && pt->m[m].table == table &&
			(kind != EV_ROW || pt->m[m].node == node))
		{
			pt->m[m].formats |= formats;
			/* a header over several columns: its first */
			if (pt->m[m].col == -2)
				;				/* headers of two kinds: not checked */
			else if (pt->m[m].grouped != grouped)
				pt->m[m].col = -2;
			else if (col >= 0 && (pt->m[m].col < 0 || col < pt->m[m].col))
				pt->m[m].col = col;
			return;
		}
	if (pt->nm < MAX_MEANINGS)
	{
		Meaning    *m = &pt->m[pt->nm++];

		m->kind = kind;
		m->node = node;
		m->table = table;
		m->formats = formats;
		m->col = col;
		m->grouped = grouped;
	}
	/* a numbering found on another label with the same core is kept */
	if (pt->nnumeral == 0 && nnumeral > 0)
	{
		memcpy(pt->numeral, numeral, sizeof(numeral));
		pt->nnumeral = nnumeral;
		pt->numeral_ascii = numeral[0] < 0x80;
	}
}

static int	row_cells(unsigned fmt, int node, int *leaf);

/*
 * The cell a leaf is in its row, in the format(s) it belongs to (-2 if the
 * formats put it in different places, -1 if none).
 */
static int
header_col(const GdNode *n)
{
	int			col = -1;

	for (unsigned fmt = GD_FMT_2019; fmt <= GD_FMT_2021; fmt <<= 1)
	{
		int			leaf[MAX_ROW_CELLS];
		int			nc;

		if (!(n->formats & fmt))
			continue;
		nc = row_cells(fmt, n->parent, leaf);
		for (int k = 0; k < nc; k++)
			if (leaf[k] == n->leaf)
			{
				if (col != -1 && col != k)
					return -2;
				col = k;
			}
	}
	return col;
}

/* Is node a row of a table: a composite whose children are leaves? */
static bool
is_table_row(const GdLayout *L, int node)
{
	const GdNode *n = &L->nodes[node];

	return n->leaf < 0 && n->nleaves > 0 && node + 1 < L->nnodes &&
		L->nodes[node + 1].leaf >= 0 && L->nodes[node + 1].parent == node;
}

/* qsort order: by first code point, longer patterns first. */
static int
cmp_first(const void *a, const void *b)
{
	const Pattern *x = &patterns[*(const int *) a];
	const Pattern *y = &patterns[*(const int *) b];

	if (x->cp[0] != y->cp[0])
		return x->cp[0] < y->cp[0] ? -1 : 1;
	return y->len - x->len;
}

/*
 * Add a field's labels (2021, 2019, short form, aliases) with their formats;
 * a column header's with its column (col, grouped: Meaning).
 */
static void
add_field_labels(const GdNode *n, EvKind kind, int node, int table, int col, bool grouped)
{
	const GdField *f = n->field;
	unsigned	fl = n->formats & (f->label_2019 ? ~(unsigned) GD_FMT_2019 : ~0u);

	add_pattern(f->label, kind, node, table, fl, col, grouped);
	if (f->short_label)
		add_pattern(f->short_label, kind, node, table, fl, col, grouped);
	if (f->label_2019)
		add_pattern(f->label_2019, kind, node, table, n->formats & GD_FMT_2019, col, grouped);
	if (f->aliases)
		for (int a = 0; f->aliases[a]; a++)
			add_pattern(f->aliases[a], kind, node, table, n->formats, col, grouped);
}

/* The section of a numeral 一 … 六 (1 … 6), or 0. */
static int
section_numeral(uint32_t cp)
{
	switch (cp)
	{
		case 0x4E00:
			return 1;
		case 0x4E8C:
			return 2;
		case 0x4E09:
			return 3;
		case 0x56DB:
			return 4;
		case 0x4E94:
			return 5;
		case 0x516D:
			return 6;
	}
	return 0;
}

/* The section numerals 一 … 六, as bits from U+4E00 (built with the patterns). */
static uint64_t section_bitmap[(0x56DB - 0x4E00) / 64 + 1];

/* Build, once, the labels to look for and the section headings, from the layout. */
static void
build_patterns(void)
{
	const GdLayout *L = gd_layout();

	for (int i = 1; i < L->nnodes; i++)
	{
		const GdNode *n = &L->nodes[i];
		const GdField *f = n->field;
		int			sec = n->section;
		int			col;

		if (sec < 2 || sec > 4)
			continue;
		/* a column's place in its row, checked against the headers (2, 3) */
		col = (n->leaf >= 0 && sec != 4) ? header_col(n) : -1;

		if (f->heading && sec == 2)
			add_pattern(f->heading, EV_BLOCK, i, 2, n->formats, -1, false);
		else if (f->heading && sec == 3)
			add_pattern(f->heading, EV_GROUP, -1, 3, n->formats, -1, false);
		if (f->header_group)
			add_pattern(f->header_group, EV_HEADER, -1, sec, n->formats, col, false);
		if (n->leaf >= 0)
		{
			if (f->kind != GD_TEXT)
				add_field_labels(n, EV_HEADER, -1, sec, col, f->header_group != NULL);
		}
		else if (f->flags & GD_GROUP)
			add_field_labels(n, EV_GROUP, i, sec, -1, false);
		else if (is_table_row(L, i))
			add_field_labels(n, sec == 4 ? EV_HEADER : EV_ROW, sec == 4 ? -1 : i, sec, -1, false);
	}
	/*
	 * Top-level fields by what they are: the table of section 四, the
	 * narratives (text) of sections 一, 五, 六, the amount of section 六,
	 * the first block heading of table 二.
	 */
	for (int i = 1; i < L->nnodes; i++)
	{
		const GdNode *n = &L->nodes[i];

		if (n->depth == 1 && n->section == 4 && n->leaf < 0)
			node_appeals = i;
		else if (n->depth == 1 && n->field->kind == GD_TEXT && n->section > 0)
			node_narrative[n->section] = i;
		else if (n->depth == 1 && n->field->kind == GD_NUMERIC && n->section == 6)
			node_fee = i;
		if (first_block_heading == NULL && n->section == 2 && n->field->heading)
			first_block_heading = n->field->heading;
	}
	add_pattern(gd_requests_note, EV_HEADER, -1, 3, GD_FMT_BOTH, -1, false);
	add_pattern(gd_requests_header, EV_HEADER, -1, 3, GD_FMT_BOTH, -1, false);
	add_pattern(gd_proactive_first_column, EV_HEADER, -1, 2, GD_FMT_BOTH, -1, false);

	for (int i = 0; i < npatterns; i++)
		by_first[i] = i;
	qsort(by_first, npatterns, sizeof(int), cmp_first);
	for (int i = 0; i < npatterns; i++)
	{
		uint32_t	cp = patterns[by_first[i]].cp[0];
		unsigned	h = (cp * 2654435761u) & (FIRST_HASH - 1);

		while (first_hash[h].count > 0 && first_hash[h].cp != cp)
			h = (h + 1) & (FIRST_HASH - 1);
		if (first_hash[h].count == 0)
		{
			first_hash[h].cp = cp;
			first_hash[h].start = i;
		}
		first_hash[h].count++;
		if (cp < 65536)
			first_bitmap[cp >> 6] |= (uint64_t) 1 << (cp & 63);

	}

	for (uint32_t cp = 0x4E00; cp <= 0x56DB; cp++)
		if (section_numeral(cp))
			section_bitmap[(cp - 0x4E00) >> 6] |= (uint64_t) 1 << ((cp - 0x4E00) & 63);
	for (int s = 0; s < 6; s++)
	{
		uint32_t	numeral[4];
		int			nn;

		sec_core_len[s + 1] = label_core(gd_sections[s].heading, sec_core[s + 1], 48,
										 numeral, &nn);
	}
	patterns_built = true;
}

/* Patterns whose core starts with cp: *count of them from by_first[start]. */
static inline int
patterns_for(uint32_t cp, int *count)
{
	unsigned	h;

	if (cp < 65536 && !(first_bitmap[cp >> 6] & ((uint64_t) 1 << (cp & 63))))
	{
		*count = 0;
		return 0;
	}
	h = (cp * 2654435761u) & (FIRST_HASH - 1);
	while (first_hash[h].count > 0)
	{
		if (first_hash[h].cp == cp)
		{
			*count = first_hash[h].count;
			return first_hash[h].start;
		}
		h = (h + 1) & (FIRST_HASH - 1);
	}
	*count = 0;
	return 0;
}

/* ---------------------------------------------------------------------
 * 3. The skeleton: section headings and table labels
 * ---------------------------------------------------------------------
 */

/* First index k of ascending arr[0..n) with arr[k] >= v, or n. */
static int
lower_bound(const int *arr, int n, int v)
{
	int			lo = 0,
				hi = n;

	while (lo < hi)
	{
		int			mid = (lo + hi) / 2;

		if (arr[mid] < v)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* First index k of p->w with p->w[k] >= c. */
static int
word_index_at(Parser *p, int c)
{
	return lower_bound(p->w, p->nw, c);
}

/*
 * Does a section heading of section n start at word index k?  The words
 * that follow are compared with the official heading by their longest
 * common subsequence; headings vary ("四、因政府信息公开工作被申请行政
 * 复议和提起行政诉讼情况") but keep most of the official words in order.
 * Returns the number of words the heading takes, or 0.
 */
static int
heading_match(Parser *p, int n, int k, int *score)
{
	const uint32_t *o = sec_core[n];
	int			L = sec_core_len[n];
	int			M = L + 12;
	int			prev[64],
				cur[64];
	int			best = 0,
				best_j = 0;
	bool		first_in = false;

	if (k >= p->nw || L == 0)
		return 0;
	if (M > p->nw - k)
		M = p->nw - k;
	/* the heading's words start within its first characters */
	for (int j = 0; j < 10 && j < M && !first_in; j++)
		for (int i = 0; i < L; i++)
			if (o[i] == p->ch[p->w[k + j]].cp)
				first_in = true;
	if (!first_in)
		return 0;
	/* a heading does not run across a line break into a paragraph */
	memset(prev, 0, sizeof(prev));
	for (int j = 1; j <= M; j++)
	{
		int			at = p->w[k + j - 1];
		uint32_t	c = p->ch[at].cp;

		/* a heading does not run into the numbering of another (一、) */
		if (j > 1 && section_numeral(c) && at + 1 < p->nch &&
			(p->ch[at + 1].cp == 0x3001 || p->ch[at + 1].cp == '.' ||
			 p->ch[at + 1].cp == ',') &&
			!(at > 0 && (is_cn_numeral(p->ch[at - 1].cp) || p->ch[at - 1].cp == 0x7B2C)))
			break;

		cur[0] = 0;
		for (int i = 1; i <= L; i++)
		{
			if (o[i - 1] == c)
				cur[i] = prev[i - 1] + 1;
			else
				cur[i] = cur[i - 1] > prev[i] ? cur[i - 1] : prev[i];
		}
		if (cur[L] > best)
		{
			best = cur[L];
			best_j = j;
		}
		memcpy(prev, cur, sizeof(int) * (L + 1));
	}
	if (score)
		*score = best;
	if (best * 5 < L * 3)
		return 0;
	return best_j;
}

/* A new, zeroed label event. */
static Event *
new_event(Parser *p)
{
	p->ev = arena_grow(p->arena, p->ev, p->nev, &p->evcap, sizeof(Event), 128);
	memset(&p->ev[p->nev], 0, sizeof(Event));
	return &p->ev[p->nev++];
}

static int	find_word(Parser *p, int a, int b, const char *word);
static int	section_text_end(Parser *p, int sec);

/*
 * Does the text end at ch index c, but for separators a number could go on
 * after (1,234 or 17.5 cut after the comma or point) and line breaks (a
 * text cut short may be given a final line break, as editors do)?  A cell
 * border, a tab or a space after a figure closes its cell; in HTML, where
 * spaces and line breaks are alike, only the end of the cell does (</td>,
 * which leaves no trace in the text read): the HTML must end inside one.
 */
static bool
ends_the_text(Parser *p, int c)
{
	bool		html = p->line_orig != NULL;

	if (html && !p->html_cell_open)
		return false;
	for (; c < p->nch; c++)
		if (p->ch[c].cp != ',' && p->ch[c].cp != '.' && p->ch[c].cp != '\n' &&
			!(html && p->ch[c].cp == ' '))
			return false;
	return true;
}

/* Trimmed from the start of a line: spaces, cell borders, heading marks. */
static inline bool
is_line_lead(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == 0x1f || cp == '#' || cp == '|';
}

/* Trimmed from the end of a line: spaces and cell borders. */
static inline bool
is_line_trail(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == 0x1f || cp == '|';
}

/* The line of ch range [ls, le) without its lead and trail: [*x, *y). */
static void
trim_line(Parser *p, int ls, int le, int *x, int *y)
{
	int			a = ls,
				b = le;

	while (a < b && is_line_lead(p->ch[a].cp))
		a++;
	while (b > a && is_line_trail(p->ch[b - 1].cp))
		b--;
	*x = a;
	*y = b;
}

/*
 * Does a (trimmed) line starting at ch index x hold an escaped value, as
 * render_report writes a text that a reader could take for structure: a
 * backslash first (docs/render.md)?  Nothing in such a line is a heading,
 * a label or a statement; its text is the value gd_unescape() gives.
 */
static inline bool
escaped_at(Parser *p, int x)
{
	return x < p->nch && p->ch[x].cp == '\\' && p->text[p->ch[x].off] == '\\';
}

/* Where in_escaped_line has looked: the line it is in, how far it has read. */
typedef struct LineCache
{
	int			start;			/* start of the line of 'seen', or -1 */
	int			seen;			/* characters before this one were read */
} LineCache;

/*
 * Is ch index c in an escaped line?  lc caches the start of c's line
 * (start it at {-1, 0}; c must not decrease between calls), so that a walk
 * over the text reads it once.
 */
static bool
in_escaped_line(Parser *p, int c, LineCache *lc)
{
	int			x;

	if (!p->backslash)
		return false;
	if (lc->start < 0 || lc->start > c || lc->seen > c)
	{
		lc->start = c;
		while (lc->start > 0 && p->ch[lc->start - 1].cp != '\n')
			lc->start--;
	}
	else
		for (int k = lc->seen; k < c; k++)
			if (p->ch[k].cp == '\n')
				lc->start = k + 1;
	lc->seen = c;
	x = lc->start;
	while (x < c && is_line_lead(p->ch[x].cp))
		x++;
	return x < c && escaped_at(p, x);
}

/* GdBuf growth for gd_unescape: the buffer is sized beforehand, never grown. */
static void *
no_grow(void *ptr, size_t size, void *arg)
{
	(void) ptr;
	(void) size;
	(void) arg;
	return NULL;
}

/*
 * The value of an escaped text at ch range [x, y) (x holds the backslash),
 * appended to out; false, appending nothing, when the range is not a
 * well-formed escaped value of valid UTF-8 (it is then plain text).  The
 * value is taken from the text's own bytes, so nothing of it is folded,
 * dropped or trimmed.
 */
static bool
escaped_text(Parser *p, int x, int y, Str *out)
{
	const unsigned char *t = (const unsigned char *) p->text;
	size_t		from,
				to;
	uint32_t	cp;
	GdBuf		buf;

	if (y <= x || !escaped_at(p, x))
		return false;
	/*
	 * From after the backslash to the next character read: what the folding
	 * dropped on the way (inline pinyin, invisible characters) is the value's.
	 */
	from = p->ch[x].off + 1;
	to = y < p->nch ? p->ch[y].off : p->len;
	while (to > from && t[to - 1] == '\r')
		to--;
	/* no control character or invalid UTF-8 in the escaped form */
	for (size_t i = from; i < to;)
	{
		int			k = gd_utf8_decode(t + i, to - i, &cp);

		if (cp < 0x20 || cp == 0x7f || (cp == GD_REPLACEMENT_CHAR && k == 1))
			return false;
		i += (size_t) k;
	}
	buf.data = arena_alloc_raw(p->arena, to - from + 1);
	buf.len = 0;
	buf.cap = to - from + 1;
	buf.max = 0;
	buf.failed = false;
	buf.grow = no_grow;
	buf.arg = NULL;
	if (!gd_unescape(p->text + from, to - from, &buf) || buf.failed ||
		memchr(buf.data, '\0', buf.len) != NULL)
		return false;
	str_add(out, buf.data, buf.len);
	return true;
}

/*
 * Find the section headings, in order.  A heading whose number is not
 * above the last one is not a heading, except 一 after the tables: that
 * is a second report, where this one ends.
 */
static void paren_sections(Parser *p);

static void
find_sections(Parser *p)
{
	int			cur = 0;
	LineCache	esc = {-1, 0};

	for (int s = 0; s <= 6; s++)
	{
		p->sec_start[s] = -1;
		p->sec_end[s] = -1;
		p->sec_line[s] = 0;
	}
	p->report_end = p->nch;
	for (int c = 0; c + 1 < p->nch; c++)
	{
		int			n;
		uint32_t	next;
		int			k,
					take;

		/* 一二三四五六 lie in U+4E00..U+56DB; a bitmap of them */
		if (p->ch[c].cp - 0x4E00 > 0x56DB - 0x4E00 ||
			!(section_bitmap[(p->ch[c].cp - 0x4E00) >> 6] &
			  ((uint64_t) 1 << ((p->ch[c].cp - 0x4E00) & 63))))
			continue;
		n = section_numeral(p->ch[c].cp);
		next = p->ch[c + 1].cp;
		if (n == 0 || !(next == 0x3001 || next == '.' || next == ','))
			continue;
		if (c > 0 && (is_cn_numeral(p->ch[c - 1].cp) || p->ch[c - 1].cp == 0x7B2C))
			continue;			/* 十一、 or 第一 */
		/* 一 again is a second report only after the tables */
		if (n <= cur && !(n == 1 && cur >= 4))
			continue;
		/* "统一," is a word and a comma, not a numbered heading */
		if (next == ',' && c > 0 && gd_is_ideograph(p->ch[c - 1].cp))
			continue;
		k = word_index_at(p, c + 2);
		take = heading_match(p, n, k, NULL);
		if (take == 0)
			continue;
		/* an escaped line is a narrative's text */
		if (in_escaped_line(p, c, &esc))
			continue;
		if (n <= cur)
		{
			if (cur >= 2)
			{
				/* the second report's title, a few lines up, is its own */
				int			ls = c,
							lines = 0;

				while (ls > p->sec_end[cur] && lines < 6)
				{
					int			prev = ls - 1;

					while (prev > 0 && p->ch[prev - 1].cp != '\n')
						prev--;
					if (find_word(p, prev, ls, gd_report_words) >= 0 &&
						find_word(p, prev, ls, gd_report_word_last) >= 0)
					{
						c = prev;
						break;
					}
					ls = prev;
					lines++;
				}
				p->report_end = c;
				add_note(p, line_of_ch(p, c), -1, GD_NOTE_DROPPED,
						 "a second report starts here (its heading %s); only the first report is read",
						 gd_sections[0].heading);
				break;
			}
			continue;
		}
		p->sec_start[n] = c;
		p->sec_end[n] = p->w[k + take - 1] + 1;
		p->sec_line[n] = line_of_ch(p, c);
		cur = n;
		c = p->sec_end[n] - 1;
	}
	p->last_section = cur;
	paren_sections(p);
}

/*
 * Sections missing after the headings numbered 一、 …: headings numbered
 * （一） … （六） at the start of a line (a report that numbers its sections
 * as table 三 numbers its groups).  Such a heading must hold, on its own
 * line, four fifths of the official heading's words (not （二）主动公开情况, a
 * part of 总体情况), and fall in order between the sections found.
 */
static void
paren_sections(Parser *p)
{
	for (int c = 1; c + 1 < p->nch && c < p->report_end; c++)
	{
		int			n = section_numeral(p->ch[c].cp),
					k,
					take,
					score,
					b,
					lo = -1,
					hi = p->report_end;

		if (n == 0 || p->sec_start[n] >= 0 || p->ch[c - 1].cp != '(' || p->ch[c + 1].cp != ')')
			continue;
		for (b = c - 2; b >= 0 && (p->ch[b].cp == ' ' || p->ch[b].cp == '#' || p->ch[b].cp == '*'); b--)
			;
		if (b >= 0 && p->ch[b].cp != '\n')
			continue;			/* not at the start of a line */
		for (int m = 1; m <= 6; m++)
			if (p->sec_start[m] >= 0 && m < n && p->sec_end[m] > lo)
				lo = p->sec_end[m];
			else if (p->sec_start[m] >= 0 && m > n && p->sec_start[m] < hi)
				hi = p->sec_start[m];
		if (c < lo || c > hi)
			continue;
		k = word_index_at(p, c + 2);
		take = heading_match(p, n, k, &score);
		if (take == 0 || score * 5 < sec_core_len[n] * 4)
			continue;
		for (b = c; b < p->w[k + take - 1] && p->ch[b].cp != '\n'; b++)
			;
		if (b < p->w[k + take - 1])
			continue;			/* the words of the next line made it up */
		p->sec_start[n] = c - 1;
		p->sec_end[n] = p->w[k + take - 1] + 1;
		p->sec_line[n] = line_of_ch(p, c);
		if (n > p->last_section)
			p->last_section = n;
		add_note(p, p->sec_line[n], -1, GD_NOTE_INFO,
				 "section heading numbered (%s) read as %s", gd_sections[n - 1].numeral,
				 gd_sections[n - 1].heading);
		c = p->sec_end[n] - 1;
	}
}

/* Section (0..6) in force at ch index c. */
static int
section_at(Parser *p, int c)
{
	int			s = 0;

	for (int n = 1; n <= 6; n++)
		if (p->sec_start[n] >= 0 && p->sec_start[n] <= c)
			s = n;
	return s;
}

/* Is ch index c inside a section heading? */
static bool
inside_heading(Parser *p, int c)
{
	for (int n = 1; n <= 6; n++)
		if (p->sec_start[n] >= 0 && c >= p->sec_start[n] && c < p->sec_end[n])
			return true;
	return false;
}

/*
 * Extend a label backwards over its numbering ("(三) ", "2.", "四、"), as
 * the pattern declares it.  Returns the new start, or cstart.
 */
static int
numbering_before(Parser *p, const Pattern *pt, int cstart, bool *found)
{
	int			c = cstart - 1;
	bool		punct = false;

	*found = false;
	if (pt->nnumeral == 0)
		return cstart;
	while (c >= 0 && p->ch[c].cp == ' ')
		c--;
	if (c >= 0 && (p->ch[c].cp == ')' || p->ch[c].cp == 0x3001 || p->ch[c].cp == '.' ||
				   p->ch[c].cp == ',' || p->ch[c].cp == ':'))
	{
		punct = true;
		c--;
	}
	if (!punct && pt->numeral_ascii)
		return cstart;
	for (int i = pt->nnumeral - 1; i >= 0; i--, c--)
		if (c < 0 || p->ch[c].cp != pt->numeral[i])
			return cstart;
	if (c >= 0 && p->ch[c].cp == '(')
		c--;
	*found = true;
	return c + 1;
}

/* Skip an explanation in parentheses right after a label. */
static int
skip_parenthetical(Parser *p, int c)
{
	int			d = c,
				depth = 0;

	while (d < p->nch && p->ch[d].cp == ' ')
		d++;
	if (d >= p->nch || p->ch[d].cp != '(')
		return c;
	/* "（一）" is the numbering of the next label, not an explanation */
	{
		int			e = d + 1;

		while (e < p->nch && (is_cn_numeral(p->ch[e].cp) ||
							  (p->ch[e].cp >= '0' && p->ch[e].cp <= '9')))
			e++;
		if (e < p->nch && p->ch[e].cp == ')')
			return c;
	}
	for (int e = d; e < p->nch && e < d + 600; e++)
	{
		/* an explanation stays inside its cell */
		if (p->ch[e].cp == '\t' || p->ch[e].cp == '|' || p->ch[e].cp == 0x1f ||
			p->ch[e].cp == '\n')
			break;
		if (p->ch[e].cp == '(')
			depth++;
		else if (p->ch[e].cp == ')' && --depth == 0)
			return e + 1;
	}
	return c;
}

/* Find every table label outside the narrative sections. */
static void
find_labels(Parser *p)
{
	int			k = 0;

	while (k < p->nw)
	{
		int			c = p->w[k];
		uint32_t	cp = p->ch[c].cp;
		int			count,
					start;
		int			hit = -1;

		if ((k & 0x3FFF) == 0)
			check_interrupt(p, 0x4000);
		if (c >= p->report_end)
			break;
		start = patterns_for(cp, &count);
		for (int i = 0; i < count && hit < 0; i++)
		{
			const Pattern *pt = &patterns[by_first[start + i]];

			if (pt->len > p->nw - k)
				continue;
			hit = by_first[start + i];
			for (int j = 1; j < pt->len; j++)
				if (p->ch[p->w[k + j]].cp != pt->cp[j])
				{
					hit = -1;
					break;
				}
		}
		if (hit < 0)
		{
			k++;
			continue;
		}
		{
			const Pattern *pt = &patterns[hit];
			int			sec = section_at(p, c);
			int			end = p->w[k + pt->len - 1] + 1;

			/* a table 二 block in section 一: the 二 heading was not found */
			if (sec == 1 && pt->m[0].kind == EV_BLOCK && p->sec_start[2] < 0 &&
				p->sec_start[3] < 0)
			{
				p->sec_start[2] = p->sec_end[2] = c;
				sec = 2;
			}
			/* before 一、总体情况 is the preamble */
			if (p->nev >= MAX_EVENTS)
			{
				add_note(p, line_of_ch(p, c), -1, GD_NOTE_DROPPED,
						 "more than %d labels of the tables; the text after this line was not read",
						 MAX_EVENTS);
				p->report_end = c;
				break;
			}
			if (!inside_heading(p, c) && sec != 1 && sec != 5 && sec != 6 &&
				!(sec == 0 && p->sec_start[1] >= 0))
			{
				Event	   *e = new_event(p);

				e->pat = hit;
				e->cstart = numbering_before(p, pt, c, &e->numbered);
				/* the label's closing quote or parenthesis is the label's */
				while (end < p->nch && (p->ch[end].cp == ')' || p->ch[end].cp == 0x201D ||
										p->ch[end].cp == '"' || p->ch[end].cp == 0x300B ||
										p->ch[end].cp == 0x3011))
					end++;
				e->cend = skip_parenthetical(p, end);
				e->kind = EV_NONE;
			}
			k += pt->len;
		}
	}
}

/* ---------------------------------------------------------------------
 * 4. Interpret the labels: format, rows
 * ---------------------------------------------------------------------
 */

/* Union and intersection of the formats a pattern's meanings give. */
static unsigned
pattern_evidence(const Pattern *pt)
{
	unsigned	u = 0,
				x = GD_FMT_BOTH;

	for (int m = 0; m < pt->nm; m++)
	{
		u |= pt->m[m].formats;
		x &= pt->m[m].formats;
	}
	return (u == x && (u == GD_FMT_2019 || u == GD_FMT_2021)) ? u : 0;
}

/* Decide the format from the table headers and row labels. */
static void
decide_format(Parser *p)
{
	int			n19 = 0,
				n21 = 0,
				first19 = -1,
				first21 = -1;

	for (int i = 0; i < p->nev; i++)
	{
		unsigned	ev = pattern_evidence(&patterns[p->ev[i].pat]);

		if (ev == GD_FMT_2019)
		{
			if (n19++ == 0)
				first19 = i;
		}
		else if (ev == GD_FMT_2021)
		{
			if (n21++ == 0)
				first21 = i;
		}
	}
	p->format = n19 > n21 ? GD_FMT_2019 : n21 > n19 ? GD_FMT_2021 : 0;
	if (n19 > 0 && n21 > 0)
		add_note(p, line_of_ch(p, p->ev[p->format == GD_FMT_2019 ? first21 : first19].cstart),
				 -1, GD_NOTE_INFO,
				 "the tables mix labels of both formats (%d of the 2019 trial format, %d of the 2021 format); %s",
				 n19, n21,
				 p->format ? (p->format == GD_FMT_2019 ? "read as the 2019 trial format" :
							  "read as the 2021 format") : "the format is left NULL");
}

/*
 * Rows of a table (二 or 三) in the format, in order (leaf-parent nodes):
 * fixed data, worked out once per format (none, 2019, 2021) and table.
 */
#define MAX_TABLE_ROWS 40
static int
table_rows(unsigned fmt, int table, int *out, int max)
{
	static int	cached_n[3][2] = {{-1, -1}, {-1, -1}, {-1, -1}};
	static int	cached[3][2][MAX_TABLE_ROWS];
	int			f = fmt == GD_FMT_2019 ? 1 : fmt == GD_FMT_2021 ? 2 : 0;
	int			t = table - 2;
	int			n;

	if (cached_n[f][t] < 0)
	{
		const GdLayout *L = gd_layout();
		int			k = 0;

		for (int i = 1; i < L->nnodes && k < MAX_TABLE_ROWS; i++)
			if (L->nodes[i].section == table && is_table_row(L, i) &&
				(fmt == 0 || gd_node_in_format(&L->nodes[i], fmt)))
				cached[f][t][k++] = i;
		cached_n[f][t] = k;
	}
	n = cached_n[f][t] < max ? cached_n[f][t] : max;
	memcpy(out, cached[f][t], sizeof(int) * n);
	return n;
}

/* Index of v in arr[0..n), or -1. */
static int
index_of(const int *arr, int n, int v)
{
	for (int i = 0; i < n; i++)
		if (arr[i] == v)
			return i;
	return -1;
}

/* The numeric leaves of a row in the format, in the table's column order. */
static int
row_cells(unsigned fmt, int node, int *leaf)
{
	const GdLayout *L = gd_layout();
	const GdNode *r = &L->nodes[node];
	int			n = 0;
	int			pos[MAX_ROW_CELLS];

	for (int l = r->first_leaf; l < r->first_leaf + r->nleaves && n < MAX_ROW_CELLS; l++)
	{
		const GdNode *c = &L->nodes[L->leaf_node[l]];

		if (c->field->kind == GD_TEXT || (fmt && !gd_node_in_format(c, fmt)))
			continue;
		pos[n] = (fmt == GD_FMT_2019 && c->field->pos_2019 > 0) ? c->field->pos_2019 : 0;
		leaf[n++] = l;
	}
	/* 2019 column order where the layout gives one (stable insertion sort) */
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && pos[j] > 0 && pos[j - 1] > pos[j]; j--)
		{
			int			t = pos[j];

			pos[j] = pos[j - 1];
			pos[j - 1] = t;
			t = leaf[j];
			leaf[j] = leaf[j - 1];
			leaf[j - 1] = t;
		}
	return n;
}

/* Does ch index c start a line or a cell (spaces aside)? */
static bool
starts_cell(Parser *p, int c)
{
	while (c > 0 && p->ch[c - 1].cp == ' ')
		c--;
	return c == 0 || p->ch[c - 1].cp == '\n' || p->ch[c - 1].cp == '\t' ||
		p->ch[c - 1].cp == '|' || p->ch[c - 1].cp == 0x1f;
}

/* Does a meaning belong to the table of the context (0: any)? */
static bool
meaning_table_ok(int ctx, const Meaning *m)
{
	return ctx == 0 || m->table == ctx;
}

/*
 * Is there a whole line with something on it in ch range [a, b) (not the
 * rest of a's line, nor the start of b's)?
 */
static bool
content_line_between(Parser *p, int a, int b)
{
	bool		in_line = false,
				content = false;

	for (int c = a; c < b; c++)
	{
		uint32_t	cp = p->ch[c].cp;

		if (cp == '\n')
		{
			if (in_line && content)
				return true;
			in_line = true;
			content = false;
		}
		else if (cp != ' ' && cp != '\t')
			content = true;
	}
	return false;
}

/* Is ch range [a, b) a cell of its own: a border, space or line end either side? */
static bool
standalone(Parser *p, int a, int b)
{
	uint32_t	before = a > 0 ? p->ch[a - 1].cp : '\n';
	uint32_t	after = b < p->nch ? p->ch[b].cp : '\n';

	return (before == ' ' || before == '\t' || before == '\n' || before == '|' || before == 0x1f) &&
		(after == ' ' || after == '\t' || after == '\n' || after == '|' || after == 0x1f);
}

/* The layout node of table t (二 proactive, 三 requests, 四 appeals), or -1. */
static int
table_node(int t)
{
	const GdLayout *L = gd_layout();

	for (int i = 1; i < L->nnodes; i++)
		if (L->nodes[i].depth == 1 && L->nodes[i].section == t && L->nodes[i].leaf < 0)
			return i;
	return -1;
}

/* Is there a line break in ch range [a, b)? */
static bool
line_between(Parser *p, int a, int b)
{
	for (int c = a; c < b; c++)
		if (p->ch[c].cp == '\n')
			return true;
	return false;
}

/*
 * Is event i on a line that holds a header word of table t longer than two
 * characters (自然人, 法人或其他组织, 商业企业)?  Then a short label there
 * (总计, 其他) is a header too: a header repeated after a page break, not
 * the row of the same name.
 */
static bool
header_line(Parser *p, int i, int t)
{
	/* a header line holds a few words: look at the 8 events either side */
	for (int d = -1; d <= 1; d += 2)
		for (int j = i + d, prev = i; j >= 0 && j < p->nev && j - i <= 8 && i - j <= 8;
			 prev = j, j += d)
		{
			const Pattern *pt;

			if (line_between(p, d < 0 ? p->ev[j].cend : p->ev[prev].cend,
							 d < 0 ? p->ev[prev].cstart : p->ev[j].cstart))
				break;
			if (p->ev[j].pat < 0)
				continue;
			pt = &patterns[p->ev[j].pat];
			if (pt->len <= 2)
				continue;
			for (int m = 0; m < pt->nm; m++)
				if (pt->m[m].kind == EV_HEADER && pt->m[m].table == t)
					return true;
		}
	return false;
}

/*
 * Walk the labels in order and give each its meaning: a row of table 二
 * or 三, a group, a block heading or a column header.  A row label is
 * taken only in its table, after the table's first header, in the order
 * of the layout; a label of two characters or less ("其他", "总计", "规章")
 * only with its numbering or where that row comes next, and in table 三
 * not on a line of headers (header_line).
 */
static void
resolve_events(Parser *p)
{
	int			rows2[16],
				rows3[40];
	int			n2 = table_rows(p->format, 2, rows2, 16);
	int			n3 = table_rows(p->format, 3, rows3, 40);
	int			expect2 = 0,
				expect3 = 0;
	bool		entered[5] = {false, false, false, false, false};
	int			last_end = -1;

	for (int i = 0; i < p->nev; i++)
	{
		Event	   *e = &p->ev[i];
		const Pattern *pt = &patterns[e->pat];
		int			sec = section_at(p, e->cstart);
		int			ctx = (sec >= 2 && sec <= 4) ? sec : 0;
		int			chosen = -1;

		e->kind = EV_NONE;
		if (e->cstart < last_end)
			continue;			/* inside the previous label's explanation */

		/* a row? */
		for (int m = 0; m < pt->nm && chosen < 0; m++)
		{
			const Meaning *mm = &pt->m[m];
			int			idx,
						*expect;

			if (mm->kind != EV_ROW || !meaning_table_ok(ctx, mm))
				continue;
			if (p->format && !(mm->formats & p->format))
				continue;
			/*
			 * Before the table's first header, a row label counts only if it
			 * is long and distinctive, or starts a line or a cell in the
			 * table's section (not a phrase of a sentence)
			 */
			if (!entered[mm->table] && !(mm->table == 3 && pt->len >= 8) &&
				!(sec == mm->table && starts_cell(p, e->cstart)))
				continue;
			idx = index_of(mm->table == 2 ? rows2 : rows3, mm->table == 2 ? n2 : n3,
						   mm->node);
			expect = mm->table == 2 ? &expect2 : &expect3;
			if (idx < 0 || idx < *expect)
				continue;
			if (pt->len <= 2 && !e->numbered &&
				(idx != *expect || (mm->table == 3 && header_line(p, i, 3))))
				continue;
			*expect = idx + 1;
			chosen = m;
		}
		/* otherwise a block heading, a group label or a header */
		for (int pass = 0; pass < 3 && chosen < 0; pass++)
		{
			EvKind		want = pass == 0 ? EV_BLOCK : pass == 1 ? EV_GROUP : EV_HEADER;

			for (int m = 0; m < pt->nm && chosen < 0; m++)
				if (pt->m[m].kind == want && meaning_table_ok(ctx, &pt->m[m]))
					chosen = m;
		}
		if (chosen < 0)
			continue;
		/* "其他", "总计" among a table's rows are words of a row, not headers */
		if (pt->m[chosen].kind == EV_HEADER && pt->len <= 2 &&
			((pt->m[chosen].table == 2 && expect2 > 0) ||
			 (pt->m[chosen].table == 3 && expect3 > 0)))
			continue;
		e->m = chosen;
		e->kind = pt->m[chosen].kind;
		e->node = pt->m[chosen].node;
		e->table = pt->m[chosen].table;
		entered[e->table] = true;
		if (e->table >= 2)
			p->tables_seen = true;
		last_end = e->cend;
	}
}

/*
 * Is the line of ch index c a line of headers only: no figure and no
 * punctuation of a sentence?  (Not a sentence that names 法人或其他组织
 * before 自然人, nor a crawler's table run into one line.)
 */
static bool
header_only_line(Parser *p, int c)
{
	/* outward from c, to the line's ends or the first figure or mark */
	for (int d = -1; d <= 1; d += 2)
		for (int k = d < 0 ? c - 1 : c; k >= 0 && k < p->nch && p->ch[k].cp != '\n'; k += d)
			if ((p->ch[k].cp >= '0' && p->ch[k].cp <= '9') ||
				gd_is_sentence_punct(p->ch[k].cp))
				return false;
	return true;
}

/*
 * Do the column headers of tables 二 and 三 name their columns in the
 * format's order?  Cells are read by position, so a table whose header puts
 * 总计 first, or 现行有效件数 before 本年制发件数, would be read into the
 * wrong columns: it is left NULL, noted.  Compared within each run of
 * headers (a block's, a table's), and in two sequences, the headers of the
 * table's own columns and group (自然人, 法人或其他组织, 总计) and the
 * columns under the group (商业企业 … 其他), as a header of two lines
 * reads in either layout.  A line whose first header goes back, after two
 * or more in order, starts the header over (the header of a new page, or
 * printed twice); a line of anything else between starts it over too.
 * Only headers that are cells of their own, on lines of headers alone, are
 * compared.
 */
static void
check_header_order(Parser *p)
{
	for (int t = 2; t <= 3; t++)
	{
		int			last[2] = {-1, -1};
		int			last_ev[2] = {-1, -1};
		int			run[2] = {0, 0};	/* headers in order since the last start */
		int			prev_end = 0,
					line_of = -1;
		bool		line_ok = false;

		for (int i = 0; i < p->nev && !p->disordered[t]; i++)
		{
			const Event *e = &p->ev[i];
			const Meaning *mm;
			int			g;

			if (e->kind == EV_NONE)
				continue;
			if (e->kind != EV_HEADER || e->table != t)
			{
				last[0] = last[1] = -1;		/* a new run of headers */
				run[0] = run[1] = 0;
				continue;
			}
			mm = &patterns[e->pat].m[e->m];
			if (mm->col < 0 || !standalone(p, e->cstart, e->cend))
				continue;		/* 其他 in a damaged 法人或其他组织 is no header */
			/* the line's verdict, once per line (the events are in order) */
			if (line_of < 0 || line_between(p, p->ev[line_of].cend, e->cstart))
				line_ok = header_only_line(p, e->cstart);
			line_of = i;
			if (!line_ok)
				continue;
			g = mm->grouped ? 1 : 0;
			if (content_line_between(p, prev_end, e->cstart))
			{
				/* a line of other text between: headers of another place */
				last[0] = last[1] = -1;
				run[0] = run[1] = 0;
			}
			if (mm->col < last[g] && run[g] >= 2 && line_between(p, prev_end, e->cstart))
			{
				/*
				 * a line that starts over after a run of headers in order:
				 * the header again (a page's)
				 */
				last[0] = last[1] = -1;
				run[0] = run[1] = 0;
			}
			prev_end = e->cend;
			if (mm->col < last[g])
			{
				p->disordered[t] = true;
				add_note(p, line_of_ch(p, e->cstart), table_node(t), GD_NOTE_UNREADABLE,
						 "the header of table %s names its columns in another order than the format (%s before %s); its cells would be read into the wrong columns, and the table is left NULL",
						 gd_sections[t - 1].numeral,
						 quote(p, p->ev[last_ev[g]].cstart, p->ev[last_ev[g]].cend, 12),
						 quote(p, e->cstart, e->cend, 12));
			}
			last[g] = mm->col;
			last_ev[g] = i;
			run[g]++;
		}
	}
}

/* ---------------------------------------------------------------------
 * 5. Cells: from the text between labels to readings of a row
 * ---------------------------------------------------------------------
 */

/* Units typed into cells, folded UTF-8. */
static const char *const count_units[] = {
	"件", "条", "个", "项", "次", "人", "家", "份", "宗", "笔", NULL
};
static const char *const money_units[] = {"万元", "元", NULL};

/* Does s (n bytes) end with one of the units?  Returns its length. */
static int
unit_suffix(const char *s, int n, const char *const *units, const char **unit)
{
	/* every unit is a CJK word: a text ending in an ASCII byte has none */
	if (n < 4 || (unsigned char) s[n - 1] < 0x80)
		return 0;
	for (int i = 0; units[i]; i++)
	{
		int			m = (int) strlen(units[i]);

		if (n > m && memcmp(s + n - m, units[i], m) == 0)
		{
			*unit = units[i];
			return m;
		}
	}
	return 0;
}

/* Is s (n bytes) a unit of money and nothing else?  The unit, or NULL. */
static const char *
money_unit_only(const char *s, int n)
{
	for (int i = 0; money_units[i]; i++)
		if (n == (int) strlen(money_units[i]) && memcmp(s, money_units[i], n) == 0)
			return money_units[i];
	return NULL;
}

static int	unit_leaf_of(int leaf);

/* A character of a written number: digit, point, comma, sign. */
static bool
is_numchar(uint32_t cp)
{
	return (cp >= '0' && cp <= '9') || cp == '.' || cp == ',' || cp == '+' || cp == '-';
}

/* Classify one piece of a cell (ch range, no separators inside). */
static void
classify_piece(Parser *p, int a, int b, Slot *s)
{
	Str			t = {p->arena, s->txt, 0, sizeof(s->txt)};
	bool		any_digit = false,
				all_num = true,
				all_punct = true,
				damage = true;
	int			nchars = b - a;
	const char *unit = NULL;

	s->cstart = a;
	s->cend = b;
	s->tlen = 0;
	s->toolong = false;
	s->spaced = false;
	s->txt[0] = '\0';
	/* the common piece: a few ASCII digits */
	if (nchars <= 24)
	{
		int			i = a;

		while (i < b && p->ch[i].cp >= '0' && p->ch[i].cp <= '9')
		{
			s->txt[i - a] = (char) p->ch[i].cp;
			i++;
		}
		if (i == b && nchars > 0)
		{
			s->txt[nchars] = '\0';
			s->tlen = nchars;
			s->kind = SL_VALUE;
			return;
		}
	}
	for (int i = a; i < b; i++)
	{
		uint32_t	cp = p->ch[i].cp;

		if (cp >= '0' && cp <= '9')
			any_digit = true;
		if (gd_is_word(cp) || cp == '/' || cp == '-' || cp == '?' ||
			cp == GD_REPLACEMENT_CHAR || cp == '\\')
			all_punct = false;
		if (cp != '?' && cp != GD_REPLACEMENT_CHAR)
			damage = false;
		if (t.len + 4 < sizeof(s->txt) - 1)
			str_addcp(&t, cp);
		else
			s->toolong = true;
	}
	s->tlen = (int) t.len;
	if (all_punct)
	{
		s->kind = SL_WEAK;		/* only punctuation: nothing */
		s->tlen = -1;
		return;
	}
	if (damage)
	{
		s->kind = SL_DAMAGE;
		return;
	}
	if ((nchars == 1 && (p->ch[a].cp == '/' || p->ch[a].cp == '-' || p->ch[a].cp == '\\' ||
						 p->ch[a].cp == 0x65E0 || p->ch[a].cp == 0x7A7A)) ||
		(nchars == 2 && p->ch[a].cp == '-' && p->ch[a + 1].cp == '-'))
	{
		s->kind = SL_MARKER;	/* / - \ 无 空 -- */
		return;
	}
	/* a unit of money without an amount: a blank amount, in that unit */
	if (money_unit_only(s->txt, s->tlen))
	{
		s->kind = SL_MARKER;
		return;
	}
	{
		int			ul = unit_suffix(s->txt, s->tlen, money_units, &unit);

		if (ul == 0)
			ul = unit_suffix(s->txt, s->tlen, count_units, &unit);
		for (int i = 0; i < s->tlen - ul; i++)
			if (!is_numchar((unsigned char) s->txt[i]))
				all_num = false;
	}
	s->kind = (all_num && any_digit) ? SL_VALUE : SL_TEXT;
}

/* Append a slot to a row (beyond MAX_SLOTS the row is marked). */
static void
add_slot(RowRead *r, const Slot *s)
{
	if (r->nslots >= MAX_SLOTS)
	{
		r->overflow_slots = true;
		return;
	}
	r->slot = arena_grow(r->arena, r->slot, r->nslots, &r->slotcap, sizeof(Slot), 16);
	r->slot[r->nslots++] = *s;
}

/*
 * Room for the next slot of a row, to be filled and then kept with
 * keep_slot: the row's own array, or (beyond MAX_SLOTS) a scratch slot.
 */
static inline Slot *
next_slot(RowRead *r, Slot *scratch)
{
	if (r->nslots >= MAX_SLOTS)
		return scratch;
	r->slot = arena_grow(r->arena, r->slot, r->nslots, &r->slotcap, sizeof(Slot), 16);
	return &r->slot[r->nslots];
}

/* Keep the slot next_slot gave (beyond MAX_SLOTS the row is marked). */
static inline void
keep_slot(RowRead *r)
{
	if (r->nslots >= MAX_SLOTS)
		r->overflow_slots = true;
	else
		r->nslots++;
}

/* Brackets, quotes and the like that may wrap a cell's value. */
static inline bool
is_wrapping_punct(uint32_t cp)
{
	if (cp >= '0' && cp <= '9')
		return false;
	return cp == '(' || cp == ')' || cp == '"' || cp == '\'' || cp == '[' || cp == ']' ||
		cp == 0x201C || cp == 0x201D || cp == 0x300A || cp == 0x300B ||
		cp == 0x3010 || cp == 0x3011 || cp == 0x3001 || cp == 0x3002 || cp == ',' ||
		cp == ';' || cp == ':' || cp == '*';
}

/* Split ch range [a, b) at spaces into pieces, adding a slot for each. */
static void
add_pieces(Parser *p, RowRead *r, int a, int b, SlotKind empty_kind)
{
	int			i = a;
	bool		any = false;

	while (i < b)
	{
		int			j;
		Slot		scratch;
		Slot	   *s;

		while (i < b && p->ch[i].cp == ' ')
			i++;
		if (i >= b)
			break;
		j = i;
		while (j < b && p->ch[j].cp != ' ')
			j++;
		s = next_slot(r, &scratch);
		{
			/* punctuation around a piece is not part of it */
			int			x = i,
						y = j;

			while (x < y && is_wrapping_punct(p->ch[x].cp))
				x++;
			while (y > x && is_wrapping_punct(p->ch[y - 1].cp))
				y--;
			if (x < y)
				classify_piece(p, x, y, s);
			else
				classify_piece(p, i, j, s);

			/*
			 * A figure in parentheses and nothing else, (11), is the
			 * accounting form of -11 (as a spreadsheet prints it), where a
			 * column may be negative (read_row).  A sign inside, (-11), is
			 * no such figure, and stays as it was.
			 */
			s->paren = false;
			if (x == i + 1 && y == j - 1 && p->ch[i].cp == '(' && p->ch[y].cp == ')' &&
				s->kind == SL_VALUE && s->tlen > 0 && s->tlen + 1 < (int) sizeof(s->txt) &&
				s->txt[0] >= '0' && s->txt[0] <= '9')
			{
				memmove(s->txt + 1, s->txt, (size_t) s->tlen + 1);
				s->txt[0] = '-';
				s->tlen++;
				s->paren = true;
			}
		}
		if (s->tlen >= 0)
		{
			keep_slot(r);
			any = true;
		}
		i = j;
	}
	if (!any && empty_kind != SL_TEXT)
	{
		Slot		s;

		memset(&s, 0, sizeof(s));
		s.kind = empty_kind;
		s.cstart = a;
		s.cend = b;
		add_slot(r, &s);
	}
}

/*
 * Digits at c (spaces before them skipped): their count (0 if none, or more
 * than 4), *end after them.
 */
static int
page_digits(Parser *p, int c, int b, int *end)
{
	int			n = 0;

	while (c < b && p->ch[c].cp == ' ')
		c++;
	while (c < b && p->ch[c].cp >= '0' && p->ch[c].cp <= '9')
	{
		c++;
		n++;
	}
	while (c < b && p->ch[c].cp == ' ')
		c++;
	*end = c;
	return n <= 4 ? n : 0;
}

/*
 * A line that is only a page number, as PDF text keeps it between two rows
 * of a table: "- 2 -", "— 2 —", "第2页", "第 3 页 共 8 页", "第3页/共8页",
 * "共8页 第3页", "3/8", "Page 3 of 8".
 */
static bool
is_page_number(Parser *p, int a, int b)
{
	int			x = a,
				y = b,
				c,
				parts = 0;

	while (x < y && p->ch[x].cp == ' ')
		x++;
	while (y > x && p->ch[y - 1].cp == ' ')
		y--;
	if (y - x < 3)
		return false;

	/*
	 * a running title before it, "某局政府信息公开工作年度报告 第 3 页":
	 * words with no digit, border or punctuation of a sentence
	 */
	if (p->ch[y - 1].cp == 0x9875 && !(p->ch[x].cp == 0x7B2C || p->ch[x].cp == 0x5171))
	{
		int			m = y - 2;

		while (m > x && p->ch[m].cp != 0x7B2C)	/* 第 */
			m--;
		if (m <= x || !is_page_number(p, m, y))
			return false;
		for (c = x; c < m; c++)
			if ((p->ch[c].cp >= '0' && p->ch[c].cp <= '9') || p->ch[c].cp == '\t' ||
				p->ch[c].cp == '|' || gd_is_sentence_punct(p->ch[c].cp))
				return false;
		return true;
	}
	/* - 2 -, — 2 — */
	if ((p->ch[x].cp == '-' || p->ch[x].cp == 0x2014) && p->ch[y - 1].cp == p->ch[x].cp)
		return page_digits(p, x + 1, y - 1, &c) > 0 && c == y - 1;
	/* 3/8, written close (8 / 93 is two cells and a blank one) */
	if (page_digits(p, x, y, &c) > 0 && c < y && p->ch[c].cp == '/')
	{
		if (p->ch[c - 1].cp == ' ' || (c + 1 < y && p->ch[c + 1].cp == ' '))
			return false;
		return page_digits(p, c + 1, y, &c) > 0 && c == y;
	}
	/* Page 3 of 8 */
	if (y - x >= 6 && (p->ch[x].cp | 0x20) == 'p' && (p->ch[x + 1].cp | 0x20) == 'a' &&
		(p->ch[x + 2].cp | 0x20) == 'g' && (p->ch[x + 3].cp | 0x20) == 'e')
	{
		if (page_digits(p, x + 4, y, &c) == 0)
			return false;
		if (c == y)
			return true;
		return c + 2 < y && (p->ch[c].cp | 0x20) == 'o' && (p->ch[c + 1].cp | 0x20) == 'f' &&
			page_digits(p, c + 2, y, &c) > 0 && c == y;
	}
	/* 第 3 页, 共 8 页, in either order, a separator between */
	c = x;
	while (c < y)
	{
		uint32_t	w = p->ch[c].cp;

		if (w == ' ' || w == '/' || w == ',' || w == 0x3001 || w == '|')
		{
			c++;
			continue;
		}
		if ((w != 0x7B2C && w != 0x5171) ||	/* 第, 共 */
			page_digits(p, c + 1, y, &c) == 0 || c >= y || p->ch[c].cp != 0x9875)	/* 页 */
			return false;
		c++;
		parts++;
	}
	return parts > 0;
}

/*
 * The slots of the text between a label and the next label: per line,
 * cells separated by HTML cell borders, tabs or pipes, or pieces
 * separated by spaces.  Explicitly empty cells (an HTML cell with only
 * &nbsp;, a lone '|' line, an empty cell between two pipes) are SL_EMPTY;
 * empty positions that may be layout padding (tabs around a label, blank
 * lines) are SL_WEAK.
 */
static void
gap_slots(Parser *p, RowRead *r, int a, int b)
{
	int			ls = a;
	int			blank_run = 0;
	int			eol_value = -1; /* a figure that ended the line before, no
								 * border after it, or -1 */
	int			next_eol_value = -1;
	bool		first = true;
	bool		label_open = false; /* the label's line ended without a border */

	while (ls < b)
	{
		int			le = ls;
		int			line_slots = r->nslots;
		int			pipes = 0,
					tabs = 0,
					cells = 0,
					other = 0;

		while (le < b && p->ch[le].cp != '\n')
		{
			uint32_t	cp = p->ch[le].cp;

			if (cp == '|')
				pipes++;
			else if (cp == '\t')
				tabs++;
			else if (cp == 0x1f)
				cells++;
			else if (cp != ' ' && cp != '-' && cp != ':')
				other++;
			le++;
		}
		if (!first && is_page_number(p, ls, le))
		{
			/* on a line of its own: not what follows a label on its line */
			add_note(p, line_of_ch(p, ls), r->node > 0 ? r->node : -1, GD_NOTE_DROPPED,
					 "line \"%s\" read as a page number and dropped", quote(p, ls, le, 20));
		}
		else if (other == 0 && cells == 0 && !(pipes == 0 && tabs == 0 && first))
		{
			/* a line of separators only */
			if (pipes == 0 && tabs == 0 && !first)
			{
				if (++blank_run >= 2)
				{
					Slot		s;

					memset(&s, 0, sizeof(s));
					s.kind = SL_WEAK;
					s.cstart = ls;
					s.cend = le;
					add_slot(r, &s);
				}
			}
			else if (pipes == 1 && tabs == 0 && label_open && r->nslots == 0)
			{
				/*
				 * "行政规范性文件\n|\n3 |": the label's own border, put on a
				 * line of its own by extraction.  Read as an empty cell it
				 * would shift every value of the row by one cell when a
				 * value line is lost.
				 */
			}
			else if (pipes == 1 && tabs == 0 && !first)
			{
				Slot		s;

				memset(&s, 0, sizeof(s));
				s.kind = SL_EMPTY;	/* a lone '|': an empty cell */
				s.cstart = ls;
				s.cend = le;
				add_slot(r, &s);
			}
			/* else filler: "||||", "|---|---|", the label's own border */
		}
		else if (other > 0 || cells > 0)
		{
			uint32_t	sep = cells ? 0x1f : tabs ? '\t' : pipes ? '|' : 0;

			blank_run = 0;
			{
				int			before = r->nslots;

				if (sep == 0)
					add_pieces(p, r, ls, le, SL_TEXT);
				else
					r->delimited = true;
				for (int k = before; k < r->nslots; k++)
					if (r->slot[k].kind == SL_VALUE || r->slot[k].kind == SL_MARKER)
					{
						if (r->value_line > 0 && r->value_line != ls + 1)
							r->delimited = true;	/* values on two lines */
						r->value_line = ls + 1;
					}
			}
			if (sep != 0)
			{
				/* split the line at sep; empties between values are cells */
				int			starts[MAX_SLOTS + 1],
							ends[MAX_SLOTS + 1];
				int			np = 0;
				int			c = ls;
				int			firstval = -1,
							lastval = -1;

				while (c <= le && np < MAX_SLOTS)
				{
					int			d = c;

					while (d < le && p->ch[d].cp != sep)
						d++;
					starts[np] = c;
					ends[np] = d;
					np++;
					c = d + 1;
				}
				for (int k = 0; k < np; k++)
				{
					bool		empty = true,
								digits = false;

					for (int q = starts[k]; q < ends[k]; q++)
					{
						if (p->ch[q].cp != ' ')
							empty = false;
						if (p->ch[q].cp >= '0' && p->ch[q].cp <= '9')
							digits = true;
					}

					/*
					 * words without a figure in the label's own cell are the
					 * rest of a label read in part (a character lost), not a
					 * cell: the padding after them stays padding
					 */
					if (!empty && !(first && k == 0 && !digits))
					{
						if (firstval < 0)
							firstval = k;
						lastval = k;
					}
				}
				for (int k = 0; k < np; k++)
				{
					SlotKind	ek;

					/*
					 * the piece before the first separator is the label's
					 * cell, the piece after the last one where the next
					 * label starts is that label's cell
					 */
					if (k == 0 || (k == np - 1 && le == b))
					{
						bool		empty = true;

						for (int q = starts[k]; q < ends[k]; q++)
							if (p->ch[q].cp != ' ')
								empty = false;
						if (empty)
							continue;
					}
					if (sep == 0x1f)
						ek = SL_EMPTY;
					else if (sep == '\t')
						ek = (k > firstval && k < lastval) ? SL_EMPTY : SL_WEAK;
					else
						ek = (k < lastval || (firstval < 0 && k < np - 1)) ? SL_EMPTY : SL_WEAK;
					{
						int			before = r->nslots;

						add_pieces(p, r, starts[k], ends[k], ek);
						/*
						 * two figures of one cell with only spaces between
						 * (not in the label's own cell: text before the
						 * first border of the label's line)
						 */
						for (int q = before + 1; q < r->nslots && (k > 0 || !first); q++)
						{
							Slot	   *x = &r->slot[q - 1],
									   *y = &r->slot[q];
							int			c = x->cend;

							while (c < y->cstart && p->ch[c].cp == ' ')
								c++;
							if (x->kind == SL_VALUE && y->kind == SL_VALUE && c == y->cstart &&
								c > x->cend)
								x->spaced = y->spaced = true;
						}
						/*
						 * a figure broken by a line break ("3\n7" of 37 in a
						 * tab row): the figure that ended the line before
						 * with no border after it, and this line's first
						 */
						if (k == 0 && !first && eol_value >= 0 && r->nslots > before &&
							r->slot[before].kind == SL_VALUE && before == line_slots &&
							r->slot[eol_value].kind == SL_VALUE)
							r->slot[eol_value].spaced = r->slot[before].spaced = true;
						if (k == np - 1 && ends[k] == le && r->nslots > before &&
							r->slot[r->nslots - 1].kind == SL_VALUE)
							next_eol_value = r->nslots - 1;
						/* figures in two rows of an HTML table */
						for (int q = before; q < r->nslots && sep == 0x1f; q++)
							if (r->slot[q].kind == SL_VALUE)
							{
								if (r->html_row >= 0 && r->html_row != ls)
									r->two_html_rows = true;
								r->html_row = ls;
							}
					}
				}

				/*
				 * an HTML row with no figure, blank marker or unit is a
				 * header row: its empty cells are layout, not blank figures
				 * (table 四's header, read with its one row of figures)
				 */
				if (sep == 0x1f)
				{
					bool		figures = false;

					for (int q = line_slots; q < r->nslots; q++)
						if (r->slot[q].kind == SL_VALUE || r->slot[q].kind == SL_MARKER)
							figures = true;
					for (int q = line_slots; q < r->nslots && !figures; q++)
						if (r->slot[q].kind == SL_EMPTY)
							r->slot[q].kind = SL_WEAK;
				}
			}
		}
		eol_value = next_eol_value;
		next_eol_value = -1;
		if (first)
			label_open = (pipes == 0 && tabs == 0 && other == 0 && cells == 0);
		else if (label_open && (pipes > 0 || tabs > 0 || other > 0 || cells > 0))
			label_open = false;
		first = false;
		ls = le + 1;
	}
}

/* ---------------------------------------------------------------------
 * Numbers
 * ---------------------------------------------------------------------
 */
typedef enum CellStatus
{
	CELL_OK,
	CELL_BLANK,
	CELL_BAD,
	CELL_RANGE
} CellStatus;

/*
 * Read a cell's text (ASCII number, perhaps with a unit) as a value of the
 * given leaf.  canon gets the canonical numeric text; *iv the integer;
 * *unitp the unit of money kept with an amount, or NULL.
 */
static CellStatus
read_number(const char *txt, int tlen, const GdNode *leaf, int64_t *iv, char *canon,
			size_t canonlen, const char **unitp, const char **why)
{
	const char *unit = NULL;
	int			ul;
	char		digits[GD_PARSE_NUMBER_DIGITS];
	int			nd = 0,
				intdigits = 0,
				i = 0,
				n;
	bool		neg = false,
				seen_point = false,
				frac_nonzero = false;
	int			first_sig = -1;

	*unitp = NULL;
	*why = NULL;
	/* the common cell: up to 18 digits, no leading zero */
	if (tlen > 0 && tlen <= 18 && (txt[0] != '0' || tlen == 1) &&
		(leaf->field->kind != GD_INT4 || tlen <= 9))
	{
		int64_t		v = 0;

		for (i = 0; i < tlen && txt[i] >= '0' && txt[i] <= '9'; i++)
			v = v * 10 + (txt[i] - '0');
		if (i == tlen && (size_t) tlen < canonlen)
		{
			memcpy(canon, txt, tlen);
			canon[tlen] = '\0';
			*iv = leaf->field->kind == GD_NUMERIC ? 0 : v;
			return CELL_OK;
		}
		i = 0;
	}
	ul = unit_suffix(txt, tlen, money_units, &unit);
	if (ul == 0)
		ul = unit_suffix(txt, tlen, count_units, &unit);
	n = tlen - ul;
	if (unit)
	{
		bool		money = (unit == money_units[0] || unit == money_units[1]);

		if (leaf->field->kind == GD_NUMERIC)
		{
			if (!money)
			{
				*why = "a count unit in an amount column";
				return CELL_BAD;
			}
			/* a column whose header names 万元 (本年收费金额) takes only 万元 */
			if (strstr(leaf->field->label, money_units[0]) != NULL &&
				unit != money_units[0])
			{
				*why = "an amount in 元 where the column is in 万元";
				return CELL_BAD;
			}
			*unitp = unit;
		}
		else if (money)
		{
			*why = "an amount of money in a column of counts";
			return CELL_BAD;
		}
	}
	if (n > 0 && (txt[0] == '+' || txt[0] == '-'))
	{
		neg = txt[0] == '-';
		i = 1;
	}
	/* thousands separators: 1,234,567 */
	{
		bool		has_comma = false;

		for (int k = i; k < n; k++)
			if (txt[k] == ',')
				has_comma = true;
		if (has_comma)
		{
			int			run = 0,
						groups = 0;
			bool		ok = true;

			for (int k = i; k < n && txt[k] != '.'; k++)
			{
				if (txt[k] == ',')
				{
					if ((groups == 0 && (run < 1 || run > 3)) || (groups > 0 && run != 3))
						ok = false;
					groups++;
					run = 0;
				}
				else
					run++;
			}
			if (run != 3)
				ok = false;
			if (!ok)
			{
				*why = "a comma that is not a thousands separator";
				return CELL_BAD;
			}
		}
	}
	for (; i < n; i++)
	{
		char		c = txt[i];

		if (c == ',')
			continue;
		if (c == '.')
		{
			if (seen_point || nd == 0)
			{
				*why = "not a number";
				return CELL_BAD;
			}
			seen_point = true;
			continue;
		}
		if (c < '0' || c > '9' || nd >= GD_PARSE_NUMBER_DIGITS)
		{
			*why = "not a number";
			return CELL_BAD;
		}
		if (seen_point)
		{
			if (c != '0')
				frac_nonzero = true;
		}
		else
		{
			intdigits++;
			if (first_sig < 0 && c != '0')
				first_sig = nd;
		}
		digits[nd++] = c;
	}
	if (nd == 0 || (seen_point && nd == intdigits))
	{
		*why = "not a number";
		return CELL_BAD;
	}
	if (leaf->field->kind == GD_NUMERIC)
	{
		/* canonical: no leading zeros, fraction as written, no '+' */
		size_t		k = 0;
		int			start = first_sig < 0 ? intdigits - 1 : first_sig;

		if (start < 0)
			start = 0;
		if (neg && (first_sig >= 0 || frac_nonzero) && k + 1 < canonlen)
			canon[k++] = '-';
		if (intdigits == 0 && k + 1 < canonlen)
			canon[k++] = '0';
		for (int d = start; d < intdigits && k + 1 < canonlen; d++)
			canon[k++] = digits[d];
		if (seen_point && k + 1 < canonlen)
		{
			canon[k++] = '.';
			for (int d = intdigits; d < nd && k + 1 < canonlen; d++)
				canon[k++] = digits[d];
		}
		canon[k] = '\0';
		if (k + 1 >= canonlen)
		{
			*why = "a number too long to keep";
			return CELL_RANGE;
		}
		*iv = 0;
		return CELL_OK;
	}
	/* counts */
	if (frac_nonzero)
	{
		*why = "a fraction in a column of counts";
		return CELL_BAD;
	}
	{
		uint64_t	v = 0;
		int			sig = first_sig < 0 ? 0 : intdigits - first_sig;
		uint64_t	limit = leaf->field->kind == GD_INT4 ? 2147483647u : (uint64_t) INT64_MAX;

		/* a negative count may reach the type's least value */
		if (neg)
			limit++;

		if (sig > 19)
		{
			*why = "out of range";
			return CELL_RANGE;
		}
		for (int d = first_sig < 0 ? intdigits : first_sig; d < intdigits; d++)
		{
			uint64_t	dv = (uint64_t) (digits[d] - '0');

			if (v > (limit - dv) / 10)
			{
				*why = "out of range";
				return CELL_RANGE;
			}
			v = v * 10 + dv;
		}
		*iv = !neg ? (int64_t) v : v > (uint64_t) INT64_MAX ? INT64_MIN : -(int64_t) v;
		{
			char		tmp[24];
			int			k = 0,
						o = 0;

			do
			{
				tmp[k++] = (char) ('0' + v % 10);
				v /= 10;
			} while (v > 0);
			if (neg && *iv != 0)
				canon[o++] = '-';
			while (k > 0 && (size_t) o + 1 < canonlen)
				canon[o++] = tmp[--k];
			canon[o] = '\0';
		}
		return CELL_OK;
	}
}

/* ---------------------------------------------------------------------
 * Readings of a row
 * ---------------------------------------------------------------------
 */
typedef struct Tok
{
	bool		marker;
	char		txt[80];		/* numeric part, commas resolved */
	int			nlen;			/* length of the numeric part */
	const char *unit;			/* unit typed after it, or NULL */
} Tok;

typedef struct Enum
{
	Parser	   *p;
	RowRead    *r;
	const GdEquation *eqs;
	const int  *roweq;
	int			nroweq;
	Tok		   *tok;
	int			ntok;
	int			suffix_chars[MAX_SLOTS + 1];	/* digits available from tok t */
	Cand		cur;
	long		steps;
	bool		aborted;
	long		readings;		/* readings found, before the equations */
} Enum;

/* Cell index of a leaf in the row, or -1. */
static inline int
cell_of_leaf(const RowRead *r, int leaf)
{
	int			d = leaf - r->first_leaf;

	return (d >= 0 && d < r->nleaves) ? r->cellmap[d] : -1;
}

/*
 * A row's leaves in a format and its leaf -> cell map, fixed data of the
 * layout: worked out once per format (none, 2019, 2021) and node.
 */
typedef struct RowShape
{
	bool		ready;
	int			ncells;
	int			leaf[MAX_ROW_CELLS];
	int			first_leaf;
	int			nleaves;
	int8_t		cellmap[MAX_ROW_CELLS + 8];
} RowShape;

static RowShape row_shapes[3][GD_MAX_NODES_PARSE];

/* Set a row's leaves from its node and format; its leaf -> cell map. */
static void
set_row_cells(RowRead *r, unsigned fmt)
{
	RowShape   *rs = r->node < GD_MAX_NODES_PARSE ?
		&row_shapes[fmt == GD_FMT_2019 ? 1 : fmt == GD_FMT_2021 ? 2 : 0][r->node] : NULL;
	RowShape	local;

	if (rs == NULL || !rs->ready)
	{
		const GdNode *n = &gd_layout()->nodes[r->node];
		RowShape   *x = rs ? rs : &local;

		x->ncells = row_cells(fmt, r->node, x->leaf);
		x->first_leaf = n->first_leaf;
		x->nleaves = n->nleaves < (int) sizeof(x->cellmap) ? n->nleaves : (int) sizeof(x->cellmap);
		memset(x->cellmap, -1, sizeof(x->cellmap));
		for (int k = 0; k < x->ncells; k++)
			if (x->leaf[k] - x->first_leaf < x->nleaves)
				x->cellmap[x->leaf[k] - x->first_leaf] = (int8_t) k;
		x->ready = true;
		rs = x;
	}
	r->ncells = rs->ncells;
	memcpy(r->leaf, rs->leaf, sizeof(r->leaf));
	r->first_leaf = rs->first_leaf;
	r->nleaves = rs->nleaves;
	memcpy(r->cellmap, rs->cellmap, sizeof(r->cellmap));
}

/* Do the row's own equations hold for a reading (where it can be told)? */
static bool
row_equations_hold(const RowRead *r, const GdEquation *eqs, const int *roweq,
				   int nroweq, const Cand *c)
{
	for (int e = 0; e < nroweq; e++)
	{
		const GdEquation *eq = &eqs[roweq[e]];
		GdSum		a = {0, 0},
					b = {0, 0};
		bool		complete = true;

		for (int i = 0; i < eq->nexpected + eq->nactual; i++)
		{
			int			leaf = i < eq->nexpected ? eq->expected[i] : eq->actual[i - eq->nexpected];
			int			k = cell_of_leaf(r, leaf);

			if (k < 0 || !c->known[k])
			{
				complete = false;
				break;
			}
			gd_sum_add(i < eq->nexpected ? &a : &b, c->iv[k]);
		}
		if (complete && !gd_sum_eq(a, b))
			return false;
	}
	return true;
}

/*
 * Do the row's equations show known cell k of reading c whole: one that
 * takes it holds on known cells, and none that does fails?  A figure that
 * went on (a cut 1 of 12 or 1,234) would be larger and break it.
 */
static bool
cell_shown_whole(const RowRead *r, const GdEquation *eqs, const int *roweq,
				 int nroweq, const Cand *c, int k)
{
	bool		shown = false;

	if (!c->known[k])
		return false;
	for (int e = 0; e < nroweq; e++)
	{
		const GdEquation *eq = &eqs[roweq[e]];
		GdSum		a = {0, 0},
					b = {0, 0};
		bool		complete = true,
					takes = false;

		for (int i = 0; i < eq->nexpected + eq->nactual; i++)
		{
			int			leaf = i < eq->nexpected ? eq->expected[i] : eq->actual[i - eq->nexpected];
			int			j = cell_of_leaf(r, leaf);

			if (j == k)
				takes = true;
			if (j < 0 || !c->known[j])
			{
				complete = false;
				break;
			}
			gd_sum_add(i < eq->nexpected ? &a : &b, c->iv[j]);
		}
		if (!takes || !complete)
			continue;
		if (!gd_sum_eq(a, b))
			return false;
		shown = true;
	}
	return shown;
}

/* Do two readings give known cell k the same value? */
static inline bool
same_value(const Cand *x, const Cand *y, int k)
{
	if (x->num[k] || y->num[k])
		return x->num[k] && y->num[k] && strcmp(x->num[k], y->num[k]) == 0;
	return x->iv[k] == y->iv[k];
}

/* Do two readings of a row give every cell the same value? */
static bool
same_reading(const RowRead *r, const Cand *x, const Cand *y)
{
	for (int k = 0; k < r->ncells; k++)
		if (x->known[k] != y->known[k] || x->blank[k] != y->blank[k] ||
			(x->known[k] && !same_value(x, y, k)))
			return false;
	return true;
}

/* Keep a reading of a row, once (a repeat only blurs where its lost cell was). */
static void
keep_reading(Parser *p, RowRead *r, const Cand *c)
{
	for (int i = 0; i < r->ncand; i++)
		if (same_reading(r, &r->cand[i], c))
		{
			/* the same values with the lost cell elsewhere: place unknown */
			if (r->cand[i].inserted != c->inserted)
				r->cand[i].inserted = -2;
			return;
		}
	if (r->ncand >= MAX_CANDS)
	{
		r->too_many = true;
		return;
	}
	r->cand = arena_grow(p->arena, r->cand, r->ncand, &r->candcap, sizeof(Cand), 1);
	r->cand[r->ncand++] = *c;
}

/*
 * Keep a reading of a row before its equations are applied (verify_repairs
 * asks whether another reading would keep the table's other equations).
 */
static void
keep_alt(Parser *p, RowRead *r, const Cand *c)
{
	if (r->nalt >= MAX_CANDS)
	{
		r->alt_overflow = true;
		return;
	}
	r->alt = arena_grow(p->arena, r->alt, r->nalt, &r->altcap, sizeof(AltReading), 8);
	memcpy(r->alt[r->nalt].known, c->known, sizeof(c->known));
	memcpy(r->alt[r->nalt].iv, c->iv, sizeof(c->iv));
	r->nalt++;
}

/*
 * Is value slot k a page number's shape: up to 4 digits alone on its line,
 * the last piece of the row's text after a line break that ended the figure
 * before it, or the first figure, a line break before the figures after it?
 */
static bool
lone_page_figure(Parser *p, const RowRead *r, int k)
{
	const Slot *sl = &r->slot[k];
	bool		broken = false;
	int			prev = -1,
				next = -1;

	if (sl->kind != SL_VALUE || sl->tlen < 1 || sl->tlen > 4)
		return false;
	for (int i = 0; i < sl->tlen; i++)
		if (sl->txt[i] < '0' || sl->txt[i] > '9')
			return false;
	for (int j = 0; j < r->nslots; j++)
		if (j != k && (r->slot[j].kind == SL_VALUE || r->slot[j].kind == SL_MARKER ||
					   r->slot[j].kind == SL_TEXT))
		{
			if (j < k)
				prev = j;
			else if (next < 0)
				next = j;
		}
	if ((prev < 0) == (next < 0))
		return false;			/* neither first nor last */
	if (prev >= 0)
	{
		for (int c = r->slot[prev].cend; c < sl->cstart; c++)
			if (p->ch[c].cp == '\n')
				broken = true;
	}
	else
	{
		for (int c = sl->cend; c < r->slot[next].cstart; c++)
			if (p->ch[c].cp == '\n')
				broken = true;
	}
	for (int c = sl->cstart - 1; c >= 0 && p->ch[c].cp != '\n'; c--)
		if (p->ch[c].cp != ' ' && p->ch[c].cp != '\t')
			return false;
	for (int c = sl->cend; c < p->nch && p->ch[c].cp != '\n'; c++)
		if (p->ch[c].cp != ' ' && p->ch[c].cp != '\t')
			return false;
	return broken;
}

/* Set cell k of a reading from a piece of text; false if it is no value. */
static bool
set_cell(RowRead *r, Cand *c, int k, const char *txt, int len, const char *unit)
{
	const GdLayout *L = gd_layout();
	const GdNode *leaf = &L->nodes[L->leaf_node[r->leaf[k]]];
	char		buf[96],
				canon[80];
	const char *why;
	CellStatus	st;

	if (unit && unit[0])
	{
		size_t		ul = strlen(unit);

		if (len + (int) ul >= (int) sizeof(buf))
			return false;
		memcpy(buf, txt, len);
		memcpy(buf + len, unit, ul);
		len += (int) ul;
		txt = buf;
	}
	st = read_number(txt, len, leaf, &c->iv[k], canon, sizeof(canon), &c->unit[k], &why);
	c->known[k] = (st == CELL_OK);
	c->blank[k] = false;
	c->num[k] = (st == CELL_OK && leaf->field->kind == GD_NUMERIC) ?
		arena_strndup(r->arena, canon, strlen(canon)) : NULL;
	return st == CELL_OK;
}

/* Enumerate the ways to cut the tokens into the row's cells. */
static void
enum_split(Enum *en, int t, int i, int c)
{
	RowRead    *r = en->r;
	const GdLayout *L = gd_layout();

	if (en->aborted)
		return;
	if (++en->steps > 400000)
	{
		en->aborted = true;
		return;
	}
	if ((en->steps & 0xFFF) == 0)
		check_interrupt(en->p, 0x1000);
	if (c == r->ncells)
	{
		if (t == en->ntok)
		{
			en->readings++;
			keep_alt(en->p, r, &en->cur);
			if (row_equations_hold(r, en->eqs, en->roweq, en->nroweq, &en->cur))
				keep_reading(en->p, r, &en->cur);
		}
		return;
	}
	if (t >= en->ntok)
		return;
	/* every token needs a cell, every cell a character */
	if (r->ncells - c < en->ntok - t || r->ncells - c > en->suffix_chars[t] - i)
		return;
	if (en->tok[t].marker)
	{
		en->cur.known[c] = false;
		en->cur.blank[c] = true;
		enum_split(en, t + 1, 0, c + 1);
		en->cur.blank[c] = false;
		return;
	}
	{
		const Tok  *tk = &en->tok[t];
		const GdNode *leaf = &L->nodes[L->leaf_node[r->leaf[c]]];
		bool		sign = (tk->txt[i] == '+' || tk->txt[i] == '-');
		int			d0 = sign ? i + 1 : i;
		int			digits = 0;
		bool		point = false;

		/* integer digits a count may have (no leading zeros here) */
		int			maxint = leaf->field->kind == GD_INT4 ? 10 :
			leaf->field->kind == GD_INT8 ? 19 : GD_PARSE_NUMBER_DIGITS;

		if (sign && !(leaf->flags & GD_SIGNED))
			return;
		if (d0 >= tk->nlen || tk->txt[d0] < '0' || tk->txt[d0] > '9')
			return;
		for (int e = d0 + 1; e <= tk->nlen; e++)
		{
			char		last = tk->txt[e - 1];

			if (last == '+' || last == '-')
				break;			/* a sign starts the next cell */
			if (last >= '0' && last <= '9')
			{
				/*
				 * A longer piece only has more digits: once read_number would
				 * refuse them all, stop (a long digit run would otherwise try
				 * every length up to the token's end, at every cell).
				 */
				if (++digits > GD_PARSE_NUMBER_DIGITS ||
					(!point && digits > maxint))
					break;
			}
			else if (last == '.')
				point = true;
			if (e - d0 >= 2 && tk->txt[d0] == '0' && tk->txt[d0 + 1] != '.')
				break;			/* no leading zeros */
			if (last == '.')
				continue;		/* a cell does not end with its point */
			if (e < tk->nlen && tk->txt[e] == '.')
				continue;		/* nor does the next one start with one */
			if (!set_cell(r, &en->cur, c, tk->txt + i, e - i,
						  e == tk->nlen ? tk->unit : NULL))
				continue;
			if (e == tk->nlen)
				enum_split(en, t + 1, 0, c + 1);
			else
				enum_split(en, t, e, c + 1);
			en->cur.known[c] = false;
			if (en->aborted)
				return;
		}
	}
}

/* Tokens of a row for the split and lost-cell readings. */
static int
row_tokens(RowRead *r, Tok *tok, int max)
{
	int			n = 0;

	for (int s = 0; s < r->nslots && n < max; s++)
	{
		const Slot *sl = &r->slot[s];

		if (sl->kind == SL_MARKER)
		{
			memset(&tok[n], 0, sizeof(Tok));
			tok[n++].marker = true;
		}
		else if (sl->kind == SL_VALUE)
		{
			const char *unit = NULL;
			int			ul = unit_suffix(sl->txt, sl->tlen, money_units, &unit);
			int			nl;
			char		clean[80];
			int			cl = 0;
			bool		thousands;

			if (ul == 0)
				ul = unit_suffix(sl->txt, sl->tlen, count_units, &unit);
			nl = sl->tlen - ul;
			/* commas: thousands separators, or borders between cells */
			{
				int64_t		dummy;
				char		canon[80];
				const char *ub;
				const char *why;
				GdNode		fake;
				GdField		ff;

				memset(&fake, 0, sizeof(fake));
				memset(&ff, 0, sizeof(ff));
				ff.kind = GD_NUMERIC;
				ff.key = "";
				fake.field = &ff;
				thousands = read_number(sl->txt, nl, &fake, &dummy, canon, sizeof(canon),
										&ub, &why) == CELL_OK;
			}
			for (int i = 0; i <= nl && n < max; i++)
			{
				if (i < nl && (sl->txt[i] != ',' || thousands))
				{
					if (sl->txt[i] != ',' && cl < 79)
						clean[cl++] = sl->txt[i];
					continue;
				}
				if (cl == 0)
					continue;
				memset(&tok[n], 0, sizeof(Tok));
				memcpy(tok[n].txt, clean, cl);
				tok[n].nlen = cl;
				if (i == nl && unit)
					tok[n].unit = unit;
				n++;
				cl = 0;
			}
		}
	}
	return n;
}

/*
 * Equations of the format that lie within one row, cached per format and
 * node (the equations are fixed data).
 */
#define ROWEQ_MAX 8
static int8_t roweq_n[2][GD_MAX_NODES_PARSE];
static uint8_t roweq_list[2][GD_MAX_NODES_PARSE][ROWEQ_MAX];
static const GdEquation *roweq_eqs[2];

static int
row_equations(const RowRead *r, const GdEquation *eqs, int neq, int *out, int max)
{
	int			f = eqs == gd_equations(GD_FMT_2019, &(int) {0}) ? 0 : 1;
	int			n = 0;

	if (r->node >= GD_MAX_NODES_PARSE)
		return 0;
	if (roweq_eqs[f] != eqs)
	{
		memset(roweq_n[f], -1, sizeof(roweq_n[f]));
		roweq_eqs[f] = eqs;
	}
	if (roweq_n[f][r->node] < 0)
	{
		for (int e = 0; e < neq && n < ROWEQ_MAX && e < 256; e++)
		{
			bool		inside = gd_rules[eqs[e].rule].severity == GD_SEV_ERROR;

			for (int i = 0; i < eqs[e].nexpected + eqs[e].nactual && inside; i++)
			{
				int			leaf = i < eqs[e].nexpected ? eqs[e].expected[i] :
					eqs[e].actual[i - eqs[e].nexpected];

				if (leaf < r->first_leaf || leaf >= r->first_leaf + r->nleaves)
					inside = false;
			}
			if (inside)
				roweq_list[f][r->node][n++] = (uint8_t) e;
		}
		roweq_n[f][r->node] = (int8_t) n;
	}
	n = roweq_n[f][r->node] < max ? roweq_n[f][r->node] : max;
	for (int i = 0; i < n; i++)
		out[i] = roweq_list[f][r->node][i];
	return n;
}

/* Decimal text of v in buf (24 bytes); returns buf. */
static const char *
int_text(int64_t v, char *buf)
{
	char		tmp[24];
	uint64_t	u = v < 0 ? (uint64_t) 0 - (uint64_t) v : (uint64_t) v;
	int			k = 0,
				o = 0;

	do
	{
		tmp[k++] = (char) ('0' + u % 10);
		u /= 10;
	} while (u > 0);
	if (v < 0)
		buf[o++] = '-';
	while (k > 0)
		buf[o++] = tmp[--k];
	buf[o] = '\0';
	return buf;
}

/* Text of a reading, for notes: "7 0 0 0 0 0 7". */
static const char *
reading_text(Parser *p, const RowRead *r, const Cand *c)
{
	Str			s = {p->arena, NULL, 0, 0};

	str_add(&s, "", 0);
	for (int k = 0; k < r->ncells; k++)
	{
		if (k)
			str_addc(&s, ' ');
		if (c->known[k])
		{
			char		buf[24];
			const char *t = c->num[k] ? c->num[k] : int_text(c->iv[k], buf);

			str_add(&s, t, strlen(t));
			if (c->unit[k])
				str_add(&s, c->unit[k], strlen(c->unit[k]));
		}
		else
			str_add(&s, c->blank[k] ? "/" : "?", 1);
	}
	return s.s;
}

/* The pieces of a row as published, for notes. */
static const char *
slots_text(Parser *p, const RowRead *r)
{
	Str			s = {p->arena, NULL, 0, 0};
	bool		any = false;

	str_add(&s, "", 0);
	for (int k = 0; k < r->nslots; k++)
	{
		const Slot *sl = &r->slot[k];

		if (sl->kind != SL_VALUE && sl->kind != SL_MARKER)
			continue;
		if (any)
			str_addc(&s, ' ');
		str_add(&s, sl->kind == SL_MARKER ? "/" : sl->txt,
				sl->kind == SL_MARKER ? 1 : strlen(sl->txt));
		any = true;
	}
	return any ? s.s : "nothing";
}

/* The official label of a row, for notes. */
static const char *
row_label(const RowRead *r, unsigned fmt, char *buf, size_t len)
{
	char		col[8];

	gd_node_label_parts(r->node, fmt ? fmt : GD_FMT_2021, true, buf, len, col, sizeof(col));
	return buf;
}

/*
 * Read a row: a direct reading when it shows as many cells as the format
 * has; a positional one when its explicitly empty cells make up the
 * count; else every split of its digit runs and, when one cell is
 * missing, every place for it, kept when the row's equations hold.
 */
static void
read_row(Parser *p, RowRead *r, const GdEquation *eqs, int neq)
{
	const GdLayout *L = gd_layout();
	int			roweq[8];
	int			nroweq = eqs ? row_equations(r, eqs, neq, roweq, 8) : 0;
	int			nv = 0,
				ns = 0;
	int			vidx[MAX_SLOTS],
				sidx[MAX_SLOTS];
	Cand		c;
	char		label[256];
	bool		maybe_cut;

	/* values are set where known */
	memset(c.known, 0, sizeof(c.known));
	memset(c.blank, 0, sizeof(c.blank));
	memset(c.num, 0, sizeof(c.num));
	memset(c.unit, 0, sizeof(c.unit));
	c.inserted = -1;
	for (int k = 0; k < r->nslots; k++)
	{
		SlotKind	kd = r->slot[k].kind;

		if (kd == SL_VALUE || kd == SL_MARKER)
			vidx[nv++] = k;
		if (kd == SL_VALUE || kd == SL_MARKER || kd == SL_EMPTY)
			sidx[ns++] = k;
	}
	/* trailing empty cells beyond the count: the row's border */
	while (ns > r->ncells && r->slot[sidx[ns - 1]].kind == SL_EMPTY)
		ns--;

	if (r->at_end && nv < r->ncells)
	{
		if (nv > 0 || ns > 0)
			add_note(p, r->line, r->node, GD_NOTE_TRUNCATED,
					 "the text ends inside row %s after %d of its %d cells (%s); the row is left NULL",
					 row_label(r, p->format, label, sizeof(label)), nv, r->ncells,
					 slots_text(p, r));
		return;
	}

	/*
	 * A figure the text ends right after (perhaps with a separator, "1,",
	 * or a line break behind it) may have been cut short (273 of 2737, 1 of
	 * 1,234).  The text ending here, every cell of the row shows (a row cut
	 * before its last cell was left NULL above); the reading below is kept
	 * only if the row's equations show that last figure whole.
	 */
	maybe_cut = r->at_end && nv == r->ncells && r->slot[vidx[nv - 1]].kind == SL_VALUE &&
		ends_the_text(p, r->slot[vidx[nv - 1]].cend);
	if (r->overflow_slots)
	{
		add_note(p, r->line, r->node, GD_NOTE_UNREADABLE,
				 "row %s is followed by more than %d pieces of text before the next label; the row is left NULL",
				 row_label(r, p->format, label, sizeof(label)), MAX_SLOTS);
		return;
	}
	if (nv == 0)
		return;					/* a row of blank cells */
	if (r->two_html_rows)
	{
		add_note(p, r->line, r->node, GD_NOTE_UNREADABLE,
				 "row %s is followed by the figures of two rows of its HTML table (%s), as when the next row's label is lost; the row is left NULL",
				 row_label(r, p->format, label, sizeof(label)), slots_text(p, r));
		return;
	}

	if (nv == r->ncells || ns == r->ncells)
	{
		const int  *use = nv == r->ncells ? vidx : sidx;
		int			spaced = -1;

		r->hypothesis = nv == r->ncells ? 0 : 1;
		for (int k = 0; k < r->ncells; k++)
		{
			const Slot *sl = &r->slot[use[k]];
			const GdNode *leaf = &L->nodes[L->leaf_node[r->leaf[k]]];
			const char *why = NULL;
			CellStatus	st;
			char		canon[80];

			if (sl->kind != SL_VALUE)
			{
				const char *unit = sl->kind == SL_MARKER ?
					money_unit_only(sl->txt, sl->tlen) : NULL;

				c.blank[k] = true;
				if (unit && leaf->field->kind == GD_NUMERIC && unit_leaf_of(r->leaf[k]) >= 0)
				{
					c.unit[k] = unit;
					add_note(p, line_of_ch(p, sl->cstart), L->leaf_node[r->leaf[k]],
							 GD_NOTE_INFO, "cell \"%s\" gives a unit and no amount: the amount is blank (NULL), its unit %s",
							 sl->txt, unit);
				}
				else if (sl->kind == SL_MARKER && strcmp(sl->txt, "/") != 0 &&
						 strcmp(sl->txt, "-") != 0)
					add_note(p, line_of_ch(p, sl->cstart), L->leaf_node[r->leaf[k]],
							 GD_NOTE_REPAIR, "cell \"%s\" read as blank (NULL)", sl->txt);
				continue;
			}
			if (sl->toolong)
			{
				st = CELL_RANGE;
				why = "a number too long to keep";
				c.unit[k] = NULL;
			}
			else if (sl->paren && !(leaf->flags & GD_SIGNED))
			{
				st = CELL_BAD;
				why = "a figure in parentheses (the accounting form of a negative number, or a note) in a column that cannot be negative";
				c.unit[k] = NULL;
			}
			else
				st = read_number(sl->txt, sl->tlen, leaf, &c.iv[k], canon,
								 sizeof(canon), &c.unit[k], &why);
			c.known[k] = st == CELL_OK;
			if (st == CELL_OK && sl->paren)
			{
				add_note(p, line_of_ch(p, sl->cstart), L->leaf_node[r->leaf[k]], GD_NOTE_REPAIR,
						 "cell \"(%s)\" read as %s: a figure in parentheses is the accounting form of a negative number",
						 sl->txt + 1, sl->txt);
				p->res->repairs++;
			}
			if (st == CELL_OK && leaf->field->kind == GD_NUMERIC)
				c.num[k] = arena_strndup(p->arena, canon, strlen(canon));
			if (st != CELL_OK)
				add_note(p, line_of_ch(p, sl->cstart), L->leaf_node[r->leaf[k]],
						 GD_NOTE_UNREADABLE, sl->paren ? "cell \"(%s)\" is %s; left NULL" :
						 "cell \"%s\" is %s; left NULL", sl->paren ? sl->txt + 1 : sl->txt, why);
			else if (c.iv[k] < 0 && leaf->field->kind != GD_NUMERIC &&
					 !(leaf->flags & GD_SIGNED))
				add_note(p, line_of_ch(p, sl->cstart), L->leaf_node[r->leaf[k]],
						 GD_NOTE_INFO, "cell \"%s\" is negative in a column of counts; kept as published",
						 sl->txt);
		}
		/*
		 * A cell between borders that holds figures separated by spaces
		 * ("4 3") is several cells whose border was lost, or one figure
		 * with a stray space: only the row's equations may say it is the
		 * cells.
		 */
		for (int k = 0; k < r->ncells; k++)
			if (r->slot[use[k]].spaced && spaced < 0 &&
				(nroweq == 0 || !row_equations_hold(r, eqs, roweq, nroweq, &c) ||
				 !cell_shown_whole(r, eqs, roweq, nroweq, &c, k)))
				spaced = use[k];
		if (spaced >= 0)
		{
			add_note(p, line_of_ch(p, r->slot[spaced].cstart), r->node, GD_NOTE_AMBIGUOUS,
					 "row %s: a cell holds figures separated by a space or a line break (%s), which may be one figure or cells whose border was lost, and %s; the row is left NULL",
					 row_label(r, p->format, label, sizeof(label)), slots_text(p, r),
					 nroweq == 0 ? "the row has no equation to decide" :
					 "the row's equations do not show them to be cells");
			return;
		}
		if (maybe_cut)
		{
			const char *last = r->slot[vidx[nv - 1]].txt;
			int			k = r->ncells - 1;

			if (!cell_shown_whole(r, eqs, roweq, nroweq, &c, k))
			{
				add_note(p, r->line, L->leaf_node[r->leaf[k]], GD_NOTE_TRUNCATED,
						 "the text ends right after the last figure of row %s (%s), which may have been cut short, and no equation of the row shows it whole; that cell is left NULL",
						 row_label(r, p->format, label, sizeof(label)), last);
				c.known[k] = false;
				c.num[k] = NULL;
				c.unit[k] = NULL;
			}
			else
				add_note(p, r->line, r->node, GD_NOTE_INFO,
						 "the text ends right after the last figure of row %s (%s); the row's equations show it whole (a longer figure would break them)",
						 row_label(r, p->format, label, sizeof(label)), last);
		}
		keep_reading(p, r, &c);
		return;
	}
	/*
	 * One figure too many, alone on its line before or after the row's
	 * other figures: a page number a PDF left between two rows ("5").
	 * Dropped only where the row's other figures satisfy its equations.
	 */
	if (nv == r->ncells + 1 && nroweq > 0 && !r->page_number_tried &&
		(lone_page_figure(p, r, vidx[nv - 1]) || lone_page_figure(p, r, vidx[0])))
	{
		int			lone = lone_page_figure(p, r, vidx[nv - 1]) ? vidx[nv - 1] : vidx[0];
		Slot	   *sl = &r->slot[lone];
		int			nnotes = p->nnotes;

		r->page_number_tried = true;
		sl->kind = SL_TEXT;
		read_row(p, r, eqs, neq);
		if (r->ncand == 1 && r->hypothesis == 0 &&
			row_equations_hold(r, eqs, roweq, nroweq, &r->cand[0]))
		{
			add_note(p, line_of_ch(p, sl->cstart), r->node, GD_NOTE_DROPPED,
					 "line \"%s\" among the figures of row %s read as a page number and dropped: the row's %d other figures satisfy its equations",
					 sl->txt, row_label(r, p->format, label, sizeof(label)), r->ncells);
			return;
		}
		p->nnotes = nnotes;
		r->ncand = 0;
		sl->kind = SL_VALUE;
	}
	if (nv > r->ncells)
	{
		add_note(p, r->line, r->node, GD_NOTE_UNREADABLE,
				 "row %s shows %d cells (%s) where the %s format has %d; the row is left NULL",
				 row_label(r, p->format, label, sizeof(label)), nv, slots_text(p, r),
				 p->format == GD_FMT_2019 ? "2019 trial" : "2021", r->ncells);
		return;
	}

	/*
	 * fewer cells than columns: readings.  A figure in parentheses, (11),
	 * is -11 only in a column that may be negative, which is not known
	 * until its cell is: such a row is not read.
	 */
	for (int k = 0; k < r->nslots; k++)
		if (r->slot[k].kind == SL_VALUE && r->slot[k].paren)
		{
			add_note(p, line_of_ch(p, r->slot[k].cstart), r->node, GD_NOTE_UNREADABLE,
					 "row %s shows %d of its %d cells (%s), one of them a figure in parentheses, which is negative only in a column that may be; the row is left NULL",
					 row_label(r, p->format, label, sizeof(label)), nv, r->ncells, slots_text(p, r));
			return;
		}
	{
		Tok			tok[MAX_SLOTS];
		Enum		en;

		memset(&en, 0, sizeof(en));
		en.p = p;
		en.r = r;
		en.eqs = eqs;
		en.roweq = roweq;
		en.nroweq = nroweq;
		en.tok = tok;
		en.ntok = row_tokens(r, tok, MAX_SLOTS);
		for (int k = 0; k < r->nslots; k++)
			if (r->slot[k].toolong)
				en.aborted = true;
		en.cur.inserted = -1;
		en.suffix_chars[en.ntok] = 0;
		/* characters left from token t (positions count from its start) */
		for (int t = en.ntok - 1; t >= 0; t--)
			en.suffix_chars[t] = en.suffix_chars[t + 1] + (tok[t].marker ? 1 : tok[t].nlen);
		r->hypothesis = 2;
		/* digits run together only where nothing separates the cells */
		if (!en.aborted && !r->delimited)
			enum_split(&en, 0, 0, 0);
		if (en.aborted)
		{
			add_note(p, r->line, r->node, GD_NOTE_AMBIGUOUS,
					 "row %s: the digits %s can be cut into %d cells in too many ways; the row is left NULL",
					 row_label(r, p->format, label, sizeof(label)), slots_text(p, r), r->ncells);
			r->ncand = 0;
			return;
		}

		/* one cell lost: every place for it, its value from the equations */
		if (en.ntok == r->ncells - 1)
		{
			/* token t read as cell k, once: 0 not yet, 1 a value, 2 none */
			int8_t		mst[MAX_ROW_CELLS][MAX_ROW_CELLS];
			Cand		memo[MAX_ROW_CELLS];	/* memo[t]: cells as token t */

			memset(mst, 0, sizeof(mst));
			for (int q = 0; q < r->ncells; q++)
			{
				Cand		h;
				bool		ok = true;

				memset(&h, 0, sizeof(h));
				h.inserted = q;
				for (int k = 0, t = 0; k < r->ncells && ok; k++)
				{
					if (k == q)
						continue;
					if (tok[t].marker)
						h.blank[k] = true;
					else
					{
						if (mst[t][k] == 0)
							mst[t][k] = set_cell(r, &memo[t], k, tok[t].txt, tok[t].nlen,
												 tok[t].unit) ? 1 : 2;
						if (mst[t][k] == 2)
							ok = false;
						else
						{
							h.known[k] = true;
							h.iv[k] = memo[t].iv[k];
							h.num[k] = memo[t].num[k];
							h.unit[k] = memo[t].unit[k];
						}
					}
					t++;
				}
				if (!ok)
					continue;
				for (int e = 0; e < nroweq && !h.known[q]; e++)
				{
					const GdEquation *eq = &eqs[roweq[e]];
					GdSum		a = {0, 0};
					bool		on_actual = false,
								involved = false,
								complete = true;
					int64_t		x;

					for (int i = 0; i < eq->nexpected + eq->nactual; i++)
					{
						bool		act = i >= eq->nexpected;
						int			leaf = act ? eq->actual[i - eq->nexpected] : eq->expected[i];
						int			k = cell_of_leaf(r, leaf);

						if (k == q)
						{
							involved = true;
							on_actual = act;
							continue;
						}
						if (!h.known[k])
						{
							complete = false;
							break;
						}
						/* a = actual - expected, over the other cells */
						gd_sum_add(&a, act ? h.iv[k] : -h.iv[k]);
					}
					if (!involved || !complete)
						continue;
					/* x on the expected side: x = a; on the actual side: x = -a */
					if (!gd_sum_to_int64(a, &x))
						break;
					if (on_actual)
						x = -x;
					if (x < 0 && !(L->nodes[L->leaf_node[r->leaf[q]]].flags & GD_SIGNED))
						break;
					h.known[q] = true;
					h.iv[q] = x;
				}
				if (nroweq > 0 && !h.known[q])
					continue;
				if (row_equations_hold(r, eqs, roweq, nroweq, &h))
					keep_reading(p, r, &h);
			}

			/*
			 * Or no cell was lost, but the border between two was, and
			 * they ran together in one piece ("1 1" as "11"): where cells
			 * are delimited, every cut of a piece of digits into two cells
			 * is a reading as well, if an equation of the row takes the
			 * first of them and holds.  Readings that differ leave their
			 * cells undecided, for the table's equations to choose.
			 */
			for (int t = 0; r->delimited && nroweq > 0 && t < en.ntok; t++)
			{
				if (tok[t].marker || tok[t].unit || tok[t].nlen < 2 ||
					strspn(tok[t].txt, "0123456789") != (size_t) tok[t].nlen ||
					tok[t].txt[0] == '0')
					continue;
				for (int cut = 1; cut < tok[t].nlen; cut++)
				{
					Cand		h;
					bool		ok = true;

					/* the second part is a number as written: no leading 0 */
					if (tok[t].txt[cut] == '0' && cut + 1 < tok[t].nlen)
						continue;
					memset(&h, 0, sizeof(h));
					h.inserted = -1;
					for (int k = 0, u = 0; k < r->ncells && ok; k++)
					{
						if (k == t)
							ok = set_cell(r, &h, k, tok[t].txt, cut, NULL);
						else if (k == t + 1)
						{
							ok = set_cell(r, &h, k, tok[t].txt + cut, tok[t].nlen - cut, NULL);
							u = t + 1;
						}
						else if (tok[u].marker)
						{
							h.blank[k] = true;
							u++;
						}
						else
						{
							ok = set_cell(r, &h, k, tok[u].txt, tok[u].nlen, tok[u].unit);
							u++;
						}
					}
					if (ok && row_equations_hold(r, eqs, roweq, nroweq, &h) &&
						cell_shown_whole(r, eqs, roweq, nroweq, &h, t))
						keep_reading(p, r, &h);
				}
			}
			r->hypothesis = 3;
		}
		r->by_equations = r->hypothesis == 3 || en.readings > 1;
		if (r->ncand == 0 && en.readings == 0 && en.ntok < r->ncells - 1)
			add_note(p, r->line, r->node, GD_NOTE_AMBIGUOUS,
					 "row %s shows %d of its %d cells (%s) and their columns cannot be told; the row is left NULL",
					 row_label(r, p->format, label, sizeof(label)), nv, r->ncells,
					 slots_text(p, r));
		else if (r->ncand == 0)
		{
			add_note(p, r->line, r->node, GD_NOTE_UNREADABLE,
					 "row %s shows %d of its %d cells (%s) and no reading of them satisfies the row's equations; the row is left NULL",
					 row_label(r, p->format, label, sizeof(label)), nv, r->ncells,
					 slots_text(p, r));
		}
		else if (r->too_many)
		{
			add_note(p, r->line, r->node, GD_NOTE_AMBIGUOUS,
					 "row %s: its cells (%s) can be read in more than %d ways; the row is left NULL",
					 row_label(r, p->format, label, sizeof(label)), slots_text(p, r), MAX_CANDS);
			r->ncand = 0;
		}
	}
}

/* ---------------------------------------------------------------------
 * 6. The table's equations across rows
 * ---------------------------------------------------------------------
 */
typedef struct Joint
{
	Parser	   *p;
	const GdEquation *eqs;
	int		   *amb;			/* rows with several readings */
	int			namb;
	int		   *check_at;		/* per equation: the ambiguous row after which
								 * it can be checked, or -1 */
	int			neq;
	int		   *leaf_row;		/* leaf -> row index, or -1 */
	int		   *amb_of_row;		/* row index -> index in amb, or -1 */
	int		   *eq_first;		/* equations checked after ambiguous row a: */
	int		   *eq_list;		/* eq_list[eq_first[a] .. eq_first[a + 1]) */
	int		   *pick;			/* reading chosen for each ambiguous row */
	long		solutions;
	long		steps;
	bool		aborted;
	bool	   *seen;			/* per ambiguous row and reading: in a solution */
} Joint;

/* Value of a leaf under the current choice; false if not known. */
static bool
joint_value(Joint *j, int leaf, int64_t *v)
{
	int			ri = j->leaf_row[leaf];
	RowRead    *r;
	const Cand *c;
	int			k;

	if (ri < 0)
		return false;
	r = &j->p->rows[ri];
	if (r->ncand == 0)
		return false;
	c = j->amb_of_row[ri] >= 0 ? &r->cand[j->pick[j->amb_of_row[ri]]] : &r->cand[0];
	k = cell_of_leaf(r, leaf);
	if (k < 0 || !c->known[k])
		return false;
	*v = c->iv[k];
	return true;
}

/* Does an equation hold under the current choice of readings (or cannot it be told)? */
static bool
joint_equation_holds(Joint *j, const GdEquation *eq)
{
	GdSum		a = {0, 0},
				b = {0, 0};

	for (int i = 0; i < eq->nexpected + eq->nactual; i++)
	{
		int			leaf = i < eq->nexpected ? eq->expected[i] : eq->actual[i - eq->nexpected];
		int64_t		v;

		if (!joint_value(j, leaf, &v))
			return true;		/* cannot be told */
		gd_sum_add(i < eq->nexpected ? &a : &b, v);
	}
	return gd_sum_eq(a, b);
}

/* Try every reading of ambiguous row a and the rows after it; record the combinations that survive. */
static void
joint_search(Joint *j, int a)
{
	if (j->aborted)
		return;
	if (++j->steps > 200000)
	{
		j->aborted = true;
		return;
	}
	if ((j->steps & 0xFFF) == 0)
		check_interrupt(j->p, 0x1000);
	if (a == j->namb)
	{
		j->solutions++;
		for (int x = 0; x < j->namb; x++)
			j->seen[x * MAX_CANDS + j->pick[x]] = true;
		return;
	}
	for (int c = 0; c < j->p->rows[j->amb[a]].ncand; c++)
	{
		bool		ok = true;

		j->pick[a] = c;
		for (int x = j->eq_first[a]; x < j->eq_first[a + 1] && ok; x++)
			if (!joint_equation_holds(j, &j->eqs[j->eq_list[x]]))
				ok = false;
		if (ok)
			joint_search(j, a + 1);
		if (j->aborted)
			return;
	}
}

/*
 * Rows with several readings are chosen together: only combinations under
 * which every equation of the table that involves them holds (where its
 * cells are known) survive.  An equation that involves no ambiguous row
 * is not used: a report that is inconsistent as published stays so.
 * Readings that appear in no surviving combination are dropped; when no
 * combination survives, the rows keep all their readings.
 */
static void
solve_tables(Parser *p, const GdEquation *eqs, int neq)
{
	const GdLayout *L = gd_layout();
	Joint		j;
	int			amb[MAX_ROWS];

	memset(&j, 0, sizeof(j));
	j.p = p;
	j.eqs = eqs;
	j.neq = neq;
	for (int i = 0; i < p->nrows; i++)
		if (p->rows[i].ncand > 1)
			amb[j.namb++] = i;
	if (j.namb == 0 || eqs == NULL)
		return;
	j.amb = amb;
	j.leaf_row = arena_alloc(p->arena, sizeof(int) * L->nleaves);
	for (int l = 0; l < L->nleaves; l++)
		j.leaf_row[l] = -1;
	for (int i = 0; i < p->nrows; i++)
		for (int k = 0; k < p->rows[i].ncells; k++)
			j.leaf_row[p->rows[i].leaf[k]] = i;
	j.check_at = arena_alloc(p->arena, sizeof(int) * (neq + 1));
	/* only rows that some usable equation involves are chosen together */
	{
		bool	   *involved = arena_alloc(p->arena, sizeof(bool) * p->nrows);
		int			n = 0;

		for (int e = 0; e < neq; e++)
		{
			bool		usable = gd_rules[eqs[e].rule].severity == GD_SEV_ERROR;

			for (int i = 0; i < eqs[e].nexpected + eqs[e].nactual && usable; i++)
			{
				int			leaf = i < eqs[e].nexpected ? eqs[e].expected[i] :
					eqs[e].actual[i - eqs[e].nexpected];

				if (j.leaf_row[leaf] < 0)
					usable = false;
			}
			if (!usable)
				continue;
			for (int i = 0; i < eqs[e].nexpected + eqs[e].nactual; i++)
			{
				int			leaf = i < eqs[e].nexpected ? eqs[e].expected[i] :
					eqs[e].actual[i - eqs[e].nexpected];

				involved[j.leaf_row[leaf]] = true;
			}
		}
		for (int a = 0; a < j.namb; a++)
			if (involved[amb[a]])
				amb[n++] = amb[a];
		j.namb = n;
		if (n == 0)
			return;
	}
	{
		int		   *amb_index = arena_alloc_raw(p->arena, sizeof(int) * p->nrows);

		for (int i = 0; i < p->nrows; i++)
			amb_index[i] = -1;
		for (int a = 0; a < j.namb; a++)
			amb_index[amb[a]] = a;
		for (int e = 0; e < neq; e++)
		{
			int			last = -1;
			bool		usable = gd_rules[eqs[e].rule].severity == GD_SEV_ERROR;

			for (int i = 0; i < eqs[e].nexpected + eqs[e].nactual && usable; i++)
			{
				int			leaf = i < eqs[e].nexpected ? eqs[e].expected[i] :
					eqs[e].actual[i - eqs[e].nexpected];
				int			ri = j.leaf_row[leaf];

				if (ri < 0)
					usable = false;	/* a cell of a row that is not there */
				else if (amb_index[ri] > last)
					last = amb_index[ri];
			}
			j.check_at[e] = usable ? last : -1;
		}
	}
	/* per ambiguous row, the equations that can be checked once it is chosen */
	j.amb_of_row = arena_alloc_raw(p->arena, sizeof(int) * p->nrows);
	for (int i = 0; i < p->nrows; i++)
		j.amb_of_row[i] = -1;
	for (int a = 0; a < j.namb; a++)
		j.amb_of_row[amb[a]] = a;
	j.eq_first = arena_alloc(p->arena, sizeof(int) * (j.namb + 1));
	j.eq_list = arena_alloc_raw(p->arena, sizeof(int) * (neq + 1));
	for (int e = 0; e < neq; e++)
		if (j.check_at[e] >= 0)
			j.eq_first[j.check_at[e] + 1]++;
	for (int a = 0; a < j.namb; a++)
		j.eq_first[a + 1] += j.eq_first[a];
	{
		int		   *fill = arena_alloc_raw(p->arena, sizeof(int) * (j.namb + 1));

		memcpy(fill, j.eq_first, sizeof(int) * (j.namb + 1));
		for (int e = 0; e < neq; e++)
			if (j.check_at[e] >= 0)
				j.eq_list[fill[j.check_at[e]]++] = e;
	}
	j.pick = arena_alloc(p->arena, sizeof(int) * j.namb);
	j.seen = arena_alloc(p->arena, sizeof(bool) * j.namb * MAX_CANDS);
	joint_search(&j, 0);
	if (j.aborted || j.solutions == 0)
	{
		if (j.solutions == 0 && !j.aborted)
			add_note(p, p->rows[amb[0]].line, -1, GD_NOTE_AMBIGUOUS,
					 "no combination of the readings of %d ambiguous rows satisfies the table's equations; their uncertain cells are left NULL",
					 j.namb);
		return;
	}
	for (int a = 0; a < j.namb; a++)
	{
		RowRead    *r = &p->rows[amb[a]];
		int			n = 0;

		for (int c = 0; c < r->ncand; c++)
			if (j.seen[a * MAX_CANDS + c])
				r->cand[n++] = r->cand[c];
		r->ncand = n;
	}
}

/*
 * The leaves as the rows are read (what fill_row writes): lv[leaf] where
 * known[leaf], a cell on which every reading of its row agrees; leaf_row[leaf]
 * its row, or -1.
 */
typedef struct ReadLeaves
{
	int		   *leaf_row;
	int64_t    *lv;
	bool	   *known;
} ReadLeaves;

static void
read_leaves(Parser *p, ReadLeaves *rl)
{
	const GdLayout *L = gd_layout();

	rl->leaf_row = arena_alloc_raw(p->arena, sizeof(int) * L->nleaves);
	rl->lv = arena_alloc_raw(p->arena, sizeof(int64_t) * L->nleaves);
	rl->known = arena_alloc(p->arena, sizeof(bool) * L->nleaves);
	for (int l = 0; l < L->nleaves; l++)
		rl->leaf_row[l] = -1;
	for (int i = 0; i < p->nrows; i++)
	{
		const RowRead *r = &p->rows[i];

		for (int k = 0; k < r->ncells; k++)
		{
			int			leaf = r->leaf[k];
			bool		agreed = r->ncand > 0;

			rl->leaf_row[leaf] = i;
			for (int c = 0; c < r->ncand && agreed; c++)
				agreed = r->cand[c].known[k] && r->cand[c].iv[k] == r->cand[0].iv[k];
			rl->known[leaf] = agreed;
			rl->lv[leaf] = agreed ? r->cand[0].iv[k] : 0;
		}
	}
}

/*
 * Does equation eq hold (1), break (0) or cannot it be told (-1), row ri's
 * cells taken from a reading (known, iv), the others as read (ri -1: all)?
 */
static int
equation_with(Parser *p, const ReadLeaves *rl, const GdEquation *eq, int ri,
			  const bool *known, const int64_t *iv)
{
	GdSum		a = {0, 0},
				b = {0, 0};

	for (int t = 0; t < eq->nexpected + eq->nactual; t++)
	{
		int			leaf = t < eq->nexpected ? eq->expected[t] : eq->actual[t - eq->nexpected];
		int64_t		v;

		if (ri >= 0 && rl->leaf_row[leaf] == ri)
		{
			int			k = cell_of_leaf(&p->rows[ri], leaf);

			if (k < 0 || !known[k])
				return -1;
			v = iv[k];
		}
		else if (rl->known[leaf])
			v = rl->lv[leaf];
		else
			return -1;
		gd_sum_add(t < eq->nexpected ? &a : &b, v);
	}
	return gd_sum_eq(a, b) ? 1 : 0;
}

/*
 * A repaired row whose reading the equations chose (a lost cell recovered,
 * or digits that ran together and can be cut more than one way) was read
 * by the equations of its own row and, where it had several readings, of
 * the rows read with it.  Every other equation of the table that passes
 * through the row must hold as well, where all its cells are known, or the
 * arithmetic does not show the repair: a row that is inconsistent as
 * published has a reading that satisfies its own equation, and the columns
 * show it wrong.  A row with a reading that breaks such an equation, where
 * another reading (before the row's own equations: another cut of the
 * digits, another value of the lost cell) would keep it, is left NULL,
 * noted: where it has several readings, keeping only the others would fill
 * cells on the word of a table that is inconsistent.  Where every reading
 * breaks it, the table is broken there as published, and the row is kept
 * (the checks report it).  The rows are checked against each other as
 * read, all at once.  Digits that can be cut only one way (0000000)
 * are read without the equations, and a table inconsistent as published
 * does not cost them.
 */
static void
verify_repairs(Parser *p, const GdEquation *eqs, int neq)
{
	ReadLeaves	rl;
	int			broken_rule[MAX_ROWS],
				last_eq[MAX_ROWS];
	bool		any = false;

	for (int i = 0; i < p->nrows; i++)
		if (p->rows[i].by_equations && p->rows[i].ncand > 0)
			any = true;
	if (!any || eqs == NULL)
		return;
	read_leaves(p, &rl);
	for (int i = 0; i < p->nrows; i++)
	{
		broken_rule[i] = -1;
		last_eq[i] = -1;
	}
	for (int e = 0; e < neq; e++)
	{
		const GdEquation *eq = &eqs[e];

		/* an equation that holds as the rows are read holds for each reading */
		if (gd_rules[eq->rule].severity != GD_SEV_ERROR ||
			equation_with(p, &rl, eq, -1, NULL, NULL) == 1)
			continue;
		for (int t = 0; t < eq->nexpected + eq->nactual; t++)
		{
			int			i = rl.leaf_row[t < eq->nexpected ? eq->expected[t] :
										eq->actual[t - eq->nexpected]];
			RowRead    *r;

			if (i < 0 || last_eq[i] == e)
				continue;
			last_eq[i] = e;		/* each row once per equation */
			r = &p->rows[i];
			if (!r->by_equations || r->ncand == 0 || broken_rule[i] >= 0)
				continue;
			for (int c = 0; c < r->ncand && broken_rule[i] < 0; c++)
			{
				bool		blamed = r->hypothesis == 3 || r->alt_overflow;

				if (equation_with(p, &rl, eq, i, r->cand[c].known, r->cand[c].iv) != 0)
					continue;

				/*
				 * Broken.  Blame the repair only if another reading of the
				 * digits, or another value of a lost cell, would keep the
				 * equation: else the table is broken there as published
				 * whichever reading is taken (as it must stay).  The lost
				 * cell may have been any cell of the row, one of the
				 * equation's too, and its value is then free: a row that
				 * lost a cell is always blamed.
				 */
				for (int x = 0; x < r->nalt && !blamed; x++)
					blamed = equation_with(p, &rl, eq, i, r->alt[x].known, r->alt[x].iv) != 0;
				if (blamed)
					broken_rule[i] = eq->rule;
			}
		}
	}
	for (int i = 0; i < p->nrows; i++)
	{
		RowRead    *r = &p->rows[i];

		if (broken_rule[i] < 0)
			continue;
		/* noted by fill_row, in the order of the rows */
		r->broken_rule = broken_rule[i];
		r->broken_reading = r->ncand == 1 ? reading_text(p, r, &r->cand[0]) : NULL;
		r->ncand = 0;
	}
}

/* ---------------------------------------------------------------------
 * Values out
 * ---------------------------------------------------------------------
 */
static void
set_value_int(Parser *p, int leaf, int64_t v)
{
	GdParsedValue *pv = &p->res->values[leaf];

	pv->kind = GD_V_INT;
	pv->ival = v;
}

/* Set a leaf to a numeric or text value (copied into the arena). */
static void
set_value_str(Parser *p, int leaf, GdValueKind kind, const char *s, size_t len)
{
	GdParsedValue *pv = &p->res->values[leaf];

	pv->kind = kind;
	pv->str = arena_strndup(p->arena, s, len);
	pv->len = len;
}

/* The unit leaf beside an amount (procurement.amount_unit), or -1. */
static int
unit_leaf_of(int leaf)
{
	const GdLayout *L = gd_layout();
	const GdNode *n = &L->nodes[L->leaf_node[leaf]];
	const GdNode *parent = &L->nodes[n->parent];

	if (n->field->kind != GD_NUMERIC)
		return -1;
	for (int l = parent->first_leaf; l < parent->first_leaf + parent->nleaves; l++)
		if (L->nodes[L->leaf_node[l]].field->kind == GD_TEXT)
			return l;
	return -1;
}

static int	find_word(Parser *p, int a, int b, const char *word);
static bool match_at(Parser *p, int c, const char *word);
static int	utf8_chars(const char *s);


/*
 * The unit the header of an amount column states in the text of section 二,
 * in parentheses or after 单位 (本年收费金额（单位：元）, 采购总金额（万元）),
 * or NULL; *line its line.  The header is found by the field's label, or its
 * short form.  Looked up once per leaf.
 */
static const char *
header_unit(Parser *p, int leaf, int *line)
{
	const GdLayout *L = gd_layout();
	const GdField *f = L->nodes[L->leaf_node[leaf]].field;
	const char *word = f->short_label ? f->short_label : f->label;
	int			a = p->sec_start[2],
				b = p->report_end;
	const char *unit = NULL;
	int			c;

	for (int i = 0; i < p->nhu; i++)
		if (p->hu_leaf[i] == leaf)
		{
			*line = p->hu_line[i];
			return p->hu_unit[i];
		}
	for (int s = 3; s <= 6; s++)
		if (p->sec_start[s] > a)
		{
			b = p->sec_start[s];
			break;
		}
	*line = 0;
	while (a >= 0 && unit == NULL && (c = find_word(p, a, b, word)) >= 0)
	{
		int			e = c + utf8_chars(word);
		bool		marked = false;

		/* （单位：元）, (元), 单位:元, 单位为元, 单位：人民币元, spaces and line breaks between */
		for (;;)
		{
			while (e < b && (p->ch[e].cp == ' ' || p->ch[e].cp == '\n' || p->ch[e].cp == '\t'))
				e++;
			if (e < b && (p->ch[e].cp == '(' || p->ch[e].cp == ':'))
				e++;
			else if (e + 2 <= b && match_at(p, e, "单位"))
				e += 2;
			else if (marked && e + 1 <= b && match_at(p, e, "为"))
				e += 1;			/* 单位为元 */
			else if (marked && e + 3 <= b && match_at(p, e, "人民币"))
				e += 3;			/* 单位：人民币元 */
			else
				break;
			marked = true;
		}
		for (int u = 0; marked && gd_header_units[u] && unit == NULL; u++)
			if (match_at(p, e, gd_header_units[u]))
			{
				unit = gd_header_units[u];
				*line = line_of_ch(p, c);
			}
		a = c + 1;
	}
	if (p->nhu < 4)
	{
		p->hu_leaf[p->nhu] = leaf;
		p->hu_unit[p->nhu] = unit;
		p->hu_line[p->nhu] = *line;
		p->nhu++;
	}
	return unit;
}

/*
 * Does the header of an amount column state a unit its cells cannot be
 * read in?  A column whose label has its unit (本年收费金额（单位：万元）)
 * takes only that unit; a column with a unit field (采购总金额) takes the
 * units of gd_amount_units, and a cell that writes none has the header's.
 * The parser does not convert: such a column is left NULL.  Returns the
 * unit of the header that the cells are in (NULL if it states none), and
 * *bad whether it is one they cannot be read in (*want: what they can).
 */
static const char *
column_unit(Parser *p, int leaf, bool *bad, const char **want, int *line)
{
	const GdLayout *L = gd_layout();
	const GdField *f = L->nodes[L->leaf_node[leaf]].field;
	const char *unit = header_unit(p, leaf, line);

	*bad = false;
	if (unit == NULL)
		return NULL;
	if (unit_leaf_of(leaf) < 0)
	{
		/* the label states the unit: the header must state the same */
		bool		in_label = false;

		for (int u = 0; gd_header_units[u] && !in_label; u++)
			if (strstr(f->label, gd_header_units[u]) != NULL)
			{
				in_label = true;
				*bad = gd_header_units[u] != unit;
				*want = gd_header_units[u];
			}
		return unit;
	}
	*bad = true;
	*want = "元 or 万元";
	for (int u = 0; u < gd_namount_units; u++)
		if (strcmp(gd_amount_units[u].label, unit) == 0)
			*bad = false;
	return unit;
}

/* Fill the cells every remaining reading of a row agrees on. */
static void
fill_row(Parser *p, RowRead *r)
{
	const GdLayout *L = gd_layout();
	char		label[256];
	int			agreed = 0,
				undecided = 0;

	if (r->ncand == 0 && r->broken_rule >= 0)
		add_note(p, r->line, r->node, GD_NOTE_UNREADABLE,
				 "row %s (%s) %s; the table's rule %s, which passes through the row, does not hold with %s: "
				 "the row is inconsistent as published, or was misread, and is left NULL",
				 row_label(r, p->format, label, sizeof(label)), slots_text(p, r),
				 r->hypothesis == 3 ? "lost a cell" : "ran its cells together",
				 gd_rules[r->broken_rule].id,
				 r->broken_reading ? r->broken_reading : "one of the readings its own equations allow");
	if (r->ncand == 0 || p->disordered[L->nodes[r->node].section])
		return;
	for (int k = 0; k < r->ncells; k++)
	{
		const Cand *c0 = &r->cand[0];
		bool		same = true;

		for (int c = 1; c < r->ncand && same; c++)
			if (r->cand[c].known[k] != c0->known[k] || r->cand[c].blank[k] != c0->blank[k] ||
				(c0->known[k] && !same_value(&r->cand[c], c0, k)) ||
				r->cand[c].unit[k] != c0->unit[k])
				same = false;
		if (!same)
		{
			undecided++;
			continue;
		}
		if (!c0->known[k])
		{
			/* a blank amount in a given unit */
			int			ul = c0->blank[k] && c0->unit[k] ? unit_leaf_of(r->leaf[k]) : -1;

			if (ul >= 0)
				set_value_str(p, ul, GD_V_TEXT, c0->unit[k], strlen(c0->unit[k]));
			continue;
		}
		if (L->nodes[L->leaf_node[r->leaf[k]]].field->kind == GD_NUMERIC)
		{
			int			ul = unit_leaf_of(r->leaf[k]);
			int			hline;
			bool		bad;
			const char *want = NULL;
			const char *hunit = column_unit(p, r->leaf[k], &bad, &want, &hline);

			if (bad)
			{
				add_note(p, r->line, L->leaf_node[r->leaf[k]], GD_NOTE_UNREADABLE,
						 "the header of column %s (line %d) gives its amounts in %s, where the format has %s; the parser does not convert, and the cell is left NULL",
						 gd_field_short_label(L->nodes[L->leaf_node[r->leaf[k]]].field,
											  p->format ? p->format : GD_FMT_2021),
						 hline, hunit, want);
				continue;
			}
			agreed++;
			set_value_str(p, r->leaf[k], GD_V_NUMERIC, c0->num[k], strlen(c0->num[k]));
			if (ul >= 0 && (c0->unit[k] || hunit))
			{
				const char *u = c0->unit[k] ? c0->unit[k] : hunit;

				set_value_str(p, ul, GD_V_TEXT, u, strlen(u));
			}
		}
		else
		{
			agreed++;
			set_value_int(p, r->leaf[k], c0->iv[k]);
		}
	}
	if (r->hypothesis < 2)
		return;
	row_label(r, p->format, label, sizeof(label));
	if (undecided == 0)
	{
		const Cand *c0 = &r->cand[0];

		if (r->hypothesis == 3 && c0->inserted == -2)
			add_note(p, r->line, r->node, GD_NOTE_RECOVERED,
					 "row %s shows %d of its %d cells (%s); a cell was lost, and whichever cell it was, the only reading that satisfies the table's equations is %s",
					 label, r->ncells - 1, r->ncells, slots_text(p, r), reading_text(p, r, c0));
		else if (r->hypothesis == 3 && c0->inserted >= 0)
		{
			char		collabel[64],
						rowpart[256],
						valbuf[24];

			gd_node_label_parts(L->leaf_node[r->leaf[c0->inserted]],
								p->format ? p->format : GD_FMT_2021, true,
								rowpart, sizeof(rowpart), collabel, sizeof(collabel));
			add_note(p, r->line, r->node, GD_NOTE_RECOVERED,
					 "row %s shows %d of its %d cells (%s); the only reading that satisfies the table's equations is %s, so a cell (%s, value %s) was recovered from the arithmetic",
					 label, r->ncells - 1, r->ncells, slots_text(p, r),
					 reading_text(p, r, c0), collabel, int_text(c0->iv[c0->inserted], valbuf));
		}
		else
			add_note(p, r->line, r->node, GD_NOTE_RECOVERED,
					 "row %s: its cells ran together (%s); the only reading %s is %s",
					 label, slots_text(p, r),
					 r->ncand == 1 && r->cand[0].inserted < 0 ? "with no leading zeros that satisfies the table's equations" :
					 "that satisfies the table's equations", reading_text(p, r, c0));
		p->res->repairs++;
	}
	else
	{
		Str			alts = {p->arena, NULL, 0, 0};

		str_add(&alts, "", 0);
		for (int c = 0; c < r->ncand && c < 3; c++)
		{
			if (c)
				str_add(&alts, "; ", 2);
			str_add(&alts, reading_text(p, r, &r->cand[c]), strlen(reading_text(p, r, &r->cand[c])));
		}
		add_note(p, r->line, r->node, GD_NOTE_AMBIGUOUS,
				 "row %s: its cells (%s) can be read in %d ways (%s%s); %d cell%s on which they differ %s left NULL",
				 label, slots_text(p, r), r->ncand, alts.s, r->ncand > 3 ? "; …" : "",
				 undecided, undecided == 1 ? "" : "s", undecided == 1 ? "is" : "are");
	}
}

/* ---------------------------------------------------------------------
 * Rows from the labels
 * ---------------------------------------------------------------------
 */

/* Start of the next thing after ch index c: a label or a heading. */
static int
next_boundary(Parser *p, int evi, int c)
{
	int			b = p->report_end;

	for (int j = evi + 1; j < p->nev; j++)
		if (p->ev[j].kind != EV_NONE && p->ev[j].cstart >= c)
		{
			b = p->ev[j].cstart;
			break;
		}
	for (int n = 1; n <= 6; n++)
		if (p->sec_start[n] >= c && p->sec_start[n] < b)
			b = p->sec_start[n];
	return b;
}

/*
 * Clean a row's slots: damage marks go (with a note), words before the
 * first cell are the rest of the label, words after cells end the row
 * and are dropped with what follows them.
 */
static void
finish_slots(Parser *p, RowRead *r)
{
	int			n = 0;
	bool		any_cell = false;
	char		label[256];

	for (int k = 0; k < r->nslots; k++)
	{
		Slot	   *s = &r->slot[k];

		if (s->kind == SL_WEAK && s->tlen < 0)
			continue;
		if (s->kind == SL_DAMAGE)
		{
			add_note(p, line_of_ch(p, s->cstart), r->node, GD_NOTE_REPAIR,
					 "a stray \"%s\" (left by a broken character encoding) in row %s was dropped",
					 s->txt, row_label(r, p->format, label, sizeof(label)));
			p->res->repairs++;
			continue;
		}
		if (s->kind == SL_TEXT)
		{
			if (!any_cell)
				continue;
			add_note(p, line_of_ch(p, s->cstart), r->node, GD_NOTE_DROPPED,
					 "\"%s\" after row %s is not part of the format; it and the cells after it were dropped",
					 quote(p, s->cstart, r->slot[r->nslots - 1].cend, 40),
					 row_label(r, p->format, label, sizeof(label)));
			r->dropped_text = true;
			break;
		}
		if (s->kind == SL_VALUE || s->kind == SL_MARKER || s->kind == SL_EMPTY)
			any_cell = true;
		r->slot[n++] = *s;
	}
	r->nslots = n;
}

/* Numbers or words between labels that belong to no row. */
static void
note_stray(Parser *p, const Event *e, int a, int b)
{
	RowRead		tmp;
	int			values = 0,
				words = 0,
				first = -1;

	memset(&tmp, 0, sizeof(tmp));
	tmp.html_row = -1;
	tmp.node = -1;
	tmp.arena = p->arena;
	gap_slots(p, &tmp, a, b);
	for (int k = 0; k < tmp.nslots; k++)
	{
		if (tmp.slot[k].kind == SL_VALUE)
			values++;
		else if (tmp.slot[k].kind == SL_TEXT)
			words++;
		else
			continue;
		if (first < 0)
			first = k;
	}
	if (first < 0)
		return;
	add_note(p, line_of_ch(p, tmp.slot[first].cstart), e->node > 0 ? e->node : -1,
			 GD_NOTE_DROPPED, "%s \"%s\" after \"%s\" %s not a cell of the format; dropped",
			 values && words ? "text" : values ? "numbers" : "text",
			 quote(p, tmp.slot[first].cstart, tmp.slot[tmp.nslots - 1].cend, 40),
			 patterns[e->pat].text, (values + words) > 1 ? "are" : "is");
}

/* A row of node node, its label at ch index cstart, before its cells are read. */
static void
start_row(Parser *p, RowRead *r, int node, int cstart)
{
	memset(r, 0, sizeof(*r));
	r->html_row = -1;
	r->broken_rule = -1;
	r->arena = p->arena;
	r->node = node;
	set_row_cells(r, p->format);
	r->line = line_of_ch(p, cstart);
}

/* Turn the row labels into rows with their slots; table 四's values follow its headers. */
static void
build_rows(Parser *p)
{
	int			appeals = -1;
	bool		warned_format = false;

	{
		int			n = 1;

		for (int i = 0; i < p->nev; i++)
			if (p->ev[i].kind == EV_ROW)
				n++;
		if (n > MAX_ROWS)
			n = MAX_ROWS;
		p->rows = arena_alloc(p->arena, sizeof(RowRead) * n);
		p->maxrows = n;
	}
	p->nrows = 0;
	for (int i = 0; i < p->nev; i++)
	{
		Event	   *e = &p->ev[i];
		int			b;

		if (e->kind == EV_NONE)
			continue;
		b = next_boundary(p, i, e->cend);
		if (e->kind == EV_ROW)
		{
			RowRead    *r;

			if (p->format == 0 && e->table == 2)
			{
				if (!warned_format)
					add_note(p, line_of_ch(p, e->cstart), -1, GD_NOTE_UNREADABLE,
							 "the table headers do not say which format the report uses; table 二 is left NULL");
				warned_format = true;
				continue;
			}
			if (p->nrows >= p->maxrows)
				continue;
			r = &p->rows[p->nrows++];
			start_row(p, r, e->node, e->cstart);
			gap_slots(p, r, e->cend, b);
			r->at_end = (b >= p->nch);
			finish_slots(p, r);
		}
		else if (e->kind == EV_HEADER && e->table == 4)
		{
			RowRead    *r;

			if (appeals < 0)
			{
				if (p->nrows >= p->maxrows)
					continue;
				appeals = p->nrows++;
				start_row(p, &p->rows[appeals], node_appeals, e->cstart);
			}
			r = &p->rows[appeals];
			gap_slots(p, r, e->cend, b);
			r->at_end = (b >= p->nch);
		}
		else if (e->table == 2 || e->table == 3)
			note_stray(p, e, e->cend, b);
	}
	if (appeals >= 0)
		finish_slots(p, &p->rows[appeals]);
}

/* ---------------------------------------------------------------------
 * 7. Title fields, narratives, the processing fee
 * ---------------------------------------------------------------------
 */

/* Original characters of ch range [a, b): the text as published. */
static void
display_text(Parser *p, int a, int b, Str *out)
{
	const unsigned char *t = (const unsigned char *) p->text;
	int			i = a;

	if (b > p->nch)
		b = p->nch;
	if (b <= a)
		return;
	str_reserve(out, p->ch[b - 1].off + 4 - p->ch[a].off);
	{
		/* no irregular character in [a, b): the bytes are copied at once */
		int			lo = lower_bound(p->irr, p->nirr, a);

		if (lo == p->nirr || p->irr[lo] >= b)
		{
			uint32_t	start = p->ch[a].off,
						last = p->ch[b - 1].off;
			unsigned char lead = t[last];
			uint32_t	end = last + (lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4);
			size_t		from = out->len;

			str_add(out, p->text + start, end - start);
			/* tabs and cell marks are spaces ('\r' is never in such a run) */
			for (int sep = 0; sep < 2; sep++)
			{
				char	   *q = out->s + from;
				char	   *e = out->s + out->len;

				while ((q = memchr(q, sep ? 0x1f : '\t', (size_t) (e - q))) != NULL)
					*q++ = ' ';
			}
			return;
		}
	}
	while (i < b)
	{
		/* a run of characters that are contiguous in the text */
		uint32_t	start = p->ch[i].off;
		uint32_t	end;
		size_t		from = out->len;

		bool		invalid = false;

		end = start;
		for (;;)
		{
			uint32_t	off = p->ch[i].off;
			uint32_t	cp = t[off];
			int			k = cp < 0x80 ? 1 : gd_utf8_decode(t + off, p->len - off, &cp);

			if (cp == GD_REPLACEMENT_CHAR && k == 1)
			{
				/* a byte that is no UTF-8: it ends the run, U+FFFD stands in */
				invalid = true;
				i++;
				break;
			}
			end = off + (uint32_t) k;
			i++;
			if (i >= b || p->ch[i].off != end)
				break;
		}
		str_add(out, p->text + start, end - start);
		if (invalid)
			str_addcp(out, GD_REPLACEMENT_CHAR);
		for (size_t q = from; q < out->len; q++)
			if (out->s[q] == '\t' || out->s[q] == 0x1f || out->s[q] == '\r')
				out->s[q] = ' ';
	}
}

/* Does the folded text at ch index c spell word? */
static bool
match_at(Parser *p, int c, const char *word)
{
	size_t		b = 0,
				n = strlen(word);

	while (b < n)
	{
		uint32_t	cp;

		b += (size_t) gd_utf8_decode((const unsigned char *) word + b, n - b, &cp);
		if (c >= p->nch || p->ch[c].cp != gd_fold(cp))
			return false;
		c++;
	}
	return true;
}

/* First c in [a, b) where word matches, or -1. */
static int
find_word(Parser *p, int a, int b, const char *word)
{
	uint32_t	w[16];
	int			n = 0;
	size_t		i = 0,
				len = strlen(word);

	while (i < len && n < 16)
	{
		uint32_t	cp;

		i += (size_t) gd_utf8_decode((const unsigned char *) word + i, len - i, &cp);
		w[n++] = gd_fold(cp);
	}
	if (b > p->nch)
		b = p->nch;
	for (int c = a; c + n <= b; c++)
	{
		int			k;

		if (p->ch[c].cp != w[0])
			continue;
		for (k = 1; k < n && p->ch[c + k].cp == w[k]; k++)
			;
		if (k == n)
			return c;
	}
	return -1;
}

static int
utf8_chars(const char *s)
{
	int			n = 0;

	for (; *s; s++)
		if (((unsigned char) *s & 0xC0) != 0x80)
			n++;
	return n;
}

/* A year "2021年" (spaces allowed) at c: returns its value, *end after 年/度. */
static int
year_at(Parser *p, int c, int limit, int *end)
{
	int			v = 0,
				d = c;

	if (c > 0 && p->ch[c - 1].cp >= '0' && p->ch[c - 1].cp <= '9')
		return 0;
	for (int k = 0; k < 4; k++, d++)
	{
		if (d >= limit || p->ch[d].cp < '0' || p->ch[d].cp > '9')
			return 0;
		v = v * 10 + (int) (p->ch[d].cp - '0');
	}
	while (d < limit && p->ch[d].cp == ' ')
		d++;
	if (d >= limit || p->ch[d].cp != 0x5E74)	/* 年 */
		return 0;
	d++;
	if (d < limit && p->ch[d].cp == 0x5EA6)	/* 度 */
		d++;
	if (v < 1990 || v > 2100)
		return 0;
	*end = d;
	return v;
}

typedef struct TitleFind
{
	int			year;
	int			agency_a;		/* ch range of the agency's name, -1 */
	int			agency_b;
	int			year_a;			/* ch range of the year inside it */
	int			year_b;
	bool		joined;			/* the name runs into 政府信息公开 at agency_b */
	const char *exact;			/* render_report's escaped agency: its value */
	int			line;
} TitleFind;

/*
 * The words that name the report, words (gd_report_words: 政府信息公开)
 * and 报告 within 24 characters after, in ch range [a, b): where words
 * start (*r where 报告 does), or -1.  An agency's name may hold the first
 * words too.
 */
static int
report_words_at(Parser *p, int a, int b, const char *words, int *r)
{
	int			g = find_word(p, a, b, words);

	while (g >= 0 && (*r = find_word(p, g, g + 24 < b ? g + 24 : b, gd_report_word_last)) < 0)
		g = find_word(p, g + 1, b, words);
	return g;
}

static int
report_words(Parser *p, int a, int b)
{
	int			r;

	return report_words_at(p, a, b, gd_report_words, &r);
}

/*
 * A report's name "<agency><year>年(度)<words>…报告" (or with the year first
 * or last) in ch range [a, b), words being gd_report_words (政府信息公开)
 * or, in a sentence that presents the report, gd_report_words_bare: the
 * phrase, and within it the agency's name.  Returns false if there is none.
 */
static bool
report_name(Parser *p, int a, int b, const char *words, TitleFind *t)
{
	int			r = -1,
				ye = 0,
				y = -1;
	int			g = report_words_at(p, a, b, words, &r);

	if (g < 0 || r < 0)
		return false;
	for (int c = a; c < r && y < 0; c++)
	{
		int			v = year_at(p, c, r, &ye);

		if (v)
		{
			t->year = v;
			y = c;
		}
	}
	if (y < 0)
		return false;
	t->year_a = y;
	t->year_b = ye;
	t->agency_a = a;
	t->agency_b = g;
	t->joined = true;
	return true;
}

/*
 * Does ch range [a, b) start with 现 or 特 (gd_report_verb_lead) and a verb
 * that publishes or presents the report (gd_report_verbs: 现将, 现公布,
 * 特编制 …)?  Then it is a sentence naming the report, not a title, and
 * holds no agency at its start.
 */
static bool
report_verb_at(Parser *p, int a, int b)
{
	if (a >= b || !gd_folded_in(p->ch[a].cp, gd_report_verb_lead))
		return false;
	for (int v = 0; gd_report_verbs[v]; v++)
		for (int s = a; s <= a + 1; s++)
			if (s + utf8_chars(gd_report_verbs[v]) <= b && match_at(p, s, gd_report_verbs[v]))
				return true;
	return false;
}

/*
 * Does ch range [a, b) end as an agency's name does (gd_agency_last), with
 * two characters at least and no digit?
 */
static bool
named_like_agency(Parser *p, int a, int b)
{
	while (b > a && p->ch[b - 1].cp == ' ')
		b--;
	if (b - a < 2 || !gd_folded_in(p->ch[b - 1].cp, gd_agency_last))
		return false;			/* 县 alone is no name */
	for (int c = a; c < b; c++)
		if (p->ch[c].cp >= '0' && p->ch[c].cp <= '9')
			return false;
	return true;
}

/*
 * Is ch range [a, b) a reference rather than a name: two characters, the
 * first of gd_agency_generic_first (全县, 该局)?
 */
static bool
generic_reference(Parser *p, int a, int b)
{
	return b - a == 2 && gd_folded_in(p->ch[a].cp, gd_agency_generic_first);
}

/*
 * Is ch range [a, b) a plausible name of an agency (layout.h)?  At most
 * GD_AGENCY_MAX_CHARS characters, not counting the title's year where it
 * stands inside (t, or NULL), nor the marks of render_report's escaped form
 * (a leading backslash, and \u{H} counted as the one character it stands
 * for).
 */
static bool
agency_name_ok(Parser *p, int a, int b, const TitleFind *t)
{
	int			n = 0;

	if (b <= a || gd_folded_in(p->ch[a].cp, gd_agency_not_first))
		return false;
	if (report_verb_at(p, a, b) || generic_reference(p, a, b))
		return false;
	for (int w = 0; gd_agency_stop_words[w]; w++)
		if (find_word(p, a, b, gd_agency_stop_words[w]) >= 0)
			return false;
	for (int c = a; c < b; c++)
	{
		if (gd_is_sentence_punct(p->ch[c].cp) || p->ch[c].cp == '\n')
			return false;
		if (t && c >= t->year_a && c < t->year_b)
			continue;
		if (p->ch[c].cp == '\\' && c == a && p->ch[a].cp == '\\')
			continue;
		if (p->ch[c].cp == '\\' && c + 2 < b && p->ch[c + 1].cp == 'u' &&
			p->ch[c + 2].cp == '{')
		{
			int			e = c + 3;

			while (e < b && e < c + 10 && p->ch[e].cp != '}')
				e++;
			if (e < b && p->ch[e].cp == '}')
				c = e;
		}
		n++;
	}
	return n <= GD_AGENCY_MAX_CHARS;
}

/* The agency's name as published (its year left out). */
static const char *
agency_text(Parser *p, const TitleFind *t)
{
	Str			s = {p->arena, NULL, 0, 0};
	int			a = t->agency_a,
				b = t->agency_b;
	bool		year_inside = t->year_a >= a && t->year_a < b;
	int			e = year_inside ? t->year_a : b;

	str_add(&s, "", 0);
	/* an escaped name (render_report's form of one ending in a digit) */
	while (e > a && p->ch[e - 1].cp == ' ')
		e--;
	while (a < e && p->ch[a].cp == ' ')
		a++;
	if ((!year_inside || t->year_b >= b) && escaped_text(p, a, e, &s))
		return s.s;
	/* the year is left out, wherever it stands */
	if (year_inside)
	{
		display_text(p, a, t->year_a, &s);
		display_text(p, t->year_b, b, &s);
	}
	else
		display_text(p, a, b, &s);
	/* trim */
	while (s.len > 0 && (s.s[s.len - 1] == ' '))
		s.s[--s.len] = '\0';
	{
		char	   *q = s.s;

		while (*q == ' ')
			q++;

		/*
		 * 某某县人民政府信息公开…: the 政府 belongs to the agency (not when
		 * the year stands between them)
		 */
		if (t->joined && (!year_inside || t->year_b < b) &&
			strlen(q) >= strlen("人民") && strcmp(q + strlen(q) - strlen("人民"), "人民") == 0)
		{
			Str			s2 = {p->arena, NULL, 0, 0};

			str_add(&s2, q, strlen(q));
			str_add(&s2, "政府", strlen("政府"));
			return s2.s;
		}
		return q;
	}
}

/*
 * A title whose year is left blank: a line [a, le) that ends with
 * gd_title_suffix ("年政府信息公开工作年度报告") with no year before its 年,
 * as render_report titles a report without a year (and a form with the
 * year not filled in reads).  The agency is what comes before, if
 * anything; a year broken off onto the line before is not a blank year.
 */
static bool
blank_year_title(Parser *p, int a, int le, TitleFind *t)
{
	int			n = utf8_chars(gd_title_suffix);
	int			y = le,
				e;

	while (y > a && p->ch[y - 1].cp == ' ')
		y--;
	if (y - n < a || !match_at(p, y - n, gd_title_suffix))
		return false;
	e = y - n;
	while (e > a && p->ch[e - 1].cp == ' ')
		e--;
	if (e > a && p->ch[e - 1].cp >= '0' && p->ch[e - 1].cp <= '9')
		return false;
	for (int c = a; c < e; c++)
		if (gd_is_sentence_punct(p->ch[c].cp))
			return false;
	if (e == a)
	{
		int			c = a - 1;

		while (c >= 0 && (p->ch[c].cp == ' ' || p->ch[c].cp == '\n'))
			c--;
		if (c >= 0 && p->ch[c].cp >= '0' && p->ch[c].cp <= '9')
			return false;
	}
	memset(t, 0, sizeof(*t));
	t->agency_a = (e > a && agency_name_ok(p, a, e, NULL)) ? a : -1;
	t->agency_b = e;
	t->year_a = t->year_b = -1;
	return true;
}

/*
 * A title as render_report writes it with an escaped agency (docs/render.md,
 * "Title"): a line [a, le) that starts with a backslash and ends with
 * gd_title_suffix, the year's digits (none for a blank year) right before
 * it.  The agency is exactly the escaped text before the year, whatever it
 * holds: none of the guesses that read a published title apply to it.
 */
static bool
escaped_title(Parser *p, int a, int le, TitleFind *t)
{
	int			n = utf8_chars(gd_title_suffix);
	int			y = le,
				e,
				d;
	Str			s = {p->arena, NULL, 0, 0};

	if (!escaped_at(p, a))
		return false;
	while (y > a && p->ch[y - 1].cp == ' ')
		y--;
	if (y - n <= a || !match_at(p, y - n, gd_title_suffix))
		return false;
	e = y - n;
	d = e;
	while (d > a + 1 && p->ch[d - 1].cp >= '0' && p->ch[d - 1].cp <= '9')
		d--;
	memset(t, 0, sizeof(*t));
	t->year_a = t->year_b = -1;
	if (d < e)
	{
		int			ye = 0;

		t->year = year_at(p, d, le, &ye);
		if (t->year == 0 || ye != e + 1)
			return false;
		t->year_a = d;
		t->year_b = ye;
	}
	str_add(&s, "", 0);
	if (!escaped_text(p, a, d, &s))
		return false;
	t->agency_a = a;
	t->agency_b = d;
	t->exact = s.s;
	return true;
}

/* The agency of a title found, if it names one. */
static void
set_agency(Parser *p, const TitleFind *t)
{
	const GdLayout *L = gd_layout();

	if (t->exact)
		set_value_str(p, L->leaf_agency, GD_V_TEXT, t->exact, strlen(t->exact));
	else if (t->agency_a >= 0 && t->agency_b > t->agency_a)
	{
		const char *ag = agency_text(p, t);

		if (ag[0])
			set_value_str(p, L->leaf_agency, GD_V_TEXT, ag, strlen(ag));
	}
}

/*
 * The year that opens the text of section 一 ("2019年，我乡…", "2021年度,在区委
 * …"), the last place the year is looked for: taken only when it is the
 * first thing of that section, is followed by a comma or by 我, 本, 全 or 在
 * (not by 以来, 底 or a month), lies in the years of the format the tables
 * show (2019 trial format: 2019-2020; 2021 format: from 2021), and no later
 * year follows in the section.  Returns the year and its line, or 0.
 */
static int
opening_year(Parser *p, int *line)
{
	int			c,
				e,
				v,
				end;

	if (p->sec_start[1] < 0 || p->format == 0)
		return 0;
	c = p->sec_end[1];
	while (c < p->nch && (p->ch[c].cp == ' ' || p->ch[c].cp == '\t' || p->ch[c].cp == '\n'))
		c++;
	v = year_at(p, c, p->nch, &e);
	if (v == 0 || e >= p->nch)
		return 0;
	switch (p->ch[e].cp)
	{
		case ',':
		case 0x6211:			/* 我 */
		case 0x672C:			/* 本 */
		case 0x5168:			/* 全 */
		case 0x5728:			/* 在 */
			break;
		default:
			return 0;
	}
	if (p->format == GD_FMT_2019 ? (v < 2019 || v > 2020) : v < 2021)
		return 0;
	/* a later year in the section: the opening may be history ("2021年，我局被确定为…") */
	end = section_text_end(p, 1);
	for (int k = e; k < end; k++)
	{
		int			ke;

		if (year_at(p, k, end, &ke) > v)
			return 0;
	}
	*line = line_of_ch(p, c);
	return v;
}

/* Agency and year: from the title line, a sentence naming the report, or the statistics period. */
static void
find_title(Parser *p, int limit)
{
	const GdLayout *L = gd_layout();
	TitleFind	best;
	bool		have_title = false,
				have_sentence = false;
	int			year_sentence = 0,
				year_period = 0,
				period_line = 0,
				sentence_line = 0;
	int			ls = 0,
				lines = 0;
	TitleFind	nameless;		/* a title that names no agency, if found */
	bool		have_nameless = false;
	int			nameless_left = 0;	/* lines still looked at after it */

	memset(&best, 0, sizeof(best));
	memset(&nameless, 0, sizeof(nameless));
	/* a title line */
	while (ls < limit && lines < 400 && !have_title)
	{
		int			le = ls,
					a;
		TitleFind	t;

		while (le < p->nch && p->ch[le].cp != '\n')
			le++;
		a = ls;
		while (a < le && (p->ch[a].cp == ' ' || p->ch[a].cp == '#' || p->ch[a].cp == '*' ||
						  p->ch[a].cp == '>' || p->ch[a].cp == 0x2022 || p->ch[a].cp == '-'))
			a++;
		/* "标题:" or "附件:" before the title */
		for (int k = a; k < a + 5 && k < le; k++)
			if (p->ch[k].cp == ':')
			{
				bool		label = true;

				for (int q = a; q < k; q++)
					if (!gd_is_ideograph(p->ch[q].cp))
						label = false;
				if (label)
				{
					a = k + 1;
					while (a < le && p->ch[a].cp == ' ')
						a++;
				}
				break;
			}
		if (escaped_title(p, a, le, &t))
		{
			best = t;
			best.line = line_of_ch(p, a);
			have_title = true;
			break;
		}
		memset(&t, 0, sizeof(t));
		if (report_name(p, a, le, gd_report_words, &t))
		{
			int			r = find_word(p, t.agency_b, le, gd_report_word_last) + 2;
			bool		clean = true;

			/* the title stands alone: nothing but a page title after it */
			if (r < le && gd_is_word(p->ch[r].cp))
				clean = false;
			for (int c = a; c < r && clean; c++)
				if (gd_is_sentence_punct(p->ch[c].cp))
					clean = false;
			if (report_verb_at(p, a, le))
				clean = false;
			if (clean)
			{
				t.line = line_of_ch(p, a);
				if (!agency_name_ok(p, t.agency_a, t.agency_b, &t) ||
					(t.year_a == t.agency_a && t.year_b >= t.agency_b))
					t.agency_a = -1;
				else if (t.year_a >= t.agency_a && t.year_a < t.agency_b &&
						 !agency_name_ok(p, t.agency_a, t.year_a, NULL) && t.year_a > t.agency_a)
					t.agency_a = -1;

				/*
				 * A title that names no agency (a page's <title>
				 * "2021年政府信息公开工作年度报告") gives way to one of the
				 * same year a few lines on that names it (the <h1>).
				 */
				if (t.agency_a >= 0 || nameless_left == 0)
				{
					if (t.agency_a >= 0 && (nameless_left == 0 || t.year == nameless.year))
					{
						best = t;
						have_title = true;
						break;
					}
					if (nameless_left == 0)
					{
						nameless = t;
						have_nameless = true;
						nameless_left = 7;
					}
				}
			}
		}
		else if (nameless_left == 0 && blank_year_title(p, a, le, &t))
		{
			best = t;
			best.line = line_of_ch(p, a);
			have_title = true;
			break;
		}
		ls = le + 1;
		lines++;
		if (nameless_left > 0 && --nameless_left == 0)
			break;
	}
	if (!have_title && have_nameless)
	{
		best = nameless;
		have_title = true;
	}
	/* a sentence naming the report: "现公布X2023年政府信息公开工作年度报告", "现将X2021年度政府信息公开工作报告如下" */
	if (!have_title)
	{
		for (int v = 0; gd_report_verbs[v] && !have_sentence; v++)
		{
			int			c = 0;

			while ((c = find_word(p, c, limit, gd_report_verbs[v])) >= 0)
			{
				int			a = c + 2;
				int			e = a + 60 < limit ? a + 60 : limit;
				TitleFind	t;

				/*
				 * spaces, 《, and a second verb (编制公布, 编制并发布) are
				 * not the agency
				 */
				for (;;)
				{
					int			w = 0,
								j;

					while (a < limit && p->ch[a].cp == ' ')
						a++;
					if (a < limit && p->ch[a].cp == 0x300A)	/* 《 */
					{
						a++;
						continue;
					}
					j = a < limit && p->ch[a].cp == 0x5E76 ? a + 1 : a;	/* 并 */
					while (gd_report_verbs[w] && !match_at(p, j, gd_report_verbs[w]))
						w++;
					if (gd_report_verbs[w] == NULL)
						break;
					a = j + utf8_chars(gd_report_verbs[w]);
				}
				/*
				 * the agency before the year (现将X局2021年度政府信息公开…)
				 * or after it (现将2020年度X局信息公开…); the report named
				 * with 政府, or without where no name with it is there
				 */
				memset(&t, 0, sizeof(t));
				if (report_name(p, a, e, gd_report_words, &t) ||
					(memset(&t, 0, sizeof(t)),
					 report_name(p, a, e, gd_report_words_bare, &t)))
				{
					bool		named = true;

					if (t.year_a > t.agency_a &&
						agency_name_ok(p, t.agency_a, t.year_a, NULL))
						t.agency_b = t.year_a;
					else if (t.year_a == t.agency_a &&
							 agency_name_ok(p, t.year_b, t.agency_b, NULL) &&
							 named_like_agency(p, t.year_b, t.agency_b))
						t.agency_a = t.year_b;
					else
						named = false;
					if (named)
					{
						best = t;
						best.joined = false;
						best.line = line_of_ch(p, c);
						have_sentence = true;
						break;
					}
				}
				c = a;
			}
		}
	}
	/* the year from a sentence, or from the statistics period */
	{
		int			c = 0;

		while (!have_title && !have_sentence && year_sentence == 0 && c < limit)
		{
			int			g = find_word(p, c, limit, "信息公开");

			if (g < 0)
				break;
			if (find_word(p, g, g + 20 < limit ? g + 20 : limit, gd_report_word_last) >= 0)
				for (int k = g - 1; k >= 0 && k >= g - 24; k--)
				{
					int			ye;
					int			v;

					if (gd_is_sentence_punct(p->ch[k].cp) || p->ch[k].cp == '\n')
						break;
					v = year_at(p, k, g, &ye);

					if (v)
					{
						year_sentence = v;
						sentence_line = line_of_ch(p, k);
						break;
					}
				}
			c = g + 4;
		}
		c = 0;
		while (year_period == 0)
		{
			int			s = find_word(p, c, p->report_end, "统计");

			if (s < 0)
				break;
			for (int k = s + 2; k < s + 16 && k < p->nch; k++)
			{
				int			ye;
				int			v = year_at(p, k, p->nch, &ye);

				if (p->ch[k].cp == 0x3002 || p->ch[k].cp == '\n')
					break;
				if (v)
				{
					year_period = v;
					period_line = line_of_ch(p, k);
					break;
				}
			}
			c = s + 2;
		}
	}
	if (have_title && best.year == 0)
	{
		set_agency(p, &best);
		add_note(p, best.line, L->leaf_node[L->leaf_year], GD_NOTE_INFO,
				 "the title leaves the year blank (%s); year is NULL%s",
				 gd_title_suffix, year_period ? ", though the statistics period names a year" : "");
	}
	else if (have_title || have_sentence)
	{
		set_value_int(p, L->leaf_year, best.year);
		set_agency(p, &best);
		if (have_sentence)
			add_note(p, best.line, L->leaf_node[L->leaf_agency], GD_NOTE_INFO,
					 "no title line; agency and year read from the sentence that names the report");
		if (year_period && year_period != best.year)
			add_note(p, period_line, L->leaf_node[L->leaf_year], GD_NOTE_INFO,
					 "the statistics period names %d, the %s %d; year is %d",
					 year_period, have_title ? "title" : "report's name", best.year, best.year);
	}
	else if (year_sentence)
	{
		set_value_int(p, L->leaf_year, year_sentence);
		add_note(p, sentence_line, L->leaf_node[L->leaf_year], GD_NOTE_INFO,
				 "no title; year %d read from the sentence that names the report", year_sentence);
	}
	else if (year_period)
	{
		set_value_int(p, L->leaf_year, year_period);
		add_note(p, period_line, L->leaf_node[L->leaf_year], GD_NOTE_INFO,
				 "no title; year %d read from the statistics period", year_period);
	}
	else
	{
		int			line;
		int			v = opening_year(p, &line);

		if (v)
		{
			set_value_int(p, L->leaf_year, v);
			add_note(p, line, L->leaf_node[L->leaf_year], GD_NOTE_INFO,
					 "no title, report name or statistics period; year %d read from the words that open section 一, which fit the %s format the tables show",
					 v, p->format == GD_FMT_2019 ? "2019" : "2021");
		}
	}
	p->res->is_report |= (have_title || have_sentence || year_sentence);
}

#define MAX_NARRATIVE (1024 * 1024)

/*
 * A narrative: the section's lines as published, trimmed, blank lines out,
 * joined with newlines; an escaped line (render_report's form of a line
 * that could be taken for structure, or of an empty one) is its value.
 */
static void
narrative(Parser *p, int sec, int a, int b)
{
	const GdLayout *L = gd_layout();
	Str			s = {p->arena, NULL, 0, 0};
	int			ls = a;
	int			leaf;
	int			nlines = 0;

	if (a < 0 || b <= a)
		return;
	leaf = L->nodes[node_narrative[sec]].leaf;
	str_add(&s, "", 0);
	while (ls < b)
	{
		int			le = ls,
					x,
					y;

		while (le < b && p->ch[le].cp != '\n')
			le++;
		trim_line(p, ls, le, &x, &y);
		if (y > x)
		{
			if (nlines++ > 0)
				str_addc(&s, '\n');
			if (!escaped_text(p, x, y, &s))
				display_text(p, x, y, &s);
		}
		if (s.len > MAX_NARRATIVE)
		{
			add_note(p, line_of_ch(p, le), L->leaf_node[leaf], GD_NOTE_TRUNCATED,
					 "the narrative of section %s is longer than %d bytes; the rest was dropped",
					 gd_sections[sec - 1].numeral, MAX_NARRATIVE);
			break;
		}
		ls = le + 1;
	}
	if (nlines > 0)
		set_value_str(p, leaf, GD_V_TEXT, s.s, s.len);
}

/* A canonical decimal times 10,000 (万元 to 元), canonical again. */
static void
ten_thousand(const char *canon, char *out)
{
	const char *pt = strchr(canon, '.');
	size_t		ip = pt ? (size_t) (pt - canon) : strlen(canon);
	const char *frac = pt ? pt + 1 : "";
	size_t		fl = strlen(frac);
	size_t		k = 0;
	char		buf[96];

	memcpy(buf, canon, ip);
	k = ip;
	for (size_t q = 0; q < 4; q++)
		buf[k++] = q < fl ? frac[q] : '0';
	if (fl > 4)
	{
		buf[k++] = '.';
		memcpy(buf + k, frac + 4, fl - 4);
		k += fl - 4;
	}
	buf[k] = '\0';
	{
		const char *o = buf;

		while (o[0] == '0' && o[1] && o[1] != '.')
			o++;
		strcpy(out, o);
	}
}

/*
 * The fee stated as render_report states it: the last line of section 六 is
 * gd_fee_statement_prefix, an amount in 元 and gd_fee_statement_suffix
 * ("本年度收取信息处理费380元。").  Its amount is processing_fee_yuan, and the
 * line, being that structured field, is not part of other_matters (a note
 * says so).  Returns the start of the statement's line, or -1 when the
 * section does not end with one.
 */
static int
fee_statement(Parser *p, int a, int b)
{
	const GdLayout *L = gd_layout();
	const GdNode *fn = &L->nodes[node_fee];
	int			le = b,
				ls,
				x = 0,
				y = 0,
				c;
	char		num[GD_PARSE_NUMBER_DIGITS + 4],	/* a sign and a point */
				canon[GD_PARSE_NUMBER_DIGITS + 8];
	const char *ub;
	int			nl = 0;
	int64_t		dummy;
	const char *why;

	if (a < 0)
		return -1;
	/* the last line that is not blank */
	for (;;)
	{
		ls = le;
		while (ls > a && p->ch[ls - 1].cp != '\n')
			ls--;
		trim_line(p, ls, le, &x, &y);
		if (y > x || ls <= a)
			break;
		le = ls - 1;
	}
	if (y <= x || !match_at(p, x, gd_fee_statement_prefix))
		return -1;
	c = x + utf8_chars(gd_fee_statement_prefix);
	while (c < y && p->ch[c].cp == ' ')
		c++;
	while (c < y && nl < GD_PARSE_NUMBER_DIGITS + 2 && (is_numchar(p->ch[c].cp)))
		num[nl++] = (char) p->ch[c++].cp;
	num[nl] = '\0';
	while (c < y && p->ch[c].cp == ' ')
		c++;
	if (nl == 0 || !match_at(p, c, gd_fee_statement_suffix) ||
		c + utf8_chars(gd_fee_statement_suffix) != y ||
		read_number(num, nl, fn, &dummy, canon, sizeof(canon), &ub, &why) != CELL_OK)
		return -1;
	set_value_str(p, fn->leaf, GD_V_NUMERIC, canon, strlen(canon));
	add_note(p, line_of_ch(p, x), node_fee, GD_NOTE_INFO,
			 "processing fee read from the statement \"%s\" that ends section 六; the statement is that field, not kept in other_matters",
			 quote(p, x, y, 60));
	return ls;
}

/* The processing fee (信息处理费) stated in section 六, in yuan. */
static void
find_fee(Parser *p, int a, int b)
{
	const GdLayout *L = gd_layout();
	int			node = node_fee;
	int			ss = a;

	if (a < 0)
		return;
	while (ss < b)
	{
		int			se = ss;
		bool		fee;

		/* an escaped line is narrative: not searched for a figure */
		if (ss == a || p->ch[ss - 1].cp == '\n')
		{
			int			le = ss,
						x,
						y;

			while (le < b && p->ch[le].cp != '\n')
				le++;
			trim_line(p, ss, le, &x, &y);
			if (escaped_at(p, x) && x < y)
			{
				ss = le + 1;
				continue;
			}
		}
		while (se < b && p->ch[se].cp != 0x3002 && p->ch[se].cp != ';' &&
			   p->ch[se].cp != '\n')
			se++;
		fee = find_word(p, ss, se, "处理费") >= 0 ||
			(find_word(p, ss, se, "收费") >= 0 &&
			 (find_word(p, ss, se, "信息") >= 0 || find_word(p, ss, se, "依申请") >= 0));
		if (fee)
		{
			/* an amount: digits, then 元 or 万元 */
			for (int c = ss; c < se; c++)
			{
				int			d = c,
							e;
				char		num[48];
				int			nl = 0;
				bool		wan = false;

				/*
				 * the start of a figure: not after a digit, a point, a comma,
				 * a Latin letter (O for 0, l for 1) or a stray character,
				 * spaces between or not ("1?20元", "l20元" and "0.0 5万元"
				 * are no 20 and no 5万)
				 */
				if (p->ch[c].cp < '0' || p->ch[c].cp > '9')
					continue;
				for (e = c; e > ss && p->ch[e - 1].cp == ' '; e--)
					;
				if (e > ss)
				{
					uint32_t	b = p->ch[e - 1].cp;

					/* a comma only after a figure ("1,2" but "3笔，0元") */
					if (b == ',' && e - 1 > ss)
						b = p->ch[e - 2].cp;
					if ((b >= '0' && b <= '9') || (b >= 'a' && b <= 'z') ||
						(b >= 'A' && b <= 'Z') || b == '.' || b == '?' || b == 0x3007 ||
						b == GD_REPLACEMENT_CHAR)
						continue;
				}
				while (d < se && nl < 40 && ((p->ch[d].cp >= '0' && p->ch[d].cp <= '9') ||
											 p->ch[d].cp == '.' || p->ch[d].cp == ','))
				{
					if (p->ch[d].cp != ',')
						num[nl++] = (char) p->ch[d].cp;
					d++;
				}
				num[nl] = '\0';
				e = d;
				while (e < se && p->ch[e].cp == ' ')
					e++;
				if (match_at(p, e, "万元"))
					wan = true;
				else if (!match_at(p, e, "元"))
					continue;
				{
					int64_t		dummy;
					char		canon[GD_PARSE_NUMBER_DIGITS + 8];
					const char *ub;
					const char *why;
					const GdNode *fn = &L->nodes[node];

					if (read_number(num, nl, fn, &dummy, canon, sizeof(canon), &ub, &why) != CELL_OK)
						continue;
					if (wan)
					{
						char		out[80];

						ten_thousand(canon, out);
						set_value_str(p, fn->leaf, GD_V_NUMERIC, out, strlen(out));
					}
					else
						set_value_str(p, fn->leaf, GD_V_NUMERIC, canon, strlen(canon));
					add_note(p, line_of_ch(p, ss), node, GD_NOTE_INFO,
							 "processing fee read from section 六: \"%s\"",
							 quote(p, ss, se, 60));
					return;
				}
			}
			/*
			 * an amount in yuan is there but could not be read whole: the
			 * fee is not known (not "nothing charged")
			 */
			for (int c = ss; c < se && fee; c++)
				if (p->ch[c].cp >= '0' && p->ch[c].cp <= '9')
				{
					int			e = c + 1;

					/* digits, and what damage leaves among them, before 元 */
					while (e < se && ((p->ch[e].cp >= '0' && p->ch[e].cp <= '9') ||
									  (p->ch[e].cp >= 'a' && p->ch[e].cp <= 'z') ||
									  (p->ch[e].cp >= 'A' && p->ch[e].cp <= 'Z') ||
									  p->ch[e].cp == ' ' || p->ch[e].cp == '.' ||
									  p->ch[e].cp == ',' || p->ch[e].cp == '?' ||
									  p->ch[e].cp == 0x3007 ||
									  p->ch[e].cp == GD_REPLACEMENT_CHAR))
						e++;
					if (match_at(p, e, "元") || match_at(p, e, "万元"))
					{
						add_note(p, line_of_ch(p, ss), node, GD_NOTE_UNREADABLE,
								 "section 六 states a processing fee that cannot be read whole: \"%s\"; processing_fee_yuan is left NULL",
								 quote(p, ss, se, 60));
						fee = false;
					}
				}
			/* nothing charged */
			for (int c = ss; c < se && fee; c++)
			{
				uint32_t	cp = p->ch[c].cp;

				if (cp == 0x672A || cp == 0x65E0 || cp == 0x4E0D || cp == 0x514D ||
					cp == 0x96F6 || match_at(p, c, "没有"))	/* 未 无 不 免 零 */
				{
					set_value_str(p, L->nodes[node].leaf, GD_V_NUMERIC, "0", 1);
					add_note(p, line_of_ch(p, ss), node, GD_NOTE_INFO,
							 "processing fee read as 0 from section 六: \"%s\"",
							 quote(p, ss, se, 60));
					return;
				}
			}
		}
		ss = se + 1;
	}
}

#ifdef GD_PARSE_DEBUG
/* Print the skeleton and the rows (developer builds only). */
static void
debug_dump(Parser *p)
{
	for (int n = 1; n <= 6; n++)
		fprintf(stderr, "section %d: %d..%d line %d\n", n, p->sec_start[n], p->sec_end[n],
				p->sec_line[n]);
	fprintf(stderr, "format %u report_end %d nch %d\n", p->format, p->report_end, p->nch);
	for (int i = 0; i < p->nev; i++)
		fprintf(stderr, "ev %d kind %d table %d node %d [%d,%d) %s %s\n", i, p->ev[i].kind,
				p->ev[i].table, p->ev[i].node, p->ev[i].cstart, p->ev[i].cend,
				patterns[p->ev[i].pat].text, p->ev[i].numbered ? "numbered" : "");
	for (int i = 0; i < p->nrows; i++)
	{
		RowRead    *r = &p->rows[i];

		fprintf(stderr, "row %s cells %d slots:", gd_layout()->nodes[r->node].path, r->ncells);
		for (int k = 0; k < r->nslots; k++)
			fprintf(stderr, " [%d:%s]", r->slot[k].kind, r->slot[k].txt);
		fprintf(stderr, "\n");
	}
}
#endif

/* ---------------------------------------------------------------------
 * The parser
 * ---------------------------------------------------------------------
 */

/* Where the narrative of section sec ends. */
static int
section_text_end(Parser *p, int sec)
{
	int			b = p->report_end;

	for (int n = sec + 1; n <= 6; n++)
		if (p->sec_start[n] >= 0)
		{
			b = p->sec_start[n];
			break;
		}
	for (int i = 0; i < p->nev; i++)
		if (p->ev[i].kind != EV_NONE && p->ev[i].cstart > p->sec_end[sec] &&
			p->ev[i].cstart < b)
		{
			b = p->ev[i].cstart;
			break;
		}
	return b;
}

/* Note where a text that stops before section 六 stops. */
static void
note_truncation(Parser *p)
{
	int			last_row = -1;

	if (p->report_end < p->nch || p->last_section == 6)
		return;
	if (p->last_section == 0 && !p->tables_seen)
	{
		add_note(p, line_of_ch(p, p->nch - 1), -1, GD_NOTE_TRUNCATED,
				 "none of the section headings (%s … %s) was found; the text ends without section 六 and the tables are left NULL",
				 gd_sections[0].heading, gd_sections[5].heading);
		return;
	}
	for (int i = 0; i < p->nev; i++)
		if (p->ev[i].kind == EV_ROW)
			last_row = i;
	if (p->last_section > 0)
		add_note(p, line_of_ch(p, p->nch - 1), -1, GD_NOTE_TRUNCATED,
				 "the text ends in section %s (%s)%s%s%s; what would follow is missing and left NULL",
				 gd_sections[p->last_section - 1].numeral,
				 gd_sections[p->last_section - 1].heading,
				 last_row >= 0 && section_at(p, p->ev[last_row].cstart) == p->last_section ?
				 ", after row " : "",
				 last_row >= 0 && section_at(p, p->ev[last_row].cstart) == p->last_section ?
				 patterns[p->ev[last_row].pat].text : "",
				 p->last_section < 6 ? ", before section 六" : "");
	else
		add_note(p, line_of_ch(p, p->nch - 1), -1, GD_NOTE_TRUNCATED,
				 "the text ends inside the tables%s%s and has no section 六; what would follow is missing and left NULL",
				 last_row >= 0 ? ", after row " : "",
				 last_row >= 0 ? patterns[p->ev[last_row].pat].text : "");
}

/* Parse a text: see parse.h. */
bool
gd_parse(const char *text, size_t len, const GdParseOptions *opt, GdParseResult *res)
{
	const GdLayout *L = gd_layout();
	Arena	   *arena;
	Parser		ps;
	Parser	   *p = &ps;
	size_t		ws,
				we;
	const GdEquation *eqs = NULL;
	int			neq = 0;
	int			first_table;

	if (!patterns_built)
		build_patterns();
	memset(res, 0, sizeof(*res));
	arena = raw_alloc(opt, sizeof(Arena));
	arena->opt = opt;
	arena->head = NULL;
	res->arena = arena;
	memset(p, 0, sizeof(*p));
	p->opt = opt;
	p->arena = arena;
	p->res = res;
	p->no_notes = opt && opt->no_notes;
	res->values = arena_alloc(arena, sizeof(GdParsedValue) * L->nleaves);

	/* 1. prepare */
	choose_window(p, text, len, &ws, &we);
	for (size_t i = 0; i < ws; i++)
		if (text[i] == '\n')
			p->base_line++;
	if (ws > 0 || we < len)
		add_note(p, p->base_line + 1, -1, GD_NOTE_DROPPED,
				 "the text has %zu bytes; only bytes %zu to %zu, around the first trace of a report, were read",
				 len, ws, we);
	if (looks_like_html(text + ws, we - ws))
	{
		Str			out = {arena, NULL, 0, 0};

		html_to_text(p, text + ws, we - ws, p->base_line + 1, &out, &p->line_orig,
					 &p->nlines);
		p->text = out.s ? out.s : "";
		p->len = out.len;
		index_derived_lines(p);
	}
	else
	{
		p->text = text + ws;
		p->len = we - ws;
	}
	decode_text(p);
	res->lines = p->base_line;
	{
		const char *q = text + ws;

		while ((q = memchr(q, '\n', (size_t) (text + len - q))) != NULL)
		{
			res->lines++;
			q++;
		}
	}
	if (len > 0 && text[len - 1] != '\n')
		res->lines++;

	/* 2. skeleton */
	find_sections(p);
	find_labels(p);
	decide_format(p);
	resolve_events(p);
	check_header_order(p);
	if (p->format)
	{
		eqs = gd_equations(p->format, &neq);
		set_value_str(p, L->leaf_format, GD_V_TEXT, gd_format_name(p->format), 4);
	}

	/* 3. rows */
	build_rows(p);
#ifdef GD_PARSE_DEBUG
	debug_dump(p);
#endif
	for (int i = 0; i < p->nrows; i++)
	{
		if (p->disordered[L->nodes[p->rows[i].node].section])
			continue;			/* a table left NULL, noted once */
		if (p->format == 0)
		{
			/* without a format only the rows' own equations are known */
			const GdEquation *e21 = gd_equations(GD_FMT_2021, &neq);

			read_row(p, &p->rows[i], e21, neq);
		}
		else
			read_row(p, &p->rows[i], eqs, neq);
	}
	if (p->format)
	{
		solve_tables(p, eqs, neq);
		verify_repairs(p, eqs, neq);
	}
	for (int i = 0; i < p->nrows; i++)
		fill_row(p, &p->rows[i]);

	/* 4. title fields and narratives */
	first_table = p->report_end;
	for (int i = 0; i < p->nev; i++)
		if (p->ev[i].kind != EV_NONE)
		{
			first_table = p->ev[i].cstart;
			break;
		}
	{
		int			limit = p->sec_start[1] >= 0 ? p->sec_start[1] : first_table;

		for (int n = 2; n <= 6 && p->sec_start[1] < 0; n++)
			if (p->sec_start[n] >= 0 && p->sec_start[n] < limit)
				limit = p->sec_start[n];
		find_title(p, limit);
	}
	if (p->sec_start[1] >= 0)
		narrative(p, 1, p->sec_end[1], section_text_end(p, 1));
	if (p->sec_start[5] >= 0)
		narrative(p, 5, p->sec_end[5], section_text_end(p, 5));
	if (p->sec_start[6] >= 0)
	{
		int			stmt = fee_statement(p, p->sec_end[6], p->report_end);

		narrative(p, 6, p->sec_end[6], stmt >= 0 ? stmt : p->report_end);
		if (stmt < 0)
			find_fee(p, p->sec_end[6], p->report_end);
	}
	note_truncation(p);

	/* not a report at all? */
	if (p->last_section > 0 || p->tables_seen)
		res->is_report = true;
	if (!res->is_report)
	{
		/* the words alone (政府信息公开…报告) with no year are no title */
		bool		named = report_words(p, 0, p->nch) >= 0;

		snprintf(res->refusal, sizeof(res->refusal),
				 "%s no section heading such as %s or %s, and no label of the national tables (such as %s or %s) was found in its %d line%s.",
				 named ? "The text names a 政府信息公开工作年度报告, but no title gives its year (as in 某某局2023年政府信息公开工作年度报告);" :
				 "No title or sentence naming a 政府信息公开工作年度报告,",
				 gd_sections[0].heading, gd_sections[2].heading,
				 first_block_heading,
				 gd_requests_header, res->lines, res->lines == 1 ? "" : "s");
	}

	for (int l = 0; l < L->nleaves; l++)
	{
		const GdNode *n = &L->nodes[L->leaf_node[l]];

		if (res->values[l].kind != GD_V_NULL && n->section >= 2 && n->section <= 4)
			res->cells_filled++;
	}
	res->notes = p->notes;
	res->nnotes = p->nnotes;
	return res->is_report;
}

/* Release a result of gd_parse. */
void
gd_parse_free(GdParseResult *res, const GdParseOptions *opt)
{
	Arena	   *a = res->arena;
	Block	   *b;

	if (a == NULL)
		return;
	b = a->head;
	while (b)
	{
		Block	   *next = b->next;

		raw_free(opt, b);
		b = next;
	}
	raw_free(opt, a);
	res->arena = NULL;
}
