/*-------------------------------------------------------------------------
 *
 * parse.h
 *	  The parser core: the text of a published annual report in, one value
 *	  per leaf of the layout and a list of notes out.
 *
 * Plain C without PostgreSQL headers, so that the SQL functions
 * (parse_sql.c), the command-line program (tools/govdisclose-parse.c) and
 * fuzzers share it.  Every official label, key and row list comes from
 * the layout (layout.h); every arithmetic rule used to recover a cell
 * comes from rules.h.  The parser reads; it never corrects a published
 * figure.
 *
 * extension/parse.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef GOVDISCLOSE_PARSE_H
#define GOVDISCLOSE_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "layout.h"

/* Largest text read as a whole; a longer one is read around its report. */
#define GD_PARSE_WINDOW (4 * 1024 * 1024)

/*
 * The most digits of a number the parser reads, in a table cell or in the
 * fee statement; a number with more is unreadable (a NULL cell with a
 * note; a fee statement left in other_matters).
 */
#define GD_PARSE_NUMBER_DIGITS 60

typedef enum GdValueKind
{
	GD_V_NULL = 0,
	GD_V_INT,					/* ival */
	GD_V_NUMERIC,				/* str: canonical numeric text, e.g. "12829.5518" */
	GD_V_TEXT					/* str: UTF-8 text */
} GdValueKind;

typedef struct GdParsedValue
{
	GdValueKind kind;
	int64_t		ival;
	const char *str;			/* NUL-terminated, owned by the result */
	size_t		len;
} GdParsedValue;

/* What a note is about (the SQL layer shows the words, not the codes). */
typedef enum GdNoteKind
{
	GD_NOTE_REPAIR,				/* text normalised or a typo read */
	GD_NOTE_RECOVERED,			/* a cell recovered from the equations */
	GD_NOTE_AMBIGUOUS,			/* left NULL: more than one reading */
	GD_NOTE_UNREADABLE,			/* left NULL: the cell cannot be read */
	GD_NOTE_DROPPED,			/* a fragment that is not part of the format */
	GD_NOTE_TRUNCATED,			/* the text stops early */
	GD_NOTE_INFO				/* how a title field was found */
} GdNoteKind;

typedef struct GdParseNote
{
	int			line;			/* 1-based line of the input; 0 if none */
	const char *key_path;		/* layout key path, or NULL */
	GdNoteKind	kind;
	const char *text;			/* English sentence(s), NUL-terminated */
} GdParseNote;

typedef struct GdParseOptions
{
	/* allocation; NULL means malloc/free.  alloc must not return NULL. */
	void	   *(*alloc) (void *arg, size_t size);
	void		(*release) (void *arg, void *ptr);
	/* called now and then; may long-jump out (query cancel) */
	void		(*interrupt) (void *arg);
	void	   *arg;
	/* true: no notes are made (the values are the same), as for parse_report */
	bool		no_notes;
} GdParseOptions;

typedef struct GdParseResult
{
	bool		is_report;		/* false: no trace of an annual report */
	char		refusal[512];	/* why not, when !is_report */
	int			lines;			/* lines in the input */
	GdParsedValue *values;		/* gd_layout()->nleaves entries */
	GdParseNote *notes;
	int			nnotes;
	int			cells_filled;	/* non-NULL cells of tables 二, 三, 四 */
	int			repairs;		/* notes of kind RECOVERED or REPAIR */
	void	   *arena;			/* internal: memory to release */
} GdParseResult;

/*
 * Parse a text of len bytes (any bytes: invalid UTF-8 is read as U+FFFD).
 * Fills *res; returns res->is_report.  Release with gd_parse_free().
 */
extern bool gd_parse(const char *text, size_t len, const GdParseOptions *opt,
					 GdParseResult *res);

extern void gd_parse_free(GdParseResult *res, const GdParseOptions *opt);

/* English word for a note kind ("recovered", "ambiguous", ...). */
extern const char *gd_note_kind_name(GdNoteKind kind);

#endif							/* GOVDISCLOSE_PARSE_H */
