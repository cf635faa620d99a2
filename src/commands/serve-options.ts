import { DEFAULT_HEARTBEAT_S, DEFAULT_HOST, DEFAULT_MAX_TEXT, DEFAULT_PORT, DEFAULT_RATE, DEFAULT_STATS_INTERVAL_S, TRANSPORT_KINDS, type TransportKind } from '../protocol/index.js';
import type { RateLimit, ServerOptions } from '../server/base/options.js';
import { UsageError } from './usage-error.js';

/** `termchat serve` flags as meow parsed them; every one may also come from a TERMCHAT_* variable. */
export interface ServeFlags {
  readonly port?: string | undefined;
  readonly host?: string | undefined;
  readonly db?: string | undefined;
  readonly memory?: boolean | undefined;
  readonly redis?: string | undefined;
  readonly token?: string | undefined;
  readonly allowOrigin?: readonly string[] | undefined;
  readonly transports?: string | undefined;
  readonly heartbeat?: string | undefined;
  readonly statsInterval?: string | undefined;
  readonly maxText?: string | undefined;
  readonly rate?: string | undefined;
}

type Env = Readonly<Record<string, string | undefined>>;

/** Turns flags and environment into server options, or throws a UsageError naming what is allowed. */
export function resolveServeOptions(flags: ServeFlags, env: Env): Partial<ServerOptions> {
  /** The flag if given, else the variable; `source` names where the value came from, for errors. */
  const pick = (flag: string | undefined, flagName: string, envName: string): { raw: string; source: string } | undefined => {
    if (flag !== undefined) return { raw: flag, source: flagName };
    const raw = env[envName];
    return raw === undefined || raw === '' ? undefined : { raw, source: envName };
  };
  const pickNumber = (flag: string | undefined, flagName: string, envName: string, fallback: number, min: number, max: number, integer: boolean): number => {
    const given = pick(flag, flagName, envName);
    if (given === undefined) return fallback;
    const value = parseNumber(given.raw, given.source);
    checkRange(given.source, value, min, max, integer);
    return value;
  };
  const port = pickNumber(flags.port, '--port', 'TERMCHAT_PORT', DEFAULT_PORT, 0, 65535, true);
  const heartbeat = pickNumber(flags.heartbeat, '--heartbeat', 'TERMCHAT_HEARTBEAT', DEFAULT_HEARTBEAT_S, 0.05, 3600, false);
  const statsInterval = pickNumber(flags.statsInterval, '--stats-interval', 'TERMCHAT_STATS_INTERVAL', DEFAULT_STATS_INTERVAL_S, 0, 86400, false);
  const maxText = pickNumber(flags.maxText, '--max-text', 'TERMCHAT_MAX_TEXT', DEFAULT_MAX_TEXT, 1, 60_000, true);
  const fromFlags = flags.allowOrigin !== undefined && flags.allowOrigin.length > 0;
  const allowOrigins = fromFlags ? flags.allowOrigin! : splitList(env.TERMCHAT_ALLOW_ORIGIN);
  for (const origin of allowOrigins) checkOrigin(origin, fromFlags ? '--allow-origin' : 'TERMCHAT_ALLOW_ORIGIN');
  const memory = flags.memory ?? parseBoolean(env.TERMCHAT_MEMORY);
  const db = flags.db ?? (env.TERMCHAT_DB || undefined);
  if (memory && db !== undefined) throw new UsageError('--memory and --db exclude each other: history is either in memory or in a file');
  const redis = pick(flags.redis, '--redis', 'TERMCHAT_REDIS_URL');
  if (redis !== undefined) {
    checkRedisUrl(redis.raw, redis.source);
    if (memory || db !== undefined) throw new UsageError(`${redis.source} and ${memory ? '--memory' : '--db'} exclude each other: with Redis, history is kept in Redis`);
  }
  const token = flags.token ?? (env.TERMCHAT_TOKEN || undefined);
  if (token !== undefined && token.length === 0) throw new UsageError('--token must not be empty');
  const transports = pick(flags.transports, '--transports', 'TERMCHAT_TRANSPORTS');
  const rate = pick(flags.rate, '--rate', 'TERMCHAT_RATE');

  return {
    port,
    host: flags.host ?? (env.TERMCHAT_HOST || DEFAULT_HOST),
    memory,
    ...(db === undefined ? {} : { db }),
    ...(redis === undefined ? {} : { redis: redis.raw }),
    ...(token === undefined ? {} : { token }),
    allowOrigins,
    transports: parseTransports(transports?.raw, transports?.source ?? '--transports'),
    heartbeatSeconds: heartbeat,
    statsIntervalSeconds: statsInterval,
    maxText,
    rate: parseRate(rate?.raw, rate?.source ?? '--rate'),
  };
}

function parseNumber(raw: string, source: string): number {
  // Decimal only: Number() would also take "0x10", "1e3" and "Infinity".
  if (!/^\s*-?\d+(\.\d+)?\s*$/.test(raw)) throw new UsageError(`${source} must be a number; got ${JSON.stringify(raw)}`);
  return Number(raw);
}

function checkRange(flag: string, value: number, min: number, max: number, integer: boolean): void {
  if (!Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
    throw new UsageError(`${flag} must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}; got ${value}`);
  }
}

function parseBoolean(raw: string | undefined): boolean {
  return raw !== undefined && /^(1|true|yes|on)$/i.test(raw);
}

function splitList(raw: string | undefined): string[] {
  return (raw ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

function checkOrigin(origin: string, source: string): void {
  if (origin === '*') return;
  try {
    const url = new URL(origin);
    if (url.protocol === 'http:' || url.protocol === 'https:') return;
  } catch {
    // fall through to the error below
  }
  throw new UsageError(`${source} must be an origin like https://chat.example.com or *; got ${JSON.stringify(origin)}`);
}

function checkRedisUrl(raw: string, source: string): void {
  try {
    const url = new URL(raw);
    if ((url.protocol === 'redis:' || url.protocol === 'rediss:') && url.hostname !== '') return;
  } catch {
    // fall through to the error below
  }
  throw new UsageError(`${source} must be a URL like redis://127.0.0.1:6379 (or rediss:// for TLS); got ${JSON.stringify(raw)}`);
}

function parseTransports(raw: string | undefined, source: string): Set<TransportKind> {
  if (raw === undefined) return new Set(TRANSPORT_KINDS);
  const kinds = new Set<TransportKind>();
  for (const part of splitList(raw)) {
    if (!(TRANSPORT_KINDS as readonly string[]).includes(part)) {
      throw new UsageError(`${source} takes a comma-separated list of ${TRANSPORT_KINDS.join(', ')}; got ${JSON.stringify(part)}`);
    }
    kinds.add(part as TransportKind);
  }
  if (kinds.size === 0) throw new UsageError(`${source} needs at least one of ${TRANSPORT_KINDS.join(', ')}`);
  return kinds;
}

function parseRate(raw: string | undefined, source: string): RateLimit | undefined {
  if (raw === undefined) return DEFAULT_RATE;
  if (raw.trim() === '0') return undefined;
  const match = /^(\d+)\/(\d+(?:\.\d+)?)$/.exec(raw.trim());
  if (match === null || Number(match[1]) < 1 || Number(match[2]) <= 0) {
    throw new UsageError(`${source} must be N/SECONDS (e.g. 30/10) or 0 to turn limiting off; got ${JSON.stringify(raw)}`);
  }
  return { count: Number(match[1]), perSeconds: Number(match[2]) };
}
