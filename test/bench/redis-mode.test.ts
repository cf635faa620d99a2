import { describe, expect, it } from 'vitest';
import { combineReps } from '../../src/bench/figures/aggregate.js';
import { LatencyHistogram } from '../../src/bench/figures/histogram.js';
import { compareInstances } from '../../src/bench/figures/redis-figures.js';
import { computeFigures, type RunFigures } from '../../src/bench/figures/run-figures.js';
import * as f from '../../src/bench/report/format.js';
import { redisReport } from '../../src/bench/report/redis-report.js';
import type { BenchTransport } from '../../src/bench/running/kinds.js';
import { placeClients, planRuns } from '../../src/bench/running/plan.js';
import { clientName, instanceOf } from '../../src/bench/workers/client-protocol.js';
import { resolveBenchOptions } from '../../src/commands/bench.js';
import { completeWorker } from './fixtures.js';

describe('--redis plan', () => {
  it('runs every transport on one instance and on two, back to back, reversed every other repetition', () => {
    const runs = planRuns([5], ['sse', 'ws'], 2, [{ instances: 1 }, { instances: 2 }]).map((r) => `${r.rep}:${r.transport}:${r.instances}`);
    expect(runs).toEqual(['0:sse:1', '0:sse:2', '0:ws:1', '0:ws:2', '1:ws:2', '1:ws:1', '1:sse:2', '1:sse:1']);
  });

  it('splits clients in halves with workers of their own; two instances give each half its own', () => {
    expect(placeClients(5, 1, 2)).toEqual([
      { count: 3, firstIndex: 0, instance: 0 },
      { count: 2, firstIndex: 3, instance: 1 },
    ]);
    // The one-instance run has the same client processes, all on instance 0.
    expect(placeClients(5, 1, 1)).toEqual([
      { count: 3, firstIndex: 0, instance: 0 },
      { count: 2, firstIndex: 3, instance: 0 },
    ]);
    expect(placeClients(100, 4, 2).map((w) => `${w.instance}:${w.count}`)).toEqual(['0:25', '0:25', '1:25', '1:25']);
    expect(placeClients(7, 2)).toEqual([
      { count: 4, firstIndex: 0, instance: undefined },
      { count: 3, firstIndex: 4, instance: undefined },
    ]);
  });

  it('names clients after their instance, so a receiver can tell a delivery that crossed', () => {
    expect(clientName(12, undefined)).toBe('c12');
    expect(clientName(12, 1)).toBe('c12@1');
    expect(instanceOf('c12@1')).toBe(1);
    expect(instanceOf('c12')).toBeUndefined();
  });
});

/** A made-up complete run of 4 clients; `crossMs` adds cross-instance deliveries at that latency. */
function run(transport: BenchTransport, instances: 1 | 2, latencyMs: number, crossMs?: number): RunFigures {
  const report = completeWorker(4, 10, latencyMs);
  const cross = new LatencyHistogram();
  for (let i = 0; i < (crossMs === undefined ? 0 : 20); i++) cross.add(crossMs!);
  return computeFigures({
    transport,
    clients: 4,
    instances,
    durationMs: 10_000,
    reports: [{ ...report, crossLatency: cross.toJSON() }],
    server: { cpuMs: 50, rssBytes: 1, peakRssBytes: 1, cpuMsPerSecond: [], rssBytesPerSecond: [] },
  });
}

describe('--redis figures and report', () => {
  const rows = [run('ws', 1, 2), run('ws', 2, 3, 4), run('sse', 1, 3), run('sse', 2, 5, 7)];

  it('adds what crossing costs: cross-instance deliveries on two instances against all on one', () => {
    const [sse, ws] = compareInstances([4], ['sse', 'ws'], rows);
    expect(ws).toMatchObject({ clients: 4, transport: 'ws', added: { avgMs: 2, p50Ms: 2, p99Ms: 2 }, overall: { avgMs: 1, p50Ms: 1, p99Ms: 1 } });
    expect(ws!.one!.crossInstance!.count).toBe(0);
    expect(ws!.two!.crossInstance!.count).toBe(20);
    expect(sse!.added).toEqual({ avgMs: 4, p50Ms: 4, p99Ms: 4 });
  });

  it('has no comparison where a run failed', () => {
    const [ws] = compareInstances([4], ['ws'], [run('ws', 2, 3, 4)]);
    expect(ws).toMatchObject({ one: undefined, added: undefined, overall: undefined });
  });

  it('keeps cross-instance deliveries through repetitions, pooled', () => {
    const combined = combineReps([run('ws', 2, 3, 4), run('ws', 2, 3, 6), run('ws', 2, 3, 5)]);
    // Count and mean are medians, as for every delivery; percentiles of all samples pooled.
    expect(combined.crossInstance).toMatchObject({ count: 20, avgMs: 5, p50Ms: 5, p99Ms: 6 });
    expect(combined.crossInstance!.histogram.count).toBe(60);
    expect(combined.instances).toBe(2);
  });

  it('prints one instance against two per transport, then the added latency', () => {
    const options = resolveBenchOptions(['--redis', '--clients', '4', '--transports', 'sse,ws']);
    const text = redisReport(options, { runs: [], combined: rows, wallMs: 1 });
    expect(text).toContain('WEBSOCKET (termchat)');
    expect(text).toMatch(/4 {3}1 instance +40 +2\.00ms +2\.0ms +2\.0ms +0 +0/);
    expect(text).toMatch(/4 {3}2 instances +40 +3\.00ms/);
    expect(text).toMatch(/4 {5}cross-instance +20 +4\.00ms/);
    expect(text).toMatch(/4 {5}added +\+2\.0ms +\+2\.0ms +\+2\.0ms/);
    expect(text).toContain('ADDED LATENCY OF A CROSS-INSTANCE DELIVERY');
    expect(text).toMatch(/ws +\+2\.0ms \/ \+2\.0ms \/ \+2\.0ms/);
    expect(text).toMatch(/sse +\+4\.0ms \/ \+4\.0ms \/ \+4\.0ms/);
    expect(text).toMatch(/Completeness: every message reached every client .* 0 missing, 0 duplicates\./);
  });

  it('formats signed latency differences', () => {
    expect([f.msDelta(0.84), f.msDelta(-2), f.msDelta(12.4), f.msDelta(-0.01), f.msDelta(null)]).toEqual(['+0.8ms', '−2.0ms', '+12ms', '+0.0ms', '—']);
  });
});
