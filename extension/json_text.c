/*-------------------------------------------------------------------------
 *
 * json_text.c
 *	  The canonical JSON of a report as text, outside PostgreSQL: a
 *	  tokenizer of JSON text that feeds the reader of report_json.c, and
 *	  the writer of the canonical document (see report_json.h).
 *
 * The tokenizer reads JSON text the way jsonb's input function accepts it
 * (RFC 8259; valid UTF-8; no \u0000, no unpaired surrogate), in two
 * passes: the whole text is checked first, as jsonb_in would, and only
 * then are its tokens given to the reader.  It allocates with malloc.
 *
 * Only the command-line program (tools/govdisclose-parse) and the fuzzers
 * link this file; the extension's library does not (Makefile, OBJS).
 *
 * extension/json_text.c
 *
 *-------------------------------------------------------------------------
 */
#include "report_json.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

/* Levels of nesting the tokenizer accepts in a document. */
#define SCAN_MAX_DEPTH 1000

/* ---------------------------------------------------------------------
 * The tokenizer of JSON text
 * ---------------------------------------------------------------------
 */
typedef bool (*EmitFn) (void *arg, const GdJsonToken *tok);

typedef struct Scanner
{
	const char *s;
	size_t		len;
	size_t		pos;
	char	   *buf;			/* unescaped strings */
	size_t		cap;
	bool		stopped;		/* emit said stop */
	char		message[512];
} Scanner;

static bool
scan_error(Scanner *sc, const char *what)
{
	snprintf(sc->message, sizeof(sc->message), "invalid JSON at byte %zu: %s",
			 sc->pos, what);
	return false;
}

static void
skip_ws(Scanner *sc)
{
	while (sc->pos < sc->len &&
		   (sc->s[sc->pos] == ' ' || sc->s[sc->pos] == '\t' ||
			sc->s[sc->pos] == '\n' || sc->s[sc->pos] == '\r'))
		sc->pos++;
}

static bool
buf_add(Scanner *sc, size_t *w, const char *p, size_t n)
{
	if (n == 0)
		return true;
	if (sc->cap - *w < n)
	{
		size_t		cap = sc->cap ? sc->cap : 256;
		char	   *nb;

		while (cap - *w < n)
			cap *= 2;
		nb = realloc(sc->buf, cap);
		if (nb == NULL)
			return scan_error(sc, "out of memory");
		sc->buf = nb;
		sc->cap = cap;
	}
	memcpy(sc->buf + *w, p, n);
	*w += n;
	return true;
}

/* Length of the valid UTF-8 sequence at p (n bytes available), or 0. */
static int
utf8_sequence(const unsigned char *p, size_t n)
{
	int			len;
	uint32_t	cp;

	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xC2 && p[0] <= 0xDF)
		len = 2, cp = p[0] & 0x1F;
	else if (p[0] >= 0xE0 && p[0] <= 0xEF)
		len = 3, cp = p[0] & 0x0F;
	else if (p[0] >= 0xF0 && p[0] <= 0xF4)
		len = 4, cp = p[0] & 0x07;
	else
		return 0;
	if (n < (size_t) len)
		return 0;
	for (int i = 1; i < len; i++)
	{
		if ((p[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (p[i] & 0x3F);
	}
	if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
		(len == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
		return 0;
	return len;
}

static int
hex4(const char *p)
{
	int			v = 0;

	for (int i = 0; i < 4; i++)
	{
		char		c = p[i];

		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= c - '0';
		else if (c >= 'a' && c <= 'f')
			v |= c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			v |= c - 'A' + 10;
		else
			return -1;
	}
	return v;
}

/* A string at sc->pos (its opening quote); its unescaped bytes in *str. */
static bool
scan_string(Scanner *sc, const char **str, size_t *len)
{
	size_t		start = ++sc->pos;
	size_t		w = 0;
	bool		escaped = false;

	for (;;)
	{
		unsigned char c;

		if (sc->pos >= sc->len)
			return scan_error(sc, "unterminated string");
		c = (unsigned char) sc->s[sc->pos];
		if (c == '"')
			break;
		if (c < 0x20)
			return scan_error(sc, "control character in a string");
		if (c == '\\')
		{
			char		out[4];
			int			n = 1;

			if (!escaped)
			{
				/* from now on the string is built in the buffer */
				escaped = true;
				if (!buf_add(sc, &w, sc->s + start, sc->pos - start))
					return false;
			}
			if (sc->pos + 1 >= sc->len)
				return scan_error(sc, "unterminated string");
			switch (sc->s[sc->pos + 1])
			{
				case '"':
				case '\\':
				case '/':
					out[0] = sc->s[sc->pos + 1];
					break;
				case 'b':
					out[0] = '\b';
					break;
				case 'f':
					out[0] = '\f';
					break;
				case 'n':
					out[0] = '\n';
					break;
				case 'r':
					out[0] = '\r';
					break;
				case 't':
					out[0] = '\t';
					break;
				case 'u':
					{
						int			cp = sc->pos + 6 <= sc->len ? hex4(sc->s + sc->pos + 2) : -1;

						if (cp < 0)
							return scan_error(sc, "invalid \\u escape");
						if (cp == 0)
							return scan_error(sc, "\\u0000 cannot be converted to text");
						if (cp >= 0xDC00 && cp <= 0xDFFF)
							return scan_error(sc, "unpaired Unicode low surrogate");
						if (cp >= 0xD800 && cp <= 0xDBFF)
						{
							int			lo = -1;

							if (sc->pos + 12 <= sc->len && sc->s[sc->pos + 6] == '\\' &&
								sc->s[sc->pos + 7] == 'u')
								lo = hex4(sc->s + sc->pos + 8);
							if (lo < 0xDC00 || lo > 0xDFFF)
								return scan_error(sc, "unpaired Unicode high surrogate");
							cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
							sc->pos += 6;
						}
						if (cp < 0x80)
							out[0] = (char) cp;
						else if (cp < 0x800)
						{
							out[0] = (char) (0xC0 | (cp >> 6));
							out[1] = (char) (0x80 | (cp & 0x3F));
							n = 2;
						}
						else if (cp < 0x10000)
						{
							out[0] = (char) (0xE0 | (cp >> 12));
							out[1] = (char) (0x80 | ((cp >> 6) & 0x3F));
							out[2] = (char) (0x80 | (cp & 0x3F));
							n = 3;
						}
						else
						{
							out[0] = (char) (0xF0 | (cp >> 18));
							out[1] = (char) (0x80 | ((cp >> 12) & 0x3F));
							out[2] = (char) (0x80 | ((cp >> 6) & 0x3F));
							out[3] = (char) (0x80 | (cp & 0x3F));
							n = 4;
						}
						sc->pos += 4;
					}
					break;
				default:
					return scan_error(sc, "invalid escape");
			}
			if (!buf_add(sc, &w, out, n))
				return false;
			sc->pos += 2;
			continue;
		}
		{
			int			n = utf8_sequence((const unsigned char *) sc->s + sc->pos,
										  sc->len - sc->pos);

			if (n == 0)
				return scan_error(sc, "invalid UTF-8");
			if (escaped && !buf_add(sc, &w, sc->s + sc->pos, n))
				return false;
			sc->pos += n;
		}
	}
	if (escaped)
	{
		*str = sc->buf ? sc->buf : "";
		*len = w;
	}
	else
	{
		*str = sc->s + start;
		*len = sc->pos - start;
	}
	sc->pos++;					/* the closing quote */
	return true;
}

/* A number at sc->pos, in JSON's grammar. */
static bool
scan_number(Scanner *sc, const char **str, size_t *len)
{
	size_t		start = sc->pos;
	const char *s = sc->s;

	if (sc->pos < sc->len && s[sc->pos] == '-')
		sc->pos++;
	if (sc->pos < sc->len && s[sc->pos] == '0')
		sc->pos++;
	else if (sc->pos < sc->len && s[sc->pos] >= '1' && s[sc->pos] <= '9')
		while (sc->pos < sc->len && gd_json_is_digit(s[sc->pos]))
			sc->pos++;
	else
		return scan_error(sc, "invalid number");
	if (sc->pos < sc->len && s[sc->pos] == '.')
	{
		sc->pos++;
		if (sc->pos >= sc->len || !gd_json_is_digit(s[sc->pos]))
			return scan_error(sc, "invalid number");
		while (sc->pos < sc->len && gd_json_is_digit(s[sc->pos]))
			sc->pos++;
	}
	if (sc->pos < sc->len && (s[sc->pos] == 'e' || s[sc->pos] == 'E'))
	{
		sc->pos++;
		if (sc->pos < sc->len && (s[sc->pos] == '+' || s[sc->pos] == '-'))
			sc->pos++;
		if (sc->pos >= sc->len || !gd_json_is_digit(s[sc->pos]))
			return scan_error(sc, "invalid number");
		while (sc->pos < sc->len && gd_json_is_digit(s[sc->pos]))
			sc->pos++;
	}
	*str = s + start;
	*len = sc->pos - start;
	return true;
}

static bool
emit(Scanner *sc, EmitFn fn, void *arg, GdJsonTokenKind kind, const char *str,
	 size_t len)
{
	GdJsonToken t = {kind, str, len, NULL};

	if (fn == NULL || fn(arg, &t))
		return true;
	sc->stopped = true;
	return false;
}

/*
 * Read the whole text as one JSON value, giving its tokens to fn (none when
 * fn is NULL).  False on a syntax error (sc->message) or when fn said stop
 * (sc->stopped).
 */
static bool
scan(Scanner *sc, EmitFn fn, void *arg)
{
	unsigned char open[SCAN_MAX_DEPTH];	/* '{' or '[' */
	int			depth = 0;
	const char *str;
	size_t		len;

	sc->pos = 0;
	for (;;)
	{
		/* a value */
		skip_ws(sc);
		if (sc->pos >= sc->len)
			return scan_error(sc, "expected a value");
		switch (sc->s[sc->pos])
		{
			case '{':
			case '[':
				{
					bool		obj = sc->s[sc->pos] == '{';

					if (depth >= SCAN_MAX_DEPTH)
						return scan_error(sc, "nested too deeply");
					open[depth++] = obj ? '{' : '[';
					sc->pos++;
					if (!emit(sc, fn, arg, obj ? GD_JSON_BEGIN_OBJECT : GD_JSON_BEGIN_ARRAY, NULL, 0))
						return false;
					skip_ws(sc);
					if (sc->pos < sc->len && sc->s[sc->pos] == (obj ? '}' : ']'))
					{
						sc->pos++;
						depth--;
						if (!emit(sc, fn, arg, obj ? GD_JSON_END_OBJECT : GD_JSON_END_ARRAY, NULL, 0))
							return false;
						break;
					}
					if (!obj)
						continue;	/* the first element */
					/* the first key */
					if (sc->pos >= sc->len || sc->s[sc->pos] != '"')
						return scan_error(sc, "expected a key");
					if (!scan_string(sc, &str, &len) ||
						!emit(sc, fn, arg, GD_JSON_KEY, str, len))
						return false;
					skip_ws(sc);
					if (sc->pos >= sc->len || sc->s[sc->pos] != ':')
						return scan_error(sc, "expected \":\"");
					sc->pos++;
					continue;
				}
			case '"':
				if (!scan_string(sc, &str, &len) ||
					!emit(sc, fn, arg, GD_JSON_STRING, str, len))
					return false;
				break;
			case 't':
			case 'f':
			case 'n':
				{
					const char *word = sc->s[sc->pos] == 't' ? "true" :
					sc->s[sc->pos] == 'f' ? "false" : "null";
					size_t		wl = strlen(word);

					if (sc->len - sc->pos < wl || memcmp(sc->s + sc->pos, word, wl) != 0)
						return scan_error(sc, "expected a value");
					sc->pos += wl;
					if (!emit(sc, fn, arg, word[0] == 'n' ? GD_JSON_NULL : GD_JSON_BOOL,
							  word, wl))
						return false;
				}
				break;
			default:
				if (!scan_number(sc, &str, &len) ||
					!emit(sc, fn, arg, GD_JSON_NUMBER, str, len))
					return false;
				break;
		}

		/* after a value: the end, a separator or the end of containers */
		for (;;)
		{
			skip_ws(sc);
			if (depth == 0)
			{
				if (sc->pos != sc->len)
					return scan_error(sc, "text after the end of the document");
				return true;
			}
			if (sc->pos >= sc->len)
				return scan_error(sc, "unexpected end of text");
			if (sc->s[sc->pos] == (open[depth - 1] == '{' ? '}' : ']'))
			{
				bool		obj = open[depth - 1] == '{';

				sc->pos++;
				depth--;
				if (!emit(sc, fn, arg, obj ? GD_JSON_END_OBJECT : GD_JSON_END_ARRAY, NULL, 0))
					return false;
				continue;
			}
			if (sc->s[sc->pos] != ',')
				return scan_error(sc, open[depth - 1] == '{' ?
								  "expected \",\" or \"}\"" : "expected \",\" or \"]\"");
			sc->pos++;
			if (open[depth - 1] == '{')
			{
				skip_ws(sc);
				if (sc->pos >= sc->len || sc->s[sc->pos] != '"')
					return scan_error(sc, "expected a key");
				if (!scan_string(sc, &str, &len) ||
					!emit(sc, fn, arg, GD_JSON_KEY, str, len))
					return false;
				skip_ws(sc);
				if (sc->pos >= sc->len || sc->s[sc->pos] != ':')
					return scan_error(sc, "expected \":\"");
				sc->pos++;
			}
			break;				/* the next value */
		}
	}
}

/* ---------------------------------------------------------------------
 * Reading a report from JSON text
 * ---------------------------------------------------------------------
 */
typedef struct Block
{
	struct Block *next;
	char		data[];
} Block;

typedef struct Collector
{
	GdJsonReport *rep;
	GdJsonReader reader;
	bool		no_memory;
} Collector;

static char *
arena_alloc(GdJsonReport *rep, size_t size)
{
	Block	   *b = malloc(sizeof(Block) + size);

	if (b == NULL)
		return NULL;
	b->next = rep->arena;
	rep->arena = b;
	return b->data;
}

static void
collect_leaf(void *arg, int leaf, const GdJsonToken *tok, int64_t ival)
{
	Collector  *c = arg;
	GdJsonReport *rep = c->rep;
	const GdLayout *L = gd_layout();
	GdKind		kind = L->nodes[L->leaf_node[leaf]].field->kind;
	char	   *s = NULL;
	size_t		n = 0;

	switch (kind)
	{
		case GD_TEXT:
			n = tok->len;
			s = arena_alloc(rep, n + 1);
			if (s)
			{
				memcpy(s, tok->str, n);
				s[n] = '\0';
			}
			break;
		case GD_INT4:
		case GD_INT8:
			s = arena_alloc(rep, 24);
			if (s)
				n = snprintf(s, 24, "%" PRId64, ival);
			break;
		case GD_NUMERIC:
			/* the reader has checked that it fits */
			if (gd_json_number_text(tok->str, tok->len, NULL, &n))
			{
				s = arena_alloc(rep, n + 1);
				if (s)
					gd_json_number_text(tok->str, tok->len, s, &n);
			}
			break;
		case GD_ROW:
			break;
	}
	if (s == NULL)
		c->no_memory = true;
	rep->value[leaf] = s;
	rep->len[leaf] = n;
}

static bool
collect_token(void *arg, const GdJsonToken *tok)
{
	Collector  *c = arg;

	return gd_json_reader_feed(&c->reader, tok) && !c->no_memory;
}

bool
gd_json_read_report(const char *text, size_t len, GdJsonReport *out)
{
	const GdLayout *L = gd_layout();
	Scanner		sc;
	Collector	c;

	memset(out, 0, sizeof(*out));
	memset(&sc, 0, sizeof(sc));
	sc.s = text;
	sc.len = len;
	out->value = (char **) arena_alloc(out, L->nleaves * sizeof(char *));
	out->len = (size_t *) arena_alloc(out, L->nleaves * sizeof(size_t));
	if (out->value == NULL || out->len == NULL)
	{
		out->error = GD_JSON_SYNTAX;
		snprintf(out->message, sizeof(out->message), "out of memory");
		return false;
	}
	for (int l = 0; l < L->nleaves; l++)
	{
		out->value[l] = NULL;
		out->len[l] = 0;
	}
	/* first the whole text, as jsonb_in checks it; then its tokens */
	if (!scan(&sc, NULL, NULL))
	{
		out->error = GD_JSON_SYNTAX;
		snprintf(out->message, sizeof(out->message), "%s", sc.message);
		free(sc.buf);
		return false;
	}
	c.rep = out;
	c.no_memory = false;
	gd_json_reader_init(&c.reader, collect_leaf, NULL, &c);
	if (!scan(&sc, collect_token, &c) || !gd_json_reader_done(&c.reader))
	{
		if (c.no_memory)
		{
			out->error = GD_JSON_SYNTAX;
			snprintf(out->message, sizeof(out->message), "out of memory");
		}
		else if (sc.stopped)
		{
			out->error = c.reader.error;
			memcpy(out->message, c.reader.message, sizeof(out->message));
			memcpy(out->detail, c.reader.detail, sizeof(out->detail));
		}
		else
		{
			out->error = GD_JSON_TOKEN;
			snprintf(out->message, sizeof(out->message), "%s",
					 sc.message[0] ? sc.message : "the document ended early");
		}
		free(sc.buf);
		return false;
	}
	free(sc.buf);
	return true;
}

void
gd_json_report_free(GdJsonReport *rep)
{
	Block	   *b = rep->arena;

	while (b)
	{
		Block	   *next = b->next;

		free(b);
		b = next;
	}
	rep->arena = NULL;
	rep->value = NULL;
	rep->len = NULL;
}

void
gd_json_report_cells(const GdJsonReport *rep, GdCell *cells)
{
	const GdLayout *L = gd_layout();

	for (int l = 0; l < L->nleaves; l++)
	{
		const char *v = rep->value[l];
		GdCell	   *c = &cells[l];

		c->isnull = v == NULL;
		c->not_finite = false;
		c->value = 0;
		c->text = NULL;
		if (v == NULL)
			continue;
		switch (L->nodes[L->leaf_node[l]].field->kind)
		{
			case GD_INT4:
			case GD_INT8:
				/* written by collect_leaf from an int64 */
				c->value = strtoll(v, NULL, 10);
				break;
			case GD_NUMERIC:
				/* numeric_out's form: the sign, if any, and a non-zero digit */
				c->text = v;
				c->value = strpbrk(v, "123456789") == NULL ? 0 : v[0] == '-' ? -1 : 1;
				break;
			case GD_TEXT:
			case GD_ROW:
				break;
		}
	}
}

/* ---------------------------------------------------------------------
 * Writing the canonical document
 * ---------------------------------------------------------------------
 */

/* s as a JSON string, with the escapes of jsonb's output. */
static void
write_string(GdBuf *out, const char *s, size_t n)
{
	size_t		run = 0;

	gd_buf_put(out, "\"", 1);
	for (size_t i = 0; i < n; i++)
	{
		unsigned char c = (unsigned char) s[i];
		const char *esc = NULL;
		char		buf[8];

		switch (c)
		{
			case '"':
				esc = "\\\"";
				break;
			case '\\':
				esc = "\\\\";
				break;
			case '\b':
				esc = "\\b";
				break;
			case '\f':
				esc = "\\f";
				break;
			case '\n':
				esc = "\\n";
				break;
			case '\r':
				esc = "\\r";
				break;
			case '\t':
				esc = "\\t";
				break;
			default:
				if (c < 0x20)
				{
					snprintf(buf, sizeof(buf), "\\u%04x", c);
					esc = buf;
				}
		}
		if (esc)
		{
			gd_buf_put(out, s + run, i - run);
			gd_buf_put(out, esc, strlen(esc));
			run = i + 1;
		}
	}
	gd_buf_put(out, s + run, n - run);
	gd_buf_put(out, "\"", 1);
}

static void
write_node(GdBuf *out, const GdLayout *L, int node, const char *const *value,
		   const size_t *len)
{
	bool		first = true;

	gd_buf_put(out, "{", 1);
	for (GD_EACH_CHILD(L, node, i))
	{
		const GdNode *c = &L->nodes[i];

		if (!first)
			gd_buf_put(out, ", ", 2);
		first = false;
		write_string(out, c->field->key, strlen(c->field->key));
		gd_buf_put(out, ": ", 2);
		if (c->leaf < 0)
			write_node(out, L, i, value, len);
		else if (value[c->leaf] == NULL)
			gd_buf_put(out, "null", 4);
		else if (c->field->kind == GD_TEXT)
			write_string(out, value[c->leaf], len[c->leaf]);
		else
			gd_buf_put(out, value[c->leaf], len[c->leaf]);
	}
	gd_buf_put(out, "}", 1);
}

void
gd_json_write_report(const char *const *value, const size_t *len, GdBuf *out)
{
	write_node(out, gd_layout(), 0, value, len);
}
