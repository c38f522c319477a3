/*-------------------------------------------------------------------------
 *
 * random_report.h
 *	  Random, hostile values for the plain-C property tests of the renderer
 *	  (tests/render_core.c) and of the round trip through the parser
 *	  (tests/roundtrip_core.c): text made of control characters, tabs,
 *	  newlines, pipes, markup, headings, backslashes, white space at the
 *	  ends, the fee sentence, digits next to the year; figures at the ends
 *	  of their types.
 *
 * tests/lib/random_report.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef GD_RANDOM_REPORT_H
#define GD_RANDOM_REPORT_H

#include "layout.h"

#include <stdlib.h>
#include <string.h>

#define MAXLEAVES 256

static unsigned long long rng_state = 88172645463325252ULL;

static unsigned
rnd(unsigned n)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (unsigned) (rng_state % n);
}

/* Pieces hostile text is made of. */
static const char *const pieces[] = {
	"\n", "\n", "\t", "\r", "\r\n", "\\", "\\\\", "\\u{41}", "|", "<", "&", ">",
	"\"", "'", " ", "  ", "\xe3\x80\x80", "#", "## ", "一、", "十二、", "三.",
	"一是", "（一）", "1.", "二、主动公开政府信息情况", "年政府信息公开工作年度报告",
	"本年度收取信息处理费", "费", "元。", "<table><tr><td>1</td></tr></table>",
	"&amp;", "&#1;", "\x01", "\x1f", "\x7f", "\xc2\x85", "\xc2\xa0",
	"\xe2\x80\xa8", "\xef\xbb\xbf", "\xef\xbc\x91", "5", "-", "+", "2021",
	"a", "中", "驻马店市公安局", "规章", "信息内容", "第二十条第（一）项",
	"`", "*", "---", "=", "\xe2\xbc\x80\xe3\x80\x81", "\xf0\x9f\x98\x80", "}",
	"{", "u", "\\u{", "元", "万元",
	/* what a reader of published text drops or takes for structure */
	"區(qū)", "（zhèng）", "\xc2\xad", "\xe2\x80\x8b", "\xe2\x81\xa0", "\xe3\x85\xa4",
	"\xef\xbd\x9c", "二,主动公开政府信息情况", "统一,", "第一、二", "人民",
	"本年度收取信息处理费380元。", "\\'", "\\\"", "&nbsp;", "统计期限为2020年",
};

#define NPIECES (sizeof(pieces) / sizeof(pieces[0]))

static char *
hostile_text(void)
{
	char		buf[4096];
	size_t		len = 0;
	int			n = (int) rnd(14);

	for (int i = 0; i < n; i++)
	{
		const char *p = pieces[rnd(NPIECES)];
		size_t		pl = strlen(p);

		memcpy(buf + len, p, pl);
		len += pl;
	}
	buf[len] = '\0';
	return strdup(buf);
}

static char *
random_number(GdKind kind, bool is_signed)
{
	char		buf[64];
	static const char *const odd[] = {
		"0", "-9223372036854775808", "9223372036854775807", "NaN",
		"Infinity", "-Infinity", "0.000000000000000000001",
		"123456789012345678901234567890.123456789", "12829.5518", "9.63211",
	};

	if (kind == GD_NUMERIC && rnd(3) == 0)
		return strdup(odd[rnd(sizeof(odd) / sizeof(odd[0]))]);
	if (kind == GD_INT8 && rnd(10) == 0)
		return strdup(odd[rnd(3)]);
	if (kind == GD_INT4)
		snprintf(buf, sizeof(buf), "%d", (int) rnd(4000) - (rnd(8) == 0 ? 3000 : 0));
	else if (kind == GD_NUMERIC)
		snprintf(buf, sizeof(buf), "%u.%0*u", rnd(100000), (int) rnd(6) + 1,
				 rnd(1000));
	else
		snprintf(buf, sizeof(buf), "%s%u", is_signed && rnd(2) ? "-" : "", rnd(1000000));
	return strdup(buf);
}

#endif							/* GD_RANDOM_REPORT_H */
