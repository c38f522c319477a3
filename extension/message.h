/*-------------------------------------------------------------------------
 *
 * message.h
 *	  Outside text quoted in error messages.
 *
 * Anything quoted from the input (a key, a format, a unit, a style, a
 * number) is clipped, so that a 100 MB argument cannot make a 100 MB error
 * message (or server log line).
 *
 * extension/message.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef GOVDISCLOSE_MESSAGE_H
#define GOVDISCLOSE_MESSAGE_H

/* bytes of outside text quoted in a message */
#define GD_QUOTE_MAX 64

/*
 * At most GD_QUOTE_MAX bytes of s (len bytes, in the database encoding),
 * cut at a character boundary, with "…" when something was cut (palloc'd).
 */
extern char *gd_clip(const char *s, int len);

#endif							/* GOVDISCLOSE_MESSAGE_H */
