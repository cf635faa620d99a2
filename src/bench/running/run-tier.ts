import { computeFigures, type RunFigures } from '../figures/run-figures.js';
import { UsageSampler } from '../figures/usage-sampler.js';
import { benchNodeArgs } from '../processes/entry-path.js';
import { WorkerFleet } from '../processes/worker-fleet.js';
import { CLIENT_WORKER, type ClientProgress } from '../workers/client-protocol.js';
import { BenchRelay } from './bench-relay.js';
import { tailArrived } from './drain.js';
import { clientSetup, type BenchTransport } from './kinds.js';
import type { RunNetwork } from './network.js';
import { placeClients } from './plan.js';
import { ServerGroup } from './server-group.js';

/** One run: a transport at a tier. */
export interface RunSpec {
  readonly transport: BenchTransport;
  readonly clients: number;
  readonly durationMs: number;
  readonly sendEveryMs: number;
  readonly intervalMs: number;
  readonly workers: number;
  /** The schedule is first run this long, unmeasured, until all of it is delivered (0: none). */
  readonly warmUpMs: number;
  /** The room (default "bench"); runs sharing one Redis each need a room of their own, as history outlives a run there. */
  readonly room?: string;
  /**
   * Keep history in this Redis and run `instances` termchat servers on it. The clients are split in
   * two halves; with 2 instances each half is given only its own instance's URL.
   */
  readonly redis?: { readonly url: string; readonly instances: 1 | 2 };
  /** Every client reaches the server through a relay in this process, shaped so (one server only). */
  readonly network?: RunNetwork;
}

export type RunPhase = 'starting' | 'connecting' | 'warming up' | 'sending' | 'draining' | 'stopping';

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

const DEFAULT_ROOM = 'bench';
const CONNECT_TIMEOUT_MS = 30_000;
/** How long the warm-up's last messages may take to reach every client. */
const WARM_UP_TIMEOUT_MS = 15_000;
/** Time for the go message to reach every worker before the first send is due. */
const GO_LEAD_MS = 100;
/** How long the tail of a run may take to arrive before what is missing is called missing. */
const DRAIN_TIMEOUT_MS = 5000;
const TICK_MS = 250;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs one transport at one tier: the server (or the instances sharing a Redis) in processes of
 * their own, the clients in worker processes, through a relay here if a network is asked for;
 * every client connected before the first send;
 * sending for the duration; the tail drained; then the servers' CPU and memory read and every
 * process stopped (also on errors).
 */
export async function runTier(spec: RunSpec, hooks: RunHooks = {}): Promise<RunFigures> {
  const setup = clientSetup(spec.transport);
  const report = (phase: RunPhase, elapsedMs: number, progress: readonly ClientProgress[]): void => {
    const deliveries = progress.reduce((sum, p) => sum + p.deliveries, 0);
    const sent = progress.reduce((sum, p) => sum + p.sent, 0);
    hooks.onProgress?.({ phase, elapsedMs, deliveries, sent });
  };
  report('starting', 0, []);
  // Workers first: they start while the server does, and a failure to fork them leaves no server behind.
  const placed = placeClients(spec.clients, spec.workers, spec.redis?.instances);
  const workers = new WorkerFleet(CLIENT_WORKER, placed.length, benchNodeArgs('worker'));
  let server: ServerGroup | undefined;
  let relay: BenchRelay | undefined;
  try {
    server = await ServerGroup.start(setup.server, spec.redis?.instances ?? 1, spec.redis?.url);
    if (spec.network !== undefined) relay = await BenchRelay.start(server.urls[0]!, spec.network);
    const urls = relay === undefined ? server.urls : [relay.url];
    // Garbage from loading the server's modules is not the run's: it is collected before the
    // CPU reading the run starts from, for termchat and the baseline alike.
    const before = await server.usage(true);

    report('connecting', 0, workers.progress);
    await workers.connect(
      placed.map(({ count, firstIndex, instance }) => ({
        server: urls[instance ?? 0]!,
        room: spec.room ?? DEFAULT_ROOM,
        transport: setup.transport,
        keepalive: setup.keepalive,
        intervalMs: spec.intervalMs,
        sendEveryMs: spec.sendEveryMs,
        firstIndex,
        count,
        connectTimeoutMs: CONNECT_TIMEOUT_MS,
        ...(instance === undefined ? {} : { instance }),
      })),
    );
    // The warm-up's server CPU is taken off the run's, as its deliveries are not counted; so is
    // collecting the garbage it left.
    let warmUpCpuMs = 0;
    if (spec.warmUpMs > 0) {
      report('warming up', 0, workers.progress);
      const warmStart = await server.usage();
      await workers.warmUp({ roomSize: spec.clients, durationMs: spec.warmUpMs, timeoutMs: WARM_UP_TIMEOUT_MS });
      warmUpCpuMs = (await server.usage(true)).cpuMs - warmStart.cpuMs;
    }

    const goAt = Date.now() + GO_LEAD_MS;
    const sendUntil = goAt + spec.durationMs;
    workers.go(goAt, sendUntil);
    relay?.measure();
    const sampler = new UsageSampler(server, goAt, before.cpuMs + warmUpCpuMs);
    while (Date.now() < sendUntil) {
      await sleep(Math.min(TICK_MS, sendUntil - Date.now()));
      report('sending', Math.max(0, Date.now() - goAt), workers.progress);
    }
    const drainUntil = Date.now() + DRAIN_TIMEOUT_MS;
    // Workers report every 250 ms: wait for a report made after sending stopped.
    await sleep(TICK_MS + 50);
    while (!tailArrived(workers.progress, spec.clients) && Date.now() < drainUntil) {
      report('draining', Date.now() - goAt, workers.progress);
      await sleep(TICK_MS);
    }
    const network = relay?.measured();
    await sampler.stop();
    const after = await server.usage();

    report('stopping', Date.now() - goAt, workers.progress);
    const reports = await workers.finish();
    return computeFigures({
      transport: spec.transport,
      clients: spec.clients,
      instances: spec.redis?.instances ?? 1,
      durationMs: spec.durationMs,
      reports,
      ...(network === undefined ? {} : { network }),
      server: {
        cpuMs: after.cpuMs - before.cpuMs - warmUpCpuMs,
        rssBytes: after.rssBytes,
        peakRssBytes: after.peakRssBytes,
        cpuMsPerSecond: sampler.cpuMsPerSecond,
        rssBytesPerSecond: sampler.rssBytesPerSecond,
      },
    });
  } finally {
    await Promise.all([server?.stop(), workers.stop(), relay?.close()]);
  }
}
