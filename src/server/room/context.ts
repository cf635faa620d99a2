import type { TransportKind } from '../../protocol/index.js';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServerOptions } from '../base/options.js';
import type { ServerMetrics } from '../metrics/metrics.js';
import type { HistoryStore } from '../store/history-store.js';
import type { Bus } from './bus.js';
import type { Hub } from './hub.js';
import type { Presence } from './presence.js';
import type { PresenceQuota } from './presence-quota.js';
import type { SendLimits } from './send-limits.js';
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
  /** Per user, per connection and per client address. */
  readonly limits: SendLimits;
  /** The presence entries and typing one address or connection may cause; undefined when unbounded. */
  readonly quota: PresenceQuota | undefined;
  /** Sweeps presence leases and limiter keys while any can expire; armed by whatever adds one. */
  readonly sweeper: Sweeper;
  /** When each `room/user` last announced typing, to throttle it. */
  readonly typingSeen: Map<string, number>;
  /** Open WebSockets and SSE streams, for the heartbeat sweeps, shutdown and a history reset. */
  readonly subscriptions: Set<LiveSubscription>;
  /** TCP connections open now, counted as they are accepted and close, for `--max-connections`. */
  readonly connections: { open: number };
  /** The web page served at `/`, when the server serves one. */
  readonly page: PageFiles | undefined;
  /** Set once shutdown begins; new work is refused. */
  readonly shutdown: { closing: boolean };
}

/** The transports whose clients hold a room open: they get a subscription, pollers do not. */
export type StreamKind = Extract<TransportKind, 'ws' | 'sse'>;

/**
 * A room subscription (room/subscription.ts) as the server's sweeps, shutdown and history reset
 * reach it. Declared here rather than there: the subscription imports the context, and an import
 * back would close a cycle.
 */
export interface LiveSubscription {
  readonly kind: StreamKind;
  /** Called by the shared sweep of its kind: ping, keep-alive or reap. */
  heartbeat(): void;
  /** Ends the connection because the server is shutting down; resolves once it is gone. */
  shutdown(): Promise<void>;
  /** Ends the connection so that the client reconnects: the history began anew under a new epoch. */
  restart(reason: string): void;
}

/** The web page's files (http/web-page.ts) as the router reaches them; declared here, where every endpoint's context is. */
export interface PageFiles {
  /** Whether `path` is one of its files. */
  has(path: string): boolean;
  /** Answers a GET or HEAD of one of its files. */
  send(req: IncomingMessage, res: ServerResponse, path: string): void;
}
