import type { ScaleStep } from '../figures/scale-figures.js';
import type { ServerKind } from '../processes/server-host-protocol.js';
import type { IdleResult } from '../running/idle.js';
import * as f from './format.js';
import { LATENCY_COLUMNS, recordTable, type RecordColumn } from './table.js';

const SCALE_COLUMNS: readonly RecordColumn<ScaleStep>[] = [
  { header: 'Clients', align: 'left', cell: (s) => String(s.clients) },
  { header: 'Server', align: 'left', cell: (s) => s.server },
  { header: 'Held', align: 'left', cell: (s) => (s.held ? 'held' : 'NO') },
  ...LATENCY_COLUMNS,
  { header: 'Deliv/s', cell: (s) => f.count(s.deliveriesPerSec) },
  { header: 'Missing', cell: (s) => f.count(s.missing) },
  { header: 'CPU', cell: (s) => `${Math.round(s.cpuPercent)}%` },
  { header: 'CPU ms/1k', cell: (s) => f.decimal(s.cpuMsPer1000Deliveries) },
  { header: 'Gen CPU', cell: (s) => `${Math.round(s.generatorCpuPercent)}%` },
  { header: 'RSS', cell: (s) => f.bytes(s.rssEndBytes) },
  { header: 'RSS/conn', cell: (s) => f.bytes(s.rssPerConnectionBytes) },
];

/** Every step of the ramp, termchat and baseline side by side at each room size. */
export function scaleTable(steps: readonly ScaleStep[]): string {
  const ordered = [...steps].sort((a, b) => a.clients - b.clients || a.server.localeCompare(b.server));
  return recordTable(SCALE_COLUMNS, ordered, '  ');
}

/** The largest room that held on each server, with what it cost there. */
export function largestHeld(steps: readonly ScaleStep[], servers: readonly ServerKind[]): string {
  return servers
    .map((server) => {
      const held = steps.filter((s) => s.server === server && s.held).sort((a, b) => b.clients - a.clients)[0];
      const failed = steps.filter((s) => s.server === server && !s.held).sort((a, b) => a.clients - b.clients)[0];
      const next = failed === undefined ? '' : `; at ${f.count(failed.clients)}: ${failed.reason}`;
      if (held === undefined) return `  ${server.padEnd(8)} no room size held${next}`;
      return (
        `  ${server.padEnd(8)} ${f.count(held.clients)} clients held (p99 ${f.msShort(held.latencyP99Ms)}, ${f.count(held.deliveriesPerSec)} deliveries/s)` +
        ` — CPU ${Math.round(held.cpuPercent)}% of a core (${f.decimal(held.cpuMsPerSecPerConnection * 1000)} µs a second per connection);` +
        ` RSS ${f.bytes(held.rssPerConnectionBytes)} per connection${next}`
      );
    })
    .join('\n');
}

const IDLE_COLUMNS: readonly RecordColumn<IdleResult>[] = [
  { header: 'Server', align: 'left', cell: (r) => r.server },
  { header: 'Connections', cell: (r) => f.count(r.connections) },
  { header: 'Connect time', cell: (r) => `${(r.connectMs / 1000).toFixed(2)} s` },
  { header: 'Connects/s', cell: (r) => f.count(r.connectsPerSec) },
  { header: 'RSS before', cell: (r) => f.bytes(r.rssBeforeBytes) },
  { header: 'RSS after', cell: (r) => f.bytes(r.rssAfterBytes) },
  { header: 'RSS/conn', cell: (r) => f.bytes(r.rssPerConnectionBytes) },
  { header: 'Heap/conn', cell: (r) => f.bytes(r.heapPerConnectionBytes) },
  { header: 'Dropped', cell: (r) => f.count(r.dropped) },
];

/** What idle connections cost each server. */
export function idleTable(results: readonly IdleResult[]): string {
  return recordTable(IDLE_COLUMNS, results, '  ');
}
