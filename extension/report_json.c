/*-------------------------------------------------------------------------
 *
 * report_json.c
 *	  The canonical JSON of a report in plain C: the strict reader (see
 *	  report_json.h), which report_from_jsonb feeds from jsonb.
 *
 * The reader is a small state machine over tokens.  It keeps the layout
 * nodes of the objects open, matches each key against the children of the
 * innermost one, and checks each scalar against the kind of its leaf: a
 * string for text, an integral number within int4 or int8 for a count,
 * any number for an amount.  Numbers are read from their decimal text,
 * whatever its size, without converting it: the digits, where the decimal
 * point falls, and the exponent are enough to decide whether a number is
 * integral, to get its value, and to print it as numeric_normalize and
 * numeric_out would.
 *
 * The tokenizer of JSON text that feeds it outside PostgreSQL, and the
 * writer of the canonical document, are in json_text.c, which only the
 * command-line program and the fuzzers link.
 *
 * extension/report_json.c
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

/* numeric's limits: digits before the decimal point, and after it */
#define NUMERIC_MAX_INT_DIGITS 131072
#define NUMERIC_MAX_SCALE 16383
/* exponents are read up to this size, which is beyond both */
#define EXPONENT_CAP ((int64_t) 1 << 40)

/* ---------------------------------------------------------------------
 * Numbers
 * ---------------------------------------------------------------------
 */

/*
 * A number in JSON's grammar: its significant digits are the integer
 * digits followed by the fraction digits (index 0 .. ndigits-1), and the
 * decimal point falls before index point.
 */
typedef struct Number
{
	bool		negative;
	const char *ip;				/* integer digits */
	size_t		ilen;
	const char *fp;				/* fraction digits */
	size_t		flen;
	int64_t		exponent;		/* as written, capped at +-EXPONENT_CAP */
	int64_t		point;			/* ilen + exponent */
	bool		zero;
	int64_t		first;			/* first and last non-zero digit */
	int64_t		last;
} Number;

static inline char
digit_at(const Number *n, int64_t k)
{
	if (k < 0 || k >= (int64_t) (n->ilen + n->flen))
		return '0';
	return k < (int64_t) n->ilen ? n->ip[k] : n->fp[k - n->ilen];
}

/* Take a number apart; false if s is not a number in JSON's grammar. */
static bool
number_parse(const char *s, size_t len, Number *n)
{
	size_t		i = 0;

	memset(n, 0, sizeof(*n));
	if (i < len && s[i] == '-')
	{
		n->negative = true;
		i++;
	}
	n->ip = s + i;
	if (i < len && s[i] == '0')
		i++;
	else if (i < len && gd_json_is_digit(s[i]))
		while (i < len && gd_json_is_digit(s[i]))
			i++;
	else
		return false;
	n->ilen = (s + i) - n->ip;
	if (i < len && s[i] == '.')
	{
		i++;
		n->fp = s + i;
		while (i < len && gd_json_is_digit(s[i]))
			i++;
		n->flen = (s + i) - n->fp;
		if (n->flen == 0)
			return false;
	}
	if (i < len && (s[i] == 'e' || s[i] == 'E'))
	{
		bool		eneg = false;
		size_t		start;

		i++;
		if (i < len && (s[i] == '+' || s[i] == '-'))
			eneg = s[i++] == '-';
		start = i;
		while (i < len && gd_json_is_digit(s[i]))
		{
			if (n->exponent < EXPONENT_CAP)
				n->exponent = n->exponent * 10 + (s[i] - '0');
			i++;
		}
		if (i == start)
			return false;
		if (n->exponent > EXPONENT_CAP)
			n->exponent = EXPONENT_CAP;
		if (eneg)
			n->exponent = -n->exponent;
	}
	if (i != len)
		return false;
	n->point = (int64_t) n->ilen + n->exponent;
	n->zero = true;
	for (int64_t k = 0; k < (int64_t) (n->ilen + n->flen); k++)
		if (digit_at(n, k) != '0')
		{
			if (n->zero)
				n->first = k;
			n->zero = false;
			n->last = k;
		}
	return true;
}

/* Does the number have no fraction? */
static bool
number_is_integral(const Number *n)
{
	return n->zero || n->last < n->point;
}

/* An integral number's value; false if it is outside [min, max]. */
static bool
number_to_int64(const Number *n, int64_t min, int64_t max, int64_t *out)
{
	uint64_t	v = 0;
	uint64_t	limit = n->negative ? (uint64_t) (-(min + 1)) + 1 : (uint64_t) max;

	if (n->zero)
	{
		*out = 0;
		return true;
	}
	if (n->point - n->first > 19)
		return false;
	for (int64_t k = n->first; k < n->point; k++)
	{
		unsigned	d = (unsigned) (digit_at(n, k) - '0');

		if (v > (limit - d) / 10)
			return false;
		v = v * 10 + d;
	}
	if (n->negative)
		*out = v == (uint64_t) INT64_MAX + 1 ? INT64_MIN : -(int64_t) v;
	else
		*out = (int64_t) v;
	return true;
}

/* Scale of the number as numeric keeps it: the fraction digits written. */
static int64_t
number_scale(const Number *n)
{
	int64_t		scale = (int64_t) n->flen - n->exponent;

	return scale < 0 ? 0 : scale;
}

/* Is the number within numeric's range (as jsonb_in would accept it)? */
static bool
number_fits_numeric(const Number *n)
{
	if (number_scale(n) > NUMERIC_MAX_SCALE)
		return false;
	return n->zero || n->point - n->first <= NUMERIC_MAX_INT_DIGITS;
}

/*
 * The number's decimal form: numeric_out's (the scale as written) or,
 * normalized, numeric_normalize's (no trailing fraction zeros).  Writes
 * its first room characters to buf and returns its whole length, worked
 * out without walking the digits an exponent adds.
 */
static size_t
number_print(const Number *n, bool normalized, char *buf, size_t room)
{
	int64_t		scale = number_scale(n);
	bool		int_zero = n->zero || n->first >= n->point;
	int64_t		total;
	size_t		w = 0;

	if (normalized)
		scale = number_is_integral(n) ? 0 : n->last - n->point + 1;
	total = (n->negative && !n->zero ? 1 : 0) +
		(int_zero ? 1 : n->point - n->first) + (scale > 0 ? 1 + scale : 0);

#define PUT(c) do { if (w >= room) return (size_t) total; buf[w++] = (c); } while (0)
	if (n->negative && !n->zero)
		PUT('-');
	if (int_zero)
		PUT('0');
	else
		for (int64_t k = n->first; k < n->point; k++)
			PUT(digit_at(n, k));
	if (scale > 0)
	{
		PUT('.');
		for (int64_t k = n->point; k < n->point + scale; k++)
			PUT(n->zero ? '0' : digit_at(n, k));
	}
#undef PUT
	return (size_t) total;
}

bool
gd_json_number_text(const char *num, size_t len, char *buf, size_t *outlen)
{
	Number		n;
	size_t		total;

	if (!number_parse(num, len, &n) || !number_fits_numeric(&n))
		return false;
	total = number_print(&n, false, buf, buf ? (size_t) -1 : 0);
	if (buf)
		buf[total] = '\0';
	*outlen = total;
	return true;
}

/* The normalized number for a message, at most GD_QUOTE_MAX bytes and "…". */
static void
number_quote(const Number *n, char *buf)
{
	size_t		total = number_print(n, true, buf, GD_QUOTE_MAX);

	if (total > GD_QUOTE_MAX)
		strcpy(buf + GD_QUOTE_MAX, "…");
	else
		buf[total] = '\0';
}

/* ---------------------------------------------------------------------
 * The reader
 * ---------------------------------------------------------------------
 */
enum
{
	RS_START,					/* before the document */
	RS_KEY,						/* in an object: a key or its end */
	RS_VALUE,					/* the value of the pending key */
	RS_DONE,
	RS_FAILED
};


void
gd_json_reader_init(GdJsonReader *r, GdJsonLeafFn leaf, GdJsonClipFn clip,
					void *arg)
{
	memset(r, 0, sizeof(*r));
	r->leaf = leaf;
	r->clip = clip ? clip : gd_utf8_clip_len;
	r->arg = arg;
	r->state = RS_START;
	r->pending = -1;
}

bool
gd_json_reader_done(const GdJsonReader *r)
{
	return r->state == RS_DONE;
}

static bool
fail(GdJsonReader *r, GdJsonError error, const char *fmt,...)
	__attribute__((format(printf, 3, 4)));

static bool
fail(GdJsonReader *r, GdJsonError error, const char *fmt,...)
{
	va_list		ap;

	va_start(ap, fmt);
	vsnprintf(r->message, sizeof(r->message), fmt, ap);
	va_end(ap);
	r->error = error;
	r->state = RS_FAILED;
	return false;
}

static const char *
token_type_name(GdJsonTokenKind kind)
{
	switch (kind)
	{
		case GD_JSON_STRING:
			return "a string";
		case GD_JSON_NUMBER:
			return "a number";
		case GD_JSON_BOOL:
			return "a boolean";
		case GD_JSON_NULL:
			return "null";
		case GD_JSON_BEGIN_ARRAY:
			return "an array";
		default:
			return "an object";
	}
}

static const char *
kind_expectation(GdKind kind)
{
	switch (kind)
	{
		case GD_TEXT:
			return "a string";
		case GD_INT4:
		case GD_INT8:
			return "an integer";
		case GD_NUMERIC:
			return "a number";
		case GD_ROW:
			return "an object";
	}
	return "?";
}

static bool
wrong_type(GdJsonReader *r, const GdNode *n, const char *found)
{
	return fail(r, GD_JSON_INVALID,
				"invalid report JSON at \"%s\": expected %s, found %s",
				n->path, kind_expectation(n->field->kind), found);
}

/* The child of node called key[0..len), its ordinal in *ordinal; or -1. */
static int
find_child(const GdLayout *L, int node, const char *key, size_t len, int *ordinal)
{
	int			k = 0;

	for (GD_EACH_CHILD(L, node, i))
	{
		const char *ck = L->nodes[i].field->key;

		if (strlen(ck) == len && memcmp(ck, key, len) == 0)
		{
			*ordinal = k;
			return i;
		}
		k++;
	}
	return -1;
}

static bool
unknown_key(GdJsonReader *r, const GdLayout *L, int node, const GdJsonToken *tok)
{
	const GdNode *n = &L->nodes[node];
	int			len = tok->len > (size_t) GD_QUOTE_MAX * 4 ?
		GD_QUOTE_MAX * 4 : (int) tok->len;
	int			cut = r->clip(tok->str, len, GD_QUOTE_MAX);
	size_t		w;

	fail(r, GD_JSON_INVALID, "unknown key \"%s%s%.*s%s\" in report JSON",
		 n->path, node == 0 ? "" : ".", cut, tok->str,
		 (size_t) cut < tok->len ? "…" : "");
	w = snprintf(r->detail, sizeof(r->detail), "The keys of %s are: ",
				 node == 0 ? "a report" : n->path);
	for (GD_EACH_CHILD(L, node, i))
		if (w < sizeof(r->detail))
			w += snprintf(r->detail + w, sizeof(r->detail) - w, "%s%s",
						  L->nodes[i].field->key,
						  L->nodes[i].next_sibling >= 0 ? ", " : ".");
	return false;
}

/* A scalar value for node c. */
static bool
read_scalar(GdJsonReader *r, const GdNode *c, const GdJsonToken *tok)
{
	Number		num;
	char		quoted[GD_QUOTE_MAX + 8];
	int64_t		v = 0;

	if (tok->kind == GD_JSON_NULL)
		return true;			/* the leaf, or every leaf below, stays NULL */
	if (c->leaf < 0)
		return wrong_type(r, c, token_type_name(tok->kind));
	switch (c->field->kind)
	{
		case GD_TEXT:
			if (tok->kind != GD_JSON_STRING)
				return wrong_type(r, c, token_type_name(tok->kind));
			break;
		case GD_INT4:
		case GD_INT8:
			if (tok->kind != GD_JSON_NUMBER)
				return wrong_type(r, c, token_type_name(tok->kind));
			if (!number_parse(tok->str, tok->len, &num))
				return fail(r, GD_JSON_TOKEN, "malformed JSON number at \"%s\"", c->path);
			if (!number_is_integral(&num))
			{
				number_quote(&num, quoted);
				return fail(r, GD_JSON_INVALID,
							"invalid report JSON at \"%s\": %s is not an integer",
							c->path, quoted);
			}
			if (!number_to_int64(&num,
								 c->field->kind == GD_INT4 ? INT32_MIN : INT64_MIN,
								 c->field->kind == GD_INT4 ? INT32_MAX : INT64_MAX,
								 &v))
			{
				number_quote(&num, quoted);
				return fail(r, GD_JSON_OUT_OF_RANGE,
							"value %s at \"%s\" is out of range for type %s",
							quoted, c->path,
							c->field->kind == GD_INT4 ? "integer" : "bigint");
			}
			break;
		case GD_NUMERIC:
			if (tok->kind != GD_JSON_NUMBER)
				return wrong_type(r, c, token_type_name(tok->kind));
			if (!number_parse(tok->str, tok->len, &num))
				return fail(r, GD_JSON_TOKEN, "malformed JSON number at \"%s\"", c->path);
			if (!number_fits_numeric(&num))
			{
				number_quote(&num, quoted);
				return fail(r, GD_JSON_OUT_OF_RANGE,
							"value %s at \"%s\" is out of range for type numeric",
							quoted, c->path);
			}
			break;
		case GD_ROW:
			break;
	}
	if (r->leaf)
		r->leaf(r->arg, c->leaf, tok, v);
	return true;
}

bool
gd_json_reader_feed(GdJsonReader *r, const GdJsonToken *tok)
{
	const GdLayout *L = gd_layout();

	switch (r->state)
	{
		case RS_START:
			if (tok->kind == GD_JSON_BEGIN_OBJECT)
			{
				r->depth = 1;
				r->stack[0] = 0;
				r->seen[0] = 0;
				r->state = RS_KEY;
				return true;
			}
			if (tok->kind == GD_JSON_BEGIN_ARRAY)
				return fail(r, GD_JSON_INVALID, "report JSON must be an object, not an array");
			if (tok->kind == GD_JSON_STRING || tok->kind == GD_JSON_NUMBER ||
				tok->kind == GD_JSON_BOOL || tok->kind == GD_JSON_NULL)
				return fail(r, GD_JSON_INVALID, "report JSON must be an object, not a scalar");
			break;
		case RS_KEY:
			if (tok->kind == GD_JSON_KEY)
			{
				int			node = r->stack[r->depth - 1];
				int			ordinal = 0;
				int			child = find_child(L, node, tok->str, tok->len, &ordinal);

				if (child < 0)
					return unknown_key(r, L, node, tok);
				if (ordinal >= 64)
					return fail(r, GD_JSON_TOKEN, "layout node %s has too many children",
								L->nodes[node].path);
				if (r->seen[r->depth - 1] & ((uint64_t) 1 << ordinal))
					return fail(r, GD_JSON_INVALID,
								"duplicate key \"%s\" in report JSON", L->nodes[child].path);
				r->seen[r->depth - 1] |= (uint64_t) 1 << ordinal;
				r->pending = child;
				r->state = RS_VALUE;
				return true;
			}
			if (tok->kind == GD_JSON_END_OBJECT)
			{
				r->depth--;
				r->state = r->depth == 0 ? RS_DONE : RS_KEY;
				return true;
			}
			break;
		case RS_VALUE:
			{
				const GdNode *c = &L->nodes[r->pending];

				switch (tok->kind)
				{
					case GD_JSON_BEGIN_OBJECT:
						if (c->leaf >= 0)
							return wrong_type(r, c, "an object");
						if (r->depth >= GD_JSON_MAX_DEPTH)
							return fail(r, GD_JSON_TOKEN, "layout deeper than %d levels",
										GD_JSON_MAX_DEPTH);
						r->stack[r->depth] = r->pending;
						r->seen[r->depth] = 0;
						r->depth++;
						r->state = RS_KEY;
						return true;
					case GD_JSON_BEGIN_ARRAY:
						return wrong_type(r, c, "an array");
					case GD_JSON_STRING:
					case GD_JSON_NUMBER:
					case GD_JSON_BOOL:
					case GD_JSON_NULL:
						if (!read_scalar(r, c, tok))
							return false;
						r->state = RS_KEY;
						return true;
					default:
						break;
				}
			}
			break;
		default:
			break;
	}
	return fail(r, GD_JSON_TOKEN, "unexpected JSON token %d", (int) tok->kind);
}
