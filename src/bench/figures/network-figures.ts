import type { BenchTransport } from '../running/kinds.js';
import { modelLatencyMs } from './latency-model.js';
import type { RunFigures } from './run-figures.js';

/** What a network bench ran, as its comparison needs it. */
export interface NetworkPlan {
  readonly tiers: readonly number[];
  readonly transports: readonly BenchTransport[];
  /** Ascending: growth is read from the first. */
  readonly rttsMs: readonly number[];
  readonly intervalMs: number;
  readonly sendEveryMs: number;
}

/** The lowest and highest of a figure over the repetitions of one run. */
export interface Spread {
  readonly low: number;
  readonly high: number;
}

/** One transport at one tier and one round trip: measured beside the model. */
export interface NetworkComparison {
  readonly transport: BenchTransport;
  readonly clients: number;
  readonly rttMs: number;
  /** The run (or the medians of its repetitions); undefined when every repetition failed. */
  readonly row: RunFigures | undefined;
  /** Repetitions that finished. */
  readonly reps: number;
  /** Average latency over the repetitions, lowest to highest; null without a delivery. */
  readonly avgSpread: Spread | null;
  /** Each repetition's own p99, lowest to highest (the row's p99 pools every sample). */
  readonly p99Spread: Spread | null;
  /** What the model says the average latency is (see latency-model.ts), ms. */
  readonly modelMs: number;
  /** Average latency here less at the first round trip of the same tier and transport, ms. */
  readonly grewMs: number | null;
  /** The model's growth over the same round trips, ms. */
  readonly modelGrewMs: number;
  /** HTTP requests (polls, sends, presence, stream opens, upgrades) per delivery. */
  readonly requestsPerDelivery: number | null;
  /** Client bytes on the wire, both ways, per delivery. */
  readonly bytesPerDelivery: number | null;
}

function spread(values: readonly (number | null)[]): Spread | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length === 0 ? null : { low: Math.min(...known), high: Math.max(...known) };
}

/**
 * Every transport, tier and round trip of `plan`, in report order (transport, tier, round trip),
 * measured against the model: `rows` holds one (combined) row per cell, `repetitions` every
 * repetition that finished, for the spreads.
 */
export function compareRtts(plan: NetworkPlan, rows: readonly RunFigures[], repetitions: readonly RunFigures[] = rows): NetworkComparison[] {
  const at = (transport: BenchTransport, clients: number, rttMs: number) => (r: RunFigures) => r.transport === transport && r.clients === clients && r.network?.rttMs === rttMs;
  const comparisons: NetworkComparison[] = [];
  for (const transport of plan.transports) {
    for (const clients of plan.tiers) {
      const model = (rttMs: number): number => modelLatencyMs({ transport, rttMs, intervalMs: plan.intervalMs, messagesPerSecond: (clients * 1000) / plan.sendEveryMs });
      const firstRtt = plan.rttsMs[0] ?? 0;
      const first = rows.find(at(transport, clients, firstRtt))?.latencyAvgMs ?? null;
      for (const rttMs of plan.rttsMs) {
        const row = rows.find(at(transport, clients, rttMs));
        const reps = repetitions.filter(at(transport, clients, rttMs));
        const avg = row?.latencyAvgMs ?? null;
        const deliveries = row === undefined || row.deliveries === 0 ? null : row.deliveries;
        comparisons.push({
          transport,
          clients,
          rttMs,
          row,
          reps: reps.length,
          avgSpread: spread(reps.map((r) => r.latencyAvgMs)),
          p99Spread: spread(reps.map((r) => r.latencyP99Ms)),
          modelMs: model(rttMs),
          grewMs: avg === null || first === null ? null : avg - first,
          modelGrewMs: model(rttMs) - model(firstRtt),
          requestsPerDelivery: row === undefined || deliveries === null ? null : row.requests / deliveries,
          bytesPerDelivery: row?.bytesPerDelivery ?? null,
        });
      }
    }
  }
  return comparisons;
}

/** The busiest the relay was over a bench's runs: its CPU and its event loop's lag, each at its worst and where. */
export interface RelayLoad {
  readonly cpuPercent: number;
  readonly cpuAt: RunFigures;
  readonly lagP99Ms: number;
  readonly lagAt: RunFigures;
}

/** The relay's worst CPU and lag over `rows`; undefined when no run went through a relay. */
export function relayLoad(rows: readonly RunFigures[]): RelayLoad | undefined {
  const relayed = rows.filter((r) => r.network !== null);
  if (relayed.length === 0) return undefined;
  const cpuAt = relayed.reduce((a, b) => (b.network!.relayCpuPercent > a.network!.relayCpuPercent ? b : a));
  const lagAt = relayed.reduce((a, b) => (b.network!.relayLagP99Ms > a.network!.relayLagP99Ms ? b : a));
  return { cpuPercent: cpuAt.network!.relayCpuPercent, cpuAt, lagP99Ms: lagAt.network!.relayLagP99Ms, lagAt };
}
