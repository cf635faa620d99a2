import { DEFAULT_HEARTBEAT_S, DEFAULT_HOST, DEFAULT_MAX_TEXT, DEFAULT_PORT, DEFAULT_RATE, DEFAULT_STATS_INTERVAL_S, TRANSPORT_KINDS, type TransportKind } from '../protocol/index.js';
import type { RateLimit, ServerOptions } from '../server/options.js';
import { UsageError } from './usage-error.js';

/** `termchat serve` flags as meow parsed them; every one may also come from a TERMCHAT_* variable. */
export interface ServeFlags {
  readonly port?: string | undefined;
  readonly host?: string | undefined;
  readonly db?: string | undefined;
  readonly memory?: boolean | undefined;
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
  /** The flag if given, else the variable, else the default; `source` names where a bad value came from. */
  const pickNumber = (flag: string | undefined, flagName: string, envName: string, fallback: number): number => {
    if (flag !== undefined) return parseNumber(flag, flagName);
    const raw = env[envName];
    return raw === undefined || raw === '' ? fallback : parseNumber(raw, envName);
  };
  const port = pickNumber(flags.port, '--port', 'TERMCHAT_PORT', DEFAULT_PORT);
  checkRange('--port', port, 0, 65535, true);
  const heartbeat = pickNumber(flags.heartbeat, '--heartbeat', 'TERMCHAT_HEARTBEAT', DEFAULT_HEARTBEAT_S);
  checkRange('--heartbeat', heartbeat, 0.05, 3600, false);
  const statsInterval = pickNumber(flags.statsInterval, '--stats-interval', 'TERMCHAT_STATS_INTERVAL', DEFAULT_STATS_INTERVAL_S);
  checkRange('--stats-interval', statsInterval, 0, 86400, false);
  const maxText = pickNumber(flags.maxText, '--max-text', 'TERMCHAT_MAX_TEXT', DEFAULT_MAX_TEXT);
  checkRange('--max-text', maxText, 1, 60_000, true);
  const allowOrigins = flags.allowOrigin?.length ? flags.allowOrigin : splitList(env.TERMCHAT_ALLOW_ORIGIN);
  for (const origin of allowOrigins) checkOrigin(origin);
  const memory = flags.memory ?? parseBoolean(env.TERMCHAT_MEMORY);
  const db = flags.db ?? (env.TERMCHAT_DB || undefined);
  if (memory && db !== undefined) throw new UsageError('--memory and --db exclude each other: history is either in memory or in a file');
  const token = flags.token ?? (env.TERMCHAT_TOKEN || undefined);
  if (token !== undefined && token.length === 0) throw new UsageError('--token must not be empty');

  return {
    port,
    host: flags.host ?? (env.TERMCHAT_HOST || DEFAULT_HOST),
    memory,
    ...(db === undefined ? {} : { db }),
    ...(token === undefined ? {} : { token }),
    allowOrigins,
    transports: parseTransports(flags.transports ?? env.TERMCHAT_TRANSPORTS),
    heartbeatSeconds: heartbeat,
    statsIntervalSeconds: statsInterval,
    maxText,
    rate: parseRate(flags.rate ?? env.TERMCHAT_RATE),
  };
}

function parseNumber(raw: string, source: string): number {
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n)) throw new UsageError(`${source} must be a number; got ${JSON.stringify(raw)}`);
  return n;
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

function checkOrigin(origin: string): void {
  if (origin === '*') return;
  try {
    const url = new URL(origin);
    if (url.protocol === 'http:' || url.protocol === 'https:') return;
  } catch {
    // fall through to the error below
  }
  throw new UsageError(`--allow-origin must be an origin like https://chat.example.com or *; got ${JSON.stringify(origin)}`);
}

function parseTransports(raw: string | undefined): Set<TransportKind> {
  if (raw === undefined || raw.trim() === '') return new Set(TRANSPORT_KINDS);
  const kinds = new Set<TransportKind>();
  for (const part of splitList(raw)) {
    if (!(TRANSPORT_KINDS as readonly string[]).includes(part)) {
      throw new UsageError(`--transports takes a comma-separated list of ${TRANSPORT_KINDS.join(', ')}; got ${JSON.stringify(part)}`);
    }
    kinds.add(part as TransportKind);
  }
  if (kinds.size === 0) throw new UsageError(`--transports needs at least one of ${TRANSPORT_KINDS.join(', ')}`);
  return kinds;
}

function parseRate(raw: string | undefined): RateLimit | undefined {
  if (raw === undefined || raw.trim() === '') return DEFAULT_RATE;
  if (raw.trim() === '0') return undefined;
  const match = /^(\d+)\/(\d+(?:\.\d+)?)$/.exec(raw.trim());
  if (match === null || Number(match[1]) < 1 || Number(match[2]) <= 0) {
    throw new UsageError(`--rate must be N/SECONDS (e.g. 30/10) or 0 to turn limiting off; got ${JSON.stringify(raw)}`);
  }
  return { count: Number(match[1]), perSeconds: Number(match[2]) };
}
