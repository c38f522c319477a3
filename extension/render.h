/*-------------------------------------------------------------------------
 *
 * render.h
 *	  Print a report in the official layout: markdown, HTML or
 *	  tab-separated text.
 *
 * The renderer reads every heading, label, row, column and span from the
 * layout (layout.h); it takes the report as one text per leaf (NULL for a
 * blank cell) and writes UTF-8 into a growable buffer.  No PostgreSQL
 * headers: the SQL function (render_sql.c), the command-line tools and the
 * fuzzers all link it.
 *
 * The output conventions (headings, table grids, how hostile narrative text
 * is escaped so that a reader can take it back exactly) are documented in
 * docs/render.md; gd_unescape() below is the inverse of the escaping, for
 * the parser.
 *
 * extension/render.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef GOVDISCLOSE_RENDER_H
#define GOVDISCLOSE_RENDER_H

#include "layout.h"

typedef enum GdStyle
{
	GD_STYLE_MARKDOWN,
	GD_STYLE_HTML,
	GD_STYLE_TEXT
} GdStyle;

#define GD_NSTYLES 3

/*
 * A blank (NULL) figure in the text and markdown styles: the marker that
 * published reports write, which every reader takes for a blank cell.
 */
#define GD_BLANK_CELL "-"

/* "markdown", "html", "text", indexed by GdStyle. */
extern const char *const gd_style_names[GD_NSTYLES];

/* Style of a name (ASCII case-insensitive); false if there is none. */
extern bool gd_style_from_name(const char *name, size_t len, GdStyle *style);

/*
 * A growable output buffer.  grow(ptr, size, arg) returns a block of at
 * least size bytes holding the old contents, like realloc (ptr NULL at
 * first); it may return NULL (the render then fails with GD_RENDER_NO_MEMORY)
 * or not return at all (PostgreSQL's repalloc raising an error).  head bytes
 * are left free at the start of data, e.g. for a varlena header.  A buffer
 * that would need more than max bytes fails (failed is set).
 */
typedef struct GdBuf
{
	char	   *data;
	size_t		len;			/* bytes written, head included */
	size_t		cap;
	size_t		max;			/* largest allowed cap, 0 for no limit */
	bool		failed;			/* grow returned NULL, or max was reached */
	void	   *(*grow) (void *ptr, size_t size, void *arg);
	void	   *arg;
} GdBuf;

extern void gd_buf_init(GdBuf *b, size_t head, size_t initial, size_t max,
						void *(*grow) (void *ptr, size_t size, void *arg),
						void *arg);
extern void gd_buf_put(GdBuf *b, const char *s, size_t len);

typedef enum GdRenderError
{
	GD_RENDER_OK,
	GD_RENDER_NO_FORMAT,		/* the format leaf is NULL */
	GD_RENDER_BAD_FORMAT,		/* the format is neither 2019 nor 2021 */
	GD_RENDER_FOREIGN_CELL,		/* a leaf of the other format is filled */
	GD_RENDER_BAD_NUMBER,		/* a count or amount that is not a number */
	GD_RENDER_BAD_UTF8,			/* a text leaf that is not valid UTF-8 */
	GD_RENDER_NO_MEMORY,		/* grow failed, or the output exceeds max */
	GD_RENDER_LAYOUT			/* the layout does not fit the table grids:
								 * a bug, never the report's fault */
} GdRenderError;

/*
 * Render one report.
 *
 * value[leaf]/len[leaf] is the text of each leaf of gd_layout(), NULL for
 * SQL NULL: counts and amounts as decimal text exactly as stored (for
 * numeric, what numeric_out prints: digits with an optional sign and
 * fraction, or NaN, Infinity, -Infinity), text leaves as UTF-8.  On error
 * *bad_leaf gets the leaf at fault (or -1) and the buffer holds a partial
 * document.
 */
extern GdRenderError gd_render(const char *const *value, const size_t *len,
							   GdStyle style, GdBuf *out, int *bad_leaf);

/*
 * The escaping of text values (narrative lines, the agency in the title,
 * the procurement unit): a value that a reader could mistake for structure
 * is written as a backslash followed by its escaped form, where "\\" is a
 * backslash and "\u{H...}" the code point H (hex); every other character
 * stands for itself.  gd_unescape() takes such an escaped form WITHOUT its
 * leading backslash and appends the text it stands for to out; it returns
 * false (appending nothing more) if the form is malformed.
 */
extern bool gd_unescape(const char *s, size_t len, GdBuf *out);

#endif							/* GOVDISCLOSE_RENDER_H */
