import type { TransportKind } from '../protocol/index.js';
import type { ReceiverRecord, MessageRecord } from './completeness.js';
import type { HistogramData } from './histogram.js';

/** What a client worker is told to run: its share of one run's clients. */
export interface FleetConfig {
  readonly server: string;
  readonly room: string;
  readonly transport: TransportKind;
  readonly keepalive: boolean;
  readonly intervalMs: number;
  readonly sendEveryMs: number;
  /** Index of this worker's first client, so names are unique across workers. */
  readonly firstIndex: number;
  readonly count: number;
  /** How long all clients may take to open. */
  readonly connectTimeoutMs: number;
  /**
   * Which of several server instances (sharing one Redis) these clients are on. Their names then
   * carry it, so a receiver can tell a delivery that crossed from another instance.
   */
  readonly instance?: number;
}

/** Running totals over a worker's clients, read from ClientCounters (bytes include HTTP headers and WebSocket framing). */
export interface CounterSample {
  readonly tcpConnections: number;
  readonly requests: number;
  readonly polls: number;
  readonly emptyPolls: number;
  readonly bytesSent: number;
  readonly bytesReceived: number;
  readonly reconnects: number;
  /** Duplicates a transport delivered and the client dropped at its edge. */
  readonly duplicatesDropped: number;
}

/** Live figures for the progress view and for knowing when the tail of a run has arrived. */
export interface FleetProgress {
  readonly deliveries: number;
  readonly sent: number;
  readonly acked: number;
  readonly failed: number;
  readonly open: number;
}

/** Everything a worker measured in one run. */
export interface WorkerReport {
  readonly receivers: readonly ReceiverRecord[];
  /** Messages it saw delivered or acknowledged, with their commit time. */
  readonly messages: readonly MessageRecord[];
  readonly latency: HistogramData;
  /** Latency of the deliveries whose sender was on another instance; only when `instance` was given. */
  readonly crossLatency?: HistogramData;
  /** By second of receipt since go: deliveries, latency sum and max. */
  readonly deliveries: readonly number[];
  readonly latencySum: readonly number[];
  readonly latencyMax: readonly number[];
  /** Running totals at the end of each second since go. */
  readonly samples: readonly CounterSample[];
  /** Totals when sending stopped (the study's window). */
  readonly atSendEnd: CounterSample;
  /** Totals at the end, after the tail was drained (before closing). */
  readonly final: CounterSample;
  readonly progress: FleetProgress;
}

export type WorkerRequest =
  | { readonly type: 'connect'; readonly config: FleetConfig }
  /** The run's schedule for `durationMs`, unmeasured; `roomSize` is the number of clients over all workers. */
  | { readonly type: 'warmUp'; readonly roomSize: number; readonly durationMs: number; readonly timeoutMs: number }
  | { readonly type: 'go'; readonly goAt: number; readonly sendUntil: number }
  | { readonly type: 'finish' };

export type WorkerReply =
  | { readonly type: 'connected' }
  | { readonly type: 'warm' }
  | { readonly type: 'progress'; readonly progress: FleetProgress }
  | { readonly type: 'report'; readonly report: WorkerReport }
  | { readonly type: 'error'; readonly message: string };
