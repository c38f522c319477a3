/*-------------------------------------------------------------------------
 *
 * report_json.h
 *	  The canonical JSON of a report in plain C: a strict reader driven by
 *	  JSON tokens, a strict tokenizer of JSON text that feeds it, and the
 *	  writer of the canonical document.
 *
 * The reader holds everything report_from_jsonb(jsonb) decides: walking
 * the layout, matching keys, the JSON type and range of every leaf, and
 * the messages of its errors.  Inside PostgreSQL the jsonb iterator feeds
 * it tokens (jsonb_report.c turns its outcome into Datums and ereports);
 * outside, gd_json_read_report() (json_text.c) feeds it from JSON text,
 * for the command-line program and the fuzzers.  No PostgreSQL headers
 * here.
 *
 * A leaf's value outside PostgreSQL is its text, as render.h takes it: a
 * count in decimal, an amount as numeric_out would print it, a string as
 * its UTF-8 bytes; NULL for a JSON null or a key not given.
 *
 * extension/report_json.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef GOVDISCLOSE_REPORT_JSON_H
#define GOVDISCLOSE_REPORT_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "layout.h"
#include "message.h"
#include "render.h"
#include "rules.h"


typedef enum GdJsonTokenKind
{
	GD_JSON_BEGIN_OBJECT,
	GD_JSON_END_OBJECT,
	GD_JSON_BEGIN_ARRAY,
	GD_JSON_END_ARRAY,
	GD_JSON_KEY,				/* str/len: the key, unescaped */
	GD_JSON_STRING,				/* str/len: the string, unescaped */
	GD_JSON_NUMBER,				/* str/len: the number in JSON's grammar */
	GD_JSON_BOOL,
	GD_JSON_NULL
} GdJsonTokenKind;

typedef struct GdJsonToken
{
	GdJsonTokenKind kind;
	const char *str;
	size_t		len;
	const void *src;			/* the feeder's own form of the value, for
								 * its leaf callback (a JsonbValue) */
} GdJsonToken;

typedef enum GdJsonError
{
	GD_JSON_OK,
	GD_JSON_INVALID,			/* 22P02: JSON of the wrong shape */
	GD_JSON_OUT_OF_RANGE,		/* 22003: a number outside its type */
	GD_JSON_SYNTAX,				/* not JSON at all (the tokenizer's verdict) */
	GD_JSON_TOKEN				/* a token the grammar does not allow here: a
								 * bug of the feeder */
} GdJsonError;

/*
 * A leaf's value: tok is the scalar token (a string or a number); for a
 * count, ival is its value, already checked against the leaf's type.
 */
typedef void (*GdJsonLeafFn) (void *arg, int leaf, const GdJsonToken *tok,
							  int64_t ival);

/* Bytes of s[0..len) that fit in limit bytes, cut at a character boundary. */
typedef int (*GdJsonClipFn) (const char *s, int len, int limit);

#define GD_JSON_MAX_DEPTH 8		/* objects open at once; the layout needs 4 */

typedef struct GdJsonReader
{
	/* set by gd_json_reader_init */
	GdJsonLeafFn leaf;
	GdJsonClipFn clip;
	void	   *arg;
	/* state */
	int			state;
	int			depth;			/* objects open */
	int			stack[GD_JSON_MAX_DEPTH];	/* their layout nodes */
	uint64_t	seen[GD_JSON_MAX_DEPTH];	/* children given, by ordinal */
	int			pending;		/* node whose value comes next */
	/* the outcome, when gd_json_reader_feed returned false */
	GdJsonError error;
	char		message[512];
	char		detail[1024];	/* "" when there is none */
} GdJsonReader;

/* An ASCII digit, as JSON's grammar has them. */
static inline bool
gd_json_is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* clip NULL: UTF-8 (the text a tokenizer has checked is UTF-8). */
extern void gd_json_reader_init(GdJsonReader *r, GdJsonLeafFn leaf,
								GdJsonClipFn clip, void *arg);

/*
 * Give the reader the next token of the document.  Returns false at the
 * first thing the report does not allow (r->error, r->message, r->detail
 * say what); the reader must not be fed after that.
 */
extern bool gd_json_reader_feed(GdJsonReader *r, const GdJsonToken *tok);

/* Has the top-level object been closed? */
extern bool gd_json_reader_done(const GdJsonReader *r);

/*
 * A JSON number as numeric_out prints it (digits with the scale the number
 * was written with, no exponent): its length in *outlen and, when buf is
 * not NULL, the text in buf (which needs *outlen + 1 bytes, as a call with
 * buf NULL tells).  False if num is not a JSON number, or is outside the
 * range of numeric.
 */
extern bool gd_json_number_text(const char *num, size_t len, char *buf,
								size_t *outlen);

/*
 * A report read from JSON text: every leaf's text (NULL for NULL), in
 * memory owned by the result.  On failure, error and message (and detail)
 * say why, as report_from_jsonb would; a text that is not JSON at all gets
 * GD_JSON_SYNTAX and the position of the fault.
 */
typedef struct GdJsonReport
{
	GdJsonError error;
	char		message[512];
	char		detail[1024];
	char	  **value;			/* gd_layout()->nleaves entries */
	size_t	   *len;
	void	   *arena;			/* internal */
} GdJsonReport;

/* Returns true when the text is a report; release with gd_json_report_free. */
extern bool gd_json_read_report(const char *text, size_t len, GdJsonReport *out);
extern void gd_json_report_free(GdJsonReport *rep);

/* The cells the rules read (rules.h), from a report's texts. */
extern void gd_json_report_cells(const GdJsonReport *rep, GdCell *cells);

/*
 * The canonical document of a report given as one text per leaf (as for
 * gd_render): every key of the layout in its order, nulls included, on one
 * line, with the separators and string escapes of jsonb's output.  Counts
 * and amounts are written as given, so they must be JSON numbers.
 */
extern void gd_json_write_report(const char *const *value, const size_t *len,
								 GdBuf *out);

#endif							/* GOVDISCLOSE_REPORT_JSON_H */
