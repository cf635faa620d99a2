import type { BenchTransport } from '../running/kinds.js';
import type { RunFigures } from './run-figures.js';

/** Latency differences, ms; null where either side has no figure. */
export interface LatencyDelta {
  readonly avgMs: number | null;
  readonly p50Ms: number | null;
  readonly p99Ms: number | null;
}

/** One tier and transport of a --redis bench: the same load on one instance and on two. */
export interface RedisComparison {
  readonly clients: number;
  readonly transport: BenchTransport;
  readonly one: RunFigures | undefined;
  readonly two: RunFigures | undefined;
  /**
   * What crossing instances adds: the two-instance run's cross-instance deliveries against every
   * delivery of the one-instance run (both on the same Redis, so only the hop between servers differs).
   */
  readonly added: LatencyDelta | undefined;
  /** The two-instance run as a whole against the one-instance run (about half its deliveries cross). */
  readonly overall: LatencyDelta | undefined;
}

const minus = (a: number | null | undefined, b: number | null | undefined): number | null => (a === null || a === undefined || b === null || b === undefined ? null : a - b);

/** Pairs the one- and two-instance rows of every tier and transport, in report order. */
export function compareInstances(tiers: readonly number[], transports: readonly BenchTransport[], rows: readonly RunFigures[]): RedisComparison[] {
  const find = (clients: number, transport: BenchTransport, instances: number): RunFigures | undefined =>
    rows.find((r) => r.clients === clients && r.transport === transport && r.instances === instances);
  const comparisons: RedisComparison[] = [];
  for (const transport of transports) {
    for (const clients of tiers) {
      const one = find(clients, transport, 1);
      const two = find(clients, transport, 2);
      const both = one !== undefined && two !== undefined;
      const cross = two?.crossInstance;
      comparisons.push({
        clients,
        transport,
        one,
        two,
        added: both && cross !== null && cross !== undefined ? { avgMs: minus(cross.avgMs, one.latencyAvgMs), p50Ms: minus(cross.p50Ms, one.latencyP50Ms), p99Ms: minus(cross.p99Ms, one.latencyP99Ms) } : undefined,
        overall: both ? { avgMs: minus(two.latencyAvgMs, one.latencyAvgMs), p50Ms: minus(two.latencyP50Ms, one.latencyP50Ms), p99Ms: minus(two.latencyP99Ms, one.latencyP99Ms) } : undefined,
      });
    }
  }
  return comparisons;
}
