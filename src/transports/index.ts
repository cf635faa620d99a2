import { Connection } from './connection.js';
import { createTransport } from './factory.js';
import { readReporter } from './read-reporter.js';
import type { ChatClient, ClientOptions } from './types.js';
import { WatchedSockets } from './watched-sockets.js';

export type * from './types.js';
export type * from './wire-events.js';
export { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff.js';
export { preciseNow, realClock } from './clock.js';
export { AUTO_ORDER } from './auto.js';
export { describeState } from './state.js';
export { percentile, wastedPercent, overheadPerMessage, perMessage } from './stats-math.js';

/** What a client made with Node's transports is built on: those transports, its read positions told to the server, and its sockets counted, with the wire view over them. */
export const NODE_CLIENT = { createTransport, readTeller: readReporter, sockets: () => new WatchedSockets() } as const;

/** A chat client for `options.server`; call connect() to start. */
export function createClient(options: ClientOptions): ChatClient {
  return new Connection(options, NODE_CLIENT);
}
