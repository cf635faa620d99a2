import { describe, expect, it } from 'vitest';
import type { RunFigures } from '../../src/bench/figures/run-figures.js';
import * as f from '../../src/bench/report/format.js';
import { renderTable } from '../../src/bench/report/table.js';
import { completenessVerdict, detailTables, overheadLines, sideBySide, studyTables, type ReportInput } from '../../src/bench/report/tiers-tables.js';
import type { RunRecord } from '../../src/bench/running/run-tiers.js';
import { figures } from './fixtures.js';

const input: ReportInput = {
  tiers: [5, 50],
  transports: ['poll', 'ws', 'baseline'],
  rows: [
    figures('poll', 5, 64.11, { tcpConnections: 494, polls: 100, emptyPolls: 83 }),
    figures('poll', 50, 59.6, { tcpConnections: 4823, polls: 100, emptyPolls: 24 }),
    figures('ws', 5, 0.86, { tcpConnections: 5 }),
    figures('ws', 50, 4.73, { tcpConnections: 50 }),
    figures('baseline', 5, 0.5, { tcpConnections: 5 }),
  ],
};

describe('report tables', () => {
  it('format numbers the way the study printed them', () => {
    expect([f.count(9008), f.rate(900.8), f.rate(0.5), f.ms(64.114), f.msShort(0.86), f.msShort(63.6), f.percent(83.4)]).toEqual(['9,008', '900.8', '0.50', '64.11ms', '0.9ms', '64ms', '83%']);
    expect([f.bytes(317.2), f.bytes(2048), f.bytes(80 * 1024 * 1024), f.ratio(1.844), f.count(null)]).toEqual(['317 B', '2.0 KB', '80.0 MB', '×1.84', '—']);
  });

  it('pads columns: text left, numbers right', () => {
    expect(renderTable([{ header: 'A', align: 'left' }, { header: 'Num' }], [['xx', '1'], ['y', '100']])).toBe('A    Num\nxx     1\ny    100');
  });

  it('the study’s table per transport', () => {
    const text = studyTables(input);
    expect(text).toContain('SHORT POLLING (a new TCP connection per request, as in the study)');
    expect(text).toMatch(/5\s+494\s+49\.4\s+83%\s+64\.11ms/);
    expect(text).toMatch(/50\s+4,823\s+482\.3\s+24%\s+59\.60ms/);
    expect(text).toMatch(/5\s+5\s+0\.50\s+0%\s+0\.86ms/);
    // A run that failed shows as such, not as zeros.
    expect(text).toMatch(/BASELINE[^]*50\s+failed/);
  });

  it('the side-by-side table, transports as column groups', () => {
    const lines = sideBySide(input).split('\n');
    expect(lines[0]).toMatch(/POLL\s+WS\s+BASELINE/);
    expect(lines.find((l) => l.startsWith('Connections'))).toMatch(/494\s+4,823\s+5\s+50\s+5\s+failed/);
    expect(lines.find((l) => l.startsWith('Wasted%'))).toMatch(/83%\s+24%\s+0%\s+0%/);
  });

  it('details per tier and termchat’s overhead as ratios to the baseline', () => {
    expect(detailTables(input)).toMatch(/5 clients\n\s+Transport\s+p50\s+p99\s+max\s+Deliveries\s+Missing\s+Dup\s+CPU ms\/1k\s+Server RSS\s+Wire\/delivery/);
    expect(overheadLines(input)).toMatch(/5 clients: CPU\/1k deliveries ×1\.00 .* avg latency ×1\.72/);
  });

  it('says whether every delivery arrived, counted over every repetition, and which runs lost some', () => {
    const runs = (rows: readonly RunFigures[], rep: number): RunRecord[] => rows.map((figures) => ({ rep, clients: figures.clients, transport: figures.transport, wallMs: 1, figures }));
    const twice = [...runs(input.rows, 0), ...runs(input.rows, 1), { rep: 1, clients: 50, transport: 'baseline', wallMs: 1, error: 'no server' } as const];
    const each = input.rows.reduce((sum, r) => sum + r.deliveries, 0);
    expect(completenessVerdict(twice)).toBe(`Completeness: every message reached every client connected when it was sent — ${f.count(2 * each)} deliveries over 10 runs, 0 missing, 0 duplicates.`);
    expect(completenessVerdict(runs(input.rows.slice(0, 1), 0))).toMatch(/— [\d,]+ deliveries, 0 missing/);
    const lost = { ...input.rows[0]!, missing: 3, missingSamples: [{ id: 2, receiver: 'c1' }] };
    const broken = [...runs(input.rows, 0), ...runs([lost, ...input.rows.slice(1)], 1)];
    expect(completenessVerdict(broken)).toBe('Completeness FAILED in 1 of 10 run(s):\n  poll at 5 clients (repetition 2): 3 missing, 0 duplicates, 0 unacknowledged (e.g. #2→c1)');
  });
});
