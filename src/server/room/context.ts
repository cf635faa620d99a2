import type { ServerOptions } from '../base/options.js';
import type { ServerMetrics } from '../metrics/metrics.js';
import type { HistoryStore } from '../store/history-store.js';
import type { Bus } from './bus.js';
import type { Hub } from './hub.js';
import type { Presence } from './presence.js';
import type { SendLimiter } from './rate-limiter.js';
import type { Sweeper } from './sweeper.js';

/** What every request handler of one server shares. */
export interface ServerContext {
  readonly options: ServerOptions;
  readonly store: HistoryStore;
  /** This process's listeners; fed by the bus. */
  readonly hub: Hub;
  /** Where the send path announces what it committed, to every instance sharing the store. */
  readonly bus: Bus;
  readonly presence: Presence;
  /** Why this server cannot serve now (its shared store is unreachable), or undefined when it can. */
  readonly problem: () => string | undefined;
  readonly metrics: ServerMetrics;
  readonly limiter: SendLimiter | undefined;
  /** Sweeps presence leases and limiter keys while any can expire; armed by whatever adds one. */
  readonly sweeper: Sweeper;
  /** When each `room/user` last announced typing, to throttle it. */
  readonly typingSeen: Map<string, number>;
  /** Open WebSockets, for the heartbeat sweep and shutdown. */
  readonly sockets: Set<LiveConnection>;
  /** Open SSE streams, for the keep-alive sweep and shutdown. */
  readonly streams: Set<LiveConnection>;
  /** Set once shutdown begins; new work is refused. */
  readonly shutdown: { closing: boolean };
}

/** A long-lived connection (WebSocket or SSE stream) the server keeps track of. */
export interface LiveConnection {
  /** Called by the shared heartbeat sweep: ping, keep-alive or reap. */
  heartbeat(): void;
  /** Ends the connection because the server is shutting down; resolves once it is gone. */
  shutdown(): Promise<void>;
  /** Ends the connection so that the client reconnects: the history began anew under a new epoch. */
  restart(reason: string): void;
}
