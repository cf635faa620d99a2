import asciichart from 'asciichart';
import type { RunFigures } from '../figures/run-figures.js';
import { BENCH_TRANSPORTS, TRANSPORT_SHORT, type BenchTransport } from '../running/kinds.js';
import { chartSeconds, panelLines, PANELS, stretch } from './chart-data.js';

const COLOURS: Readonly<Record<BenchTransport, string>> = {
  poll: asciichart.red,
  'poll-keepalive': asciichart.yellow,
  longpoll: asciichart.magenta,
  sse: asciichart.cyan,
  ws: asciichart.green,
  baseline: asciichart.blue,
};

export interface TerminalChartOptions {
  readonly colour: boolean;
  /** Plot width in columns (the axis labels come on top). */
  readonly width?: number;
  readonly height?: number;
}

/** A tier's three panels (total connections, conn/s, avg latency per second), one line per transport. */
export function tierTerminalCharts(clients: number, rows: readonly RunFigures[], options: TerminalChartOptions): string {
  const ordered = [...rows].sort((a, b) => BENCH_TRANSPORTS.indexOf(a.transport) - BENCH_TRANSPORTS.indexOf(b.transport));
  const seconds = chartSeconds(Math.max(0, ...ordered.map((r) => r.durationS)));
  const legend = ordered.map((r) => paint(`━━ ${TRANSPORT_SHORT[r.transport]}`, r.transport, options.colour)).join('  ');
  const panels = PANELS.map(({ key, title }) => {
    const lines = panelLines(ordered, key, seconds);
    const chart = plot(
      lines.map((l) => l.values),
      lines.map((l) => l.transport),
      options,
    );
    return `  ${title}, per second over the ${seconds} s of sending\n${chart}`;
  });
  // Without colour the lines cannot be told apart; the tables and --charts files have the numbers.
  const note = options.colour ? [] : ['  (no colour here: the lines look alike; see the tables, or --charts DIR)'];
  return [`${clients} clients   ${legend}`, ...note, ...panels].join('\n\n');
}

function plot(series: readonly number[][], transports: readonly BenchTransport[], options: TerminalChartOptions): string {
  const width = options.width ?? 60;
  const stretched = series.map((values) => stretch(values, width));
  if (stretched.every((values) => values.length === 0)) return '    (no data)';
  const max = Math.max(...stretched.flat());
  const decimals = max < 10 ? 2 : max < 100 ? 1 : 0;
  const chart = asciichart.plot(stretched, {
    height: options.height ?? 8,
    colors: transports.map((t) => (options.colour ? COLOURS[t] : undefined)),
    format: (x: number) => x.toFixed(decimals).padStart(10),
    min: 0,
  });
  return chart;
}

function paint(text: string, transport: BenchTransport, colour: boolean): string {
  return colour ? `${COLOURS[transport]}${text}${asciichart.reset}` : text;
}
