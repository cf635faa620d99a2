import { tailArrived } from './drain.js';
import { computeFigures, type RunFigures } from './figures.js';
import { clientSetup, type BenchTransport } from './kinds.js';
import { shares } from './plan.js';
import { ServerProcess } from './server-process.js';
import { UsageSampler } from './usage-sampler.js';
import { WorkerProcess } from './worker-process.js';

/** One run: a transport at a tier. */
export interface RunSpec {
  readonly transport: BenchTransport;
  readonly clients: number;
  readonly durationMs: number;
  readonly sendEveryMs: number;
  readonly intervalMs: number;
  readonly workers: number;
}

export type RunPhase = 'starting' | 'connecting' | 'sending' | 'draining' | 'stopping';

/** What the progress view is told while a run goes on. */
export interface RunProgress {
  readonly phase: RunPhase;
  /** Since sending started (0 before). */
  readonly elapsedMs: number;
  readonly deliveries: number;
  readonly sent: number;
}

export interface RunHooks {
  readonly onProgress?: (progress: RunProgress) => void;
}

const ROOM = 'bench';
const CONNECT_TIMEOUT_MS = 30_000;
/** Time for the go message to reach every worker before the first send is due. */
const GO_LEAD_MS = 100;
/** How long the tail of a run may take to arrive before what is missing is called missing. */
const DRAIN_TIMEOUT_MS = 5000;
const TICK_MS = 250;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs one transport at one tier: the server in a process of its own, the clients in worker
 * processes; every client connected before the first send; sending for the duration; the tail
 * drained; then the server's CPU and memory read and every process stopped (also on errors).
 */
export async function runTier(spec: RunSpec, hooks: RunHooks = {}): Promise<RunFigures> {
  const setup = clientSetup(spec.transport);
  const report = (phase: RunPhase, elapsedMs: number, workers: readonly WorkerProcess[]): void => {
    const deliveries = workers.reduce((sum, w) => sum + w.progress.deliveries, 0);
    const sent = workers.reduce((sum, w) => sum + w.progress.sent, 0);
    hooks.onProgress?.({ phase, elapsedMs, deliveries, sent });
  };
  const workers: WorkerProcess[] = [];
  let server: ServerProcess | undefined;
  try {
    report('starting', 0, workers);
    // Workers first: they start while the server does, and a failure to fork them leaves no server behind.
    const split = shares(spec.clients, spec.workers);
    for (let i = 0; i < split.length; i++) workers.push(new WorkerProcess(`client worker ${i + 1}`));
    server = await ServerProcess.start(setup.server);
    const before = await server.usage();

    report('connecting', 0, workers);
    let firstIndex = 0;
    await Promise.all(
      workers.map((worker, i) => {
        const count = split[i]!;
        const config = {
          server: server!.url,
          room: ROOM,
          transport: setup.transport,
          keepalive: setup.keepalive,
          intervalMs: spec.intervalMs,
          sendEveryMs: spec.sendEveryMs,
          firstIndex,
          count,
          connectTimeoutMs: CONNECT_TIMEOUT_MS,
        };
        firstIndex += count;
        return worker.connect(config);
      }),
    );

    const goAt = Date.now() + GO_LEAD_MS;
    const sendUntil = goAt + spec.durationMs;
    for (const worker of workers) worker.go(goAt, sendUntil);
    const sampler = new UsageSampler(server, goAt, before.cpuMs);
    while (Date.now() < sendUntil) {
      await sleep(Math.min(TICK_MS, sendUntil - Date.now()));
      report('sending', Math.max(0, Date.now() - goAt), workers);
    }
    const drainUntil = Date.now() + DRAIN_TIMEOUT_MS;
    // Workers report every 250 ms: wait for a report made after sending stopped.
    await sleep(TICK_MS + 50);
    while (!tailArrived(workers.map((w) => w.progress), spec.clients) && Date.now() < drainUntil) {
      report('draining', Date.now() - goAt, workers);
      await sleep(TICK_MS);
    }
    await sampler.stop();
    const after = await server.usage();

    report('stopping', Date.now() - goAt, workers);
    const reports = await Promise.all(workers.map((w) => w.finish()));
    return computeFigures({
      transport: spec.transport,
      clients: spec.clients,
      durationMs: spec.durationMs,
      reports,
      server: {
        cpuMs: after.cpuMs - before.cpuMs,
        rssBytes: after.rssBytes,
        peakRssBytes: after.peakRssBytes,
        cpuMsPerSecond: sampler.cpuMsPerSecond,
        rssBytesPerSecond: sampler.rssBytesPerSecond,
      },
    });
  } finally {
    await Promise.all([server?.stop(), ...workers.map((w) => w.stop())]);
  }
}
