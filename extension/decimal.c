/*-------------------------------------------------------------------------
 *
 * decimal.c
 *	  Exact fixed-point decimals for aggregate states.
 *
 * extension/decimal.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "utils/builtins.h"
#include "utils/numeric.h"

#include "decimal.h"

#define E18 INT64CONST(1000000000000000000)

/* 10^36: every stored value is smaller in magnitude */
static inline int128
dec_limit(void)
{
	return (int128) E18 * E18;
}

static inline int128
pow10_128(int e)
{
	int128		p = 1;

	while (e-- > 0)
		p *= 10;
	return p;
}

static inline bool
within_limit(int128 v)
{
	return v < dec_limit() && v > -dec_limit();
}

/*
 * numeric -> decimal.  The value is kept at its display scale (so that a sum
 * of amounts with 4 decimal places prints with 4, as sum() does), except
 * that the trailing zeros of the fraction are dropped, all of them, where
 * the value would not fit with them: 1 written with 40 decimal places is 1
 * (so that it can still be added to), not an error.
 */
bool
gd_decimal_from_numeric(Numeric num, GdDecimal *out)
{
	char	   *s;
	const char *p;
	const char *frac;
	bool		neg = false;
	int			intlen,
				fraclen,
				lead,
				sig;
	int128		v = 0;

	if (numeric_is_nan(num) || numeric_is_inf(num))
		return false;

	/* integers within int4, most counts, without going through text */
	if (DatumGetInt32(DirectFunctionCall1(numeric_scale, NumericGetDatum(num))) == 0)
	{
		bool		error = false;
		int32		i = numeric_int4_opt_error(num, &error);

		if (!error)
		{
			out->v = i;
			out->scale = 0;
			return true;
		}
	}

	/* numeric_out writes [-]digits[.digits] and nothing else */
	s = DatumGetCString(DirectFunctionCall1(numeric_out, NumericGetDatum(num)));
	p = s;
	if (*p == '-')
	{
		neg = true;
		p++;
	}
	intlen = (int) strspn(p, "0123456789");
	frac = p[intlen] == '.' ? p + intlen + 1 : p + intlen;
	fraclen = (int) strspn(frac, "0123456789");
	if (intlen == 0 || frac[fraclen] != '\0')
	{
		pfree(s);
		return false;
	}

	/* significant digits: from the first nonzero one to the last decimal place */
	for (lead = 0; lead < intlen && p[lead] == '0'; lead++)
		;
	if (lead == intlen)
		for (int k = 0; k < fraclen && frac[k] == '0'; k++)
			lead++;
	sig = intlen + fraclen - lead;
	if (sig > GD_DEC_DIGITS || fraclen > GD_DEC_MAX_SCALE)
		while (fraclen > 0 && frac[fraclen - 1] == '0')
		{
			fraclen--;
			if (sig > 0)
				sig--;
		}
	if (sig > GD_DEC_DIGITS || fraclen > GD_DEC_MAX_SCALE)
	{
		pfree(s);
		return false;
	}
	for (int k = lead < intlen ? lead : intlen; k < intlen; k++)
		v = v * 10 + (p[k] - '0');
	for (int k = 0; k < fraclen; k++)
		v = v * 10 + (frac[k] - '0');
	pfree(s);
	out->v = neg ? -v : v;
	out->scale = fraclen;
	return true;
}

char *
gd_decimal_to_cstring(GdDecimal d, char *buf)
{
	char		tmp[48];
	int			n = 0;
	int			k = 0;
	bool		neg = d.v < 0;
	int128		v = neg ? -d.v : d.v;

	/* digits, least significant first; at least scale + 1 of them */
	do
	{
		tmp[n++] = (char) ('0' + (int) (v % 10));
		v /= 10;
	} while (v != 0 || n <= d.scale);
	if (neg)
		buf[k++] = '-';
	while (n > 0)
	{
		if (n == d.scale)
			buf[k++] = '.';
		buf[k++] = tmp[--n];
	}
	buf[k] = '\0';
	return buf;
}

Numeric
gd_decimal_to_numeric(GdDecimal d)
{
	char		buf[48];

	if (d.scale == 0 && d.v >= PG_INT64_MIN && d.v <= PG_INT64_MAX)
		return int64_to_numeric((int64) d.v);

	return DatumGetNumeric(DirectFunctionCall3(numeric_in,
											   CStringGetDatum(gd_decimal_to_cstring(d, buf)),
											   ObjectIdGetDatum(InvalidOid),
											   Int32GetDatum(-1)));
}

double
gd_decimal_to_double(GdDecimal d)
{
	char		buf[48];

	/* integers below 2^53 are exact doubles */
	if (d.scale == 0 && d.v > -(INT64CONST(1) << 53) && d.v < (INT64CONST(1) << 53))
		return (double) (int64) d.v;
	/* strtod rounds correctly; arithmetic on the parts would not */
	return strtod(gd_decimal_to_cstring(d, buf), NULL);
}

bool
gd_decimal_mul_pow10(GdDecimal *d, int exponent)
{
	int128		f;

	if (exponent < 0 || exponent > GD_DEC_DIGITS)
		return false;
	f = pow10_128(exponent);
	if (d->v != 0 && (d->v >= dec_limit() / f || d->v <= -dec_limit() / f))
		return false;
	d->v *= f;
	return true;
}

bool
gd_decimal_add(GdDecimal *acc, GdDecimal x)
{
	GdDecimal	a = *acc;

	if (a.scale < x.scale)
	{
		if (!gd_decimal_mul_pow10(&a, x.scale - a.scale))
			return false;
		a.scale = x.scale;
	}
	else if (x.scale < a.scale)
	{
		if (!gd_decimal_mul_pow10(&x, a.scale - x.scale))
			return false;
		x.scale = a.scale;
	}
	/* both are below 10^36, so the sum cannot overflow 128 bits */
	a.v += x.v;
	if (!within_limit(a.v))
		return false;
	*acc = a;
	return true;
}

void
gd_decimal_store(GdDecimal d, int64 *slots)
{
	slots[0] = d.scale;
	slots[1] = (int64) (d.v / E18);
	slots[2] = (int64) (d.v % E18);
}

const char *
gd_decimal_load(const int64 *slots, GdDecimal *out, int *bad)
{
	int64		scale = slots[0],
				hi = slots[1],
				lo = slots[2];
	int			dummy;

	if (bad == NULL)
		bad = &dummy;
	*bad = 0;
	if (scale < 0 || scale > GD_DEC_MAX_SCALE)
		return "the first, the number of decimal places, is not between 0 and 36";
	*bad = 1;
	if (hi <= -E18 || hi >= E18)
		return "the second, the digits above the 18 lowest, is out of range";
	*bad = 2;
	if (lo <= -E18 || lo >= E18)
		return "the third, the 18 lowest digits, is out of range";
	if ((hi < 0 && lo > 0) || (hi > 0 && lo < 0))
		return "the second and the third have different signs";
	out->scale = (int) scale;
	out->v = (int128) hi * E18 + lo;
	return NULL;
}
