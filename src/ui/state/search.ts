import type { ConversationEntry } from './conversation.js';
import type { ScrollState } from './scroll-window.js';

/**
 * A search of the room's loaded history: off, or on with what is sought, which match is shown
 * (its seq; undefined when none matches) and where the view was, to go back to on Escape.
 */
export type SearchState =
  | { readonly mode: 'off' }
  | { readonly mode: 'on'; readonly query: string; readonly at: number | undefined; readonly returnTo: ScrollState };

export const searchOff: SearchState = { mode: 'off' };

/** The seqs of the messages whose text holds `query`, ignoring case, oldest first; none for an empty query. */
export function findInHistory(entries: readonly ConversationEntry[], query: string): number[] {
  const needle = query.toLowerCase();
  if (needle === '') return [];
  const found: number[] = [];
  for (const entry of entries) if (entry.kind === 'chat' && entry.text.toLowerCase().includes(needle)) found.push(entry.seq);
  return found;
}

/**
 * The match to show after `at` going `step`: -1 the one before it (older), 1 the one after; from
 * nowhere (a new query), the newest. Stays on the last one in either direction rather than wrap,
 * as readline's reverse search does.
 */
export function stepMatch(matches: readonly number[], at: number | undefined, step: -1 | 1 | 0): number | undefined {
  if (matches.length === 0) return undefined;
  if (at === undefined || step === 0) return matches.at(-1);
  const index = matches.indexOf(at);
  if (index === -1) {
    // The shown match is gone (a /clear): the nearest one the way asked, else the newest.
    const next = step < 0 ? matches.filter((seq) => seq < at).at(-1) : matches.find((seq) => seq > at);
    return next ?? matches.at(-1);
  }
  return matches[Math.max(0, Math.min(matches.length - 1, index + step))];
}

/** "3/12": which match is shown of how many, for the search prompt; "0/0" when none. */
export function matchCount(matches: readonly number[], at: number | undefined): string {
  const index = at === undefined ? -1 : matches.indexOf(at);
  return `${index + 1}/${matches.length}`;
}
