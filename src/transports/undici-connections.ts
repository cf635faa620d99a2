import { createRequire } from 'node:module';
import type { Socket } from 'node:net';
import type { Client, Dispatcher, Pool } from 'undici';
import { dialOptions } from './dial.js';
import type { AnswerSink, HttpConnections, HttpRequest } from './http.js';
import type { DialTarget } from './types.js';
import type { Meter } from './wire.js';

type Undici = typeof import('undici');
let undici: Undici | undefined;

/**
 * undici, loaded the first time an HTTP transport is made: its request path costs far less CPU
 * than node:http's (which is what a process of a hundred pollers spends its time on), but
 * loading it takes time that a WebSocket chat should not wait for at start (bench/README.md has
 * the figures).
 */
function loadUndici(): Undici {
  undici ??= createRequire(import.meta.url)('undici') as Undici;
  return undici;
}

/**
 * Connections through an undici pool: the cheapest request path, for the requests a transport
 * makes all the time (polls, the event stream). Before reusing an idle keep-alive connection,
 * undici waits for the event loop's next check phase to see whether the server closed it
 * meanwhile; polls do not mind, sends do (see NodeConnections). While it waits the connection
 * counts as busy, so an unbounded pool opens a second one for the next request; `maxConnections`
 * 1 makes that request wait for the first instead, for requests made one at a time (long polls).
 *
 * The pool's connections are made one by one here, so that the wire view can be told which
 * socket a request was written on: each connection's current socket is kept, and a request the
 * wire view watches notes the connection the pool gave it.
 */
export class UndiciConnections implements HttpConnections {
  readonly #keepAlive: boolean;
  readonly #pool: Pool;
  /** Each connection's socket, from its (re)connect. */
  readonly #socketOf = new WeakMap<Dispatcher, Socket>();
  /** Requests the wire view watches, by their dispatch options: told which connection takes them. */
  readonly #watched = new WeakMap<object, (client: Dispatcher) => void>();

  constructor(server: URL, keepAlive: boolean, meter: Meter, { maxConnections, dial }: { readonly maxConnections?: number; readonly dial?: DialTarget | undefined } = {}) {
    const { Pool, Client, buildConnector } = loadUndici();
    // With a relay to dial, only the address changes: the pool's origin (the Host header) and TLS's name stay the server's.
    const to = dial === undefined ? undefined : dialOptions(server, dial);
    const connect = buildConnector(to === undefined ? {} : { checkServerIdentity: to.checkServerIdentity });
    this.#keepAlive = keepAlive;
    this.#pool = new Pool(server.origin, {
      factory: (origin, options) => {
        const client: Client = new Client(origin, {
          ...(options as Client.Options),
          connect: (connectOptions, callback) => {
            // undici hands the socket over connected: its handshake is timed here, on the process's clock, as real sockets are.
            const since = performance.now();
            const target = to === undefined ? connectOptions : { ...connectOptions, hostname: to.host, port: String(to.port), servername: to.servername ?? '' };
            connect(target, (...connected) => {
              if (connected[0] === null) {
                this.#socketOf.set(client, connected[1] as Socket);
                meter.track(connected[1] as Socket, performance.now() - since);
              }
              callback(...connected);
            });
          },
        });
        const dispatch = client.dispatch.bind(client);
        client.dispatch = (dispatched, handler) => {
          this.#watched.get(dispatched)?.(client);
          return dispatch(dispatched, handler);
        };
        return client;
      },
      // Each exchange has a timeout of its own, and a stream's silence is its transport's watchdog's to judge.
      headersTimeout: 0,
      bodyTimeout: 0,
      connections: maxConnections ?? null,
    });
  }

  send(request: HttpRequest, sink: AnswerSink): (reason: Error) => void {
    let controller: Dispatcher.DispatchController | undefined;
    let aborted: Error | undefined;
    let client: Dispatcher | undefined;
    const options: Dispatcher.DispatchOptions = { path: request.path, method: request.method, headers: request.headers, body: request.body ?? null, reset: !this.#keepAlive };
    const { sent } = sink;
    if (sent !== undefined) this.#watched.set(options, (taken) => (client = taken));
    this.#pool.dispatch(options, {
        onRequestStart: (started) => {
          controller = started;
          // Aborted while it waited for a connection: it goes no further.
          if (aborted !== undefined) return void started.abort(aborted);
          // Called as the request is about to be written, which the rest of this turn does.
          const socket = client === undefined ? undefined : this.#socketOf.get(client);
          if (sent !== undefined && socket !== undefined) queueMicrotask(() => sent(socket));
        },
        onResponseStart: (_, status, headers) => sink.head(status, headers),
        onResponseData: (_, chunk) => sink.data(chunk),
        onResponseEnd: () => sink.end(),
        onResponseError: (_, error) => sink.error(error),
      });
    return (reason) => {
      aborted = reason;
      controller?.abort(reason);
    };
  }

  destroy(): void {
    this.#pool.destroy().catch(() => {});
  }
}
