import type { HistogramData } from './histogram.js';

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
}

export interface LoadProgress {
  readonly deliveries: number;
  readonly sent: number;
  readonly acked: number;
  /** Connections that closed before the end. */
  readonly closed: number;
}

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

export type LoadRequest =
  | { readonly type: 'connect'; readonly config: LoadConfig }
  | { readonly type: 'go'; readonly goAt: number; readonly sendUntil: number; readonly sendEveryMs: number }
  | { readonly type: 'finish' };

export type LoadReply =
  | { readonly type: 'connected'; readonly connectMs: number }
  | { readonly type: 'progress'; readonly progress: LoadProgress }
  | { readonly type: 'report'; readonly report: LoadReport }
  | { readonly type: 'error'; readonly message: string };
