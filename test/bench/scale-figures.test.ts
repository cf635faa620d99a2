import { describe, expect, it } from 'vitest';
import { LatencyHistogram } from '../../src/bench/figures/histogram.js';
import { scaleFigures, verdict } from '../../src/bench/figures/scale-figures.js';
import type { LoadReport } from '../../src/bench/workers/load-protocol.js';

const usage = { rssBeforeBytes: 1000, heapBeforeBytes: 500, rssConnectedBytes: 11_000, heapConnectedBytes: 5500, rssEndBytes: 12_000, cpuMs: 500, wallMs: 2000 };

function report(receivers: [number, number][], acked: number[], latencies: number[], extra: Partial<LoadReport['progress']> = {}): LoadReport {
  const h = new LatencyHistogram();
  for (const l of latencies) h.add(l);
  const deliveries = receivers.reduce((n, [, c]) => n + c, 0);
  return { latency: h.toJSON(), receivers, ackedIds: acked, duplicates: 0, progress: { deliveries, sent: acked.length, acked: acked.length, closed: 0, ...extra }, cpuMs: 300, wallMs: 1000 };
}

describe('scale step figures', () => {
  it('a room holds when every acknowledged message reached every client and p99 is under the limit', () => {
    const a = report([[1, 5], [2, 5]], [1], [2, 3, 4, 5, 6]);
    const b = report([[1, 5], [2, 5]], [2], [2, 3, 4, 5, 6]);
    const step = scaleFigures({ server: 'termchat', clients: 10, durationMs: 2000, connectMs: 500, reports: [a, b], usage, maxP99Ms: 100 });
    expect(step).toMatchObject({ held: true, reason: '', expected: 20, deliveries: 20, missing: 0, connectsPerSec: 20, cpuPercent: 25, rssPerConnectionBytes: 1000, heapPerConnectionBytes: 500, generatorCpuPercent: 30 });
    expect(step.cpuMsPer1000Deliveries).toBe(25_000);
  });

  it('does not hold when deliveries go missing or p99 passes the limit', () => {
    const step = scaleFigures({ server: 'baseline', clients: 10, durationMs: 2000, connectMs: 500, reports: [report([[1, 9]], [1], [150, 150])], usage, maxP99Ms: 100 });
    expect(step.held).toBe(false);
    expect(step.missing).toBe(1);
    expect(step.reason).toBe('p99 150 ms > 100 ms; 1 deliveries missing');
  });

  it('names every reason', () => {
    expect(verdict({ latencyP99Ms: 5, missing: 0, duplicates: 1, closedEarly: 2, sent: 5, acked: 4, deliveries: 10 }, 100)).toBe('1 sends unacknowledged; 1 duplicates; 2 connections dropped');
    expect(verdict({ latencyP99Ms: null, missing: 0, duplicates: 0, closedEarly: 0, sent: 0, acked: 0, deliveries: 0 }, 100)).toBe('nothing was delivered');
  });
});
