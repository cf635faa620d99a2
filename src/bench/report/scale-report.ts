import type { ScaleStep } from '../figures/scale-figures.js';
import type { ServerKind } from '../processes/server-host-protocol.js';
import type { IdleResult } from '../running/idle.js';
import * as f from './format.js';
import { renderTable } from './table.js';

/** Every step of the ramp, termchat and baseline side by side at each room size. */
export function scaleTable(steps: readonly ScaleStep[]): string {
  const rows = [...steps]
    .sort((a, b) => a.clients - b.clients || a.server.localeCompare(b.server))
    .map((s) => [
      String(s.clients),
      s.server,
      s.held ? 'held' : 'NO',
      f.msShort(s.latencyP50Ms),
      f.msShort(s.latencyP99Ms),
      f.msShort(s.latencyMaxMs),
      f.count(s.deliveriesPerSec),
      f.count(s.missing),
      `${Math.round(s.cpuPercent)}%`,
      f.decimal(s.cpuMsPer1000Deliveries),
      `${Math.round(s.generatorCpuPercent)}%`,
      f.bytes(s.rssEndBytes),
      f.bytes(s.rssPerConnectionBytes),
    ]);
  return renderTable(
    [
      { header: 'Clients', align: 'left' },
      { header: 'Server', align: 'left' },
      { header: 'Held', align: 'left' },
      { header: 'p50' },
      { header: 'p99' },
      { header: 'max' },
      { header: 'Deliv/s' },
      { header: 'Missing' },
      { header: 'CPU' },
      { header: 'CPU ms/1k' },
      { header: 'Gen CPU' },
      { header: 'RSS' },
      { header: 'RSS/conn' },
    ],
    rows,
    '  ',
  );
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

/** What idle connections cost each server. */
export function idleTable(results: readonly IdleResult[]): string {
  return renderTable(
    [
      { header: 'Server', align: 'left' },
      { header: 'Connections' },
      { header: 'Connect time' },
      { header: 'Connects/s' },
      { header: 'RSS before' },
      { header: 'RSS after' },
      { header: 'RSS/conn' },
      { header: 'Heap/conn' },
      { header: 'Dropped' },
    ],
    results.map((r) => [
      r.server,
      f.count(r.connections),
      `${(r.connectMs / 1000).toFixed(2)} s`,
      f.count(r.connectsPerSec),
      f.bytes(r.rssBeforeBytes),
      f.bytes(r.rssAfterBytes),
      f.bytes(r.rssPerConnectionBytes),
      f.bytes(r.heapPerConnectionBytes),
      f.count(r.dropped),
    ]),
    '  ',
  );
}
