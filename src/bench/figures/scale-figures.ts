import type { ServerKind } from '../processes/server-host-protocol.js';
import type { LoadReport } from '../workers/load-protocol.js';
import { LatencyHistogram } from './histogram.js';

/** The server side of a scale step, sampled by the parent. */
export interface StepUsage {
  /** Before any connection, after a garbage collection. */
  readonly rssBeforeBytes: number;
  readonly heapBeforeBytes: number;
  /** With every connection open and idle, after a garbage collection. */
  readonly rssConnectedBytes: number;
  readonly heapConnectedBytes: number;
  /** RSS when the sending phase ended. */
  readonly rssEndBytes: number;
  /** CPU from go until the tail was drained, and the wall time it spans. */
  readonly cpuMs: number;
  readonly wallMs: number;
}

export interface ScaleInput {
  readonly server: ServerKind;
  readonly clients: number;
  /** How long sending lasted: deliveries per second are over this. */
  readonly durationMs: number;
  readonly connectMs: number;
  readonly reports: readonly LoadReport[];
  readonly usage: StepUsage;
  readonly maxP99Ms: number;
}

/** One room size on one server: did it hold, and what it cost. */
export interface ScaleStep {
  readonly server: ServerKind;
  readonly clients: number;
  readonly held: boolean;
  /** Why not, in words; empty when it held. */
  readonly reason: string;
  readonly connectMs: number;
  readonly connectsPerSec: number;
  readonly sent: number;
  readonly acked: number;
  readonly deliveries: number;
  readonly expected: number;
  readonly missing: number;
  readonly duplicates: number;
  readonly closedEarly: number;
  /** Deliveries over the sending time: the load the room put on the server. */
  readonly deliveriesPerSec: number;
  readonly latencyAvgMs: number | null;
  readonly latencyP50Ms: number | null;
  readonly latencyP99Ms: number | null;
  readonly latencyMaxMs: number | null;
  readonly cpuMs: number;
  /** Of one core, over the sending phase. */
  readonly cpuPercent: number;
  readonly cpuMsPer1000Deliveries: number | null;
  readonly cpuMsPerSecPerConnection: number;
  /** The busiest load generator's CPU, % of one core: near 100 means the client, not the server, was the limit. */
  readonly generatorCpuPercent: number;
  readonly rssEndBytes: number;
  readonly rssPerConnectionBytes: number;
  readonly heapPerConnectionBytes: number;
}

/** Merges load generators' reports into a step's figures and verdict. */
export function scaleFigures(input: ScaleInput): ScaleStep {
  const { clients, usage } = input;
  const latency = new LatencyHistogram();
  const receivers = new Map<number, number>();
  let duplicates = 0;
  let sent = 0;
  let closedEarly = 0;
  let deliveries = 0;
  const acked = new Set<number>();
  for (const report of input.reports) {
    latency.merge(report.latency);
    for (const [id, n] of report.receivers) receivers.set(id, (receivers.get(id) ?? 0) + n);
    for (const id of report.ackedIds) acked.add(id);
    duplicates += report.duplicates;
    sent += report.progress.sent;
    closedEarly += report.progress.closed;
    deliveries += report.progress.deliveries;
  }
  let missing = 0;
  for (const id of acked) missing += Math.max(0, clients - (receivers.get(id) ?? 0));
  const p99 = latency.percentile(0.99) ?? null;
  const seconds = usage.wallMs / 1000;
  const step = {
    server: input.server,
    clients,
    connectMs: input.connectMs,
    connectsPerSec: input.connectMs === 0 ? clients : clients / (input.connectMs / 1000),
    sent,
    acked: acked.size,
    deliveries,
    expected: acked.size * clients,
    missing,
    duplicates,
    closedEarly,
    deliveriesPerSec: input.durationMs === 0 ? 0 : deliveries / (input.durationMs / 1000),
    latencyAvgMs: latency.mean() ?? null,
    latencyP50Ms: latency.percentile(0.5) ?? null,
    latencyP99Ms: p99,
    latencyMaxMs: latency.max() ?? null,
    cpuMs: usage.cpuMs,
    cpuPercent: seconds === 0 ? 0 : (usage.cpuMs / usage.wallMs) * 100,
    cpuMsPer1000Deliveries: deliveries === 0 ? null : (usage.cpuMs / deliveries) * 1000,
    cpuMsPerSecPerConnection: seconds === 0 ? 0 : usage.cpuMs / seconds / clients,
    generatorCpuPercent: Math.max(0, ...input.reports.map((r) => (r.wallMs === 0 ? 0 : (r.cpuMs / r.wallMs) * 100))),
    rssEndBytes: usage.rssEndBytes,
    rssPerConnectionBytes: (usage.rssConnectedBytes - usage.rssBeforeBytes) / clients,
    heapPerConnectionBytes: (usage.heapConnectedBytes - usage.heapBeforeBytes) / clients,
  };
  const reason = verdict(step, input.maxP99Ms);
  return { ...step, held: reason === '', reason };
}

/** Why a step did not hold ('' when it did): latency over the limit, or anything lost, repeated or dropped. */
export function verdict(
  step: Pick<ScaleStep, 'latencyP99Ms' | 'missing' | 'duplicates' | 'closedEarly' | 'sent' | 'acked' | 'deliveries'>,
  maxP99Ms: number,
): string {
  const reasons: string[] = [];
  if (step.deliveries === 0) reasons.push('nothing was delivered');
  if (step.latencyP99Ms !== null && step.latencyP99Ms > maxP99Ms) reasons.push(`p99 ${Math.round(step.latencyP99Ms)} ms > ${maxP99Ms} ms`);
  if (step.missing > 0) reasons.push(`${step.missing} deliveries missing`);
  if (step.sent > step.acked) reasons.push(`${step.sent - step.acked} sends unacknowledged`);
  if (step.duplicates > 0) reasons.push(`${step.duplicates} duplicates`);
  if (step.closedEarly > 0) reasons.push(`${step.closedEarly} connections dropped`);
  return reasons.join('; ');
}
