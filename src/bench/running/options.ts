import type { ServerKind } from '../processes/server-host-protocol.js';
import { BENCH_TRANSPORTS, type BenchTransport } from './kinds.js';
import type { BenchNetwork } from './network.js';

/**
 * What `termchat bench` runs: the study's tiers, the scale ramp, idle connections, the tiers
 * on Redis with one instance against two, or the tiers through a relay at each round trip.
 */
export type BenchMode = 'tiers' | 'scale' | 'idle' | 'redis' | 'network';

/** Everything a benchmark run is told, validated. */
export interface BenchOptions {
  readonly mode: BenchMode;
  /** Clients per tier; for `scale` the ramp of room sizes. */
  readonly tiers: readonly number[];
  readonly durationMs: number;
  /** Each client sends one message this often (after a random first offset). */
  readonly sendEveryMs: number;
  /** Short-poll interval. */
  readonly intervalMs: number;
  readonly transports: readonly BenchTransport[];
  /** For `scale` and `idle`: which servers are measured. */
  readonly servers: readonly ServerKind[];
  readonly reps: number;
  /** Tiers: the schedule runs this long, unmeasured, before timing starts (0: no warm-up). */
  readonly warmUpMs: number;
  /** Client worker processes per run; undefined: chosen from the client count and the cores. */
  readonly workers: number | undefined;
  /** `scale`: a room holds while its p99 latency stays at or under this. */
  readonly maxP99Ms: number;
  /** `idle`: how many connections to open. */
  readonly idleConnections: number;
  /** `redis`: a running Redis to use; undefined: the bench starts a redis-server of its own. */
  readonly redisUrl: string | undefined;
  /** `network`: the relay's condition and the round trips to run the tiers at; undefined in every other mode. */
  readonly network: BenchNetwork | undefined;
  readonly jsonPath: string | undefined;
  readonly chartsDir: string | undefined;
}

/** The study's tiers. */
export const DEFAULT_TIERS: readonly number[] = [5, 50, 100];
/** Room sizes `--scale` tries in turn until one does not hold. */
export const DEFAULT_SCALE_STEPS: readonly number[] = [250, 350, 500, 750, 1000, 1500, 2000, 3000, 5000, 7500, 10_000];

export const benchDefaults = {
  durationMs: 10_000,
  sendEveryMs: 2000,
  intervalMs: 100,
  reps: 1,
  warmUpMs: 2000,
  maxP99Ms: 100,
  transports: BENCH_TRANSPORTS,
  servers: ['termchat', 'baseline'] as readonly ServerKind[],
} as const;

/** Most clients a tier may have: each may hold two sockets in a worker limited to 20,000 files. */
export const MAX_TIER_CLIENTS = 5000;
/** Most connections a scale step or idle run may open: the server process's file limit. */
export const MAX_ROOM_CONNECTIONS = 19_000;

/** What `--redis` runs by default: every termchat transport (the baseline has no Redis). */
export const REDIS_TRANSPORTS: readonly BenchTransport[] = BENCH_TRANSPORTS.filter((kind) => kind !== 'baseline');

/**
 * What `--rtt` and `--net` run by default: termchat's transports. The bare baseline answers
 * what termchat's server costs, which a network does not change; it can still be named.
 */
export const NETWORK_TRANSPORTS: readonly BenchTransport[] = REDIS_TRANSPORTS;
