import { realClock } from '../transports/clock.js';
import type { ChatClient, Clock } from '../transports/types.js';

/** The client's injected clock if it has one, so countdowns agree with its `retryAt` and tests stay in control of time. */
export function clockOf(client: ChatClient): Clock {
  return client.options.clock ?? realClock;
}
