import type { Socket } from 'node:net';
import type { WireTap } from './wire-tap.js';

/**
 * What a transport reports about its traffic. Counting is not tied to the transport's lifetime:
 * bytes a dying transport moved were still on the wire.
 */
export interface Meter {
  /**
   * A socket the transport uses: its connect is counted once and its bytes read from the socket
   * itself. `connectMs`, for a socket handed over already connected, is how long its connect took.
   */
  track(socket: Socket, connectMs?: number): void;
  /** An HTTP request went out (a poll, a POST, a stream open, a WebSocket upgrade). */
  request(): void;
  /** A poll was answered, with or without messages. */
  poll(empty: boolean): void;
  /** A WebSocket ping came back after `ms`. */
  pingRtt(ms: number): void;
  /**
   * The wire view's tap while someone watches the events, undefined otherwise: transports tell it
   * what they do only then, so that traffic nobody watches costs nothing more than its counting.
   */
  readonly wire: WireTap | undefined;
}

/** A client's TCP connections and bytes on the wire, both ways, so far. */
export interface WireTotals {
  readonly connections: number;
  bytes(): { sent: number; received: number };
}
