import type { RunFigures } from '../figures/run-figures.js';
import { fillGaps } from '../figures/series.js';
import type { BenchTransport } from '../running/kinds.js';

/** The study's three panels. */
export const PANELS = [
  { key: 'connections', title: 'Total connections' },
  { key: 'connPerSec', title: 'Conn/s' },
  { key: 'avgLatencyMs', title: 'Avg latency (ms)' },
] as const;
export type PanelKey = (typeof PANELS)[number]['key'];

/** One point of a chart: a transport's value in one second of a run. */
export interface ChartPoint {
  readonly transport: BenchTransport;
  readonly second: number;
  readonly connections: number;
  readonly connPerSec: number;
  /** null in a second without deliveries. */
  readonly avgLatencyMs: number | null;
}

/**
 * A tier's per-second points, every transport, seconds counted from 1, over the `seconds` of
 * sending (the study's window; the tail drained after it is in the JSON, not in the charts).
 */
export function tierPoints(rows: readonly RunFigures[], seconds: number): ChartPoint[] {
  return rows.flatMap((r) =>
    r.series.connections.slice(0, seconds).map((connections, i) => ({
      transport: r.transport,
      second: i + 1,
      connections,
      connPerSec: r.series.connPerSec[i] ?? 0,
      avgLatencyMs: r.series.avgLatencyMs[i] ?? null,
    })),
  );
}

/**
 * One panel's line per transport, exactly `seconds` points long: a second without a value takes
 * the one before it (a running total, a latency) or 0 (a rate), since a terminal chart cannot
 * skip a point.
 */
export function panelLines(rows: readonly RunFigures[], key: PanelKey, seconds: number): { readonly transport: BenchTransport; readonly values: number[] }[] {
  return rows.map((r) => {
    const source: readonly (number | null)[] = r.series[key];
    const padded = Array.from({ length: seconds }, (_, i) => source[i] ?? null);
    return { transport: r.transport, values: key === 'connPerSec' ? padded.map((v) => v ?? 0) : fillGaps(padded) };
  });
}

/** Whole seconds of sending in a run: how far its charts go. */
export function chartSeconds(durationS: number): number {
  return Math.max(1, Math.ceil(durationS));
}

/** `values` widened to `width` points by repeating each, so a 10-second run is not 10 columns wide. */
export function stretch(values: readonly number[], width: number): number[] {
  if (values.length === 0 || width <= values.length) return [...values];
  return Array.from({ length: width }, (_, i) => values[Math.floor((i * values.length) / width)]!);
}
