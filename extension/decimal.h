/*-------------------------------------------------------------------------
 *
 * decimal.h
 *	  Exact fixed-point decimals for aggregate states: a numeric value as a
 *	  128-bit integer and a scale, stored in three bigint slots.
 *
 * The aggregates keep their amounts in bigint arrays (a state type SQL can
 * see and print, updated in place).  An amount is stored as
 *
 *		[scale, hi, lo]		value = (hi * 10^18 + lo) / 10^scale
 *
 * with |lo| < 10^18 and hi, lo of the same sign, so that the printed state
 * is readable: 9.63211 is {5,0,963211}.  Values are exact up to
 * GD_DEC_DIGITS digits in all (integer digits and decimal places together,
 * so also at most GD_DEC_DIGITS decimal places); beyond that the caller
 * raises 22003.
 *
 * extension/decimal.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef GOVDISCLOSE_DECIMAL_H
#define GOVDISCLOSE_DECIMAL_H

#include "postgres.h"

#include "utils/numeric.h"

#ifndef HAVE_INT128
#error "govdisclose needs a compiler with a 128-bit integer type"
#endif

#define GD_DEC_SLOTS 3
#define GD_DEC_DIGITS 36		/* every 36-digit value fits */
#define GD_DEC_MAX_SCALE GD_DEC_DIGITS

typedef struct GdDecimal
{
	int128		v;				/* value * 10^scale */
	int			scale;
} GdDecimal;

/* numeric -> decimal; false if NaN, infinite, or too many digits */
extern bool gd_decimal_from_numeric(Numeric num, GdDecimal *out);

/* decimal -> numeric, with the decimal's scale as display scale */
extern Numeric gd_decimal_to_numeric(GdDecimal d);

/* decimal -> double (for statistics) */
extern double gd_decimal_to_double(GdDecimal d);

/* acc += x, at the larger scale; false on overflow (acc unchanged) */
extern bool gd_decimal_add(GdDecimal *acc, GdDecimal x);

/* d *= 10^exponent (exponent >= 0); false on overflow */
extern bool gd_decimal_mul_pow10(GdDecimal *d, int exponent);

/* Store into / load from three bigint slots. */
extern void gd_decimal_store(GdDecimal d, int64 *slots);

/*
 * Load three slots; NULL if they are well-formed, else a description of
 * what is wrong (for the caller's error message), and in *bad the slot at
 * fault (0, 1 or 2; may be NULL).
 */
extern const char *gd_decimal_load(const int64 *slots, GdDecimal *out, int *bad);

/* Decimal text of a decimal (buf of at least 48 bytes). */
extern char *gd_decimal_to_cstring(GdDecimal d, char *buf);

#endif							/* GOVDISCLOSE_DECIMAL_H */
