import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { combineReps } from '../figures/aggregate.js';
import type { RunFigures } from '../figures/run-figures.js';
import * as f from '../report/format.js';
import { formatProgress } from '../report/progress-line.js';
import type { ProgressView } from '../report/progress-view.js';
import { TRANSPORT_SHORT, type BenchTransport } from './kinds.js';
import type { BenchOptions } from './options.js';
import { runNetwork, type RunNetwork } from './network.js';
import { defaultWorkers, estimateMs, planRuns, RUN_OVERHEAD_MS, type RunSetup } from './plan.js';
import { runTier } from './run-tier.js';

/** One run as it happened. */
export interface RunRecord extends RunSetup {
  readonly rep: number;
  readonly clients: number;
  readonly transport: BenchTransport;
  readonly wallMs: number;
  readonly figures?: RunFigures;
  readonly error?: string;
}

/** Everything a tiers bench produced. */
export interface TiersResult {
  readonly runs: readonly RunRecord[];
  /** One row per tier, transport and setup (--redis: instance count; --rtt: round trip): the run itself, or the medians of its repetitions. */
  readonly combined: readonly RunFigures[];
  readonly wallMs: number;
}

/** The setups a mode compares: one instance against two (--redis), each round trip (--rtt), or just the one. */
function setupsOf(options: BenchOptions): RunSetup[] {
  if (options.mode === 'redis') return [{ instances: 1 }, { instances: 2 }];
  if (options.network !== undefined) return options.network.rttsMs.map((rttMs) => ({ rttMs }));
  return [{}];
}

/**
 * Runs every tier × transport × repetition in the planned order, telling `view` how it goes. A
 * --redis bench runs each twice, on one and on two instances of the Redis at `redisUrl`.
 */
export async function runTiers(options: BenchOptions, view?: ProgressView, redisUrl?: string): Promise<TiersResult> {
  if (options.mode === 'redis' && redisUrl === undefined) throw new Error('a --redis bench needs the URL of its Redis');
  const plan = planRuns(options.tiers, options.transports, options.reps, setupsOf(options));
  // Runs on one Redis share its history: each gets a room no earlier run or bench used.
  const roomTag = randomBytes(4).toString('hex');
  const started = Date.now();
  const runs: RunRecord[] = [];
  for (const [i, planned] of plan.entries()) {
    const runStarted = Date.now();
    // What is left: this run's rest plus the others at the pace seen so far.
    const perRun = runs.length === 0 ? options.durationMs + RUN_OVERHEAD_MS : (runStarted - started) / runs.length;
    const spec = {
      transport: planned.transport,
      clients: planned.clients,
      durationMs: options.durationMs,
      sendEveryMs: options.sendEveryMs,
      intervalMs: options.intervalMs,
      workers: options.workers ?? defaultWorkers(planned.clients, availableParallelism()),
      warmUpMs: options.warmUpMs,
      ...(planned.instances === undefined || redisUrl === undefined ? {} : { room: `bench-${roomTag}-${i + 1}`, redis: { url: redisUrl, instances: planned.instances } }),
      ...networkOf(options, planned),
    };
    const where = f.setupLabel(planned);
    const label = `[${i + 1}/${plan.length}] ${planned.clients} clients · ${TRANSPORT_SHORT[planned.transport]}${where}`;
    try {
      const figures = await runTier(spec, {
        onProgress: (p) =>
          view?.update(
            formatProgress({
              run: i + 1,
              runs: plan.length,
              rep: planned.rep,
              reps: options.reps,
              clients: planned.clients,
              transport: planned.transport,
              setup: planned,
              phase: p.phase,
              elapsedMs: p.elapsedMs,
              durationMs: options.durationMs,
              deliveries: p.deliveries,
              leftMs: Math.max(0, perRun * (plan.length - i) - (Date.now() - runStarted)),
            }),
          ),
      });
      runs.push({ ...planned, wallMs: Date.now() - runStarted, figures });
      const ok = figures.missing === 0 && figures.duplicates === 0 && figures.unacked === 0;
      view?.log(
        `${ok ? '✓' : '✗'} ${label} · ${f.count(figures.deliveries)} deliveries · avg ${f.ms(figures.latencyAvgMs)} · ${f.count(figures.connections)} connections · ${f.count(figures.missing)} missing · ${f.count(figures.duplicates)} dup`,
      );
    } catch (error) {
      const message = (error as Error).message;
      runs.push({ ...planned, wallMs: Date.now() - runStarted, error: message });
      view?.log(`✗ ${label} failed: ${message}`);
    }
  }
  view?.done();
  return { runs, combined: combine(options, runs), wallMs: Date.now() - started };
}

/** The expected wall time of a tiers bench, stated before it starts. */
export function estimateTiersMs(options: BenchOptions): number {
  return estimateMs(options.tiers.length * options.transports.length * setupsOf(options).length * options.reps, options.durationMs);
}

/** The network of a planned run, if its bench has one. */
function networkOf(options: BenchOptions, planned: RunSetup): { network?: RunNetwork } {
  return options.network === undefined || planned.rttMs === undefined ? {} : { network: runNetwork(options.network, planned.rttMs) };
}

function combine(options: BenchOptions, runs: readonly RunRecord[]): RunFigures[] {
  const rows: RunFigures[] = [];
  for (const clients of options.tiers) {
    for (const transport of options.transports) {
      for (const setup of setupsOf(options)) {
        const done = runs
          .filter((r) => r.clients === clients && r.transport === transport && r.instances === setup.instances && r.rttMs === setup.rttMs && r.figures !== undefined)
          .map((r) => r.figures!);
        if (done.length > 0) rows.push(combineReps(done));
      }
    }
  }
  return rows;
}
