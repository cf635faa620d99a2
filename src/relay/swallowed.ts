import type { Socket } from 'node:net';
import type { LaneTally } from './lane.js';

/**
 * A connection accepted during a blackhole: its bytes are read and dropped and nothing of it
 * reaches the server, not even the connect, as behind a pulled cable. It is torn from the start:
 * when the blackhole ends it is reset, since its client believes in a connection the server
 * never saw.
 */
export class SwallowedConnection {
  readonly torn = true;
  readonly #socket: Socket;

  constructor(socket: Socket, up: LaneTally, gone: (connection: SwallowedConnection) => void) {
    this.#socket = socket;
    socket.on('data', (chunk: Buffer) => (up.dropped += chunk.length));
    // Its client gave up on it: nothing can reach that client now, and a blackhole that lasts
    // while clients retry must not keep a socket open for every attempt.
    socket.on('end', () => socket.destroy());
    socket.on('error', () => {});
    socket.on('close', () => gone(this));
  }

  /** Nothing is held, so there is nothing to time again. */
  reschedule(): void {}

  reset(): void {
    if (!this.#socket.destroyed) this.#socket.resetAndDestroy();
  }

  destroy(): void {
    this.#socket.destroy();
  }
}
