import type { ConversationEntry } from '../state/conversation.js';
import { createLineCache, type EntryLine, type LineStyle } from './entry-lines.js';
import { truncateToWidth } from './text-width.js';

/** What the view draws between entries, besides the entries themselves. */
export interface ViewMarks {
  /** "— new —" goes after this entry: where you left off, with unread messages below it. */
  readonly newAfterSeq?: number | undefined;
  /** Under your own messages, who has seen them ("✓ seen by Bob, Carol"), by the message's seq. */
  readonly seen?: ReadonlyMap<number, string> | undefined;
}

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** The local day of an instant, as one number (20250101), to compare. */
export function dayOf(at: number): number {
  const date = new Date(at);
  return date.getFullYear() * 10_000 + (date.getMonth() + 1) * 100 + date.getDate();
}

/** "Wednesday 1 January 2025": the local day of an instant, as the day's divider names it. */
export function dayName(at: number): string {
  const date = new Date(at);
  return `${DAYS[date.getDay()]!} ${date.getDate()} ${MONTHS[date.getMonth()]!} ${date.getFullYear()}`;
}

/** The text of "— new —" where you left off. */
export const NEW_MARKER = '— new —';

const divider = (key: string, text: string, tone: 'muted' | 'accent' | 'ok', width: number): EntryLine => ({ key, segments: [{ role: 'divider', text: truncateToWidth(text, width), tone }] });

/**
 * The lines of the entry at `index` as the view draws it: a divider before it when the day
 * changed since the entry before, its own lines, then "— new —" after it when you left off there,
 * and under your own message who has seen it. Entry lines are memoised per width and style, and the
 * whole per entry for as long as what surrounds it stays the same, so measuring the view as it
 * scrolls costs a lookup per entry.
 */
export function createViewLines(): (entries: readonly ConversationEntry[], index: number, width: number, style: LineStyle, marks: ViewMarks) => readonly EntryLine[] {
  const linesOf = createLineCache();
  const days = new WeakMap<ConversationEntry, number>();
  const dayOfEntry = (entry: ConversationEntry): number => {
    let day = days.get(entry);
    if (day === undefined) {
      day = dayOf(entry.at);
      days.set(entry, day);
    }
    return day;
  };
  let drawn = new WeakMap<ConversationEntry, { readonly base: readonly EntryLine[]; readonly signature: string; readonly lines: readonly EntryLine[] }>();
  let drawnWidth = -1;
  return (entries, index, width, style, marks) => {
    if (width !== drawnWidth) {
      drawn = new WeakMap();
      drawnWidth = width;
    }
    const entry = entries[index]!;
    const base = linesOf(entry, width, style);
    const previous = index > 0 ? entries[index - 1] : undefined;
    const newDay = previous !== undefined && dayOfEntry(previous) !== dayOfEntry(entry);
    const isNew = marks.newAfterSeq === entry.seq;
    const seen = entry.kind === 'chat' && entry.own ? marks.seen?.get(entry.seq) : undefined;
    if (!newDay && !isNew && seen === undefined) return base;
    const signature = `${newDay ? 'd' : ''}${isNew ? 'n' : ''}${seen ?? ''}`;
    const known = drawn.get(entry);
    if (known !== undefined && known.base === base && known.signature === signature) return known.lines;
    const lines: EntryLine[] = [];
    if (newDay) lines.push(divider(`${entry.seq}:day`, `—— ${dayName(entry.at)} ——`, 'muted', width));
    lines.push(...base);
    if (seen !== undefined) lines.push(divider(`${entry.seq}:seen`, `${' '.repeat(style.time ? 6 : 0)}${seen}`, 'ok', width));
    if (isNew) lines.push(divider(`${entry.seq}:new`, NEW_MARKER, 'accent', width));
    drawn.set(entry, { base, signature, lines });
    return lines;
  };
}
