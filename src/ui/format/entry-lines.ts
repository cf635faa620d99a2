import type { ConversationEntry, Delivery } from '../state/conversation.js';
import { findLinks } from './links.js';
import { findMentions } from './mentions.js';
import { findMatches, splitRuns, type Span } from './spans.js';
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
  | { readonly role: 'time' | 'indent'; readonly text: string }
  /** Message text; `link` makes it a hyperlink, `mark` draws a mention of you or a search match apart. */
  | { readonly role: 'text'; readonly text: string; readonly link?: string; readonly mark?: 'mention' | 'match' }
  /** `mention`: the message names you, and its sender is drawn apart too. */
  | { readonly role: 'nick'; readonly text: string; readonly user: string; readonly mention?: boolean }
  | { readonly role: 'system'; readonly text: string; readonly tone: Tone }
  | { readonly role: 'delivery'; readonly text: string; readonly delivery: Delivery }
  /** A line the view adds between entries: a day's change, where you left off, who has seen your message. */
  | { readonly role: 'divider'; readonly text: string; readonly tone: Tone };

/** One terminal line of the conversation. */
export interface EntryLine {
  readonly key: string;
  readonly segments: readonly Segment[];
}

/** How entries are drawn, besides the width. One object per choice, so a cache can tell them apart. */
export interface LineStyle {
  /** Show each entry's HH:MM (/time turns it off). */
  readonly time: boolean;
  /** Who you are: other people's mentions of you are drawn apart. */
  readonly self?: string | undefined;
  /** A search in progress: its matches are drawn apart. */
  readonly query?: string | undefined;
}

export const DEFAULT_STYLE: LineStyle = { time: true };

/** Longest nick drawn in full; longer ones end in … so the text column stays readable. */
export const NICK_MAX_WIDTH = 16;

/** The mark after one of our own messages: ⋯ on its way, ✓ delivered, ✗ refused or dropped. */
export const DELIVERY_MARK: Readonly<Record<Delivery, string>> = { pending: '⋯', sent: '⋯', delivered: '✓', failed: '✗', unsent: '✗' };

/** How a message starting with this is an action, shown "* alice waves": IRC's and every chat's /me. */
const ACTION_PREFIX = '/me ';

/** The action a message describes ("waves" of "/me waves"), or undefined for an ordinary message. */
export function actionOf(text: string): string | undefined {
  return text.startsWith(ACTION_PREFIX) && text.trim() !== '/me' ? text.slice(ACTION_PREFIX.length) : undefined;
}

/** What of a chat entry's text is drawn apart: its addresses, mentions of you and search matches. */
function spansOf(body: string, own: boolean, style: LineStyle): Span[] {
  const spans = findLinks(body);
  if (!own && style.self !== undefined) spans.push(...findMentions(body, style.self));
  if (style.query !== undefined) spans.push(...findMatches(body, style.query));
  return spans;
}

/**
 * The lines an entry takes at `width` columns: "HH:MM nick text", the text wrapped and its
 * continuation lines indented under the text when there is room; an action as "HH:MM * nick
 * waves"; our own messages end with a delivery mark (⋯ on its way, ✓ delivered, ✗ refused or
 * dropped). Texts and names come safe to draw: the client cleaned what the server sent as it
 * decoded it, the line editor what was typed.
 */
export function entryLines(entry: ConversationEntry, width: number, style: LineStyle = DEFAULT_STYLE): EntryLine[] {
  const columns = Math.max(1, width);
  const head: Segment[] = [];
  let used = 0;
  if (style.time) {
    const time = `${formatClockTime(entry.at)} `;
    head.push({ role: 'time', text: time });
    used += textWidth(time);
  }
  let body = entry.text;
  const mark = entry.kind === 'chat' && entry.delivery !== undefined ? entry.delivery : undefined;
  if (entry.kind === 'chat') {
    const action = actionOf(entry.text);
    const nick = truncateToWidth(entry.user, NICK_MAX_WIDTH);
    if (action !== undefined) {
      head.push({ role: 'text', text: '* ' });
      used += 2;
      body = action;
    }
    head.push({ role: 'nick', text: nick, user: entry.user }, { role: 'text', text: ' ' });
    used += textWidth(nick) + 1;
  }
  // On a narrow terminal an indent would leave no room for text; wrap under the time instead.
  const indent = used <= columns / 2 ? used : 0;
  const markWidth = mark === undefined ? 0 : 2;
  const wrapped = wrapFirstAndRest(body, Math.max(1, columns - used - markWidth), Math.max(1, columns - indent - markWidth));
  const spans = entry.kind === 'chat' ? spansOf(body, entry.own, style) : [];
  if (spans.some((span) => span.mark === 'mention')) {
    const at = head.findIndex((segment) => segment.role === 'nick');
    head[at] = { ...(head[at] as Extract<Segment, { role: 'nick' }>), mention: true };
  }
  let offset = 0;
  return wrapped.map((part, i) => {
    // Each wrapped line is a stretch of the text, what a break dropped (spaces, a newline) excepted.
    const at = part === '' ? offset : body.indexOf(part, offset);
    offset = at + part.length;
    const segments: Segment[] = i === 0 ? [...head] : indent > 0 ? [{ role: 'indent', text: ' '.repeat(indent) }] : [];
    if (entry.kind === 'system') segments.push({ role: 'system', text: part, tone: entry.tone });
    else for (const run of splitRuns(part, at, spans)) segments.push({ role: 'text', ...run });
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
 * A memo of `entryLines` per width and style. Entries are immutable, so an entry object that has
 * been laid out never needs it again at the same width and style; delivery changes make a new
 * object. Another width or style (/time, a search) starts the memo over.
 */
export function createLineCache(): (entry: ConversationEntry, width: number, style?: LineStyle) => readonly EntryLine[] {
  let cachedWidth = -1;
  let cachedStyle: LineStyle | undefined;
  let cache = new WeakMap<ConversationEntry, readonly EntryLine[]>();
  return (entry, width, style = DEFAULT_STYLE) => {
    if (width !== cachedWidth || style !== cachedStyle) {
      cachedWidth = width;
      cachedStyle = style;
      cache = new WeakMap();
    }
    let lines = cache.get(entry);
    if (lines === undefined) {
      lines = entryLines(entry, width, style);
      cache.set(entry, lines);
    }
    return lines;
  };
}
