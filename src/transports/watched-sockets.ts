import type { Socket } from 'node:net';
import type { TransportKind } from '../protocol/plain.js';
import { SocketTally } from './socket-tally.js';
import type { SocketCounting } from './stats.js';
import type { Clock } from './types.js';
import type { WireListener } from './wire-events.js';
import { WireTap } from './wire-tap.js';

/**
 * A Node client's sockets: counted (SocketTally), and told to the wire view by a tap that exists
 * only while someone listens, so that a chat nobody inspects pays nothing for it. Where sockets
 * cannot be seen (a web page), a client carries neither.
 */
export class WatchedSockets implements SocketCounting {
  readonly #tally = new SocketTally();
  #tap: WireTap | undefined;

  track(socket: Socket, transport: TransportKind, connectingSince: number): void {
    this.#tally.track(socket, transport, connectingSince);
  }

  get connections(): number {
    return this.#tally.connections;
  }

  bytes(): { sent: number; received: number } {
    return this.#tally.bytes();
  }

  get tap(): WireTap | undefined {
    return this.#tap;
  }

  watch(listener: WireListener, clock: Clock, transport: () => TransportKind): () => void {
    this.#tap ??= new WireTap(this.#tally, clock, transport);
    const tap = this.#tap;
    const unlisten = tap.listen(listener);
    return () => {
      unlisten();
      if (tap.listening || this.#tap !== tap) return;
      tap.detach();
      this.#tap = undefined;
    };
  }
}
