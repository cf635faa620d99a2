import { Connection } from './connection.js';
import type { ChatClient, ClientOptions } from './types.js';

export type * from './types.js';
export type * from './wire-events.js';
export { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff.js';
export { preciseNow, realClock } from './clock.js';
export { AUTO_ORDER } from './auto.js';
export { describeState } from './state.js';
export { percentile, wastedPercent, overheadPerMessage, perMessage } from './stats-math.js';

/** A chat client for `options.server`; call connect() to start. */
export function createClient(options: ClientOptions): ChatClient {
  return new Connection(options);
}
