import type { TransportChoice } from '../transports/types.js';
import { checkName, checkTransport, TRANSPORT_CHOICES, type JoinValue } from './join-values.js';

const ok = <T>(value: T): JoinValue<T> => ({ ok: true, value });
const fail = (error: string): JoinValue<never> => ({ ok: false, error });
const quote = (raw: string): string => JSON.stringify(raw.slice(0, 60));

/** Most bots one process runs: each is a real client with its own connections and timers. */
export const MAX_BOTS = 1000;
/** Range of the mean time between a bot's lines, ms; below ~334 ms the server's default rate limit (30/10 s) refuses some. */
export const EVERY_RANGE = { min: 10, max: 3_600_000 } as const;

export function checkCount(raw: string): JoinValue<number> {
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(n) || n < 1 || n > MAX_BOTS) return fail(`must be a whole number from 1 to ${MAX_BOTS}; got ${quote(raw)}`);
  return ok(n);
}

export function checkEvery(raw: string): JoinValue<number> {
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(n) || n < EVERY_RANGE.min || n > EVERY_RANGE.max) {
    return fail(`must be a whole number of milliseconds from ${EVERY_RANGE.min} to ${EVERY_RANGE.max}; got ${quote(raw)}`);
  }
  return ok(n);
}

/** One transport or several, comma-separated, which the bots take in turn. */
export function checkTransportList(raw: string): JoinValue<readonly TransportChoice[]> {
  const parts = raw.split(',').map((part) => part.trim());
  const kinds: TransportChoice[] = [];
  for (const part of parts) {
    const kind = checkTransport(part);
    if (!kind.ok) return fail(`must be one or more of ${TRANSPORT_CHOICES.join(', ')}, comma-separated; got ${quote(raw)}`);
    kinds.push(kind.value);
  }
  return ok(kinds);
}

/** A name prefix: the longest bot name it makes (prefix-longpoll-1000) must still be a valid user name. */
export function checkPrefix(raw: string): JoinValue<string> {
  const prefix = raw.trim();
  const longest = checkName(`${prefix}-longpoll-${MAX_BOTS}`);
  if (prefix === '' || /\s/.test(prefix) || !longest.ok) return fail(`must be 1-18 printable characters without spaces; got ${quote(raw)}`);
  return ok(prefix);
}
