import type { Message } from '../../src/protocol/index.js';
import type { ServerOptions } from '../../src/server/base/options.js';
import type { RunningServer } from '../../src/server/server.js';
import type { TestRedis } from './redis.js';
import { NO_SEND_LIMITS, startTestServer } from './server.js';

/** In-process servers sharing `redis`, quiet, without send limits; closed after the test like any test server. */
export function startShared(redis: TestRedis, count: number, overrides: Partial<ServerOptions> = {}): Promise<RunningServer[]> {
  return Promise.all(Array.from({ length: count }, () => startTestServer({ redis: redis.url, memory: false, ...NO_SEND_LIMITS, ...overrides })));
}

/** 1..n, what a client that saw every message of an n-message room exactly once in order has. */
export function idsUpTo(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i + 1);
}

export const idsOf = (messages: readonly Message[]): number[] => messages.map((m) => m.id);

/** The p-th percentile (0–100) of `values`, nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}
