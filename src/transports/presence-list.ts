import type { OnlineEntry, PresenceEvent } from '../protocol/index.js';

const same = (a: OnlineEntry, b: OnlineEntry): boolean => a.user === b.user && a.transport === b.transport;

/** The online list after a join or leave event. */
export function applyPresence(online: readonly OnlineEntry[], event: PresenceEvent): readonly OnlineEntry[] {
  const entry: OnlineEntry = { user: event.user, transport: event.transport };
  const rest = online.filter((e) => !same(e, entry));
  if (event.event === 'leave') return rest;
  return [...rest, entry].sort((a, b) => a.user.localeCompare(b.user) || a.transport.localeCompare(b.transport));
}

/** The join and leave events that turn `before` into `after` (for transports that only see snapshots). */
export function diffPresence(before: readonly OnlineEntry[], after: readonly OnlineEntry[]): PresenceEvent[] {
  const online = after.length;
  const left = before.filter((e) => !after.some((a) => same(a, e))).map((e): PresenceEvent => ({ event: 'leave', user: e.user, transport: e.transport, online }));
  const joined = after.filter((e) => !before.some((b) => same(b, e))).map((e): PresenceEvent => ({ event: 'join', user: e.user, transport: e.transport, online }));
  return [...left, ...joined];
}
