import type { Socket } from 'node:net';
import type { TransportKind } from '../protocol/plain.js';

/** One socket a client opened: what the wire view knows of it, and how many of its bytes events have told. */
export interface TrackedSocket {
  readonly socket: Socket;
  /** Numbered from 1 in the order the client's sockets were tracked. */
  readonly conn: number;
  readonly transport: TransportKind;
  /** When its connect began, on the client's clock. */
  readonly connectingSince: number;
  toldSent: number;
  toldReceived: number;
}

/** Told when a tracked socket connects and when it closes. */
export interface SocketWatcher {
  connected(tracked: TrackedSocket): void;
  closed(tracked: TrackedSocket): void;
}

/**
 * TCP connections and bytes, measured rather than estimated: every socket a transport opens is
 * tracked, a connection counts when its 'connect' fires, and bytes are the socket's own
 * `bytesWritten`/`bytesRead` — request lines, headers, chunked framing, WebSocket frame headers
 * and masks, the upgrade handshake, pings: everything TCP carried for us.
 *
 * The same counts feed the wire view: each socket keeps how many of its bytes events have told,
 * and an event takes the bytes after those (`claim`), so that events never tell a byte twice nor
 * leave one out, and add up to these totals.
 */
export class SocketTally {
  #connections = 0;
  #numbered = 0;
  #closedSent = 0;
  #closedReceived = 0;
  /** Every socket ever tracked, so that one handed over again is counted once and an event after its close still finds it. */
  readonly #tracked = new WeakMap<Socket, TrackedSocket>();
  readonly #live = new Set<TrackedSocket>();
  /** The wire view, while someone watches. */
  watcher: SocketWatcher | undefined;

  track(socket: Socket, transport: TransportKind, connectingSince: number): void {
    // Keep-alive sockets are handed to many requests; count each one once.
    if (this.#tracked.has(socket)) return;
    const tracked: TrackedSocket = { socket, conn: ++this.#numbered, transport, connectingSince, toldSent: 0, toldReceived: 0 };
    this.#tracked.set(socket, tracked);
    this.#live.add(tracked);
    const connected = (): void => {
      this.#connections++;
      this.watcher?.connected(tracked);
    };
    if (socket.connecting) socket.once('connect', connected);
    else if (!socket.destroyed) connected();
    socket.once('close', () => {
      this.watcher?.closed(tracked);
      this.#live.delete(tracked);
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
    for (const { socket } of this.#live) {
      sent += socket.bytesWritten;
      received += socket.bytesRead;
    }
    return { sent, received };
  }

  /** The record of a tracked socket, closed or not. */
  find(socket: Socket): TrackedSocket | undefined {
    return this.#tracked.get(socket);
  }

  /** Everything the live sockets moved so far counts as told: the wire view starts watching from here. */
  markAllTold(): void {
    for (const tracked of this.#live) {
      tracked.toldSent = tracked.socket.bytesWritten;
      tracked.toldReceived = tracked.socket.bytesRead;
    }
  }
}

/**
 * Takes up to `most` of the bytes a socket moved one way that no event has told yet, and marks
 * them told; Infinity takes them all.
 */
export function claim(tracked: TrackedSocket, way: 'sent' | 'received', most: number): number {
  const { socket } = tracked;
  if (way === 'sent') {
    const taken = Math.max(0, Math.min(most, socket.bytesWritten - tracked.toldSent));
    tracked.toldSent += taken;
    return taken;
  }
  const taken = Math.max(0, Math.min(most, socket.bytesRead - tracked.toldReceived));
  tracked.toldReceived += taken;
  return taken;
}
