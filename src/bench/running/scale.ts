import { scaleFigures, type ScaleStep } from '../figures/scale-figures.js';
import type { ServerKind } from '../processes/server-host-protocol.js';
import { ServerProcess } from '../processes/server-process.js';
import { WorkerFleet } from '../processes/worker-fleet.js';
import { LOAD_GENERATOR } from '../workers/load-protocol.js';
import { tailArrived } from './drain.js';
import type { BenchOptions } from './options.js';
import { placeClients, type WorkerShare } from './plan.js';

/** Connections one load generator holds at most (its process may open 20,000 files). */
export const CONNECTIONS_PER_GENERATOR = 15_000;

/** `connections` over load generators: `workers` of them (default 1), or more when each would hold too many. */
export function placeLoad(connections: number, workers: number | undefined): WorkerShare[] {
  return placeClients(connections, Math.max(workers ?? 1, Math.ceil(connections / CONNECTIONS_PER_GENERATOR)));
}

const CONNECT_CONCURRENCY = 64;
const SETTLE_MS = 500;
const DRAIN_TIMEOUT_MS = 3000;
const TICK_MS = 250;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** What the progress view is told during a step. */
export interface StepProgress {
  readonly phase: 'starting' | 'connecting' | 'sending' | 'draining';
  readonly elapsedMs: number;
  readonly deliveries: number;
}

/** The ramp's outcome. */
export interface ScaleResult {
  readonly steps: readonly ScaleStep[];
  readonly errors: readonly { readonly server: ServerKind; readonly clients: number; readonly error: string }[];
  readonly wallMs: number;
}

/** Hooks into the ramp for the progress view. */
export interface ScaleHooks {
  readonly onStep?: (server: ServerKind, clients: number) => void;
  readonly onProgress?: (progress: StepProgress) => void;
  readonly onResult?: (step: ScaleStep) => void;
  readonly onError?: (server: ServerKind, clients: number, error: string) => void;
}

/**
 * Ramps one room through the room sizes, termchat and the baseline interleaved (their order
 * alternating step by step), each server until a size does not hold.
 */
export async function runScale(options: BenchOptions, hooks: ScaleHooks = {}): Promise<ScaleResult> {
  const started = Date.now();
  const active = new Set(options.servers);
  const steps: ScaleStep[] = [];
  const errors: { server: ServerKind; clients: number; error: string }[] = [];
  for (const [i, clients] of options.tiers.entries()) {
    const order = (i % 2 === 0 ? options.servers : [...options.servers].reverse()).filter((s) => active.has(s));
    if (order.length === 0) break;
    for (const server of order) {
      hooks.onStep?.(server, clients);
      try {
        const step = await runScaleStep(server, clients, options, hooks);
        steps.push(step);
        hooks.onResult?.(step);
        if (!step.held) active.delete(server);
      } catch (error) {
        const message = (error as Error).message;
        errors.push({ server, clients, error: message });
        hooks.onError?.(server, clients, message);
        active.delete(server);
      }
    }
  }
  return { steps, errors, wallMs: Date.now() - started };
}

/** One room size on one server, in a fresh server process. */
export async function runScaleStep(kind: ServerKind, clients: number, options: BenchOptions, hooks: ScaleHooks = {}): Promise<ScaleStep> {
  const placed = placeLoad(clients, options.workers);
  const loads = new WorkerFleet(LOAD_GENERATOR, placed.length);
  const progress = (phase: StepProgress['phase'], elapsedMs: number): void =>
    hooks.onProgress?.({ phase, elapsedMs, deliveries: loads.progress.reduce((sum, p) => sum + p.deliveries, 0) });
  let server: ServerProcess | undefined;
  try {
    progress('starting', 0);
    server = await ServerProcess.start(kind);
    const before = await server.usage(true);
    progress('connecting', 0);
    const url = `ws://127.0.0.1:${server.port}/ws`;
    const connectTimes = await loads.connect(
      placed.map(({ count, firstIndex }) => ({ url, room: 'scale', firstIndex, count, concurrency: CONNECT_CONCURRENCY, connectTimeoutMs: 120_000, sendEveryMs: options.sendEveryMs })),
    );
    // Presence announcements of the last joins settle before memory is read.
    await sleep(SETTLE_MS);
    const connected = await server.usage(true);
    const windowStart = Date.now();
    const goAt = windowStart + 100;
    const sendUntil = goAt + options.durationMs;
    loads.go(goAt, sendUntil);
    while (Date.now() < sendUntil) {
      await sleep(Math.min(TICK_MS, sendUntil - Date.now()));
      progress('sending', Math.max(0, Date.now() - goAt));
    }
    const atSendEnd = await server.usage();
    const drainUntil = Date.now() + DRAIN_TIMEOUT_MS;
    await sleep(TICK_MS + 50);
    while (!tailArrived(loads.progress, clients) && Date.now() < drainUntil) {
      progress('draining', Date.now() - goAt);
      await sleep(TICK_MS);
    }
    const after = await server.usage();
    const wallMs = Date.now() - windowStart;
    const reports = await loads.finish();
    return scaleFigures({
      server: kind,
      clients,
      durationMs: options.durationMs,
      connectMs: Math.max(...connectTimes),
      reports,
      maxP99Ms: options.maxP99Ms,
      usage: {
        rssBeforeBytes: before.rssBytes,
        heapBeforeBytes: before.heapUsedBytes,
        rssConnectedBytes: connected.rssBytes,
        heapConnectedBytes: connected.heapUsedBytes,
        rssEndBytes: atSendEnd.rssBytes,
        cpuMs: after.cpuMs - connected.cpuMs,
        wallMs,
      },
    });
  } finally {
    await Promise.all([server?.stop(), loads.stop()]);
  }
}

/** An upper bound on the ramp's wall time (it stops at the first size that does not hold). */
export function estimateScaleMs(options: BenchOptions): number {
  // Connecting is counted at a millisecond a connection (see bench/README.md), on top of
  // starting, settling and draining.
  return options.tiers.reduce((sum, clients) => sum + options.servers.length * (options.durationMs + 3000 + clients), 0);
}
