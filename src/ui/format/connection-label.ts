import type { ConnectionState } from '../../transports/types.js';
import { formatSeconds } from './numbers.js';
import type { Tone } from './theme.js';

/** The connection state as a short phrase and the tone to draw it in. */
export interface ConnectionLabel {
  readonly text: string;
  readonly tone: Tone;
}

/**
 * Describes `state`; `now` (same clock as `retryAt`) turns a reconnect into a countdown, and
 * `quietMs` (how long an open link has heard nothing, once overdue) shows it going stale before
 * it is called dead.
 */
export function connectionLabel(state: ConnectionState, now: number, quietMs?: number): ConnectionLabel {
  switch (state.status) {
    case 'idle':
      return { text: 'not connected', tone: 'muted' };
    case 'open':
      return quietMs === undefined ? { text: 'open', tone: 'ok' } : { text: `open · quiet ${formatSeconds(quietMs)}`, tone: 'warn' };
    case 'connecting':
      return { text: state.attempt > 0 ? `connecting, attempt ${state.attempt}` : 'connecting', tone: 'warn' };
    case 'reconnecting':
      return { text: `reconnecting in ${formatSeconds(Math.max(0, state.retryAt - now))}, attempt ${state.attempt}`, tone: 'warn' };
    case 'closed':
      return { text: state.reason === '' ? 'closed' : `closed: ${state.reason}`, tone: 'error' };
  }
}
