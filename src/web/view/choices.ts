import type { TransportKind } from '../../protocol/plain.js';

/** The transports as the page names them: each by the browser API it uses. */
export const TRANSPORT_NAMES: Readonly<Record<TransportKind, string>> = {
  ws: 'WebSocket',
  sse: 'SSE (EventSource)',
  longpoll: 'long poll (fetch)',
  poll: 'short poll (fetch)',
};

/** The short-poll intervals the page offers, ms; a link may ask for any from 50 ms to 10 minutes. */
export const INTERVALS: readonly number[] = [250, 500, 1000, 2000, 5000];

/** The interval choices, with the one in use among them however a link set it, shortest first. */
export function intervalChoices(current: number): number[] {
  return [...new Set([...INTERVALS, current])].sort((a, b) => a - b);
}

/** "250 ms", "2 s". */
export function intervalLabel(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${ms / 1000} s`;
}
