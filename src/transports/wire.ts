import type { Socket } from 'node:net';

/**
 * What a transport reports about its traffic. Counting is not tied to the transport's lifetime:
 * bytes a dying transport moved were still on the wire.
 */
export interface Meter {
  /** A socket the transport uses: its connect is counted once and its bytes read from the socket itself. */
  track(socket: Socket): void;
  /** An HTTP request went out (a poll, a POST, a stream open, a WebSocket upgrade). */
  request(): void;
  /** A poll was answered, with or without messages. */
  poll(empty: boolean): void;
  /** A WebSocket ping came back after `ms`. */
  pingRtt(ms: number): void;
}

/** A client's TCP connections and bytes on the wire, both ways, so far. */
export interface WireTotals {
  readonly connections: number;
  bytes(): { sent: number; received: number };
}

/**
 * TCP connections and bytes, measured rather than estimated: every socket a transport opens is
 * tracked, a connection counts when its 'connect' fires, and bytes are the socket's own
 * `bytesWritten`/`bytesRead` — request lines, headers, chunked framing, WebSocket frame headers
 * and masks, the upgrade handshake, pings: everything TCP carried for us.
 */
export class SocketTally implements WireTotals {
  #connections = 0;
  #closedSent = 0;
  #closedReceived = 0;
  readonly #seen = new WeakSet<Socket>();
  readonly #live = new Set<Socket>();

  track(socket: Socket): void {
    // Keep-alive sockets are handed to many requests; count each one once.
    if (this.#seen.has(socket)) return;
    this.#seen.add(socket);
    this.#live.add(socket);
    if (socket.connecting) socket.once('connect', () => this.#connections++);
    else if (!socket.destroyed) this.#connections++;
    socket.once('close', () => {
      this.#live.delete(socket);
      this.#closedSent += socket.bytesWritten;
      this.#closedReceived += socket.bytesRead;
    });
  }

  get connections(): number {
    return this.#connections;
  }

  bytes(): { sent: number; received: number } {
    let sent = this.#closedSent;
    let received = this.#closedReceived;
    for (const socket of this.#live) {
      sent += socket.bytesWritten;
      received += socket.bytesRead;
    }
    return { sent, received };
  }
}
