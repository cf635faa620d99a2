import type { TransportKind } from '../../protocol/index.js';
import type { ServerKind } from '../processes/server-host-protocol.js';

/** What `--transports` picks from: the four transports, short polling twice, and the bare baseline. */
export const BENCH_TRANSPORTS = ['poll', 'poll-keepalive', 'longpoll', 'sse', 'ws', 'baseline'] as const;
export type BenchTransport = (typeof BENCH_TRANSPORTS)[number];

/** How the clients of one bench transport are made, and which server they talk to. */
export interface ClientSetup {
  readonly transport: TransportKind;
  readonly keepalive: boolean;
  readonly server: ServerKind;
}

/** The createClient options and server kind behind a bench transport name. */
export function clientSetup(kind: BenchTransport): ClientSetup {
  switch (kind) {
    case 'poll':
      return { transport: 'poll', keepalive: false, server: 'termchat' };
    case 'poll-keepalive':
      return { transport: 'poll', keepalive: true, server: 'termchat' };
    case 'baseline':
      // The same WebSocket clients, pointed at the bare server.
      return { transport: 'ws', keepalive: false, server: 'baseline' };
    default:
      return { transport: kind, keepalive: false, server: 'termchat' };
  }
}

/** Headings for the per-transport tables. */
export const TRANSPORT_TITLES: Readonly<Record<BenchTransport, string>> = {
  poll: 'SHORT POLLING (a new TCP connection per request, as in the study)',
  'poll-keepalive': 'SHORT POLLING with keep-alive (one connection reused)',
  longpoll: 'LONG POLLING',
  sse: 'SERVER-SENT EVENTS (sends by POST)',
  ws: 'WEBSOCKET (termchat)',
  baseline: 'BASELINE (bare ws broadcast server: no history, validation or stats)',
};

/** Short names for columns and chart legends. */
export const TRANSPORT_SHORT: Readonly<Record<BenchTransport, string>> = {
  poll: 'poll',
  'poll-keepalive': 'poll-ka',
  longpoll: 'longpoll',
  sse: 'sse',
  ws: 'ws',
  baseline: 'baseline',
};

/** Whether the transport polls, so that "wasted %" means something for it. */
export function polls(kind: BenchTransport): boolean {
  return kind === 'poll' || kind === 'poll-keepalive' || kind === 'longpoll';
}
