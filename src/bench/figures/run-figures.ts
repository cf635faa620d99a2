import type { BenchTransport } from '../running/kinds.js';
import type { CounterSample } from '../workers/client-counters.js';
import type { ClientReport } from '../workers/client-protocol.js';
import { checkCompleteness, type Completeness } from './completeness.js';
import { LatencyHistogram, type HistogramData } from './histogram.js';
import { averages, deltas, maxSeries, sumSeries, sumTotals } from './series.js';

/** The server process's side of a run, sampled by the parent. */
export interface ServerMeasure {
  /** CPU (user + system) from before the clients connected to after the tail was drained, less the warm-up's. */
  readonly cpuMs: number;
  readonly rssBytes: number;
  readonly peakRssBytes: number;
  /** By second since go. */
  readonly cpuMsPerSecond: readonly number[];
  readonly rssBytesPerSecond: readonly number[];
}

/** Per-second series of one run, second 1 first (the connect phase counts in second 1). */
export interface RunSeries {
  /** Running total of TCP connections the clients opened. */
  readonly connections: readonly number[];
  readonly connPerSec: readonly number[];
  readonly requestsPerSec: readonly number[];
  readonly deliveries: readonly number[];
  readonly avgLatencyMs: readonly (number | null)[];
  readonly maxLatencyMs: readonly number[];
  readonly wastedPercent: readonly (number | null)[];
  readonly bytesPerSec: readonly number[];
  readonly serverCpuMs: readonly number[];
  readonly serverRssBytes: readonly number[];
}

/** The relay a run went through (`--rtt`, `--net`), and what relaying cost the bench's process. */
export interface NetworkMeasure {
  /** Round trip the relay added, ms, half each way. */
  readonly rttMs: number;
  /** Each one-way hold drawn from half the round trip ± this, ms. */
  readonly jitterMs: number;
  /** Cap per direction of each connection, bits a second; null: none. */
  readonly rateBitsPerSecond: number | null;
  /** TCP connections the relay accepted, from its start to the run's end. */
  readonly relayedConnections: number;
  /**
   * CPU of the bench's own process, which only relays while a run goes on, over sending and the
   * tail, in % of one core: near 100 the relay, not the network, would set the latency.
   */
  readonly relayCpuPercent: number;
  /** How late that process's event loop ran at the 99th percentile over the same time, ms: a held chunk leaves that much after its due time. */
  readonly relayLagP99Ms: number;
}

/** Latency of a subset of a run's deliveries. */
export interface LatencyFigures {
  readonly count: number;
  readonly avgMs: number | null;
  readonly p50Ms: number | null;
  readonly p99Ms: number | null;
  readonly histogram: HistogramData;
}

/** Every figure of one run. Nulls where a figure has no meaning (no polls, no deliveries). */
export interface RunFigures {
  readonly transport: BenchTransport;
  readonly clients: number;
  /** Server instances the clients were spread over: 1, or 2 in a --redis comparison. */
  readonly instances: number;
  readonly durationS: number;
  /** TCP connections the clients opened from connecting until sending stopped (the study's window). */
  readonly connections: number;
  readonly connPerSec: number;
  readonly requests: number;
  readonly polls: number | null;
  readonly emptyPolls: number | null;
  readonly wastedPercent: number | null;
  readonly messages: number;
  readonly deliveries: number;
  readonly expectedDeliveries: number;
  readonly missing: number;
  readonly duplicates: number;
  /** Duplicates a transport carried that the client dropped at its edge (information, not an error). */
  readonly edgeDuplicates: number;
  readonly sent: number;
  /** Sends neither acknowledged nor refused when the run ended. */
  readonly unacked: number;
  readonly failedSends: number;
  readonly reconnects: number;
  readonly latencyAvgMs: number | null;
  readonly latencyP50Ms: number | null;
  readonly latencyP99Ms: number | null;
  readonly latencyMaxMs: number | null;
  /**
   * The deliveries whose sender was on another instance than the receiver (--redis runs; 0 of
   * them with one instance); null when the clients were not spread over instances.
   */
  readonly crossInstance: LatencyFigures | null;
  /** The relay between clients and server; null when they spoke to the server directly. */
  readonly network: NetworkMeasure | null;
  readonly serverCpuMs: number;
  readonly cpuMsPer1000Deliveries: number | null;
  readonly serverRssBytes: number;
  readonly serverPeakRssBytes: number;
  readonly bytesSent: number;
  readonly bytesReceived: number;
  /** Client bytes on the wire (both ways, headers and framing included) per delivered message. */
  readonly bytesPerDelivery: number | null;
  readonly missingSamples: Completeness['missingSamples'];
  readonly latencyHistogram: HistogramData;
  readonly series: RunSeries;
}

export interface RunInput {
  readonly transport: BenchTransport;
  readonly clients: number;
  /** Default 1. */
  readonly instances?: number;
  readonly durationMs: number;
  readonly reports: readonly ClientReport[];
  readonly server: ServerMeasure;
  readonly network?: NetworkMeasure;
}

const counter = (samples: readonly CounterSample[], key: keyof CounterSample): number[] => samples.map((s) => s[key]);
const total = (samples: readonly CounterSample[], key: keyof CounterSample): number => samples.reduce((sum, s) => sum + s[key], 0);

/** Merges the workers' reports and the server's usage into the run's figures. */
export function computeFigures(input: RunInput): RunFigures {
  const { reports } = input;
  const durationS = input.durationMs / 1000;
  const atSendEnd = reports.map((r) => r.atSendEnd);
  const final = reports.map((r) => r.final);
  const completeness = checkCompleteness(mergeMessages(reports), reports.flatMap((r) => r.receivers));
  const latency = new LatencyHistogram();
  for (const report of reports) latency.merge(report.latency);
  const polls = total(final, 'polls');
  const emptyPolls = total(final, 'emptyPolls');
  const connections = total(atSendEnd, 'tcpConnections');
  const bytes = total(final, 'bytesSent') + total(final, 'bytesReceived');
  const sent = reports.reduce((sum, r) => sum + r.progress.sent, 0);
  const acked = reports.reduce((sum, r) => sum + r.progress.acked, 0);
  const failedSends = reports.reduce((sum, r) => sum + r.progress.failed, 0);
  const deliveries = completeness.delivered;
  return {
    transport: input.transport,
    clients: input.clients,
    instances: input.instances ?? 1,
    durationS,
    connections,
    connPerSec: connections / durationS,
    requests: total(final, 'requests'),
    polls: polls === 0 ? null : polls,
    emptyPolls: polls === 0 ? null : emptyPolls,
    wastedPercent: polls === 0 ? null : (emptyPolls / polls) * 100,
    messages: completeness.messages,
    deliveries,
    expectedDeliveries: completeness.expected,
    missing: completeness.missing,
    duplicates: completeness.duplicates,
    edgeDuplicates: total(final, 'duplicatesDropped'),
    sent,
    unacked: Math.max(0, sent - acked - failedSends),
    failedSends,
    reconnects: total(final, 'reconnects'),
    latencyAvgMs: latency.mean() ?? null,
    latencyP50Ms: latency.percentile(0.5) ?? null,
    latencyP99Ms: latency.percentile(0.99) ?? null,
    latencyMaxMs: latency.max() ?? null,
    crossInstance: crossInstance(reports),
    network: input.network ?? null,
    serverCpuMs: input.server.cpuMs,
    cpuMsPer1000Deliveries: deliveries === 0 ? null : (input.server.cpuMs / deliveries) * 1000,
    serverRssBytes: input.server.rssBytes,
    serverPeakRssBytes: input.server.peakRssBytes,
    bytesSent: total(final, 'bytesSent'),
    bytesReceived: total(final, 'bytesReceived'),
    bytesPerDelivery: deliveries === 0 ? null : bytes / deliveries,
    missingSamples: completeness.missingSamples,
    latencyHistogram: latency.toJSON(),
    series: runSeries(reports, input.server),
  };
}

/** The cross-instance deliveries of every worker that measured them; null when none did. */
function crossInstance(reports: readonly ClientReport[]): LatencyFigures | null {
  const measured = reports.flatMap((r) => (r.crossLatency === undefined ? [] : [r.crossLatency]));
  if (measured.length === 0) return null;
  const histogram = new LatencyHistogram();
  for (const data of measured) histogram.merge(data);
  return latencyFigures(histogram);
}

/** Count, mean and percentiles of `histogram`. */
export function latencyFigures(histogram: LatencyHistogram): LatencyFigures {
  return {
    count: histogram.count,
    avgMs: histogram.mean() ?? null,
    p50Ms: histogram.percentile(0.5) ?? null,
    p99Ms: histogram.percentile(0.99) ?? null,
    histogram: histogram.toJSON(),
  };
}

/** Messages seen by any worker; a commit time from a delivery (serverAt) wins over an acknowledgement's. */
function mergeMessages(reports: readonly ClientReport[]): { id: number; committedAt: number }[] {
  const committed = new Map<number, number>();
  for (const report of reports) {
    for (const { id, committedAt } of report.messages) {
      const known = committed.get(id);
      committed.set(id, known === undefined ? committedAt : Math.min(known, committedAt));
    }
  }
  return [...committed].map(([id, committedAt]) => ({ id, committedAt })).sort((a, b) => a.id - b.id);
}

function runSeries(reports: readonly ClientReport[], server: ServerMeasure): RunSeries {
  const totals = (key: keyof CounterSample): number[] => sumTotals(reports.map((r) => counter(r.samples, key)));
  const connections = totals('tcpConnections');
  const polls = deltas(totals('polls'));
  const emptyPolls = deltas(totals('emptyPolls'));
  const bytes = sumSeries([deltas(totals('bytesSent')), deltas(totals('bytesReceived'))]);
  const deliveries = sumSeries(reports.map((r) => r.deliveries));
  const latencySum = sumSeries(reports.map((r) => r.latencySum));
  return {
    connections,
    connPerSec: deltas(connections),
    requestsPerSec: deltas(totals('requests')),
    deliveries,
    avgLatencyMs: averages(latencySum, deliveries),
    maxLatencyMs: maxSeries(reports.map((r) => r.latencyMax)),
    wastedPercent: polls.map((n, i) => (n === 0 ? null : ((emptyPolls[i] ?? 0) / n) * 100)),
    bytesPerSec: bytes,
    serverCpuMs: [...server.cpuMsPerSecond],
    serverRssBytes: [...server.rssBytesPerSecond],
  };
}
