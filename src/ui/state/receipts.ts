import type { ReadPosition } from '../../protocol/index.js';
import type { ConversationEntry } from './conversation.js';

/** How far each user has read the room: user → the id of the newest message they saw. */
export type ReadMap = ReadonlyMap<string, number>;

/** Positions a room keeps, as the server does: the most recently moved. What a server sends beyond is let go. */
export const MAX_READERS = 256;

/** Names written out under a message; more readers are counted instead ("seen by 12"). */
export const SEEN_NAMES = 3;

/**
 * `reads` with `positions` taken in: each only moves forward. The same map when nothing moved, so
 * that nothing is drawn again; the oldest let go past `limit`.
 */
export function mergeReads(reads: ReadMap, positions: readonly ReadPosition[], limit = MAX_READERS): ReadMap {
  let next: Map<string, number> | undefined;
  for (const { user, id } of positions) {
    const known = (next ?? reads).get(user);
    if (known !== undefined && known >= id) continue;
    next ??= new Map(reads);
    // Moved last, kept last, as the server orders them.
    next.delete(user);
    next.set(user, id);
  }
  if (next === undefined) return reads;
  for (const user of next.keys()) {
    if (next.size <= limit) break;
    next.delete(user);
  }
  return next;
}

/** "✓ seen by Bob, Carol", or "✓ seen by 12" when there are many. */
export function seenText(readers: readonly string[], names = SEEN_NAMES): string {
  return readers.length <= names ? `✓ seen by ${readers.join(', ')}` : `✓ seen by ${readers.length}`;
}

/**
 * Who has seen your messages, by the seq of the message to say it under: each reader (you aside)
 * once, under the newest of your messages their position has reached, as a chat client shows read
 * markers; a reader who read on stays under your latest message they saw.
 */
export function seenBy(entries: readonly ConversationEntry[], reads: ReadMap, self: string): ReadonlyMap<number, string> {
  if (reads.size === 0) return new Map();
  // Your messages the server acknowledged, by id, oldest first.
  const own: { readonly id: number; readonly seq: number }[] = [];
  for (const entry of entries) if (entry.kind === 'chat' && entry.own && entry.id !== undefined) own.push({ id: entry.id, seq: entry.seq });
  if (own.length === 0) return new Map();
  own.sort((a, b) => a.id - b.id);
  const bySeq = new Map<number, string[]>();
  for (const [user, position] of reads) {
    if (user === self) continue;
    // The newest of your messages at or below the reader's position.
    let lo = 0;
    let hi = own.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (own[mid]!.id <= position) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (found === -1) continue;
    const seq = own[found]!.seq;
    bySeq.set(seq, [...(bySeq.get(seq) ?? []), user]);
  }
  return new Map([...bySeq].map(([seq, readers]) => [seq, seenText(readers.sort((a, b) => a.localeCompare(b)))]));
}
