import { describe, expect, it } from 'vitest';
import { computeFigures } from '../../src/bench/figures/run-figures.js';
import { completeWorker, sample } from './fixtures.js';

const server = { cpuMs: 120, rssBytes: 1000, peakRssBytes: 2000, cpuMsPerSecond: [60, 60], rssBytesPerSecond: [900, 1000] };

describe('run figures', () => {
  it('merges workers: the study’s columns, completeness, server cost and bytes per delivery', () => {
    const counters = { tcpConnections: 50, requests: 60, polls: 40, emptyPolls: 30, bytesSent: 1000, bytesReceived: 3000 };
    const a = completeWorker(2, 10, 4, counters, 0);
    const b = completeWorker(2, 10, 8, counters, 2);
    const f = computeFigures({ transport: 'poll', clients: 4, durationMs: 10_000, reports: [a, b], server });
    expect(f.connections).toBe(100);
    expect(f.connPerSec).toBe(10);
    expect(f.wastedPercent).toBe(75);
    expect(f.messages).toBe(10);
    expect(f.deliveries).toBe(40);
    expect(f.expectedDeliveries).toBe(40);
    expect(f.missing).toBe(0);
    expect(f.duplicates).toBe(0);
    expect(f.latencyAvgMs).toBe(6);
    expect(f.latencyP50Ms).toBe(4);
    expect(f.latencyMaxMs).toBe(8);
    expect(f.cpuMsPer1000Deliveries).toBe(3000);
    expect(f.bytesPerDelivery).toBe(8000 / 40);
    expect(f.series.connections).toEqual([100]);
    expect(f.series.avgLatencyMs).toEqual([6]);
    expect(f.series.serverCpuMs).toEqual([60, 60]);
  });

  it('has no waste for a transport that never polls', () => {
    const f = computeFigures({ transport: 'ws', clients: 2, durationMs: 5000, reports: [completeWorker(2, 3, 1, { tcpConnections: 2 })], server });
    expect(f.wastedPercent).toBeNull();
    expect(f.polls).toBeNull();
    expect(f.connPerSec).toBe(0.4);
  });

  it('counts a delivery that never came as missing', () => {
    const report = completeWorker(2, 3, 1);
    const broken = { ...report, receivers: [report.receivers[0]!, { ...report.receivers[1]!, received: [[1, 2]] as const }] };
    const f = computeFigures({ transport: 'ws', clients: 2, durationMs: 5000, reports: [broken], server });
    expect(f.missing).toBe(1);
    expect(f.missingSamples).toEqual([{ id: 3, receiver: 'c1' }]);
  });

  it('takes connections when sending stopped, bytes after the tail', () => {
    const report = { ...completeWorker(1, 1, 1), atSendEnd: sample({ tcpConnections: 7, bytesSent: 1 }), final: sample({ tcpConnections: 9, bytesSent: 100 }) };
    const f = computeFigures({ transport: 'poll', clients: 1, durationMs: 1000, reports: [report], server });
    expect(f.connections).toBe(7);
    expect(f.bytesPerDelivery).toBe(100);
  });
});
