import type { HistogramData } from '../figures/histogram.js';
import type { WorkerKind } from '../processes/worker-protocol.js';

/** A load generator's share of a scale step or idle run: raw WebSocket connections. */
export interface LoadConfig {
  /** ws://host:port/ws */
  readonly url: string;
  readonly room: string;
  /** Spread the connections over rooms of this many (idle runs), instead of all in `room`. */
  readonly roomSize?: number;
  readonly firstIndex: number;
  readonly count: number;
  /** Handshakes in flight at once: a burst of thousands only measures the listen backlog. */
  readonly concurrency: number;
  readonly connectTimeoutMs: number;
  /** Once it goes, each connection sends this often (after a random first offset). */
  readonly sendEveryMs: number;
}

/** Live figures for the progress view and for knowing when the tail of a step has arrived. */
export interface LoadProgress {
  readonly deliveries: number;
  readonly sent: number;
  readonly acked: number;
  /** Connections that closed before the end. */
  readonly closed: number;
}

/** Everything a load generator measured in one scale step or idle run. */
export interface LoadReport {
  readonly latency: HistogramData;
  /** [message id, receivers] for every id delivered. */
  readonly receivers: readonly (readonly [number, number])[];
  readonly ackedIds: readonly number[];
  /** Deliveries of an id at or below the last one a connection had. */
  readonly duplicates: number;
  readonly progress: LoadProgress;
  /** The generator's own CPU from go to finish, and the wall time: a generator near 100% measures itself, not the server. */
  readonly cpuMs: number;
  readonly wallMs: number;
}

/** A load generator's side of the exchange with its parent; it has no warm-up. */
export interface LoadWork {
  readonly config: LoadConfig;
  readonly progress: LoadProgress;
  readonly report: LoadReport;
  readonly warmUp: never;
}

/** Worker processes holding raw WebSocket connections, for --scale and --idle. */
export const LOAD_GENERATOR: WorkerKind<LoadWork> = {
  entry: 'load-generator',
  label: 'load generator',
  idle: { deliveries: 0, sent: 0, acked: 0, closed: 0 },
};
