import type { TopLevelSpec } from 'vega-lite';
import { BENCH_TRANSPORTS, type BenchTransport } from '../running/kinds.js';
import { PANELS, type ChartPoint } from './chart-data.js';

/** The font the SVG asks for and the PNG renderer is given: one that every Debian box has. */
export const CHART_FONT = 'DejaVu Sans';

/** What both figures are: a titled spec of `points`, in CHART_FONT on white, its panels stacked. */
function figure(title: string, fontSize: number, points: readonly object[]) {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: title, fontSize },
    data: { values: points.map((p) => ({ ...p })) },
    config: { font: CHART_FONT, background: 'white' },
  } as const;
}

/** Every panel of either figure: a line through its points, as wide as a page. */
const PANEL = { width: 640, height: 170, mark: { type: 'line', point: true } } as const;

/**
 * The study's figure for one tier as a Vega-Lite spec: three panels (total connections, conn/s,
 * avg latency), one line per transport, per second over the run. Latency is drawn on a symlog
 * scale so that polling's and WebSocket's, many times apart, can both be read.
 */
export function tierChartSpec(clients: number, points: readonly ChartPoint[]): TopLevelSpec {
  return {
    ...figure(`termchat bench — ${clients} clients`, 16, points),
    vconcat: PANELS.map(({ key, title }) => ({
      title,
      ...PANEL,
      encoding: {
        x: { field: 'second', type: 'quantitative', title: 'second of the run', axis: { tickMinStep: 1 } },
        y: {
          field: key,
          type: 'quantitative',
          title: key === 'avgLatencyMs' ? 'ms (symlog scale)' : title,
          ...(key === 'avgLatencyMs' ? { scale: { type: 'symlog' } } : {}),
        },
        color: { field: 'transport', type: 'nominal', sort: [...BENCH_TRANSPORTS], title: 'transport' },
      },
    })),
  };
}

/** One point of the scale chart: a server at a room size. */
export interface ScalePoint {
  readonly server: string;
  readonly clients: number;
  readonly p99Ms: number | null;
  readonly cpuPercent: number | null;
  readonly rssPerConnectionKb: number | null;
}

/** p99 latency, server CPU and RSS per connection against room size, termchat beside the baseline. */
export function scaleChartSpec(points: readonly ScalePoint[], maxP99Ms: number): TopLevelSpec {
  const panels = [
    { field: 'p99Ms', title: 'p99 latency (ms, symlog scale)' },
    { field: 'cpuPercent', title: 'server CPU (% of one core)' },
    { field: 'rssPerConnectionKb', title: 'server RSS per connection (KB)' },
  ] as const;
  return {
    ...figure(`termchat bench --scale (a room holds while p99 ≤ ${maxP99Ms} ms and nothing is missing)`, 14, points),
    vconcat: panels.map(({ field, title }) => ({
      title,
      ...PANEL,
      encoding: {
        x: { field: 'clients', type: 'quantitative', title: 'clients in the room' },
        // p99 grows many times over once a room breaks: a symlog scale keeps both ends readable.
        y: { field, type: 'quantitative', title, ...(field === 'p99Ms' ? { scale: { type: 'symlog' } } : {}) },
        color: { field: 'server', type: 'nominal', title: 'server' },
      },
    })),
  };
}

/** One point of a network chart: a transport at a round trip, measured or as the model has it. */
export interface RttPoint {
  readonly transport: BenchTransport;
  readonly rttMs: number;
  readonly series: 'measured' | 'model';
  readonly avgMs: number | null;
  /** Measured only (null in the model's points), like the two below. */
  readonly p99Ms: number | null;
  readonly requestsPerDelivery: number | null;
  readonly bytesPerDelivery: number | null;
}

/**
 * A network bench's figure for one tier: against the round trip, average latency measured (solid)
 * beside the model (dashed), p99, and the requests and bytes each delivery cost; one line per
 * transport. Latency is on a linear scale: what the figure shows is how it grows with the round trip.
 */
export function rttChartSpec(clients: number, points: readonly RttPoint[]): TopLevelSpec {
  const panels = [
    { field: 'avgMs', title: 'Avg latency: measured (solid) and model (dashed)', unit: 'ms', measuredOnly: false },
    { field: 'p99Ms', title: 'p99 latency', unit: 'ms', measuredOnly: true },
    { field: 'requestsPerDelivery', title: 'HTTP requests per delivery', unit: 'requests', measuredOnly: true },
    { field: 'bytesPerDelivery', title: 'Bytes on the wire per delivery', unit: 'bytes', measuredOnly: true },
  ] as const;
  return {
    ...figure(`termchat bench through a relay — ${clients} clients`, 16, points),
    vconcat: panels.map(({ field, title, unit, measuredOnly }) => ({
      title,
      ...PANEL,
      ...(measuredOnly ? { transform: [{ filter: "datum.series === 'measured'" }] } : {}),
      encoding: {
        x: { field: 'rttMs', type: 'quantitative', title: 'round trip added (ms)' },
        y: { field, type: 'quantitative', title: unit },
        color: { field: 'transport', type: 'nominal', sort: [...BENCH_TRANSPORTS], title: 'transport' },
        strokeDash: { field: 'series', type: 'nominal', sort: ['measured', 'model'], title: '', legend: { symbolType: 'stroke', symbolStrokeWidth: 2, encode: { symbols: { update: { stroke: { value: 'black' } } } } } },
      },
    })),
  };
}
