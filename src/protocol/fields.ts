/**
 * The rules of the fields a client sends, as predicates: the server's hand-written checks call
 * them, and the field schemas in schemas.ts are built from them. zod counts a string's length in
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
