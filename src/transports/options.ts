import { checkRoom, checkUser, MAX_WAIT_MS, TRANSPORT_KINDS } from '../protocol/plain.js';
import { DEFAULT_BACKOFF, type BackoffOptions } from './backoff.js';
import { realClock } from './clock.js';
import { ASSUMED_HEARTBEAT_MS } from './liveness.js';
import type { TransportTiming } from './transport.js';
import type { ClientOptions, Clock, DialTarget } from './types.js';

/** ClientOptions with every default filled in and the servers parsed. */
export interface ResolvedOptions {
  /** One or more instances of one chat; reconnects rotate through them. */
  readonly servers: readonly URL[];
  readonly room: string;
  readonly user: string;
  readonly token: string | undefined;
  readonly dial: ((origin: string) => DialTarget | undefined) | undefined;
  readonly keepalive: boolean;
  readonly since: number;
  readonly backoff: BackoffOptions;
  readonly timing: TransportTiming;
  readonly ackTimeoutMs: number;
  readonly clock: Clock;
  readonly random: () => number;
}

const positive = (name: string, value: number | undefined, fallback: number): number => {
  const n = value ?? fallback;
  if (!Number.isFinite(n) || n <= 0) throw new RangeError(`${name} must be a positive number of ms; got ${value}`);
  return n;
};

function parseServer(text: string, whole: string): URL {
  let server: URL;
  try {
    server = new URL(text);
  } catch {
    throw new TypeError(`server must be a URL like http://127.0.0.1:4000; got ${JSON.stringify(whole)}`);
  }
  if (server.protocol === 'ws:' || server.protocol === 'wss:') server = new URL(text.replace(/^ws/, 'http'));
  if (server.protocol !== 'http:' && server.protocol !== 'https:') throw new TypeError(`server must be http(s)://host:port; got ${JSON.stringify(whole)}`);
  return server;
}

/** Fills in defaults; throws a TypeError or RangeError naming the option for values that cannot work. */
export function resolveOptions(options: ClientOptions): ResolvedOptions {
  const servers = options.server
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => parseServer(part, options.server));
  if (servers.length === 0) throw new TypeError('server must be a URL like http://127.0.0.1:4000; got nothing');
  const room = checkRoom(options.room);
  if (!room.ok) throw new TypeError(room.error);
  const user = checkUser(options.user);
  if (!user.ok) throw new TypeError(user.error);
  if (options.transport !== 'auto' && !TRANSPORT_KINDS.includes(options.transport)) {
    throw new TypeError(`transport must be auto or one of ${TRANSPORT_KINDS.join(', ')}; got ${JSON.stringify(options.transport)}`);
  }
  const since = options.since ?? 0;
  if (!Number.isSafeInteger(since) || since < 0) throw new RangeError(`since must be a non-negative integer; got ${since}`);
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  positive('backoff.baseMs', backoff.baseMs, 1);
  if (!(backoff.capMs >= backoff.baseMs)) throw new RangeError(`backoff.capMs must be at least backoff.baseMs; got ${backoff.capMs}`);
  const longPollWaitMs = positive('longPollWaitMs', options.longPollWaitMs, 25_000);
  if (longPollWaitMs > MAX_WAIT_MS) throw new RangeError(`longPollWaitMs must be at most ${MAX_WAIT_MS}, the server's limit; got ${longPollWaitMs}`);
  return {
    servers,
    room: room.value,
    user: user.value,
    token: options.token,
    dial: options.dial,
    keepalive: options.keepalive ?? false,
    since,
    backoff,
    timing: {
      heartbeatMs: positive('heartbeatMs', options.heartbeatMs, ASSUMED_HEARTBEAT_MS),
      openTimeoutMs: positive('openTimeoutMs', options.openTimeoutMs, 10_000),
      requestTimeoutMs: positive('requestTimeoutMs', options.requestTimeoutMs, 10_000),
      pollIntervalMs: positive('interval', options.interval, 1000),
      longPollWaitMs,
      pingIntervalMs: options.pingIntervalMs === undefined ? undefined : positive('pingIntervalMs', options.pingIntervalMs, 0),
      presenceIntervalMs: positive('presenceIntervalMs', options.presenceIntervalMs, 5000),
    },
    ackTimeoutMs: positive('ackTimeoutMs', options.ackTimeoutMs, 10_000),
    clock: options.clock ?? realClock,
    random: options.random ?? Math.random,
  };
}
