import type { ServerKind } from '../processes/server-host-protocol.js';
import { ServerProcess } from '../processes/server-process.js';
import { WorkerFleet } from '../processes/worker-fleet.js';
import { LOAD_GENERATOR } from '../workers/load-protocol.js';
import type { BenchOptions } from './options.js';
import { placeLoad } from './scale.js';

/**
 * Idle connections are spread over rooms of this many: in one giant room each join would be
 * announced to everyone before it (presence), and the connect rate would measure that fan-out
 * rather than what holding a connection costs.
 */
export const IDLE_ROOM_SIZE = 100;
const CONNECT_CONCURRENCY = 64;
const SETTLE_MS = 1000;

/** What N idle WebSocket connections cost a server. */
export interface IdleResult {
  readonly server: ServerKind;
  readonly connections: number;
  readonly connectMs: number;
  readonly connectsPerSec: number;
  readonly rssBeforeBytes: number;
  readonly rssAfterBytes: number;
  readonly rssPerConnectionBytes: number;
  readonly heapPerConnectionBytes: number;
  readonly dropped: number;
}

/** Opens `options.idleConnections` idle connections to each server in turn and measures memory and connect rate. */
export async function runIdle(options: BenchOptions, onServer?: (server: ServerKind) => void): Promise<IdleResult[]> {
  const results: IdleResult[] = [];
  for (const server of options.servers) {
    onServer?.(server);
    results.push(await idleOnce(server, options));
  }
  return results;
}

async function idleOnce(kind: ServerKind, options: BenchOptions): Promise<IdleResult> {
  const n = options.idleConnections;
  const placed = placeLoad(n, options.workers);
  const loads = new WorkerFleet(LOAD_GENERATOR, placed.length);
  let server: ServerProcess | undefined;
  try {
    server = await ServerProcess.start(kind);
    const before = await server.usage(true);
    const url = `ws://127.0.0.1:${server.port}/ws`;
    // Idle connections never go: the send period only completes the config.
    const times = await loads.connect(
      placed.map(({ count, firstIndex }) => ({ url, room: 'idle', roomSize: IDLE_ROOM_SIZE, firstIndex, count, concurrency: CONNECT_CONCURRENCY, connectTimeoutMs: 300_000, sendEveryMs: options.sendEveryMs })),
    );
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    const after = await server.usage(true);
    const reports = await loads.finish();
    const connectMs = Math.max(...times);
    return {
      server: kind,
      connections: n,
      connectMs,
      connectsPerSec: n / (Math.max(1, connectMs) / 1000),
      rssBeforeBytes: before.rssBytes,
      rssAfterBytes: after.rssBytes,
      rssPerConnectionBytes: (after.rssBytes - before.rssBytes) / n,
      heapPerConnectionBytes: (after.heapUsedBytes - before.heapUsedBytes) / n,
      dropped: reports.reduce((sum, r) => sum + r.progress.closed, 0),
    };
  } finally {
    await Promise.all([server?.stop(), loads.stop()]);
  }
}
