/*-------------------------------------------------------------------------
 *
 * fold.c
 *	  Character folding: look-up in the generated pair table.
 *
 * A bitmap over the Basic Multilingual Plane says which characters have a
 * pair at all, so that the common case (a simplified character, which
 * folds to itself) costs one bit test.  The bitmap is built on first use;
 * building it twice (two threads of a fuzzer) is harmless.
 *
 * extension/fold.c
 *
 *-------------------------------------------------------------------------
 */
#include "fold.h"

uint64_t	gd_fold_bmp[65536 / 64];
bool		gd_fold_ready = false;

void
gd_fold_init(void)
{
	for (int i = 0; i < gd_fold_npairs; i++)
		if (gd_fold_pairs[i].from < 65536)
			gd_fold_bmp[gd_fold_pairs[i].from >> 6] |=
				(uint64_t) 1 << (gd_fold_pairs[i].from & 63);
	gd_fold_ready = true;
}

uint32_t
gd_fold_slow(uint32_t cp)
{
	int			lo = 0,
				hi = gd_fold_npairs - 1;

	if (!gd_fold_ready)
		gd_fold_init();
	if (cp < 65536 && !(gd_fold_bmp[cp >> 6] & ((uint64_t) 1 << (cp & 63))))
		return cp;
	while (lo <= hi)
	{
		int			mid = (lo + hi) / 2;

		if (gd_fold_pairs[mid].from == cp)
			return gd_fold_pairs[mid].to;
		if (gd_fold_pairs[mid].from < cp)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return cp;
}

int
gd_utf8_encode(uint32_t cp, char *buf)
{
	if (cp < 0x80)
	{
		buf[0] = (char) cp;
		return 1;
	}
	if (cp < 0x800)
	{
		buf[0] = (char) (0xC0 | (cp >> 6));
		buf[1] = (char) (0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000)
	{
		buf[0] = (char) (0xE0 | (cp >> 12));
		buf[1] = (char) (0x80 | ((cp >> 6) & 0x3F));
		buf[2] = (char) (0x80 | (cp & 0x3F));
		return 3;
	}
	buf[0] = (char) (0xF0 | (cp >> 18));
	buf[1] = (char) (0x80 | ((cp >> 12) & 0x3F));
	buf[2] = (char) (0x80 | ((cp >> 6) & 0x3F));
	buf[3] = (char) (0x80 | (cp & 0x3F));
	return 4;
}
