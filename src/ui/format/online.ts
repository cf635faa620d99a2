import type { OnlineEntry, TransportKind } from '../../protocol/plain.js';
import { textWidth } from './text-width.js';

/** Online users, each once, with every transport they are on, sorted by name. */
export function onlineUsers(online: readonly OnlineEntry[]): { readonly user: string; readonly transports: readonly TransportKind[] }[] {
  const byUser = new Map<string, TransportKind[]>();
  for (const entry of online) {
    const transports = byUser.get(entry.user) ?? [];
    if (!transports.includes(entry.transport)) transports.push(entry.transport);
    byUser.set(entry.user, transports);
  }
  return [...byUser].sort(([a], [b]) => a.localeCompare(b)).map(([user, transports]) => ({ user, transports }));
}

/** "alice, bob +3": as many names as fit in `width` columns, and how many more there are. */
export function formatOnline(online: readonly OnlineEntry[], width: number): string {
  const users = onlineUsers(online).map((entry) => entry.user);
  let out = '';
  for (let i = 0; i < users.length; i++) {
    const candidate = out === '' ? users[i]! : `${out}, ${users[i]!}`;
    const rest = users.length - i - 1;
    const suffix = rest > 0 ? ` +${rest}` : '';
    if (textWidth(candidate + suffix) > width) return out === '' ? `+${users.length}` : `${out} +${users.length - i}`;
    out = candidate;
  }
  return out;
}

/** The answer to /who: everyone online and how they are connected. */
export function describeWho(online: readonly OnlineEntry[]): string {
  const users = onlineUsers(online);
  if (users.length === 0) return 'nobody is online';
  const list = users.map(({ user, transports }) => `${user} (${transports.join(', ')})`).join(', ');
  return `${users.length} online: ${list}`;
}
