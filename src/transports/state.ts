import type { ConnectionState } from './types.js';

type Status = ConnectionState['status'];

/**
 * Every transition the connection may make; anything else is a bug. Besides the main cycle
 * (connecting → open → reconnecting → connecting …): connecting → connecting is `auto` falling
 * back or a history reset; open → connecting is a transport switch or a history reset.
 */
const ALLOWED: Readonly<Record<Status, readonly Status[]>> = {
  idle: ['connecting', 'closed'],
  connecting: ['open', 'reconnecting', 'connecting', 'closed'],
  open: ['reconnecting', 'connecting', 'closed'],
  reconnecting: ['connecting', 'closed'],
  closed: [],
};

/** Whether the state machine may go from `from` to `to`. */
export function canTransition(from: Status, to: Status): boolean {
  return ALLOWED[from].includes(to);
}

/** A one-line description of a state, for logs and status bars. */
export function describeState(state: ConnectionState): string {
  switch (state.status) {
    case 'idle':
      return 'idle';
    case 'connecting':
      return `connecting (${state.transport}${state.attempt > 0 ? `, attempt ${state.attempt}` : ''})`;
    case 'open':
      return `open (${state.transport}, since ${state.since})`;
    case 'reconnecting':
      return `reconnecting (attempt ${state.attempt} in ${state.delayMs} ms: ${state.reason})`;
    case 'closed':
      return `closed (${state.cause}: ${state.reason})`;
  }
}
