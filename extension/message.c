/*-------------------------------------------------------------------------
 *
 * message.c
 *	  Outside text quoted in error messages (see message.h).
 *
 * extension/message.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "mb/pg_wchar.h"

#include "message.h"

char *
gd_clip(const char *s, int len)
{
	int			cut = pg_mbcliplen(s, len, GD_QUOTE_MAX);

	return psprintf("%.*s%s", cut, s, cut < len ? "…" : "");
}
