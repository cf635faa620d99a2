import { connect, type Socket } from 'node:net';
import { Lane, type LaneDeps, type LaneTally } from './lane.js';

/** Where the relay connects each client to. */
export interface Upstream {
  readonly host: string;
  readonly port: number;
}

/** What a pair needs of its relay: the lanes' shared parts, a tally per direction, and word of its end. */
export interface PairDeps {
  readonly lane: Omit<LaneDeps, 'tally'>;
  readonly up: LaneTally;
  readonly down: LaneTally;
  readonly gone: (pair: RelayedPair) => void;
  /** Hold the client's first bytes one more round trip, for TCP's handshake (see LaneDeps.handshake). */
  readonly handshake: boolean;
}

/**
 * One client's connection and the relay's connection to the server on its behalf, joined by two
 * lanes: up (client → server) and down. Each side's end (FIN) is passed on in order behind its
 * bytes, half-open allowed, as TCP would; an error on one side resets the other, as a reset
 * crosses a router. The pair is gone once both sockets have closed.
 */
export class RelayedPair {
  readonly #client: Socket;
  readonly #server: Socket;
  readonly #up: Lane;
  readonly #down: Lane;
  #open = 2;

  constructor(client: Socket, to: Upstream, deps: PairDeps) {
    this.#client = client;
    this.#server = connect({ host: to.host, port: to.port, allowHalfOpen: true });
    // Nagle would hold small chunks back for a round trip on top of the relay's own delay.
    client.setNoDelay(true);
    this.#server.setNoDelay(true);
    this.#up = new Lane(client, this.#server, { ...deps.lane, tally: deps.up, handshake: deps.handshake });
    this.#down = new Lane(this.#server, client, { ...deps.lane, tally: deps.down });
    this.#join(client, this.#up, this.#server, deps);
    this.#join(this.#server, this.#down, client, deps);
  }

  /** Whether a blackhole dropped bytes of this connection, so that its streams have a hole. */
  get torn(): boolean {
    return this.#up.torn || this.#down.torn;
  }

  /** The condition changed: each lane times what it holds again, or drops it. */
  reschedule(): void {
    this.#up.reschedule();
    this.#down.reschedule();
  }

  /** Both sides reset (RST), as a router that lost the connection would have them. */
  reset(): void {
    this.#stop();
    for (const socket of [this.#client, this.#server]) if (!socket.destroyed) resetSocket(socket);
  }

  /** Both sides closed, for the relay's own close. */
  destroy(): void {
    this.#stop();
    this.#client.destroy();
    this.#server.destroy();
  }

  #join(from: Socket, lane: Lane, to: Socket, deps: PairDeps): void {
    from.on('data', (chunk: Buffer) => lane.push(chunk));
    from.on('end', () => lane.end());
    from.on('error', () => {
      this.#stop();
      if (!to.destroyed) resetSocket(to);
    });
    from.on('close', () => {
      if (--this.#open > 0) return;
      this.#stop();
      deps.gone(this);
    });
  }

  #stop(): void {
    this.#up.close();
    this.#down.close();
  }
}

/**
 * RST instead of FIN. A socket still connecting has no connection to reset yet (Node would reset
 * it once connected), so it is simply destroyed: the server never hears of it.
 */
function resetSocket(socket: Socket): void {
  if (socket.connecting) socket.destroy();
  else socket.resetAndDestroy();
}
