import type { ConnectionState } from '../../transports/types.js';
import type { Tone } from './theme.js';

/** The connection state as a short phrase and the tone to draw it in. */
export interface ConnectionLabel {
  readonly text: string;
  readonly tone: Tone;
}

/** Describes `state`; `now` (same clock as `retryAt`) turns a reconnect into a countdown. */
export function connectionLabel(state: ConnectionState, now: number): ConnectionLabel {
  switch (state.status) {
    case 'idle':
      return { text: 'not connected', tone: 'muted' };
    case 'open':
      return { text: 'open', tone: 'ok' };
    case 'connecting':
      return { text: state.attempt > 0 ? `connecting, attempt ${state.attempt}` : 'connecting', tone: 'warn' };
    case 'reconnecting': {
      const seconds = Math.max(0, state.retryAt - now) / 1000;
      return { text: `reconnecting in ${seconds.toFixed(1)} s, attempt ${state.attempt}`, tone: 'warn' };
    }
    case 'closed':
      return { text: state.reason === '' ? 'closed' : `closed: ${state.reason}`, tone: 'error' };
  }
}
