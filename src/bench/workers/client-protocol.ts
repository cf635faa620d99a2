import type { TransportKind } from '../../protocol/index.js';
import type { MessageRecord, ReceiverRecord } from '../figures/completeness.js';
import type { HistogramData } from '../figures/histogram.js';
import type { WorkerKind } from '../processes/worker-protocol.js';
import type { CounterSample } from './client-counters.js';

/** What a client worker is told to run: its share of one run's clients. */
export interface ClientConfig {
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

/** A client worker's warm-up (see ClientFleet.warmUp). */
export interface ClientWarmUp {
  /** Clients in the room over all workers. */
  readonly roomSize: number;
  readonly durationMs: number;
  /** How long the last warm-up messages may take to reach every client. */
  readonly timeoutMs: number;
  /** The fewest messages the warm-up sends in the room (default MIN_WARM_UP_MESSAGES). */
  readonly minMessages?: number;
}

/** Live figures for the progress view and for knowing when the tail of a run has arrived. */
export interface ClientProgress {
  readonly deliveries: number;
  readonly sent: number;
  readonly acked: number;
  readonly failed: number;
  readonly open: number;
}

/** Everything a client worker measured in one run. */
export interface ClientReport {
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
  readonly progress: ClientProgress;
}

/** A client worker's side of the exchange with its parent. */
export interface ClientWork {
  readonly config: ClientConfig;
  readonly progress: ClientProgress;
  readonly report: ClientReport;
  readonly warmUp: ClientWarmUp;
}

/** Worker processes running ChatClients made by src/transports, as the UI makes them. */
export const CLIENT_WORKER: WorkerKind<ClientWork> = {
  entry: 'client-worker',
  label: 'client worker',
  idle: { deliveries: 0, sent: 0, acked: 0, failed: 0, open: 0 },
};

/** A client's name: `c12`, or `c12@1` for a client of instance 1 when clients are spread over several. */
export function clientName(index: number, instance: number | undefined): string {
  return instance === undefined ? `c${index}` : `c${index}@${instance}`;
}

/** The instance a client name carries, if any. */
export function instanceOf(name: string): number | undefined {
  const at = name.lastIndexOf('@');
  return at < 0 ? undefined : Number(name.slice(at + 1));
}
