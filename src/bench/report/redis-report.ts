import { compareInstances, type LatencyDelta, type RedisComparison } from '../figures/redis-figures.js';
import type { RunFigures } from '../figures/run-figures.js';
import { TRANSPORT_SHORT, TRANSPORT_TITLES } from '../running/kinds.js';
import type { BenchOptions } from '../running/options.js';
import type { TiersResult } from '../running/run-tiers.js';
import * as f from './format.js';
import { renderTable } from './table.js';
import { completenessVerdict } from './tiers-tables.js';

const FAILED = 'failed';

/** The whole text report of a --redis bench: per transport, one instance against two, then the added latency and the verdict. */
export function redisReport(options: BenchOptions, result: TiersResult): string {
  const comparisons = compareInstances(options.tiers, options.transports, result.combined);
  const reps = options.reps > 1 ? ` (medians of ${options.reps} repetitions; missing and duplicates summed over all)` : '';
  const sections = [
    `RESULTS: one termchat instance against two, on one Redis${reps}\n` +
      '  (clients in two halves; on two instances each half is given only its own instance\'s URL;\n' +
      '   cross-instance: the deliveries whose sender was on the other instance)',
    ...options.transports.map((transport) => `${TRANSPORT_TITLES[transport]}\n${transportTable(comparisons.filter((c) => c.transport === transport))}`),
    `ADDED LATENCY OF A CROSS-INSTANCE DELIVERY (avg / p50 / p99)\n  (cross-instance deliveries on two instances − every delivery on one instance)\n\n${addedTable(options, comparisons)}`,
  ];
  const failed = result.runs.filter((r) => r.error !== undefined);
  if (failed.length > 0) {
    sections.push(`FAILED RUNS\n${failed.map((r) => `  ${r.clients} clients · ${r.transport} · ${f.instancesLabel(r.instances ?? 1)}: ${r.error}`).join('\n')}`);
  }
  sections.push(completenessVerdict(result.runs));
  return `\n${sections.join('\n\n')}\n`;
}

function transportTable(comparisons: readonly RedisComparison[]): string {
  const rows: string[][] = [];
  const run = (clients: number, setup: string, r: RunFigures | undefined): string[] =>
    r === undefined
      ? [String(clients), setup, FAILED]
      : [String(clients), setup, f.count(r.deliveries), f.ms(r.latencyAvgMs), f.msShort(r.latencyP50Ms), f.msShort(r.latencyP99Ms), f.count(r.missing), f.count(r.duplicates), f.decimal(r.cpuMsPer1000Deliveries)];
  for (const c of comparisons) {
    rows.push(run(c.clients, '1 instance', c.one), run(c.clients, '2 instances', c.two));
    const cross = c.two?.crossInstance;
    if (cross !== null && cross !== undefined) rows.push([String(c.clients), '  cross-instance', f.count(cross.count), f.ms(cross.avgMs), f.msShort(cross.p50Ms), f.msShort(cross.p99Ms)]);
    if (c.added !== undefined) rows.push([String(c.clients), '  added', '', f.msDelta(c.added.avgMs), f.msDelta(c.added.p50Ms), f.msDelta(c.added.p99Ms)]);
  }
  return renderTable(
    [
      { header: 'Clients' },
      { header: 'Setup', align: 'left' },
      { header: 'Deliveries' },
      { header: 'Avg' },
      { header: 'p50' },
      { header: 'p99' },
      { header: 'Missing' },
      { header: 'Dup' },
      { header: 'CPU ms/1k' },
    ],
    rows,
    '  ',
  );
}

const delta = (d: LatencyDelta | undefined): string => (d === undefined ? FAILED : `${f.msDelta(d.avgMs)} / ${f.msDelta(d.p50Ms)} / ${f.msDelta(d.p99Ms)}`);

function addedTable(options: BenchOptions, comparisons: readonly RedisComparison[]): string {
  const rows = options.transports.map((transport) => [
    TRANSPORT_SHORT[transport],
    ...options.tiers.map((clients) => delta(comparisons.find((c) => c.transport === transport && c.clients === clients)?.added)),
  ]);
  return renderTable([{ header: 'Transport', align: 'left' }, ...options.tiers.map((clients) => ({ header: `${clients} clients` }))], rows, '  ');
}
