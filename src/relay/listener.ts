import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import type { RelayClock } from './clock.js';

/** The relay answers on loopback only: it is a tool for this machine's clients, never a way in from elsewhere. */
export const RELAY_HOST = '127.0.0.1';

/**
 * After `down`, how long to wait before trying the port again when something took it meanwhile: a
 * port handed out for port 0 is an ephemeral one, which a client retrying it can even be given as
 * its own source port, and so connect to itself until it gives up.
 */
const RETRY_MS = 100;

/**
 * The relay's listening socket. `down` shuts it, so that a client's connect is refused by the
 * kernel (ECONNREFUSED) as by a machine with nothing on the port, not accepted and reset; it
 * comes back on the same port. Connections it accepted are the relay's, and outlive it.
 */
export class Listener {
  readonly #clock: RelayClock;
  readonly #onConnection: (socket: Socket) => void;
  #port: number;
  #server: Server | undefined;
  #retry: unknown;
  #closed = false;

  constructor(port: number, onConnection: (socket: Socket) => void, clock: RelayClock) {
    this.#port = port;
    this.#onConnection = onConnection;
    this.#clock = clock;
  }

  /** The port listened on, once `open` resolved: the one asked for, or the one the system gave for 0. */
  get port(): number {
    return this.#port;
  }

  /** Listens; rejects when the port cannot be had (EADDRINUSE, EACCES). */
  open(): Promise<void> {
    const server = createServer({ allowHalfOpen: true }, (socket) => this.#onConnection(socket));
    this.#server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host: RELAY_HOST, port: this.#port }, () => {
        server.off('error', reject);
        // A failed accept (too many open files) is the connecting client's failure, not the relay's.
        server.on('error', () => {});
        // Shut while the address was being bound: not wanted any more.
        if (this.#server !== server) return void server.close(() => resolve());
        this.#port = (server.address() as AddressInfo).port;
        resolve();
      });
    });
  }

  /** Stops accepting: connects are refused from now on. */
  shut(): void {
    if (this.#retry !== undefined) this.#clock.clearTimeout(this.#retry);
    this.#retry = undefined;
    this.#server?.close();
    this.#server = undefined;
  }

  /** Accepts again, on the same port, trying until it has it; nothing when already listening. */
  reopen(): void {
    if (this.#server !== undefined || this.#retry !== undefined || this.#closed) return;
    this.open().catch(() => {
      this.#server = undefined;
      if (this.#closed) return;
      this.#retry = this.#clock.setTimeout(() => {
        this.#retry = undefined;
        this.reopen();
      }, RETRY_MS);
    });
  }

  /** Shuts for good; resolves once the listening socket is closed. */
  close(): Promise<void> {
    this.#closed = true;
    const server = this.#server;
    this.shut();
    return new Promise((resolve) => (server === undefined || !server.listening ? resolve() : server.once('close', () => resolve())));
  }
}
