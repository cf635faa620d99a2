import { TYPING_INTERVAL_MS } from '../../protocol/plain.js';

/** Who is typing, and until when (epoch ms) the indicator stays without a new signal. */
export type TypingState = ReadonlyMap<string, number>;

/** How long one typing signal keeps a name on screen: twice the interval senders repeat it at while they type. */
export const TYPING_TTL_MS = 2 * TYPING_INTERVAL_MS;

export function noteTyping(state: TypingState, user: string, now: number, ttlMs = TYPING_TTL_MS): TypingState {
  const next = new Map(state);
  next.set(user, now + ttlMs);
  return next;
}

/** A message from `user` means they stopped typing it. */
export function noteMessage(state: TypingState, user: string): TypingState {
  if (!state.has(user)) return state;
  const next = new Map(state);
  next.delete(user);
  return next;
}

/** Drops expired names; returns the same object when nothing expired, so React skips a render. */
export function pruneTyping(state: TypingState, now: number): TypingState {
  let next: Map<string, number> | undefined;
  for (const [user, until] of state) {
    if (until > now) continue;
    next ??= new Map(state);
    next.delete(user);
  }
  return next ?? state;
}

/** When the next name expires, to schedule one timer rather than poll. */
export function nextExpiry(state: TypingState): number | undefined {
  let soonest: number | undefined;
  for (const until of state.values()) if (soonest === undefined || until < soonest) soonest = until;
  return soonest;
}

/** "Bob is typing…", "Bob and Carol are typing…", "Bob, Carol and 2 others are typing…", or "". */
export function typingLabel(users: readonly string[]): string {
  const [a, b] = users;
  if (a === undefined) return '';
  if (b === undefined) return `${a} is typing…`;
  if (users.length === 2) return `${a} and ${b} are typing…`;
  const others = users.length - 2;
  return `${a}, ${b} and ${others} ${others === 1 ? 'other' : 'others'} are typing…`;
}
