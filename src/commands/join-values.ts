import { checkRoom, checkUser, DEFAULT_HOST, DEFAULT_PORT, TRANSPORT_KINDS } from '../protocol/index.js';
import type { TransportChoice } from '../transports/types.js';

/** A checked value, or a sentence saying what is allowed. */
export type JoinValue<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

const ok = <T>(value: T): JoinValue<T> => ({ ok: true, value });
const fail = (error: string): JoinValue<never> => ({ ok: false, error });
const quote = (raw: string): string => JSON.stringify(raw.slice(0, 60));

export const DEFAULT_SERVER = `http://${DEFAULT_HOST}:${DEFAULT_PORT}`;
export const TRANSPORT_CHOICES: readonly TransportChoice[] = [...TRANSPORT_KINDS, 'auto'];

/** Shortest and longest short-poll interval accepted, ms. */
export const INTERVAL_RANGE = { min: 50, max: 600_000 } as const;

/**
 * An http(s) server address, normalised without a trailing slash. "host:port" alone means http;
 * ws:// and wss:// are accepted as the same server.
 */
export function checkServer(raw: string): JoinValue<string> {
  const text = raw.trim();
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text);
  if (!hasScheme && text.includes('://')) return fail(`must be a URL like ${DEFAULT_SERVER}; got ${quote(raw)}`);
  const withScheme = hasScheme ? text : `http://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return fail(`must be a URL like ${DEFAULT_SERVER}; got ${quote(raw)}`);
  }
  const scheme = url.protocol === 'ws:' ? 'http:' : url.protocol === 'wss:' ? 'https:' : url.protocol;
  if (scheme !== 'http:' && scheme !== 'https:') return fail(`must be an http:// or https:// URL like ${DEFAULT_SERVER}; got ${quote(raw)}`);
  // WHATWG URLs accept odd host characters (`!`, `$`…) that no resolver does; take names, IPv4 and [IPv6].
  const plainHost = /^[a-z0-9.-]+$/i.test(url.hostname) || /^\[[0-9a-f:.]+\]$/i.test(url.hostname);
  if (!plainHost) return fail(`must be a URL like ${DEFAULT_SERVER}; got ${quote(raw)}`);
  if (url.search !== '' || url.hash !== '' || url.username !== '') {
    return fail(`must be a server address like ${DEFAULT_SERVER}, without query, fragment or credentials; got ${quote(raw)}`);
  }
  const path = url.pathname.replace(/\/+$/, '');
  return ok(`${scheme}//${url.host}${path}`);
}

/**
 * One server, or several instances of one chat sharing a Redis, comma-separated: each is checked
 * and normalised as by checkServer, and the first bad one is named.
 */
export function checkServers(raw: string): JoinValue<string> {
  const parts = raw.split(',');
  const servers: string[] = [];
  for (const part of parts) {
    // "a,,b" or a trailing comma is a typo, not a server: say so rather than "got ''".
    if (part.trim() === '' && parts.length > 1) return fail(`must be comma-separated URLs like ${DEFAULT_SERVER}; got an empty entry in ${quote(raw)}`);
    const server = checkServer(part);
    if (!server.ok) return server;
    servers.push(server.value);
  }
  return ok(servers.join(','));
}

export function checkTransport(raw: string): JoinValue<TransportChoice> {
  const choice = TRANSPORT_CHOICES.find((kind) => kind === raw.trim().toLowerCase());
  return choice === undefined ? fail(`must be one of ${TRANSPORT_CHOICES.join(', ')}; got ${quote(raw)}`) : ok(choice);
}

export function checkJoinRoom(raw: string): JoinValue<string> {
  const room = checkRoom(raw.replace(/^#/, ''));
  return room.ok ? ok(room.value) : fail(`must be 1-32 of a-z, 0-9, _ and -, starting with a letter or digit; got ${quote(raw)}`);
}

export function checkName(raw: string): JoinValue<string> {
  const user = checkUser(raw);
  return user.ok ? ok(user.value) : fail(`must be 1-32 printable characters, not blank; got ${quote(raw)}`);
}

export function checkInterval(raw: string): JoinValue<number> {
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(n) || n < INTERVAL_RANGE.min || n > INTERVAL_RANGE.max) {
    return fail(`must be a whole number of milliseconds from ${INTERVAL_RANGE.min} to ${INTERVAL_RANGE.max}; got ${quote(raw)}`);
  }
  return ok(n);
}
