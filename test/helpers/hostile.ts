/**
 * What a hostile server puts in its strings to take over a terminal or hide text, and how a test
 * finds any of it in what the client kept or drew. The finder is written out here, apart from the
 * client's sanitiser, so that the two check each other.
 */

/** OSC 0: sets the window title. */
export const SET_TITLE = '\u001b]0;PWNED-TITLE\u0007';
/** OSC 52: writes the clipboard ("evil", base64). */
export const WRITE_CLIPBOARD = '\u001b]52;c;ZXZpbA==\u0007';
/** CSI: clears the screen, turns text red, and asks the terminal to answer (DSR), typing into its input. */
export const CSI = '\u001b[2J\u001b[31m\u001b[6n';
/** The same CSI in its one-byte C1 form. */
export const C1_CSI = '\u009b6n';
/** Characters that show nothing: ALM, zero-width space, non-joiner and joiner, word joiner, BOM, soft hyphen, tags, a right-to-left override. */
export const INVISIBLE = '\u061c\u200b\u200c\u200d\u2060\ufeff\u00ad\u{e0001}\u{e0041}\u{e007f}\u202e';
/** Line and paragraph separators, and a lone surrogate. */
export const ODD_BREAKS = '\u2028\u2029\ud800';

/** Every kind above, with BEL and a tab, at once. */
export const HOSTILE = `${SET_TITLE}${WRITE_CLIPBOARD}${CSI}${C1_CSI}${INVISIBLE}${ODD_BREAKS}\u0007`;

/** `text` with the hostile characters around and inside it: what is left once they are removed is `text`. */
export const laced = (text: string): string => `${HOSTILE}${text.slice(0, 1)}${INVISIBLE}${text.slice(1)}${SET_TITLE}`;

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE_IN_TEXT = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2028\u2029\u2060-\u2069\ufeff\u{e0000}-\u{e007f}]|\p{Cs}/u;
// eslint-disable-next-line no-control-regex -- as above
const UNSAFE_IN_LINE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2028\u2029\u2060-\u2069\ufeff\u{e0000}-\u{e007f}]|\p{Cs}/u;

/** The first character in `text` a terminal must not be handed, or undefined; a newline only counts when `oneLine`. */
export function unsafeCharacter(text: string, oneLine = false): string | undefined {
  return (oneLine ? UNSAFE_IN_LINE : UNSAFE_IN_TEXT).exec(text)?.[0];
}

/** Whether `text` holds a character a terminal must not be handed; a newline only counts when `oneLine`. */
export const isUnsafe = (text: string, oneLine = false): boolean => unsafeCharacter(text, oneLine) !== undefined;

/** Every string in `value` with its path ("message.user", "online.0.user"), at every depth. */
export function stringsOf(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, item]) => stringsOf(item, path === '' ? key : `${path}.${key}`));
}

/** A copy of `value` with the string at `path` replaced by `make(it)`. */
export function replaceAt(value: unknown, path: string, make: (text: string) => string): unknown {
  const [head, ...rest] = path.split('.');
  if (typeof value === 'string') return make(value);
  const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [...(value as unknown[])] : { ...(value as Record<string, unknown>) };
  (copy as Record<string, unknown>)[head!] = replaceAt((copy as Record<string, unknown>)[head!], rest.join('.'), make);
  return copy;
}
