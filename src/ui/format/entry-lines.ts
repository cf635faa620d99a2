import type { ConversationEntry, Delivery } from '../state/conversation.js';
import type { Tone } from './theme.js';
import { textWidth, truncateToWidth } from './text-width.js';
import { wrapText } from './wrap.js';

/** Local wall-clock time of an epoch-ms instant as HH:MM, the width every message line reserves. */
export function formatClockTime(at: number): string {
  const date = new Date(at);
  return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}

/** A run of text on a line, with what it is so the component can colour it. */
export type Segment =
  | { readonly role: 'time' | 'text' | 'indent'; readonly text: string }
  | { readonly role: 'nick'; readonly text: string; readonly user: string }
  | { readonly role: 'system'; readonly text: string; readonly tone: Tone }
  | { readonly role: 'delivery'; readonly text: string; readonly delivery: Delivery };

/** One terminal line of the conversation. */
export interface EntryLine {
  readonly key: string;
  readonly segments: readonly Segment[];
}

/** Longest nick drawn in full; longer ones end in … so the text column stays readable. */
export const NICK_MAX_WIDTH = 16;

/** The mark after one of our own messages: ⋯ on its way, ✓ delivered, ✗ refused or dropped. */
export const DELIVERY_MARK: Readonly<Record<Delivery, string>> = { pending: '⋯', sent: '⋯', delivered: '✓', failed: '✗', unsent: '✗' };

/**
 * The lines an entry takes at `width` columns: "HH:MM nick text", the text wrapped and its
 * continuation lines indented under the text when there is room; our own messages end with
 * a delivery mark (⋯ on its way, ✓ delivered, ✗ refused or dropped). Texts and names come safe
 * to draw: the client cleaned what the server sent as it decoded it, the line editor what was typed.
 */
export function entryLines(entry: ConversationEntry, width: number): EntryLine[] {
  const columns = Math.max(1, width);
  const time = formatClockTime(entry.at);
  const head: Segment[] = [{ role: 'time', text: `${time} ` }];
  let bodyWidth: number;
  const mark = entry.kind === 'chat' && entry.delivery !== undefined ? entry.delivery : undefined;
  if (entry.kind === 'chat') {
    const nick = truncateToWidth(entry.user, NICK_MAX_WIDTH);
    head.push({ role: 'nick', text: nick, user: entry.user }, { role: 'text', text: ' ' });
    bodyWidth = textWidth(time) + 1 + textWidth(nick) + 1;
  } else {
    bodyWidth = textWidth(time) + 1;
  }
  // On a narrow terminal an indent would leave no room for text; wrap under the time instead.
  const indent = bodyWidth <= columns / 2 ? bodyWidth : 0;
  const markWidth = mark === undefined ? 0 : 2;
  const firstRoom = Math.max(1, columns - bodyWidth - markWidth);
  const restRoom = Math.max(1, columns - indent - markWidth);
  const wrapped = wrapFirstAndRest(entry.text, firstRoom, restRoom);
  const bodySegment = (part: string): Segment => (entry.kind === 'system' ? { role: 'system', text: part, tone: entry.tone } : { role: 'text', text: part });
  return wrapped.map((part, i) => {
    const segments: Segment[] = i === 0 ? [...head, bodySegment(part)] : [{ role: 'indent', text: ' '.repeat(indent) }, bodySegment(part)];
    if (mark !== undefined && i === wrapped.length - 1) segments.push({ role: 'delivery', text: ` ${DELIVERY_MARK[mark]}`, delivery: mark });
    return { key: `${entry.seq}:${i}`, segments };
  });
}

/** Wraps with a narrower first line (it carries the time and nick), the rest at `restRoom`. */
function wrapFirstAndRest(text: string, firstRoom: number, restRoom: number): string[] {
  if (firstRoom === restRoom) return wrapText(text, firstRoom);
  const [first = '', ...others] = wrapText(text, firstRoom);
  const consumed = first.length;
  const remainder = text.slice(consumed).replace(/^ +/, '').replace(/^\n/, '');
  if (others.length === 0) return [first];
  return [first, ...wrapText(remainder, restRoom)];
}

/**
 * A per-width memo of `entryLines`. Entries are immutable, so an entry object that has been laid
 * out never needs it again at the same width; delivery changes make a new object.
 */
export function createLineCache(): (entry: ConversationEntry, width: number) => readonly EntryLine[] {
  let cachedWidth = -1;
  let cache = new WeakMap<ConversationEntry, readonly EntryLine[]>();
  return (entry, width) => {
    if (width !== cachedWidth) {
      cachedWidth = width;
      cache = new WeakMap();
    }
    let lines = cache.get(entry);
    if (lines === undefined) {
      lines = entryLines(entry, width);
      cache.set(entry, lines);
    }
    return lines;
  };
}
