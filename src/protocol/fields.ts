import { z } from 'zod';
import { CLIENT_ID_MAX_LENGTH, USER_MAX_LENGTH } from './constants.js';

/**
 * The rules of the fields a client sends, once: as predicates the server's hand-written checks
 * call, and as the schemas the client's shapes are built from. zod counts a string's length in
 * code points, as `charLength` does.
 */

/** Length in Unicode code points, what a person calls characters. */
export function charLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** Empty, or nothing but whitespace. */
export const isBlank = (text: string): boolean => text.trim() === '';

// Control and format characters (C0, C1, DEL, zero-width and direction overrides) make a name
// that cannot be read or that reorders the line around it. A lone surrogate (Cs), which a JSON
// escape can carry, is half a character: a terminal shows U+FFFD, and UTF-8 cannot store it.
const UNPRINTABLE = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Cs}\p{Zl}\p{Zp}]/u;

/** Holds no character a terminal cannot show as itself. */
export const isPrintable = (text: string): boolean => !UNPRINTABLE.test(text);

/** Holds a NUL character, which a text may not. */
export const hasNul = (text: string): boolean => text.includes('\u0000');

const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Holds half a character, which a text may not: a JSON escape can carry one, UTF-8 cannot, so a
 * store would keep U+FFFD in its place and give back another text than the one acknowledged.
 */
export const hasLoneSurrogate = (text: string): boolean => LONE_SURROGATE.test(text);

/** A user name: 1–32 printable characters, not blank. */
export const userSchema = z
  .string()
  .min(1)
  .max(USER_MAX_LENGTH)
  .refine((user) => !isBlank(user), 'must not be blank')
  .refine(isPrintable, 'must contain only printable characters');

/** A message's text: not blank, at most `maxText` characters, no NUL, no lone surrogate. */
export function textSchema(maxText: number) {
  return z
    .string()
    .refine((text) => !isBlank(text), 'must not be empty')
    .max(maxText)
    .refine((text) => !hasNul(text), 'must not contain NUL characters')
    .refine((text) => !hasLoneSurrogate(text), 'must not contain lone surrogates');
}

/** The sender's idempotency key: 1–64 characters. */
export const clientIdSchema = z.string().min(1).max(CLIENT_ID_MAX_LENGTH);

/** Epoch ms; a fraction is allowed, since whole milliseconds are too coarse for latency on one host. */
export const sentAtSchema = z.number().nonnegative().max(Number.MAX_SAFE_INTEGER);
