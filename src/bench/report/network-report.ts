import { MODEL_WORDS } from '../figures/latency-model.js';
import { compareRtts, relayLoad, type NetworkComparison, type NetworkPlan, type RelayLoad, type Spread } from '../figures/network-figures.js';
import type { RunFigures } from '../figures/run-figures.js';
import { TRANSPORT_SHORT, TRANSPORT_TITLES } from '../running/kinds.js';
import { shapingLabel } from '../running/network.js';
import type { BenchOptions } from '../running/options.js';
import type { TiersResult } from '../running/run-tiers.js';
import { writeChart } from './chart-files.js';
import { rttChartSpec, type RttPoint } from './chart-spec.js';
import * as f from './format.js';
import { recordTable, renderTable, type RecordColumn } from './table.js';
import { completenessVerdict } from './tiers-tables.js';

/** Above this CPU, in % of one core, the relay may have been slow to pass bytes on. */
export const RELAY_BUSY_CPU_PERCENT = 70;
/** Above this event-loop lag at p99, ms, held bytes left the relay noticeably late. */
export const RELAY_BUSY_LAG_MS = 5;

/** What a network bench compared: its plan, read from the options. */
export function networkPlan(options: BenchOptions): NetworkPlan {
  if (options.network === undefined) throw new Error('a network report needs a bench with a network');
  return { tiers: options.tiers, transports: options.transports, rttsMs: options.network.rttsMs, intervalMs: options.intervalMs, sendEveryMs: options.sendEveryMs };
}

/** Every repetition that finished, for the spreads. */
export function finishedRuns(result: TiersResult): RunFigures[] {
  return result.runs.flatMap((r) => (r.figures === undefined ? [] : [r.figures]));
}

/** "12ms [11–14]": a median and the repetitions' lowest and highest, when there were several. */
function withSpread(median: number | null, spread: Spread | null, reps: number): string {
  const value = f.msShort(median);
  return spread === null || reps < 2 ? value : `${value} [${f.msShort(spread.low).replace(/ms$/, '')}–${f.msShort(spread.high)}]`;
}

const COLUMNS: readonly RecordColumn<NetworkComparison>[] = [
  { header: 'Clients', cell: (c) => String(c.clients) },
  { header: 'RTT', cell: (c) => `${c.rttMs} ms` },
  { header: 'Avg', cell: (c) => withSpread(c.row?.latencyAvgMs ?? null, c.avgSpread, c.reps) },
  { header: 'Model', cell: (c) => f.msShort(c.modelMs) },
  { header: 'Grew', cell: (c) => f.msDelta(c.grewMs) },
  { header: 'Model grew', cell: (c) => f.msDelta(c.modelGrewMs) },
  { header: 'p99', cell: (c) => withSpread(c.row?.latencyP99Ms ?? null, c.p99Spread, c.reps) },
  { header: 'Req/delivery', cell: (c) => (c.requestsPerDelivery === null ? '—' : c.requestsPerDelivery.toFixed(2)) },
  { header: 'Wire/delivery', cell: (c) => f.bytes(c.bytesPerDelivery) },
  { header: 'Missing', cell: (c) => f.count(c.row?.missing ?? null) },
  { header: 'Dup', cell: (c) => f.count(c.row?.duplicates ?? null) },
];

/** The whole text report of a --rtt or --net bench: the model, per transport measured beside it, the growth, the relay's own load, the verdict. */
export function networkReport(options: BenchOptions, result: TiersResult): string {
  const plan = networkPlan(options);
  const comparisons = compareRtts(plan, result.combined, finishedRuns(result));
  const reps = options.reps > 1 ? ` (medians of ${options.reps} repetitions, [lowest–highest]; missing and duplicates summed over all)` : '';
  const shaping = shapingLabel(options.network!);
  // With one round trip there is no growth to read.
  const growth = plan.rttsMs.length > 1;
  const columns = growth ? COLUMNS : COLUMNS.filter((c) => !c.header.includes('rew'));
  const sections = [
    `RESULTS through a relay: a round trip of ${plan.rttsMs.join(', ')} ms added between every client and the server${shaping === '' ? '' : `, ${shaping}`}${reps}\n` +
      "  (half of each round trip held each way; a new connection's first bytes one more round trip, as TCP's handshake takes)",
    `MODEL of the average latency, from the round trip alone (the machine's own time is what ${growth ? 'the first round trip measures;\n  Grew and Model grew are read from there)' : 'a run at RTT 0 measures)'}\n${options.transports.map((t) => `  ${TRANSPORT_SHORT[t].padEnd(10)} ${MODEL_WORDS[t]}`).join('\n')}`,
    ...options.transports.map((transport) => {
      const rows = comparisons.filter((c) => c.transport === transport);
      return `${TRANSPORT_TITLES[transport]}\n${rows.some((c) => c.row !== undefined) ? recordTable(columns, rows, '  ') : '  every run failed'}`;
    }),
    ...options.tiers.map((clients) => growthTable(plan, clients, comparisons)),
    relaySection(plan, comparisons, relayLoad(result.combined)),
  ];
  const failed = result.runs.filter((r) => r.error !== undefined);
  if (failed.length > 0) sections.push(`FAILED RUNS\n${failed.map((r) => `  ${r.clients} clients · ${TRANSPORT_SHORT[r.transport]}${f.setupLabel(r)}: ${r.error}`).join('\n')}`);
  sections.push(completenessVerdict(result.runs));
  return `\n${sections.join('\n\n')}\n`;
}

/** One tier's average latency at every round trip, measured / model, and what it grew by. */
function growthTable(plan: NetworkPlan, clients: number, comparisons: readonly NetworkComparison[]): string {
  const growth = plan.rttsMs.length > 1;
  const span = `${plan.rttsMs[0]}→${plan.rttsMs[plan.rttsMs.length - 1]} ms`;
  const rows = plan.transports.map((transport) => {
    const cells = plan.rttsMs.map((rttMs) => comparisons.find((c) => c.transport === transport && c.clients === clients && c.rttMs === rttMs));
    const end = cells[cells.length - 1];
    const grew = end === undefined ? '—' : `${f.msDelta(end.grewMs)} (${f.msDelta(end.modelGrewMs)})`;
    return [TRANSPORT_SHORT[transport], ...cells.map((c) => (c?.row === undefined ? 'failed' : `${f.msShort(c.row.latencyAvgMs)} / ${f.msShort(c.modelMs)}`)), ...(growth ? [grew] : [])];
  });
  const headers = [{ header: 'Transport', align: 'left' as const }, ...plan.rttsMs.map((rttMs) => ({ header: `RTT ${rttMs} ms` })), ...(growth ? [{ header: `grew ${span} (model)` }] : [])];
  const table = renderTable(headers, rows, '  ');
  return `AVERAGE LATENCY at ${clients} clients, measured / model\n${table}`;
}

/** Per transport and tier, at each round trip: the relay's CPU, its event loop's lag and the connections it relayed; then whether it kept up. */
function relaySection(plan: NetworkPlan, comparisons: readonly NetworkComparison[], load: RelayLoad | undefined): string {
  const rows = plan.transports.flatMap((transport) =>
    plan.tiers.map((clients) => [
      TRANSPORT_SHORT[transport],
      String(clients),
      ...plan.rttsMs.map((rttMs) => {
        const n = comparisons.find((c) => c.transport === transport && c.clients === clients && c.rttMs === rttMs)?.row?.network;
        return n === null || n === undefined ? '—' : `${Math.round(n.relayCpuPercent)}% · ${f.msShort(n.relayLagP99Ms)} · ${f.count(n.relayedConnections)}`;
      }),
    ]),
  );
  const table = renderTable([{ header: 'Transport', align: 'left' }, { header: 'Clients' }, ...plan.rttsMs.map((rttMs) => ({ header: `RTT ${rttMs} ms` }))], rows, '  ');
  return `THE RELAY, in the bench's own process, which does little else while a run goes on:\n  CPU in % of one core · event-loop lag p99 · connections relayed, over sending and the tail\n${table}\n\n${relayVerdict(load)}`;
}

/**
 * Whether the relay, rather than the network it stands for, could have set some latency: its own
 * work (CPU near a core), or a late event loop, which with little CPU of its own means the
 * machine it shares with the server and the clients was busy.
 */
export function relayVerdict(load: RelayLoad | undefined): string {
  if (load === undefined) return 'No run finished: nothing to say of the relay.';
  const where = (r: RunFigures): string => `${r.clients} clients · ${TRANSPORT_SHORT[r.transport]} · RTT ${r.network!.rttMs} ms`;
  const cpu = `${Math.round(load.cpuPercent)}% of a core`;
  const late = `its event loop ran ${f.msShort(load.lagP99Ms)} late at p99 (${where(load.lagAt)}), and held bytes waited that much on top of their delay`;
  if (load.cpuPercent > RELAY_BUSY_CPU_PERCENT) {
    return `The relay was BUSY: its CPU reached ${cpu} (${where(load.cpuAt)})${load.lagP99Ms > RELAY_BUSY_LAG_MS ? `; ${late}` : ''}. Where it was, part of the latency is the relay's own, not the network's.`;
  }
  if (load.lagP99Ms > RELAY_BUSY_LAG_MS) {
    return `The relay was LATE, though it used at most ${cpu}: ${late}. The machine it shares with the server and the clients was busy; read small differences with care.`;
  }
  return `The relay kept up: at most ${cpu} and ${f.msShort(load.lagP99Ms)} of event-loop lag at p99, so the latency above is the network's and the transports', not the relay's.`;
}

/** The points of one tier's network chart: each transport at each round trip, measured and modelled. */
export function rttPoints(comparisons: readonly NetworkComparison[]): RttPoint[] {
  return comparisons.flatMap((c) => [
    {
      transport: c.transport,
      rttMs: c.rttMs,
      series: 'measured' as const,
      avgMs: c.row?.latencyAvgMs ?? null,
      p99Ms: c.row?.latencyP99Ms ?? null,
      requestsPerDelivery: c.requestsPerDelivery,
      bytesPerDelivery: c.bytesPerDelivery,
    },
    { transport: c.transport, rttMs: c.rttMs, series: 'model' as const, avgMs: c.modelMs, p99Ms: null, requestsPerDelivery: null, bytesPerDelivery: null },
  ]);
}

/** The file name (without extension) of a tier's network chart: rtt-005-clients, so they sort by size. */
export function rttChartFileName(clients: number): string {
  return `rtt-${String(clients).padStart(3, '0')}-clients`;
}

/** Writes one SVG and one PNG per tier into `dir`: latency, requests and bytes against the round trip; returns the paths. */
export async function writeNetworkCharts(dir: string, options: BenchOptions, result: TiersResult): Promise<string[]> {
  const comparisons = compareRtts(networkPlan(options), result.combined, finishedRuns(result));
  const written: string[] = [];
  for (const clients of options.tiers) {
    const tier = comparisons.filter((c) => c.clients === clients);
    if (tier.every((c) => c.row === undefined)) continue;
    written.push(...(await writeChart(dir, rttChartFileName(clients), rttChartSpec(clients, rttPoints(tier)))));
  }
  return written;
}
