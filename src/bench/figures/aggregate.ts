import { LatencyHistogram } from './histogram.js';
import { latencyFigures, type RunFigures, type RunSeries } from './run-figures.js';

/** The median of `values`, ignoring nulls; null when none are left. */
export function median(values: readonly (number | null)[]): number | null {
  const sorted = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

type NumberKey = { [K in keyof RunFigures]: RunFigures[K] extends number ? K : never }[keyof RunFigures];
type NullableKey = { [K in keyof RunFigures]: RunFigures[K] extends number | null ? (RunFigures[K] extends number ? never : K) : never }[keyof RunFigures];
type SeriesKey = keyof RunSeries;

/** Counts that must be zero in every repetition: they are summed, so one bad repetition shows. */
const SUMMED = new Set<NumberKey>(['missing', 'duplicates', 'edgeDuplicates', 'unacked', 'failedSends', 'reconnects']);

/**
 * One row for several repetitions of the same run: the median of every figure and, second by
 * second, of every series; the completeness counts summed; latency percentiles of all samples pooled.
 */
export function combineReps(runs: readonly RunFigures[]): RunFigures {
  const first = runs[0];
  if (first === undefined) throw new Error('combineReps needs at least one run');
  if (runs.length === 1) return first;
  const num = (key: NumberKey): number => (SUMMED.has(key) ? runs.reduce((sum, r) => sum + r[key], 0) : median(runs.map((r) => r[key]))!);
  const nullable = (key: NullableKey): number | null => median(runs.map((r) => r[key]));
  const pooled = new LatencyHistogram();
  for (const run of runs) pooled.merge(run.latencyHistogram);
  const crossPooled = new LatencyHistogram();
  for (const run of runs) if (run.crossInstance !== null) crossPooled.merge(run.crossInstance.histogram);
  const series = (key: SeriesKey): (number | null)[] => {
    const length = Math.max(...runs.map((r) => r.series[key].length));
    return Array.from({ length }, (_, i) => median(runs.map((r) => r.series[key][i] ?? null)));
  };
  const filled = (key: SeriesKey): number[] => series(key).map((v) => v ?? 0);
  return {
    ...first,
    connections: num('connections'),
    connPerSec: num('connPerSec'),
    requests: num('requests'),
    polls: nullable('polls'),
    emptyPolls: nullable('emptyPolls'),
    wastedPercent: nullable('wastedPercent'),
    messages: num('messages'),
    deliveries: num('deliveries'),
    expectedDeliveries: num('expectedDeliveries'),
    missing: num('missing'),
    duplicates: num('duplicates'),
    edgeDuplicates: num('edgeDuplicates'),
    sent: num('sent'),
    unacked: num('unacked'),
    failedSends: num('failedSends'),
    reconnects: num('reconnects'),
    latencyAvgMs: nullable('latencyAvgMs'),
    latencyP50Ms: pooled.percentile(0.5) ?? null,
    latencyP99Ms: pooled.percentile(0.99) ?? null,
    latencyMaxMs: pooled.max() ?? null,
    // As for every delivery: count and mean are medians, percentiles come from all samples pooled.
    crossInstance:
      first.crossInstance === null
        ? null
        : {
            ...latencyFigures(crossPooled),
            count: median(runs.map((r) => r.crossInstance?.count ?? null)) ?? 0,
            avgMs: median(runs.map((r) => r.crossInstance?.avgMs ?? null)),
          },
    network:
      first.network === null
        ? null
        : {
            ...first.network,
            relayedConnections: median(runs.map((r) => r.network?.relayedConnections ?? null)) ?? 0,
            relayCpuPercent: median(runs.map((r) => r.network?.relayCpuPercent ?? null)) ?? 0,
            relayLagP99Ms: median(runs.map((r) => r.network?.relayLagP99Ms ?? null)) ?? 0,
          },
    serverCpuMs: num('serverCpuMs'),
    cpuMsPer1000Deliveries: nullable('cpuMsPer1000Deliveries'),
    serverRssBytes: num('serverRssBytes'),
    serverPeakRssBytes: num('serverPeakRssBytes'),
    bytesSent: num('bytesSent'),
    bytesReceived: num('bytesReceived'),
    bytesPerDelivery: nullable('bytesPerDelivery'),
    missingSamples: runs.flatMap((r) => r.missingSamples).slice(0, 10),
    latencyHistogram: pooled.toJSON(),
    series: {
      connections: filled('connections'),
      connPerSec: filled('connPerSec'),
      requestsPerSec: filled('requestsPerSec'),
      deliveries: filled('deliveries'),
      avgLatencyMs: series('avgLatencyMs'),
      maxLatencyMs: filled('maxLatencyMs'),
      wastedPercent: series('wastedPercent'),
      bytesPerSec: filled('bytesPerSec'),
      serverCpuMs: filled('serverCpuMs'),
      serverRssBytes: filled('serverRssBytes'),
    },
  };
}
