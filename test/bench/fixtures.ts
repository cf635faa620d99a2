import { LatencyHistogram } from '../../src/bench/figures/histogram.js';
import { toRanges } from '../../src/bench/figures/ranges.js';
import type { RunFigures } from '../../src/bench/figures/run-figures.js';
import { computeFigures } from '../../src/bench/figures/run-figures.js';
import type { BenchTransport } from '../../src/bench/running/kinds.js';
import type { CounterSample } from '../../src/bench/workers/client-counters.js';
import type { ClientReport } from '../../src/bench/workers/client-protocol.js';

/** A counter sample with every field 0 but those given. */
export function sample(values: Partial<CounterSample> = {}): CounterSample {
  return { tcpConnections: 0, requests: 0, polls: 0, emptyPolls: 0, bytesSent: 0, bytesReceived: 0, reconnects: 0, duplicatesDropped: 0, ...values };
}

/**
 * A worker that ran `clients` clients receiving every one of `messages` messages (ids 1..n, one
 * committed every 100 ms from t=1000), each at `latencyMs`, all connected throughout.
 */
export function completeWorker(clients: number, messages: number, latencyMs: number, counters: Partial<CounterSample> = {}, firstIndex = 0): ClientReport {
  const ids = Array.from({ length: messages }, (_, i) => i + 1);
  const latency = new LatencyHistogram();
  for (let i = 0; i < clients * messages; i++) latency.add(latencyMs);
  const final = sample(counters);
  return {
    receivers: Array.from({ length: clients }, (_, i) => ({ name: `c${firstIndex + i}`, open: [[0, 1_000_000]], received: toRanges(ids), duplicates: 0 })),
    messages: ids.map((id) => ({ id, committedAt: 1000 + id * 100 })),
    latency: latency.toJSON(),
    deliveries: [clients * messages],
    latencySum: [clients * messages * latencyMs],
    latencyMax: [latencyMs],
    samples: [final],
    atSendEnd: final,
    final,
    progress: { deliveries: clients * messages, sent: messages, acked: messages, failed: 0, open: clients },
  };
}

/** Figures of a made-up run, for report and aggregate tests. */
export function figures(transport: BenchTransport, clients: number, latencyMs: number, counters: Partial<CounterSample> = {}): RunFigures {
  return computeFigures({
    transport,
    clients,
    durationMs: 10_000,
    reports: [completeWorker(clients, 10, latencyMs, counters)],
    server: { cpuMs: 50, rssBytes: 80 * 1024 * 1024, peakRssBytes: 90 * 1024 * 1024, cpuMsPerSecond: [5, 5], rssBytesPerSecond: [1, 2] },
  });
}
