import type { OnlineEntry } from '../../protocol/index.js';
import { TRANSPORT_CHOICES } from '../../transports/types.js';
import type { ConversationEntry } from '../state/conversation.js';

/** What Tab can complete to besides commands: names and rooms. */
export interface CompletionContext {
  /** People in the room, the likeliest first (see nickCandidates). */
  readonly nicks: readonly string[];
  /** Rooms /join may go to: open, remembered and seen. */
  readonly rooms: readonly string[];
  /** Rooms open now, which /part leaves. */
  readonly openRooms: readonly string[];
  /** The chat's commands, with their slash ("/join"). */
  readonly commands: readonly string[];
}

/** A Tab press in progress: what the word was and which candidate is in, so the next Tab moves on. */
export interface CompletionCycle {
  /** Where the completed word begins. */
  readonly start: number;
  /** Everything after the word when Tab was first pressed. */
  readonly after: string;
  readonly candidates: readonly string[];
  readonly index: number;
  /** The line and cursor as this completion left them: a change in either starts afresh. */
  readonly text: string;
  readonly cursor: number;
}

/** The line after a Tab, and the cycle the next Tab continues. */
export interface Completed {
  readonly text: string;
  readonly cursor: number;
  readonly cycle: CompletionCycle;
}

const startsWith = (candidate: string, prefix: string): boolean => candidate.toLowerCase().startsWith(prefix.toLowerCase());

/**
 * People to complete, the likeliest first, as WeeChat does: those who spoke last, newest first
 * (from the last `lookBack` entries), then everyone else online, by name. Never yourself.
 */
export function nickCandidates(entries: readonly ConversationEntry[], online: readonly OnlineEntry[], self: string, lookBack = 1000): string[] {
  const seen = new Set<string>([self]);
  const nicks: string[] = [];
  for (let i = entries.length - 1; i >= Math.max(0, entries.length - lookBack); i--) {
    const entry = entries[i]!;
    if (entry.kind === 'chat' && !seen.has(entry.user)) {
      seen.add(entry.user);
      nicks.push(entry.user);
    }
  }
  const others = [...new Set(online.map((entry) => entry.user))].filter((user) => !seen.has(user)).sort((a, b) => a.localeCompare(b));
  return [...nicks, ...others];
}

/**
 * The replacements for the word before the cursor: a command at the start of a line ("/tr" →
 * "/transport "), a command's argument ("/transport l" → "longpoll", "/join " → the rooms), and
 * otherwise a name, as "Bob: " to begin a line and "Bob" elsewhere ("@bo" keeps its "@").
 */
export function candidatesFor(text: string, cursor: number, context: CompletionContext): { readonly start: number; readonly candidates: readonly string[] } {
  const before = text.slice(0, cursor);
  const start = before.search(/\S*$/);
  const word = before.slice(start);
  const command = /^\/(\S+)\s+$/.exec(text.slice(0, start));
  if (start === 0 && word.startsWith('/')) return { start, candidates: context.commands.filter((name) => startsWith(name, word)).map((name) => `${name} `) };
  if (command !== null) {
    const argument = ARGUMENTS[command[1]!.toLowerCase()];
    if (argument !== undefined) return { start, candidates: argument(context).filter((candidate) => startsWith(candidate, word)) };
  }
  const at = word.startsWith('@') ? '@' : '';
  const stem = word.slice(at.length);
  const nicks = context.nicks.filter((nick) => startsWith(nick, stem));
  return { start, candidates: nicks.map((nick) => (start === 0 && at === '' ? `${nick}: ` : `${at}${nick}`)) };
}

/** What each command's first argument completes to. */
const ARGUMENTS: Readonly<Record<string, (context: CompletionContext) => readonly string[]>> = {
  transport: () => TRANSPORT_CHOICES,
  join: (context) => context.rooms.filter((room) => !context.openRooms.includes(room)),
  part: (context) => context.openRooms,
  me: (context) => context.nicks,
  search: (context) => context.nicks,
};

/**
 * Tab: completes the word before the cursor, or, pressed again on the line it left, puts in the
 * next candidate (the previous one `backwards`), round and round. Undefined when nothing fits.
 */
export function complete(text: string, cursor: number, cycle: CompletionCycle | undefined, context: CompletionContext, backwards = false): Completed | undefined {
  let next: Omit<CompletionCycle, 'text' | 'cursor'>;
  if (cycle !== undefined && cycle.text === text && cycle.cursor === cursor && cycle.candidates.length > 0) {
    const step = backwards ? -1 : 1;
    next = { ...cycle, index: (cycle.index + step + cycle.candidates.length) % cycle.candidates.length };
  } else {
    const { start, candidates } = candidatesFor(text, cursor, context);
    if (candidates.length === 0) return undefined;
    next = { start, after: text.slice(cursor), candidates, index: backwards ? candidates.length - 1 : 0 };
  }
  const chosen = next.candidates[next.index]!;
  const line = text.slice(0, next.start) + chosen + next.after;
  const at = next.start + chosen.length;
  return { text: line, cursor: at, cycle: { ...next, text: line, cursor: at } };
}
