import { BENCH_TRANSPORTS, type BenchTransport } from '../bench/running/kinds.js';
import { benchDefaults, DEFAULT_SCALE_STEPS, DEFAULT_TIERS, MAX_ROOM_CONNECTIONS, MAX_TIER_CLIENTS, REDIS_TRANSPORTS, type BenchOptions } from '../bench/running/options.js';
import type { ServerKind } from '../bench/processes/server-host-protocol.js';
import { UsageError } from './usage-error.js';

/** `termchat bench` flags as meow parsed them (numbers as strings, so a bad one is reported as typed). */
export interface BenchFlags {
  readonly clients?: string | undefined;
  readonly duration?: string | undefined;
  readonly sendEvery?: string | undefined;
  readonly interval?: string | undefined;
  readonly transports?: string | undefined;
  readonly reps?: string | undefined;
  readonly warmup?: string | undefined;
  readonly workers?: string | undefined;
  readonly scale?: boolean | undefined;
  readonly idle?: string | undefined;
  readonly maxP99?: string | undefined;
  /** "" (the flag alone): a Redis of the bench's own; else the URL of a running one. */
  readonly redis?: string | undefined;
  readonly json?: string | undefined;
  readonly charts?: string | undefined;
}

/** Turns flags into bench options, or throws a UsageError naming what is allowed. */
export function resolveBenchOptions(flags: BenchFlags): BenchOptions {
  const scale = flags.scale === true;
  const idle = flags.idle === undefined ? undefined : int(flags.idle, '--idle', 1, MAX_ROOM_CONNECTIONS);
  if (scale && idle !== undefined) throw new UsageError('--scale and --idle are separate runs; give one of them');
  const redis = flags.redis !== undefined;
  if (redis && (scale || idle !== undefined)) throw new UsageError(`--redis runs the tiers on one and on two instances; it does not combine with ${scale ? '--scale' : '--idle'}`);
  const mode = scale ? 'scale' : idle !== undefined ? 'idle' : redis ? 'redis' : 'tiers';
  const maxClients = mode === 'tiers' || mode === 'redis' ? MAX_TIER_CLIENTS : MAX_ROOM_CONNECTIONS;
  const tiers = flags.clients === undefined ? (scale ? DEFAULT_SCALE_STEPS : DEFAULT_TIERS) : intList(flags.clients, '--clients', maxClients);
  const transports = flags.transports === undefined ? (redis ? REDIS_TRANSPORTS : benchDefaults.transports) : transportList(flags.transports);
  if (redis) checkRedisRun(tiers, transports, flags.charts);
  return {
    mode,
    tiers,
    durationMs: number(flags.duration, '--duration', benchDefaults.durationMs / 1000, 0.5, 3600) * 1000,
    sendEveryMs: number(flags.sendEvery, '--send-every', benchDefaults.sendEveryMs, 10, 3_600_000),
    intervalMs: number(flags.interval, '--interval', benchDefaults.intervalMs, 10, 60_000),
    transports,
    servers: mode === 'scale' || mode === 'idle' ? serversOf(transports, flags.transports !== undefined) : benchDefaults.servers,
    reps: flags.reps === undefined ? benchDefaults.reps : int(flags.reps, '--reps', 1, 100),
    warmUpMs: number(flags.warmup, '--warmup', benchDefaults.warmUpMs / 1000, 0, 60) * 1000,
    workers: flags.workers === undefined ? undefined : int(flags.workers, '--workers', 1, 64),
    maxP99Ms: number(flags.maxP99, '--max-p99', benchDefaults.maxP99Ms, 1, 60_000),
    idleConnections: idle ?? 0,
    redisUrl: flags.redis === undefined ? undefined : redisUrl(flags.redis),
    jsonPath: nonEmpty(flags.json, '--json'),
    chartsDir: nonEmpty(flags.charts, '--charts'),
  };
}

function number(raw: string | undefined, flag: string, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  // Decimal only: Number() would also take "0x10", "1e3" and "Infinity".
  if (!/^\s*\d+(\.\d+)?\s*$/.test(raw)) throw new UsageError(`${flag} must be a number from ${min} to ${max}; got ${JSON.stringify(raw)}`);
  const value = Number(raw);
  if (value < min || value > max) throw new UsageError(`${flag} must be a number from ${min} to ${max}; got ${value}`);
  return value;
}

function int(raw: string, flag: string, min: number, max: number): number {
  if (!/^\s*\d+\s*$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new UsageError(`${flag} must be a whole number from ${min} to ${max}; got ${JSON.stringify(raw)}`);
  }
  return Number(raw);
}

function intList(raw: string, flag: string, max: number): number[] {
  const parts = raw.split(',').map((part) => part.trim()).filter((part) => part !== '');
  if (parts.length === 0) throw new UsageError(`${flag} takes a comma-separated list of client counts, e.g. 5,50,100`);
  return parts.map((part) => int(part, flag, 1, max));
}

function transportList(raw: string): BenchTransport[] {
  const picked = new Set<BenchTransport>();
  for (const part of raw.split(',').map((p) => p.trim()).filter((p) => p !== '')) {
    if (!(BENCH_TRANSPORTS as readonly string[]).includes(part)) {
      throw new UsageError(`--transports takes a comma-separated list of ${BENCH_TRANSPORTS.join(', ')}; got ${JSON.stringify(part)}`);
    }
    picked.add(part as BenchTransport);
  }
  if (picked.size === 0) throw new UsageError(`--transports needs at least one of ${BENCH_TRANSPORTS.join(', ')}`);
  // The canonical order, whatever order they were typed in, so tables line up run after run.
  return BENCH_TRANSPORTS.filter((kind) => picked.has(kind));
}

/** Scale and idle runs measure WebSocket servers only: termchat (ws) and the baseline. */
function serversOf(transports: readonly BenchTransport[], given: boolean): ServerKind[] {
  if (!given) return [...benchDefaults.servers];
  const other = transports.find((kind) => kind !== 'ws' && kind !== 'baseline');
  if (other !== undefined) throw new UsageError(`--scale and --idle measure WebSocket servers: --transports may name ws and baseline; got ${other}`);
  return transports.map((kind) => (kind === 'ws' ? 'termchat' : 'baseline'));
}

/** --redis spreads each tier over two termchat instances: no baseline, at least a client each, no tier charts. */
function checkRedisRun(tiers: readonly number[], transports: readonly BenchTransport[], charts: string | undefined): void {
  if (transports.includes('baseline')) throw new UsageError(`--redis runs termchat on Redis: --transports may name ${REDIS_TRANSPORTS.join(', ')}; got baseline`);
  const small = tiers.find((clients) => clients < 2);
  if (small !== undefined) throw new UsageError(`--redis splits each tier over two instances: --clients needs at least 2 per tier; got ${small}`);
  if (charts !== undefined) throw new UsageError('--charts draws the tier charts, which --redis does not: leave one of them out');
}

/** "" (--redis alone) is a Redis of the bench's own (undefined); anything else must be a redis:// URL. */
function redisUrl(raw: string): string | undefined {
  const text = raw.trim();
  if (text === '') return undefined;
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'redis:' && url.protocol !== 'rediss:') || url.hostname === '') {
    throw new UsageError(`--redis takes no value (a Redis of the bench's own) or a running one's URL like redis://127.0.0.1:6379; got ${JSON.stringify(raw)}`);
  }
  return text;
}

function nonEmpty(raw: string | undefined, flag: string): string | undefined {
  if (raw === undefined) return undefined;
  if (raw.trim() === '') throw new UsageError(`${flag} needs a path`);
  return raw;
}
