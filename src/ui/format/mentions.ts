import type { Span } from './spans.js';

/** What may continue a name: a letter, a digit or an underscore. Anything else (space, @, :, ', …) ends it. */
const NAME_CHARACTER = /[\p{L}\p{N}_]/u;

const isBoundary = (text: string, index: number, forward: boolean): boolean => {
  if (forward ? index >= text.length : index <= 0) return true;
  const code = forward ? text.codePointAt(index)! : text.codePointAt(index - 1)!;
  // A low surrogate before the index belongs to the character that starts one earlier.
  const character = !forward && index >= 2 && code >= 0xdc00 && code <= 0xdfff ? String.fromCodePoint(text.codePointAt(index - 2)!) : String.fromCodePoint(code);
  return !NAME_CHARACTER.test(character);
};

/**
 * Where `text` names `self`: the name in any case, standing as a word of its own ("alice:",
 * "@Alice", "hi alice!", but not "malice" or "alice2"), as IRC clients highlight.
 */
export function findMentions(text: string, self: string): Span[] {
  const name = self.trim();
  if (name === '' || text.length < name.length) return [];
  const haystack = text.toLowerCase();
  const needle = name.toLowerCase();
  // Lower-casing that changes a length (rare letters) would shift offsets: then only the exact name counts.
  const [within, sought] = haystack.length === text.length && needle.length === name.length ? [haystack, needle] : [text, name];
  const spans: Span[] = [];
  for (let at = within.indexOf(sought); at !== -1; at = within.indexOf(sought, at + 1)) {
    const end = at + sought.length;
    if (isBoundary(text, at, false) && isBoundary(text, end, true)) spans.push({ start: at, end, mark: 'mention' });
  }
  return spans;
}

/** Whether `text` names `self` (see findMentions). */
export function mentions(text: string, self: string): boolean {
  return findMentions(text, self).length > 0;
}
