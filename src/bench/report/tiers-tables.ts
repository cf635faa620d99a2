import type { RunFigures } from '../figures/run-figures.js';
import { polls, TRANSPORT_SHORT, TRANSPORT_TITLES, type BenchTransport } from '../running/kinds.js';
import type { RunRecord } from '../running/run-tiers.js';
import * as f from './format.js';
import { cellsOf, centre, LATENCY_COLUMNS, renderTable, type RecordColumn } from './table.js';

/** The figures of a bench, one (combined) row per tier and transport, and the order to show them in. */
export interface ReportInput {
  readonly tiers: readonly number[];
  readonly transports: readonly BenchTransport[];
  readonly rows: readonly RunFigures[];
}

const find = (input: ReportInput, clients: number, transport: BenchTransport): RunFigures | undefined =>
  input.rows.find((r) => r.clients === clients && r.transport === transport);

const FAILED = 'failed';

const STUDY_COLUMNS: readonly RecordColumn<RunFigures>[] = [
  { header: 'Clients', align: 'left', cell: (r) => String(r.clients) },
  { header: 'Connections', cell: (r) => f.count(r.connections) },
  { header: 'Conn/s', cell: (r) => f.rate(r.connPerSec) },
  { header: 'Wasted%', cell: (r) => (polls(r.transport) ? f.percent(r.wastedPercent) : f.percent(0)) },
  { header: 'Avg Latency', cell: (r) => f.ms(r.latencyAvgMs) },
];

/** The study's table, once per transport: Clients, Connections, Conn/s, Wasted%, Avg latency. */
export function studyTables(input: ReportInput): string {
  return input.transports
    .map((transport) => {
      const rows = input.tiers.map((clients) => {
        const r = find(input, clients, transport);
        return r === undefined ? [String(clients), FAILED] : cellsOf(STUDY_COLUMNS, r);
      });
      return `${TRANSPORT_TITLES[transport]}\n${renderTable(STUDY_COLUMNS, rows, '  ')}`;
    })
    .join('\n\n');
}

const SIDE_ROWS: readonly { readonly label: string; readonly cell: (r: RunFigures) => string }[] = [
  { label: 'Connections', cell: (r) => f.count(r.connections) },
  { label: 'Conn/s', cell: (r) => f.rate(r.connPerSec) },
  { label: 'Wasted%', cell: (r) => (polls(r.transport) ? f.percent(r.wastedPercent) : '0%') },
  { label: 'Avg Latency', cell: (r) => f.msShort(r.latencyAvgMs) },
  { label: 'p99 Latency', cell: (r) => f.msShort(r.latencyP99Ms) },
];

/** The study's side-by-side table, three transports to a block so it fits a terminal. */
export function sideBySide(input: ReportInput, perBlock = 3): string {
  const blocks: string[] = [];
  for (let i = 0; i < input.transports.length; i += perBlock) blocks.push(sideBlock(input, input.transports.slice(i, i + perBlock)));
  return blocks.join('\n\n');
}

function sideBlock(input: ReportInput, transports: readonly BenchTransport[]): string {
  const labelWidth = Math.max(...SIDE_ROWS.map((row) => row.label.length));
  const cells = transports.map((transport) =>
    SIDE_ROWS.map((row) => input.tiers.map((clients) => {
      const r = find(input, clients, transport);
      return r === undefined ? FAILED : row.cell(r);
    })),
  );
  const cellWidth = Math.max(5, ...cells.flat(2).map((c) => c.length), ...input.tiers.map((t) => String(t).length));
  const groupWidth = input.tiers.length * (cellWidth + 1) - 1;
  const gap = '    ';
  const pad = ' '.repeat(labelWidth);
  const titles = transports.map((t) => centre(TRANSPORT_SHORT[t].toUpperCase(), groupWidth)).join(gap);
  const tiers = transports.map(() => input.tiers.map((t) => String(t).padStart(cellWidth)).join(' ')).join(gap);
  const body = SIDE_ROWS.map((row, r) => `${row.label.padEnd(labelWidth)} ${transports.map((_, g) => cells[g]![r]!.map((c) => c.padStart(cellWidth)).join(' ')).join(gap)}`);
  return [`${pad} ${titles}`.trimEnd(), `${pad} ${tiers}`, ...body].join('\n');
}

const DETAIL_COLUMNS: readonly RecordColumn<RunFigures>[] = [
  { header: 'Transport', align: 'left', cell: (r) => TRANSPORT_SHORT[r.transport] },
  ...LATENCY_COLUMNS,
  { header: 'Deliveries', cell: (r) => f.count(r.deliveries) },
  { header: 'Missing', cell: (r) => f.count(r.missing) },
  { header: 'Dup', cell: (r) => f.count(r.duplicates) },
  { header: 'CPU ms/1k', cell: (r) => f.decimal(r.cpuMsPer1000Deliveries) },
  { header: 'Server RSS', cell: (r) => f.bytes(r.serverRssBytes) },
  { header: 'Wire/delivery', cell: (r) => f.bytes(r.bytesPerDelivery) },
];

/** Per tier, everything beyond the study: latency percentiles, completeness, server cost, bytes on the wire. */
export function detailTables(input: ReportInput): string {
  return input.tiers
    .map((clients) => {
      const rows = input.transports.map((transport) => {
        const r = find(input, clients, transport);
        return r === undefined ? [TRANSPORT_SHORT[transport], FAILED] : cellsOf(DETAIL_COLUMNS, r);
      });
      return `${clients} clients\n${renderTable(DETAIL_COLUMNS, rows, '  ')}`;
    })
    .join('\n\n');
}

/** termchat's WebSocket path against the bare baseline, as ratios (termchat ÷ baseline), per tier. */
export function overheadLines(input: ReportInput): string | undefined {
  const lines: string[] = [];
  for (const clients of input.tiers) {
    const ws = find(input, clients, 'ws');
    const base = find(input, clients, 'baseline');
    if (ws === undefined || base === undefined) continue;
    const div = (a: number | null, b: number | null): number | null => (a === null || b === null || b === 0 ? null : a / b);
    lines.push(
      `  ${String(clients).padStart(5)} clients: CPU/1k deliveries ${f.ratio(div(ws.cpuMsPer1000Deliveries, base.cpuMsPer1000Deliveries))}` +
        `   RSS ${f.ratio(div(ws.serverRssBytes, base.serverRssBytes))}` +
        `   avg latency ${f.ratio(div(ws.latencyAvgMs, base.latencyAvgMs))}` +
        `   p99 ${f.ratio(div(ws.latencyP99Ms, base.latencyP99Ms))}` +
        `   wire ${f.ratio(div(ws.bytesPerDelivery, base.bytesPerDelivery))}`,
    );
  }
  return lines.length === 0 ? undefined : `termchat ws ÷ baseline\n${lines.join('\n')}`;
}

/**
 * One line when every run was complete; else which runs lost or repeated what. It reads every
 * repetition, not the medians, so the deliveries it counts are those it checked.
 */
export function completenessVerdict(runs: readonly RunRecord[]): string {
  const measured = runs.filter((r): r is RunRecord & { figures: RunFigures } => r.figures !== undefined);
  const bad = measured.filter((r) => r.figures.missing > 0 || r.figures.duplicates > 0 || r.figures.unacked > 0);
  const deliveries = measured.reduce((sum, r) => sum + r.figures.deliveries, 0);
  const over = measured.length > 1 ? ` over ${measured.length} runs` : '';
  if (bad.length === 0) {
    return `Completeness: every message reached every client connected when it was sent — ${f.count(deliveries)} deliveries${over}, 0 missing, 0 duplicates.`;
  }
  const repeated = runs.some((r) => r.rep > 0);
  const lines = bad.map(({ rep, figures: r }) => {
    const sample = r.missingSamples.slice(0, 3).map((s) => `#${s.id}→${s.receiver}`).join(', ');
    const on = r.crossInstance !== null ? ` on ${f.instancesLabel(r.instances)}` : r.network !== null ? ` at RTT ${r.network.rttMs} ms` : '';
    const which = repeated ? ` (repetition ${rep + 1})` : '';
    return `  ${TRANSPORT_SHORT[r.transport]} at ${r.clients} clients${on}${which}: ${f.count(r.missing)} missing, ${f.count(r.duplicates)} duplicates, ${f.count(r.unacked)} unacknowledged${sample === '' ? '' : ` (e.g. ${sample})`}`;
  });
  return `Completeness FAILED in ${bad.length} of ${measured.length} run(s):\n${lines.join('\n')}`;
}
