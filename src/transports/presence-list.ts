import { byUserThenTransport, type OnlineEntry, type PresenceEvent } from '../protocol/plain.js';

const same = (a: OnlineEntry, b: OnlineEntry): boolean => a.user === b.user && a.transport === b.transport;
// A user name has no control characters (the server refuses them), so NUL cannot occur inside one.
const keyOf = (e: OnlineEntry): string => `${e.user}\u0000${e.transport}`;

/** A snapshot from the server, in this process's order (it may collate differently). */
export function sortOnline(list: readonly OnlineEntry[]): readonly OnlineEntry[] {
  return [...list].sort(byUserThenTransport);
}

/**
 * The online list after a join or leave event. `online` is in order (see sortOnline): a join is
 * put in its place rather than the list sorted again, so a room of a thousand joining one by one
 * (after a server restart) costs a thousand insertions, not a thousand sorts.
 */
export function applyPresence(online: readonly OnlineEntry[], event: PresenceEvent): readonly OnlineEntry[] {
  const entry: OnlineEntry = { user: event.user, transport: event.transport };
  const rest = online.filter((e) => !same(e, entry));
  if (event.event === 'leave') return rest;
  let low = 0;
  let high = rest.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (byUserThenTransport(rest[middle]!, entry) < 0) low = middle + 1;
    else high = middle;
  }
  rest.splice(low, 0, entry);
  return rest;
}

/** The join and leave events that turn `before` into `after` (for transports that only see snapshots). */
export function diffPresence(before: readonly OnlineEntry[], after: readonly OnlineEntry[]): PresenceEvent[] {
  const online = after.length;
  const had = new Set(before.map(keyOf));
  const has = new Set(after.map(keyOf));
  const left = before.filter((e) => !has.has(keyOf(e))).map((e): PresenceEvent => ({ event: 'leave', user: e.user, transport: e.transport, online }));
  const joined = after.filter((e) => !had.has(keyOf(e))).map((e): PresenceEvent => ({ event: 'join', user: e.user, transport: e.transport, online }));
  return [...left, ...joined];
}
