/*-------------------------------------------------------------------------
 *
 * fold.c
 *	  Character folding: look-up in the generated pair table.
 *
 * A bitmap over the Basic Multilingual Plane says which characters have a
 * pair at all, so that the common case (a simplified character, which
 * folds to itself) costs one bit test; pages of the plane give the others
 * in two loads; characters beyond it are looked up in the pair table.  The
 * bitmap and the pages are built on first use (gd_fold_init); a program
 * that folds in several threads calls gd_fold_init before starting them.
 *
 * extension/fold.c
 *
 *-------------------------------------------------------------------------
 */
#include "fold.h"

uint64_t	gd_fold_bmp[65536 / 64];
bool		gd_fold_ready = false;

/*
 * The folding of the Basic Multilingual Plane as pages of 256 characters:
 * fold_page[hi] is NULL where no character of the page has a pair, else
 * the page's characters folded.  Only the pages that have pairs (some
 * hundred: full-width forms, radicals, compatibility ideographs, blocks of
 * traditional characters) are filled, so a look-up costs two loads.
 */
static uint32_t fold_pages[256][256];
static uint32_t *fold_page[256];

void
gd_fold_init(void)
{
	for (int i = 0; i < gd_fold_npairs; i++)
	{
		uint32_t	from = gd_fold_pairs[i].from;

		if (from >= 65536)
			continue;
		gd_fold_bmp[from >> 6] |= (uint64_t) 1 << (from & 63);
		if (fold_page[from >> 8] == NULL)
		{
			for (int k = 0; k < 256; k++)
				fold_pages[from >> 8][k] = (from & ~(uint32_t) 255) | (uint32_t) k;
			fold_page[from >> 8] = fold_pages[from >> 8];
		}
		fold_page[from >> 8][from & 255] = gd_fold_pairs[i].to;
	}
	gd_fold_ready = true;
}

uint32_t
gd_fold_slow(uint32_t cp)
{
	int			lo = 0,
				hi = gd_fold_npairs - 1;

	if (!gd_fold_ready)
		gd_fold_init();
	if (cp < 65536)
		return fold_page[cp >> 8] ? fold_page[cp >> 8][cp & 255] : cp;
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
